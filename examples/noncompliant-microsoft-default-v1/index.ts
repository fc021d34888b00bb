// Demonstrates: Microsoft.Default is judged by what Microsoft documents about it ("Jailbreak risk detection and
// protected text and code models are optional and off by default"), so the findings name what is missing.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-legacy", location: "eastus" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-legacy",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/chat-copyright-v3",
    "ccc-metaprompt-date": "2026-10-12",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/chat-2026-10",
    "ccc-evaluation-report-date": "2026-10-20",
  },
});

new cognitiveservices.Deployment("assistant", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-assistant",
  sku: { name: "Standard", capacity: 20 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: "Microsoft.Default",
  },
  tags: { "ccc-use-case": "text-generation, code-generation" },
});
