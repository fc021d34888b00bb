"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const policy_1 = require("@pulumi/policy");
const api_1 = require("./src/api");
// Constructing the pack starts the analyzer's gRPC server; everything testable lives in ./src.
new policy_1.PolicyPack("azure-openai-ccc", {
    description: "Customer Copyright Commitment (CCC) mitigations for Azure OpenAI content filters.",
    policies: (0, api_1.cccPolicies)(),
});
