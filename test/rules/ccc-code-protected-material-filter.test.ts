// ccc-code-protected-material-filter: a code-generation deployment's policy runs Protected Material Code on
// completions: filter mode, or annotate mode when the organization declares licence compliance.
import {
  COMPLIANT_FILTERS,
  JAILBREAK,
  PM_CODE,
  PM_CODE_ANNOTATE,
  PM_TEXT,
  UNKNOWN,
  account,
  classicAccount,
  classicDeployment,
  classicFilter,
  classicPolicy,
  deployment,
  evaluate,
  hubDeployment,
  hubPolicy,
  policy,
  workspace,
} from "../support/stack";
import { F, policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-code-protected-material-filter";
const CODE = { tags: { "ccc-use-case": "code-generation" } };
const LICENCE = { "ccc-organization-config": { licenceComplianceDeclared: true } };
const FILTER_MODE = "filter mode (enabled: true, blocking: true)";
const EITHER_MODE = "annotate or filter mode";
const POLICY = 'RAI policy "strict" (strict)';
const SERVES = 'Deployment "chat" serves code-generation (declared on account "oai")';
const HINT =
  " Annotate mode is accepted only when ccc-organization-config.licenceComplianceDeclared is true, because annotated output is covered only if the cited licence is complied with.";
const FIX = `Set {name: "Protected Material Code", source: "Completion", enabled: true, blocking: true} in properties.contentFilters of ${POLICY}.`;
const ANNOTATED = `${SERVES}; its ${POLICY} sets properties.contentFilters[1] ("Protected Material Code", Completion) to annotate mode (enabled: true, blocking: false). Code generation needs "Protected Material Code" on Completion in ${FILTER_MODE}.`;
const OFF = { name: "Protected Material Code", source: "Completion", enabled: false };
const off = (mode: string) =>
  `${SERVES}; its ${POLICY} sets properties.contentFilters[1] ("Protected Material Code", Completion) to off (enabled: false). Code generation needs "Protected Material Code" on Completion in ${mode}.`;

const onPolicy = (filters: unknown, config = {}, useCases = CODE) =>
  evaluate(
    [account("oai", useCases), policy("strict", filters), deployment("chat", { raiPolicyName: "strict" })],
    config,
  );
const violation = (message: string, fix = FIX, resource = "chat") => ({
  resource,
  verdict: "violation",
  level: "mandatory",
  message,
  fix,
});

describe("without declared licence compliance", () => {
  it("annotate mode is a violation that says what would make it acceptable", () => {
    expect(onPolicy([JAILBREAK, PM_CODE_ANNOTATE]).reported(RULE)).toEqual([violation(`${ANNOTATED}${HINT}`)]);
  });

  it("off or missing is a violation with no annotate hint", () => {
    expect(onPolicy([JAILBREAK, OFF]).reported(RULE)).toEqual([violation(off(FILTER_MODE))]);
    expect(onPolicy([JAILBREAK]).reported(RULE)).toEqual([
      violation(
        `${SERVES}; its ${POLICY} has no "Protected Material Code" filter on Completion. Code generation needs it in ${FILTER_MODE}.`,
      ),
    ]);
  });

  it("filter mode passes", () => {
    const result = onPolicy([JAILBREAK, PM_CODE]);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).verdict).toBe("pass");
  });
});

describe("with ccc-organization-config.licenceComplianceDeclared", () => {
  it.each([
    ["annotate", PM_CODE_ANNOTATE],
    ["filter", PM_CODE],
  ])("%s mode passes", (_mode, entry) => {
    const result = onPolicy([JAILBREAK, entry], LICENCE);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).verdict).toBe("pass");
  });

  it("off or missing still violates, needing annotate or filter mode", () => {
    expect(onPolicy([JAILBREAK, OFF], LICENCE).reported(RULE)).toEqual([violation(off(EITHER_MODE))]);
    expect(onPolicy([JAILBREAK], LICENCE).reported(RULE)).toEqual([
      violation(
        `${SERVES}; its ${POLICY} has no "Protected Material Code" filter on Completion. Code generation needs it in ${EITHER_MODE}.`,
      ),
    ]);
  });
});

describe("Microsoft.DefaultV2, accepted by the organization", () => {
  const v2 = (settings: Record<string, unknown>) =>
    evaluate([account("oai", CODE), deployment("chat", { raiPolicyName: "Microsoft.DefaultV2" })], {
      "ccc-organization-config": { acceptMicrosoftDefaultPolicy: true, ...settings },
    });

  it("its documented Protected Material Code is annotate-only: code generation needs licence compliance", () => {
    expect(v2({}).reported(RULE)).toEqual([
      violation(
        `${SERVES}; its Microsoft-managed policy "Microsoft.DefaultV2" (as documented in Microsoft Learn: What's new in Azure OpenAI, July 2024, "New Responsible AI default content filtering policy", checked 2026-11-25) sets Protected Material Code on Completion to annotate mode (enabled: true, blocking: false). Code generation needs "Protected Material Code" on Completion in ${FILTER_MODE}.${HINT}`,
        `Create a cognitiveservices.RaiPolicy on the deployment's account with the required filters and set the deployment's properties.raiPolicyName: policy.name, with {name: "Protected Material Code", source: "Completion", enabled: true, blocking: true} in properties.contentFilters.`,
      ),
    ]);
    expect(v2({ licenceComplianceDeclared: true }).reported(RULE)).toEqual([]);
  });
});

describe("scope", () => {
  it("a RAI policy tagged code-generation is checked on its own", () => {
    const result = evaluate([account("oai"), policy("strict", [JAILBREAK, PM_CODE_ANNOTATE], CODE)]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${POLICY} is declared for code-generation; it sets properties.contentFilters[1] ("Protected Material Code", Completion) to annotate mode (enabled: true, blocking: false). Code generation needs "Protected Material Code" on Completion in ${FILTER_MODE}.${HINT}`,
        FIX,
        "strict",
      ),
    ]);
  });

  it("text generation alone needs no Protected Material Code", () => {
    const result = onPolicy([JAILBREAK, PM_TEXT], {}, { tags: { "ccc-use-case": "text-generation" } });
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).notApplicable).toBe(
      "the deployment serves text-generation; only code generation needs Protected Material Code",
    );
  });

  it("a model the table does not know, declared for image generation, is judged as producing code (fail closed)", () => {
    const result = evaluate([
      account("oai", { tags: { "ccc-use-case": "image-generation" } }),
      policy("strict", [JAILBREAK, PM_TEXT]),
      deployment("chat", { raiPolicyName: "strict", model: "contoso-coder-7b" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `Deployment "chat" serves text-generation, code-generation (declared on account "oai"); its ${POLICY} has no "Protected Material Code" filter on Completion. Code generation needs it in ${FILTER_MODE}.`,
      ),
    ]);
  });

  it("an undecided flag names the property", () => {
    expect(onPolicy([JAILBREAK, { ...PM_CODE, enabled: UNKNOWN }]).reported(RULE)).toEqual([
      {
        resource: "chat",
        verdict: "undecided",
        level: "mandatory",
        message: `"chat" cannot be shown compliant: properties.contentFilters[1].enabled is not known, so the Protected Material Code filter of ${POLICY} cannot be checked.`,
        fix: "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.",
      },
    ]);
  });
});

describe("providers", () => {
  it("classic: annotate is blockEnabled false", () => {
    const result = evaluate([
      classicAccount("oai", CODE),
      classicPolicy("strict", [
        classicFilter("Jailbreak", "Prompt", true, true),
        classicFilter("Protected Material Code", "Completion", true, false),
      ]),
      classicDeployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${SERVES}; its ${POLICY} sets contentFilters[1] ("Protected Material Code", Completion) to annotate mode (enabled: true, blocking: false). Code generation needs "Protected Material Code" on Completion in ${FILTER_MODE}.${HINT}`,
        `Set {name: "Protected Material Code", source: "Completion", filterEnabled: true, blockEnabled: true, severityThreshold: "High"} in contentFilters of ${POLICY}.`,
      ),
    ]);
  });

  it("AI Foundry hub", () => {
    const result = evaluate([
      workspace("hub", CODE),
      hubPolicy("strict", [JAILBREAK, PM_CODE_ANNOTATE]),
      hubDeployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(`${ANNOTATED.replace('account "oai"', 'workspace "hub"')}${HINT}`),
    ]);
    expect(
      evaluate([
        workspace("hub", CODE),
        hubPolicy("strict", COMPLIANT_FILTERS),
        hubDeployment("chat", { raiPolicyName: "strict" }),
      ]).reported(RULE),
    ).toEqual([]);
  });
});

describe("shared problems", () => {
  it("with the owner and Jailbreak advisory, no policy is reported mandatory under this rule, once", () => {
    const result = evaluate([account("oai", CODE), deployment("chat")], {
      "ccc-explicit-rai-policy": "advisory",
      "ccc-jailbreak-filter-mode": "advisory",
    });
    const mandatory = result.judgement.findings.filter((f) => f.level === "mandatory");
    expect(mandatory.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual([`${RULE} chat`]);
    expect(mandatory[0].message).toMatch(
      /^Deployment "chat" names no RAI policy \(properties.raiPolicyName is not set\)/,
    );
  });
});

policyLevelCases({
  rule: RULE,
  steps: [
    step.account("oai", CODE.tags),
    step.policy("strict", [F("Jailbreak", "Prompt"), F("Protected Material Code", "Completion", true, false)]),
    step.deployment("chat", { policy: "strict" }),
  ],
  resource: "chat",
  message: `${ANNOTATED}${HINT}`,
  fix: FIX,
  defaultLevel: "mandatory",
  previewPhase: "analyzeStack",
  badConfig: { licenceComplianceDeclared: true },
  badConfigError: `${RULE}: unknown config key "licenceComplianceDeclared"; this policy takes no config`,
});
