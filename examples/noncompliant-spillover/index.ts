// Demonstrates: spillover. The provisioned deployment's own policy is compliant, but its overflow requests are
// served by the standard deployment named in properties.spilloverDeploymentName, which runs on a weaker policy.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-ptu", location: "eastus2" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-ptu",
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

const policy = (name: string, textBlocking: boolean) =>
  new cognitiveservices.RaiPolicy(name, {
    accountName: account.name,
    resourceGroupName: rg.name,
    raiPolicyName: name,
    properties: {
      mode: "Default",
      contentFilters: [
        { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
        { name: "Protected Material Text", source: "Completion", enabled: true, blocking: textBlocking },
      ],
    },
  });

const strict = policy("strict-filter", true);
const lenient = policy("lenient-filter", false);

const standard = new cognitiveservices.Deployment("overflow", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-standard",
  sku: { name: "Standard", capacity: 50 },
  properties: { model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" }, raiPolicyName: lenient.name },
});

new cognitiveservices.Deployment("provisioned", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-ptu",
  sku: { name: "ProvisionedManaged", capacity: 100 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: strict.name,
    spilloverDeploymentName: standard.name,
  },
});
