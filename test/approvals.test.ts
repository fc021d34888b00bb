// Organization approvals (issue: beyond the filters), through the policies as the runtime calls them.
import { packRun } from "./support/packRun";
import {
  ACCOUNT,
  DEPLOYMENT,
  RAI_POLICY,
  TEXT_FILTERS,
  accountProps,
  annotateMode,
  deploymentProps,
  policyProps,
} from "./support/resources";

const EVIDENCE = { "ccc-metaprompt": "m", "ccc-evaluation-report": "r" };
type Config = Record<string, Record<string, unknown>>;

function deployment(
  name: string,
  model: string,
  capacity: number | undefined,
  tags: Record<string, string> = { "ccc-use-case": "text-generation" },
) {
  const props = deploymentProps("ccc-policy", tags);
  props.deploymentName = name;
  props.properties = { model: { format: "OpenAI", name: model, version: "1" }, raiPolicyName: "ccc-policy" };
  props.sku = capacity === undefined ? { name: "Standard" } : { name: "Standard", capacity };
  return props;
}

async function stack(
  config: Config,
  deployments: [string, string, number | undefined][],
  tags?: Record<string, string>,
) {
  const run = packRun(config);
  await run.analyze(ACCOUNT, "acct", accountProps(EVIDENCE));
  await run.analyze(RAI_POLICY, "policy", policyProps(TEXT_FILTERS));
  const results: Record<string, Record<string, { violations: readonly string[] }>> = {};
  for (const [name, model, capacity] of deployments) {
    results[name] = await run.analyze(DEPLOYMENT, name, deployment(name, model, capacity, tags));
  }
  return results;
}

describe("approved use cases", () => {
  it("rejects a use case the organization is not approved for, and allows all by default", async () => {
    const config = { "ccc-approved-use-cases": { approvedUseCases: ["text-generation"] } };
    const tags = { "ccc-use-case": "text-generation,image-generation" };
    const limited = await stack(config, [["chat", "gpt-4o", 10]], tags);
    expect(limited.chat["ccc-approved-use-cases"].violations[0]).toContain(
      "image-generation, which the organization is not approved for",
    );
    const open = await stack({}, [["chat", "gpt-4o", 10]], tags);
    expect(open.chat["ccc-approved-use-cases"]).toBeUndefined();
  });
});

describe("approved capacity", () => {
  const config = { "ccc-approved-capacity": { approvedCapacity: { "gpt-4o": 100, "o3-mini": 20 } } };

  it("sums capacity per model on the account and blocks the deployment that exceeds the quota", async () => {
    const r = await stack(config, [
      ["a", "gpt-4o", 60],
      ["b", "o3-mini", 20],
      ["c", "GPT-4o", 50],
    ]);
    expect(r.a["ccc-approved-capacity"]).toBeUndefined();
    expect(r.b["ccc-approved-capacity"]).toBeUndefined();
    expect(r.c["ccc-approved-capacity"].violations[0]).toBe(
      'Deployments of GPT-4o on account "acct" ("a", "c") add up to 110 capacity units (110,000 tokens per minute at 1,000 per unit), above the approved 100 units.',
    );
  });

  it("converts to tokens per minute with the per-model table", async () => {
    const r = await stack(config, [["reasoning", "o3-mini", 25]]);
    expect(r.reasoning["ccc-approved-capacity"].violations[0]).toContain(
      "250,000 tokens per minute at 10,000 per unit",
    );
  });

  it("rejects a model with no approved quota, and is inactive when nothing is configured", async () => {
    const r = await stack(config, [["x", "gpt-4.1", 1]]);
    expect(r.x["ccc-approved-capacity"].violations[0]).toContain("has no approved capacity");
    const none = await stack({}, [["x", "gpt-4.1", 1000]]);
    expect(none.x["ccc-approved-capacity"]).toBeUndefined();
  });
});

describe("approved capacity per region", () => {
  it("adds up capacity across the stack's accounts in one region when scope is region", async () => {
    const analyzeTwoAccounts = async (scope: string) => {
      const run = packRun({ "ccc-approved-capacity": { approvedCapacity: { "gpt-4o": 100 }, scope } });
      const results: Record<string, unknown>[] = [];
      for (const [acct, location] of [
        ["east-1", "eastus"],
        ["east-2", "EastUS"],
        ["west", "westus"],
      ]) {
        await run.analyze(ACCOUNT, acct, { ...accountProps(EVIDENCE, acct), location });
        await run.analyze(RAI_POLICY, `${acct}-policy`, policyProps(TEXT_FILTERS, { account: acct }));
        const props = { ...deployment(`${acct}-chat`, "gpt-4o", 60), accountName: acct };
        results.push(await run.analyze(DEPLOYMENT, `${acct}-chat`, props));
      }
      return results.map((r) => (r["ccc-approved-capacity"] as { violations: string[] } | undefined)?.violations ?? []);
    };
    const [first, second, west] = await analyzeTwoAccounts("region");
    expect(first).toEqual([]);
    expect(second).toEqual([expect.stringContaining("in region EastUS")]);
    expect(second[0]).toContain('("east-1-chat", "east-2-chat") add up to 120');
    expect(west).toEqual([]);
    expect(await analyzeTwoAccounts("account")).toEqual([[], [], []]);
  });
});

describe("fine-tuned deployment limit", () => {
  const ft = (i: number): [string, string, number] => [`ft${i}`, `gpt-4o-mini-2024-07-18.ft-${i}abc`, 1];

  it("defaults to Microsoft's current figure of 5 per account", async () => {
    const r = await stack({}, [1, 2, 3, 4, 5, 6].map(ft));
    expect(r.ft5["ccc-fine-tuned-deployment-limit"]).toBeUndefined();
    expect(r.ft6["ccc-fine-tuned-deployment-limit"].violations[0]).toContain("fine-tuned deployment number 6");
  });

  it("uses the organization's configured limit and ignores base models", async () => {
    const config = { "ccc-fine-tuned-deployment-limit": { maxFineTunedDeploymentsPerAccount: 2 } };
    const r = await stack(config, [ft(1), ["base", "gpt-4o", 1], ft(2), ft(3)]);
    expect(r.ft2["ccc-fine-tuned-deployment-limit"]).toBeUndefined();
    expect(r.ft3["ccc-fine-tuned-deployment-limit"].violations[0]).toContain("the approved limit is 2");
  });

  it.each([
    [-1, "must be at least 1"],
    [2.5, "must be an integer"],
    ["6", "must be an integer"],
  ])("reports a limit of %p as a config error naming the key", async (value, problem) => {
    const config = { "ccc-fine-tuned-deployment-limit": { maxFineTunedDeploymentsPerAccount: value } };
    const r = await stack(config, [ft(1)]);
    expect(r.ft1["ccc-fine-tuned-deployment-limit"].violations).toEqual([
      expect.stringContaining(`ccc-fine-tuned-deployment-limit.maxFineTunedDeploymentsPerAccount: ${problem}`),
    ]);
  });
});

describe("gated models", () => {
  it("needs an approval for a model matching a gated pattern", async () => {
    const gated = { "ccc-gated-models": { gatedModels: ["gpt-5*", "o3-pro"] } };
    const r = await stack(gated, [
      ["next", "gpt-5-preview", 1],
      ["old", "gpt-4o", 1],
    ]);
    expect(r.next["ccc-gated-models"].violations[0]).toContain('matches "gpt-5*"');
    expect(r.old["ccc-gated-models"]).toBeUndefined();
    const approved = { "ccc-gated-models": { gatedModels: ["gpt-5*"], approvedGatedModels: ["gpt-5-preview"] } };
    const ok = await stack(approved, [["next", "gpt-5-preview", 1]]);
    expect(ok.next["ccc-gated-models"]).toBeUndefined();
  });
});

describe("modified content filters", () => {
  const weakHarm = [
    ...TEXT_FILTERS,
    annotateMode("Hate", "Prompt"),
    { name: "Violence", source: "Completion", enabled: false },
  ];

  it("blocks a policy that turns off or only annotates a harm filter without approval", async () => {
    const run = packRun();
    const r = await run.analyze(RAI_POLICY, "policy", policyProps(weakHarm));
    expect(r["ccc-modified-content-filters"].violations).toEqual([
      expect.stringContaining('contentFilters[2] ("Hate", Prompt) to annotate mode'),
      expect.stringContaining('contentFilters[3] ("Violence", Completion) to off'),
    ]);
  });

  it("with the approval, reports it as an advisory note instead", async () => {
    const run = packRun({ "ccc-modified-content-filters": { modifiedFiltersApproved: true } });
    const notes: unknown[] = [];
    const r = await run.analyze(RAI_POLICY, "policy", policyProps(weakHarm), notes);
    expect(r["ccc-modified-content-filters"]).toBeUndefined();
    expect(notes).toEqual([
      expect.objectContaining({
        enforcementLevel: "advisory",
        message: expect.stringContaining("allowed by the organization's approval"),
      }),
      expect.objectContaining({ enforcementLevel: "advisory" }),
    ]);
  });
});
