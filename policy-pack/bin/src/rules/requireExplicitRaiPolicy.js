"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireExplicitRaiPolicy = void 0;
const ruleData_1 = require("../ruleData");
const common_1 = require("./common");
const types_1 = require("./types");
exports.requireExplicitRaiPolicy = {
    meta: {
        id: "ccc-explicit-rai-policy",
        name: "Explicit content filter policy",
        description: "A text- or code-generation deployment names a content filter (RAI) policy whose filters can be checked, not the service default or a Microsoft-managed policy.",
        severity: "critical",
        defaultEnforcement: "mandatory",
        cccClause: "The Protected Material and Jailbreak models must be configured in the required mode; Microsoft does not publish whether its default policies block or only annotate, so they cannot be shown to comply.",
        effectiveDate: ruleData_1.EFFECTIVE.contentFilters,
        remediation: "Create an azure-native cognitiveservices.RaiPolicy in the stack with the required filters and set the deployment's properties.raiPolicyName to it (raiPolicyName: policy.name).",
        docsAnchor: "ccc-explicit-rai-policy",
        appliesTo: ["deployment"],
    },
    check(subject, { settings }) {
        if (subject.kind !== "deployment" || subject.useCases.kind !== "known")
            return [];
        if (!(0, common_1.servesTextOrCode)(subject.useCases.values))
            return [];
        const resolution = subject.policy;
        if (resolution.kind !== "service-default" && resolution.kind !== "microsoft-managed")
            return [];
        const which = resolution.kind === "service-default"
            ? "sets no properties.raiPolicyName, so it runs on the service's default policy"
            : `names the Microsoft-managed policy "${resolution.name}"`;
        const name = resolution.kind === "microsoft-managed" ? resolution.name.toLowerCase() : undefined;
        const fact = ruleData_1.DEFAULT_POLICY_FACTS.find((f) => f.policyName.toLowerCase() === name);
        if (settings.acceptMicrosoftDefaultPolicy && fact)
            return [];
        const accepted = settings.acceptMicrosoftDefaultPolicy
            ? " ccc-organization-config.acceptMicrosoftDefaultPolicy is set, but the rule data holds no sourced fact that this policy blocks protected material and jailbreaks."
            : "";
        return [
            (0, types_1.violation)(`${(0, common_1.subjectLabel)(subject)} and ${which}. Microsoft does not document whether that policy blocks or only annotates protected material and jailbreaks, so CCC compliance cannot be shown.${accepted} Attach an explicit RAI policy: create a cognitiveservices.RaiPolicy with the required filters and set properties.raiPolicyName: policy.name.`),
        ];
    },
    notApplicable: (subject) => (0, common_1.useCaseScope)(subject, common_1.servesTextOrCode, "only text and code generation need an explicit policy", {
        needsPolicy: false,
    }),
};
