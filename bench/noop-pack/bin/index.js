// A no-op policy pack with the same runtime as azure-openai-ccc: the baseline for start-up and throughput.
// Plain JavaScript in bin/, as the pack's build output is, so neither compiles TypeScript when it starts.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("noop", {
  policies: [{ name: "noop", description: "no-op", enforcementLevel: "advisory", validateResource: () => {} }],
});
