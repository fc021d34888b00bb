// Demonstrates: an Azure OpenAI deployment made through an AI Foundry hub (machinelearningservices): the hub
// workspace's tag declares the use case (hub deployments take no tags), and the deployment runs on a RaiPolicy of
// the same endpoint.
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-foundry", location: "swedencentral" });

const hub = new machinelearningservices.Workspace("hub", {
  workspaceName: "hub-research",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "Hub",
  tags: {
    "ccc-use-case": "text-generation",
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/chat-copyright-v3",
    "ccc-metaprompt-date": "2026-10-12",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/chat-2026-10",
    "ccc-evaluation-report-date": "2026-10-20",
  },
});

const policy = new machinelearningservices.RaiPolicy("hub-filter", {
  workspaceName: hub.name,
  endpointName: "Azure.OpenAI",
  resourceGroupName: rg.name,
  raiPolicyName: "hub-ccc-filter",
  properties: {
    mode: "Blocking",
    contentFilters: [
      { name: "Hate", source: "Prompt", enabled: true, blocking: true, allowedContentLevel: "Medium" },
      { name: "Hate", source: "Completion", enabled: true, blocking: true, allowedContentLevel: "Medium" },
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

new machinelearningservices.EndpointDeployment("hub-chat", {
  workspaceName: hub.name,
  endpointName: "Azure.OpenAI",
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-hub",
  properties: {
    type: "Azure.OpenAI",
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: policy.name,
    sku: { name: "GlobalStandard", capacity: 30 },
  },
});
