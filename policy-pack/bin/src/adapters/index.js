"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.classify = classify;
exports.resourceKind = resourceKind;
exports.readResource = readResource;
const azureClassic_1 = require("./azureClassic");
const azureNative_1 = require("./azureNative");
const NATIVE = /^azure-native:cognitiveservices(?:\/v[0-9a-z]+)?:(Account|Deployment|RaiPolicy)$/;
const CLASSIC = /^azure:cognitive\/(account|accountRaiPolicy|deployment):(Account|AccountRaiPolicy|Deployment)$/;
const KINDS = {
    Account: "account",
    Deployment: "deployment",
    RaiPolicy: "rai-policy",
    AccountRaiPolicy: "rai-policy",
};
/** The model kind and provider for a type token, or undefined for types the pack does not model. */
function classify(type) {
    const native = NATIVE.exec(type);
    if (native)
        return { kind: KINDS[native[1]], classic: false };
    const classic = CLASSIC.exec(type);
    return classic ? { kind: KINDS[classic[2]], classic: true } : undefined;
}
function resourceKind(type) {
    return classify(type)?.kind;
}
function readResource(ref, props) {
    const c = classify(ref.type);
    if (!c)
        return undefined;
    const native = c.classic ? (0, azureClassic_1.classicToNative)(c.kind, props) : props;
    if (c.kind === "account")
        return { kind: c.kind, value: (0, azureNative_1.readAccount)(ref, native) };
    if (c.kind === "rai-policy") {
        const policy = (0, azureNative_1.readRaiPolicy)(ref, native);
        return { kind: c.kind, value: c.classic ? { ...policy, accountLink: "cognitiveAccountId" } : policy };
    }
    const deployment = (0, azureNative_1.readDeployment)(ref, native);
    const links = c.classic ? { account: "cognitiveAccountId", policy: "raiPolicyName" } : deployment.links;
    return { kind: c.kind, value: { ...deployment, links } };
}
