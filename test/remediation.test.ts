import type { ResourceValidationPolicy } from "@pulumi/policy";
import { FILTERS } from "../policy-pack/src/filters";
import { RunState, buildPolicies } from "../policy-pack/src/policies";
import { requireFilterInFilterMode } from "../policy-pack/src/remediation";
import { ACCOUNT, RAI_POLICY, accountProps, annotateMode, filterMode, policyProps } from "./support/resources";
import { resourceArgs, runResourcePolicy } from "./support/runtimeArgs";

const CLASSIC_POLICY = "azure:cognitive/accountRaiPolicy:AccountRaiPolicy";
const HATE = { name: "Hate", source: "Prompt", enabled: true, blocking: false, severityThreshold: "High" };

/** Runs every remediation in pack order, each on the previous one's output, as the runtime's Remediate does. */
async function remediate(type: string, props: Record<string, unknown>, accountTags: Record<string, string> = {}) {
  const state = new RunState();
  const policies = buildPolicies({ state }) as ResourceValidationPolicy[];
  // The account is analyzed first, as the engine registers it before the policy.
  for (const p of policies.filter((p) => "validateResource" in p)) {
    await runResourcePolicy(p, resourceArgs(ACCOUNT, "acct", accountProps(accountTags)));
  }
  let current = props;
  const applied: string[] = [];
  for (const p of policies) {
    if (!p.remediateResource) continue;
    const result = await p.remediateResource(resourceArgs(type, "policy", current));
    if (result) {
      current = result as Record<string, unknown>;
      applied.push(p.name);
    }
  }
  return { props: current, applied };
}

const filtersOf = (props: Record<string, unknown>) =>
  (props.properties as { contentFilters: unknown[] }).contentFilters;

describe("remediation of RAI policies", () => {
  it("adds the missing text filters in filter mode and leaves unrelated filters untouched", async () => {
    const { props, applied } = await remediate(
      RAI_POLICY,
      policyProps([HATE, annotateMode("Jailbreak", "Prompt")], { tags: { "ccc-use-case": "text-generation" } }),
    );
    expect(applied).toEqual(["ccc-text-protected-material-filter", "ccc-jailbreak-filter-mode"]);
    expect(filtersOf(props)).toEqual([
      HATE,
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ]);
    expect((props.properties as { mode: string }).mode).toBe("Default");
    expect(props.raiPolicyName).toBe("ccc-policy");
  });

  it("uses the account's default use cases when the policy declares none", async () => {
    const { props } = await remediate(RAI_POLICY, policyProps([]), { "ccc-use-case": "code-generation" });
    expect(filtersOf(props)).toEqual([
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Code", source: "Completion", enabled: true, blocking: true },
    ]);
  });

  it("never weakens a filter and changes nothing on a compliant policy", async () => {
    const compliant = policyProps(
      [filterMode("jailbreak", "prompt"), filterMode("protected material text", "Completion")],
      {
        tags: { "ccc-use-case": "text-generation" },
      },
    );
    const { props, applied } = await remediate(RAI_POLICY, compliant);
    expect(applied).toEqual([]);
    expect(props).toBe(compliant);
  });

  it("does nothing for a policy that serves no filtered use case", async () => {
    const { applied } = await remediate(RAI_POLICY, policyProps([], { tags: { "ccc-use-case": "image-generation" } }));
    expect(applied).toEqual([]);
  });

  it("fixes the classic provider's field names", async () => {
    const classic = {
      name: "ccc-policy",
      cognitiveAccountId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct",
      basePolicyName: "Microsoft.Default",
      tags: { "ccc-use-case": "text-generation" },
      contentFilters: [
        { name: "Jailbreak", source: "Prompt", filterEnabled: true, blockEnabled: false, severityThreshold: "High" },
      ],
    };
    const { props } = await remediate(CLASSIC_POLICY, classic);
    expect(props.contentFilters).toEqual([
      { name: "Jailbreak", source: "Prompt", filterEnabled: true, blockEnabled: true, severityThreshold: "High" },
      {
        name: "Protected Material Text",
        source: "Completion",
        filterEnabled: true,
        blockEnabled: true,
        severityThreshold: "High",
      },
    ]);
  });

  it("leaves a list it cannot read (unknown in preview) for the rule to report", async () => {
    const { applied } = await remediate(
      RAI_POLICY,
      policyProps("6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", { tags: { "ccc-use-case": "text-generation" } }),
    );
    expect(applied).toEqual([]);
  });
});

describe("requireFilterInFilterMode", () => {
  const jailbreak = FILTERS.jailbreak;
  const FIXED = { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true };

  it("creates the list, and its parent, when the policy has none", () => {
    expect(requireFilterInFilterMode({ name: "p" }, jailbreak, "azure-native")).toEqual({
      name: "p",
      properties: { contentFilters: [FIXED] },
    });
    expect(requireFilterInFilterMode({ properties: { mode: "Default" } }, jailbreak, "azure-native")).toEqual({
      properties: { mode: "Default", contentFilters: [FIXED] },
    });
    expect(requireFilterInFilterMode({}, jailbreak, "classic")).toEqual({
      contentFilters: [
        { name: "Jailbreak", source: "Prompt", filterEnabled: true, blockEnabled: true, severityThreshold: "High" },
      ],
    });
  });

  it("strengthens every copy on the required source, keeping its other fields and any action", () => {
    const list = [
      "not an entry",
      { name: 7, source: "Prompt" },
      { name: "jail_break", source: "prompt", enabled: false, blocking: false, severityThreshold: "Low" },
      { name: "Jailbreak", source: "Completion", enabled: false },
      { name: "Jailbreak", source: "Prompt", action: "ANNOTATING" },
      { name: "Jailbreak", source: 1, enabled: false },
    ];
    expect(requireFilterInFilterMode({ properties: { contentFilters: list } }, jailbreak, "azure-native")).toEqual({
      properties: {
        contentFilters: [
          "not an entry",
          { name: 7, source: "Prompt" },
          { name: "jail_break", source: "prompt", enabled: true, blocking: true, severityThreshold: "Low" },
          { name: "Jailbreak", source: "Completion", enabled: false },
          { name: "Jailbreak", source: "Prompt", action: "BLOCKING", enabled: true, blocking: true },
          { name: "Jailbreak", source: 1, enabled: false },
        ],
      },
    });
    expect(list[2]).toEqual({
      name: "jail_break",
      source: "prompt",
      enabled: false,
      blocking: false,
      severityThreshold: "Low",
    });
  });

  it("changes nothing when the filter already blocks, or when it cannot read the list", () => {
    expect(requireFilterInFilterMode({ properties: { contentFilters: [FIXED] } }, jailbreak, "azure-native")).toBe(
      undefined,
    );
    for (const props of [null, [], "x", { properties: "x" }, { properties: { contentFilters: "unknown" } }]) {
      expect(requireFilterInFilterMode(props, jailbreak, "azure-native")).toBe(undefined);
    }
    expect(requireFilterInFilterMode({ contentFilters: {} }, jailbreak, "classic")).toBe(undefined);
  });
});
