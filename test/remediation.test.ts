import type { ResourceValidationPolicy } from "@pulumi/policy";
import { RunState, buildPolicies } from "../policy-pack/src/policies";
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
