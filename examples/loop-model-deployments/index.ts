// Demonstrates: deployments created in a loop over a model list, each one depending on the previous (Azure
// rejects concurrent deployment changes on one account), all on one shared content filter policy.
// Intent: the two chat models and the embedding model are compliant; "o3-mini" is listed for code review
// (`useCase: "code-generation"`), but the shared policy has no Protected Material Code filter: non-compliant
// (ccc-code-protected-material-filter).
import * as pulumi from "@pulumi/pulumi";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const models = [
  { name: "gpt-4o", version: "2024-11-20", capacity: 50, useCase: "text-generation" },
  { name: "gpt-4o-mini", version: "2024-07-18", capacity: 100, useCase: "text-generation" },
  { name: "text-embedding-3-large", version: "1", capacity: 120, useCase: "other" },
  { name: "o3-mini", version: "2025-01-31", capacity: 20, useCase: "code-generation" },
];

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-models-prod", location: "eastus2" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-models-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-models-prod", publicNetworkAccess: "Enabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/models-v1",
    "ccc-metaprompt-date": "2026-10-06",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/models-2026-10",
    "ccc-evaluation-report-date": "2026-10-13",
  },
});

const policy = new cognitiveservices.RaiPolicy("shared-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "shared-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

let previous: cognitiveservices.Deployment | undefined;
const deployments: cognitiveservices.Deployment[] = [];
for (const model of models) {
  previous = new cognitiveservices.Deployment(
    model.name,
    {
      accountName: account.name,
      resourceGroupName: rg.name,
      deploymentName: model.name,
      sku: { name: "GlobalStandard", capacity: model.capacity },
      properties: {
        model: { format: "OpenAI", name: model.name, version: model.version },
        raiPolicyName: policy.name,
        versionUpgradeOption: "OnceNewDefaultVersionAvailable",
      },
      tags: { "ccc-use-case": model.useCase },
    },
    { dependsOn: previous ? [previous] : [] },
  );
  deployments.push(previous);
}

export const deploymentNames = pulumi.all(deployments.map((d) => d.name));
