// ccc-jailbreak-filter-mode: a text- or code-generation deployment's policy (and its spillover deployment's)
// blocks jailbreak attacks on prompts. Text and code need the same filter: one finding per policy.
import {
  COMPLIANT_FILTERS,
  JAILBREAK,
  PM_CODE,
  PM_TEXT,
  UNKNOWN,
  account,
  classicAccount,
  classicDeployment,
  classicFilter,
  classicPolicy,
  deployment,
  evaluate,
  filterEntry,
  hubDeployment,
  hubPolicy,
  policy,
  workspace,
} from "../support/stack";
import { F, policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-jailbreak-filter-mode";
const FILTER_MODE = "filter mode (enabled: true, blocking: true)";
const POLICY = 'RAI policy "strict" (strict)';
const FIX = `Set {name: "Jailbreak", source: "Prompt", enabled: true, blocking: true} in properties.contentFilters of ${POLICY}.`;
const tagged = (useCases: string) => ({ tags: { "ccc-use-case": useCases } });
const serves = (useCases: string) => `Deployment "chat" serves ${useCases} (declared on account "oai")`;
const missing = (lead: string, because: string, policyIs = `its ${POLICY}`) =>
  `${lead}; ${policyIs} has no "Jailbreak" filter on Prompt. ${because} needs it in ${FILTER_MODE}.`;

const onPolicy = (useCases: string, filters: unknown, config = {}) =>
  evaluate(
    [account("oai", tagged(useCases)), policy("strict", filters), deployment("chat", { raiPolicyName: "strict" })],
    config,
  );
const violation = (message: string, fix = FIX, resource = "chat") => ({
  resource,
  verdict: "violation",
  level: "mandatory",
  message,
  fix,
});

describe("violations", () => {
  it.each([
    ["text-generation", "Text generation"],
    ["code-generation", "Code generation"],
    ["text-generation,code-generation", "Text and code generation"],
  ])("a deployment serving %s: one finding naming the use cases that need it", (useCases, because) => {
    expect(onPolicy(useCases, [PM_TEXT, PM_CODE]).reported(RULE)).toEqual([
      violation(missing(serves(useCases.replace(",", ", ")), because)),
    ]);
  });

  it("a name that is not a spelling Azure uses does not count as Jailbreak", () => {
    const result = onPolicy("text-generation", [PM_TEXT, filterEntry("J_a-i l_b-r e_a-k", "Prompt", true, true)]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${serves("text-generation")}; its ${POLICY} has no "Jailbreak" filter on Prompt. properties.contentFilters[1] ("J_a-i l_b-r e_a-k", Prompt) is not a spelling Azure uses for a filter name (any case, words separated by one space, "-" or "_"), so it does not count. Text generation needs it in ${FILTER_MODE}.`,
      ),
    ]);
  });

  it("a filter on the completion instead of the prompt", () => {
    const result = onPolicy("code-generation", [PM_CODE, filterEntry("jailbreak", "Completion", true, true)]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${serves("code-generation")}; its ${POLICY} has no "Jailbreak" filter on Prompt. It has properties.contentFilters[1] ("jailbreak", Completion), but the filter counts only on source "Prompt". Code generation needs it in ${FILTER_MODE}.`,
      ),
    ]);
  });

  it("annotate mode is not enough for text or code", () => {
    const result = onPolicy("text-generation,code-generation", [
      PM_TEXT,
      PM_CODE,
      filterEntry("Jailbreak", "Prompt", true, false),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${serves("text-generation, code-generation")}; its ${POLICY} sets properties.contentFilters[2] ("Jailbreak", Prompt) to annotate mode (enabled: true, blocking: false). Text and code generation needs "Jailbreak" on Prompt in ${FILTER_MODE}.`,
      ),
    ]);
  });

  it("a RAI policy tagged code-generation is checked on its own", () => {
    const result = evaluate([account("oai"), policy("strict", [PM_CODE], tagged("code-generation"))]);
    expect(result.reported(RULE)).toEqual([
      violation(missing(`${POLICY} is declared for code-generation`, "Code generation", "it"), FIX, "strict"),
    ]);
  });

  it("the policy of the deployment it spills over to, once for both use cases", () => {
    const result = evaluate([
      account("oai", tagged("text-generation,code-generation")),
      policy("strict", COMPLIANT_FILTERS),
      policy("weak", [PM_TEXT, PM_CODE]),
      deployment("over", { raiPolicyName: "weak", model: "dall-e-3", tags: tagged("image-generation").tags }),
      deployment("chat", { raiPolicyName: "strict", spillover: "over" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${serves("text-generation, code-generation")}; its spillover deployment "over" runs on RAI policy "weak" (weak), which has no "Jailbreak" filter on Prompt. Text and code generation needs it in ${FILTER_MODE}.`,
        'Set {name: "Jailbreak", source: "Prompt", enabled: true, blocking: true} in properties.contentFilters of RAI policy "weak" (weak).',
      ),
    ]);
  });
});

describe("a spillover deployment on the deployment's own policy", () => {
  it("adds nothing to check: one finding, worded for the deployment's own use case", () => {
    const result = evaluate([
      account("oai", tagged("text-generation")),
      policy("weak", [PM_TEXT]),
      deployment("over", { raiPolicyName: "weak" }),
      deployment("chat", { raiPolicyName: "weak", spillover: "over" }),
    ]);
    expect(result.reported(RULE).filter((f) => f.resource === "chat")).toEqual([
      violation(
        `${serves("text-generation")}; its RAI policy "weak" (weak) has no "Jailbreak" filter on Prompt. Text generation needs it in ${FILTER_MODE}.`,
        'Set {name: "Jailbreak", source: "Prompt", enabled: true, blocking: true} in properties.contentFilters of RAI policy "weak" (weak).',
      ),
    ]);
  });
});

describe("spillover naming", () => {
  it("names the spillover deployment found by its logical name, not the Azure name the origin gives", () => {
    const result = evaluate([
      account("oai", tagged("text-generation")),
      policy("strict", COMPLIANT_FILTERS),
      policy("weak", [PM_TEXT]),
      deployment("overflow-azure", { raiPolicyName: "weak" }, { logical: "overflow" }),
      deployment("chat", { raiPolicyName: "strict", spillover: "overflow-azure" }),
    ]);
    expect(result.reported(RULE).map((f) => [f.resource, f.message])).toEqual([
      [
        "overflow",
        `${serves("text-generation").replace('"chat"', '"overflow"')}; its RAI policy "weak" (weak) has no "Jailbreak" filter on Prompt. Text generation needs it in ${FILTER_MODE}.`,
      ],
      [
        "chat",
        `${serves("text-generation")}; its spillover deployment "overflow" runs on RAI policy "weak" (weak), which has no "Jailbreak" filter on Prompt. Text generation needs it in ${FILTER_MODE}.`,
      ],
    ]);
  });
});

describe("passes and not applicable", () => {
  it("filter mode passes for text and code", () => {
    const result = onPolicy("text-generation,code-generation", [JAILBREAK, PM_TEXT, PM_CODE]);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).verdict).toBe("pass");
  });

  it("image generation and speech need no Jailbreak filter", () => {
    const result = evaluate([
      account("oai", tagged("image-generation")),
      policy("strict", []),
      deployment("chat", { raiPolicyName: "strict", model: "dall-e-3" }),
    ]);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).notApplicable).toBe(
      "the deployment serves image-generation; only text and code generation need the Jailbreak filter",
    );
    expect(result.verdict("strict", RULE).notApplicable).toBe(
      "the policy declares no use case; only text and code generation need the Jailbreak filter",
    );
  });
});

describe("undecided", () => {
  it("both use cases waiting for the same unknown filter list report it once", () => {
    // Protected Material Text (earlier in the catalogue) would report the same unknown: it is one finding.
    const config = { "ccc-text-protected-material-filter": "disabled" };
    expect(onPolicy("text-generation,code-generation", UNKNOWN, config).reported(RULE)).toEqual([
      {
        resource: "chat",
        verdict: "undecided",
        level: "mandatory",
        message: `"chat" cannot be shown compliant: properties.contentFilters is not known, so the Jailbreak filter of ${POLICY} cannot be checked.`,
        fix: "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.",
      },
    ]);
  });

  it("the use cases a policy is declared for, when its tag is not known", () => {
    const result = evaluate([account("oai"), policy("strict", [], tagged(UNKNOWN))], {
      "ccc-use-case-declared": "disabled",
      "ccc-text-protected-material-filter": "disabled",
    });
    expect(result.reported(RULE).map((f) => [f.verdict, f.message])).toEqual([
      [
        "undecided",
        '"strict" cannot be shown compliant: tags.ccc-use-case is not known, so the use cases the policy is declared for cannot be checked.',
      ],
    ]);
  });
});

describe("providers", () => {
  it("classic", () => {
    const result = evaluate([
      classicAccount("oai", tagged("code-generation")),
      classicPolicy("strict", [
        classicFilter("Jailbreak", "Prompt", false, false),
        classicFilter("Protected Material Code", "Completion", true, true),
      ]),
      classicDeployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${serves("code-generation")}; its ${POLICY} sets contentFilters[0] ("Jailbreak", Prompt) to off (enabled: false). Code generation needs "Jailbreak" on Prompt in ${FILTER_MODE}.`,
        `Set {name: "Jailbreak", source: "Prompt", filterEnabled: true, blockEnabled: true, severityThreshold: "High"} in contentFilters of ${POLICY}.`,
      ),
    ]);
  });

  it("AI Foundry hub", () => {
    const result = evaluate([
      workspace("hub", tagged("text-generation")),
      hubPolicy("strict", [PM_TEXT]),
      hubDeployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(missing('Deployment "chat" serves text-generation (declared on workspace "hub")', "Text generation")),
    ]);
  });
});

describe("shared problems", () => {
  const noPolicy = [account("oai", tagged("text-generation")), deployment("chat")];
  const mandatory = (result: ReturnType<typeof evaluate>) =>
    result.judgement.findings.filter((f) => f.level === "mandatory").map((f) => f.ruleId);

  it("with the owner and the earlier filter rules advisory, the finding is mandatory under this rule", () => {
    const config = { "ccc-explicit-rai-policy": "advisory", "ccc-text-protected-material-filter": "advisory" };
    const result = evaluate(noPolicy, config);
    expect(mandatory(result)).toEqual([RULE]);
    expect(result.judgement.findings.filter((f) => f.resource.name === "chat" && f.key.startsWith("policy"))).toEqual([
      expect.objectContaining({ ruleId: RULE, level: "mandatory" }),
    ]);
  });

  it("with every rule that met it advisory, it is reported once, advisory, under the owner", () => {
    const config = {
      "ccc-explicit-rai-policy": "advisory",
      "ccc-text-protected-material-filter": "advisory",
      [RULE]: "advisory",
      "ccc-async-filter-coverage": "advisory",
    };
    const result = evaluate(noPolicy, config);
    expect(mandatory(result)).toEqual([]);
    expect(result.judgement.findings.filter((f) => f.key.startsWith("policy")).map((f) => f.ruleId)).toEqual([
      "ccc-explicit-rai-policy",
    ]);
  });
});

policyLevelCases({
  rule: RULE,
  steps: [
    step.account("oai", tagged("code-generation").tags),
    step.policy("strict", [F("Jailbreak", "Prompt", true, false), F("Protected Material Code", "Completion")]),
    step.deployment("chat", { policy: "strict" }),
  ],
  resource: "chat",
  message: `${serves("code-generation")}; its ${POLICY} sets properties.contentFilters[0] ("Jailbreak", Prompt) to annotate mode (enabled: true, blocking: false). Code generation needs "Jailbreak" on Prompt in ${FILTER_MODE}.`,
  fix: FIX,
  defaultLevel: "mandatory",
  previewPhase: "analyzeStack",
  badConfig: { mode: "strict" },
  badConfigError: `${RULE}: unknown config key "mode"; this policy takes no config`,
});
