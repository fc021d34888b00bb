// Demonstrates: lookups and key listing, as most public Azure OpenAI programs have them. The program reads
// the deploying identity with `authorization.getClientConfigOutput()` (tenant for the Key Vault, object id for
// its access policy and an owner tag), lists the storage account's keys (`listStorageAccountKeysOutput`) into a
// connection-string output, and lists the OpenAI account's keys (`listAccountKeysOutput`) into a Key Vault
// secret. Intent: compliant; the chat deployment is on a CCC filter policy with Jailbreak and Protected
// Material Text in filter mode. The lookups must answer in their response shape for the program to run at all.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";

const client = authorization.getClientConfigOutput();

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-rag-prod", location: "swedencentral" });

const docs = new storage.StorageAccount("docs", {
  accountName: "stragdocsprod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "StorageV2",
  sku: { name: "Standard_LRS" },
});

const storageKeys = storage.listStorageAccountKeysOutput({ resourceGroupName: rg.name, accountName: docs.name });

const vault = new keyvault.Vault("vault", {
  vaultName: "kv-rag-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  properties: {
    tenantId: client.tenantId,
    sku: { family: "A", name: "standard" },
    accessPolicies: [
      {
        tenantId: client.tenantId,
        objectId: client.objectId,
        permissions: { secrets: ["get", "list", "set"] },
      },
    ],
  },
});

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-rag-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-rag-prod", publicNetworkAccess: "Enabled" },
  tags: {
    owner: client.objectId,
    "ccc-use-case": "text-generation",
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/rag-v2",
    "ccc-metaprompt-date": "2026-10-08",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/rag-2026-10",
    "ccc-evaluation-report-date": "2026-10-16",
  },
});

const policy = new cognitiveservices.RaiPolicy("rag-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "rag-ccc-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      ...["Hate", "Sexual", "Violence", "Selfharm"].flatMap((name) =>
        ["Prompt", "Completion"].map((source) => ({ name, source, enabled: true, blocking: true })),
      ),
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

new cognitiveservices.Deployment("rag-chat", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-rag",
  sku: { name: "GlobalStandard", capacity: 30 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: policy.name,
  },
});

// The app reads the OpenAI key from Key Vault.
const openaiKeys = cognitiveservices.listAccountKeysOutput({ resourceGroupName: rg.name, accountName: account.name });
new keyvault.Secret("openai-key", {
  vaultName: vault.name,
  resourceGroupName: rg.name,
  secretName: "openai-key",
  properties: { value: openaiKeys.apply((keys) => keys.key1!) },
});

export const tenantId = client.tenantId;
export const subscriptionId = client.subscriptionId;
export const docsConnectionString = pulumi.secret(
  pulumi.interpolate`DefaultEndpointsProtocol=https;AccountName=${docs.name};AccountKey=${storageKeys.apply((k) => k.keys[0].value)}`,
);
