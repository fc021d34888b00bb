// Demonstrates: a text deployment on a policy in Asynchronous_filter mode, where flagged text is not covered (ccc-async-filter-coverage).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-writing-prod", location: "swedencentral" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-writing-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-writing-prod", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/writing-assistant",
    "ccc-metaprompt-date": "2026-10-10",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/writing-assistant-2026-10",
    "ccc-evaluation-report-date": "2026-10-24",
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

// All required filters are in filter mode, but they run asynchronously, after the text is streamed.
const policy = new cognitiveservices.RaiPolicy("writing-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "writing-async-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Asynchronous_filter",
    contentFilters: [
      ...harmFilters,
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

new cognitiveservices.Deployment("writer", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-writer",
  sku: { name: "GlobalStandard", capacity: 120 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: policy.name,
  },
  tags: { "ccc-use-case": "text-generation" },
});
