// ccc-explicit-rai-policy: a text- or code-generation deployment names a policy whose filters can be checked:
// its own, or a Microsoft-managed one by its documented contents when the organization accepts them; never
// the undocumented policy the service assigns when none is named. It owns the "no policy to check" problem.
import {
  COMPLIANT_FILTERS,
  account,
  classicAccount,
  classicDeployment,
  deployment,
  evaluate,
  hubDeployment,
  policy,
  UNKNOWN,
  workspace,
} from "../support/stack";
import { policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-explicit-rai-policy";
const TEXT = { tags: { "ccc-use-case": "text-generation" } };
const ACCEPT = { "ccc-organization-config": { acceptMicrosoftDefaultPolicy: true } };
const TERRAFORM =
  'Terraform azurerm issue 32061, "azurerm_cognitive_deployment rai_policy default is no longer the default" (2026-03-27), https://github.com/hashicorp/terraform-provider-azurerm/issues/32061';
const WHATS_NEW =
  'Microsoft Learn: What\'s new in Azure OpenAI, July 2024, "New Responsible AI default content filtering policy" (2025-04-16), https://learn.microsoft.com/azure/ai-services/openai/whats-new';
const ATTACH = {
  "azure-native":
    "create a cognitiveservices.RaiPolicy on the deployment's account with the required filters and set the deployment's properties.raiPolicyName: policy.name",
  classic:
    "create an azure.cognitive.AccountRaiPolicy (cognitiveAccountId: account.id) with the required filters and set the Deployment's raiPolicyName: policy.name",
  "foundry-hub":
    "create a machinelearningservices.RaiPolicy on the same workspace and endpoint (or a ConnectionRaiPolicy on the same connection) with the required filters and set the deployment's properties.raiPolicyName: policy.name",
};
const serviceAssigned = (property: string, attach: string) => ({
  resource: "chat",
  verdict: "violation",
  level: "mandatory",
  message: `Deployment "chat" names no RAI policy (${property} is not set), so the service assigns one; which one has changed over time and is not documented (${TERRAFORM}), so its filters cannot be shown to meet the CCC.`,
  fix: `Name a policy in ${property}: "Microsoft.DefaultV2" with ccc-organization-config.acceptMicrosoftDefaultPolicy: true (judged by ${WHATS_NEW}), or your own: ${attach}.`,
});

describe("no policy named: the service assigns an undocumented one", () => {
  it("azure-native: properties.raiPolicyName, and an empty name counts as none", () => {
    const expected = [serviceAssigned("properties.raiPolicyName", ATTACH["azure-native"])];
    expect(evaluate([account("oai", TEXT), deployment("chat")]).reported(RULE)).toEqual(expected);
    expect(evaluate([account("oai", TEXT), deployment("chat", { raiPolicyName: " " })]).reported(RULE)).toEqual(
      expected,
    );
  });

  it("classic: the top-level raiPolicyName and an AccountRaiPolicy", () => {
    const result = evaluate([classicAccount("oai", TEXT), classicDeployment("chat")]);
    expect(result.reported(RULE)).toEqual([serviceAssigned("raiPolicyName", ATTACH.classic)]);
  });

  it("AI Foundry hub: a machinelearningservices RaiPolicy", () => {
    const result = evaluate([workspace("hub", TEXT), hubDeployment("chat")]);
    expect(result.reported(RULE)).toEqual([serviceAssigned("properties.raiPolicyName", ATTACH["foundry-hub"])]);
  });

  it("is one finding, although every filter rule met it too", () => {
    const result = evaluate([
      account("oai", { tags: { "ccc-use-case": "text-generation,code-generation" } }),
      deployment("chat"),
    ]);
    const mandatory = result.judgement.findings.filter((f) => f.level === "mandatory");
    expect(mandatory.map((f) => f.ruleId)).toEqual([RULE]);
    for (const rule of [
      "ccc-text-protected-material-filter",
      "ccc-jailbreak-filter-mode",
      "ccc-code-protected-material-filter",
      "ccc-async-filter-coverage",
    ]) {
      expect(result.verdict("chat", rule)).toMatchObject({ verdict: "violation", findings: [{ ruleId: RULE }] });
    }
  });
});

describe("Microsoft-managed policies", () => {
  it("Microsoft.DefaultV2 without the organization's acceptance: a violation whose fix names the setting", () => {
    const result = evaluate([account("oai", TEXT), deployment("chat", { raiPolicyName: "Microsoft.DefaultV2" })]);
    expect(result.reported(RULE)).toEqual([
      {
        resource: "chat",
        verdict: "violation",
        level: "mandatory",
        message: `Deployment "chat" names the Microsoft-managed policy "Microsoft.DefaultV2". Microsoft documents its filters (${WHATS_NEW}), but relying on that documentation is the organization's decision, and ccc-organization-config.acceptMicrosoftDefaultPolicy is not set.`,
        fix: `Set ccc-organization-config.acceptMicrosoftDefaultPolicy: true to judge it by that documentation, or ${ATTACH["azure-native"]}.`,
      },
    ]);
  });

  it("Microsoft.DefaultV2 accepted: an advisory note that the verdict rests on dated documentation", () => {
    const result = evaluate(
      [account("oai", TEXT), deployment("chat", { raiPolicyName: "microsoft.defaultv2" })],
      ACCEPT,
    );
    expect(result.reported(RULE)).toEqual([
      {
        resource: "chat",
        verdict: "note",
        level: "advisory",
        message: `Deployment "chat" is judged by the documented contents of Microsoft-managed policy "Microsoft.DefaultV2" (as documented in Microsoft Learn: What's new in Azure OpenAI, July 2024, "New Responsible AI default content filtering policy", checked 2026-11-25): the verdict rests on Microsoft's documentation as checked on 2026-11-25, which can change while the policy stays in use. Source: ${WHATS_NEW}.`,
      },
    ]);
    expect(result.subject("chat").compliant).toBe(true);
    expect(result.verdict("chat", RULE)).toMatchObject({ verdict: "pass", notes: [{ verdict: "note" }] });
  });

  it("Microsoft.Default is judged by its documented contents, whatever the setting; the filter rules name what is missing", () => {
    const result = evaluate([account("oai", TEXT), deployment("chat", { raiPolicyName: "Microsoft.Default" })]);
    expect(result.reported(RULE).map((f) => f.verdict)).toEqual(["note"]);
    expect(result.pairs()).toEqual(["ccc-jailbreak-filter-mode chat", "ccc-text-protected-material-filter chat"]);
  });

  it("a Microsoft-managed name Microsoft does not document", () => {
    const result = evaluate([account("oai", TEXT), deployment("chat", { raiPolicyName: "Microsoft.Strict" })], ACCEPT);
    expect(result.reported(RULE)).toEqual([
      {
        resource: "chat",
        verdict: "violation",
        level: "mandatory",
        message:
          'Deployment "chat" names the Microsoft-managed policy "Microsoft.Strict", whose filters Microsoft does not document, so they cannot be shown to meet the CCC.',
        fix: `Create a cognitiveservices.RaiPolicy on the deployment's account with the required filters and set the deployment's properties.raiPolicyName: policy.name.`,
      },
    ]);
  });

  it("classic programs get the classic fix", () => {
    const result = evaluate([
      classicAccount("oai", TEXT),
      classicDeployment("chat", { raiPolicyName: "Microsoft.DefaultV2" }),
    ]);
    expect(result.reported(RULE).map((f) => f.fix)).toEqual([
      `Set ccc-organization-config.acceptMicrosoftDefaultPolicy: true to judge it by that documentation, or ${ATTACH.classic}.`,
    ]);
  });
});

describe("passes and not applicable", () => {
  it("a policy of the deployment's own passes, whether or not it is verifiable (ccc-verifiable-rai-policy's part)", () => {
    const own = evaluate([
      account("oai", TEXT),
      policy("strict", COMPLIANT_FILTERS),
      deployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(own.verdict("chat", RULE).verdict).toBe("pass");
    const elsewhere = evaluate([account("oai", TEXT), deployment("chat", { raiPolicyName: "corp-shared" })]);
    expect(elsewhere.reported(RULE)).toEqual([]);
    expect(elsewhere.of("ccc-verifiable-rai-policy")).toHaveLength(1);
  });

  it.each([
    [
      "image generation",
      { model: "dall-e-3" },
      "image-generation",
      "the deployment serves image-generation; only text and code generation need a policy with the CCC filters",
    ],
    [
      "speech",
      { model: "whisper" },
      "speech",
      "the deployment serves speech; only text and code generation need a policy with the CCC filters",
    ],
    [
      "embeddings declared for text",
      { model: "text-embedding-3-small" },
      "text-generation",
      "the deployment declares only use cases its model cannot produce (see ccc-covered-model); only text and code generation need a policy with the CCC filters",
    ],
    [
      "a model that is not Azure OpenAI",
      { model: "Mistral-Large-2411", format: "Mistral AI" },
      "text-generation",
      "the deployment's model is not Azure OpenAI (see ccc-covered-model)",
    ],
  ])("%s needs no explicit policy", (_label, model, useCases, reason) => {
    const result = evaluate([account("oai", { tags: { "ccc-use-case": useCases } }), deployment("chat", model)]);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).notApplicable).toBe(reason);
  });

  it("undecided use cases: the rule waits (the use-case rule reports the unknown)", () => {
    const result = evaluate([account("oai", { tags: { "ccc-use-case": UNKNOWN } }), deployment("chat")]);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.pairs("undecided")).toEqual(["ccc-use-case-declared chat", "ccc-use-case-declared oai"]);
  });
});

describe("shared problem ownership", () => {
  const noPolicy = [account("oai", TEXT), deployment("chat")];

  it("disabled, another rule reports the same finding, once", () => {
    const owned = evaluate(noPolicy).of(RULE)[0];
    const result = evaluate(noPolicy, { [RULE]: "disabled" });
    const moved = result.judgement.findings.filter((f) => f.key === owned.key);
    expect(moved.map((f) => [f.ruleId, f.level, f.message])).toEqual([
      ["ccc-text-protected-material-filter", "mandatory", owned.message],
    ]);
  });

  it("advisory, while another rule that met it is mandatory: reported mandatory under that rule", () => {
    const result = evaluate(noPolicy, { [RULE]: "advisory" });
    expect(result.of(RULE)).toEqual([]);
    expect(result.pairs()).toEqual(["ccc-text-protected-material-filter chat"]);
  });
});

policyLevelCases({
  rule: RULE,
  // The filter rules meet the same problem: disabled here, so that at advisory the owner still reports it.
  config: {
    "ccc-text-protected-material-filter": "disabled",
    "ccc-jailbreak-filter-mode": "disabled",
    "ccc-async-filter-coverage": "disabled",
  },
  steps: [step.account("oai", TEXT.tags), step.deployment("chat")],
  resource: "chat",
  message: serviceAssigned("properties.raiPolicyName", ATTACH["azure-native"]).message,
  fix: serviceAssigned("properties.raiPolicyName", ATTACH["azure-native"]).fix,
  defaultLevel: "mandatory",
  previewPhase: "analyzeStack",
  badConfig: { acceptMicrosoftDefaultPolicy: true },
  badConfigError: `${RULE}: unknown config key "acceptMicrosoftDefaultPolicy"; this policy takes no config`,
});
