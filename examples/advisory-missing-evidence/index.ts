// Demonstrates: compliant filters but no ccc-metaprompt / ccc-evaluation-report evidence tags (advisory ccc-universal-evidence).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-summarizer-prod", location: "swedencentral" });

// No evidence tags on the account or the deployment.
const account = new cognitiveservices.Account("openai", {
  accountName: "oai-summarizer-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-summarizer-prod", publicNetworkAccess: "Enabled" },
  tags: { team: "documents", environment: "prod" },
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

const policy = new cognitiveservices.RaiPolicy("summarizer-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "summarizer-filter",
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

new cognitiveservices.Deployment("summarizer", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-41-summarizer",
  sku: { name: "GlobalStandard", capacity: 60 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4.1", version: "2025-04-14" },
    raiPolicyName: policy.name,
  },
  tags: { "ccc-use-case": "text-generation" },
});
