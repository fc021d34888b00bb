"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireDeclaredUseCase = void 0;
const model_1 = require("../model");
const ruleData_1 = require("../ruleData");
const useCases_1 = require("../useCases");
const common_1 = require("./common");
const types_1 = require("./types");
exports.requireDeclaredUseCase = {
    meta: {
        id: "ccc-use-case-declared",
        name: "Declared use case",
        description: `Every deployment declares its use cases with the "${useCases_1.USE_CASE_TAG}" tag (on the deployment, its RAI policy or its account), and every tag value is one the pack knows.`,
        severity: "high",
        defaultEnforcement: "mandatory",
        cccClause: "The required mitigations depend on the use case; image generation, Whisper (speech) and other use cases add no filter requirement but must still be identified.",
        effectiveDate: ruleData_1.EFFECTIVE.contentFilters,
        remediation: `Tag the deployment (or its account, as a default) with ${useCases_1.USE_CASE_TAG}: a comma-separated list of ${useCases_1.ALLOWED_USE_CASES_TEXT}; or set ccc-organization-config.defaultUseCases.`,
        docsAnchor: "ccc-use-case-declared",
        appliesTo: ["deployment", "rai-policy", "account"],
    },
    check(subject) {
        const outcomes = [];
        const tag = (0, common_1.subjectResource)(subject).useCases;
        if (tag.invalid.length > 0) {
            outcomes.push((0, types_1.violation)(`The ${useCases_1.USE_CASE_TAG} tag of "${subject.ref.name}" has ${tag.invalid.map((v) => `"${v}"`).join(", ")}, which is not a use case. Allowed values: ${useCases_1.ALLOWED_USE_CASES_TEXT}.`));
        }
        if (subject.kind !== "deployment") {
            if ((0, model_1.isUnknown)(tag.raw))
                outcomes.push((0, types_1.undecidable)(tag.raw, `the ${useCases_1.USE_CASE_TAG} tag is not known yet`));
            return outcomes;
        }
        if (subject.useCases.kind === "undecidable") {
            outcomes.push((0, types_1.undecidable)(subject.useCases.unknown, subject.useCases.why));
        }
        else if (subject.useCases.values.length === 0) {
            outcomes.push((0, types_1.violation)(`Deployment "${subject.ref.name}" declares no use case: no valid ${useCases_1.USE_CASE_TAG} tag on the deployment, its RAI policy or its account, and ccc-organization-config.defaultUseCases is empty. The CCC mitigations depend on the use case, so the deployment cannot be checked. Tag it with ${useCases_1.ALLOWED_USE_CASES_TEXT}.`));
        }
        return outcomes;
    },
};
