// The one judgement pipeline. The pack's policies (resource and stack level) and the evidence report all
// call `judge`: rule outcome -> shared problems reported once -> waiver match and expiry -> notes ->
// wording of what cannot be decided -> enforcement level -> finding. Nothing else decides a verdict.
import { MicrosoftPolicies } from "../model/microsoftPolicies";
import { ResourceRef, Subject, Unknown, accountLink, mayResolve } from "../model/model";
import { OrgSettings, Waiver } from "../config/orgSettings";
import { SecretNet } from "../redact";
import { referenceAccountFix } from "../rules/fixes";
import { Outcome, Rule, RuleContext } from "../rules/types";
import { describeWaiver, findWaiver } from "./waivers";

export type Level = "mandatory" | "advisory" | "disabled";

export interface JudgeSetup {
  readonly rules: readonly Rule[];
  /** Each rule's reporting level; a rule not listed runs at its default. */
  readonly levels: ReadonlyMap<string, Level>;
  /** Each rule's validated config (defaults applied). */
  readonly configs: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  readonly settings: OrgSettings;
  readonly microsoft: MicrosoftPolicies;
  /** The instant verdicts are taken at (waiver expiry, evidence age). */
  readonly now: Date;
  /** Resource level in a preview: an unknown that may still resolve is deferred to the stack level. */
  readonly deferPreviewUnknowns: boolean;
  /** Stack level of a preview: what is still unknown is unknown "at the end of the preview". */
  readonly endOfPreview: boolean;
  readonly secrets?: SecretNet;
  /** Which resources an unknown property is computed from (propertyDependencies). */
  readonly dependenciesOf?: (urn: string, path: string) => readonly ResourceRef[];
  /** Base of the rule documentation links (`<base>#<rule id>`). */
  readonly docsBase?: string;
  /** Whether verdicts say why a rule did not apply (reports); enforcing needs only the findings. Default true. */
  readonly explain?: boolean;
}

export const DEFAULT_DOCS_BASE = "docs/rules.md";

export interface WaiverInfo extends Waiver {
  readonly expired: boolean;
}

export interface Finding {
  readonly ruleId: string;
  readonly level: "mandatory" | "advisory";
  readonly verdict: "violation" | "undecided" | "note" | "waived";
  readonly resource: ResourceRef;
  readonly message: string;
  readonly fix?: string;
  readonly docs: string;
  readonly waiver?: WaiverInfo;
  /** The problem it reports: one problem is one finding, however many rules meet it. */
  readonly key: string;
}

export type VerdictKind = "pass" | "not applicable" | "violation" | "undecided" | "waived" | "disabled" | "deferred";

export interface RuleVerdict {
  readonly ruleId: string;
  readonly level: Level;
  readonly verdict: VerdictKind;
  /** The findings behind the verdict; a shared problem may be reported under another rule's id. */
  readonly findings: readonly Finding[];
  readonly notes: readonly Finding[];
  readonly notApplicable?: string;
}

export interface SubjectJudgement {
  readonly subject: Subject;
  readonly verdicts: readonly RuleVerdict[];
  /** No mandatory finding that is not waived. */
  readonly compliant: boolean;
  /** Some verdict waits for values a preview does not know yet. */
  readonly deferred: boolean;
}

export interface Judgement {
  readonly subjects: readonly SubjectJudgement[];
  /** What to report: each problem once, notes included, deferred unknowns excluded. */
  readonly findings: readonly Finding[];
  /** Indexes of configured waivers that matched a finding (expired or not). */
  readonly waiversMatched: ReadonlySet<number>;
}

interface Candidate {
  readonly rule: Rule;
  readonly level: "mandatory" | "advisory";
  readonly subject: Subject;
  readonly outcome: Exclude<Outcome, { kind: "note" }>;
  readonly key: string;
  readonly owner?: string;
  readonly deferred: boolean;
}

const RANK = { mandatory: 2, advisory: 1 } as const;

/** Runs a rule, turning a crash into a fail-closed violation instead of an analyzer error. */
export function safeCheck(rule: Rule, subject: Subject, context: RuleContext): readonly Outcome[] {
  try {
    return rule.check(subject, context);
  } catch (e) {
    return [
      {
        kind: "violation",
        message: `The pack could not evaluate "${subject.ref.name}" (${e instanceof Error ? e.message : String(e)}), so it is not shown compliant.`,
        fix: "Report this to the pack's maintainers with the resource's properties.",
      },
    ];
  }
}

/** A rule as one setup runs it: its level, context and the verdict it has when it meets nothing. */
interface PlannedRule {
  readonly rule: Rule;
  readonly level: Level;
  readonly appliesTo: ReadonlySet<Subject["kind"]>;
  readonly context: RuleContext;
  /** Its verdict with no finding or note ("pass", "disabled": its level says which). */
  readonly plain: RuleVerdict;
}

/** A setup's rules, and the verdicts of a subject of each kind that met none of them. */
interface Plan {
  readonly rules: readonly PlannedRule[];
  readonly plainVerdicts: Readonly<Record<Subject["kind"], readonly RuleVerdict[]>>;
}

const plans = new WeakMap<JudgeSetup, Plan>();

/** The setup's rules with what every subject shares, made once per setup (judge runs per resource). */
function planOf(setup: JudgeSetup): Plan {
  let plan = plans.get(setup);
  if (plan === undefined) {
    const rules = setup.rules.map((rule): PlannedRule => {
      const level = setup.levels.get(rule.meta.id) ?? rule.meta.defaultEnforcement;
      const verdict = level === "disabled" ? "disabled" : "pass";
      return {
        rule,
        level,
        appliesTo: new Set(rule.meta.appliesTo),
        context: {
          settings: setup.settings,
          microsoft: setup.microsoft,
          now: setup.now,
          config: setup.configs.get(rule.meta.id) ?? {},
        },
        plain: Object.freeze({ ruleId: rule.meta.id, level, verdict, findings: NONE, notes: NONE }),
      };
    });
    const plainOf = (kind: Subject["kind"]) =>
      Object.freeze(rules.filter((r) => r.appliesTo.has(kind)).map((r) => r.plain));
    plan = {
      rules,
      plainVerdicts: {
        account: plainOf("account"),
        deployment: plainOf("deployment"),
        "rai-policy": plainOf("rai-policy"),
      },
    };
    plans.set(setup, plan);
  }
  return plan;
}

/** What one rule met on one subject; none is kept for a rule that met nothing (most checks meet nothing). */
interface Met {
  readonly candidates: Candidate[];
  readonly notes: string[];
}

const NONE: readonly never[] = [];
const NO_FINDINGS: ReadonlyMap<string, Finding | undefined> = new Map();

/** The entry of a rule that met something on a subject, made on its first outcome. */
function metOf(perSubject: Map<Subject, Map<Rule, Met>>, subject: Subject, rule: Rule): Met {
  const rules = perSubject.get(subject) ?? new Map<Rule, Met>();
  perSubject.set(subject, rules);
  const entry = rules.get(rule) ?? { candidates: [], notes: [] };
  rules.set(rule, entry);
  return entry;
}

export function judge(subjects: readonly Subject[], setup: JudgeSetup): Judgement {
  // Made on the first outcome: most subjects meet no rule.
  let perSubject: Map<Subject, Map<Rule, Met>> | undefined;
  let byKey: Map<string, Candidate[]> | undefined;
  const plan = planOf(setup);
  for (const { rule, level, appliesTo, context } of plan.rules) {
    if (level === "disabled") continue;
    for (const subject of subjects) {
      if (!appliesTo.has(subject.kind)) continue;
      for (const outcome of safeCheck(rule, subject, context)) {
        const entry = metOf((perSubject ??= new Map()), subject, rule);
        if (outcome.kind === "note") {
          entry.notes.push(outcome.message);
          continue;
        }
        const candidate = toCandidate(rule, level, subject, outcome, setup);
        entry.candidates.push(candidate);
        byKey ??= new Map();
        const list = byKey.get(candidate.key) ?? [];
        list.push(candidate);
        byKey.set(candidate.key, list);
      }
    }
  }

  const waiversMatched = new Set<number>();
  const findingOf = byKey === undefined ? NO_FINDINGS : problemFindings(byKey, setup, waiversMatched);
  const findings: Finding[] = [];
  const reported = new Set<Finding>();
  const results: SubjectJudgement[] = [];
  for (const subject of subjects) {
    const met = perSubject?.get(subject);
    // Most subjects meet no rule: when enforcing, their verdicts are the ones the setup shares (no finding).
    // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent when false or empty, the loop below gives the same verdicts
    if (met === undefined && setup.explain === false) {
      results.push({ subject, verdicts: plan.plainVerdicts[subject.kind], compliant: true, deferred: false });
      continue;
    }
    const verdicts: RuleVerdict[] = [];
    for (const { rule, level, appliesTo, context, plain } of plan.rules) {
      if (!appliesTo.has(subject.kind)) continue;
      const entry = met?.get(rule);
      // Most rules meet nothing on most subjects: their verdict is the same for every subject of a setup.
      if (level === "disabled" || (entry === undefined && setup.explain === false)) {
        verdicts.push(plain);
        continue;
      }
      const notes = entry ? entry.notes.map((message) => noteFinding(rule, subject, message, setup)) : NONE;
      const own = entry ? [...new Set(entry.candidates.map((c) => c.key))] : NONE;
      const behind =
        // Stryker disable next-line ConditionalExpression: equivalent, an empty list maps to an empty one (spares two lists per rule)
        own.length === 0 ? NONE : own.map((k) => findingOf.get(k)).filter((f): f is Finding => f !== undefined);
      for (const f of behind) {
        if (!reported.has(f)) {
          reported.add(f);
          findings.push(f);
        }
      }
      findings.push(...notes);
      let verdict: VerdictKind;
      // Why a rule had nothing to check is asked only where verdicts are shown (the report): when enforcing, a
      // rule that met nothing took its shared verdict above.
      const notApplicable = own.length === 0 && notes.length === 0 ? rule.notApplicable?.(subject, context) : undefined;
      if (own.length === 0) verdict = notApplicable !== undefined ? "not applicable" : "pass";
      else if (behind.length === 0) verdict = "deferred";
      else if (behind.some((f) => f.verdict === "violation")) verdict = "violation";
      else if (behind.some((f) => f.verdict === "undecided")) verdict = "undecided";
      else verdict = "waived";
      const ruleVerdict: RuleVerdict = { ruleId: rule.meta.id, level, verdict, findings: behind, notes };
      verdicts.push(notApplicable === undefined ? ruleVerdict : { ...ruleVerdict, notApplicable });
    }
    results.push({
      subject,
      verdicts,
      // A waived finding is advisory, so a mandatory one is a violation or undecided.
      compliant: !verdicts.some((v) => v.findings.some((f) => f.level === "mandatory")),
      deferred: verdicts.some((v) => v.verdict === "deferred"),
    });
  }
  return { subjects: results, findings, waiversMatched };
}

/**
 * One finding per problem: a rule no live waiver covers first (a waiver is per rule: it does not waive what
 * another rule requires of the resource), then the highest level among the rules that met it, the owner, then
 * catalogue order (each problem's candidates are listed in catalogue order, and only a strictly better one
 * replaces the first). A problem whose reporter waits for the stack level has none (undefined).
 */
function problemFindings(
  byKey: ReadonlyMap<string, Candidate[]>,
  setup: JudgeSetup,
  waiversMatched: Set<number>,
): ReadonlyMap<string, Finding | undefined> {
  const findingOf = new Map<string, Finding | undefined>();
  /** The candidates a live waiver covers. */
  const waived = new Set<Candidate>();
  for (const [key, candidates] of byKey) {
    const matching = waiversOf(candidates, setup, waived);
    const standing = (c: Candidate) =>
      8 * Number(!waived.has(c)) + 2 * RANK[c.level] + Number(c.owner === c.rule.meta.id);
    const reporter = candidates.reduce((best, c) => (standing(c) > standing(best) ? c : best));
    if (reporter.deferred) {
      findingOf.set(key, undefined);
      continue;
    }
    // A waiver of a rule that met the problem is in use, whichever rule reports it.
    matching.forEach((i) => waiversMatched.add(i));
    findingOf.set(key, finding(reporter, setup));
  }
  coverOwnMalformedValues(byKey, findingOf, waived);
  return findingOf;
}

/** Every waiver matching one of a problem's candidates; the candidates a live one covers are added to `live`. */
function waiversOf(candidates: readonly Candidate[], setup: JudgeSetup, live: Set<Candidate>): readonly number[] {
  const waivers = setup.settings.waivers;
  // Stryker disable next-line ConditionalExpression: equivalent, no waiver matches nothing (spares a list per problem)
  if (waivers.length === 0) return NONE;
  const matching: number[] = [];
  for (const c of candidates) {
    const match = findWaiver(waivers, c.rule.meta.id, c.subject.ref.urn, c.subject.ref.name, setup.now);
    if (match === undefined) continue;
    matching.push(...match.matching);
    if (!match.expired) live.add(c);
  }
  return matching;
}

/**
 * A rule that cannot decide because a property of the subject itself is malformed or ambiguous meets the
 * problem ccc-well-formed-resources reports: when that finding is at no lower level, it stands for them.
 */
function coverOwnMalformedValues(
  byKey: ReadonlyMap<string, Candidate[]>,
  findingOf: Map<string, Finding | undefined>,
  waived: ReadonlySet<Candidate>,
): void {
  const covering = new Map<Subject, Candidate>();
  for (const candidates of byKey.values()) {
    for (const c of candidates) {
      // Stryker disable next-line ConditionalExpression: narrows the type only (only a violation carries the flag)
      if (c.outcome.kind !== "violation") continue;
      if (c.outcome.coversOwnMalformedValues) covering.set(c.subject, c);
    }
  }
  for (const [key, candidates] of byKey) {
    const c = candidates[0];
    if (c.outcome.kind !== "undecided") continue;
    const u = c.outcome.unknown;
    if ((u.reason !== "malformed" && u.reason !== "ambiguous") || (u.owner && u.owner.urn !== c.subject.ref.urn))
      continue;
    const cover = covering.get(c.subject);
    if (cover === undefined || candidates.some((x) => RANK[x.level] > RANK[cover.level])) continue;
    // A waiver is per rule: a waived finding stands only for rules that are waived too.
    // A violation is never deferred, so the covering finding exists.
    const covered = findingOf.get(cover.key)!;
    if (covered.verdict === "waived" && candidates.some((x) => !waived.has(x))) continue;
    findingOf.set(key, covered);
  }
}

function toCandidate(
  rule: Rule,
  level: "mandatory" | "advisory",
  subject: Subject,
  outcome: Exclude<Outcome, { kind: "note" }>,
  setup: JudgeSetup,
): Candidate {
  if (outcome.kind === "undecided") {
    const u = outcome.unknown;
    const key = `undecided\u0000${subject.ref.urn}\u0000${u.owner?.urn ?? subject.ref.urn}\u0000${u.path}`;
    return { rule, level, subject, outcome, key, deferred: setup.deferPreviewUnknowns && mayResolve(u) };
  }
  const problem = outcome.problem;
  const key = problem
    ? `${problem.key}\u0000${subject.ref.urn}`
    : `${rule.meta.id}\u0000${subject.ref.urn}\u0000${outcome.message}`;
  return { rule, level, subject, outcome, key, owner: problem?.owner, deferred: false };
}

function docsOf(ruleId: string, setup: JudgeSetup): string {
  return `${setup.docsBase ?? DEFAULT_DOCS_BASE}#${ruleId}`;
}

/** The resources a message about this subject can quote values of: the net scrubs their secrets. */
function related(subject: Subject): string[] {
  if (subject.kind !== "deployment") return [subject.ref.urn];
  const urns = [subject.ref.urn];
  if (subject.account?.kind === "found") urns.push(subject.account.node.ref.urn);
  if (subject.policy.kind === "resolved" && subject.policy.policy.origin.kind === "stack")
    urns.push(subject.policy.policy.origin.ref.urn);
  const spill = subject.spillover;
  if (spill?.target.kind === "found") urns.push(spill.target.node.ref.urn);
  if (spill?.policy?.kind === "resolved" && spill.policy.policy.origin.kind === "stack")
    urns.push(spill.policy.policy.origin.ref.urn);
  return urns;
}

/** A problem's finding, as its reporter words it (problemFindings records the waivers it matched). */
function finding(c: Candidate, setup: JudgeSetup): Finding {
  const { subject, rule } = c;
  const scrub = (text: string) => setup.secrets?.scrub(text, related(subject)) ?? text;
  const message = scrub(
    c.outcome.kind === "violation" ? c.outcome.message : undecidedMessage(subject, c.outcome, setup),
  );
  const fix = scrub(c.outcome.kind === "violation" ? c.outcome.fix : undecidedFix(c.outcome.unknown, subject));
  const verdict = c.outcome.kind === "violation" ? "violation" : "undecided";
  const ruleId = rule.meta.id;
  const docs = docsOf(ruleId, setup);
  const match = findWaiver(setup.settings.waivers, ruleId, subject.ref.urn, subject.ref.name, setup.now);
  // Most findings meet no waiver: made as one object, with the keys in the order of the others.
  if (match === undefined)
    return { ruleId, resource: subject.ref, fix, docs, key: c.key, level: c.level, verdict, message };
  const base = { ruleId, resource: subject.ref, fix, docs, key: c.key };
  if (!match.expired) {
    return {
      ...base,
      level: "advisory",
      verdict: "waived",
      message: `Waived by the ${describeWaiver(match.waiver)}. The finding: ${message}`,
      waiver: { ...match.waiver, expired: false },
    };
  }
  return {
    ...base,
    level: c.level,
    verdict,
    message: `${message} The ${describeWaiver(match.waiver)} has expired and no longer applies.`,
    waiver: { ...match.waiver, expired: true },
  };
}

function noteFinding(rule: Rule, subject: Subject, message: string, setup: JudgeSetup): Finding {
  return {
    ruleId: rule.meta.id,
    level: "advisory",
    verdict: "note",
    resource: subject.ref,
    message: setup.secrets?.scrub(message, related(subject)) ?? message,
    docs: docsOf(rule.meta.id, setup),
    key: `note\u0000${rule.meta.id}\u0000${subject.ref.urn}\u0000${message}`,
  };
}

/** How a verdict that cannot be decided is worded: it is never a pass. */
export function undecidedMessage(
  subject: Subject,
  outcome: { unknown: Unknown; why: string },
  setup: JudgeSetup,
): string {
  const u = outcome.unknown;
  const owner =
    u.owner && u.owner.urn !== subject.ref.urn ? ` of ${u.owner.type.split(":").pop()} "${u.owner.name}"` : "";
  const what = `${u.path}${owner}`;
  const lead = `"${subject.ref.name}" cannot be shown compliant:`;
  switch (u.reason) {
    case "malformed":
      return `${lead} ${what} ${u.detail ?? "is malformed"}, so ${outcome.why} cannot be checked.`;
    case "ambiguous":
      return `${lead} ${what} is ambiguous (${u.detail ?? "it has several values"}), so ${outcome.why} cannot be checked.`;
    case "unreadable-secret":
      return `${lead} ${what} is a secret whose value this input does not hold, so ${outcome.why} cannot be checked.`;
    case "preview": {
      const from = setup.dependenciesOf?.(u.owner?.urn ?? subject.ref.urn, u.path) ?? [];
      const computed =
        from.length > 0
          ? ` (it is computed from ${from.map((r) => `${r.type.split(":").pop()} "${r.name}"`).join(", ")})`
          : "";
      const when = setup.endOfPreview ? "is still unknown at the end of the preview" : "is not known";
      return `${lead} ${what} ${when}${computed}, so ${outcome.why} cannot be checked.`;
    }
  }
}

function undecidedFix(u: Unknown, subject: Subject): string {
  if (u.fix !== undefined) return u.fix;
  switch (u.reason) {
    case "malformed":
      if (u.path === "location") return "Set the location of the deployment's account.";
      if (subject.kind === "deployment" && u.path === accountLink(subject.deployment.placement))
        return `Define the deployment's account in this stack, or reference it (${referenceAccountFix(subject.deployment.flavour)}).`;
      return `Give ${u.path} the type the message names.`;
    case "ambiguous":
      return `Give ${u.path} once (Azure tag names and resource names ignore case).`;
    case "unreadable-secret":
      return "Export the stack with `pulumi stack export --show-secrets` so the value can be read (it is never printed), or do not mark it secret.";
    case "preview":
      return "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.";
  }
}
