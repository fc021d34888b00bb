// Demonstrates: community-style lower-case filter names are understood, but "jailbreak" on Completion does not count (ccc-jailbreak-filter-mode).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-community-dev", location: "eastus2" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-community-dev",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-community-dev", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/community-chat",
    "ccc-metaprompt-date": "2026-10-12",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/community-chat-2026-10",
    "ccc-evaluation-report-date": "2026-10-30",
  },
});

// Filter names as many community samples write them; the pack compares names case- and separator-insensitively.
const policy = new cognitiveservices.RaiPolicy("community-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "community-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Default",
    contentFilters: [
      { name: "hate", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Medium" },
      { name: "hate", source: "Completion", enabled: true, blocking: true, severityThreshold: "Medium" },
      { name: "sexual", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Medium" },
      { name: "sexual", source: "Completion", enabled: true, blocking: true, severityThreshold: "Medium" },
      { name: "violence", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Medium" },
      { name: "violence", source: "Completion", enabled: true, blocking: true, severityThreshold: "Medium" },
      { name: "selfharm", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Medium" },
      { name: "selfharm", source: "Completion", enabled: true, blocking: true, severityThreshold: "Medium" },
      { name: "protected_material_text", source: "Completion", enabled: true, blocking: true },
      // Wrong source: the jailbreak prompt shield only counts on "Prompt".
      { name: "jailbreak", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

new cognitiveservices.Deployment("community-chat", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-community",
  sku: { name: "Standard", capacity: 10 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: policy.name,
  },
  tags: { "ccc-use-case": "text-generation" },
});
