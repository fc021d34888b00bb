import { EVIDENCE_TAGS } from "../../adapters/common";
import { parseCalendarDate } from "../../config/schema";
import { DeploymentSubject, Evidence, Tainted, Unknown, Value, containerNoun, isUnknown } from "../../model/model";
import { servesTextOrCode } from "../../model/useCases";
import { REDACTED, quoted } from "../../redact";
import { CLAUSES } from "../../ruleData/clauses";
import { Outcome, Rule, undecided, violation } from "../types";
import { accountNotBefore } from "../common";
import { evidenceHolder } from "../fixes";

const DEFAULT_MAX_AGE_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One piece of universal-mitigation evidence as a deployment holds it (its own tag, else its account's). */
export interface EvidenceItem {
  readonly what: "metaprompt" | "evaluation report";
  readonly tag: string;
  readonly pointer: Value<string>;
  readonly dateTag: string;
  readonly date: Value<string>;
  /** Where it was declared: "deployment", `account "x"`, or undefined when absent. */
  readonly declaredOn?: string;
  /** Whole days from the date to the verdict time; undefined when the date is absent or not a date. */
  readonly ageDays?: number;
  /** The evidence (deployment's or account's) each value came from, for showing it secret-aware. */
  readonly pointerHolder?: Evidence;
  readonly dateHolder?: Evidence;
}

/**
 * The metaprompt and evaluation-report evidence of a deployment, with ages in whole days as of `now`, so
 * the rule and the evidence report state the same age.
 */
export function evidenceOf(subject: DeploymentSubject, now: Date): EvidenceItem[] {
  const own = subject.deployment.evidence;
  const lookup = subject.account;
  // Stryker disable next-line ConditionalExpression,OptionalChaining: equivalent, a deployment's account lookup is never undefined (its placement always has an account or workspace), and only a found one has a node
  const account = lookup?.kind === "found" ? lookup.node : undefined;
  // An account that is not decided yet may hold the evidence: that is undecided, not missing.
  // Stryker disable next-line ConditionalExpression,OptionalChaining: equivalent, a deployment's account lookup is never undefined (its placement always has an account or workspace), and only an undecided one has an unknown
  const pending = lookup?.kind === "undecided" ? lookup.unknown : undefined;
  const pick = (
    key: keyof Omit<Evidence, "secret">,
    fromOwn: boolean,
  ): { value: Value<string>; on?: string; holder?: Evidence } => {
    if (fromOwn) {
      // Stryker disable next-line ObjectLiteral: equivalent, an absent value reads as undefined either way
      if (own[key] === undefined) return { value: undefined };
      return { value: own[key], on: "deployment", holder: own };
    }
    if (account && account.evidence[key] !== undefined)
      return {
        value: account.evidence[key],
        on: `${containerNoun(account.collection)} "${account.ref.name}"`,
        holder: account.evidence,
      };
    return { value: pending };
  };
  const item = (
    what: EvidenceItem["what"],
    tag: string,
    key: "metaprompt" | "evaluationReport",
    dateTag: string,
    dateKey: "metapromptDate" | "evaluationReportDate",
  ): EvidenceItem => {
    // Each value is the deployment's, else its account's; but the account's date does not date a metaprompt or
    // report the deployment names itself (another than its account's).
    const ownPointer = own[key] !== undefined && own[key] !== account?.evidence[key];
    const pointer = pick(key, own[key] !== undefined);
    const date = pick(dateKey, ownPointer || own[dateKey] !== undefined);
    const parsed = typeof date.value === "string" ? parseCalendarDate(date.value.trim()) : NaN;
    const result: { -readonly [K in keyof EvidenceItem]: EvidenceItem[K] } = {
      what,
      tag,
      pointer: pointer.value,
      dateTag,
      date: date.value,
    };
    const declaredOn = pointer.on ?? date.on;
    if (declaredOn) result.declaredOn = declaredOn;
    if (!Number.isNaN(parsed)) result.ageDays = Math.floor((now.getTime() - parsed) / DAY_MS);
    if (pointer.holder) result.pointerHolder = pointer.holder;
    if (date.holder) result.dateHolder = date.holder;
    return result;
  };
  return [
    item("metaprompt", EVIDENCE_TAGS.metaprompt, "metaprompt", EVIDENCE_TAGS.metapromptDate, "metapromptDate"),
    item(
      "evaluation report",
      EVIDENCE_TAGS.evaluationReport,
      "evaluationReport",
      EVIDENCE_TAGS.evaluationReportDate,
      "evaluationReportDate",
    ),
  ];
}

const NO_SECRETS: Tainted = { secret: new Set() };

export const rule: Rule = {
  meta: {
    id: "ccc-universal-evidence",
    order: 100,
    name: "Evidence of the universal mitigations (metaprompt, evaluation report)",
    description: `Each text- or code-generation deployment (or its account) points at its copyright metaprompt and its latest evaluation report with the ${EVIDENCE_TAGS.metaprompt} and ${EVIDENCE_TAGS.evaluationReport} tags, dated no older than the configured age and not in the future.`,
    severity: "medium",
    defaultEnforcement: "advisory",
    clauses: [CLAUSES.universalMetaprompt, CLAUSES.universalEvaluation],
    remediation: `Tag the deployment or its account with ${EVIDENCE_TAGS.metaprompt} and ${EVIDENCE_TAGS.evaluationReport} (an id or URL), and ${EVIDENCE_TAGS.metapromptDate} / ${EVIDENCE_TAGS.evaluationReportDate} (YYYY-MM-DD).`,
    appliesTo: ["deployment"],
    snippet: "compliant-text",
  },
  configSchema: {
    properties: {
      maxEvidenceAgeDays: {
        type: "integer",
        minimum: 1,
        default: DEFAULT_MAX_AGE_DAYS,
        description: "Evidence dated longer ago than this many days is reported as stale.",
      },
    },
  },
  check(subject, { now, config }) {
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent, the pipeline calls check only on appliesTo kinds; the test narrows the type
    if (subject.kind !== "deployment") return [];
    if (!generatesTextOrCode(subject)) return [];
    // Stryker disable next-line ConditionalExpression: equivalent, both pipelines pass config validated against configSchema, whose default fills an absent or invalid value
    const maxAge = typeof config.maxEvidenceAgeDays === "number" ? config.maxEvidenceAgeDays : DEFAULT_MAX_AGE_DAYS;
    const flavour = subject.deployment.flavour;
    // Classic and hub deployments take no tags: their account or workspace holds the evidence.
    const where =
      flavour === "azure-native"
        ? "the deployment or its account"
        : `its ${flavour === "classic" ? "account" : "workspace"}`;
    // The account's tags may hold the evidence, if the program registers it after the deployment.
    const notBefore = accountNotBefore(subject);
    const searched = notBefore === undefined ? where : `${where} (${notBefore})`;
    // Stryker disable next-line OptionalChaining: equivalent, a deployment's account lookup is never undefined (its placement always has an account or workspace)
    const holderAccount = subject.account?.kind === "found" ? subject.account.node.ref : undefined;
    const outcomes: Outcome[] = [];
    for (const item of evidenceOf(subject, now)) {
      if (isUnknown(item.pointer) || isUnknown(item.date)) {
        outcomes.push(
          undecided((isUnknown(item.pointer) ? item.pointer : item.date) as Unknown, `the ${item.what} evidence tags`),
        );
        continue;
      }
      // Worded only for a violation: most deployments hold their evidence.
      const fix = () =>
        `Tag ${evidenceHolder(flavour, holderAccount)} with ${item.tag} (an id or URL) and ${item.dateTag} (YYYY-MM-DD).`;
      if (item.pointer === undefined || item.pointer.trim() === "") {
        outcomes.push(
          violation(
            `Deployment "${subject.ref.name}" has no ${item.what} evidence: no ${item.tag} tag on ${searched}.`,
            fix(),
          ),
        );
        continue;
      }
      const holder = item.dateHolder ?? NO_SECRETS;
      const dateField = item.what === "metaprompt" ? "metapromptDate" : "evaluationReportDate";
      if (item.date === undefined) {
        outcomes.push(
          violation(
            `Deployment "${subject.ref.name}": the ${item.what} evidence has no date (${item.dateTag}).`,
            fix(),
          ),
        );
      } else if (item.ageDays === undefined) {
        outcomes.push(
          violation(
            `Deployment "${subject.ref.name}": ${item.dateTag} ${quoted(holder, dateField, item.date)} is not a calendar date YYYY-MM-DD.`,
            fix(),
          ),
        );
      } else if (item.ageDays < -1) {
        // A day's grace: a date written in a time zone ahead of UTC may be tomorrow in UTC.
        const dated = holder.secret.has(dateField) ? REDACTED : item.date.trim();
        outcomes.push(
          violation(
            `Deployment "${subject.ref.name}": the ${item.what} (${item.tag}) is dated ${dated}, after the day the verdict is taken (${now.toISOString().slice(0, 10)}), so it records no evaluation yet.`,
            `Set ${item.dateTag} on ${where} to the day the evaluation ran.`,
          ),
        );
      } else if (item.ageDays > maxAge) {
        const dated = holder.secret.has(dateField)
          ? `${REDACTED}, more than ${maxAge} days ago`
          : `${item.date.trim()}, ${item.ageDays} days ago, older than ${maxAge} days`;
        outcomes.push(
          violation(
            `Deployment "${subject.ref.name}": the ${item.what} (${item.tag}) is dated ${dated}. Re-run and record the evaluation.`,
            `Update ${item.dateTag} on ${where} after the next evaluation.`,
          ),
        );
      }
    }
    return outcomes;
  },
  notApplicable: (subject) =>
    // Stryker disable next-line ConditionalExpression: equivalent, the pipeline asks only about appliesTo kinds; the test narrows the type
    subject.kind === "deployment" && !generatesTextOrCode(subject)
      ? "only Azure OpenAI deployments that generate text or code need the metaprompt and evaluation evidence"
      : undefined,
};

/** Evidence applies to Azure OpenAI deployments that generate text or code, not embeddings or `other`. */
function generatesTextOrCode(subject: DeploymentSubject): boolean {
  return (
    subject.coverage.covered !== false && subject.useCases.kind === "known" && servesTextOrCode(subject.useCases.values)
  );
}
