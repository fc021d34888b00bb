// Demonstrates: the organization's default use case is text-generation, but an embeddings model produces no
// content output, so no filter requirement applies; ccc-covered-model notes that the declaration was narrowed.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-search", location: "swedencentral" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-search",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
});

new cognitiveservices.Deployment("embeddings", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "text-embedding-3-large",
  sku: { name: "Standard", capacity: 120 },
  properties: { model: { format: "OpenAI", name: "text-embedding-3-large", version: "1" } },
});
