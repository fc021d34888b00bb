// Demonstrates: a program as most public Azure OpenAI programs are still written, for @pulumi/azure-native 2.x
// with the root import (`import * as azure_native from "@pulumi/azure-native"`) and its own package.json
// (azure-native 2.92.3, @pulumi/pulumi 3.190.0). The offline check runs it on its own node_modules, not on the
// workspace's azure-native v3: run `npm ci` here first (the tests do, cached).
// Intent: the chat deployment is on a CCC filter policy (compliant); the older "legacy-chat" deployment, kept
// from a first version of the stack, names no content filter policy (the service default): non-compliant.
import * as pulumi from "@pulumi/pulumi";
import * as azure_native from "@pulumi/azure-native";

const config = new pulumi.Config();
const customSubDomain = config.require("customSubDomain");

const resourceGroup = new azure_native.resources.ResourceGroup("resourceGroup", {
  resourceGroupName: "rg-chat-v2",
});

const openai = new azure_native.cognitiveservices.Account("openai", {
  accountName: "oai-chat-v2",
  resourceGroupName: resourceGroup.name,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: {
    customSubDomainName: customSubDomain,
    publicNetworkAccess: "Enabled",
  },
  tags: {
    "ccc-use-case": "text-generation",
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/chat-v2",
    "ccc-metaprompt-date": "2026-10-01",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/chat-v2-2026-10",
    "ccc-evaluation-report-date": "2026-10-05",
  },
});

const contentFilter = new azure_native.cognitiveservices.RaiPolicy("contentFilter", {
  accountName: openai.name,
  resourceGroupName: resourceGroup.name,
  raiPolicyName: "chat-v2-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      { name: "Hate", source: "Prompt", enabled: true, blocking: true },
      { name: "Hate", source: "Completion", enabled: true, blocking: true },
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

const chat = new azure_native.cognitiveservices.Deployment("chat", {
  accountName: openai.name,
  resourceGroupName: resourceGroup.name,
  deploymentName: "gpt-4o",
  sku: { name: "Standard", capacity: 20 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-08-06" },
    raiPolicyName: contentFilter.name,
  },
});

// Created before the content filter existed and never moved onto it.
new azure_native.cognitiveservices.Deployment(
  "legacy-chat",
  {
    accountName: openai.name,
    resourceGroupName: resourceGroup.name,
    deploymentName: "gpt-35-turbo",
    sku: { name: "Standard", capacity: 10 },
    properties: {
      model: { format: "OpenAI", name: "gpt-35-turbo", version: "0125" },
    },
  },
  { dependsOn: [chat] },
);

export const endpoint = openai.properties.endpoint;
