import { HARM_CATEGORY_KEYS, filterMode } from "../../model/filters";
import { ContentFilter, FilterMode, isUnknown } from "../../model/model";
import { listed } from "../common";
import { describeEntry, describeModeOf } from "../../redact";
import { CLAUSES } from "../../ruleData/clauses";
import { Outcome, Rule, note, undecided, violation } from "../types";

export const rule: Rule = {
  meta: {
    id: "ccc-modified-content-filters",
    order: 20,
    name: "Approval for modified content filters",
    description:
      "A content filter policy that turns off, or sets to annotate only, Hate, Sexual, Violence or Selfharm needs the organization's approval for modified content filters.",
    severity: "high",
    defaultEnforcement: "mandatory",
    clauses: [CLAUSES.modifiedFilters],
    remediation:
      "Keep Hate, Sexual, Violence and Selfharm enabled and blocking, or record the approval in this rule's modifiedFiltersApproved.",
    appliesTo: ["rai-policy"],
    snippet: "modified-filters-approved",
  },
  configSchema: {
    properties: {
      modifiedFiltersApproved: {
        type: "boolean",
        default: false,
        description:
          "The organization holds the approval for modified content filters; such policies are then reported as advisory notes.",
      },
    },
  },
  check(subject, { config }) {
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent, the pipeline runs a rule only on subjects of its appliesTo kinds
    if (subject.kind !== "rai-policy") return [];
    const filters = subject.policy.filters;
    if (isUnknown(filters)) return [undecided(filters, "the policy's content filters")];
    const modified: ContentFilter[] = [];
    // A filter whose mode is not known does not hide the ones that are definitely modified.
    const pending: Outcome[] = [];
    for (const f of filters) {
      // Stryker disable next-line ConditionalExpression: equivalent, HARM_CATEGORY_KEYS.has(undefined) is false too; the check narrows the type
      if (f.key === undefined || !HARM_CATEGORY_KEYS.has(f.key)) continue;
      const mode = filterMode(f);
      if (isUnknown(mode)) pending.push(undecided(mode, `the mode of ${describeEntry(f)}`));
      else if (mode !== "filter") modified.push(f);
    }
    if (modified.length === 0) return pending;
    const what = `RAI policy "${subject.ref.name}" sets ${listed(
      modified.map((f) => `${describeEntry(f)} to ${describeModeOf([f], filterMode(f) as FilterMode)}`),
      "; ",
    )}`;
    if (config.modifiedFiltersApproved === true)
      return [note(`${what}; allowed by the organization's approval for modified content filters.`), ...pending];
    return [
      violation(
        `${what}. That is a modified content filter, which needs Microsoft's approval; Azure rejects it at apply time without one.`,
        "Keep these filters enabled and blocking, or, once Microsoft approved modified content filters for the organization, record it with ccc-modified-content-filters.modifiedFiltersApproved: true in pack config.",
      ),
      ...pending,
    ];
  },
};
