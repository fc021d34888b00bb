"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseArmId = void 0;
exports.readNativeAccount = readNativeAccount;
exports.readNativeDeployment = readNativeDeployment;
exports.readNativeRaiPolicy = readNativeRaiPolicy;
exports.readNativeSubscriptionRaiPolicy = readNativeSubscriptionRaiPolicy;
exports.emptyAsAbsent = emptyAsAbsent;
const reader_1 = require("./reader");
const common_1 = require("./common");
Object.defineProperty(exports, "parseArmId", { enumerable: true, get: function () { return common_1.parseArmId; } });
/** The account policy API (2025-06-01) has no `action`; the subscription policy API (2025-10-01-preview) has. */
const ACCOUNT_FILTERS = {
    path: ["properties", "contentFilters"],
    enabled: "enabled",
    blocking: "blocking",
    actionHonoured: false,
};
const SUBSCRIPTION_FILTERS = { ...ACCOUNT_FILTERS, actionHonoured: true };
function reader(props, context) {
    return new reader_1.Reader(props, context.taint, [], context.unreadable);
}
function readNativeAccount(ref, props, context) {
    const r = reader(props, context);
    const id = r.string(undefined, "id");
    const name = (0, common_1.either)(r.string("name", "accountName"), () => r.string("name", "name"));
    return {
        ref,
        flavour: "azure-native",
        collection: "accounts",
        name,
        placement: (0, common_1.placement)((0, common_1.subscriptionOf)(id, context), (0, common_1.either)(r.string("resourceGroup", "resourceGroupName"), () => (0, common_1.fromId)(id, (a) => a.resourceGroup)), "resourceGroupName", []),
        kind: r.string("kind", "kind"),
        location: r.string("location", "location"),
        useCases: (0, common_1.useCaseTag)(r),
        evidence: (0, common_1.evidence)(r),
        problems: r.problems,
        secret: r.secret,
    };
}
/** The account and resource group of a child resource: inputs, else its ARM id. */
function childPlacement(r, context) {
    const id = r.string(undefined, "id");
    return (0, common_1.placement)((0, common_1.subscriptionOf)(id, context), (0, common_1.either)(r.string("resourceGroup", "resourceGroupName"), () => (0, common_1.fromId)(id, (a) => a.resourceGroup)), "resourceGroupName", [
        {
            collection: "accounts",
            name: (0, common_1.either)(r.string("accountName", "accountName"), () => (0, common_1.fromId)(id, (a) => (0, common_1.segmentOf)(a, "accounts"))),
            link: "accountName",
        },
    ]);
}
function readNativeDeployment(ref, props, context) {
    const r = reader(props, context);
    const properties = r.raw(["properties"]);
    if (properties !== undefined && properties !== null && typeof properties !== "object")
        r.malformed(["properties"], "an object", properties);
    return {
        ref,
        flavour: "azure-native",
        name: (0, common_1.either)(r.string("name", "deploymentName"), () => r.string("name", "name")),
        placement: childPlacement(r, context),
        raiPolicyName: emptyAsAbsent(r.string("raiPolicyName", "properties", "raiPolicyName")),
        modelName: r.string("modelName", "properties", "model", "name"),
        modelFormat: r.string("modelFormat", "properties", "model", "format"),
        modelVersion: r.string("modelVersion", "properties", "model", "version"),
        capacity: r.count("capacity", 1, "sku", "capacity"),
        skuName: r.string("skuName", "sku", "name"),
        spilloverDeploymentName: emptyAsAbsent(r.string("spilloverDeploymentName", "properties", "spilloverDeploymentName")),
        useCases: (0, common_1.useCaseTag)(r),
        taggable: true,
        evidence: (0, common_1.evidence)(r),
        problems: r.problems,
        policyLink: "properties",
        secret: r.secret,
    };
}
function readNativeRaiPolicy(ref, props, context) {
    const r = reader(props, context);
    return {
        origin: { kind: "stack", ref },
        collection: "raiPolicies",
        actionHonoured: false,
        flavour: "azure-native",
        name: (0, common_1.either)(r.string("name", "raiPolicyName"), () => r.string("name", "name")),
        placement: childPlacement(r, context),
        mode: r.string("mode", "properties", "mode"),
        basePolicyName: r.string("basePolicyName", "properties", "basePolicyName"),
        filters: (0, common_1.readFilters)(r, ACCOUNT_FILTERS),
        useCases: (0, common_1.useCaseTag)(r),
        problems: r.problems,
        secret: r.secret,
    };
}
/** A subscription-scope policy (`/subscriptions/{id}/providers/Microsoft.CognitiveServices/raiPolicy/{name}`). */
function readNativeSubscriptionRaiPolicy(ref, props, context) {
    const r = reader(props, context);
    const id = r.string(undefined, "id");
    return {
        origin: { kind: "stack", ref },
        collection: "raiPolicy",
        actionHonoured: true,
        flavour: "azure-native",
        name: (0, common_1.either)(r.string("name", "raiPolicyName"), () => r.string("name", "name")),
        placement: (0, common_1.placement)((0, common_1.subscriptionOf)(id, context), undefined, "", []),
        mode: r.string("mode", "properties", "mode"),
        basePolicyName: r.string("basePolicyName", "properties", "basePolicyName"),
        filters: (0, common_1.readFilters)(r, SUBSCRIPTION_FILTERS),
        useCases: (0, common_1.useCaseTag)(r),
        problems: r.problems,
        secret: r.secret,
    };
}
/** Azure treats an empty name like an absent one. */
function emptyAsAbsent(v) {
    return typeof v === "string" && v.trim() === "" ? undefined : v;
}
