import { FILTERS } from "../filters";
import { EFFECTIVE } from "../ruleData";
import { policyForUseCase, requireFilter, useCaseScope } from "./common";
import { Rule } from "./types";

export const requireTextProtectedMaterialFilter: Rule = {
  meta: {
    id: "ccc-text-protected-material-filter",
    name: "Protected Material Text in filter mode for text generation",
    description: "A text-generation deployment's content filter policy blocks protected material text on completions.",
    severity: "critical",
    defaultEnforcement: "mandatory",
    cccClause:
      "Text generation (journalistic content, writing assistance, open text generation): the Protected Material Text model must be configured in filter mode.",
    effectiveDate: EFFECTIVE.contentFilters,
    remediation:
      'Add {name: "Protected Material Text", source: "Completion", enabled: true, blocking: true} to the RAI policy\'s contentFilters.',
    docsAnchor: "ccc-text-protected-material-filter",
    appliesTo: ["deployment", "rai-policy"],
  },
  remediation: { filter: FILTERS.protectedMaterialText, useCases: ["text-generation"] },
  check(subject) {
    const target = policyForUseCase(subject, "text-generation");
    if ("outcomes" in target) return target.outcomes;
    return requireFilter(subject, target.policy, FILTERS.protectedMaterialText, ["filter"], "Text generation");
  },
  notApplicable: (subject) =>
    useCaseScope(subject, (u) => u.includes("text-generation"), "only text generation needs Protected Material Text"),
};
