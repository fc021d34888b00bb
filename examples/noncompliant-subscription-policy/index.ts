// Demonstrates: SubscriptionRaiPolicy. Microsoft does not document whether a deployment's raiPolicyName can
// refer to a subscription-level policy, so the pack fails closed and says why.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-central", location: "westeurope" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-central",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  tags: {
    "ccc-use-case": "text-generation",
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/chat-copyright-v3",
    "ccc-metaprompt-date": "2026-10-12",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/chat-2026-10",
    "ccc-evaluation-report-date": "2026-10-20",
  },
});

const central = new cognitiveservices.SubscriptionRaiPolicy("central-filter", {
  raiPolicyName: "central-ccc-filter",
  properties: {
    mode: "Default",
    contentFilters: [
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ],
  },
  tags: { "ccc-use-case": "text-generation" },
});

new cognitiveservices.Deployment("chat", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-chat",
  sku: { name: "GlobalStandard", capacity: 20 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: "central-ccc-filter",
  },
});
void central;
