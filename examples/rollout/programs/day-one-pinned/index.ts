// Step 4 of the rollout, on the day-one program: the deployment pins Microsoft.DefaultV2, which the organization
// accepts (acceptMicrosoftDefaultPolicy); its use case comes from defaultUseCases. The one change from day one.
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
    raiPolicyName: "Microsoft.DefaultV2",
  },
});
