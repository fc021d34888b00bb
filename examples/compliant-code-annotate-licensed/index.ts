// Demonstrates: Protected Material Code in annotate mode, accepted because the pack config declares licence compliance.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-copilot-prod", location: "eastus2" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-copilot-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-copilot-prod", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/copilot-v5",
    "ccc-metaprompt-date": "2026-10-09",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/copilot-2026-10",
    "ccc-evaluation-report-date": "2026-10-21",
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
  raiPolicyName: "copilot-ccc-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      ...harmFilters,
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      // Annotate mode: code matching public repositories is returned with its licence citation.
      { name: "Protected Material Code", source: "Completion", enabled: true, blocking: false },
    ],
  },
});

new cognitiveservices.Deployment("copilot", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-41-copilot",
  sku: { name: "GlobalStandard", capacity: 150 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4.1", version: "2025-04-14" },
    raiPolicyName: policy.name,
  },
  tags: { "ccc-use-case": "code-generation" },
});
