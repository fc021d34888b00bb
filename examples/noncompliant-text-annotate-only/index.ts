// Demonstrates: Protected Material Text in annotate mode (blocking: false) on a text deployment (ccc-text-protected-material-filter).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-newsroom-prod", location: "swedencentral" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-newsroom-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-newsroom-prod", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/newsroom",
    "ccc-metaprompt-date": "2026-10-08",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/newsroom-2026-10",
    "ccc-evaluation-report-date": "2026-10-23",
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

const policy = new cognitiveservices.RaiPolicy("newsroom-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "newsroom-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      ...harmFilters,
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      // Annotate only: matching third-party text is flagged but still returned.
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: false },
    ],
  },
});

new cognitiveservices.Deployment("drafting", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-drafting",
  sku: { name: "GlobalStandard", capacity: 50 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: policy.name,
  },
  tags: { "ccc-use-case": "text-generation" },
});
