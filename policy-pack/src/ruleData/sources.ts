// The documents the rules rest on, each with where to read it and the date of the version relied on.

export interface Source {
  readonly title: string;
  readonly url: string;
  /** The document's own date (ms.date) or the day it was checked. */
  readonly date: string;
}

export const SOURCES = {
  ccc: {
    title: "Microsoft Learn: Customer Copyright Commitment Required Mitigations",
    url: "https://learn.microsoft.com/azure/ai-foundry/responsible-ai/openai/customer-copyright-commitment",
    date: "2024-05-21",
  },
  whatsNewDefaultV2: {
    title:
      'Microsoft Learn: What\'s new in Azure OpenAI, July 2024, "New Responsible AI default content filtering policy"',
    url: "https://learn.microsoft.com/azure/ai-services/openai/whats-new",
    date: "2025-04-16",
  },
  contentFilterConcept2023: {
    title: "Microsoft Learn: Content filtering (concept page, 2023 version)",
    url: "https://learn.microsoft.com/azure/ai-services/openai/concepts/content-filter",
    date: "2023-11-06",
  },
  configureContentFilters: {
    title: "Microsoft Learn: Configure content filters",
    url: "https://learn.microsoft.com/azure/ai-foundry/openai/how-to/content-filters",
    date: "2025-12-03",
  },
  contentStreaming: {
    title: "Microsoft Learn: Content streaming (asynchronous filter)",
    url: "https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-streaming",
    date: "2025-11-06",
  },
  terraformRaiPolicyDefault: {
    title: 'Terraform azurerm issue 32061, "azurerm_cognitive_deployment rai_policy default is no longer the default"',
    url: "https://github.com/hashicorp/terraform-provider-azurerm/issues/32061",
    date: "2026-03-27",
  },
  models: {
    title: "Microsoft Learn: Azure OpenAI in Foundry Models (models and their input/output)",
    url: "https://learn.microsoft.com/azure/ai-foundry/openai/concepts/models",
    date: "2025-10-17",
  },
  modelsSoldByAzure: {
    title: "Microsoft Learn: Foundry Models sold directly by Azure (providers and model.format)",
    url: "https://learn.microsoft.com/azure/ai-foundry/foundry-models/concepts/models-sold-directly-by-azure",
    date: "2026-02-12",
  },
  fineTuning: {
    title: "Microsoft Learn: Customize a model with fine-tuning (REST), fine-tuned model names",
    url: "https://learn.microsoft.com/azure/ai-foundry/openai/how-to/fine-tuning",
    date: "2025-02-27",
  },
  quotas: {
    title: "Microsoft Learn: Azure OpenAI quotas and limits",
    url: "https://learn.microsoft.com/azure/ai-foundry/openai/quotas-limits",
    date: "2025-07",
  },
  spillover: {
    title: "Microsoft Learn: Manage traffic with spillover for provisioned deployments",
    url: "https://learn.microsoft.com/azure/ai-foundry/openai/how-to/spillover-traffic-management",
    date: "2026-01-30",
  },
  raiPolicySpec: {
    title:
      "Azure REST API specs: Microsoft.CognitiveServices RaiPolicy (2025-06-01; subscription raiPolicy 2025-10-01-preview)",
    url: "https://github.com/Azure/azure-rest-api-specs/tree/main/specification/cognitiveservices",
    date: "2026-11-25",
  },
  deploymentApiChangeLog: {
    title:
      "Microsoft Learn: API version change log for Microsoft.CognitiveServices/accounts/deployments (sku added in 2023-05-01; properties.scaleSettings since 2021-10-01, deprecated for sku)",
    url: "https://learn.microsoft.com/azure/templates/microsoft.cognitiveservices/change-log/accounts/deployments",
    date: "2026-11-26",
  },
  azurermCognitiveDeploymentScale: {
    title:
      "Terraform azurerm 3.x azurerm_cognitive_deployment: capacity in a scale { type, capacity } block (sku { name, capacity } from 4.0), which @pulumi/azure 5.x exposes as scale",
    url: "https://registry.terraform.io/providers/hashicorp/azurerm/3.117.1/docs/resources/cognitive_deployment",
    date: "2026-11-26",
  },
  azureRegionNames: {
    title:
      'Microsoft Learn: Region code names ("East US" is eastus) and Azure.Core AzureLocation (a location is given by its name or its display name, "titlecase words ... separated by whitespaces")',
    url: "https://learn.microsoft.com/azure/private-5g-core/region-code-names",
    date: "2026-11-26",
  },
  applicationsNote: {
    title: "Azure OpenAI applications note (../shared/seeds/azure-openai-applications.ja.md)",
    url: "../shared/seeds/azure-openai-applications.ja.md",
    date: "2023",
  },
} as const satisfies Record<string, Source>;

export function cite(source: Source): string {
  return `${source.title} (${source.date}), ${source.url}`;
}
