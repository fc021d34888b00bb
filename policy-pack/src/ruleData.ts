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
