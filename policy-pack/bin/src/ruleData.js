"use strict";
// Dated, sourced facts that rules depend on. Kept as data so a change of Microsoft's terms is a data change.
Object.defineProperty(exports, "__esModule", { value: true });
exports.HARM_CATEGORY_FILTERS = exports.FINE_TUNED_MODEL_PATTERN = exports.FINE_TUNED_DEPLOYMENT_LIMITS = exports.TOKENS_PER_CAPACITY_UNIT = exports.MICROSOFT_POLICY_PREFIX = exports.DEFAULT_POLICY_FACTS = exports.IMPLEMENTATION_GRACE_MONTHS = exports.EFFECTIVE = exports.CCC_SOURCE = void 0;
/** Microsoft, "Customer Copyright Commitment Required Mitigations" (../shared/seeds/ccc-required-mitigations.ja.md). */
exports.CCC_SOURCE = "Microsoft Learn: Customer Copyright Commitment Required Mitigations";
exports.EFFECTIVE = {
    /** Universal mitigations and the per-use-case content filter mitigations. */
    contentFilters: "2023-12-01",
    /** Coverage of output flagged afterwards by the asynchronous filter. */
    asynchronousFilter: "2024-05-21",
};
/** Customers get six months after a new mitigation is published to implement it (shared doc §1). */
exports.IMPLEMENTATION_GRACE_MONTHS = 6;
exports.DEFAULT_POLICY_FACTS = [];
/** Prefix of the policies Microsoft manages; their contents cannot be read from a stack. */
exports.MICROSOFT_POLICY_PREFIX = "microsoft.";
/**
 * Tokens per minute for one unit of `sku.capacity`: 1,000 for most models, more for some reasoning models
 * (Microsoft Learn, Azure OpenAI quotas and limits, as of 2025-07; shared doc §3). Capacity is compared in
 * units; this table only converts for messages.
 */
exports.TOKENS_PER_CAPACITY_UNIT = {
    source: "Microsoft Learn: Azure OpenAI quotas and limits (2025-07)",
    default: 1000,
    byModel: { o1: 6000, "o1-mini": 10000, "o3-mini": 10000, "o3-pro": 10000 },
};
/** Fine-tuned model deployments per resource: both figures are kept with their source and date. */
exports.FINE_TUNED_DEPLOYMENT_LIMITS = {
    current: { perResource: 5, source: "Microsoft Learn: Azure OpenAI quotas and limits", asOf: "2025-07" },
    seed: {
        defaultPerResource: 2,
        maximumAfterRequest: 6,
        source: "Azure OpenAI applications note (../shared/seeds/azure-openai-applications.ja.md)",
        asOf: "2023",
    },
};
/** Fine-tuned Azure OpenAI models are named `<base model>.ft-<job id>`. */
exports.FINE_TUNED_MODEL_PATTERN = /\.ft-[0-9a-z]+/i;
/** The harm categories whose filters need an approval to turn off or to annotate only (shared doc §3). */
exports.HARM_CATEGORY_FILTERS = ["Hate", "Sexual", "Violence", "Selfharm"];
