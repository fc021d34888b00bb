import { FILTERS, checkFilter, isAsynchronousMode } from "../filters";
import { EFFECTIVE } from "../ruleData";
import { policyForUseCase, policyLabel, subjectLabel, useCaseScope } from "./common";
import { Rule, violation } from "./types";

export const noteCodeLicenceCompliance: Rule = {
  meta: {
    id: "ccc-code-licence-notice",
    name: "Licence compliance reminder for annotated or asynchronous code generation",
    description:
      "Advisory: a code-generation deployment relies on the organization's declared licence compliance (Protected Material Code in annotate mode, or the asynchronous filter).",
    severity: "medium",
    defaultEnforcement: "advisory",
    cccClause:
      "Code generation in annotate mode, or with the asynchronous filter: output is covered only if the customer complies with the licence cited in the annotation.",
    effectiveDate: EFFECTIVE.asynchronousFilter,
    remediation:
      "Keep evidence that cited licences are complied with, or switch Protected Material Code to filter mode and the policy to a synchronous mode.",
    docsAnchor: "ccc-code-licence-notice",
    appliesTo: ["deployment", "rai-policy"],
  },
  check(subject, { settings }) {
    if (!settings.licenceComplianceDeclared) return [];
    const target = policyForUseCase(subject, "code-generation");
    if (!("policy" in target)) return [];
    const reasons: string[] = [];
    if (checkFilter(target.policy, FILTERS.protectedMaterialCode, ["annotate"]).state === "ok") {
      reasons.push("Protected Material Code is in annotate mode");
    }
    if (typeof target.policy.mode === "string" && isAsynchronousMode(target.policy.mode)) {
      reasons.push(`the policy mode is "${target.policy.mode}" (asynchronous filter)`);
    }
    if (reasons.length === 0) return [];
    return [
      violation(
        `${subjectLabel(subject)}; on its ${policyLabel(target.policy)} ${reasons.join(" and ")}. CCC coverage of that output depends on complying with the licences cited in annotations, as ccc-organization-config.licenceComplianceDeclared states.`,
      ),
    ];
  },
  notApplicable: (subject, { settings }) =>
    settings.licenceComplianceDeclared
      ? useCaseScope(subject, (u) => u.includes("code-generation"), "the notice concerns code generation only")
      : "ccc-organization-config.licenceComplianceDeclared is not set",
};
