import { describeEntry, describeMode, filterKey, filterMode } from "../filters";
import { isUnknown } from "../model";
import { HARM_CATEGORY_FILTERS } from "../ruleData";
import { Outcome, Rule, note, undecidable, violation } from "./types";

const HARM_KEYS = new Set(HARM_CATEGORY_FILTERS.map(filterKey));

export const requireApprovalForModifiedFilters: Rule = {
  meta: {
    id: "ccc-modified-content-filters",
    name: "Approval for modified content filters",
    description:
      "A content filter policy that turns off, or sets to annotate only, Hate, Sexual, Violence or Selfharm needs the organization's approval for modified content filters.",
    severity: "high",
    defaultEnforcement: "mandatory",
    cccClause:
      "Organization approval (not a CCC clause): modified content filters and abuse-monitoring opt-out need an approval; without it Azure rejects such a policy at apply time.",
    remediation:
      "Keep Hate, Sexual, Violence and Selfharm enabled and blocking, or record the approval in this rule's modifiedFiltersApproved.",
    docsAnchor: "ccc-modified-content-filters",
    appliesTo: ["rai-policy"],
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
    if (subject.kind !== "rai-policy") return [];
    const filters = subject.policy.filters;
    if (isUnknown(filters)) return [undecidable(filters, "the policy's content filters are not known yet")];
    const outcomes: Outcome[] = [];
    for (const f of filters) {
      if (!HARM_KEYS.has(f.key)) continue;
      const mode = filterMode(f);
      if (isUnknown(mode)) {
        outcomes.push(undecidable(mode, `the mode of ${describeEntry(f)} is not known yet`));
        continue;
      }
      if (mode === "filter") continue;
      const what = `RAI policy "${subject.ref.name}" sets ${describeEntry(f)} to ${describeMode(mode)}`;
      outcomes.push(
        config.modifiedFiltersApproved === true
          ? note(`${what}; allowed by the organization's approval for modified content filters.`)
          : violation(
              `${what}. That is a modified content filter, which needs Microsoft's approval; Azure rejects it at apply time without one.`,
            ),
      );
    }
    return outcomes;
  },
};
