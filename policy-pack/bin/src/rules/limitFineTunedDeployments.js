"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.limitFineTunedDeployments = void 0;
const model_1 = require("../model");
const ruleData_1 = require("../ruleData");
const types_1 = require("./types");
// Stryker disable next-line ConditionalExpression: equivalent, RegExp.test stringifies a non-string, which never matches
const isFineTuned = (model) => typeof model === "string" && ruleData_1.FINE_TUNED_MODEL_PATTERN.test(model);
exports.limitFineTunedDeployments = {
    meta: {
        id: "ccc-fine-tuned-deployment-limit",
        name: "Fine-tuned deployments per account within the approved limit",
        description: "An account holds at most the configured number of fine-tuned model deployments (default: Microsoft's current documented figure).",
        severity: "medium",
        defaultEnforcement: "mandatory",
        cccClause: `Organization approval (not a CCC clause): fine-tuned deployments per resource are limited: ${ruleData_1.FINE_TUNED_DEPLOYMENT_LIMITS.current.perResource} per ${ruleData_1.FINE_TUNED_DEPLOYMENT_LIMITS.current.source} (${ruleData_1.FINE_TUNED_DEPLOYMENT_LIMITS.current.asOf}); the ${ruleData_1.FINE_TUNED_DEPLOYMENT_LIMITS.seed.asOf} applications note gave ${ruleData_1.FINE_TUNED_DEPLOYMENT_LIMITS.seed.defaultPerResource}, up to ${ruleData_1.FINE_TUNED_DEPLOYMENT_LIMITS.seed.maximumAfterRequest} after a request.`,
        remediation: "Remove a fine-tuned deployment from the account, spread them over accounts, or raise maxFineTunedDeploymentsPerAccount to the limit the organization was granted.",
        docsAnchor: "ccc-fine-tuned-deployment-limit",
        appliesTo: ["deployment"],
    },
    configSchema: {
        properties: {
            maxFineTunedDeploymentsPerAccount: {
                type: "integer",
                minimum: 1,
                default: ruleData_1.FINE_TUNED_DEPLOYMENT_LIMITS.current.perResource,
                description: "The organization's approved limit of fine-tuned model deployments per account.",
            },
        },
    },
    check(subject, { config }) {
        if (subject.kind !== "deployment")
            return [];
        const model = subject.deployment.modelName;
        if ((0, model_1.isUnknown)(model))
            return [(0, types_1.undecidable)(model, "the deployment's model is not known yet")];
        if (!isFineTuned(model))
            return [];
        const siblings = subject.accountDeployments();
        if ((0, model_1.isUnknown)(siblings))
            return [(0, types_1.undecidable)(siblings, "the deployment's account is not known yet")];
        const limit = config.maxFineTunedDeploymentsPerAccount ??
            ruleData_1.FINE_TUNED_DEPLOYMENT_LIMITS.current.perResource;
        const fineTuned = siblings.filter((d) => isFineTuned(d.modelName));
        const position = fineTuned.findIndex((d) => d.ref.urn === subject.ref.urn) + 1;
        if (position <= limit)
            return [];
        return [
            (0, types_1.violation)(`Deployment "${subject.ref.name}" is fine-tuned deployment number ${position} on its account (${fineTuned.map((d) => `"${d.ref.name}"`).join(", ")}); the approved limit is ${limit}.`),
        ];
    },
};
