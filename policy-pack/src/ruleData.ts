// Dated, sourced facts that rules depend on. Kept as data so a change of Microsoft's terms is a data change.

/** Microsoft, "Customer Copyright Commitment Required Mitigations" (../shared/seeds/ccc-required-mitigations.ja.md). */
export const CCC_SOURCE = "Microsoft Learn: Customer Copyright Commitment Required Mitigations";

export const EFFECTIVE = {
  /** Universal mitigations and the per-use-case content filter mitigations. */
  contentFilters: "2023-12-01",
  /** Coverage of output flagged afterwards by the asynchronous filter. */
  asynchronousFilter: "2024-05-21",
} as const;

/** Customers get six months after a new mitigation is published to implement it (shared doc §1). */
export const IMPLEMENTATION_GRACE_MONTHS = 6;

/**
 * What is known, with a source, about the contents of Microsoft-managed policies (`Microsoft.Default`,
 * `Microsoft.DefaultV2`, and the service default used when a deployment names none). Microsoft's how-to
 * (2025-08) says prompt shields and protected material are "on by default" but not whether they block, and
 * no page lists these policies' filters (shared doc §2). So nothing is recorded, and accepting a default
 * policy by config cannot make a deployment compliant until a sourced fact is added here.
 */
export interface DefaultPolicyFact {
  readonly policyName: string;
  readonly blockingFilters: readonly string[];
  readonly source: string;
  readonly checked: string;
}
export const DEFAULT_POLICY_FACTS: readonly DefaultPolicyFact[] = [];

/** Prefix of the policies Microsoft manages; their contents cannot be read from a stack. */
export const MICROSOFT_POLICY_PREFIX = "microsoft.";

/**
 * Tokens per minute for one unit of `sku.capacity`: 1,000 for most models, more for some reasoning models
 * (Microsoft Learn, Azure OpenAI quotas and limits, as of 2025-07; shared doc §3). Capacity is compared in
 * units; this table only converts for messages.
 */
export const TOKENS_PER_CAPACITY_UNIT = {
  source: "Microsoft Learn: Azure OpenAI quotas and limits (2025-07)",
  default: 1000,
  byModel: { o1: 6000, "o1-mini": 10000, "o3-mini": 10000, "o3-pro": 10000 } as Record<string, number>,
};

/** Fine-tuned model deployments per resource: both figures are kept with their source and date. */
export const FINE_TUNED_DEPLOYMENT_LIMITS = {
  current: { perResource: 5, source: "Microsoft Learn: Azure OpenAI quotas and limits", asOf: "2025-07" },
  seed: {
    defaultPerResource: 2,
    maximumAfterRequest: 6,
    source: "Azure OpenAI applications note (../shared/seeds/azure-openai-applications.ja.md)",
    asOf: "2023",
  },
} as const;

/** Fine-tuned Azure OpenAI models are named `<base model>.ft-<job id>`. */
export const FINE_TUNED_MODEL_PATTERN = /\.ft-[0-9a-z]+/i;

/** The harm categories whose filters need an approval to turn off or to annotate only (shared doc §3). */
export const HARM_CATEGORY_FILTERS = ["Hate", "Sexual", "Violence", "Selfharm"] as const;
