// Config shapes, enforcement levels, approvals, remediation and evidence (from an attack round on 266b36c): an
// external policy never stands in for a stack policy that replaces it, a Microsoft-managed name in
// externalRaiPolicies is a config error, and an account's evidence date does not date the deployment's own pointer.
import { PackConfig } from "../../tooling/harness/analyzer";
import { ref, run, Step } from "../support/scenario";
import {
  A,
  COMPLIANT,
  EVIDENCE,
  JAILBREAK,
  Json,
  M,
  PM_CODE,
  PM_TEXT,
  R,
  TODAY,
  account,
  deployment,
  filter,
  messages,
  policy,
  replacing,
  verify,
  WEAK_JB,
} from "./kit";

jest.setTimeout(120_000);

const org = (settings: Record<string, unknown>): PackConfig => ({ [R.org]: settings });
/** An account step in another region (display name or name). */
const accountIn = (name: string, location: string, o: Parameters<typeof account>[1] = {}): Step => {
  const s = account(name, o);
  return { ...s, inputs: { ...s.inputs, location } };
};

// ---- 1b. org config shapes ---------------------------------------------------------------------------------

describe("org config shapes", () => {
  it("defaultUseCases null is a config error naming the key; undeclared deployments stay blocked", async () => {
    const { up } = await verify(
      [account("oai", { useCase: undefined }), policy("strict", COMPLIANT), deployment("chat", "strict")],
      [M(R.org, "oai"), M(R.useCase, "chat")],
      { config: org({ defaultUseCases: null }) },
    );
    expect(messages(up, R.org, "oai")[0]).toContain("ccc-organization-config.defaultUseCases");
  });

  it("defaultUseCases in mixed case (as the tag accepts) is read, or is a config error naming the key", async () => {
    const { up } = await verify(
      [account("oai", { useCase: undefined }), policy("strict", WEAK_JB), deployment("chat", "strict")],
      [M(R.org, "oai"), M(R.useCase, "chat")],
      { config: org({ defaultUseCases: ["Text-Generation"] }) },
    );
    expect(messages(up, R.org, "oai")[0]).toContain("defaultUseCases[0]");
  });

  it("an external policy vouched for in config does not stand in for a weak same-named policy the stack registers later", async () => {
    // The stack creates RaiPolicy "strict" (Jailbreak annotate only) on account "oai", after the deployment that
    // names it; pack config vouches for a strong "strict" on the same account. Azure will hold the stack's weak
    // policy. Before, the pack said nothing; now the deployment is judged on the stack's definition.
    const steps = [account("oai"), deployment("chat", "strict"), policy("strict", WEAK_JB)];
    const config = org({
      externalRaiPolicies: [{ name: "strict", accountName: "oai", contentFilters: [JAILBREAK, PM_TEXT, PM_CODE] }],
    });
    for (const mode of ["up", "preview"] as const) {
      const outcome = await run(steps, mode, config);
      expect({ mode, blocksChat: outcome.mandatory.some((d) => d.urn.endsWith("::chat")) }).toEqual({
        mode,
        blocksChat: true,
      });
      // Judged on the stack's definition, which replaces the declared one in Azure.
      expect(outcome.text).toContain(
        'its RAI policy "strict" (strict) sets properties.contentFilters[10] ("Jailbreak", Prompt) to annotate mode',
      );
    }
  });

  it("two external entries of one name and account, one weak, are never resolved to the strong one", async () => {
    const outcome = await run([account("oai"), deployment("chat", "ext")], "up", {
      ...org({
        externalRaiPolicies: [
          { name: "ext", accountName: "oai", contentFilters: [JAILBREAK, PM_TEXT, PM_CODE] },
          { name: "EXT", accountName: "OAI", contentFilters: [filter("Jailbreak", "Prompt", false, false)] },
        ],
      }),
    });
    expect(outcome.mandatory.filter((d) => d.urn.endsWith("::chat")).length).toBeGreaterThan(0);
  });

  it('an external entry named "Microsoft.Default" with vouched filters is a config error, not silently ignored', async () => {
    const outcome = await run([account("oai"), policy("strict", COMPLIANT), deployment("chat", "strict")], "up", {
      ...org({
        externalRaiPolicies: [{ name: "Microsoft.Default", contentFilters: [JAILBREAK, PM_TEXT, PM_CODE] }],
      }),
    });
    expect(outcome.findings).toContain(M(R.org, "oai"));
    expect(outcome.text).toContain("externalRaiPolicies[0]");
  });
});

// ---- 2. enforcement levels ---------------------------------------------------------------------------------

describe("enforcement levels", () => {
  it('"Advisory" (odd case) is refused with a message naming the policy and the levels (as the engine does)', async () => {
    await expect(
      run([account("oai"), policy("strict", WEAK_JB), deployment("chat", "strict")], "up", {
        [R.jailbreak]: "Advisory" as unknown as "advisory",
      }),
    ).rejects.toThrow(
      '"ccc-jailbreak-filter-mode" has enforcement level "Advisory"; use advisory, mandatory, remediate, disabled',
    );
  });

  it("the org-config policy disabled: a bad rule config is still reported under the rule that owns it", async () => {
    await verify(
      [account("oai"), policy("strict", COMPLIANT), deployment("chat", "strict", { capacity: 60 })],
      [M(R.capacity, "oai")],
      { config: { [R.org]: "disabled", [R.capacity]: { approvedCapacity: { "gpt-4o": "ten" } } } },
    );
  });

  it("two identical waivers: the finding is waived once, not repeated, and neither is reported as stale", async () => {
    const w = { policy: R.jailbreak, resource: "chat", reason: "pilot", approvedBy: "ciso", expires: "2099-01-01" };
    await verify([account("oai"), policy("strict", WEAK_JB), deployment("chat", "strict")], [A(R.jailbreak, "chat")], {
      config: org({ waivers: [w, { ...w }] }),
    });
  });

  it("remediate on a rule that cannot remediate (capacity) still blocks", async () => {
    await verify(
      [account("oai"), policy("strict", COMPLIANT), deployment("chat", "strict", { capacity: 60 })],
      [M(R.capacity, "chat")],
      { config: { [R.capacity]: { enforcementLevel: "remediate", approvedCapacity: { "gpt-4o": 10 } } } },
    );
  });
});

// ---- 3. approvals ------------------------------------------------------------------------------------------

describe("approvals rules", () => {
  it('gatedModels ["gpt-4o"] does not gate gpt-4o-mini (no over-match), and gates GPT-4O (case)', async () => {
    await verify(
      [
        account("oai"),
        policy("strict", COMPLIANT),
        deployment("mini", "strict", { model: "gpt-4o-mini", version: "2024-07-18" }),
        deployment("big", "strict", { model: "GPT-4O" }),
      ],
      [M(R.gated, "big")],
      { config: { [R.gated]: { gatedModels: ["gpt-4o"] } } },
    );
  });

  it("capacity per region adds up accounts whose location is spelt as name and display name", async () => {
    await verify(
      [
        accountIn("oai", "westeurope"),
        accountIn("oai2", "West Europe"),
        policy("strict", COMPLIANT),
        policy("strict2", COMPLIANT, { account: "oai2" }),
        deployment("chat", "strict", { capacity: 6 }),
        deployment("chat2", "strict2", { capacity: 6, account: "oai2" }),
      ],
      [M(R.capacity, "chat2")],
      { config: { [R.capacity]: { approvedCapacity: { "gpt-4o": 10 }, scope: "region" } } },
    );
  });

  it("fine-tuned names with .FT- in upper case count toward the limit", async () => {
    const ft = (n: string, model: string) => deployment(n, "strict", { model, version: "1" });
    await verify(
      [
        account("oai"),
        policy("strict", COMPLIANT),
        ft("ft1", "gpt-4o-mini-2024-07-18.FT-ABC"),
        ft("ft2", "gpt-4o-mini-2024-07-18.ft-def"),
      ],
      [M(R.fineTuned, "ft2")],
      { config: { [R.fineTuned]: { maxFineTunedDeploymentsPerAccount: 1 } } },
    );
  });
});

// ---- 4. remediation ----------------------------------------------------------------------------------------

describe("remediation", () => {
  it("with only defaultUseCases (no tags), remediation adds the text filters and the deployment then passes", async () => {
    const outcome = await run(
      [
        account("oai", { useCase: undefined }),
        policy("strict", [filter("Jailbreak", "Prompt", true, false)]),
        deployment("chat", ref("strict")),
      ],
      "up",
      {
        [R.jailbreak]: "remediate",
        [R.pmText]: "remediate",
        ...org({ defaultUseCases: ["text-generation"] }),
      },
    );
    expect(outcome.mandatory.map((d) => `${d.policyName} ${d.urn.split("::").pop()}`)).toEqual([]);
    expect(outcome.result.remediations.size).toBe(1);
  });

  it("remediation never produces a second Jailbreak entry on the prompt next to one spelt 'jailbreak'/'prompt'", async () => {
    const outcome = await run(
      [
        account("oai"),
        policy("strict", [
          ...replacing("Jailbreak"),
          { name: "jailbreak", source: "prompt", enabled: false, blocking: false },
        ]),
        deployment("chat", ref("strict")),
      ],
      "up",
      { [R.jailbreak]: "remediate" },
    );
    const all = [...outcome.result.remediations.values()].flat();
    const last = all[all.length - 1]?.properties as { properties: { contentFilters: Json[] } };
    const jb = last.properties.contentFilters.filter((f) => String(f.name).toLowerCase() === "jailbreak");
    expect(jb).toEqual([{ name: "jailbreak", source: "prompt", enabled: true, blocking: true }]);
    expect(outcome.mandatory).toEqual([]);
  });
});

// ---- 5. evidence -------------------------------------------------------------------------------------------

describe("evidence", () => {
  it("a deployment's own metaprompt pointer is not dated by the account's date for another metaprompt", async () => {
    await verify(
      [
        account("oai"),
        policy("strict", COMPLIANT),
        deployment("chat", "strict", { tags: { "ccc-metaprompt": "kb://prompts/chat-specific-v1" } }),
      ],
      [A(R.evidence, "chat")],
    );
  });

  it("a date with a time part is not a calendar date", async () => {
    await verify(
      [
        account("oai", { tags: { "ccc-metaprompt-date": `${TODAY}T00:00:00Z` } }),
        policy("strict", COMPLIANT),
        deployment("chat", "strict"),
      ],
      [A(R.evidence, "chat")],
    );
  });

  it("evidence tag keys in other case are still read (no false finding)", async () => {
    const upper = Object.fromEntries(Object.entries(EVIDENCE).map(([k, v]) => [k.toUpperCase(), v]));
    await verify(
      [account("oai", { evidence: false, tags: upper }), policy("strict", COMPLIANT), deployment("chat", "strict")],
      [],
    );
  });
});
