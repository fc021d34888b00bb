import { FILTERS, checkFilter, policyModeKind } from "../../model/filters";
import { quoted } from "../../redact";
import { CLAUSES } from "../../ruleData/clauses";
import { policyLead, policyTargets, subjectLabel, useCaseScope } from "../common";
import { Rule, violation } from "../types";

export const rule: Rule = {
  meta: {
    id: "ccc-code-licence-notice",
    order: 90,
    name: "Licence compliance reminder for annotated or asynchronous code generation",
    description:
      "Advisory: a code-generation deployment relies on the organization's declared licence compliance (Protected Material Code in annotate mode, or the asynchronous filter).",
    severity: "medium",
    defaultEnforcement: "advisory",
    clauses: [CLAUSES.codeProtectedMaterial, CLAUSES.codeAsynchronous],
    remediation:
      "Keep evidence that cited licences are complied with, or switch Protected Material Code to filter mode and the policy to a synchronous mode.",
    appliesTo: ["deployment", "rai-policy"],
    snippet: "compliant-code",
  },
  check(subject, { settings }) {
    if (!settings.licenceComplianceDeclared) return [];
    return policyTargets(subject, "code-generation").targets.flatMap((target) => {
      const { policy } = target;
      const reasons: string[] = [];
      if (checkFilter(policy, FILTERS.protectedMaterialCode, ["annotate"]).state === "ok") {
        reasons.push("has Protected Material Code in annotate mode");
      }
      if (policyModeKind(policy.mode) === "asynchronous") {
        reasons.push(`has mode ${quoted(policy, "mode", policy.mode)} (asynchronous filter)`);
      }
      if (reasons.length === 0) return [];
      return [
        violation(
          `${subjectLabel(subject)}; ${policyLead(subject, target)} ${reasons.join(" and ")}. CCC coverage of that output depends on complying with the licences cited in annotations, as ccc-organization-config.licenceComplianceDeclared states.`,
          "Keep evidence of licence compliance with the evaluation report, or set Protected Material Code to filter mode and the policy mode to Default or Blocking.",
        ),
      ];
    });
  },
  notApplicable: (subject, { settings }) =>
    settings.licenceComplianceDeclared
      ? useCaseScope(subject, (u) => u.includes("code-generation"), "the notice concerns code generation only")
      : "ccc-organization-config.licenceComplianceDeclared is not set",
};
