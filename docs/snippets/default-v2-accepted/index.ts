// A text-generation deployment on Microsoft.DefaultV2, judged by Microsoft's documentation of that policy because
// the organization accepts it (policy-config.json: ccc-organization-config.acceptMicrosoftDefaultPolicy).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-assistant", location: "swedencentral" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-assistant",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-assistant" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/assistant",
    "ccc-metaprompt-date": "2026-10-12",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/assistant-2026-10",
    "ccc-evaluation-report-date": "2026-10-20",
  },
});

new cognitiveservices.Deployment("assistant", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-assistant",
  sku: { name: "GlobalStandard", capacity: 50 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    // Named explicitly: a deployment that names no policy gets whatever the service assigns.
    raiPolicyName: "Microsoft.DefaultV2",
  },
  tags: { "ccc-use-case": "text-generation" },
});
