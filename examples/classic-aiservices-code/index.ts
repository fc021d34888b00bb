// Demonstrates: a classic azure.cognitive.AIServices account (kind AIServices) hosting an Azure OpenAI code-generation deployment
// The classic provider has no tags on deployments, so the use case is declared on the account.
import * as cognitive from "@pulumi/azure/cognitive";
import * as core from "@pulumi/azure/core";

const rg = new core.ResourceGroup("rg", { name: "rg-chat-classic", location: "swedencentral" });

const account = new cognitive.AIServices("openai", {
  name: "oai-chat-classic",
  resourceGroupName: rg.name,
  location: rg.location,
  skuName: "S0",
  customSubdomainName: "oai-chat-classic",
  tags: {
    "ccc-use-case": "code-generation",
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/chat-copyright-v3",
    "ccc-metaprompt-date": "2026-10-12",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/chat-2026-10",
    "ccc-evaluation-report-date": "2026-10-20",
  },
});

const harmFilters = ["Hate", "Sexual", "Violence", "Selfharm"].flatMap((name) =>
  ["Prompt", "Completion"].map((source) => ({
    name,
    source,
    filterEnabled: true,
    blockEnabled: true,
    severityThreshold: "Medium",
  })),
);

const policy = new cognitive.AccountRaiPolicy("chat-filter", {
  name: "chat-ccc-filter",
  cognitiveAccountId: account.id,
  basePolicyName: "Microsoft.Default",
  contentFilters: [
    ...harmFilters,
    { name: "Jailbreak", source: "Prompt", filterEnabled: true, blockEnabled: true, severityThreshold: "High" },
    {
      name: "Protected Material Code",
      source: "Completion",
      filterEnabled: true,
      blockEnabled: true,
      severityThreshold: "High",
    },
  ],
});

new cognitive.Deployment("chat", {
  name: "gpt-4o-chat",
  cognitiveAccountId: account.id,
  model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
  sku: { name: "GlobalStandard", capacity: 50 },
  raiPolicyName: policy.name,
});
