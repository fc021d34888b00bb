"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireCodeProtectedMaterialFilter = void 0;
const filters_1 = require("../filters");
const ruleData_1 = require("../ruleData");
const common_1 = require("./common");
const ANNOTATE_HINT = " Annotate mode is accepted only when ccc-organization-config.licenceComplianceDeclared is true, because annotated output is covered only if the cited licence is complied with.";
exports.requireCodeProtectedMaterialFilter = {
    meta: {
        id: "ccc-code-protected-material-filter",
        name: "Protected Material Code enabled for code generation",
        description: "A code-generation deployment's content filter policy runs Protected Material Code on completions: filter mode, or annotate mode when the organization declares licence compliance.",
        severity: "critical",
        defaultEnforcement: "mandatory",
        cccClause: "Code generation: the Protected Material Code model must be configured in annotate or filter mode; in annotate mode the customer must comply with the licence cited in the annotation.",
        effectiveDate: ruleData_1.EFFECTIVE.contentFilters,
        remediation: 'Add {name: "Protected Material Code", source: "Completion", enabled: true, blocking: true}; or keep annotate mode (blocking: false) and set ccc-organization-config.licenceComplianceDeclared once the organization complies with cited licences.',
        docsAnchor: "ccc-code-protected-material-filter",
        appliesTo: ["deployment", "rai-policy"],
    },
    remediation: {
        filter: filters_1.FILTERS.protectedMaterialCode,
        useCases: ["code-generation"],
        acceptsAnnotate: (settings) => settings.licenceComplianceDeclared,
    },
    check(subject, { settings }) {
        const target = (0, common_1.policyForUseCase)(subject, "code-generation");
        if ("outcomes" in target)
            return target.outcomes;
        const spec = filters_1.FILTERS.protectedMaterialCode;
        if (settings.licenceComplianceDeclared) {
            return (0, common_1.requireFilter)(subject, target.policy, spec, ["filter", "annotate"], "Code generation");
        }
        const annotateOnly = (0, filters_1.checkFilter)(target.policy, spec, ["annotate"]).state === "ok";
        return (0, common_1.requireFilter)(subject, target.policy, spec, ["filter"], "Code generation", annotateOnly ? ANNOTATE_HINT : "");
    },
    notApplicable: (subject) => (0, common_1.useCaseScope)(subject, (u) => u.includes("code-generation"), "only code generation needs Protected Material Code"),
};
