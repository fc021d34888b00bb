"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readClassicAccount = readClassicAccount;
exports.readClassicDeployment = readClassicDeployment;
exports.readClassicRaiPolicy = readClassicRaiPolicy;
const reader_1 = require("./reader");
const common_1 = require("./common");
const azureNative_1 = require("./azureNative");
const FILTERS = { path: ["contentFilters"], enabled: "filterEnabled", blocking: "blockEnabled", actionHonoured: false };
function reader(props, context) {
    return new reader_1.Reader(props, context.taint, [], context.unreadable);
}
/** `azure:cognitive/account:Account` and `azure:cognitive/aIServices:AIServices` (whose kind is AIServices). */
function readClassicAccount(ref, props, context, fixedKind) {
    const r = reader(props, context);
    const id = r.string(undefined, "id");
    return {
        ref,
        flavour: "classic",
        collection: "accounts",
        name: r.string("name", "name"),
        placement: (0, common_1.placement)((0, common_1.subscriptionOf)(id, context), r.string("resourceGroup", "resourceGroupName"), "resourceGroupName", []),
        kind: fixedKind ?? r.string("kind", "kind"),
        location: r.string("location", "location"),
        useCases: (0, common_1.useCaseTag)(r),
        evidence: (0, common_1.evidence)(r),
        problems: r.problems,
        secret: r.secret,
    };
}
/** The account a child names by ARM id: subscription, resource group and account all come from it. */
function accountPlacement(r, context) {
    const accountId = r.string("accountName", "cognitiveAccountId");
    if (r.secret.has("accountName"))
        r.secret.add("resourceGroup");
    return (0, common_1.placement)((0, common_1.subscriptionOf)(accountId, context), (0, common_1.fromId)(accountId, (a) => a.resourceGroup), "cognitiveAccountId", [{ collection: "accounts", name: (0, common_1.fromId)(accountId, (a) => (0, common_1.segmentOf)(a, "accounts")), link: "cognitiveAccountId" }]);
}
function readClassicDeployment(ref, props, context) {
    const r = reader(props, context);
    return {
        ref,
        flavour: "classic",
        name: r.string("name", "name"),
        placement: accountPlacement(r, context),
        raiPolicyName: (0, azureNative_1.emptyAsAbsent)(r.string("raiPolicyName", "raiPolicyName")),
        modelName: r.string("modelName", "model", "name"),
        modelFormat: r.string("modelFormat", "model", "format"),
        modelVersion: r.string("modelVersion", "model", "version"),
        capacity: r.count("capacity", 1, "sku", "capacity"),
        skuName: r.string("skuName", "sku", "name"),
        spilloverDeploymentName: undefined,
        useCases: { raw: undefined, values: [], invalid: [], secret: false },
        taggable: false,
        evidence: (0, common_1.evidence)(r),
        problems: r.problems,
        policyLink: "raiPolicyName",
        secret: r.secret,
    };
}
function readClassicRaiPolicy(ref, props, context) {
    const r = reader(props, context);
    return {
        origin: { kind: "stack", ref },
        collection: "raiPolicies",
        actionHonoured: false,
        flavour: "classic",
        name: r.string("name", "name"),
        placement: accountPlacement(r, context),
        mode: r.string("mode", "mode"),
        basePolicyName: r.string("basePolicyName", "basePolicyName"),
        filters: (0, common_1.readFilters)(r, FILTERS),
        useCases: (0, common_1.useCaseTag)(r),
        problems: r.problems,
        secret: r.secret,
    };
}
