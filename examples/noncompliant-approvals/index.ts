// Demonstrates: organization approvals in pack config (see expected.json): two gpt-4o deployments exceed the
// approved 100 capacity units together, a gated preview model has no approval, and the policy only annotates Hate.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-ai-approvals", location: "eastus2" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-approvals",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  tags: {
    "ccc-use-case": "text-generation",
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/chat-copyright-v3",
    "ccc-metaprompt-date": "2026-10-12",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/chat-2026-10",
    "ccc-evaluation-report-date": "2026-10-20",
  },
});

const policy = new cognitiveservices.RaiPolicy("chat-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "chat-ccc-filter",
  properties: {
    mode: "Default",
    contentFilters: [
      { name: "Hate", source: "Prompt", enabled: true, blocking: false, severityThreshold: "Medium" },
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

const deploy = (name: string, model: string, version: string, capacity: number) =>
  new cognitiveservices.Deployment(name, {
    accountName: account.name,
    resourceGroupName: rg.name,
    deploymentName: name,
    sku: { name: "GlobalStandard", capacity },
    properties: { model: { format: "OpenAI", name: model, version }, raiPolicyName: policy.name },
  });

deploy("chat-a", "gpt-4o", "2024-11-20", 60);
deploy("chat-b", "gpt-4o", "2024-11-20", 50);
deploy("preview", "gpt-5-preview", "2026-01-01", 10);
