// Demonstrates: a RAI policy tagged for text generation that lacks Protected Material Text; the policy and its deployment both fail.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-editorial-prod", location: "swedencentral" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-editorial-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-editorial-prod", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/editorial",
    "ccc-metaprompt-date": "2026-10-01",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/editorial-2026-10",
    "ccc-evaluation-report-date": "2026-10-29",
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

// The policy declares what it is built for, so the pack checks it on its own, too.
const policy = new cognitiveservices.RaiPolicy("editorial-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "editorial-text-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      ...harmFilters,
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      // Missing: { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true }
    ],
  },
  tags: { "ccc-use-case": "text-generation" },
});

new cognitiveservices.Deployment("editorial", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-41-editorial",
  sku: { name: "GlobalStandard", capacity: 50 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4.1", version: "2025-04-14" },
    raiPolicyName: policy.name,
  },
  tags: { "ccc-use-case": "text-generation" },
});
