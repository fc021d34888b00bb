// Demonstrates: Protected Material Code in annotate mode without declared licence compliance (ccc-code-protected-material-filter).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-codegen-dev", location: "eastus2" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-codegen-dev",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-codegen-dev", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/codegen",
    "ccc-metaprompt-date": "2026-10-06",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/codegen-2026-10",
    "ccc-evaluation-report-date": "2026-10-17",
  },
});

// Hate, Sexual, Violence and Selfharm at Medium on prompts and completions, in filter mode.
const harmFilters = ["Hate", "Sexual", "Violence", "Selfharm"].flatMap((name) =>
  ["Prompt", "Completion"].map((source) => ({
    name,
    source,
    enabled: true,
    blocking: true,
    severityThreshold: "Medium",
  })),
);

const policy = new cognitiveservices.RaiPolicy("code-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "codegen-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      ...harmFilters,
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      // Annotate mode, but the pack config does not declare licence compliance.
      { name: "Protected Material Code", source: "Completion", enabled: true, blocking: false },
    ],
  },
});

new cognitiveservices.Deployment("codegen", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-41-codegen",
  sku: { name: "GlobalStandard", capacity: 80 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4.1", version: "2025-04-14" },
    raiPolicyName: policy.name,
  },
  tags: { "ccc-use-case": "code-generation" },
});
