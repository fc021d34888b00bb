// ccc-verifiable-rai-policy: the policy a deployment names (and its spillover deployment's) is defined on its
// account in this stack or declared in pack config, and identifies exactly one policy. It owns those problems.
import { DeploymentSubject } from "../../policy-pack/src/model/model";
import {
  COMPLIANT_FILTERS,
  JAILBREAK,
  OTHER_SUB,
  SUB,
  T,
  UNKNOWN,
  account,
  classicAccount,
  classicDeployment,
  compliantText,
  deployment,
  evaluate,
  hubDeployment,
  hubPolicy,
  policy,
  raw,
  urnOf,
  workspace,
} from "../support/stack";
import { itThroughProtocol, run } from "../support/scenario";
import { ALL_FILTERS, policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-verifiable-rai-policy";
const TEXT = { tags: { "ccc-use-case": "text-generation" } };
const NOT_LISTED = (name: string, who = 'Deployment "chat"') =>
  `${who} names RAI policy "${name}", which cannot be verified: no RAI policy with that name is defined on its account in this stack, and ccc-organization-config.externalRaiPolicies does not list it.`;
const FIX = (property = "properties.raiPolicyName") =>
  `Define the policy in this stack and reference it (${property}: policy.name, which also creates it first), or declare it and its filters in ccc-organization-config.externalRaiPolicies (also for a policy the program only reads with .get: a read reaches the pack after the deployment's step).`;
const PREVIEW_FIX =
  "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.";
const violation = (message: string, fix = FIX(), resource = "chat") => ({
  resource,
  verdict: "violation",
  level: "mandatory",
  message,
  fix,
});

describe("a policy that cannot be found", () => {
  it("is a violation whatever the use case (Azure needs the policy to exist)", () => {
    const result = evaluate([
      account("oai", { tags: { "ccc-use-case": "image-generation" } }),
      deployment("chat", { raiPolicyName: "shared", model: "dall-e-3" }),
    ]);
    expect(result.reported(RULE)).toEqual([violation(NOT_LISTED("shared"))]);
  });

  it("a same-named policy on another account does not count", () => {
    const result = evaluate([
      account("oai", TEXT),
      account("other", TEXT),
      policy("shared", COMPLIANT_FILTERS, { accountName: "other" }),
      deployment("chat", { raiPolicyName: "shared" }),
    ]);
    expect(result.reported(RULE)).toEqual([violation(NOT_LISTED("shared"))]);
  });

  it("names the near misses: registered after the deployment, or under a provider of unprovable subscription", () => {
    const later = evaluate([
      account("oai", TEXT, { seq: 0 }),
      deployment("chat", { raiPolicyName: "shared" }, { seq: 1 }),
      policy("shared", COMPLIANT_FILTERS, {}, { seq: 2 }),
    ]);
    expect(later.reported(RULE)).toEqual([
      violation(
        `${NOT_LISTED("shared")} RaiPolicy "shared" has that name, but it is registered after this resource, so Azure may not have it yet when this one is created.`,
      ),
    ]);
    const provider = (name: string) => ({ urn: urnOf("pulumi:providers:azure-native", name) });
    const elsewhere = evaluate([
      account("oai", TEXT, { provider: provider("a") }),
      policy("shared", COMPLIANT_FILTERS, {}, { provider: provider("b") }),
      deployment("chat", { raiPolicyName: "shared" }, { provider: provider("a") }),
    ]);
    expect(elsewhere.reported(RULE)).toEqual([
      violation(
        `${NOT_LISTED("shared")} RaiPolicy "shared" has that name, but it is under another provider, whose subscription cannot be shown to be the same (set subscriptionId on both providers).`,
      ),
    ]);
  });

  it("classic and AI Foundry hub fixes name their property; a hub policy under another parent does not count", () => {
    const classic = evaluate([classicAccount("oai", TEXT), classicDeployment("chat", { raiPolicyName: "shared" })]);
    expect(classic.reported(RULE)).toEqual([violation(NOT_LISTED("shared"), FIX("raiPolicyName"))]);
    const hub = evaluate([
      workspace("hub", TEXT),
      hubPolicy("shared", COMPLIANT_FILTERS, {}, undefined, "connections"),
      hubDeployment("chat", { raiPolicyName: "shared" }),
    ]);
    expect(hub.reported(RULE)).toEqual([violation(NOT_LISTED("shared"))]);
  });

  it("a policy declared in pack config is verifiable", () => {
    const result = evaluate([account("oai", TEXT), deployment("chat", { raiPolicyName: "corp" })], {
      "ccc-organization-config": {
        externalRaiPolicies: [{ name: "CORP", accountName: "oai", contentFilters: [{ name: "Jailbreak" }] }],
      },
    });
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).verdict).toBe("pass");
  });

  it("a policy declared in pack config is judged on the stack's own definition of it, if there is one", () => {
    // Registered after the deployment (it replaces the declared one in Azure), or read (what Azure holds): the
    // deployment runs on that definition. Under another provider, or of an identity not known, it may or may not
    // be the declared policy: the declaration does not stand in.
    const corp = { "ccc-organization-config": { externalRaiPolicies: [{ name: "corp", contentFilters: [] }] } };
    const onPolicy = (result: ReturnType<typeof evaluate>) =>
      (result.subject("chat").subject as DeploymentSubject).policy;
    const later = evaluate(
      [
        account("oai", TEXT, { seq: 0 }),
        deployment("chat", { raiPolicyName: "corp" }, { seq: 1 }),
        policy("corp", COMPLIANT_FILTERS, {}, { seq: 2 }),
      ],
      corp,
    );
    expect(onPolicy(later)).toMatchObject({ kind: "resolved", policy: { origin: { kind: "stack" } } });
    expect(later.pairs()).toEqual([]);
    const read = evaluate(
      [account("oai", TEXT, { seq: 0 }), policy("corp", []), deployment("chat", { raiPolicyName: "corp" }, { seq: 1 })],
      corp,
    );
    expect(onPolicy(read)).toMatchObject({ kind: "resolved", policy: { origin: { kind: "stack" } } });
    expect(read.pairs()).toEqual(["ccc-jailbreak-filter-mode chat", "ccc-text-protected-material-filter chat"]);
    const twice = evaluate(
      [
        account("oai", TEXT, { seq: 0 }),
        deployment("chat", { raiPolicyName: "corp" }, { seq: 1 }),
        policy("corp", COMPLIANT_FILTERS, {}, { seq: 2, logical: "one" }),
        policy("CORP", COMPLIANT_FILTERS, {}, { seq: 3, logical: "two" }),
      ],
      corp,
    );
    expect(onPolicy(twice)).toMatchObject({ kind: "ambiguous", candidates: [{ name: "one" }, { name: "two" }] });
    // A read under another provider may not be the declared policy: the declaration stands, as before the step.
    const readElsewhere = evaluate(
      [
        account("oai", TEXT, { seq: 0 }),
        policy("corp", [], {}, { provider: { urn: urnOf("pulumi:providers:azure-native", "b") } }),
        deployment("chat", { raiPolicyName: "corp" }, { seq: 1 }),
      ],
      corp,
    );
    expect(onPolicy(readElsewhere)).toMatchObject({ kind: "resolved", policy: { origin: { kind: "external" } } });
    const LISTED =
      'Deployment "chat" names RAI policy "corp", which cannot be verified: no RAI policy with that name is defined on its account in this stack, and ccc-organization-config.externalRaiPolicies lists it, but a policy of this stack may be that very policy, and Azure holds the stack\'s definition.';
    const provider = (name: string) => ({ urn: urnOf("pulumi:providers:azure-native", name) });
    const elsewhere = evaluate(
      [
        account("oai", TEXT, { provider: provider("a") }),
        policy("corp", [], {}, { provider: provider("b") }),
        deployment("chat", { raiPolicyName: "corp" }, { provider: provider("a") }),
      ],
      corp,
    );
    expect(elsewhere.reported(RULE)).toEqual([
      violation(
        `${LISTED} RaiPolicy "corp" has that name, but it is under another provider, whose subscription cannot be shown to be the same (set subscriptionId on both providers).`,
      ),
    ]);
    const laterElsewhere = evaluate(
      [
        account("oai", TEXT, { provider: provider("a"), seq: 0 }),
        deployment("chat", { raiPolicyName: "corp" }, { provider: provider("a"), seq: 1 }),
        policy("corp", [], {}, { provider: provider("b"), seq: 2 }),
      ],
      corp,
    );
    expect(laterElsewhere.reported(RULE)).toEqual([
      violation(
        `${LISTED} RaiPolicy "corp" has that name, but it is registered after this resource, so Azure may not have it yet when this one is created.`,
      ),
    ]);
  });

  it("a deployment whose account a preview does not know yet may or may not be the declared policy's", () => {
    const result = evaluate(
      [account("oai", TEXT), deployment("chat", { raiPolicyName: "corp", accountName: UNKNOWN })],
      {
        "ccc-organization-config": {
          externalRaiPolicies: [{ name: "corp", accountName: "oai", contentFilters: [] }],
        },
      },
    );
    expect(result.verdict("chat", RULE).verdict).toBe("undecided");
    // The unknown account is one problem, reported under the first rule that meets it; the resolution says why.
    expect((result.subject("chat").subject as DeploymentSubject).policy).toMatchObject({
      kind: "undecided",
      unknown: { path: "accountName", reason: "preview" },
      why: 'whether the externally managed RAI policy "corp" declared in pack config is this deployment\'s',
    });
  });
});

describe("a policy that is not exactly one", () => {
  it("two policies whose names differ only in case are ambiguous, never the first", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("strict", COMPLIANT_FILTERS, {}, { logical: "one" }),
      policy("Strict", [], {}, { logical: "two" }),
      deployment("chat", { raiPolicyName: "STRICT" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        'Deployment "chat" names RAI policy "STRICT", which is ambiguous: "one", "two" all have that identity (Azure compares names without case), so the pack cannot tell which filters apply.',
        "Keep one policy per name on an account (names differing only in case are the same policy).",
      ),
    ]);
  });

  it("two entries of externalRaiPolicies that match", () => {
    const result = evaluate([account("oai", TEXT), deployment("chat", { raiPolicyName: "corp" })], {
      "ccc-organization-config": {
        externalRaiPolicies: [
          { name: "corp", contentFilters: [] },
          { name: "CORP", accountName: "oai", contentFilters: [] },
        ],
      },
    });
    expect(result.reported(RULE)).toEqual([
      violation(
        'Deployment "chat" names RAI policy "corp", which is ambiguous: several entries of ccc-organization-config.externalRaiPolicies match it, so the pack cannot tell which filters apply.',
        "Keep one policy per name on an account (names differing only in case are the same policy).",
      ),
    ]);
  });

  it("a name the stack defines only as a subscription-level policy", () => {
    const result = evaluate([
      account("oai", TEXT),
      raw(T.subscriptionPolicy, "subpol", {
        raiPolicyName: "strict",
        properties: { contentFilters: COMPLIANT_FILTERS },
      }),
      deployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        'Deployment "chat" names "strict", which this stack defines only as a subscription-level RAI policy (subpol). Microsoft does not document whether a deployment can run on a subscription-level policy, so its filters cannot be shown to apply.',
        "Define the policy on the deployment's account: create a cognitiveservices.RaiPolicy on the deployment's account with the required filters and set the deployment's properties.raiPolicyName: policy.name.",
      ),
    ]);
  });
});

describe("spillover", () => {
  it("a spillover deployment that is not in the stack", () => {
    const result = evaluate(compliantText([deployment("ptu", { raiPolicyName: "strict", spillover: "overflow" })]));
    expect(result.reported(RULE)).toEqual([
      violation(
        'Deployment "ptu" sends overflow requests to its spillover deployment "overflow", which cannot be verified: no deployment with that name is on its account in this stack. Requests served there must meet this deployment\'s requirements too.',
        "Define the spillover deployment on the same account in this stack, with a compliant policy, or remove properties.spilloverDeploymentName.",
        "ptu",
      ),
    ]);
  });

  it("a spillover deployment that is ambiguous", () => {
    const result = evaluate(
      compliantText([
        deployment("overflow", { raiPolicyName: "strict" }, { logical: "o1" }),
        deployment("OVERFLOW", { raiPolicyName: "strict" }, { logical: "o2" }),
        deployment("ptu", { raiPolicyName: "strict", spillover: "overflow" }),
      ]),
    );
    expect(result.reported(RULE).map((f) => f.message)).toEqual([
      'Deployment "ptu" sends overflow requests to its spillover deployment "overflow", which cannot be verified: several deployments in the stack have that identity ("o1", "o2"). Requests served there must meet this deployment\'s requirements too.',
    ]);
  });

  it("a spillover deployment whose own policy cannot be verified: reported on both, naming both", () => {
    const result = evaluate(
      compliantText([
        deployment("overflow", { raiPolicyName: "elsewhere" }),
        deployment("ptu", { raiPolicyName: "strict", spillover: "overflow" }),
      ]),
    );
    expect(result.reported(RULE)).toEqual([
      violation(NOT_LISTED("elsewhere", 'Deployment "overflow"'), FIX(), "overflow"),
      violation(
        'Deployment "ptu" spills over to its spillover deployment "overflow", which names RAI policy "elsewhere", which cannot be verified: no RAI policy with that name is defined on its account in this stack, and ccc-organization-config.externalRaiPolicies does not list it.',
        FIX(),
        "ptu",
      ),
    ]);
  });

  it("a spillover deployment that is not known yet: the filter rules wait for it, not this rule", () => {
    const result = evaluate(compliantText([deployment("ptu", { raiPolicyName: "strict", spillover: UNKNOWN })]));
    expect(result.verdict("ptu", RULE)).toMatchObject({ verdict: "pass", findings: [] });
    expect(result.pairs("undecided")).toEqual(["ccc-text-protected-material-filter ptu"]);
  });

  it("use cases not known yet: the spillover is not checked (the use-case rule reports the unknown)", () => {
    const result = evaluate(
      compliantText([
        deployment("overflow", { raiPolicyName: "elsewhere" }),
        deployment("ptu", { raiPolicyName: "strict", spillover: "overflow", tags: { "ccc-use-case": UNKNOWN } }),
      ]),
    );
    expect(result.verdict("ptu", RULE)).toMatchObject({ verdict: "pass", findings: [] });
    expect(result.pairs("undecided")).toEqual(["ccc-use-case-declared ptu"]);
  });
});

describe("undecided", () => {
  it("an unknown policy name, worded for a resource-level check and for the end of a preview", () => {
    const resources = [account("oai", TEXT), deployment("chat", { raiPolicyName: UNKNOWN })];
    const undecided = (when: string) => ({
      resource: "chat",
      verdict: "undecided",
      level: "mandatory",
      message: `"chat" cannot be shown compliant: properties.raiPolicyName ${when}, so the name of the RAI policy it runs on cannot be checked.`,
      fix: PREVIEW_FIX,
    });
    expect(evaluate(resources).reported(RULE)).toEqual([undecided("is not known")]);
    expect(evaluate(resources, {}, { endOfPreview: true }).reported(RULE)).toEqual([
      undecided("is still unknown at the end of the preview"),
    ]);
  });

  it("an unknown account: which policy the name finds cannot be decided", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("strict", COMPLIANT_FILTERS),
      deployment("chat", { raiPolicyName: "strict", accountName: UNKNOWN, tags: TEXT.tags }),
    ]);
    expect(result.reported(RULE).map((f) => [f.verdict, f.message])).toEqual([
      [
        "undecided",
        '"chat" cannot be shown compliant: accountName is not known, so which RAI policy "strict" is (a resource in the stack whose identity is not known may be it) cannot be checked.',
      ],
    ]);
  });

  it("a name linked to a policy registered after the deployment", () => {
    const result = evaluate(
      [
        account("oai", TEXT, { seq: 0 }),
        deployment(
          "chat",
          { raiPolicyName: UNKNOWN },
          { seq: 1, propertyDependencies: { properties: [urnOf(T.policy, "strict")] } },
        ),
        policy("strict", COMPLIANT_FILTERS, {}, { seq: 2 }),
      ],
      {},
      { endOfPreview: true },
    );
    expect(result.reported(RULE).map((f) => f.message)).toEqual([
      '"chat" cannot be shown compliant: properties.raiPolicyName is still unknown at the end of the preview (it is computed from RaiPolicy "strict"), so the RAI policy name (RaiPolicy "strict" is registered after the deployment) cannot be checked.',
    ]);
  });
});

describe("a stack policy with the name of a Microsoft-managed policy", () => {
  // Whether Azure creates it, and which of the two a deployment naming it runs on, is not documented: never a pass.
  const ACCEPT = { "ccc-organization-config": { acceptMicrosoftDefaultPolicy: true } };
  const AMBIGUOUS =
    '"chat" cannot be shown compliant: properties.raiPolicyName is ambiguous (RaiPolicy "mine" in this stack has the name of the Microsoft-managed policy it names, and Azure does not document which of the two it runs on), so the RAI policy it runs on cannot be checked.';
  const stackDefaultV2 = policy("Microsoft.DefaultV2", COMPLIANT_FILTERS, {}, { logical: "mine" });

  it("named by the deployment, as written or through policy.name in a preview, is undecided", () => {
    const written = evaluate(
      [account("oai", TEXT), stackDefaultV2, deployment("chat", { raiPolicyName: "microsoft.defaultv2" })],
      ACCEPT,
    );
    expect(written.reported(RULE)).toEqual([
      {
        resource: "chat",
        verdict: "undecided",
        level: "mandatory",
        message: AMBIGUOUS,
        fix: 'Give the stack\'s policy a name that does not start with "Microsoft.", and name that in properties.raiPolicyName.',
      },
    ]);
    const linked = evaluate(
      [
        account("oai", TEXT),
        stackDefaultV2,
        deployment(
          "chat",
          { raiPolicyName: UNKNOWN },
          { propertyDependencies: { properties: [urnOf(T.policy, "mine")] } },
        ),
      ],
      ACCEPT,
      { endOfPreview: true },
    );
    expect(linked.reported(RULE).map((f) => [f.verdict, f.level, f.message])).toEqual([
      ["undecided", "mandatory", AMBIGUOUS],
    ]);
  });

  it("one that may be on the account, or come to be there, is undecided too", () => {
    const provider = (name: string, subscriptionId: unknown) => ({
      urn: `urn:pulumi:dev::test::pulumi:providers:azure-native::${name}::id`,
      subscriptionId,
    });
    const cases = {
      // Registered after the deployment: once both exist, which one the deployment runs on is not documented.
      later: [
        account("oai", TEXT),
        deployment("chat", { raiPolicyName: "Microsoft.DefaultV2" }, { seq: 1 }),
        policy("Microsoft.DefaultV2", COMPLIANT_FILTERS, {}, { logical: "mine", seq: 2 }),
      ],
      // Under another provider whose subscription cannot be shown to differ.
      otherProvider: [
        account("oai", TEXT),
        policy("Microsoft.DefaultV2", COMPLIANT_FILTERS, {}, { logical: "mine", provider: provider("p2", OTHER_SUB) }),
        deployment("chat", { raiPolicyName: "Microsoft.DefaultV2" }),
      ],
      // A subscription-level policy by that name in the deployment's subscription.
      subscriptionLevel: [
        account("oai", TEXT),
        raw(T.subscriptionPolicy, "mine", {
          raiPolicyName: "Microsoft.DefaultV2",
          properties: { mode: "Default", contentFilters: COMPLIANT_FILTERS },
        }),
        deployment("chat", { raiPolicyName: "Microsoft.DefaultV2" }),
      ],
    };
    for (const [label, resources] of Object.entries(cases)) {
      const result = evaluate(resources, ACCEPT);
      expect({ label, found: result.reported(RULE).map((f) => [f.verdict, f.level, f.message]) }).toEqual({
        label,
        found: [["undecided", "mandatory", AMBIGUOUS]],
      });
    }
    // Both subscriptions known and different: another subscription's policy is not the deployment's.
    const apart = evaluate(
      [
        account("oai", TEXT, { provider: provider("p1", SUB) }),
        policy("Microsoft.DefaultV2", COMPLIANT_FILTERS, {}, { logical: "mine", provider: provider("p2", OTHER_SUB) }),
        deployment("chat", { raiPolicyName: "Microsoft.DefaultV2" }, { provider: provider("p1", SUB) }),
      ],
      ACCEPT,
    );
    expect(apart.pairs("undecided")).toEqual([]);
    expect(apart.reported(RULE)).toEqual([]);
  });

  it("on another account, it does not stand in the way of Microsoft's policy", () => {
    const elsewhere = evaluate(
      [
        account("oai", TEXT),
        account("other", TEXT),
        policy("Microsoft.DefaultV2", COMPLIANT_FILTERS, { accountName: "other" }, { logical: "mine" }),
        deployment("chat", { raiPolicyName: "Microsoft.DefaultV2" }),
      ],
      ACCEPT,
    );
    expect(elsewhere.reported(RULE)).toEqual([]);
    expect(elsewhere.pairs("undecided")).toEqual([]);
  });
});

describe("a classic deployment on an azure-native account, in a create preview", () => {
  // cognitiveAccountId: account.id and raiPolicyName: policy.name are both unknown; the id's resource group is
  // the account's, which may itself come from a resource group the preview creates.
  const group = raw("azure-native:resources:ResourceGroup", "rg", { resourceGroupName: "rg" });
  const linked = (policyGroup: string, accountGroup: unknown = "rg") => {
    const acc = account(
      "oai",
      { ...TEXT, resourceGroupName: accountGroup },
      {
        propertyDependencies: { resourceGroupName: accountGroup === UNKNOWN ? [group.ref.urn] : [] },
      },
    );
    const pol = policy("strict", COMPLIANT_FILTERS, { resourceGroupName: policyGroup });
    const dep = classicDeployment(
      "chat",
      { cognitiveAccountId: UNKNOWN, raiPolicyName: UNKNOWN },
      { propertyDependencies: { cognitiveAccountId: [acc.ref.urn], raiPolicyName: [pol.ref.urn] } },
    );
    return evaluate([group, acc, pol, dep], {}, { endOfPreview: true });
  };

  it("a policy on the account the id links to is its policy (the group is the account's, or its group's)", () => {
    expect(linked("rg").pairs("undecided")).toEqual([]);
    expect(linked("rg").verdict("chat", RULE).verdict).toBe("pass");
    expect(linked("rg", UNKNOWN).verdict("chat", RULE).verdict).toBe("pass");
  });

  it("a same-named account in the deployment's provider's subscription does not stand for the linked one", () => {
    // The id links to "far" (another subscription, a weak "strict"); "near" has the same name and group in the
    // subscription the deployment's provider names, with a compliant "strict". The id's subscription is far's.
    const provider = (name: string, subscriptionId: string) => ({
      urn: `urn:pulumi:dev::test::pulumi:providers:azure-native::${name}::id`,
      subscriptionId,
    });
    const far = account("oai", TEXT, { logical: "far", provider: provider("far", OTHER_SUB) });
    const near = account("oai", TEXT, { logical: "near", provider: provider("near", SUB) });
    const result = evaluate(
      [
        far,
        near,
        policy("strict", [JAILBREAK], {}, { logical: "weak", provider: provider("far", OTHER_SUB) }),
        policy("strict", COMPLIANT_FILTERS, {}, { logical: "good", provider: provider("near", SUB) }),
        classicDeployment(
          "chat",
          { cognitiveAccountId: UNKNOWN, raiPolicyName: "strict" },
          { provider: provider("classic", SUB), propertyDependencies: { cognitiveAccountId: [far.ref.urn] } },
        ),
      ],
      {},
      { endOfPreview: true },
    );
    // Which account, and so which "strict", stays undecided: one problem, reported once, before any policy rule.
    expect(result.judgement.findings.filter((f) => f.level === "mandatory").map((f) => [f.verdict, f.message])).toEqual(
      [
        [
          "undecided",
          '"chat" cannot be shown compliant: cognitiveAccountId is still unknown at the end of the preview (it is computed from Account "far"), so its default use cases (from its account\'s tag, where a resource in the stack whose identity is not known may be it) cannot be checked.',
        ],
      ],
    );
    expect(result.subject("chat").compliant).toBe(false);
  });

  it("a same-named account's policy in another resource group is not", () => {
    expect(
      linked("rg2")
        .reported(RULE)
        .map((f) => [f.verdict, f.level, f.message]),
    ).toEqual([
      [
        "undecided",
        "mandatory",
        '"chat" cannot be shown compliant: raiPolicyName is still unknown at the end of the preview (it is computed from RaiPolicy "strict"), so the RAI policy name (it is computed from RaiPolicy "strict", which is not on the deployment\'s account, so the name would find a different policy) cannot be checked.',
      ],
    ]);
  });
});

describe("passes and not applicable", () => {
  it("a policy on the deployment's account, in any case", () => {
    const result = evaluate([
      account("OAI", TEXT),
      policy("Strict", COMPLIANT_FILTERS, { accountName: "oai" }),
      deployment("chat", { raiPolicyName: "STRICT", accountName: "Oai" }),
    ]);
    expect(result.verdict("chat", RULE).verdict).toBe("pass");
  });

  it.each([
    ["no policy named", undefined],
    ["Microsoft.DefaultV2 not accepted", "Microsoft.DefaultV2"],
  ])("%s: the deployment names no policy of its own", (_label, raiPolicyName) => {
    const result = evaluate([account("oai", TEXT), deployment("chat", raiPolicyName ? { raiPolicyName } : {})]);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).notApplicable).toBe(
      "the deployment names no policy of its own (see ccc-explicit-rai-policy)",
    );
  });
});

describe("shared problem ownership", () => {
  const unresolved = [account("oai", TEXT), deployment("chat", { raiPolicyName: "corp" })];

  it("one finding, under this rule; disabled, a filter rule reports it", () => {
    const owned = evaluate(unresolved).judgement.findings.filter((f) => f.level === "mandatory");
    expect(owned.map((f) => f.ruleId)).toEqual([RULE]);
    const moved = evaluate(unresolved, { [RULE]: "disabled" }).judgement.findings.filter(
      (f) => f.level === "mandatory",
    );
    expect(moved.map((f) => [f.ruleId, f.message])).toEqual([["ccc-text-protected-material-filter", owned[0].message]]);
  });

  it("advisory, a mandatory rule that met it reports it mandatory", () => {
    const result = evaluate(unresolved, { [RULE]: "advisory", "ccc-text-protected-material-filter": "advisory" });
    expect(result.pairs()).toEqual(["ccc-jailbreak-filter-mode chat"]);
    expect(result.of(RULE)).toEqual([]);
  });

  it("an unknown policy name is one undecided finding; disabled, the next rule that met it reports it", () => {
    const unknown = [account("oai", TEXT), deployment("chat", { raiPolicyName: UNKNOWN })];
    expect(evaluate(unknown).pairs("undecided")).toEqual([`${RULE} chat`]);
    expect(evaluate(unknown, { [RULE]: "disabled" }).pairs("undecided")).toEqual([
      "ccc-text-protected-material-filter chat",
    ]);
  });

  it("for an image deployment only this rule cares: disabled, nothing is reported", () => {
    const image = [
      account("oai", { tags: { "ccc-use-case": "image-generation" } }),
      deployment("chat", { raiPolicyName: "corp", model: "dall-e-3" }),
    ];
    expect(evaluate(image).pairs()).toEqual([`${RULE} chat`]);
    expect(evaluate(image, { [RULE]: "disabled" }).pairs()).toEqual([]);
  });

  it("a deployment that spills over to one with no policy: the filter rules report it on the origin", () => {
    const result = evaluate(
      compliantText([
        deployment("overflow", {}),
        deployment("ptu", { raiPolicyName: "strict", spillover: "overflow" }),
      ]),
    );
    expect(result.pairs()).toEqual(["ccc-explicit-rai-policy overflow", "ccc-text-protected-material-filter ptu"]);
    expect(result.verdict("ptu", RULE)).toMatchObject({ verdict: "pass", findings: [] });
  });
});

policyLevelCases({
  rule: RULE,
  // The filter rules meet the same problem: disabled here, so that at advisory the owner still reports it.
  config: {
    "ccc-text-protected-material-filter": "disabled",
    "ccc-jailbreak-filter-mode": "disabled",
    "ccc-async-filter-coverage": "disabled",
  },
  steps: [
    step.account("oai", TEXT.tags),
    step.policy("strict", ALL_FILTERS),
    step.deployment("chat", { raiPolicyName: "corp-shared" }),
  ],
  resource: "chat",
  message: NOT_LISTED("corp-shared"),
  fix: FIX(),
  defaultLevel: "mandatory",
  previewPhase: "analyze",
  badConfig: { externalRaiPolicies: [] },
  badConfigError: `${RULE}: unknown config key "externalRaiPolicies"; this policy takes no config`,
});

itThroughProtocol(
  "linked to a policy on another account, a preview reports it once at stack level under this rule",
  async () => {
    const outcome = await run(
      [
        step.account("oai", TEXT.tags),
        step.account("other", TEXT.tags),
        step.policy("strict", ALL_FILTERS, {}, "other"),
        step.deployment("chat", { policy: "strict" }),
      ],
      "preview",
    );
    const found = outcome.result.diagnostics.filter((d) => d.policyName === RULE);
    expect(found.map((d) => [d.phase, d.enforcementLevel, d.urn.split("::").pop()])).toEqual([
      ["analyzeStack", "mandatory", "chat"],
    ]);
    expect(found[0].message.split("\n")[0]).toBe(
      '"chat" cannot be shown compliant: properties.raiPolicyName is still unknown at the end of the preview (it is computed from RaiPolicy "strict"), so the RAI policy name (it is computed from RaiPolicy "strict", which is not on the deployment\'s account, so the name would find a different policy) cannot be checked.',
    );
  },
);
