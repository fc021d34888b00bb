// Demonstrates: explicit `azure-native.Provider`s with a subscriptionId each, the way platform teams pin a stack
// to subscriptions: the primary region's resources go through one provider, the disaster-recovery copy through
// another (in another subscription and region). The engine sends each resource's provider with it to the pack.
// Intent: the primary deployment is compliant; the DR copy's policy was copied from an old template where
// Protected Material Text only annotates: non-compliant (ccc-text-protected-material-filter).
import * as azure_native from "@pulumi/azure-native";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const primary = new azure_native.Provider("primary", {
  subscriptionId: "11111111-2222-3333-4444-555555555555",
  location: "swedencentral",
});
const dr = new azure_native.Provider("disaster-recovery", {
  subscriptionId: "66666666-7777-8888-9999-000000000000",
  location: "francecentral",
});

const evidence = {
  "ccc-use-case": "text-generation",
  "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/assistant-v5",
  "ccc-metaprompt-date": "2026-10-02",
  "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/assistant-2026-10",
  "ccc-evaluation-report-date": "2026-10-09",
};

function region(label: string, provider: azure_native.Provider, textFilterBlocks: boolean): void {
  const rg = new resources.ResourceGroup(`${label}-rg`, { resourceGroupName: `rg-assistant-${label}` }, { provider });
  const account = new cognitiveservices.Account(
    `${label}-openai`,
    {
      accountName: `oai-assistant-${label}`,
      resourceGroupName: rg.name,
      kind: "OpenAI",
      sku: { name: "S0" },
      properties: { customSubDomainName: `oai-assistant-${label}`, publicNetworkAccess: "Disabled" },
      tags: evidence,
    },
    { provider },
  );
  const policy = new cognitiveservices.RaiPolicy(
    `${label}-filter`,
    {
      accountName: account.name,
      resourceGroupName: rg.name,
      raiPolicyName: "assistant-filter",
      properties: {
        basePolicyName: "Microsoft.DefaultV2",
        mode: "Blocking",
        contentFilters: [
          { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
          { name: "Protected Material Text", source: "Completion", enabled: true, blocking: textFilterBlocks },
        ],
      },
    },
    { provider },
  );
  new cognitiveservices.Deployment(
    `${label}-chat`,
    {
      accountName: account.name,
      resourceGroupName: rg.name,
      deploymentName: "gpt-4o-assistant",
      sku: { name: "Standard", capacity: 40 },
      properties: {
        model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
        raiPolicyName: policy.name,
      },
    },
    { provider },
  );
}

region("primary", primary, true);
region("dr", dr, false);
