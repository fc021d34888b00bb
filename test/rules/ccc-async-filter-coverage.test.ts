// ccc-async-filter-coverage: no asynchronous (or undocumented) policy mode where flagged output loses CCC
// coverage: text generation always, code generation unless licence compliance is declared.
import {
  COMPLIANT_FILTERS,
  SUB,
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
  urnOf,
  workspace,
} from "../support/stack";
import { ALL_FILTERS, policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-async-filter-coverage";
const LICENCE = { "ccc-organization-config": { licenceComplianceDeclared: true } };
const POLICY = 'RAI policy "strict" (strict)';
const STREAMING =
  "(Microsoft Learn: Content streaming (asynchronous filter) (2025-11-06), https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-streaming)";
const TEXT_LOSS = "output flagged afterwards as protected material text is not covered by the CCC";
const CODE_LOSS =
  "output flagged afterwards as protected material code is covered only with licence compliance, which ccc-organization-config does not declare";
const FIX = `Set properties.mode of ${POLICY} to "Default" or "Blocking", which filter before output is returned.`;
const CODE_FIX = `Set properties.mode of ${POLICY} to "Default" or "Blocking", which filter before output is returned; or, for code generation, set ccc-organization-config.licenceComplianceDeclared.`;
const tagged = (useCases: string) => ({ tags: { "ccc-use-case": useCases } });
const serves = (useCases: string, on = 'account "oai"') =>
  `Deployment "chat" serves ${useCases} (declared on ${on}); its ${POLICY}`;

const onMode = (useCases: string, mode: unknown, config = {}) =>
  evaluate(
    [
      account("oai", tagged(useCases)),
      policy("strict", COMPLIANT_FILTERS, { mode }),
      deployment("chat", { raiPolicyName: "strict" }),
    ],
    config,
  );
const violation = (message: string, fix = FIX, resource = "chat") => ({
  resource,
  verdict: "violation",
  level: "mandatory",
  message,
  fix,
});

describe("asynchronous modes", () => {
  it.each(["Asynchronous_filter", "Deferred", "deferred"])("text generation on %s loses coverage", (mode) => {
    expect(onMode("text-generation", mode).reported(RULE)).toEqual([
      violation(`${serves("text-generation")} has mode "${mode}" (asynchronous filter): ${TEXT_LOSS} ${STREAMING}.`),
    ]);
  });

  it("code generation loses coverage unless licence compliance is declared, and the fix says so", () => {
    expect(onMode("code-generation", "Asynchronous_filter").reported(RULE)).toEqual([
      violation(
        `${serves("code-generation")} has mode "Asynchronous_filter" (asynchronous filter): ${CODE_LOSS} ${STREAMING}.`,
        CODE_FIX,
      ),
    ]);
    const declared = onMode("code-generation", "Asynchronous_filter", LICENCE);
    expect(declared.reported(RULE)).toEqual([]);
    expect(declared.verdict("chat", RULE).notApplicable).toBe(
      "the deployment serves code-generation; asynchronous filtering loses coverage only for text, and for code without declared licence compliance",
    );
  });

  it("text and code on one asynchronous policy: one finding naming both losses", () => {
    expect(onMode("text-generation,code-generation", "Deferred").reported(RULE)).toEqual([
      violation(
        `${serves("text-generation, code-generation")} has mode "Deferred" (asynchronous filter): ${TEXT_LOSS}, and ${CODE_LOSS} ${STREAMING}.`,
      ),
    ]);
    expect(onMode("text-generation,code-generation", "Deferred", LICENCE).reported(RULE)).toEqual([
      violation(
        `${serves("text-generation, code-generation")} has mode "Deferred" (asynchronous filter): ${TEXT_LOSS} ${STREAMING}.`,
      ),
    ]);
  });

  it("a mode from a secret is shown as [secret]", () => {
    expect(onMode("text-generation", secret("Asynchronous_filter")).reported(RULE)).toEqual([
      violation(`${serves("text-generation")} has mode [secret] (asynchronous filter): ${TEXT_LOSS} ${STREAMING}.`),
    ]);
  });

  it("the policy of the deployment it spills over to", () => {
    const result = evaluate([
      account("oai", tagged("text-generation")),
      policy("strict", COMPLIANT_FILTERS),
      policy("slow", COMPLIANT_FILTERS, { mode: "Asynchronous_filter" }),
      deployment("over", { raiPolicyName: "slow" }),
      deployment("chat", { raiPolicyName: "strict", spillover: "over" }),
    ]);
    expect(result.reported(RULE).filter((f) => f.resource === "chat")).toEqual([
      violation(
        `Deployment "chat" serves text-generation (declared on account "oai"); its spillover deployment "over" runs on RAI policy "slow" (slow), which has mode "Asynchronous_filter" (asynchronous filter): ${TEXT_LOSS} ${STREAMING}.`,
        'Set properties.mode of RAI policy "slow" (slow) to "Default" or "Blocking", which filter before output is returned.',
      ),
    ]);
  });

  it("a RAI policy tagged text-generation is checked on its own", () => {
    const result = evaluate([
      account("oai"),
      policy("strict", COMPLIANT_FILTERS, { mode: "Deferred", ...tagged("text-generation") }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${POLICY} is declared for text-generation; it has mode "Deferred" (asynchronous filter): ${TEXT_LOSS} ${STREAMING}.`,
        FIX,
        "strict",
      ),
    ]);
  });
});

describe("modes Microsoft does not document", () => {
  const undocumented = (lead: string) =>
    `${lead} has mode "Sync", which is not a documented mode (Default, Blocking, Deferred, Asynchronous_filter), so it cannot be shown to filter before output is returned.`;

  it("fail closed: never treated as synchronous", () => {
    expect(onMode("text-generation", "Sync").reported(RULE)).toEqual([
      violation(undocumented(serves("text-generation"))),
    ]);
    expect(onMode("code-generation", "Sync").reported(RULE)).toEqual([
      violation(undocumented(serves("code-generation")), CODE_FIX),
    ]);
    expect(onMode("text-generation,code-generation", "Sync").reported(RULE)).toEqual([
      violation(undocumented(serves("text-generation, code-generation"))),
    ]);
  });
});

describe("synchronous modes pass", () => {
  it.each(["Default", "Blocking", "default", "BLOCKING"])("%s", (mode) => {
    const result = onMode("text-generation,code-generation", mode);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).verdict).toBe("pass");
  });

  it("an absent mode is the service's Default", () => {
    const result = evaluate([
      account("oai", tagged("text-generation")),
      policy("strict", COMPLIANT_FILTERS, { properties: { contentFilters: COMPLIANT_FILTERS } }),
      deployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.verdict("chat", RULE).verdict).toBe("pass");
  });
});

describe("undecided and not applicable", () => {
  it("a mode that is not known names the property", () => {
    expect(onMode("text-generation", UNKNOWN).reported(RULE)).toEqual([
      {
        resource: "chat",
        verdict: "undecided",
        level: "mandatory",
        message: `"chat" cannot be shown compliant: properties.mode is not known, so the mode of ${POLICY} cannot be checked.`,
        fix: "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.",
      },
    ]);
  });

  it("image generation is not affected by the asynchronous filter", () => {
    const result = evaluate([
      account("oai", tagged("image-generation")),
      policy("strict", [], { mode: "Asynchronous_filter" }),
      deployment("chat", { raiPolicyName: "strict", model: "gpt-image-1" }),
    ]);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).notApplicable).toBe(
      "the deployment serves image-generation; asynchronous filtering loses coverage only for text, and for code without declared licence compliance",
    );
  });
});

describe("providers", () => {
  it("classic: the mode property is mode", () => {
    const result = evaluate([
      classicAccount("oai", tagged("text-generation")),
      classicPolicy("strict", [], { mode: "Asynchronous_filter" }),
      classicDeployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.reported(RULE).map((f) => f.fix)).toEqual([
      `Set mode of ${POLICY} to "Default" or "Blocking", which filter before output is returned.`,
    ]);
  });

  it("AI Foundry hub", () => {
    const result = evaluate([
      workspace("hub", tagged("text-generation")),
      hubPolicy("strict", COMPLIANT_FILTERS, { mode: "Deferred" }),
      hubDeployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${serves("text-generation", 'workspace "hub"')} has mode "Deferred" (asynchronous filter): ${TEXT_LOSS} ${STREAMING}.`,
      ),
    ]);
  });

  it("a policy written with another provider than its deployment: the fix names the policy's own property", () => {
    // Both providers name the subscription, so the classic policy is shown to be on the deployment's account.
    const native = { provider: { urn: urnOf("pulumi:providers:azure-native", "native"), subscriptionId: SUB } };
    const classic = { provider: { urn: urnOf("pulumi:providers:azure", "classic"), subscriptionId: SUB } };
    const result = evaluate([
      account("oai", tagged("text-generation"), native),
      classicPolicy("strict", [], { mode: "Deferred" }, classic),
      deployment("chat", { raiPolicyName: "strict" }, native),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${serves("text-generation")} has mode "Deferred" (asynchronous filter): ${TEXT_LOSS} ${STREAMING}.`,
        `Set mode of ${POLICY} to "Default" or "Blocking", which filter before output is returned.`,
      ),
    ]);
  });

  it("an externally managed policy: the fix is worded for the deployment's provider", () => {
    const external = {
      "ccc-organization-config": { externalRaiPolicies: [{ name: "corp", mode: "Deferred", contentFilters: [] }] },
    };
    const label = 'externally managed RAI policy "corp" (pack config)';
    const native = evaluate(
      [account("oai", tagged("text-generation")), deployment("chat", { raiPolicyName: "corp" })],
      external,
    );
    expect(native.reported(RULE)).toEqual([
      violation(
        `Deployment "chat" serves text-generation (declared on account "oai"); its ${label} has mode "Deferred" (asynchronous filter): ${TEXT_LOSS} ${STREAMING}.`,
        `Set properties.mode of ${label} to "Default" or "Blocking", which filter before output is returned.`,
      ),
    ]);
    const classic = evaluate(
      [classicAccount("oai", tagged("text-generation")), classicDeployment("chat", { raiPolicyName: "corp" })],
      external,
    );
    expect(classic.reported(RULE).map((f) => f.fix)).toEqual([
      `Set mode of ${label} to "Default" or "Blocking", which filter before output is returned.`,
    ]);
  });
});

describe("shared problems", () => {
  it("with every earlier rule that met it advisory, no policy is reported mandatory under this rule", () => {
    const result = evaluate([account("oai", tagged("text-generation")), deployment("chat")], {
      "ccc-explicit-rai-policy": "advisory",
      "ccc-text-protected-material-filter": "advisory",
      "ccc-jailbreak-filter-mode": "advisory",
    });
    const mandatory = result.judgement.findings.filter((f) => f.level === "mandatory");
    expect(mandatory.map((f) => `${f.ruleId} ${f.verdict}`)).toEqual([`${RULE} violation`]);
    expect(result.judgement.findings.filter((f) => f.key === mandatory[0].key)).toHaveLength(1);
  });
});

policyLevelCases({
  rule: RULE,
  steps: [
    step.account("oai", tagged("text-generation").tags),
    step.policy("strict", ALL_FILTERS, { mode: "Asynchronous_filter" }),
    step.deployment("chat", { policy: "strict" }),
  ],
  resource: "chat",
  message: `${serves("text-generation")} has mode "Asynchronous_filter" (asynchronous filter): ${TEXT_LOSS} ${STREAMING}.`,
  fix: FIX,
  defaultLevel: "mandatory",
  previewPhase: "analyzeStack",
  badConfig: { licenceComplianceDeclared: true },
  badConfigError: `${RULE}: unknown config key "licenceComplianceDeclared"; this policy takes no config`,
});
