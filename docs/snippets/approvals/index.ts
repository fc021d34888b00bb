// A deployment within the organization's approvals (policy-config.json): an approved use case, capacity within
// the approved quota for its model, and a gated model (o3) the organization holds the approval for.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-reasoning", location: "swedencentral" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-reasoning",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-reasoning" },
  tags: {
    // Evidence of the universal mitigations (ccc-universal-evidence), for every deployment of the account.
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/reasoning",
    "ccc-metaprompt-date": "2026-10-12",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/reasoning-2026-10",
    "ccc-evaluation-report-date": "2026-10-20",
  },
});

// Hate, Sexual, Violence and Selfharm enabled and blocking, on prompts and completions.
const harmFilters = ["Hate", "Sexual", "Violence", "Selfharm"].flatMap((name) =>
  ["Prompt", "Completion"].map((source) => ({
    name,
    source,
    enabled: true,
    blocking: true,
    severityThreshold: "Medium",
  })),
);

const policy = new cognitiveservices.RaiPolicy("reasoning-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "reasoning-ccc-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking", // synchronous: flagged output is filtered before it is returned
    contentFilters: [
      ...harmFilters,
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

// On o3 (gated, approved) for text generation, at 50 units of the 100 approved.
new cognitiveservices.Deployment("reasoning", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "o3-reasoning",
  sku: { name: "GlobalStandard", capacity: 50 },
  properties: {
    model: { format: "OpenAI", name: "o3", version: "2025-04-16" },
    raiPolicyName: policy.name,
  },
  tags: { "ccc-use-case": "text-generation" },
});
