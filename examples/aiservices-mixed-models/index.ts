// Demonstrates: an AI Services account (kind "AIServices", the Azure AI Foundry resource) with both Azure
// OpenAI and non-OpenAI model deployments: gpt-4o (format "OpenAI"), Mistral-Large-2411 (format
// "Mistral AI") and Llama-3.3-70B-Instruct (format "Meta"), all serving text generation.
// Intent: gpt-4o and the Mistral model are on the account's CCC filter policy: compliant. The Llama deployment
// names no content filter policy (the service default): non-compliant under today's pack, which judges every
// model format alike (whether the CCC covers non-OpenAI Foundry models is a redesign question).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-foundry-prod", location: "eastus2" });

const account = new cognitiveservices.Account("foundry", {
  accountName: "ais-foundry-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "AIServices",
  sku: { name: "S0" },
  identity: { type: "SystemAssigned" },
  properties: {
    customSubDomainName: "ais-foundry-prod",
    publicNetworkAccess: "Enabled",
    allowProjectManagement: true,
  },
  tags: {
    "ccc-use-case": "text-generation",
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/foundry-v1",
    "ccc-metaprompt-date": "2026-10-04",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/foundry-2026-10",
    "ccc-evaluation-report-date": "2026-10-15",
  },
});

const policy = new cognitiveservices.RaiPolicy("foundry-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "foundry-ccc-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      ...["Hate", "Sexual", "Violence", "Selfharm"].flatMap((name) =>
        ["Prompt", "Completion"].map((source) => ({ name, source, enabled: true, blocking: true })),
      ),
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

const models = [
  { logical: "gpt-4o", format: "OpenAI", name: "gpt-4o", version: "2024-11-20", sku: "GlobalStandard", filtered: true },
  {
    logical: "mistral-large",
    format: "Mistral AI",
    name: "Mistral-Large-2411",
    version: "2",
    sku: "GlobalStandard",
    filtered: true,
  },
  {
    logical: "llama-70b",
    format: "Meta",
    name: "Llama-3.3-70B-Instruct",
    version: "4",
    sku: "GlobalStandard",
    filtered: false,
  },
];

for (const m of models) {
  new cognitiveservices.Deployment(m.logical, {
    accountName: account.name,
    resourceGroupName: rg.name,
    deploymentName: m.name,
    sku: { name: m.sku, capacity: 1 },
    properties: {
      model: { format: m.format, name: m.name, version: m.version },
      ...(m.filtered ? { raiPolicyName: policy.name } : {}),
    },
  });
}
