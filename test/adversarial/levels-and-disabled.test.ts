// One finding, one rule id, the configured level (issue 9 §4). A rule set to advisory reports under its own
// id at advisory, and no other policy blocks in its place; disabling rules never stops the others deciding
// at resource level (so `up` still blocks before the step).
import { PackConfig } from "../../tooling/harness/analyzer";
import { computed, ref } from "../support/scenario";
import {
  A,
  COMPLIANT,
  M,
  R,
  account,
  deployment,
  filter,
  messages,
  policy,
  replacing,
  verify,
  WEAK_JB,
  WEAK_PMT,
} from "./kit";

const ALL_RULES = Object.values(R).filter((id) => id !== R.org);
const at = (level: "advisory" | "disabled", ...ids: string[]): PackConfig =>
  Object.fromEntries(ids.map((id) => [id, level]));
const allBut = (...keep: string[]): PackConfig =>
  at("disabled", ...ALL_RULES.filter((id) => !keep.includes(id)), ...(keep.includes(R.org) ? [] : [R.org]));
/** The rules that meet "no policy to check" on a text deployment. */
const POLICY_RULES = [R.explicit, R.verifiable, R.jailbreak, R.pmText, R.pmCode, R.async];

describe("disabled rules do not weaken the rest", () => {
  it("ccc-use-case-declared and ccc-well-formed-resources disabled: a weak deployment is still blocked at resource level", async () => {
    await verify(
      [account("oai"), policy("strict", WEAK_JB), deployment("chat", ref("strict"))],
      [M(R.jailbreak, "chat")],
      { config: at("disabled", R.useCase, R.wellFormed) },
    );
  });

  it("the org config policy disabled as well: resources are still recorded", async () => {
    await verify(
      [account("oai"), policy("strict", WEAK_JB), deployment("chat", ref("strict"))],
      [M(R.jailbreak, "chat")],
      { config: at("disabled", R.org, R.useCase, R.wellFormed) },
    );
  });

  it("every rule but one disabled: that one still decides from the account and policy it never judges itself", async () => {
    await verify(
      [account("oai"), policy("strict", WEAK_PMT), deployment("chat", ref("strict"))],
      [M(R.pmText, "chat")],
      { config: allBut(R.pmText) },
    );
  });

  it("ccc-verifiable-rai-policy disabled: an unverifiable policy is still reported by the filter rules", async () => {
    await verify([account("oai"), deployment("chat", "nothere")], [M(R.pmText, "chat")], {
      config: at("disabled", R.verifiable),
    });
  });

  it("ccc-use-case-declared disabled: a deployment with no use case is still not shown compliant", async () => {
    const { up } = await verify(
      [account("oai", { useCase: undefined }), policy("strict", WEAK_JB), deployment("chat", ref("strict"))],
      [M(R.pmText, "chat")],
      { config: at("disabled", R.useCase) },
    );
    expect(messages(up, R.pmText, "chat")[0]).toContain('Deployment "chat" declares no use case');
  });

  it("ccc-explicit-rai-policy disabled: a deployment naming no policy is still blocked", async () => {
    await verify([account("oai"), deployment("chat", undefined)], [M(R.pmText, "chat")], {
      config: at("disabled", R.explicit),
    });
  });
});

describe("rules set to advisory", () => {
  it("ccc-jailbreak-filter-mode advisory: its finding is advisory under its own id, nothing blocks", async () => {
    await verify(
      [account("oai"), policy("strict", WEAK_JB), deployment("chat", ref("strict"))],
      [A(R.jailbreak, "chat")],
      {
        config: at("advisory", R.jailbreak),
      },
    );
  });

  it("ccc-text-protected-material-filter advisory: advisory under its own id; the jailbreak rule stays mandatory", async () => {
    const both = replacing("Jailbreak", filter("Jailbreak", "Prompt", false, false)).filter(
      (f) => f.name !== "Protected Material Text",
    );
    await verify(
      [account("oai"), policy("strict", both), deployment("chat", ref("strict"))],
      [A(R.pmText, "chat"), M(R.jailbreak, "chat")],
      { config: at("advisory", R.pmText) },
    );
  });

  it("ccc-async-filter-coverage advisory on a deferred policy: advisory in up, and at the end of a preview that does not know the mode", async () => {
    const { preview } = await verify(
      // The mode is computed from the account's id: unknown in a preview, so decided at stack level there.
      [
        account("oai"),
        policy("strict", COMPLIANT, { mode: computed("oai", () => "Deferred", "id") }),
        deployment("chat", ref("strict")),
      ],
      [A(R.async, "chat")],
      { config: at("advisory", R.async) },
    );
    expect(preview.stackLevel.map((d) => `${d.enforcementLevel} ${d.policyName}`)).toEqual([`advisory ${R.async}`]);
  });

  it("every rule meeting 'no policy named' at advisory: one advisory finding under the owner's id", async () => {
    await verify([account("oai"), deployment("chat", undefined)], [A(R.explicit, "chat")], {
      config: at("advisory", ...POLICY_RULES),
    });
  });

  it("every rule meeting an undecided link at advisory: advisory in preview, advisory in up", async () => {
    await verify(
      [
        account("oai"),
        account("other"),
        policy("strict", COMPLIANT, { account: ref("other") }),
        deployment("chat", ref("strict"), { account: ref("oai") }),
      ],
      [A(R.verifiable, "chat")],
      { config: at("advisory", ...POLICY_RULES) },
    );
  });

  it("a rule at advisory does not lower a shared problem that a mandatory rule also meets", async () => {
    await verify([account("oai"), deployment("chat", undefined)], [M(R.pmText, "chat")], {
      config: at("advisory", R.explicit),
    });
  });

  it("approval rules at advisory: capacity, gated models and modified filters report advisory only", async () => {
    const modified = COMPLIANT.map((f) => (f.name === "Hate" ? { ...f, blocking: false } : f));
    await verify(
      [account("oai"), policy("strict", modified), deployment("chat", ref("strict"), { capacity: 90 })],
      [A(R.modified, "strict"), A(R.capacity, "chat"), A(R.gated, "chat")],
      {
        config: {
          [R.modified]: "advisory",
          [R.capacity]: { enforcementLevel: "advisory", approvedCapacity: { "gpt-4o": 50 } },
          [R.gated]: { enforcementLevel: "advisory", gatedModels: ["gpt-4o*"] },
        },
      },
    );
  });

  it("a waiver makes the finding advisory under the waived rule's id", async () => {
    const { up } = await verify(
      [account("oai"), policy("strict", WEAK_JB), deployment("chat", ref("strict"))],
      [A(R.jailbreak, "chat")],
      {
        config: {
          [R.org]: {
            waivers: [
              { policy: R.jailbreak, resource: "ch*", reason: "pilot", approvedBy: "ciso", expires: "2099-12-31" },
            ],
          },
        },
      },
    );
    expect(messages(up, R.jailbreak, "chat")[0]).toMatch(/^Waived by the waiver for ccc-jailbreak-filter-mode/);
  });
});
