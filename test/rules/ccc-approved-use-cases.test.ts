// ccc-approved-use-cases: a deployment declares only use cases the organization's Azure OpenAI access was
// approved for (approvedUseCases; the default approves every use case).
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

const RULE = "ccc-approved-use-cases";
const approved = (approvedUseCases: unknown) => ({ [RULE]: { approvedUseCases } });
const onUseCases = (useCases: unknown, model: string, config = {}) =>
  evaluate(
    [
      account("oai", { tags: { "ccc-use-case": useCases } }),
      policy("strict", COMPLIANT_FILTERS),
      deployment("chat", { raiPolicyName: "strict", model }),
    ],
    config,
  );
const violation = (
  declares: string,
  list: string,
  tagAs: string,
  declare = "tag the deployment (or its account, as a default) with",
) => ({
  resource: "chat",
  verdict: "violation",
  level: "mandatory",
  message: `Deployment "chat" declares ${declares}, which the organization is not approved for (approved: ${list}). Each extra use case needs its own approval.`,
  fix: `Record the approval in ccc-approved-use-cases.approvedUseCases once granted, or ${declare} "ccc-use-case": "${tagAs}", or set ccc-organization-config.defaultUseCases.`,
});

describe("use cases without an approval", () => {
  it("names the extra use cases and the approved ones", () => {
    const result = onUseCases(
      "text-generation,code-generation,speech",
      "gpt-4o-audio-preview",
      approved(["text-generation", "image-generation"]),
    );
    expect(result.reported(RULE)).toEqual([
      violation("code-generation, speech", "text-generation, image-generation", "text-generation"),
    ]);
  });

  it("with nothing approved, every use case is extra", () => {
    expect(onUseCases("text-generation", "gpt-4o", approved([])).reported(RULE)).toEqual([
      violation("text-generation", "none", "other"),
    ]);
  });

  it("a secret declaration is not listed", () => {
    expect(onUseCases(secret("image-generation"), "dall-e-3", approved(["text-generation"])).reported(RULE)).toEqual([
      violation("[secret] use cases", "text-generation", "text-generation"),
    ]);
  });

  it("judges the use cases after narrowing to what the model produces", () => {
    // dall-e-3 cannot produce text: the declared text-generation is dropped, image-generation is not approved.
    expect(
      onUseCases("text-generation,image-generation", "dall-e-3", approved(["text-generation"])).reported(RULE),
    ).toEqual([violation("image-generation", "text-generation", "text-generation")]);
  });

  it("classic and AI Foundry hub programs declare on the account or workspace", () => {
    const classic = evaluate(
      [
        classicAccount("oai", { tags: { "ccc-use-case": "speech" } }),
        classicPolicy("strict", []),
        classicDeployment("chat", { raiPolicyName: "strict", model: "whisper" }),
      ],
      approved(["text-generation"]),
    );
    expect(classic.reported(RULE)).toEqual([
      violation(
        "speech",
        "text-generation",
        "text-generation",
        "azurerm deployments take no tags: tag the azure.cognitive.Account (or the AccountRaiPolicy it uses) with",
      ),
    ]);
    const hub = evaluate(
      [
        workspace("hub", { tags: { "ccc-use-case": "code-generation" } }),
        hubPolicy("strict", COMPLIANT_FILTERS),
        hubDeployment("chat", { raiPolicyName: "strict" }),
      ],
      approved(["text-generation"]),
    );
    expect(hub.reported(RULE)).toEqual([
      violation(
        "code-generation",
        "text-generation",
        "text-generation",
        "hub deployments take no tags: tag the machinelearningservices.Workspace with",
      ),
    ]);
  });
});

describe("passes", () => {
  it("every use case is approved by default", () => {
    const result = onUseCases("text-generation,code-generation,image-generation,speech,other", "gpt-4o-audio-preview");
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).verdict).toBe("pass");
  });

  it("approved use cases in any order", () => {
    expect(
      onUseCases(
        "text-generation,code-generation",
        "gpt-4o",
        approved(["code-generation", "speech", "text-generation"]),
      ).reported(RULE),
    ).toEqual([]);
  });

  it("use cases that are not known yet are left to ccc-use-case-declared", () => {
    const result = onUseCases(UNKNOWN, "gpt-4o", approved([]));
    expect(result.reported(RULE)).toEqual([]);
    expect(result.pairs("undecided")).toEqual(["ccc-use-case-declared chat", "ccc-use-case-declared oai"]);
  });
});

it("an approvedUseCases entry that is not a use case is a config error naming the key; the default applies", () => {
  const result = onUseCases("text-generation,code-generation", "gpt-4o", approved(["text-generation", "chat"]));
  expect(result.configErrors).toEqual([
    'ccc-approved-use-cases.approvedUseCases[1]: must be one of "text-generation", "code-generation", "image-generation", "speech", "other", got "chat"; the default ["text-generation","code-generation","image-generation","speech","other"] is used',
  ]);
  expect(result.reported(RULE)).toEqual([]);
});

policyLevelCases({
  rule: RULE,
  config: approved(["text-generation"]),
  steps: [
    step.account("oai", { "ccc-use-case": "text-generation,code-generation" }),
    step.policy("strict", ALL_FILTERS),
    step.deployment("chat", { policy: "strict" }),
  ],
  resource: "chat",
  message: violation("code-generation", "text-generation", "text-generation").message,
  fix: violation("code-generation", "text-generation", "text-generation").fix,
  defaultLevel: "mandatory",
  previewPhase: "analyzeStack",
  badConfig: { approved: ["code-generation"] },
  badConfigError: `${RULE}: unknown config key "approved"; allowed keys are approvedUseCases`,
});
