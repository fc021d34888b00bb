// Demonstrates: an account whose ccc-use-case tag is the default for its deployments, a deployment that
// overrides it with text+code generation, and image/speech deployments that need no CCC filter.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-ai-platform-prod", location: "swedencentral" });

const account = new cognitiveservices.Account("openai", {
  accountName: "oai-platform-prod",
  resourceGroupName: rg.name,
  location: rg.location,
  kind: "OpenAI",
  sku: { name: "S0" },
  properties: { customSubDomainName: "oai-platform-prod", publicNetworkAccess: "Disabled" },
  tags: {
    "ccc-use-case": "text-generation", // default for deployments without their own tag
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/platform-copyright-v4",
    "ccc-metaprompt-date": "2026-10-02",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/platform-2026-10",
    "ccc-evaluation-report-date": "2026-10-27",
  },
});

// Hate, Sexual, Violence and Selfharm at Medium on prompts and completions, in filter mode.
const harmFilters = ["Hate", "Sexual", "Violence", "Selfharm"].flatMap((name) =>
  ["Prompt", "Completion"].map((source) => ({
    name,
    source,
    enabled: true,
    blocking: true,
    severityThreshold: "Medium",
  })),
);

// One policy that meets both the text- and the code-generation requirements.
const policy = new cognitiveservices.RaiPolicy("platform-filter", {
  accountName: account.name,
  resourceGroupName: rg.name,
  raiPolicyName: "platform-ccc-filter",
  properties: {
    basePolicyName: "Microsoft.DefaultV2",
    mode: "Blocking",
    contentFilters: [
      ...harmFilters,
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
      { name: "Protected Material Code", source: "Completion", enabled: true, blocking: true },
    ],
  },
});

// Text generation, inherited from the account tag.
const chat = new cognitiveservices.Deployment("chat", {
  accountName: account.name,
  resourceGroupName: rg.name,
  deploymentName: "gpt-4o-chat",
  sku: { name: "GlobalStandard", capacity: 80 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: policy.name,
  },
});

// Azure creates one deployment per account at a time, so the deployments are chained with dependsOn.
const assistant = new cognitiveservices.Deployment(
  "assistant",
  {
    accountName: account.name,
    resourceGroupName: rg.name,
    deploymentName: "gpt-41-assistant",
    sku: { name: "GlobalStandard", capacity: 100 },
    properties: {
      model: { format: "OpenAI", name: "gpt-4.1", version: "2025-04-14" },
      raiPolicyName: policy.name,
    },
    tags: { "ccc-use-case": "text-generation, code-generation" },
  },
  { dependsOn: [chat] },
);

const images = new cognitiveservices.Deployment(
  "images",
  {
    accountName: account.name,
    resourceGroupName: rg.name,
    deploymentName: "dall-e-3",
    sku: { name: "Standard", capacity: 1 },
    properties: {
      model: { format: "OpenAI", name: "dall-e-3", version: "3.0" },
      raiPolicyName: policy.name,
    },
    tags: { "ccc-use-case": "image-generation" },
  },
  { dependsOn: [assistant] },
);

new cognitiveservices.Deployment(
  "transcription",
  {
    accountName: account.name,
    resourceGroupName: rg.name,
    deploymentName: "whisper",
    sku: { name: "Standard", capacity: 3 },
    properties: {
      model: { format: "OpenAI", name: "whisper", version: "001" },
      raiPolicyName: policy.name,
    },
    tags: { "ccc-use-case": "speech" },
  },
  { dependsOn: [images] },
);
