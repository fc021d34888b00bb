"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireVerifiableRaiPolicy = void 0;
const ruleData_1 = require("../ruleData");
const types_1 = require("./types");
exports.requireVerifiableRaiPolicy = {
    meta: {
        id: "ccc-verifiable-rai-policy",
        name: "Content filter policy defined in the stack or declared in config",
        description: "The RAI policy a deployment names is defined in the same stack, or listed with its filters in ccc-organization-config.externalRaiPolicies.",
        severity: "critical",
        defaultEnforcement: "mandatory",
        cccClause: "The required content filters must be in place on the deployment that delivers the output.",
        effectiveDate: ruleData_1.EFFECTIVE.contentFilters,
        remediation: "Define the RaiPolicy in this stack and reference it (raiPolicyName: policy.name, which also orders creation); or list it under ccc-organization-config.externalRaiPolicies with its content filters.",
        docsAnchor: "ccc-verifiable-rai-policy",
        appliesTo: ["deployment"],
    },
    check(subject) {
        // Stryker disable next-line ConditionalExpression: equivalent, other subjects' policies carry no resolution kind
        if (subject.kind !== "deployment")
            return [];
        // Whatever the use case, a policy that cannot be identified yet is not a pass.
        if (subject.policy.kind === "undecidable")
            return [(0, types_1.undecidable)(subject.policy.unknown, subject.policy.why)];
        if (subject.policy.kind !== "unresolved")
            return [];
        return [
            (0, types_1.violation)(`Deployment "${subject.ref.name}" names RAI policy "${subject.policy.name}", which cannot be verified: it is not defined in this stack (or not registered before the deployment), and ccc-organization-config.externalRaiPolicies does not list it. Define it in the stack and reference it with raiPolicyName: policy.name, or declare it and its filters in externalRaiPolicies.`),
        ];
    },
    notApplicable: (subject) => 
    // Stryker disable next-line ConditionalExpression: equivalent, other subjects' policies carry no resolution kind
    subject.kind === "deployment" &&
        (subject.policy.kind === "service-default" || subject.policy.kind === "microsoft-managed")
        ? "the deployment names no policy of its own (see ccc-explicit-rai-policy)"
        : undefined,
};
