"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireApprovedCapacity = void 0;
const model_1 = require("../model");
const ruleData_1 = require("../ruleData");
const types_1 = require("./types");
/** Azure's default when a deployment sets no sku.capacity is one unit. */
const DEFAULT_CAPACITY = 1;
function tokensPerMinute(model, units) {
    const perUnit = ruleData_1.TOKENS_PER_CAPACITY_UNIT.byModel[model.toLowerCase()] ?? ruleData_1.TOKENS_PER_CAPACITY_UNIT.default;
    return `${(units * perUnit).toLocaleString("en-US")} tokens per minute at ${perUnit.toLocaleString("en-US")} per unit`;
}
exports.requireApprovedCapacity = {
    meta: {
        id: "ccc-approved-capacity",
        name: "Capacity within the approved quota",
        description: "The sum of sku.capacity per model on an account stays within the organization's approved quota for that model, in capacity units.",
        severity: "medium",
        defaultEnforcement: "mandatory",
        cccClause: "Organization approval (not a CCC clause): quota is granted per model; an increase needs a request, and a deployment above it fails at apply time.",
        remediation: "Lower sku.capacity, or request a quota increase and raise this rule's approvedCapacity for the model.",
        docsAnchor: "ccc-approved-capacity",
        appliesTo: ["deployment"],
    },
    configSchema: {
        properties: {
            approvedCapacity: {
                type: "object",
                additionalProperties: { type: "integer", minimum: 0 },
                default: {},
                description: "Approved capacity per model name, in sku.capacity units (1 unit = 1,000 tokens per minute for most models, 6,000 for o1, 10,000 for o1-mini, o3-mini and o3-pro). Empty: the rule is inactive.",
            },
            scope: {
                type: "string",
                enum: ["account", "region"],
                default: "account",
                description: 'Where capacity adds up: per account, or per Azure region across the stack\'s accounts ("region", for quota granted per subscription and region; the stack is taken as one subscription).',
            },
        },
    },
    check(subject, { config }) {
        if (subject.kind !== "deployment")
            return [];
        const approved = (config.approvedCapacity ?? {});
        if (Object.keys(approved).length === 0)
            return [];
        const model = subject.deployment.modelName;
        if ((0, model_1.isUnknown)(model))
            return [(0, types_1.undecidable)(model, "the deployment's model is not known yet")];
        if (model === undefined)
            return [];
        const limitKey = Object.keys(approved).find((k) => k.toLowerCase() === model.toLowerCase());
        if (limitKey === undefined) {
            return [
                (0, types_1.violation)(`Deployment "${subject.ref.name}" uses model ${model}, which has no approved capacity (approved: ${Object.keys(approved).join(", ")}).`),
            ];
        }
        const perRegion = config.scope === "region";
        const siblings = perRegion ? subject.regionDeployments() : subject.accountDeployments();
        if ((0, model_1.isUnknown)(siblings)) {
            return [(0, types_1.undecidable)(siblings, `the deployment's ${perRegion ? "region" : "account"} is not known yet`)];
        }
        // Deployments count in registration order: the one that takes the sum over the quota, and any after it,
        // violate, so the verdict at resource level (while registering) and at stack level agree.
        const sameModel = siblings.filter((d) => typeof d.modelName === "string" && d.modelName.toLowerCase() === model.toLowerCase());
        const upToThis = sameModel.slice(0, sameModel.findIndex((d) => d.ref.urn === subject.ref.urn) + 1);
        let total = 0;
        for (const d of upToThis) {
            if ((0, model_1.isUnknown)(d.capacity)) {
                return [(0, types_1.undecidable)(d.capacity, `the capacity of deployment "${d.ref.name}" is not known yet`)];
            }
            total += d.capacity ?? DEFAULT_CAPACITY;
        }
        const limit = approved[limitKey];
        if (total <= limit)
            return [];
        const location = subject.account?.location;
        const account = perRegion
            ? typeof location === "string"
                ? ` in region ${location}`
                : " in its region"
            : typeof subject.deployment.accountName === "string"
                ? ` on account "${subject.deployment.accountName}"`
                : "";
        return [
            (0, types_1.violation)(`Deployments of ${model}${account} (${upToThis.map((d) => `"${d.ref.name}"`).join(", ")}) add up to ${total} capacity units (${tokensPerMinute(model, total)}), above the approved ${limit} units.`),
        ];
    },
};
