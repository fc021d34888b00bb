// Demonstrates: deployments switched on by stack config. `environment` is required (`config.require`), the
// code assistant is switched on per stack (`config.getBoolean("enableCodeAssistant")`), capacity comes from
// `config.getNumber` with a project-level default (Pulumi.yaml), and a secret (`config.requireSecret`, stored
// encrypted in the stack file) goes into a Key Vault secret. Offline, the secret cannot be decrypted: the
// program sees a placeholder, still marked secret.
// Intent: stack `dev` (the default: two stack files, no --stack) has only the chat deployment on a compliant
// policy: compliant. Stack `prod` (`--stack prod`) switches on the code assistant, whose deployment reuses the
// chat policy without Protected Material Code: non-compliant there (ccc-code-protected-material-filter).
import * as pulumi from "@pulumi/pulumi";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as resources from "@pulumi/azure-native/resources";

const config = new pulumi.Config();
const environment = config.require("environment");
const enableCodeAssistant = config.getBoolean("enableCodeAssistant") ?? false;
const capacity = config.getNumber("capacity") ?? 10;
const alertWebhookUrl = config.requireSecret("alertWebhookUrl");

const rg = new resources.ResourceGroup("rg", { resourceGroupName: `rg-assistant-${environment}` });

const account = new cognitiveservices.Account("openai", {
  accountName: `oai-assistant-${environment}`,
  resourceGroupName: rg.name,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: `oai-assistant-${environment}`, publicNetworkAccess: "Enabled" },
  tags: {
    environment,
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/assistant-v2",
    "ccc-metaprompt-date": "2026-10-11",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/assistant-2026-10",
    "ccc-evaluation-report-date": "2026-10-19",
  },
});

const chatPolicy = new cognitiveservices.RaiPolicy("chat-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "chat-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

new cognitiveservices.Deployment("chat", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-chat",
  sku: { name: "GlobalStandard", capacity },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: chatPolicy.name,
  },
  tags: { "ccc-use-case": "text-generation" },
});

if (enableCodeAssistant) {
  new cognitiveservices.Deployment("code-assistant", {
    accountName: account.name,
    resourceGroupName: rg.name,
    deploymentName: "gpt-41-code",
    sku: { name: "GlobalStandard", capacity },
    properties: {
      model: { format: "OpenAI", name: "gpt-4.1", version: "2025-04-14" },
      raiPolicyName: chatPolicy.name,
    },
    tags: { "ccc-use-case": "code-generation" },
  });
}

// The platform team's vault, outside this stack.
new keyvault.Secret("alert-webhook", {
  vaultName: config.get("keyVaultName") ?? `kv-platform-${environment}`,
  resourceGroupName: "rg-platform-secrets",
  secretName: "assistant-alert-webhook",
  properties: { value: alertWebhookUrl },
});
