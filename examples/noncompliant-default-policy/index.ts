// Demonstrates: a text-generation deployment that names no RAI policy, so it runs on the service default (ccc-explicit-rai-policy).
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-helpdesk-dev", location: "francecentral" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-helpdesk-dev",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-helpdesk-dev", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/helpdesk-v1",
    "ccc-metaprompt-date": "2026-10-14",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/helpdesk-2026-10",
    "ccc-evaluation-report-date": "2026-10-16",
  },
});

// No RaiPolicy and no properties.raiPolicyName: the filters of the service default cannot be verified.
new cognitiveservices.Deployment("helpdesk-chat", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-helpdesk",
  sku: { name: "GlobalStandard", capacity: 30 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
  },
  tags: { "ccc-use-case": "text-generation" },
});
