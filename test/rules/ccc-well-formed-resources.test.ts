// ccc-well-formed-resources: the properties the pack reads have the types Azure accepts; no content filter is
// listed twice or contradicts itself; no two policies or accounts have the same Azure identity; filter names
// Azure does not spell are noted.
import {
  COMPLIANT_FILTERS,
  PM_TEXT,
  T,
  UNKNOWN,
  account,
  classicAccount,
  classicFilter,
  classicPolicy,
  deployment,
  evaluate,
  filterEntry,
  hubPolicy,
  policy,
  raw,
  secret,
  workspace,
} from "../support/stack";
import { F, policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-well-formed-resources";
const TEXT = { tags: { "ccc-use-case": "text-generation" } };
const TYPE_FIX = "Give each property the type the message names.";
const CONTRADICTION_FIX =
  "Set enabled and blocking to agree (filter mode: both true; annotate: enabled true, blocking false), and drop action or make it agree.";
const REPEAT_FIX = "Keep one entry per filter name and source.";
const IDENTITY_FIX = "Give each resource its own name (names that differ only in case are the same in Azure).";
const SPELLING =
  'names are not a spelling Azure uses for a known filter (any case, words separated by one space, "-" or "_")';
const violation = (resource: string, message: string, fix: string) => ({
  resource,
  verdict: "violation",
  level: "mandatory",
  message,
  fix,
});

describe("types Azure does not accept", () => {
  it("on a deployment: each property named, with what it must be", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("strict", COMPLIANT_FILTERS),
      deployment("chat", { raiPolicyName: 42, capacity: "50" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        "chat",
        '"chat" has 2 properties Azure does not accept: properties.raiPolicyName must be a string, got number 42, sku.capacity must be a whole number of at least 1, got string "50".',
        TYPE_FIX,
      ),
    ]);
  });

  it.each([
    [2.5, "number 2.5"],
    [0, "number 0"],
    [-3, "number -3"],
  ])("a capacity of %p is malformed", (capacity, got) => {
    const result = evaluate([
      account("oai", TEXT),
      policy("strict", COMPLIANT_FILTERS),
      deployment("chat", { raiPolicyName: "strict", capacity }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        "chat",
        `"chat" has a property Azure does not accept: sku.capacity must be a whole number of at least 1, got ${got}.`,
        TYPE_FIX,
      ),
    ]);
  });

  it("a value on the way that cannot hold the property is malformed, never absent (sku as a list or a string)", () => {
    for (const [sku, got] of [
      [[{ capacity: 500 }], "a list"],
      ["GlobalStandard", 'string "GlobalStandard"'],
    ] as const) {
      const result = evaluate(
        [
          account("oai", TEXT),
          policy("strict", COMPLIANT_FILTERS),
          deployment("chat", { raiPolicyName: "strict", sku }),
        ],
        { "ccc-approved-capacity": { approvedCapacity: { "gpt-4o": 50 } } },
      );
      expect(result.reported(RULE)).toEqual([
        violation("chat", `"chat" has a property Azure does not accept: sku must be an object, got ${got}.`, TYPE_FIX),
      ]);
      // Not Azure's default of one unit: the capacity is not known, and the finding above stands for it.
      expect(result.verdict("chat", "ccc-approved-capacity").verdict).toBe("violation");
    }
  });

  it("a secret value of the wrong type is not quoted", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("strict", COMPLIANT_FILTERS),
      deployment("chat", { raiPolicyName: secret(12345), capacity: secret(-98765) }),
    ]);
    expect(result.reported(RULE).map((f) => f.message)).toEqual([
      '"chat" has 2 properties Azure does not accept: properties.raiPolicyName must be a string, got a secret value, sku.capacity must be a whole number of at least 1, got a secret value.',
    ]);
  });

  it("on a policy and an account; a tags value read for several tags is one problem", () => {
    const result = evaluate([
      account("oai", { tags: "text-generation" }),
      policy("strict", { not: "a list" }, { mode: 3 }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        "oai",
        '"oai" has a property Azure does not accept: tags must be a map of strings, got string "text-generation".',
        TYPE_FIX,
      ),
      violation(
        "strict",
        '"strict" has 2 properties Azure does not accept: properties.mode must be a string, got number 3, properties.contentFilters must be a list, got an object.',
        TYPE_FIX,
      ),
    ]);
  });

  it("filter entries that are not objects or have no name; at most ten are listed", () => {
    const result = evaluate([policy("strict", [42, { source: "Prompt" }, { name: "  " }])]);
    expect(result.reported(RULE).map((f) => f.message)).toEqual([
      '"strict" has 3 properties Azure does not accept: properties.contentFilters[0] must be an object, got number, properties.contentFilters[1] has no name, properties.contentFilters[2] has no name.',
    ]);
    const many = evaluate([
      policy(
        "strict",
        Array.from({ length: 12 }, () => 7),
      ),
    ]);
    expect(many.reported(RULE).map((f) => f.message)).toEqual([
      `"strict" has 12 properties Azure does not accept: ${Array.from({ length: 10 }, (_, i) => `properties.contentFilters[${i}] must be an object, got number`).join(", ")}, and 2 more.`,
    ]);
  });

  it("classic flag names", () => {
    const result = evaluate([
      classicAccount("oai"),
      classicPolicy("strict", [{ name: "Hate", source: "Prompt", filterEnabled: "yes", blockEnabled: true }]),
    ]);
    expect(result.reported(RULE).map((f) => f.message)).toEqual([
      '"strict" has a property Azure does not accept: contentFilters[0].filterEnabled must be true or false, got string "yes".',
    ]);
  });
});

describe("filter lists", () => {
  it("contradicting and repeated entries, sources compared without case", () => {
    const result = evaluate([
      policy("strict", [
        filterEntry("Jailbreak", "Prompt", false, true),
        filterEntry("jailbreak", "prompt", true, true),
        filterEntry("Jailbreak", "Completion", true, true),
        { name: "Hate", enabled: true, blocking: true },
        { name: "Hate", enabled: true, blocking: true, action: "ANNOTATING" },
      ]),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        "strict",
        '"strict": properties.contentFilters[0] ("Jailbreak", Prompt), properties.contentFilters[4] ("Hate") contradict themselves (enabled, blocking and action disagree).',
        CONTRADICTION_FIX,
      ),
      violation(
        "strict",
        '"strict" lists 2 filters more than once: properties.contentFilters[0] ("Jailbreak", Prompt) (2 times), properties.contentFilters[3] ("Hate") (2 times).',
        REPEAT_FIX,
      ),
    ]);
  });

  it("an empty source is no source: with an entry that has none, the filter is listed twice", () => {
    const result = evaluate([
      policy("strict", [
        { name: "Hate", enabled: true, blocking: true },
        { name: "Hate", source: "", enabled: true, blocking: true },
      ]),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        "strict",
        '"strict" lists a filter more than once: properties.contentFilters[0] ("Hate") (2 times).',
        REPEAT_FIX,
      ),
    ]);
  });

  it("a source not known yet is no repeat: it may be another source (no false block at preview)", () => {
    const result = evaluate([
      policy("strict", [
        { name: "Hate", source: UNKNOWN, enabled: true, blocking: true },
        { name: "Hate", enabled: true, blocking: true },
        { name: "Hate", source: UNKNOWN, enabled: true, blocking: true },
      ]),
    ]);
    expect(result.reported(RULE)).toEqual([]);
  });

  it("a single contradiction, and a single repeat, are worded in the singular", () => {
    const classic = evaluate([
      classicAccount("oai"),
      classicPolicy("strict", [
        classicFilter("Hate", "Prompt", false, true),
        classicFilter("hate", "Prompt", true, true),
      ]),
    ]);
    expect(classic.reported(RULE)).toEqual([
      violation(
        "strict",
        '"strict": contentFilters[0] ("Hate", Prompt) contradicts itself (enabled, blocking and action disagree).',
        CONTRADICTION_FIX,
      ),
      violation(
        "strict",
        '"strict" lists a filter more than once: contentFilters[0] ("Hate", Prompt) (2 times).',
        REPEAT_FIX,
      ),
    ]);
  });

  it("action against the flags on a subscription-level policy (whose API has action)", () => {
    const result = evaluate([
      raw(T.subscriptionPolicy, "sp", {
        raiPolicyName: "s",
        properties: {
          contentFilters: [{ name: "Hate", source: "Prompt", enabled: true, blocking: true, action: "ANNOTATING" }],
        },
      }),
    ]);
    expect(result.reported(RULE).map((f) => f.message)).toEqual([
      '"sp": properties.contentFilters[0] ("Hate", Prompt) contradicts itself (enabled, blocking and action disagree).',
    ]);
  });

  it("names Azure does not spell are an advisory note: they count as no filter", () => {
    const result = evaluate([
      policy("strict", [
        PM_TEXT,
        filterEntry("J_a-i l_b-r e_a-k", "Prompt", true, true),
        filterEntry("ProtectedMaterialText", "Completion", true, true),
      ]),
    ]);
    expect(result.reported(RULE)).toEqual([
      {
        resource: "strict",
        verdict: "note",
        level: "advisory",
        message: `"strict" has content filters whose ${SPELLING}: properties.contentFilters[1] ("J_a-i l_b-r e_a-k", Prompt), properties.contentFilters[2] ("ProtectedMaterialText", Completion). They count as no filter.`,
      },
    ]);
    const many = evaluate([
      policy(
        "strict",
        Array.from({ length: 12 }, (_, i) => filterEntry(`Bogus${"abcdefghijkl"[i]}`, "Prompt", true, true)),
      ),
    ]);
    expect(many.reported(RULE)[0].message).toMatch(
      /properties\.contentFilters\[9\] \("Bogusj", Prompt\), and 2 more\. They count as no filter\.$/,
    );
  });

  it("a clean list, an unknown list and the harm filters' own spellings pass", () => {
    expect(evaluate([policy("strict", COMPLIANT_FILTERS)]).reported(RULE)).toEqual([]);
    expect(evaluate([policy("strict", UNKNOWN)]).reported(RULE)).toEqual([]);
    const spellings = [
      filterEntry("Self-Harm", "Prompt", true, true),
      filterEntry("self_harm", "Completion", true, true),
      filterEntry("INDIRECT ATTACK", "Prompt", true, true),
    ];
    expect(evaluate([policy("strict", spellings)]).reported(RULE)).toEqual([]);
  });
});

describe("one resource per Azure identity", () => {
  it("accounts: each names the others", () => {
    const result = evaluate([
      account("oai", {}, { logical: "a1" }),
      account("OAI", {}, { logical: "a2" }),
      account("oai", {}, { logical: "a3" }),
    ]);
    const same = (name: string, others: string) =>
      violation(
        name,
        `"${name}" has the same Azure identity (subscription, resource group, parent and name, compared without case) as ${others}: Azure would treat them as one resource, so the pack cannot tell which one applies.`,
        IDENTITY_FIX,
      );
    expect(result.reported(RULE)).toEqual([
      same("a1", '"a2", "a3"'),
      same("a2", '"a1", "a3"'),
      same("a3", '"a1", "a2"'),
    ]);
  });

  it("policies on one account, including AI Foundry hub policies under one endpoint", () => {
    const native = evaluate([
      account("oai"),
      policy("strict", [], {}, { logical: "p1" }),
      policy("STRICT", [], {}, { logical: "p2" }),
    ]);
    expect(native.reported(RULE).map((f) => f.resource)).toEqual(["p1", "p2"]);
    const hub = evaluate([
      workspace("hub"),
      hubPolicy("p", [], {}, { logical: "p1" }),
      hubPolicy("P", [], {}, { logical: "p2" }),
    ]);
    expect(hub.reported(RULE).map((f) => f.resource)).toEqual(["p1", "p2"]);
  });

  it("a deployment whose name is not known yet may be another's: undecided on both, until a certain duplicate", () => {
    const PREVIEW_FIX =
      "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.";
    const undecided = (resource: string, unknown: string) => ({
      resource,
      verdict: "undecided",
      level: "mandatory",
      message: `"${resource}" cannot be shown compliant: ${unknown} is not known, so whether another deployment in the stack has the same Azure identity cannot be checked.`,
      fix: PREVIEW_FIX,
    });
    const stack = [account("oai", TEXT), policy("strict", COMPLIANT_FILTERS)];
    const possible = evaluate([
      ...stack,
      deployment("chat", { raiPolicyName: "strict" }, { logical: "d1" }),
      deployment(UNKNOWN, { raiPolicyName: "strict" }, { logical: "d2" }),
    ]);
    expect(possible.reported(RULE)).toEqual([
      undecided("d1", 'deploymentName of Deployment "d2"'),
      undecided("d2", "deploymentName"),
    ]);
    // "d1" and "d2" are the same deployment: that violation is reported, not also the possible duplicate "d3".
    const certain = evaluate([
      ...stack,
      deployment("chat", { raiPolicyName: "strict" }, { logical: "d1" }),
      deployment("CHAT", { raiPolicyName: "strict" }, { logical: "d2" }),
      deployment(UNKNOWN, { raiPolicyName: "strict" }, { logical: "d3" }),
    ]);
    const same = (name: string, other: string) =>
      violation(
        name,
        `"${name}" has the same Azure identity (subscription, resource group, parent and name, compared without case) as "${other}": Azure would treat them as one resource, so the pack cannot tell which one applies.`,
        IDENTITY_FIX,
      );
    expect(certain.reported(RULE)).toEqual([same("d1", "d2"), same("d2", "d1"), undecided("d3", "deploymentName")]);
  });

  it("the same name on different accounts, or in different resource groups, is not a duplicate", () => {
    const result = evaluate([
      account("oai"),
      account("other"),
      policy("strict", [], {}, { logical: "p1" }),
      policy("strict", [], { accountName: "other" }, { logical: "p2" }),
      policy("strict", [], { resourceGroupName: "rg2" }, { logical: "p3" }),
    ]);
    expect(result.reported(RULE)).toEqual([]);
  });
});

policyLevelCases({
  rule: RULE,
  steps: [step.account("oai"), step.policy("strict", [F("Jailbreak", "Prompt"), F("jailbreak", "prompt")])],
  resource: "strict",
  message: '"strict" lists a filter more than once: properties.contentFilters[0] ("Jailbreak", Prompt) (2 times).',
  fix: REPEAT_FIX,
  defaultLevel: "mandatory",
  previewPhase: "analyze",
  badConfig: { strict: false },
  badConfigError: `${RULE}: unknown config key "strict"; this policy takes no config`,
});
