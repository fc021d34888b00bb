// Demonstrates: a deployment naming "corp-shared-filter", a RAI policy managed outside this stack (ccc-verifiable-rai-policy);
// declaring it in pack config (config-declared.json) makes the stack pass.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-knowledge-prod", location: "swedencentral" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-knowledge-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-knowledge-prod", publicNetworkAccess: "Disabled" },
  tags: {
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/knowledge-v3",
    "ccc-metaprompt-date": "2026-10-03",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/knowledge-2026-10",
    "ccc-evaluation-report-date": "2026-10-22",
  },
});

// The platform team creates "corp-shared-filter" on the account out of band (portal/CLI), not in this stack.
new cognitiveservices.Deployment("knowledge-chat", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-knowledge",
  sku: { name: "GlobalStandard", capacity: 60 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: "corp-shared-filter",
  },
  tags: { "ccc-use-case": "text-generation" },
});
