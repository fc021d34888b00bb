// A RAI policy with a modified content filter (Violence on completions annotates instead of blocking), under the
// organization's approval for modified content filters (policy-config.json: modifiedFiltersApproved).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-archive", location: "swedencentral" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-archive",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-archive" },
  tags: {
    // Evidence of the universal mitigations (ccc-universal-evidence), for every deployment of the account.
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/archive",
    "ccc-metaprompt-date": "2026-10-12",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/archive-2026-10",
    "ccc-evaluation-report-date": "2026-10-20",
  },
});

// Hate, Sexual and Selfharm enabled and blocking, on prompts and completions.
const harmFilters = ["Hate", "Sexual", "Selfharm"].flatMap((name) =>
  ["Prompt", "Completion"].map((source) => ({
    name,
    source,
    enabled: true,
    blocking: true,
    severityThreshold: "Medium",
  })),
);

const policy = new cognitiveservices.RaiPolicy("archive-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "archive-ccc-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking", // synchronous: flagged output is filtered before it is returned
    contentFilters: [
      ...harmFilters,
      { name: "Violence", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Medium" },
      // Modified: annotate only. Azure accepts it only with Microsoft's approval for modified content filters.
      { name: "Violence", source: "Completion", enabled: true, blocking: false, severityThreshold: "Medium" },
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

new cognitiveservices.Deployment("archive", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-archive",
  sku: { name: "GlobalStandard", capacity: 50 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: policy.name,
  },
  tags: { "ccc-use-case": "text-generation" },
});
