// Demonstrates: a Jailbreak prompt shield that is enabled but not blocking on a text deployment (ccc-jailbreak-filter-mode).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-support-prod", location: "eastus2" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-support-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-support-prod", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/support-bot",
    "ccc-metaprompt-date": "2026-10-11",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/support-bot-2026-10",
    "ccc-evaluation-report-date": "2026-10-25",
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

const policy = new cognitiveservices.RaiPolicy("support-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "support-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      ...harmFilters,
      // Annotate only: jailbreak attempts are detected but reach the model.
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: false },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

new cognitiveservices.Deployment("support-bot", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "o3-mini-support",
  sku: { name: "GlobalStandard", capacity: 40 },
  properties: {
    model: { format: "OpenAI", name: "o3-mini", version: "2025-01-31" },
    raiPolicyName: policy.name,
  },
  tags: { "ccc-use-case": "text-generation" },
});
