// Azure identity: subscription, resource group, parent and name, names compared without case. A lookup never
// resolves to the first of several candidates, and a candidate under a provider whose subscription cannot be
// shown to be the same is no match.
import {
  COMPLIANT_FILTERS,
  JAILBREAK,
  OTHER_SUB,
  SUB,
  T,
  UNKNOWN,
  account,
  compliantText,
  deployment,
  evaluate,
  filterEntry,
  policy,
  raw,
  urnOf,
} from "../support/stack";

const WEAK = [
  filterEntry("Jailbreak", "Prompt", true, false),
  filterEntry("Protected Material Text", "Completion", true, false),
];
const text = { tags: { "ccc-use-case": "text-generation" } };
const provider = (name: string, subscriptionId?: string) => ({
  urn: urnOf("pulumi:providers:azure-native", name),
  ...(subscriptionId ? { subscriptionId } : {}),
});

describe("subscriptions", () => {
  it("two subscriptions each holding rg/oai/strict: the deployment uses its own subscription's policy", () => {
    const a = provider("a", SUB);
    const b = provider("b", OTHER_SUB);
    const result = evaluate([
      account("oai", text, { logical: "oai-a", provider: a }),
      account("oai", text, { logical: "oai-b", provider: b }),
      policy("strict", COMPLIANT_FILTERS, {}, { logical: "strict-a", provider: a }),
      policy("strict", WEAK, {}, { logical: "strict-b", provider: b }),
      deployment("chat", { raiPolicyName: "strict" }, { logical: "chat-b", provider: b }),
      deployment("chat", { raiPolicyName: "strict" }, { logical: "chat-a", provider: a }),
    ]);
    expect(result.pairs()).toEqual(["ccc-jailbreak-filter-mode chat-b", "ccc-text-protected-material-filter chat-b"]);
  });

  it("a policy under another provider instance with no subscriptionId is not the deployment's policy", () => {
    const result = evaluate([
      account("oai", text, { provider: provider("a") }),
      policy("strict", COMPLIANT_FILTERS, {}, { provider: provider("b") }),
      deployment("chat", { raiPolicyName: "strict" }, { provider: provider("a") }),
    ]);
    const [finding] = result.of("ccc-verifiable-rai-policy");
    expect(finding.message).toContain('RaiPolicy "strict" has that name, but it is under another provider');
    expect(result.subject("chat").compliant).toBe(false);
  });

  it("the same provider instance is the same subscription, with or without subscriptionId", () => {
    const p = provider("a");
    const result = evaluate(
      compliantText().map((r) => ({ ...r, provider: { urn: p.urn, subscriptionId: undefined } })),
    );
    expect(result.pairs()).toEqual([]);
  });

  it("providers naming the same subscription id are the same subscription, in any case", () => {
    const result = evaluate([
      account("oai", text, { provider: provider("a", "ABCDEF00-0000-0000-0000-000000000000") }),
      policy("strict", COMPLIANT_FILTERS, {}, { provider: provider("b", "abcdef00-0000-0000-0000-000000000000") }),
      deployment(
        "chat",
        { raiPolicyName: "strict" },
        { provider: provider("c", "abcdef00-0000-0000-0000-000000000000") },
      ),
    ]);
    expect(result.pairs()).toEqual([]);
  });

  it("an ARM id's subscription wins over the provider's: a classic account id in another subscription is not this one", () => {
    const otherAccount = `/subscriptions/${OTHER_SUB}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/oai`;
    const result = evaluate([
      raw(
        T.classicAccount,
        "oai",
        { name: "oai", resourceGroupName: "rg", kind: "OpenAI", tags: text.tags },
        { provider: provider("c", SUB) },
      ),
      raw(
        T.classicPolicy,
        "strict",
        { name: "strict", cognitiveAccountId: otherAccount, contentFilters: [] },
        { provider: provider("c", SUB) },
      ),
      raw(
        T.classicDeployment,
        "chat",
        {
          name: "chat",
          cognitiveAccountId: otherAccount,
          raiPolicyName: "strict",
          model: { format: "OpenAI", name: "gpt-4o" },
        },
        { provider: provider("c", SUB) },
      ),
    ]);
    // The deployment's account is in the other subscription: the stack's account (and its tag) is not it.
    expect(result.pairs()).toContain("ccc-use-case-declared chat");
  });
});

describe("names compare without case", () => {
  it("RAI policy, account and deployment names match in any case", () => {
    const result = evaluate([
      account("OAI", text),
      policy("Strict", COMPLIANT_FILTERS, { accountName: "oai", resourceGroupName: "RG" }),
      deployment("chat", { accountName: "Oai", raiPolicyName: "STRICT" }),
    ]);
    expect(result.pairs()).toEqual([]);
  });

  it("two policies whose names differ only in case are ambiguous, never the first", () => {
    const result = evaluate([
      account("oai", text),
      policy("strict", COMPLIANT_FILTERS, {}, { logical: "good" }),
      policy("STRICT", WEAK, {}, { logical: "bad" }),
      deployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.pairs()).toEqual([
      "ccc-verifiable-rai-policy chat",
      "ccc-well-formed-resources bad",
      "ccc-well-formed-resources good",
    ]);
    expect(result.of("ccc-verifiable-rai-policy")[0].message).toMatch(
      /which is ambiguous: "good", "bad" all have that identity/,
    );
  });

  it("two accounts with one identity make the deployment's default use cases ambiguous", () => {
    const result = evaluate([
      account("oai", text, { logical: "one" }),
      account("OAI", { tags: { "ccc-use-case": "image-generation" } }, { logical: "two" }),
      policy("strict", COMPLIANT_FILTERS),
      deployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.subject("chat").compliant).toBe(false);
    expect(result.pairs("undecided")).toEqual(["ccc-use-case-declared chat"]);
  });

  it("tag keys that differ only in case and disagree are one blocking finding; agreeing ones are one tag", () => {
    const disagree = evaluate(
      compliantText([
        deployment("other", {
          raiPolicyName: "strict",
          tags: { "ccc-use-case": "image-generation", "CCC-Use-Case": "text-generation" },
        }),
      ]),
    );
    expect(disagree.pairs()).toEqual(["ccc-well-formed-resources other"]);
    expect(disagree.pairs("undecided")).toEqual([]);
    expect(disagree.of("ccc-well-formed-resources")[0].message).toContain(
      "tags.ccc-use-case is set 2 times with different values",
    );
    const agree = evaluate(
      compliantText([
        deployment("other", {
          raiPolicyName: "strict",
          tags: { "ccc-use-case": "text-generation", "CCC-USE-CASE": "text-generation" },
        }),
      ]),
    );
    expect(agree.pairs()).toEqual([]);
    expect(agree.pairs("undecided")).toEqual([]);
  });
});

describe("registration order", () => {
  it("a policy registered after the deployment does not count for it (it may not exist when the deployment is created)", () => {
    const result = evaluate([
      account("oai", text, { seq: 0 }),
      deployment("chat", { raiPolicyName: "strict" }, { seq: 1 }),
      policy("strict", COMPLIANT_FILTERS, {}, { seq: 2 }),
    ]);
    expect(result.of("ccc-verifiable-rai-policy")[0].message).toContain("it is registered after this resource");
  });

  it("resources that existed before the run (no registration order) all count", () => {
    const result = evaluate([
      deployment("chat", { raiPolicyName: "strict" }),
      account("oai", text),
      policy("strict", COMPLIANT_FILTERS),
    ]);
    expect(result.pairs()).toEqual([]);
  });

  it("a policy that existed before the run (a read) does not count for a deployment registered in it", () => {
    // The resource level judged the deployment without it: every later verdict says what was enforced then.
    const result = evaluate([
      account("oai", text, { seq: 0 }),
      policy("strict", COMPLIANT_FILTERS),
      deployment("chat", { raiPolicyName: "strict" }, { seq: 1 }),
    ]);
    expect(result.pairs()).toEqual(["ccc-verifiable-rai-policy chat"]);
    expect(result.of("ccc-verifiable-rai-policy")[0].message).toContain(
      'RaiPolicy "strict" has that name, but the program does not register it in this run (it reads it), so the pack cannot check it before this resource is created.',
    );
  });
});

describe("following a link at the end of a preview", () => {
  const linked = (policyProps = {}, outputs?: { name?: unknown }) => [
    account("oai", text),
    policy("strict", COMPLIANT_FILTERS, policyProps, outputs ? { outputs } : {}),
    policy("weak", WEAK),
    deployment(
      "chat",
      { raiPolicyName: UNKNOWN },
      { propertyDependencies: { properties: [urnOf(T.policy, "strict")] } },
    ),
  ];

  it("raiPolicyName: policy.name (unknown) resolves to the one linked policy", () => {
    expect(evaluate(linked(), {}, { endOfPreview: true }).pairs("undecided")).toEqual([]);
  });

  it("a value computed from a policy whose name is known is not that name: it stays undecided", () => {
    const result = evaluate(linked({}, { name: "strict" }), {}, { endOfPreview: true });
    expect(result.pairs("undecided")).toEqual(["ccc-verifiable-rai-policy chat"]);
    expect(result.of("ccc-verifiable-rai-policy")[0].message).toMatch(
      /still unknown at the end of the preview.*is not that policy's name/,
    );
  });

  it("a policy linked from another account is the wrong policy", () => {
    const result = evaluate(linked({ accountName: "elsewhere" }), {}, { endOfPreview: true });
    expect(result.subject("chat").compliant).toBe(false);
    expect(result.of("ccc-verifiable-rai-policy")[0].message).toContain("not on the deployment's account");
  });

  it("two linked policies are not guessed between", () => {
    const resources = linked();
    resources[3] = deployment(
      "chat",
      { raiPolicyName: UNKNOWN },
      { propertyDependencies: { properties: [urnOf(T.policy, "strict"), urnOf(T.policy, "weak")] } },
    );
    expect(evaluate(resources, {}, { endOfPreview: true }).subject("chat").compliant).toBe(false);
  });

  it("the unknown names the property and where it comes from, once", () => {
    const result = evaluate(
      [
        account("oai", text),
        deployment(
          "chat",
          { raiPolicyName: UNKNOWN },
          { propertyDependencies: { properties: [urnOf("random:index/randomPet:RandomPet", "pet")] } },
        ),
      ],
      {},
      { endOfPreview: true },
    );
    expect(result.judgement.findings.filter((f) => f.verdict === "undecided")).toHaveLength(1);
    expect(result.of("ccc-verifiable-rai-policy")[0].message).toBe(
      '"chat" cannot be shown compliant: properties.raiPolicyName is still unknown at the end of the preview (it is computed from RandomPet "pet"), so the name of the RAI policy it runs on cannot be checked.',
    );
  });
});

it("a subscription-level policy with the deployment's policy name fails closed: its binding is undocumented", () => {
  const result = evaluate([
    account("oai", text),
    raw(T.subscriptionPolicy, "strict", { raiPolicyName: "strict", properties: { contentFilters: COMPLIANT_FILTERS } }),
    deployment("chat", { raiPolicyName: "strict" }),
  ]);
  expect(result.of("ccc-verifiable-rai-policy")[0].message).toContain("only as a subscription-level RAI policy");
});

it("a filter name is not a place to hide: JAILBREAK on a second policy with another name does not help", () => {
  const result = evaluate([
    account("oai", text),
    policy("strict", [PM_TEXT_ONLY]),
    policy("other", [JAILBREAK]),
    deployment("chat", { raiPolicyName: "strict" }),
  ]);
  expect(result.pairs()).toEqual(["ccc-jailbreak-filter-mode chat"]);
});
const PM_TEXT_ONLY = filterEntry("Protected Material Text", "Completion", true, true);
