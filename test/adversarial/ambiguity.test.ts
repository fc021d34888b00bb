// Ambiguity is a finding, never a guess (issue 9 §1): two resources with one identity, tag keys that differ
// only in case with different values, and a name that could resolve to two candidates are reported; none
// resolves to the first candidate.
import { Step, computed, secret } from "../support/scenario";
import {
  A,
  COMPLIANT,
  EVIDENCE,
  JAILBREAK,
  M,
  PM_CODE,
  PM_TEXT,
  R,
  account,
  deployment,
  messages,
  policy,
  verify,
  WEAK_JB,
} from "./kit";

const base: Step = {
  type: "azure-native:resources:ResourceGroup",
  name: "base",
  inputs: { resourceGroupName: "base", location: "swedencentral" },
};

describe("two resources with one identity", () => {
  it("two RAI policies whose names differ only in case are one Azure policy: ambiguous even when both are compliant", async () => {
    const { up } = await verify(
      [
        account("oai"),
        policy("strict", COMPLIANT),
        policy("STRICT", COMPLIANT, { logical: "strict-upper" }),
        deployment("chat", "Strict"),
      ],
      [M(R.wellFormed, "strict-upper"), M(R.verifiable, "chat")],
    );
    expect(messages(up, R.verifiable, "chat")[0]).toContain('"strict", "strict-upper" all have that identity');
  });

  it("a weak duplicate registered first does not lose to a compliant one registered second, nor the reverse", async () => {
    await verify(
      [
        account("oai"),
        policy("guard", WEAK_JB, { logical: "guard-weak" }),
        policy("Guard", COMPLIANT, { logical: "guard-strong" }),
        policy("shield", COMPLIANT, { logical: "shield-strong" }),
        policy("SHIELD", WEAK_JB, { logical: "shield-weak" }),
        deployment("a", "guard"),
        deployment("b", "shield"),
      ],
      [M(R.wellFormed, "guard-strong"), M(R.wellFormed, "shield-weak"), M(R.verifiable, "a"), M(R.verifiable, "b")],
    );
  });

  it("two accounts whose names differ only in case: the deployment's use case is not taken from either", async () => {
    await verify(
      [
        account("oai"),
        account("OAI", { logical: "oai-dup", useCase: "other" }),
        policy("strict", WEAK_JB),
        deployment("chat", "strict"),
      ],
      [M(R.wellFormed, "oai-dup"), M(R.useCase, "chat")],
    );
  });

  it("a spillover name matching two deployments (case variants) is ambiguous", async () => {
    await verify(
      [
        account("oai"),
        policy("strict", COMPLIANT),
        policy("weak", WEAK_JB),
        deployment("spill", "strict", { logical: "spill-1" }),
        deployment("SPILL", "weak", { logical: "spill-2" }),
        deployment("chat", "strict", { spillover: "Spill" }),
      ],
      [M(R.jailbreak, "spill-2"), M(R.wellFormed, "spill-2"), M(R.verifiable, "chat")],
    );
  });

  it("two externally managed policies in pack config that both match the name are ambiguous", async () => {
    await verify([account("oai"), deployment("chat", "EXT")], [M(R.verifiable, "chat")], {
      config: {
        "ccc-organization-config": {
          externalRaiPolicies: [
            { name: "ext", contentFilters: [JAILBREAK, PM_TEXT, PM_CODE] },
            { name: "Ext", accountName: "OAI", contentFilters: [] },
          ],
        },
      },
    });
  });
});

describe("tag keys that differ only in case", () => {
  it("on the account, with different use cases: the account and its deployment fail closed", async () => {
    await verify(
      [
        account("oai", { useCase: "other", tags: { "CCC-USE-CASE": "text-generation" } }),
        policy("strict", WEAK_JB),
        deployment("chat", "strict"),
      ],
      [M(R.wellFormed, "oai"), M(R.useCase, "chat")],
    );
  });

  it("on the RAI policy the deployment runs on: its use cases are undecided", async () => {
    await verify(
      [
        account("oai", { useCase: undefined }),
        policy("strict", WEAK_JB, { tags: { "ccc-use-case": "other", "Ccc-Use-Case": "text-generation" } }),
        deployment("chat", "strict"),
      ],
      [M(R.wellFormed, "strict"), M(R.useCase, "chat")],
    );
  });

  it("on the deployment, one value secret: ambiguous, and neither value is shown", async () => {
    await verify(
      [
        account("oai", { useCase: "text-generation" }),
        policy("strict", COMPLIANT),
        deployment("chat", "strict", { tags: { "ccc-use-case": "other", "CCC-use-case": secret("Wq4nZp-Kt8r") } }),
      ],
      [M(R.wellFormed, "chat")],
      { secrets: ["Wq4nZp-Kt8r"] },
    );
  });

  it("with the same value in both keys: one tag, no finding", async () => {
    await verify(
      [
        account("oai", { tags: { "CCC-Use-Case": "text-generation", "ccc-METAPROMPT": EVIDENCE["ccc-metaprompt"] } }),
        policy("strict", COMPLIANT),
        deployment("chat", "strict"),
      ],
      [],
    );
  });

  it("on evidence tags: the evidence is undecided and the account is malformed", async () => {
    await verify(
      [
        account("oai", { tags: { "CCC-METAPROMPT": "kb://other-prompt" } }),
        policy("strict", COMPLIANT),
        deployment("chat", "strict"),
      ],
      [M(R.wellFormed, "oai"), A(R.evidence, "chat")],
    );
  });
});

describe("a name that could resolve to two candidates", () => {
  it("an account name computed from a resource the pack does not read: preview cannot tell a1 from a2, up can", async () => {
    // In up the name is a1, whose policy is compliant; a preview only knows it is one of the stack's accounts.
    await verify(
      [
        base,
        account("a1"),
        account("a2"),
        policy("strict", COMPLIANT, { account: "a1", logical: "s1" }),
        policy("strict", WEAK_JB, { account: "a2", logical: "s2" }),
        deployment("chat", "strict", { account: computed("base", () => "a1") }),
      ],
      { up: [], preview: [M(R.useCase, "chat")] },
    );
  });

  it("the same, where up resolves to the weak candidate: both modes block", async () => {
    await verify(
      [
        base,
        account("a1"),
        account("a2"),
        policy("strict", COMPLIANT, { account: "a1", logical: "s1" }),
        policy("strict", WEAK_JB, { account: "a2", logical: "s2" }),
        deployment("chat", "strict", { account: computed("base", () => "a2") }),
      ],
      { up: [M(R.jailbreak, "chat")], preview: [M(R.useCase, "chat")] },
    );
  });
});
