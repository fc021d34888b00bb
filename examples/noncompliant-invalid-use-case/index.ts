// Demonstrates: a deployment tagged with "chatbot", which is not a CCC use case (ccc-use-case-declared).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-concierge-prod", location: "westeurope" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-concierge-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-concierge-prod", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/concierge",
    "ccc-metaprompt-date": "2026-10-04",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/concierge-2026-10",
    "ccc-evaluation-report-date": "2026-10-15",
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

const policy = new cognitiveservices.RaiPolicy("concierge-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "concierge-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      ...harmFilters,
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

new cognitiveservices.Deployment("concierge", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-concierge",
  sku: { name: "GlobalStandard", capacity: 30 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: policy.name,
  },
  // Allowed values: text-generation, code-generation, image-generation, speech, other.
  tags: { "ccc-use-case": "chatbot" },
});
