"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ADAPTERS = void 0;
exports.unversioned = unversioned;
exports.classify = classify;
exports.readResource = readResource;
const azureClassic_1 = require("./azureClassic");
const azureNative_1 = require("./azureNative");
const foundryHub_1 = require("./foundryHub");
const account = (flavour, read) => ({
    kind: "account",
    flavour,
    read: (r, p, c) => ({ kind: "account", value: read(r, p, c) }),
});
const deployment = (flavour, read) => ({
    kind: "deployment",
    flavour,
    read: (r, p, c) => {
        const value = read(r, p, c);
        return value && { kind: "deployment", value };
    },
});
const policy = (flavour, read) => ({
    kind: "rai-policy",
    flavour,
    read: (r, p, c) => ({ kind: "rai-policy", value: read(r, p, c) }),
});
/** Type tokens, without a version segment (`azure-native:cognitiveservices/v20241001:Account` reads as unversioned). */
exports.ADAPTERS = {
    "azure-native:cognitiveservices:Account": account("azure-native", azureNative_1.readNativeAccount),
    "azure-native:cognitiveservices:Deployment": deployment("azure-native", azureNative_1.readNativeDeployment),
    "azure-native:cognitiveservices:RaiPolicy": policy("azure-native", azureNative_1.readNativeRaiPolicy),
    "azure-native:cognitiveservices:SubscriptionRaiPolicy": policy("azure-native", azureNative_1.readNativeSubscriptionRaiPolicy),
    "azure-native:machinelearningservices:Workspace": account("foundry-hub", foundryHub_1.readHubWorkspace),
    "azure-native:machinelearningservices:EndpointDeployment": deployment("foundry-hub", (r, p, c) => (0, foundryHub_1.isHubOpenAiDeployment)(p, c) ? (0, foundryHub_1.readHubDeployment)(r, p, c, "endpoints") : undefined),
    "azure-native:machinelearningservices:ConnectionDeployment": deployment("foundry-hub", (r, p, c) => (0, foundryHub_1.isHubOpenAiDeployment)(p, c) ? (0, foundryHub_1.readHubDeployment)(r, p, c, "connections") : undefined),
    "azure-native:machinelearningservices:RaiPolicy": policy("foundry-hub", (r, p, c) => (0, foundryHub_1.readHubRaiPolicy)(r, p, c, "endpoints")),
    "azure-native:machinelearningservices:ConnectionRaiPolicy": policy("foundry-hub", (r, p, c) => (0, foundryHub_1.readHubRaiPolicy)(r, p, c, "connections")),
    "azure:cognitive/account:Account": account("classic", (r, p, c) => (0, azureClassic_1.readClassicAccount)(r, p, c)),
    "azure:cognitive/aIServices:AIServices": account("classic", (r, p, c) => (0, azureClassic_1.readClassicAccount)(r, p, c, "AIServices")),
    "azure:cognitive/deployment:Deployment": deployment("classic", azureClassic_1.readClassicDeployment),
    "azure:cognitive/accountRaiPolicy:AccountRaiPolicy": policy("classic", azureClassic_1.readClassicRaiPolicy),
};
/** `azure-native:cognitiveservices/v20241001:Account` → `azure-native:cognitiveservices:Account`. */
function unversioned(type) {
    return type.replace(/^(azure-native:[a-z0-9]+)\/v[0-9a-z]+:/i, "$1:");
}
/** The model kind and provider family for a type token, or undefined for types the pack does not read. */
function classify(type) {
    const adapter = exports.ADAPTERS[unversioned(type)];
    return adapter && { kind: adapter.kind, flavour: adapter.flavour };
}
function readResource(ref, props, context = {}) {
    return exports.ADAPTERS[unversioned(ref.type)]?.read(ref, props, context);
}
