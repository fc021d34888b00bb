"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireTextProtectedMaterialFilter = void 0;
const filters_1 = require("../filters");
const ruleData_1 = require("../ruleData");
const common_1 = require("./common");
exports.requireTextProtectedMaterialFilter = {
    meta: {
        id: "ccc-text-protected-material-filter",
        name: "Protected Material Text in filter mode for text generation",
        description: "A text-generation deployment's content filter policy blocks protected material text on completions.",
        severity: "critical",
        defaultEnforcement: "mandatory",
        cccClause: "Text generation (journalistic content, writing assistance, open text generation): the Protected Material Text model must be configured in filter mode.",
        effectiveDate: ruleData_1.EFFECTIVE.contentFilters,
        remediation: 'Add {name: "Protected Material Text", source: "Completion", enabled: true, blocking: true} to the RAI policy\'s contentFilters.',
        docsAnchor: "ccc-text-protected-material-filter",
        appliesTo: ["deployment", "rai-policy"],
    },
    remediation: { filter: filters_1.FILTERS.protectedMaterialText, useCases: ["text-generation"] },
    check(subject) {
        const target = (0, common_1.policyForUseCase)(subject, "text-generation");
        if ("outcomes" in target)
            return target.outcomes;
        return (0, common_1.requireFilter)(subject, target.policy, filters_1.FILTERS.protectedMaterialText, ["filter"], "Text generation");
    },
    notApplicable: (subject) => (0, common_1.useCaseScope)(subject, (u) => u.includes("text-generation"), "only text generation needs Protected Material Text"),
};
