// Demonstrates: Jailbreak listed twice on Prompt, once blocking and once not (ccc-well-formed-resources, ccc-jailbreak-filter-mode).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-faq-prod", location: "francecentral" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-faq-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-faq-prod", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/faq-bot",
    "ccc-metaprompt-date": "2026-10-09",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/faq-bot-2026-10",
    "ccc-evaluation-report-date": "2026-10-28",
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

const policy = new cognitiveservices.RaiPolicy("faq-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "faq-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      ...harmFilters,
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
      // A leftover copy that disagrees with the entry above: which one Azure applies is ambiguous.
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: false },
    ],
  },
});

new cognitiveservices.Deployment("faq-bot", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-faq",
  sku: { name: "GlobalStandard", capacity: 30 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: policy.name,
  },
  tags: { "ccc-use-case": "text-generation" },
});
