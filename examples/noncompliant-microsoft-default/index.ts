// Demonstrates: a text-generation deployment pinned to the Microsoft-managed "Microsoft.DefaultV2" policy (ccc-explicit-rai-policy).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-marketing-prod", location: "westeurope" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-marketing-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-marketing-prod", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/marketing-copy-v2",
    "ccc-metaprompt-date": "2026-10-07",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/marketing-2026-10",
    "ccc-evaluation-report-date": "2026-10-19",
  },
});

// A literal Microsoft-managed policy name: whether it blocks or only annotates is not documented.
new cognitiveservices.Deployment("copywriter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-copywriter",
  sku: { name: "GlobalStandard", capacity: 40 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: "Microsoft.DefaultV2",
  },
  tags: { "ccc-use-case": "text-generation" },
});
