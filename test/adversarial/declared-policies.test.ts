// Policies declared in pack config against the stack's own definitions (registered later, read, a spillover
// deployment's), Microsoft-managed names there, evidence pointers and dates, and model names a preview does not
// know with `other` declared; the evidence report against the pack (from an attack round on 5024df0).
import { PackConfig } from "../../tooling/harness/analyzer";
import { Step, ref, run, runTraced, secret } from "../support/scenario";
import {
  A,
  COMPLIANT,
  DEFAULT_SUB,
  EVIDENCE,
  JAILBREAK,
  PM_CODE,
  PM_TEXT,
  R,
  account,
  armAccountId,
  classicPolicy,
  deployment,
  findingsOf,
  hubDeployment,
  hubPolicy,
  messages,
  policy,
  verify,
  workspace,
  WEAK_JB,
  reportVsPack,
  late,
  seed,
} from "./kit";

jest.setTimeout(180_000);

const org = (settings: Record<string, unknown>): PackConfig => ({ [R.org]: settings });
const STRONG = [JAILBREAK, PM_TEXT, PM_CODE];
const ext = (entry: Record<string, unknown>) => org({ externalRaiPolicies: [{ contentFilters: STRONG, ...entry }] });

/** Whether `resource` gets a mandatory finding, per mode, and how often each diagnostic repeats. */
async function blocked(steps: readonly Step[], resource: string, config: PackConfig = {}) {
  const out: Record<string, { blocked: boolean; repeats: string[] }> = {};
  for (const mode of ["up", "preview"] as const) {
    const o = await runTraced(steps, mode, config);
    const f = findingsOf(o);
    out[mode] = {
      blocked: o.result.diagnostics.some((d) => d.enforcementLevel === "mandatory" && d.urn.endsWith(`::${resource}`)),
      repeats: f.filter((x, i) => f.indexOf(x) !== i),
    };
  }
  return out;
}
const BLOCKED = { up: { blocked: true, repeats: [] }, preview: { blocked: true, repeats: [] } };
const PASSED = { up: { blocked: false, repeats: [] }, preview: { blocked: false, repeats: [] } };

// ---- 1. external policies and late stack policies -----------------------------------------------------------

describe("external policy vs a stack policy registered later", () => {
  it("a late weak policy of the external's name on ANOTHER account does not block chat (no false block)", async () => {
    const b = await blocked(
      [account("oai"), account("oai2"), deployment("chat", "strict"), policy("strict", WEAK_JB, { account: "oai2" })],
      "chat",
      ext({ name: "strict", accountName: "oai" }),
    );
    expect(b).toEqual(PASSED);
  });

  it("a late weak policy of the external's name in another case (STRICT) on the same account blocks", async () => {
    const b = await blocked(
      [account("oai"), deployment("chat", "strict"), policy("STRICT", WEAK_JB)],
      "chat",
      ext({ name: "Strict", accountName: "OAI" }),
    );
    expect(b).toEqual(BLOCKED);
  });

  it("a late weak policy whose name is unknown in a preview ('strict' in up) blocks in both modes", async () => {
    const b = await blocked(
      [seed, account("oai"), deployment("chat", "strict"), policy(late("strict"), WEAK_JB, { logical: "lp" })],
      "chat",
      ext({ name: "strict", accountName: "oai" }),
    );
    expect(b).toEqual(BLOCKED);
  });

  it("a late policy of the external's name in another resource group (another account) does not block", async () => {
    const b = await blocked(
      [
        account("oai"),
        account("oai", { rg: "rg2", logical: "oai-rg2" }),
        deployment("chat", "strict"),
        policy("strict", WEAK_JB, { rg: "rg2", logical: "strict-rg2" }),
      ],
      "chat",
      ext({ name: "strict", accountName: "oai", resourceGroupName: "rg" }),
    );
    expect(b).toEqual(PASSED);
  });

  it("an external entry without accountName does not stand in for a late weak policy on the deployment's account", async () => {
    const b = await blocked(
      [account("oai"), deployment("chat", "strict"), policy("strict", WEAK_JB)],
      "chat",
      ext({ name: "strict" }),
    );
    expect(b).toEqual(BLOCKED);
  });

  it("a classic AccountRaiPolicy with the external's identity, registered later and weak, blocks", async () => {
    const b = await blocked(
      [
        account("oai"),
        deployment("chat", "strict"),
        classicPolicy("strict", armAccountId(DEFAULT_SUB, "rg", "oai"), WEAK_JB),
      ],
      "chat",
      ext({ name: "strict", accountName: "oai" }),
    );
    expect(b).toEqual(BLOCKED);
  });

  it("a hub endpoint policy with the external's identity, registered after the hub deployment and weak, blocks", async () => {
    const b = await blocked(
      [workspace("hub"), hubDeployment("hd", "strict"), hubPolicy("strict", WEAK_JB)],
      "hd",
      ext({ name: "strict", accountName: "hub" }),
    );
    expect(b).toEqual(BLOCKED);
  });

  it("a late COMPLIANT stack policy replacing a compliant external one: every definition Azure can hold is compliant, no block", async () => {
    // Azure has the external "strict" when chat is created, then the stack's (compliant) definition: compliant
    // throughout. Blocking this is a false block (without the external entry the order alone would block it).
    const b = await blocked(
      [account("oai"), deployment("chat", "strict"), policy("strict", COMPLIANT)],
      "chat",
      ext({ name: "strict", accountName: "oai", contentFilters: COMPLIANT }),
    );
    expect(b).toEqual(PASSED);
  });

  it("a spillover target on an external policy replaced later by a weak stack policy: the origin is blocked too", async () => {
    // Without the external entry and with "strict" weak before both, the origin gets its own finding via the
    // spillover. Here the spillover's policy changes at stack level, and the origin must be judged again too.
    const steps = [
      account("oai"),
      policy("good", COMPLIANT),
      deployment("spill", "strict"),
      deployment("chat", "good", { spillover: "spill" }),
      policy("strict", WEAK_JB),
    ];
    const b = await blocked(steps, "chat", ext({ name: "strict", accountName: "oai" }));
    expect(b).toEqual(BLOCKED);
  });

  it("the same with the spillover target's own finding waived: the origin must not pass silently", async () => {
    const steps = [
      account("oai"),
      policy("good", COMPLIANT),
      deployment("spill", "strict"),
      deployment("chat", "good", { spillover: "spill" }),
      policy("strict", WEAK_JB),
    ];
    const waiver = {
      policy: R.verifiable,
      resource: "spill",
      reason: "owner fixing",
      approvedBy: "ciso",
      expires: "2099-01-01",
    };
    const config = org({
      externalRaiPolicies: [{ name: "strict", accountName: "oai", contentFilters: STRONG }],
      waivers: Object.values(R)
        .filter((r) => r !== R.org)
        .map((rule) => ({ ...waiver, policy: rule })),
    });
    for (const mode of ["up", "preview"] as const) {
      const o = await run(steps, mode, config);
      expect({ mode, mandatory: o.mandatory.map((d) => `${d.policyName} ${d.urn.split("::").pop()}`) }).toEqual({
        mode,
        mandatory: [expect.stringMatching(/ chat$/)],
      });
    }
  });

  it("reference: waivers on the spillover target alone never let the origin through (weak policy first, no external)", async () => {
    const steps = [
      account("oai"),
      policy("good", COMPLIANT),
      policy("strict", WEAK_JB),
      deployment("spill", "strict"),
      deployment("chat", "good", { spillover: "spill" }),
    ];
    const waiver = { resource: "spill", reason: "owner fixing", approvedBy: "ciso", expires: "2099-01-01" };
    const config = org({
      waivers: Object.values(R)
        .filter((r) => r !== R.org)
        .map((rule) => ({ ...waiver, policy: rule })),
    });
    for (const mode of ["up", "preview"] as const) {
      const o = await run(steps, mode, config);
      expect({ mode, blocksChat: o.mandatory.some((d) => d.urn.endsWith("::chat")) }).toEqual({
        mode,
        blocksChat: true,
      });
    }
  });

  it("reference: a spillover target on a weak stack policy blocks the origin (same shape, no external)", async () => {
    const steps = [
      account("oai"),
      policy("good", COMPLIANT),
      policy("strict", WEAK_JB),
      deployment("spill", "strict"),
      deployment("chat", "good", { spillover: "spill" }),
    ];
    expect(await blocked(steps, "chat")).toEqual(BLOCKED);
  });

  it("a weak RAI policy the program reads with the external's identity: the stack level sees Azure's weak definition", async () => {
    const b = await blocked(
      [account("oai"), { ...policy("strict", WEAK_JB), existing: true, read: true }, deployment("chat", "strict")],
      "chat",
      ext({ name: "strict", accountName: "oai" }),
    );
    expect(b).toEqual(BLOCKED);
  });

  it("re-judging on a late policy elsewhere repeats no finding (evidence advisories stay once each)", async () => {
    const base = [account("oai", { evidence: false }), account("oai2"), deployment("chat", "strict")];
    const config = ext({ name: "strict", accountName: "oai" });
    const { up: u0 } = await verify(base, [A(R.evidence, "chat"), A(R.evidence, "chat")], { config });
    void u0;
    await verify(
      [...base, policy("strict", COMPLIANT, { account: "oai2" })],
      [A(R.evidence, "chat"), A(R.evidence, "chat")],
      {
        config,
      },
    );
  });

  it("a late policy with an unknown name (preview) on an account that is not chat's: no false block in up, preview may fail closed", async () => {
    const b = await blocked(
      [
        seed,
        account("oai"),
        account("oai2"),
        deployment("chat", "strict"),
        policy(late("strict"), COMPLIANT, { account: "oai2", logical: "lp" }),
      ],
      "chat",
      ext({ name: "strict", accountName: "oai" }),
    );
    expect(b).toEqual(PASSED);
  });
});

// ---- 2. Microsoft-named externals ---------------------------------------------------------------------------

describe("Microsoft-managed names in externalRaiPolicies", () => {
  it('an entry " Microsoft.DefaultV2" (leading space) is not a way around the config error', async () => {
    const o = await run(
      [account("oai"), policy("strict", COMPLIANT), deployment("chat", "strict")],
      "up",
      ext({ name: " Microsoft.DefaultV2" }),
    );
    // Either the name is refused, or it matches nothing: it must never be what a deployment naming
    // Microsoft.DefaultV2 runs on.
    const o2 = await run(
      [account("oai"), deployment("chat", "Microsoft.DefaultV2")],
      "up",
      ext({ name: " Microsoft.DefaultV2", accountName: "oai" }),
    );
    void o;
    expect(o2.mandatory.some((d) => d.urn.endsWith("::chat"))).toBe(true);
  });
});

// ---- 3. evidence ------------------------------------------------------------------------------------------

describe("evidence", () => {
  it("the deployment repeats the account's own metaprompt pointer: the account's date dates it (no finding)", async () => {
    await verify(
      [
        account("oai"),
        policy("strict", COMPLIANT),
        deployment("chat", "strict", { tags: { "ccc-metaprompt": EVIDENCE["ccc-metaprompt"] } }),
      ],
      [],
    );
  });

  it("a secret stale date on the deployment: one advisory, the date never shown", async () => {
    await verify(
      [
        account("oai"),
        policy("strict", COMPLIANT),
        deployment("chat", "strict", {
          tags: { "ccc-metaprompt": "kb://p/x", "ccc-metaprompt-date": secret("2019-03-17") as never },
        }),
      ],
      [A(R.evidence, "chat")],
      { secrets: ["2019-03-17"] },
    );
  });

  it("a secret pointer on the deployment with the date on the account: one advisory, pointer not shown", async () => {
    await verify(
      [
        account("oai"),
        policy("strict", COMPLIANT),
        deployment("chat", "strict", { tags: { "ccc-metaprompt": secret("kb://zq81/xyvw-0077") as never } }),
      ],
      [A(R.evidence, "chat")],
      { secrets: ["kb://zq81/xyvw-0077"] },
    );
  });
});

// ---- 4. unknown model names --------------------------------------------------------------------------------

describe("model names a preview does not know", () => {
  it("a secret model name unknown in a preview, declared image-generation, gpt-4o in up: blocked in both, no leak", async () => {
    const b = await blocked(
      [
        seed,
        account("oai", { useCase: "image-generation" }),
        policy("p", WEAK_JB),
        deployment("chat", "p", { model: secret(late("gpt-4o")) }),
      ],
      "chat",
    );
    expect(b).toEqual(BLOCKED);
  });

  it("declared 'other, text-generation' with an unknown model on a COMPLIANT policy: no outcome can fail, so no block", async () => {
    // Narrowing only drops use cases and `other` is always kept: whatever the model, the use cases are a subset
    // of what the compliant policy meets. Up passes; the preview (which pulumi up runs first) must not block.
    const b = await blocked(
      [
        seed,
        account("oai", { useCase: "other, text-generation" }),
        policy("p", COMPLIANT),
        deployment("chat", "p", { model: late("gpt-4o") }),
      ],
      "chat",
    );
    expect(b).toEqual(PASSED);
  });

  it("an empty use-case tag with an unknown model (preview) is not read as 'only other'", async () => {
    const b = await blocked(
      [
        seed,
        account("oai", { useCase: " , " }),
        policy("p", WEAK_JB),
        deployment("chat", "p", { model: late("gpt-4o") }),
      ],
      "chat",
    );
    expect(b).toEqual(BLOCKED);
  });
});

// ---- 5. the evidence report against the pack ------------------------------------------------------------------

describe("the evidence report says what the pack enforces", () => {
  it("external policy replaced by a later weak stack policy", async () => {
    await reportVsPack(
      [account("oai"), deployment("chat", "strict"), policy("strict", WEAK_JB)],
      ext({ name: "strict", accountName: "oai" }),
    );
  });

  it("external policy, a late policy of its name on another account", async () => {
    await reportVsPack(
      [account("oai"), account("oai2"), deployment("chat", "strict"), policy("strict", WEAK_JB, { account: "oai2" })],
      ext({ name: "strict", accountName: "oai" }),
    );
  });

  it("deployment pointer with the date only on the account", async () => {
    await reportVsPack([
      account("oai"),
      policy("strict", COMPLIANT),
      deployment("chat", "strict", { tags: { "ccc-metaprompt": "kb://prompts/chat-specific-v1" } }),
    ]);
  });

  it("spillover target on an external policy replaced later", async () => {
    await reportVsPack(
      [
        account("oai"),
        policy("good", COMPLIANT),
        deployment("spill", "strict"),
        deployment("chat", "good", { spillover: "spill" }),
        policy("strict", WEAK_JB),
      ],
      ext({ name: "strict", accountName: "oai" }),
    );
  });

  it("a read weak policy with the external's identity", async () => {
    await reportVsPack(
      [account("oai"), { ...policy("strict", WEAK_JB), existing: true, read: true }, deployment("chat", "strict")],
      ext({ name: "strict", accountName: "oai" }),
    );
  });
});

void ref;
void messages;
