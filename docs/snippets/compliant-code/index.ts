// A code-generation deployment on its own RAI policy: Jailbreak and Protected Material Code in filter mode.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-code", location: "swedencentral" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-code",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-code" },
  tags: {
    // Evidence of the universal mitigations (ccc-universal-evidence), for every deployment of the account.
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/code",
    "ccc-metaprompt-date": "2026-10-12",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/code-2026-10",
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

const policy = new cognitiveservices.RaiPolicy("code-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "code-ccc-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking", // synchronous: flagged output is filtered before it is returned
    contentFilters: [
      ...harmFilters,
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Code", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

new cognitiveservices.Deployment("codegen", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-code",
  sku: { name: "GlobalStandard", capacity: 50 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: policy.name,
  },
  tags: { "ccc-use-case": "code-generation" },
});
