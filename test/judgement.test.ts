// The one judgement pipeline, with stand-in rules over real subjects: shared problems and undecided values are
// one finding each, reported by the highest-level rule that met them (the owner first, then catalogue order);
// the finding on a subject's own malformed values stands for the rules they leave undecided; waivers (live,
// expired, matching nothing); notes are advisory; undecided wording per reason; verdicts and compliance per
// subject; the secrets of the resources a message can quote are scrubbed.
import { DEFAULT_SETTINGS, OrgSettings, Waiver } from "../policy-pack/src/config/orgSettings";
import { JudgeSetup, Level, judge } from "../policy-pack/src/judgement/pipeline";
import { MicrosoftPolicies } from "../policy-pack/src/model/microsoftPolicies";
import {
  DeploymentSubject,
  ResourceRef,
  SET_SUBSCRIPTION_IDS,
  Subject,
  SubjectKind,
  Unknown,
  unknownAt,
} from "../policy-pack/src/model/model";
import { SecretNet } from "../policy-pack/src/redact";
import { Outcome, Rule, RuleContext, note, undecided, violation } from "../policy-pack/src/rules/types";
import { ALL_FILTERS, step } from "./rules/policyLevel";
import { describeThroughProtocol, run as runScenario } from "./support/scenario";
import { COMPLIANT_FILTERS, compliantText, deployment, evaluate, policy } from "./support/stack";

const NOW = new Date("2026-11-23T12:00:00Z");
/** Real subjects: account "oai", policy "strict", deployment "chat". */
const SUBJECTS = evaluate(compliantText()).judgement.subjects.map((s) => s.subject);
const CHAT = SUBJECTS.find((s) => s.ref.name === "chat")!;
const STRICT = SUBJECTS.find((s) => s.ref.name === "strict")!;
const OAI = SUBJECTS.find((s) => s.ref.name === "oai")!;

interface FakeRule {
  readonly id: string;
  readonly outcomes?: (subject: Subject, context: RuleContext) => Outcome[];
  readonly appliesTo?: readonly SubjectKind[];
  readonly notApplicable?: string;
  readonly level?: Level;
}

const fake = (r: FakeRule): Rule => ({
  meta: {
    id: r.id,
    order: 0,
    name: r.id,
    description: "",
    severity: "high",
    defaultEnforcement: r.level === "advisory" ? "advisory" : "mandatory",
    clauses: [],
    remediation: "",
    appliesTo: r.appliesTo ?? ["deployment"],
  },
  check: (subject, context) =>
    subject.kind === "deployment" || r.appliesTo ? (r.outcomes?.(subject, context) ?? []) : [],
  ...(r.notApplicable ? { notApplicable: () => r.notApplicable } : {}),
});

interface RunOptions {
  levels?: Record<string, Level>;
  configs?: Record<string, Record<string, unknown>>;
  settings?: Partial<OrgSettings>;
  subjects?: Subject[];
  defer?: boolean;
  endOfPreview?: boolean;
  secrets?: SecretNet;
  dependenciesOf?: JudgeSetup["dependenciesOf"];
  docsBase?: string;
  now?: Date;
  explain?: boolean;
}

function setupOf(rules: FakeRule[], options: RunOptions = {}): JudgeSetup {
  return {
    rules: rules.map(fake),
    levels: new Map(
      Object.entries({
        ...Object.fromEntries(rules.filter((r) => r.level).map((r) => [r.id, r.level!])),
        ...options.levels,
      }),
    ),
    configs: new Map(Object.entries(options.configs ?? {})),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    microsoft: new MicrosoftPolicies(false),
    now: options.now ?? NOW,
    deferPreviewUnknowns: options.defer ?? false,
    endOfPreview: options.endOfPreview ?? false,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.dependenciesOf ? { dependenciesOf: options.dependenciesOf } : {}),
    ...(options.docsBase ? { docsBase: options.docsBase } : {}),
    ...(options.explain !== undefined ? { explain: options.explain } : {}),
  };
}

function run(rules: FakeRule[], options: RunOptions = {}) {
  return judge(options.subjects ?? [CHAT], setupOf(rules, options));
}

const shared = (owner: string) => () => [violation("No policy to check.", "Attach one.", { key: "policy", owner })];
const brief = (j: ReturnType<typeof run>) => j.findings.map((f) => `${f.ruleId} ${f.level} ${f.verdict}`);
const verdictOf = (j: ReturnType<typeof run>, ruleId: string, name = "chat") =>
  j.subjects.find((s) => s.subject.ref.name === name)!.verdicts.find((v) => v.ruleId === ruleId)!;

describe("one finding per problem", () => {
  it("a shared problem met by several rules is reported once, by its owner, and is every meeting rule's verdict", () => {
    const j = run([
      { id: "first", outcomes: shared("owner") },
      { id: "owner", outcomes: shared("owner") },
      { id: "third", outcomes: shared("owner") },
    ]);
    expect(brief(j)).toEqual(["owner mandatory violation"]);
    for (const id of ["first", "owner", "third"]) {
      expect(verdictOf(j, id)).toMatchObject({ verdict: "violation", findings: [{ ruleId: "owner" }] });
    }
    expect(j.findings[0]).toMatchObject({
      message: "No policy to check.",
      fix: "Attach one.",
      docs: "docs/rules.md#owner",
    });
  });

  it("the highest level wins over ownership; among equals the owner; then catalogue order", () => {
    const rules = (levels: Record<string, Level>) =>
      run(
        [
          { id: "first", outcomes: shared("owner") },
          { id: "owner", outcomes: shared("owner") },
          { id: "third", outcomes: shared("owner") },
        ],
        { levels },
      );
    expect(brief(rules({ owner: "advisory" }))).toEqual(["first mandatory violation"]);
    expect(brief(rules({ owner: "advisory", first: "advisory" }))).toEqual(["third mandatory violation"]);
    expect(brief(rules({ owner: "advisory", first: "advisory", third: "advisory" }))).toEqual([
      "owner advisory violation",
    ]);
    expect(brief(rules({ owner: "disabled" }))).toEqual(["first mandatory violation"]);
    expect(brief(rules({ owner: "disabled", first: "advisory" }))).toEqual(["third mandatory violation"]);
    expect(brief(rules({ owner: "disabled", first: "advisory", third: "advisory" }))).toEqual([
      "first advisory violation",
    ]);
  });

  it("an owner that is not among the rules that met it: catalogue order", () => {
    const j = run([
      { id: "a", outcomes: shared("elsewhere"), level: "advisory" },
      { id: "b", outcomes: shared("elsewhere") },
      { id: "c", outcomes: shared("elsewhere") },
    ]);
    expect(brief(j)).toEqual(["b mandatory violation"]);
  });

  it("a shared problem is per subject", () => {
    const j = run([{ id: "a", outcomes: shared("a"), appliesTo: ["deployment", "rai-policy"] }], {
      subjects: [CHAT, STRICT],
    });
    expect(j.findings.map((f) => f.resource.name)).toEqual(["chat", "strict"]);
  });

  it("plain violations are the rule's own: the same words from two rules are two findings, from one rule one", () => {
    const same = () => [violation("Same words.", "Fix."), violation("Same words.", "Fix.")];
    expect(
      brief(
        run([
          { id: "a", outcomes: same },
          { id: "b", outcomes: same },
        ]),
      ),
    ).toEqual(["a mandatory violation", "b mandatory violation"]);
  });

  it("one unknown is one undecided finding, whichever rules wait for it; another property is another finding", () => {
    const waiting = (path: string) => () => [
      undecided(unknownAt(path, "malformed", "must be a string, got number 4"), `the thing at ${path}`),
    ];
    const j = run([
      { id: "a", outcomes: waiting("properties.raiPolicyName"), level: "advisory" },
      { id: "b", outcomes: waiting("properties.raiPolicyName") },
      { id: "c", outcomes: waiting("sku.capacity") },
    ]);
    expect(brief(j)).toEqual(["b mandatory undecided", "c mandatory undecided"]);
    expect(j.findings[0].message).toBe(
      '"chat" cannot be shown compliant: properties.raiPolicyName must be a string, got number 4, so the thing at properties.raiPolicyName cannot be checked.',
    );
    expect(verdictOf(j, "a")).toMatchObject({ verdict: "undecided", findings: [{ ruleId: "b" }] });
  });

  it("the same path on another resource is another unknown", () => {
    const owner: ResourceRef = {
      urn: "urn:pulumi:dev::test::azure-native:cognitiveservices:Account::oai",
      name: "oai",
      type: "azure-native:cognitiveservices:Account",
    };
    const j = run([
      { id: "a", outcomes: () => [undecided(unknownAt("tags.ccc-use-case"), "its use cases")] },
      { id: "b", outcomes: () => [undecided({ ...unknownAt("tags.ccc-use-case"), owner }, "its default use cases")] },
    ]);
    expect(j.findings.map((f) => f.message)).toEqual([
      '"chat" cannot be shown compliant: tags.ccc-use-case is not known, so its use cases cannot be checked.',
      '"chat" cannot be shown compliant: tags.ccc-use-case of Account "oai" is not known, so its default use cases cannot be checked.',
    ]);
  });

  it("the same path on two other resources is two unknowns; held by the subject itself it is the subject's own", () => {
    const other: ResourceRef = { ...OAI.ref, urn: `${OAI.ref.urn}-2`, name: "oai-2" };
    const tag = unknownAt("tags.ccc-use-case");
    const two = run([
      { id: "a", outcomes: () => [undecided({ ...tag, owner: OAI.ref }, "its default use cases")] },
      { id: "b", outcomes: () => [undecided({ ...tag, owner: other }, "its default use cases")] },
    ]);
    expect(two.findings.map((f) => f.message)).toEqual([
      '"chat" cannot be shown compliant: tags.ccc-use-case of Account "oai" is not known, so its default use cases cannot be checked.',
      '"chat" cannot be shown compliant: tags.ccc-use-case of Account "oai-2" is not known, so its default use cases cannot be checked.',
    ]);
    const one = run([
      { id: "a", outcomes: () => [undecided(tag, "its use cases")] },
      { id: "b", outcomes: () => [undecided({ ...tag, owner: CHAT.ref }, "its use cases")] },
    ]);
    expect(brief(one)).toEqual(["a mandatory undecided"]);
    expect(verdictOf(one, "b")).toMatchObject({ verdict: "undecided", findings: [{ ruleId: "a" }] });
  });
});

describe("a finding on the subject's own malformed values stands for the rules they leave undecided", () => {
  const covering: Outcome = {
    kind: "violation",
    message: '"chat" has a property Azure does not accept: sku.capacity must be a number, got string "ten".',
    fix: "Give each property the type the message names.",
    coversOwnMalformedValues: true,
  };
  const wellFormed = (level?: Level): FakeRule => ({ id: "well-formed", outcomes: () => [covering], level });
  const waiting = (id: string, u: Unknown, level?: Level): FakeRule => ({
    id,
    outcomes: () => [undecided(u, "the capacity")],
    level,
  });
  const capacity = unknownAt("sku.capacity", "malformed", 'must be a number, got string "ten"');

  it("a malformed or ambiguous property of the subject itself: one finding, at no lower level than the waiting rule", () => {
    for (const u of [
      capacity,
      { ...capacity, owner: CHAT.ref },
      unknownAt("tags.ccc-use-case", "ambiguous", "is set 2 times with different values"),
    ]) {
      const j = run([wellFormed(), waiting("capacity", u)]);
      expect(brief(j)).toEqual(["well-formed mandatory violation"]);
      expect(verdictOf(j, "capacity")).toMatchObject({
        verdict: "violation",
        findings: [{ ruleId: "well-formed", message: covering.message }],
      });
    }
    expect(brief(run([wellFormed(), waiting("capacity", capacity, "advisory")]))).toEqual([
      "well-formed mandatory violation",
    ]);
  });

  it("a value not known yet, a secret it cannot read, or another resource's malformed property stays undecided", () => {
    for (const u of [
      unknownAt("sku.capacity"),
      unknownAt("sku.capacity", "unreadable-secret"),
      { ...unknownAt("location", "malformed", "must be a string, got number 4"), owner: OAI.ref },
    ]) {
      const j = run([wellFormed(), waiting("capacity", u)]);
      expect(brief(j)).toEqual(["well-formed mandatory violation", "capacity mandatory undecided"]);
      expect(verdictOf(j, "capacity")).toMatchObject({ verdict: "undecided", findings: [{ ruleId: "capacity" }] });
    }
  });

  it("not when a rule waiting for the value is at a higher level than that finding", () => {
    const j = run([wellFormed("advisory"), waiting("capacity", capacity), waiting("other", capacity, "advisory")]);
    expect(brief(j)).toEqual(["well-formed advisory violation", "capacity mandatory undecided"]);
    expect(j.subjects[0].compliant).toBe(false);
  });

  it("waived, it stands only for the waiting rules that are waived too (a waiver is per rule)", () => {
    const waiverOf = (policy: string): Waiver => ({
      policy,
      resource: "chat",
      reason: "Pilot",
      approvedBy: "platform-security",
      expires: "2026-12-31",
    });
    const rules = [wellFormed(), waiting("capacity", capacity)];
    const onlyWellFormed = run(rules, { settings: { waivers: [waiverOf("well-formed")] } });
    expect(brief(onlyWellFormed)).toEqual(["well-formed advisory waived", "capacity mandatory undecided"]);
    expect(onlyWellFormed.subjects[0].compliant).toBe(false);
    const both = run(rules, { settings: { waivers: [waiverOf("well-formed"), waiverOf("capacity")] } });
    expect(brief(both)).toEqual(["well-formed advisory waived"]);
    expect(both.subjects[0].compliant).toBe(true);
    // One waiting rule not waived is enough to keep the problem standing.
    const third = run([...rules, waiting("other", capacity)], {
      settings: { waivers: [waiverOf("well-formed"), waiverOf("capacity")] },
    });
    expect(brief(third)).toEqual(["well-formed advisory waived", "other mandatory undecided"]);
  });

  it("only a finding that says so stands for them: another violation leaves the undecided finding", () => {
    const j = run([
      { id: "weak", outcomes: () => [violation("Weak filter.", "Strengthen it.")] },
      waiting("capacity", capacity),
    ]);
    expect(brief(j)).toEqual(["weak mandatory violation", "capacity mandatory undecided"]);
  });
});

describe("undecided wording and fix, per reason", () => {
  const one = (u: Unknown, options: Parameters<typeof run>[1] = {}) => {
    const [f] = run([{ id: "r", outcomes: () => [undecided(u, "the policy's filters")] }], options).findings;
    return [f.verdict, f.message, f.fix];
  };

  it("preview: not known; at the end of a preview still unknown; naming what it is computed from", () => {
    const u = unknownAt("properties.contentFilters");
    const fix =
      "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.";
    expect(one(u)).toEqual([
      "undecided",
      '"chat" cannot be shown compliant: properties.contentFilters is not known, so the policy\'s filters cannot be checked.',
      fix,
    ]);
    const dependenciesOf = (urn: string, path: string) =>
      urn === CHAT.ref.urn && path === "properties.contentFilters"
        ? [
            { urn: "u1", name: "pet", type: "random:index/randomPet:RandomPet" },
            { urn: "u2", name: "cfg", type: "pulumi:pulumi:StackReference" },
          ]
        : [];
    expect(one(u, { endOfPreview: true, dependenciesOf })).toEqual([
      "undecided",
      '"chat" cannot be shown compliant: properties.contentFilters is still unknown at the end of the preview (it is computed from RandomPet "pet", StackReference "cfg"), so the policy\'s filters cannot be checked.',
      fix,
    ]);
  });

  it("malformed, with and without a detail", () => {
    expect(one(unknownAt("sku.capacity", "malformed", "must be a whole number of at least 1, got number 0"))).toEqual([
      "undecided",
      '"chat" cannot be shown compliant: sku.capacity must be a whole number of at least 1, got number 0, so the policy\'s filters cannot be checked.',
      "Give sku.capacity the type the message names.",
    ]);
    expect(one(unknownAt("sku.capacity", "malformed"))[1]).toBe(
      '"chat" cannot be shown compliant: sku.capacity is malformed, so the policy\'s filters cannot be checked.',
    );
  });

  it("ambiguous, with and without a detail", () => {
    expect(one(unknownAt("tags.ccc-use-case", "ambiguous", "is set 2 times with different values"))).toEqual([
      "undecided",
      '"chat" cannot be shown compliant: tags.ccc-use-case is ambiguous (is set 2 times with different values), so the policy\'s filters cannot be checked.',
      "Give tags.ccc-use-case once (Azure tag names and resource names ignore case).",
    ]);
    expect(one(unknownAt("accountName", "ambiguous"))[1]).toBe(
      '"chat" cannot be shown compliant: accountName is ambiguous (it has several values), so the policy\'s filters cannot be checked.',
    );
  });

  it("an unknown that says how to make it decidable gives that fix", () => {
    const u = unknownAt("subscriptionId", "ambiguous", "two providers' subscriptions", SET_SUBSCRIPTION_IDS);
    expect(one(u)[2]).toBe(SET_SUBSCRIPTION_IDS);
  });

  it("a secret the input holds only as ciphertext", () => {
    expect(one(unknownAt("properties.raiPolicyName", "unreadable-secret"))).toEqual([
      "undecided",
      '"chat" cannot be shown compliant: properties.raiPolicyName is a secret whose value this input does not hold, so the policy\'s filters cannot be checked.',
      "Export the stack with `pulumi stack export --show-secrets` so the value can be read (it is never printed), or do not mark it secret.",
    ]);
  });
});

describe("deferral at resource level in a preview", () => {
  const rules: FakeRule[] = [
    { id: "waits", outcomes: () => [undecided(unknownAt("properties.raiPolicyName"), "the policy name")] },
    {
      id: "final",
      outcomes: () => [undecided(unknownAt("sku.capacity", "malformed", "must be a number"), "the capacity")],
    },
  ];

  it("an unknown that may still resolve is deferred silently; a final one is reported", () => {
    const j = run(rules, { defer: true });
    expect(brief(j)).toEqual(["final mandatory undecided"]);
    expect(verdictOf(j, "waits").verdict).toBe("deferred");
    expect(j.subjects[0]).toMatchObject({ deferred: true, compliant: false });
  });

  it("without deferral (up, or the stack level) it is reported", () => {
    const j = run(rules);
    expect(brief(j)).toEqual(["waits mandatory undecided", "final mandatory undecided"]);
    expect(verdictOf(j, "waits").verdict).toBe("undecided");
    expect(j.subjects[0]).toMatchObject({ deferred: false, compliant: false });
  });
});

describe("notes, verdicts and compliance", () => {
  it("a note is advisory whatever the rule's level, and the verdict stays pass (not 'not applicable')", () => {
    const j = run([{ id: "n", outcomes: () => [note("Allowed by an approval.")], notApplicable: "never" }]);
    expect(j.findings).toEqual([
      expect.objectContaining({ ruleId: "n", level: "advisory", verdict: "note", message: "Allowed by an approval." }),
    ]);
    expect(j.findings[0]).not.toHaveProperty("fix");
    expect(verdictOf(j, "n")).toMatchObject({ verdict: "pass", level: "mandatory", notes: [{ verdict: "note" }] });
    expect(j.subjects[0].compliant).toBe(true);
  });

  it("each note is its own problem, keyed by its rule, resource and words", () => {
    const j = run([{ id: "n", outcomes: () => [note("Allowed by approval A."), note("Allowed by approval B.")] }]);
    expect(j.findings.map((f) => f.key)).toEqual([
      `note\u0000n\u0000${CHAT.ref.urn}\u0000Allowed by approval A.`,
      `note\u0000n\u0000${CHAT.ref.urn}\u0000Allowed by approval B.`,
    ]);
  });

  it("not applicable only when the rule found nothing and says why", () => {
    const j = run([
      { id: "na", notApplicable: "only code generation needs it" },
      { id: "plain" },
      { id: "found", outcomes: () => [violation("x", "y")], notApplicable: "not consulted" },
    ]);
    expect(verdictOf(j, "na")).toEqual({
      ruleId: "na",
      level: "mandatory",
      verdict: "not applicable",
      findings: [],
      notes: [],
      notApplicable: "only code generation needs it",
    });
    expect(verdictOf(j, "plain")).toEqual({
      ruleId: "plain",
      level: "mandatory",
      verdict: "pass",
      findings: [],
      notes: [],
    });
    expect(verdictOf(j, "plain")).not.toHaveProperty("notApplicable");
    expect(verdictOf(j, "found")).toEqual({
      ruleId: "found",
      level: "mandatory",
      verdict: "violation",
      findings: [expect.objectContaining({ ruleId: "found", message: "x" })],
      notes: [],
    });
  });

  it("why a rule did not apply is asked only when verdicts are explained (the default), not when enforcing", () => {
    const rules: FakeRule[] = [{ id: "na", notApplicable: "only code generation needs it" }];
    expect(verdictOf(run(rules, { explain: true }), "na")).toMatchObject({
      verdict: "not applicable",
      notApplicable: "only code generation needs it",
    });
    const enforcing = verdictOf(run(rules, { explain: false }), "na");
    expect(enforcing).toEqual({ ruleId: "na", level: "mandatory", verdict: "pass", findings: [], notes: [] });
    expect(enforcing).not.toHaveProperty("notApplicable");
  });

  it("a rule's verdict is a violation if any of its findings is, else undecided if any is", () => {
    const j = run([
      { id: "both", outcomes: () => [violation("Weak filter.", "Strengthen it."), undecided(unknownAt("p"), "w")] },
      { id: "reverse", outcomes: () => [undecided(unknownAt("q"), "w"), violation("Other.", "Fix.")] },
    ]);
    expect(verdictOf(j, "both").verdict).toBe("violation");
    expect(verdictOf(j, "reverse").verdict).toBe("violation");
  });

  it("when enforcing, a rule that meets nothing has one verdict per setup; one that meets something, its own", () => {
    const setup = setupOf(
      [
        { id: "quiet", outcomes: () => [] },
        { id: "found", outcomes: () => [violation("x", "y")] },
        { id: "off", outcomes: () => [] },
      ],
      { explain: false, levels: { off: "disabled" } },
    );
    const [first, second] = [judge([CHAT], setup), judge([CHAT], setup)];
    expect(verdictOf(second, "quiet")).toBe(verdictOf(first, "quiet"));
    expect(verdictOf(second, "off")).toBe(verdictOf(first, "off"));
    expect(verdictOf(first, "off").verdict).toBe("disabled");
    expect(verdictOf(first, "found")).toMatchObject({
      verdict: "violation",
      findings: [expect.objectContaining({ ruleId: "found", message: "x" })],
    });
    expect(first.subjects[0].compliant).toBe(false);
  });

  it("when enforcing, a subject that meets no rule has the setup's verdicts for its kind: compliant, nothing deferred", () => {
    const setup = setupOf(
      [
        { id: "deployments", outcomes: () => [] },
        { id: "policies", appliesTo: ["rai-policy"], outcomes: () => [] },
        { id: "both", appliesTo: ["deployment", "rai-policy"], outcomes: () => [] },
        { id: "accounts", appliesTo: ["account"], outcomes: () => [] },
        { id: "off", outcomes: () => [] },
      ],
      { explain: false, levels: { off: "disabled" } },
    );
    const enforcing = judge([CHAT, STRICT, OAI], setup);
    const verdicts = (j: ReturnType<typeof run>, name: string) =>
      j.subjects.find((s) => s.subject.ref.name === name)!.verdicts.map((v) => `${v.ruleId} ${v.level} ${v.verdict}`);
    expect(verdicts(enforcing, "chat")).toEqual([
      "deployments mandatory pass",
      "both mandatory pass",
      "off disabled disabled",
    ]);
    expect(verdicts(enforcing, "strict")).toEqual(["policies mandatory pass", "both mandatory pass"]);
    expect(verdicts(enforcing, "oai")).toEqual(["accounts mandatory pass"]);
    expect(enforcing.subjects.map((s) => [s.compliant, s.deferred])).toEqual([
      [true, false],
      [true, false],
      [true, false],
    ]);
    expect(enforcing.findings).toEqual([]);
    // The same verdicts as when they are explained (no rule here says why it did not apply).
    const explained = judge([CHAT, STRICT, OAI], { ...setup, explain: true });
    expect(enforcing.subjects.map((s) => s.verdicts)).toEqual(explained.subjects.map((s) => s.verdicts));
  });

  it("each rule's context is made once per setup, with the rule's own config", () => {
    const seen: RuleContext[] = [];
    const record = (_: Subject, context: RuleContext) => {
      seen.push(context);
      return [];
    };
    const setup = setupOf(
      [
        { id: "a", outcomes: record },
        { id: "b", outcomes: record },
      ],
      { configs: { a: { maxCapacity: 5 } } },
    );
    judge([CHAT], setup);
    judge([CHAT], setup);
    expect(seen).toHaveLength(4);
    expect(seen[2]).toBe(seen[0]);
    expect(seen[3]).toBe(seen[1]);
    expect(seen[0]).toEqual({
      settings: setup.settings,
      microsoft: setup.microsoft,
      now: NOW,
      config: { maxCapacity: 5 },
    });
    expect(seen[1].config).toEqual({});
  });

  it("a disabled rule is not run", () => {
    const check = jest.fn(() => [violation("x", "y")]);
    const j = run([{ id: "off", outcomes: check }], { levels: { off: "disabled" } });
    expect(check).not.toHaveBeenCalled();
    expect(verdictOf(j, "off")).toEqual({
      ruleId: "off",
      level: "disabled",
      verdict: "disabled",
      findings: [],
      notes: [],
    });
    expect(j.findings).toEqual([]);
  });

  it("a rule applies only to the subject kinds it names", () => {
    const check = jest.fn((_: Subject) => [violation("x", "y")]);
    const j = run([{ id: "policies", appliesTo: ["rai-policy"], outcomes: check }], {
      subjects: [CHAT, STRICT],
    });
    expect(check.mock.calls.map(([subject]) => subject.ref.name)).toEqual(["strict"]);
    expect(j.findings.map((f) => f.resource.name)).toEqual(["strict"]);
    expect(j.subjects.find((s) => s.subject.ref.name === "chat")!.verdicts).toEqual([]);
  });

  it("compliant means no mandatory violation or undecided", () => {
    const compliant = (outcomes: Outcome[], level?: Level) =>
      run([{ id: "r", outcomes: () => outcomes, level }]).subjects[0].compliant;
    expect(compliant([])).toBe(true);
    expect(compliant([violation("x", "y")])).toBe(false);
    expect(compliant([undecided(unknownAt("p"), "w")])).toBe(false);
    expect(compliant([violation("x", "y")], "advisory")).toBe(true);
    expect(compliant([note("n")])).toBe(true);
  });

  it("a rule that crashes fails closed with a violation, not an analyzer error", () => {
    const j = run([
      {
        id: "boom",
        outcomes: () => {
          throw new Error("cannot read properties of undefined");
        },
      },
    ]);
    expect(j.findings.map((f) => [f.verdict, f.message, f.fix])).toEqual([
      [
        "violation",
        'The pack could not evaluate "chat" (cannot read properties of undefined), so it is not shown compliant.',
        "Report this to the pack's maintainers with the resource's properties.",
      ],
    ]);
  });

  it("links each finding to its rule's section, under a configurable base", () => {
    const j = run([{ id: "r", outcomes: () => [violation("x", "y")] }], { docsBase: "https://example.com/rules" });
    expect(j.findings[0].docs).toBe("https://example.com/rules#r");
  });

  it("scrubs the secrets of the resources a message is about", () => {
    const secrets = new SecretNet();
    secrets.record(CHAT.ref.urn, { tags: { team: "Project-Nightingale" } }, new Map([["tags", true]]));
    const j = run(
      [
        {
          id: "r",
          outcomes: () => [violation("Team project-nightingale, or PROJECT-NIGHTINGALE.", "Ask Project-Nightingale.")],
        },
      ],
      { secrets },
    );
    expect(j.findings.map((f) => [f.message, f.fix])).toEqual([["Team [secret], or [secret].", "Ask [secret]."]]);
  });

  describe("the resources a message can quote", () => {
    const tagged = (secrets: SecretNet, urn: string, team: string) =>
      secrets.record(urn, { tags: { team } }, new Map([["tags", true]]));
    const quoting = (text: string): FakeRule[] => [
      { id: "r", appliesTo: ["deployment", "rai-policy", "account"], outcomes: () => [violation(text, "Fix.")] },
    ];

    it("a deployment's: its account, its policy, its spillover deployment and that one's policy; no other", () => {
      const stack = evaluate(
        compliantText([
          policy("weak", COMPLIANT_FILTERS),
          deployment("over", { raiPolicyName: "weak" }),
          deployment("ptu", { raiPolicyName: "strict", spillover: "over" }),
        ]),
      );
      const secrets = new SecretNet();
      const teams = ["oai", "strict", "over", "weak", "chat"].map((name) => `Team-of-${name}`);
      for (const team of teams) tagged(secrets, stack.subject(team.slice("Team-of-".length)).subject.ref.urn, team);
      const j = run(quoting(teams.join(" ")), { subjects: [stack.subject("ptu").subject], secrets });
      expect(j.findings.map((f) => f.message)).toEqual(["[secret] [secret] [secret] [secret] Team-of-chat"]);
    });

    it("a spillover deployment on a Microsoft-managed policy: its own", () => {
      const stack = evaluate(
        compliantText([
          deployment("over", { raiPolicyName: "Microsoft.Default" }),
          deployment("ptu", { raiPolicyName: "strict", spillover: "over" }),
        ]),
      );
      const secrets = new SecretNet();
      tagged(secrets, stack.subject("over").subject.ref.urn, "Team-of-over");
      const j = run(quoting("Spills over to Team-of-over."), { subjects: [stack.subject("ptu").subject], secrets });
      expect(j.findings.map((f) => f.message)).toEqual(["Spills over to [secret]."]);
    });

    it("a deployment under no account: its own", () => {
      const secrets = new SecretNet();
      tagged(secrets, CHAT.ref.urn, "Team-of-chat");
      const j = run(quoting("Owned by Team-of-chat."), {
        subjects: [{ ...(CHAT as DeploymentSubject), account: undefined }],
        secrets,
      });
      expect(j.findings.map((f) => f.message)).toEqual(["Owned by [secret]."]);
    });

    it("a RAI policy's or an account's: its own", () => {
      const secrets = new SecretNet();
      tagged(secrets, STRICT.ref.urn, "Team-of-strict");
      tagged(secrets, OAI.ref.urn, "Team-of-oai");
      const j = run(quoting("Owned by Team-of-strict or Team-of-oai."), { subjects: [STRICT, OAI], secrets });
      expect(j.findings.map((f) => [f.resource.name, f.message])).toEqual([
        ["strict", "Owned by [secret] or Team-of-oai."],
        ["oai", "Owned by Team-of-strict or [secret]."],
      ]);
    });
  });
});

describe("waivers", () => {
  const waiver = (over: Partial<Waiver> = {}): Waiver => ({
    policy: "r",
    resource: "ch*",
    reason: "Pilot with legal sign-off LEG-42",
    approvedBy: "platform-security",
    expires: "2026-12-31",
    ...over,
  });
  const withWaivers = (waivers: Waiver[], now = NOW) =>
    run(
      [
        { id: "r", outcomes: () => [violation("Weak filter.", "Strengthen it.")] },
        { id: "other", outcomes: () => [violation("Other.", "Fix.")] },
      ],
      {
        settings: { waivers },
        now,
      },
    );

  it("a live waiver turns the finding advisory, quoting the waiver; only for its rule", () => {
    const j = withWaivers([waiver()]);
    expect(j.findings[0]).toEqual({
      ruleId: "r",
      level: "advisory",
      verdict: "waived",
      resource: CHAT.ref,
      message:
        'Waived by the waiver for r on "ch*", approved by platform-security, expires 2026-12-31: Pilot with legal sign-off LEG-42. The finding: Weak filter.',
      fix: "Strengthen it.",
      docs: "docs/rules.md#r",
      waiver: { ...waiver(), expired: false },
      key: `r\u0000${CHAT.ref.urn}\u0000Weak filter.`,
    });
    expect(brief(j)).toEqual(["r advisory waived", "other mandatory violation"]);
    expect(verdictOf(j, "r").verdict).toBe("waived");
    expect([...j.waiversMatched]).toEqual([0]);
  });

  it("applies through its expiry day (UTC) and stops the day after, saying so", () => {
    expect(brief(withWaivers([waiver({ expires: "2026-11-23" })]))[0]).toBe("r advisory waived");
    const j = withWaivers([waiver({ expires: "2026-11-22" })]);
    expect(j.findings[0]).toMatchObject({
      level: "mandatory",
      verdict: "violation",
      message:
        'Weak filter. The waiver for r on "ch*", approved by platform-security, expires 2026-11-22: Pilot with legal sign-off LEG-42 has expired and no longer applies.',
      waiver: { expired: true },
    });
    expect(j.subjects[0].compliant).toBe(false);
    expect([...j.waiversMatched]).toEqual([0]);
    expect(brief(withWaivers([waiver()], new Date("2027-01-01T00:00:00Z")))[0]).toBe("r mandatory violation");
  });

  it("a live waiver wins over an expired one listed first; an exact URN matches, another name does not", () => {
    const j = withWaivers([waiver({ expires: "2026-01-01" }), waiver({ resource: CHAT.ref.urn })]);
    expect(j.findings[0]).toMatchObject({ verdict: "waived", waiver: { resource: CHAT.ref.urn, expired: false } });
    // The live one is the match; the expired one it supersedes is not counted as in use.
    // The expired one matches too: it is not stale, only superseded.
    expect([...j.waiversMatched].sort()).toEqual([0, 1]);
    const none = withWaivers([
      waiver({ resource: "chat-*" }),
      waiver({ resource: `${CHAT.ref.urn}x` }),
      waiver({ policy: "other-rule" }),
    ]);
    expect(brief(none)).toEqual(["r mandatory violation", "other mandatory violation"]);
    expect([...none.waiversMatched]).toEqual([]);
  });

  it("of several live waivers the first listed is the one quoted", () => {
    const j = withWaivers([waiver({ reason: "First" }), waiver({ resource: CHAT.ref.urn, reason: "Second" })]);
    expect(j.findings[0]).toMatchObject({ verdict: "waived", waiver: { reason: "First", expired: false } });
    expect([...j.waiversMatched].sort()).toEqual([0, 1]);
  });

  it("a waiver is per rule: a shared problem another rule met is reported by that rule, at its level", () => {
    const rules = [
      { id: "owner", outcomes: shared("owner") },
      { id: "r", outcomes: () => [...shared("owner")(), undecided(unknownAt("p", "malformed"), "w")] },
    ];
    const j = run(rules, { settings: { waivers: [waiver({ policy: "owner" })] } });
    // As with the owner disabled: the waiver does not waive what r requires of the resource.
    expect(brief(j)).toEqual(["r mandatory violation", "r mandatory undecided"]);
    expect(j.findings[0].message).toBe("No policy to check.");
    expect(verdictOf(j, "r").verdict).toBe("violation");
    expect(j.subjects[0].compliant).toBe(false);
    // The owner's waiver met the problem, so it is in use, not stale.
    expect([...j.waiversMatched]).toEqual([0]);
    // Waived for every rule that met it, the problem is waived, quoting the owner's waiver.
    const both = run(rules, { settings: { waivers: [waiver({ policy: "owner" }), waiver({ policy: "r" })] } });
    expect(brief(both)).toEqual(["owner advisory waived", "r advisory waived"]);
    expect(both.findings[0].waiver?.policy).toBe("owner");
    expect([...both.waiversMatched].sort()).toEqual([0, 1]);
    // A waiver of r alone: the owner reports the problem; r's waiver still covers its own unknown.
    const onlyR = run(rules, { settings: { waivers: [waiver({ policy: "r" })] } });
    expect(brief(onlyR)).toEqual(["owner mandatory violation", "r advisory waived"]);
    expect([...onlyR.waiversMatched]).toEqual([0]);
  });

  it("a waived rule's verdict is undecided while a problem it met stands unwaived under another rule", () => {
    const u = unknownAt("p", "malformed");
    const j = run(
      [
        { id: "other", outcomes: () => [undecided(u, "w")] },
        { id: "r", outcomes: () => [undecided(u, "w"), violation("Own.", "Fix.")] },
      ],
      { settings: { waivers: [waiver()] } },
    );
    expect(brief(j)).toEqual(["other mandatory undecided", "r advisory waived"]);
    expect(verdictOf(j, "r").verdict).toBe("undecided");
  });

  it("an expired waiver covers nothing: the owner still reports the shared problem, saying it expired", () => {
    const j = run(
      [
        { id: "owner", outcomes: shared("owner") },
        { id: "r", outcomes: shared("owner") },
      ],
      {
        settings: { waivers: [waiver({ policy: "owner", expires: "2026-01-01" })] },
      },
    );
    expect(brief(j)).toEqual(["owner mandatory violation"]);
    expect(j.findings[0].message).toContain("has expired and no longer applies");
  });

  it("waives undecided findings too; a waived mandatory finding leaves the subject compliant", () => {
    const j = run([{ id: "r", outcomes: () => [undecided(unknownAt("p", "malformed"), "w")] }], {
      settings: { waivers: [waiver()] },
    });
    expect(brief(j)).toEqual(["r advisory waived"]);
    expect(j.subjects[0].compliant).toBe(true);
  });
});

describeThroughProtocol("waivers through the analyzer protocol", () => {
  it("a waiver that matches nothing is reported once, advisory, at stack level, under ccc-organization-config", async () => {
    const stale = {
      policy: "ccc-jailbreak-filter-mode",
      resource: "legacy-*",
      reason: "Old pilot",
      approvedBy: "platform-security",
      expires: "2099-12-31",
    };
    const outcome = await runScenario(
      [
        step.account("oai", { "ccc-use-case": "text-generation" }),
        step.policy("strict", ALL_FILTERS),
        step.deployment("chat", { policy: "strict" }),
      ],
      "up",
      { "ccc-organization-config": { waivers: [stale] }, "ccc-universal-evidence": "disabled" },
    );
    expect(
      outcome.result.diagnostics.map((d) => [d.policyName, d.phase, d.enforcementLevel, d.urn, d.message]),
    ).toEqual([
      [
        "ccc-organization-config",
        "analyzeStack",
        "advisory",
        "",
        'The waiver for ccc-jailbreak-filter-mode on "legacy-*", approved by platform-security, expires 2099-12-31: Old pilot matches nothing in this stack; remove it if it is stale.',
      ],
    ]);
    // Its rule disabled, the waiver meets nothing for that reason, which the report says.
    const disabled = await runScenario(
      [step.account("oai", { "ccc-use-case": "text-generation" }), step.deployment("legacy-chat", {})],
      "up",
      {
        "ccc-organization-config": { waivers: [stale] },
        "ccc-universal-evidence": "disabled",
        "ccc-jailbreak-filter-mode": "disabled",
      },
    );
    expect(disabled.result.diagnostics.filter((d) => d.policyName === "ccc-organization-config")).toEqual([
      expect.objectContaining({
        message:
          'The waiver for ccc-jailbreak-filter-mode on "legacy-*", approved by platform-security, expires 2099-12-31: Old pilot matches nothing in this stack (ccc-jailbreak-filter-mode is disabled); remove it if it is stale.',
      }),
    ]);
  });
});
