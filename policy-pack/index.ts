import { PolicyPack } from "@pulumi/policy";
import { cccPolicies } from "./src/api";

// Constructing the pack starts the analyzer's gRPC server; everything testable lives in ./src.
new PolicyPack("azure-openai-ccc", {
  description: "Customer Copyright Commitment (CCC) mitigations for Azure OpenAI content filters.",
  policies: cccPolicies(),
});
