// Demonstrates: a deployment with no ccc-use-case tag on itself, its account or its RAI policy (ccc-use-case-declared).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-research-dev", location: "eastus2" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-research-dev",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-research-dev", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/research",
    "ccc-metaprompt-date": "2026-10-13",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/research-2026-10",
    "ccc-evaluation-report-date": "2026-10-26",
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

const policy = new cognitiveservices.RaiPolicy("research-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "research-filter",
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

// No "ccc-use-case" tag: the pack cannot tell which CCC mitigations apply.
new cognitiveservices.Deployment("research", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-research",
  sku: { name: "GlobalStandard", capacity: 20 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: policy.name,
  },
  tags: { team: "research", environment: "dev" },
});
