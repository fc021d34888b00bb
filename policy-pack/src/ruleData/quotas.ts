// Quota facts the approval rules use, each with its source and date.
import { SOURCES } from "./sources";

/**
 * Tokens per minute for one unit of `sku.capacity`: 1,000 for most models, more for some reasoning models.
 * Capacity is compared in units; this table only converts for messages.
 */
export const TOKENS_PER_CAPACITY_UNIT = {
  source: SOURCES.quotas,
  default: 1000,
  byModel: { o1: 6000, "o1-mini": 10000, "o3-mini": 10000, "o3-pro": 10000 } as Readonly<Record<string, number>>,
};

/**
 * Where a deployment's capacity is written, current shape first. Older API versions and SDKs put it elsewhere:
 * azure-native `properties.scaleSettings.capacity` (API versions before 2023-05-01, which added `sku`), classic
 * @pulumi/azure 5.x `scale.capacity`. A deployment counts the larger where both are set.
 */
export const CAPACITY_PATHS = {
  "azure-native": { current: ["sku", "capacity"], legacy: ["properties", "scaleSettings", "capacity"] },
  classic: { current: ["sku", "capacity"], legacy: ["scale", "capacity"] },
  "foundry-hub": { current: ["properties", "sku", "capacity"] },
  sources: [SOURCES.deploymentApiChangeLog, SOURCES.azurermCognitiveDeploymentScale],
} as const;

/**
 * Azure takes a region by its name or its display name ("swedencentral", "Sweden Central"); the display name is
 * the name's words in title case, separated by spaces. Regions compare as names: lower case, without spaces.
 */
export const REGION_NAMES = {
  source: SOURCES.azureRegionNames,
  key: (location: string): string => location.toLowerCase().replace(/\s+/g, ""),
};

/** Azure's capacity when a deployment sets no `sku.capacity`: one unit. */
export const DEFAULT_CAPACITY_UNITS = 1;

/** Fine-tuned model deployments per resource: both figures are kept with their source and date. */
export const FINE_TUNED_DEPLOYMENT_LIMITS = {
  current: { perResource: 5, source: SOURCES.quotas },
  seed: { defaultPerResource: 2, maximumAfterRequest: 6, source: SOURCES.applicationsNote },
} as const;

/** Fine-tuned Azure OpenAI models are named `<base model>.ft-<job id>`; checkpoints `ftchkpt-<id>`. */
export const FINE_TUNED_MODEL_PATTERN = /\.ft-[0-9a-z]+|^ftchkpt-/i;
