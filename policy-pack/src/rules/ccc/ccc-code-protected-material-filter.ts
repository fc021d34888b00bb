import { FILTERS, checkFilter } from "../../model/filters";
import { CLAUSES } from "../../ruleData/clauses";
import { policyTargets, requireFilter, useCaseScope } from "../common";
import { Rule } from "../types";

const ANNOTATE_HINT =
  " Annotate mode is accepted only when ccc-organization-config.licenceComplianceDeclared is true, because annotated output is covered only if the cited licence is complied with.";

export const rule: Rule = {
  meta: {
    id: "ccc-code-protected-material-filter",
    order: 70,
    name: "Protected Material Code enabled for code generation",
    description:
      "A code-generation deployment's content filter policy (and that of any deployment it spills over to) runs Protected Material Code on completions: filter mode, or annotate mode when the organization declares licence compliance.",
    severity: "critical",
    defaultEnforcement: "mandatory",
    clauses: [CLAUSES.codeProtectedMaterial],
    remediation:
      'Add {name: "Protected Material Code", source: "Completion", enabled: true, blocking: true}; or keep annotate mode (blocking: false) and set ccc-organization-config.licenceComplianceDeclared once the organization complies with cited licences.',
    appliesTo: ["deployment", "rai-policy"],
    snippet: "compliant-code",
  },
  remediation: {
    filter: FILTERS.protectedMaterialCode,
    useCases: ["code-generation"],
    acceptsAnnotate: (settings) => settings.licenceComplianceDeclared,
  },
  check(subject, { settings }) {
    const { targets, outcomes } = policyTargets(subject, "code-generation");
    const spec = FILTERS.protectedMaterialCode;
    return [
      ...outcomes,
      ...targets.flatMap((target) => {
        if (settings.licenceComplianceDeclared)
          return requireFilter(subject, target, spec, ["filter", "annotate"], "Code generation");
        const annotateOnly = checkFilter(target.policy, spec, ["annotate"]).state === "ok";
        return requireFilter(subject, target, spec, ["filter"], "Code generation", annotateOnly ? ANNOTATE_HINT : "");
      }),
    ];
  },
  notApplicable: (subject) =>
    useCaseScope(subject, (u) => u.includes("code-generation"), "only code generation needs Protected Material Code"),
};
