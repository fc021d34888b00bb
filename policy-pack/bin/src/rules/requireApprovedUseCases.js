"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireApprovedUseCases = void 0;
const model_1 = require("../model");
const types_1 = require("./types");
exports.requireApprovedUseCases = {
    meta: {
        id: "ccc-approved-use-cases",
        name: "Use cases the organization is approved for",
        description: "A deployment declares only use cases the organization's Azure OpenAI access was approved for; an extra use case needs its own approval.",
        severity: "high",
        defaultEnforcement: "mandatory",
        cccClause: "Organization approval (not a CCC clause): access to Azure OpenAI is approved per subscription for the use cases applied for.",
        remediation: "Apply for the extra use case and add it to this rule's approvedUseCases, or change the deployment's ccc-use-case tag.",
        docsAnchor: "ccc-approved-use-cases",
        appliesTo: ["deployment"],
    },
    configSchema: {
        properties: {
            approvedUseCases: {
                type: "array",
                items: { type: "string", enum: [...model_1.USE_CASES] },
                default: [...model_1.USE_CASES],
                description: "Use cases the organization is approved for. The default allows every use case.",
            },
        },
    },
    check(subject, { config }) {
        if (subject.kind !== "deployment" || subject.useCases.kind !== "known")
            return [];
        const approved = config.approvedUseCases ?? [...model_1.USE_CASES];
        const extra = subject.useCases.values.filter((u) => !approved.includes(u));
        if (extra.length === 0)
            return [];
        return [
            (0, types_1.violation)(`Deployment "${subject.ref.name}" declares ${extra.join(", ")}, which the organization is not approved for (approved: ${approved.join(", ") || "none"}). Each extra use case needs its own approval.`),
        ];
    },
};
