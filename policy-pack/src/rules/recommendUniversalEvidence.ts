import { Evidence, Unknown, Value, isUnknown } from "../model";
import { EFFECTIVE } from "../ruleData";
import { Outcome, Rule, undecidable, violation } from "./types";

export const EVIDENCE_TAGS = {
  metaprompt: "ccc-metaprompt",
  metapromptDate: "ccc-metaprompt-date",
  evaluationReport: "ccc-evaluation-report",
  evaluationReportDate: "ccc-evaluation-report-date",
} as const;

const DEFAULT_MAX_AGE_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;

export const recommendUniversalEvidence: Rule = {
  meta: {
    id: "ccc-universal-evidence",
    name: "Evidence of the universal mitigations (metaprompt, evaluation report)",
    description: `Each deployment (or its account) points at its copyright metaprompt and its latest evaluation report with the ${EVIDENCE_TAGS.metaprompt} and ${EVIDENCE_TAGS.evaluationReport} tags, dated no older than the configured age.`,
    severity: "medium",
    defaultEnforcement: "advisory",
    cccClause:
      "Universal: the offering includes a metaprompt instructing the model not to infringe copyright, and the customer evaluates it with tests for third-party content, keeps the report and hands it over on request.",
    effectiveDate: EFFECTIVE.contentFilters,
    remediation: `Tag the deployment or its account with ${EVIDENCE_TAGS.metaprompt} and ${EVIDENCE_TAGS.evaluationReport} (an id or URL), and ${EVIDENCE_TAGS.metapromptDate} / ${EVIDENCE_TAGS.evaluationReportDate} (YYYY-MM-DD).`,
    docsAnchor: "ccc-universal-evidence",
    appliesTo: ["deployment"],
  },
  configSchema: {
    properties: {
      maxEvidenceAgeDays: {
        type: "integer",
        minimum: 1,
        default: DEFAULT_MAX_AGE_DAYS,
        description: "Evidence dated longer ago than this many days is reported as stale.",
      },
      asOfDate: {
        type: "string",
        pattern: "^\\d{4}-\\d{2}-\\d{2}$",
        description: "Measure evidence age as of this date (YYYY-MM-DD), e.g. the date of a claim; absent means today.",
      },
    },
  },
  check(subject, { now, config }) {
    if (subject.kind !== "deployment") return [];
    const maxAge = typeof config.maxEvidenceAgeDays === "number" ? config.maxEvidenceAgeDays : DEFAULT_MAX_AGE_DAYS;
    const asOf = typeof config.asOfDate === "string" ? parseDate(config.asOfDate) : now.getTime();
    const own = subject.deployment.evidence;
    const fallback = subject.account?.evidence;
    // An account that is not known yet may hold the evidence: that is undecided, not missing.
    const accountPending = fallback === undefined && isUnknown(subject.deployment.accountName);
    const pick = (key: keyof Evidence): Value<string> =>
      own[key] ?? fallback?.[key] ?? (accountPending ? subject.deployment.accountName : undefined);
    const outcomes: Outcome[] = [];
    const items = [
      [
        "metaprompt",
        EVIDENCE_TAGS.metaprompt,
        pick("metaprompt"),
        EVIDENCE_TAGS.metapromptDate,
        pick("metapromptDate"),
      ],
      [
        "evaluation report",
        EVIDENCE_TAGS.evaluationReport,
        pick("evaluationReport"),
        EVIDENCE_TAGS.evaluationReportDate,
        pick("evaluationReportDate"),
      ],
    ] as const;
    for (const [what, tag, pointer, dateTag, date] of items) {
      if (isUnknown(pointer) || isUnknown(date)) {
        const pending = isUnknown(pointer) ? pointer : (date as Unknown);
        outcomes.push(undecidable(pending, `the ${what} evidence tags are not known yet`));
        continue;
      }
      if (pointer === undefined || pointer.trim() === "") {
        outcomes.push(
          violation(`Deployment "${subject.ref.name}" has no ${what} evidence: tag it or its account with ${tag}.`),
        );
        continue;
      }
      if (date === undefined) continue;
      const parsed = parseDate(date);
      // Age in whole days, so the verdict agrees with the age the message states.
      const days = Math.floor((asOf - parsed) / DAY_MS);
      if (Number.isNaN(parsed)) {
        outcomes.push(
          violation(`Deployment "${subject.ref.name}": ${dateTag} "${date}" is not a date; use YYYY-MM-DD.`),
        );
      } else if (days > maxAge) {
        outcomes.push(
          violation(
            `Deployment "${subject.ref.name}": the ${what} (${tag}) is dated ${date.trim()}, ${days} days ago, older than ${maxAge} days. Re-run and record the evaluation.`,
          ),
        );
      }
    }
    return outcomes;
  },
};

/** Milliseconds for a YYYY-MM-DD date, NaN for anything else. */
function parseDate(date: string): number {
  const trimmed = date.trim();
  // Stryker disable next-line Regex: equivalent, Date.parse rejects what the anchors reject; the pattern rejects "2026"
  return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? Date.parse(`${trimmed}T00:00:00Z`) : NaN;
}
