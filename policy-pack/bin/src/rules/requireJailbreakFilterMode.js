"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireJailbreakFilterMode = void 0;
const filters_1 = require("../filters");
const ruleData_1 = require("../ruleData");
const common_1 = require("./common");
exports.requireJailbreakFilterMode = {
    meta: {
        id: "ccc-jailbreak-filter-mode",
        name: "Jailbreak prompt shield in filter mode for text and code generation",
        description: "A text- or code-generation deployment's content filter policy blocks jailbreak attacks on prompts.",
        severity: "critical",
        defaultEnforcement: "mandatory",
        cccClause: "Text generation and code generation: the Jailbreak model (prompt shield for jailbreak attacks) must be configured in filter mode.",
        effectiveDate: ruleData_1.EFFECTIVE.contentFilters,
        remediation: 'Add {name: "Jailbreak", source: "Prompt", enabled: true, blocking: true} to the RAI policy\'s contentFilters.',
        docsAnchor: "ccc-jailbreak-filter-mode",
        appliesTo: ["deployment", "rai-policy"],
    },
    remediation: { filter: filters_1.FILTERS.jailbreak, useCases: ["text-generation", "code-generation"] },
    check(subject) {
        // Text and code need the same filter: check the policy once, naming the use cases that need it.
        const deferred = [];
        const applying = [];
        let policy;
        for (const useCase of ["text-generation", "code-generation"]) {
            const target = (0, common_1.policyForUseCase)(subject, useCase);
            if ("outcomes" in target)
                deferred.push(...target.outcomes);
            else {
                applying.push(useCase);
                policy = target.policy;
            }
        }
        if (policy === undefined)
            return (0, common_1.dedupeOutcomes)(deferred);
        const because = applying.length === 2 ? "Text and code generation" : BECAUSE[applying[0]];
        return (0, common_1.requireFilter)(subject, policy, filters_1.FILTERS.jailbreak, ["filter"], because);
    },
    notApplicable: (subject) => (0, common_1.useCaseScope)(subject, common_1.servesTextOrCode, "only text and code generation need the Jailbreak filter"),
};
const BECAUSE = { "text-generation": "Text generation", "code-generation": "Code generation" };
