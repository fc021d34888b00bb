"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.noteCodeLicenceCompliance = void 0;
const filters_1 = require("../filters");
const ruleData_1 = require("../ruleData");
const common_1 = require("./common");
const types_1 = require("./types");
exports.noteCodeLicenceCompliance = {
    meta: {
        id: "ccc-code-licence-notice",
        name: "Licence compliance reminder for annotated or asynchronous code generation",
        description: "Advisory: a code-generation deployment relies on the organization's declared licence compliance (Protected Material Code in annotate mode, or the asynchronous filter).",
        severity: "medium",
        defaultEnforcement: "advisory",
        cccClause: "Code generation in annotate mode, or with the asynchronous filter: output is covered only if the customer complies with the licence cited in the annotation.",
        effectiveDate: ruleData_1.EFFECTIVE.asynchronousFilter,
        remediation: "Keep evidence that cited licences are complied with, or switch Protected Material Code to filter mode and the policy to a synchronous mode.",
        docsAnchor: "ccc-code-licence-notice",
        appliesTo: ["deployment", "rai-policy"],
    },
    check(subject, { settings }) {
        if (!settings.licenceComplianceDeclared)
            return [];
        const target = (0, common_1.policyForUseCase)(subject, "code-generation");
        if (!("policy" in target))
            return [];
        const reasons = [];
        if ((0, filters_1.checkFilter)(target.policy, filters_1.FILTERS.protectedMaterialCode, ["annotate"]).state === "ok") {
            reasons.push("Protected Material Code is in annotate mode");
        }
        if (typeof target.policy.mode === "string" && (0, filters_1.isAsynchronousMode)(target.policy.mode)) {
            reasons.push(`the policy mode is "${target.policy.mode}" (asynchronous filter)`);
        }
        if (reasons.length === 0)
            return [];
        return [
            (0, types_1.violation)(`${(0, common_1.subjectLabel)(subject)}; on its ${(0, common_1.policyLabel)(target.policy)} ${reasons.join(" and ")}. CCC coverage of that output depends on complying with the licences cited in annotations, as ccc-organization-config.licenceComplianceDeclared states.`),
        ];
    },
    notApplicable: (subject, { settings }) => settings.licenceComplianceDeclared
        ? (0, common_1.useCaseScope)(subject, (u) => u.includes("code-generation"), "the notice concerns code generation only")
        : "ccc-organization-config.licenceComplianceDeclared is not set",
};
