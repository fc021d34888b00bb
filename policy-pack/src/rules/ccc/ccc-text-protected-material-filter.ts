import { FILTERS } from "../../model/filters";
import { CLAUSES } from "../../ruleData/clauses";
import { policyTargets, requireFilter, useCaseScope } from "../common";
import { Rule } from "../types";

export const rule: Rule = {
  meta: {
    id: "ccc-text-protected-material-filter",
    order: 50,
    name: "Protected Material Text in filter mode for text generation",
    description:
      "A text-generation deployment's content filter policy (and that of any deployment it spills over to) blocks protected material text on completions.",
    severity: "critical",
    defaultEnforcement: "mandatory",
    clauses: [CLAUSES.textProtectedMaterial],
    remediation:
      'Add {name: "Protected Material Text", source: "Completion", enabled: true, blocking: true} to the RAI policy\'s content filters.',
    appliesTo: ["deployment", "rai-policy"],
    snippet: "compliant-text",
  },
  remediation: { filter: FILTERS.protectedMaterialText, useCases: ["text-generation"] },
  check(subject) {
    const { targets, outcomes } = policyTargets(subject, "text-generation");
    return [
      ...outcomes,
      ...targets.flatMap((t) =>
        requireFilter(subject, t, FILTERS.protectedMaterialText, ["filter"], "Text generation"),
      ),
    ];
  },
  notApplicable: (subject) =>
    useCaseScope(subject, (u) => u.includes("text-generation"), "only text generation needs Protected Material Text"),
};
