// Demonstrates: a code-generation deployment whose RAI policy blocks Protected Material Code and Jailbreak.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-devtools-prod", location: "eastus2" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-devtools-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-devtools-prod", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/code-assistant-v2",
    "ccc-metaprompt-date": "2026-10-05",
    "ccc-evaluation-report": "EVAL-2026-0147",
    "ccc-evaluation-report-date": "2026-10-18",
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
  raiPolicyName: "code-ccc-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      ...harmFilters,
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Code", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

new cognitiveservices.Deployment("code-assistant", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-41-code",
  sku: { name: "GlobalStandard", capacity: 100 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4.1", version: "2025-04-14" },
    raiPolicyName: policy.name,
  },
  tags: { "ccc-use-case": "code-generation" },
});
