// ccc-covered-model (advisory): a deployment whose model is not Azure OpenAI has no CCC coverage (and the
// filter rules do not apply to it); declared use cases the model cannot produce are narrowed away, with a note.
import {
  COMPLIANT_FILTERS,
  UNKNOWN,
  account,
  classicAccount,
  classicDeployment,
  classicPolicy,
  deployment,
  evaluate,
  hubDeployment,
  hubPolicy,
  policy,
  secret,
  workspace,
} from "../support/stack";
import { ALL_FILTERS, policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-covered-model";
const FORMATS =
  "Microsoft Learn: Foundry Models sold directly by Azure (providers and model.format) (2026-02-12), https://learn.microsoft.com/azure/ai-foundry/foundry-models/concepts/models-sold-directly-by-azure";
const MODELS = "Microsoft Learn: Azure OpenAI in Foundry Models (models and their input/output)";
const FIX =
  "Deploy an Azure OpenAI model for output that needs the CCC's indemnity, or accept this advisory for models outside it.";
const uncovered = (model: string, format: string, name = "chat") =>
  `Deployment "${name}" deploys ${model} with model.format ${format}, which is not Azure OpenAI: the CCC's required mitigations address Azure OpenAI only, so no copyright indemnity can be shown for this deployment's output (coverage of other models is set by the Microsoft Product Terms; formats per ${FORMATS}). The pack's content filter rules do not apply to it.`;
const FILTER_RULES = [
  "ccc-explicit-rai-policy",
  "ccc-text-protected-material-filter",
  "ccc-jailbreak-filter-mode",
  "ccc-code-protected-material-filter",
  "ccc-async-filter-coverage",
];

const onModel = (model: string, format: unknown, useCases = "text-generation,code-generation", config = {}) =>
  evaluate(
    [
      account("oai", { tags: { "ccc-use-case": useCases } }),
      policy("strict", []),
      deployment("chat", { raiPolicyName: "strict", model, format }),
    ],
    config,
  );

describe("models that are not Azure OpenAI", () => {
  it.each([
    ["Mistral-Large-2411", "Mistral AI"],
    ["Llama-3.3-70B-Instruct", "meta"],
    ["DeepSeek-R1", "DeepSeek"],
    ["Phi-4", " Microsoft "],
  ])("%s (%s): no indemnity, an advisory violation, and no filter rule applies", (model, format) => {
    const result = onModel(model, format);
    expect(result.reported(RULE)).toEqual([
      {
        resource: "chat",
        verdict: "violation",
        level: "advisory",
        message: uncovered(`"${model}"`, `"${format}"`),
        fix: FIX,
      },
    ]);
    for (const rule of FILTER_RULES) {
      expect(result.verdict("chat", rule).notApplicable).toBe(
        "the deployment's model is not Azure OpenAI (see ccc-covered-model)",
      );
    }
    expect(result.subject("chat").compliant).toBe(true);
  });

  it("model and format from secrets are not quoted", () => {
    const result = onModel(secret("Mistral-Large-2411") as never, secret("Mistral AI"));
    expect(result.reported(RULE).map((f) => f.message)).toEqual([uncovered("[secret]", "[secret]")]);
  });

  it("classic and AI Foundry hub deployments alike", () => {
    const classic = evaluate([
      classicAccount("oai"),
      classicPolicy("strict", []),
      classicDeployment("chat", { raiPolicyName: "strict", model: "DeepSeek-R1", format: "DeepSeek" }),
    ]);
    expect(classic.reported(RULE).map((f) => f.message)).toEqual([uncovered('"DeepSeek-R1"', '"DeepSeek"')]);
    const hub = evaluate([
      workspace("hub"),
      hubPolicy("strict", []),
      hubDeployment("chat", { raiPolicyName: "strict", model: "Mistral-Large-2411", format: "Mistral AI" }),
    ]);
    expect(hub.reported(RULE).map((f) => f.message)).toEqual([uncovered('"Mistral-Large-2411"', '"Mistral AI"')]);
  });

  it("OpenAI, an absent format and a format the table does not list are treated as Azure OpenAI (fail closed)", () => {
    for (const format of ["OpenAI", undefined, "OpenAI-OSS", "Contoso"]) {
      const result = onModel("gpt-4o", format);
      expect(result.reported(RULE)).toEqual([]);
      expect(result.pairs()).toContain("ccc-text-protected-material-filter chat");
    }
  });

  it("a format that is not known leaves coverage undecided for the filter rules, not for this rule", () => {
    const result = onModel("gpt-4o", UNKNOWN);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.pairs("undecided")).toEqual(["ccc-text-protected-material-filter chat"]);
  });

  it("set to mandatory, it blocks", () => {
    const result = onModel("Mistral-Large-2411", "Mistral AI", "text-generation", { [RULE]: "mandatory" });
    expect(result.pairs()).toEqual([`${RULE} chat`]);
    expect(result.subject("chat").compliant).toBe(false);
  });
});

describe("declared use cases the model cannot produce", () => {
  const narrowed = (message: string) => [{ resource: "chat", verdict: "note", level: "advisory", message }];

  it("embeddings produce no content output", () => {
    expect(onModel("text-embedding-3-large", "OpenAI", "text-generation").reported(RULE)).toEqual(
      narrowed(
        `Deployment "chat": the declared text-generation does not apply, because model text-embedding-* (embeddings: vectors, no content output) produces no content output (${MODELS}). It is checked for no use case with a content filter requirement.`,
      ),
    );
    expect(onModel("text-embedding-3-large", "OpenAI").reported(RULE)).toEqual(
      narrowed(
        `Deployment "chat": the declared text-generation, code-generation do not apply, because model text-embedding-* (embeddings: vectors, no content output) produces no content output (${MODELS}). It is checked for no use case with a content filter requirement.`,
      ),
    );
  });

  it("image models are image generation; whisper is speech", () => {
    expect(onModel("dall-e-3", "OpenAI", "text-generation,image-generation").reported(RULE)).toEqual(
      narrowed(
        `Deployment "chat": the declared text-generation does not apply, because model dall-e-* (image generation) produces image-generation only (${MODELS}). It is checked for image-generation.`,
      ),
    );
    expect(onModel("whisper", "OpenAI", "text-generation,speech").reported(RULE)).toEqual(
      narrowed(
        `Deployment "chat": the declared text-generation does not apply, because model whisper (speech to text (OpenAI Whisper)) produces speech only (${MODELS}). It is checked for speech.`,
      ),
    );
  });

  it("a model the table does not know is judged as producing text and code; the note names the model table", () => {
    expect(
      onModel("contoso-chat-7b", "OpenAI", "text-generation,image-generation,code-generation").reported(RULE),
    ).toEqual(
      narrowed(
        `Deployment "chat": the declared image-generation does not apply, because a model the pack's table does not know produces text-generation and code-generation only (the model table). It is checked for text-generation, code-generation.`,
      ),
    );
  });

  it("a secret declaration is not listed", () => {
    const result = onModel("dall-e-3", "OpenAI", secret("code-generation,image-generation") as never);
    expect(result.reported(RULE).map((f) => f.message)).toEqual([
      `Deployment "chat": the declared [secret] use cases do not apply, because model dall-e-* (image generation) produces [secret] only (${MODELS}). It is checked for [secret].`,
    ]);
  });

  it("no note when nothing is dropped, or when the whole declaration is overridden (ccc-use-case-declared reports that)", () => {
    expect(onModel("gpt-4o", "OpenAI", "text-generation,other").reported(RULE)).toEqual([]);
    const overridden = onModel("gpt-4o", "OpenAI", "image-generation");
    expect(overridden.reported(RULE)).toEqual([]);
    expect(overridden.of("ccc-use-case-declared").map((f) => f.verdict)).toEqual(["violation"]);
  });

  it("a model name that is not known cannot be narrowed", () => {
    expect(onModel(UNKNOWN, "OpenAI", "text-generation,image-generation").reported(RULE)).toEqual([]);
  });
});

it("a covered model with a declaration it can produce passes", () => {
  const result = evaluate([
    account("oai", { tags: { "ccc-use-case": "text-generation" } }),
    policy("strict", COMPLIANT_FILTERS),
    deployment("chat", { raiPolicyName: "strict" }),
  ]);
  expect(result.verdict("chat", RULE)).toMatchObject({ verdict: "pass", findings: [], notes: [] });
});

policyLevelCases({
  rule: RULE,
  steps: [
    step.account("oai", { "ccc-use-case": "text-generation" }),
    step.policy("strict", ALL_FILTERS),
    step.deployment("chat", { policy: "strict", model: "Mistral-Large-2411", format: "Mistral AI" }),
  ],
  resource: "chat",
  message: uncovered('"Mistral-Large-2411"', '"Mistral AI"'),
  fix: FIX,
  defaultLevel: "advisory",
  previewPhase: "analyze",
  badConfig: { formats: ["Mistral AI"] },
  badConfigError: `${RULE}: unknown config key "formats"; this policy takes no config`,
});
