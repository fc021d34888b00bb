// The policy-level cases every rule's test file runs: the rule's own Pulumi policy, served by the real pack
// over the real analyzer protocol (test/support/scenario.ts). Each run costs about 1.5 s, so a rule gets four:
// blocked at resource level in `up`; reported once in a preview; advisory by pack config, with an invalid
// config key reported once; disabled.
import { Diagnostic, PackConfig } from "../../tooling/harness/analyzer";
import { AN, Step, describeThroughProtocol, ref, run } from "../support/scenario";

type Json = Record<string, unknown>;

export const F = (name: string, source: string, enabled = true, blocking = true): Json => ({
  name,
  source,
  enabled,
  blocking,
});
export const HARM_FILTERS: Json[] = ["Hate", "Sexual", "Violence", "Selfharm"].flatMap((n) =>
  ["Prompt", "Completion"].map((s) => ({ ...F(n, s), severityThreshold: "Medium" })),
);
export const ALL_FILTERS: Json[] = [
  ...HARM_FILTERS,
  F("Jailbreak", "Prompt"),
  F("Protected Material Text", "Completion"),
  F("Protected Material Code", "Completion"),
];

/** Steps as an azure-native program writes them: children reference the account and policy by `.name`. */
export const step = {
  account: (name: string, tags: Json = {}, inputs: Json = {}): Step => ({
    type: AN.account,
    name,
    inputs: { accountName: name, resourceGroupName: "rg", kind: "OpenAI", location: "swedencentral", tags, ...inputs },
  }),
  policy: (name: string, filters: unknown, inputs: Json = {}, account = "oai"): Step => {
    const { mode, tags, ...rest } = inputs;
    return {
      type: AN.policy,
      name,
      inputs: {
        accountName: ref(account),
        resourceGroupName: "rg",
        raiPolicyName: name,
        properties: { mode: mode ?? "Default", contentFilters: filters },
        ...(tags ? { tags } : {}),
        ...rest,
      },
    };
  },
  deployment: (name: string, inputs: Json = {}, account = "oai"): Step => {
    // `policy`: the policy step it references (`raiPolicyName: policy.name`); `raiPolicyName`: a literal name.
    const { policy, raiPolicyName, model, format, capacity, tags, ...rest } = inputs;
    return {
      type: AN.deployment,
      name,
      inputs: {
        accountName: ref(account),
        resourceGroupName: "rg",
        deploymentName: name,
        sku: { name: "GlobalStandard", capacity: capacity ?? 10 },
        properties: {
          model: { format: format ?? "OpenAI", name: model ?? "gpt-4o", version: "2024-11-20" },
          ...(policy === undefined ? {} : { raiPolicyName: ref(policy as string) }),
          ...(raiPolicyName === undefined ? {} : { raiPolicyName }),
        },
        ...(tags ? { tags } : {}),
        ...rest,
      },
    };
  },
};

export interface PolicyLevelCase {
  readonly rule: string;
  /** Registration order; the finding is on `resource`, and nothing else reports under `rule`. */
  readonly steps: readonly Step[];
  readonly resource: string;
  readonly message: string;
  readonly fix?: string;
  /** Pack config every run shares (org settings, the rule's own config). */
  readonly config?: PackConfig;
  /** The rule's default level. An advisory rule is set to mandatory for the `up` case. */
  readonly defaultLevel: "mandatory" | "advisory";
  /** Where a preview reports it: at stack level when it waits for linked values, else at resource level. */
  readonly previewPhase: Diagnostic["phase"];
  /** Invalid config for the rule, and the error it gives (naming the key). */
  readonly badConfig: Json;
  readonly badConfigError: string;
}

const shape = (d: Diagnostic) => ({
  phase: d.phase,
  level: d.enforcementLevel,
  resource: d.urn ? d.urn.split("::").pop() : "(stack)",
});

/** The four policy-level cases of one rule. */
export function policyLevelCases(c: PolicyLevelCase): void {
  const own = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.policyName === c.rule);
  const text = `${c.message}${c.fix === undefined ? "" : `\nFix: ${c.fix}`}\nDocs: docs/rules.md#${c.rule}`;
  const ruleConfig = (c.config?.[c.rule] ?? {}) as Json;
  const withRule = (entry: Json): PackConfig => ({ ...c.config, [c.rule]: { ...ruleConfig, ...entry } });

  describeThroughProtocol("through the analyzer protocol", () => {
    it("`up` blocks the resource at resource level, before it is created, under the rule's id", async () => {
      const outcome = await run(c.steps, "up", withRule({ enforcementLevel: "mandatory" }));
      const found = own(outcome.result.diagnostics);
      expect(found.map(shape)).toEqual([{ phase: "analyze", level: "mandatory", resource: c.resource }]);
      expect(found[0].message).toBe(text);
    });

    it("a preview reports it once, under the rule's id, at its default level", async () => {
      const outcome = await run(c.steps, "preview", c.config);
      const found = own(outcome.result.diagnostics);
      expect(found.map(shape)).toEqual([{ phase: c.previewPhase, level: c.defaultLevel, resource: c.resource }]);
      expect(found[0].message).toBe(text);
    });

    it("set to advisory, reports it advisory, and its invalid config once, naming the key", async () => {
      const outcome = await run(c.steps, "up", withRule({ enforcementLevel: "advisory", ...c.badConfig }));
      const found = own(outcome.result.diagnostics);
      const [first] = c.steps;
      expect(found.map(shape)).toEqual([
        { phase: "analyze", level: "advisory", resource: first.name },
        { phase: "analyze", level: "advisory", resource: c.resource },
      ]);
      expect(found[0].message).toBe(`Invalid pack config (the default is used instead): ${c.badConfigError}.`);
      expect(found[1].message).toBe(text);
    });

    it("disabled, reports nothing under its id", async () => {
      const outcome = await run(c.steps, "up", { ...c.config, [c.rule]: "disabled" });
      expect(own(outcome.result.diagnostics)).toEqual([]);
    });
  });
}
