"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.forbidUncoveredAsynchronousFilter = void 0;
const filters_1 = require("../filters");
const model_1 = require("../model");
const ruleData_1 = require("../ruleData");
const common_1 = require("./common");
const types_1 = require("./types");
exports.forbidUncoveredAsynchronousFilter = {
    meta: {
        id: "ccc-async-filter-coverage",
        name: "No asynchronous filter where flagged output loses coverage",
        description: "A text-generation deployment does not run on an asynchronous (Asynchronous_filter or Deferred) policy; a code-generation deployment does so only with licence compliance declared.",
        severity: "high",
        defaultEnforcement: "mandatory",
        cccClause: "With the asynchronous filter, output flagged afterwards as protected material text is not covered; output flagged afterwards as protected material code is covered only if the customer complies with the cited licence.",
        effectiveDate: ruleData_1.EFFECTIVE.asynchronousFilter,
        remediation: 'Set the RAI policy\'s mode to "Default" or "Blocking"; for code generation only, alternatively set ccc-organization-config.licenceComplianceDeclared.',
        docsAnchor: "ccc-async-filter-coverage",
        appliesTo: ["deployment", "rai-policy"],
    },
    check(subject, { settings }) {
        const outcomes = [];
        for (const useCase of losingCoverage(settings)) {
            const target = (0, common_1.policyForUseCase)(subject, useCase);
            if ("outcomes" in target) {
                outcomes.push(...target.outcomes);
                continue;
            }
            const mode = target.policy.mode;
            if ((0, model_1.isUnknown)(mode)) {
                outcomes.push((0, types_1.undecidable)(mode, `the mode of ${(0, common_1.policyLabel)(target.policy)} is not known yet`));
            }
            else if (typeof mode === "string" && (0, filters_1.isAsynchronousMode)(mode)) {
                const loss = useCase === "text-generation"
                    ? "output flagged afterwards as protected material text is not covered by the CCC"
                    : "output flagged afterwards as protected material code is covered only with licence compliance, which ccc-organization-config does not declare";
                outcomes.push((0, types_1.violation)(`${(0, common_1.subjectLabel)(subject)}; its ${(0, common_1.policyLabel)(target.policy)} has mode "${mode}" (asynchronous filter): ${loss}.`));
            }
        }
        return (0, common_1.dedupeOutcomes)(outcomes);
    },
    notApplicable: (subject, { settings }) => (0, common_1.useCaseScope)(subject, (u) => losingCoverage(settings).some((lost) => u.includes(lost)), "asynchronous filtering loses coverage only for text, and for code without declared licence compliance"),
};
/** The use cases whose output loses CCC coverage under the asynchronous filter, given the org settings. */
function losingCoverage(settings) {
    return settings.licenceComplianceDeclared ? ["text-generation"] : ["text-generation", "code-generation"];
}
