// Day one of the rollout: an Azure OpenAI program as public programs are written, with nothing the CCC needs
// declared: no RAI policy named (the service assigns one), no ccc-use-case tag, no evidence tags.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-support", location: "eastus2" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-support",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-support" },
});

new cognitiveservices.Deployment("support-bot", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o",
  sku: { name: "GlobalStandard", capacity: 20 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
  },
});
