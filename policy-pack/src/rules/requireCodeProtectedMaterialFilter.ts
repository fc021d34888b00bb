import { FILTERS, checkFilter } from "../filters";
import { EFFECTIVE } from "../ruleData";
import { policyForUseCase, requireFilter, useCaseScope } from "./common";
import { Rule } from "./types";

const ANNOTATE_HINT =
  " Annotate mode is accepted only when ccc-organization-config.licenceComplianceDeclared is true, because annotated output is covered only if the cited licence is complied with.";

export const requireCodeProtectedMaterialFilter: Rule = {
  meta: {
    id: "ccc-code-protected-material-filter",
    name: "Protected Material Code enabled for code generation",
    description:
      "A code-generation deployment's content filter policy runs Protected Material Code on completions: filter mode, or annotate mode when the organization declares licence compliance.",
    severity: "critical",
    defaultEnforcement: "mandatory",
    cccClause:
      "Code generation: the Protected Material Code model must be configured in annotate or filter mode; in annotate mode the customer must comply with the licence cited in the annotation.",
    effectiveDate: EFFECTIVE.contentFilters,
    remediation:
      'Add {name: "Protected Material Code", source: "Completion", enabled: true, blocking: true}; or keep annotate mode (blocking: false) and set ccc-organization-config.licenceComplianceDeclared once the organization complies with cited licences.',
    docsAnchor: "ccc-code-protected-material-filter",
    appliesTo: ["deployment", "rai-policy"],
  },
  remediation: {
    filter: FILTERS.protectedMaterialCode,
    useCases: ["code-generation"],
    acceptsAnnotate: (settings) => settings.licenceComplianceDeclared,
  },
  check(subject, { settings }) {
    const target = policyForUseCase(subject, "code-generation");
    if ("outcomes" in target) return target.outcomes;
    const spec = FILTERS.protectedMaterialCode;
    if (settings.licenceComplianceDeclared) {
      return requireFilter(subject, target.policy, spec, ["filter", "annotate"], "Code generation");
    }
    const annotateOnly = checkFilter(target.policy, spec, ["annotate"]).state === "ok";
    return requireFilter(
      subject,
      target.policy,
      spec,
      ["filter"],
      "Code generation",
      annotateOnly ? ANNOTATE_HINT : "",
    );
  },
  notApplicable: (subject) =>
    useCaseScope(subject, (u) => u.includes("code-generation"), "only code generation needs Protected Material Code"),
};
