// The shape of the CCC evidence report. `--format json` prints a `CccEvidenceReport` exactly; the Markdown and
// SARIF renderers are built from the same object, so the three formats never disagree.

/** What a rule decided for one resource. */
export type Verdict = "pass" | "violation" | "waived" | "undecidable" | "not applicable" | "disabled";

/** The enforcement level in force for a rule: the pack config's, else the rule's default. */
export type EnforcementLevel = "mandatory" | "advisory" | "disabled";

export interface ResourceId {
  readonly urn: string;
  /** Pulumi logical name. */
  readonly name: string;
  readonly type: string;
}

export interface WaiverInfo {
  readonly policy: string;
  readonly resource: string;
  readonly reason: string;
  readonly approvedBy: string;
  readonly expires: string;
  /** Expired waivers no longer apply: the finding stays a violation and this says why. */
  readonly expired: boolean;
}

/** One rule's verdict on one resource. */
export interface RuleVerdict {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly level: EnforcementLevel;
  readonly verdict: Verdict;
  readonly cccClause: string;
  /** ISO date the CCC requirement took effect, or null for pack-internal checks. */
  readonly effectiveDate: string | null;
  /** The pack's own messages (violation, undecidable, or the finding a waiver exempts). Empty for a pass. */
  readonly messages: readonly string[];
  /** Why the rule does not apply, for "not applicable"; otherwise absent. */
  readonly note?: string;
  /** Advisory notes the rule gave (reported at advisory level whatever the rule's level, never waived). */
  readonly notes?: readonly string[];
  /** The waiver that exempts (or, if expired, no longer exempts) the finding. */
  readonly waiver?: WaiverInfo;
}

/**
 * The state of one required filter (Jailbreak/Prompt, Protected Material Text/Completion, Protected
 * Material Code/Completion) in a policy: its mode, "missing", or "unknown" when a value cannot be read.
 */
export type FilterState = "filter" | "annotate" | "off" | "unspecified" | "contradictory" | "missing" | "unknown";

export interface FilterEntry {
  /** `contentFilters[8] ("Jailbreak", Prompt)`: the entry as written. */
  readonly entry: string;
  readonly enabled: boolean | null;
  readonly blocking: boolean | null;
  readonly action: string | null;
}

export interface RequiredFilterState {
  /** "Jailbreak", "Protected Material Text" or "Protected Material Code". */
  readonly filter: string;
  /** The source the CCC needs it on: "Prompt" or "Completion". */
  readonly source: string;
  readonly state: FilterState;
  /** The pack's wording of the state (describeMode), or why it is missing/unknown. */
  readonly description: string;
  /** The entries on the required source. */
  readonly entries: readonly FilterEntry[];
  /** Entries with the right name on another source (they do not count). */
  readonly wrongSource: readonly FilterEntry[];
}

export type PolicyOrigin = "in-stack" | "external" | "service-default" | "microsoft-managed" | "unresolved" | "unknown";

/** The content filter (RAI) policy a deployment runs on. */
export interface PolicyInfo {
  /** The policy name (null: none named, or not known). */
  readonly name: string | null;
  readonly origin: PolicyOrigin;
  /** The stack resource, for an in-stack policy. */
  readonly resource?: ResourceId;
  readonly mode: string | null;
  /** True for Asynchronous_filter / Deferred. */
  readonly asynchronous: boolean;
  readonly basePolicyName: string | null;
  /** The required filters' states; empty when the policy's filters cannot be read (default, unresolved). */
  readonly filters: readonly RequiredFilterState[];
  /** Why the origin is unknown, when it is. */
  readonly note?: string;
}

export interface EvidenceItem {
  /** The tag holding the pointer: `ccc-metaprompt` or `ccc-evaluation-report`. */
  readonly tag: string;
  readonly value: string | null;
  readonly dateTag: string;
  readonly date: string | null;
  /** Days between the date and the as-of date, when both are known. */
  readonly ageDays: number | null;
  /** "deployment", `account "<name>"`, or null when absent. */
  readonly declaredOn: string | null;
}

export interface DeploymentRow {
  readonly resource: ResourceId;
  /** The Azure deployment name. */
  readonly deploymentName: string | null;
  readonly account: { readonly name: string | null; readonly resource?: ResourceId };
  readonly model: { readonly name: string | null; readonly version: string | null; readonly format: string | null };
  readonly sku: { readonly name: string | null; readonly capacity: number | null };
  readonly useCases: {
    readonly values: readonly string[];
    readonly declaredOn: readonly string[];
    /** Set when the use cases cannot be decided. */
    readonly undecidable?: string;
  };
  readonly policy: PolicyInfo;
  readonly evidence: { readonly metaprompt: EvidenceItem; readonly evaluationReport: EvidenceItem };
  readonly verdicts: readonly RuleVerdict[];
  /** No mandatory violation or undecidable verdict on this row. */
  readonly compliant: boolean;
}

/** A RAI policy in the stack, checked against its own `ccc-use-case` tag. */
export interface RaiPolicyRow {
  readonly resource: ResourceId;
  readonly policy: PolicyInfo;
  readonly useCases: readonly string[];
  readonly verdicts: readonly RuleVerdict[];
  readonly compliant: boolean;
}

export interface AccountRow {
  readonly resource: ResourceId;
  readonly name: string | null;
  readonly kind: string | null;
  readonly useCases: readonly string[];
  readonly verdicts: readonly RuleVerdict[];
  readonly compliant: boolean;
}

/** A violation, undecidable or waived verdict, or an advisory note, flat: what SARIF lists and what CI reads. */
export interface Finding {
  readonly ruleId: string;
  readonly level: EnforcementLevel;
  readonly verdict: "violation" | "undecidable" | "waived" | "note";
  /** Absent for a finding about the pack config itself. */
  readonly resource?: ResourceId;
  readonly message: string;
  readonly waiver?: WaiverInfo;
}

export interface RuleSummary {
  readonly id: string;
  readonly name: string;
  readonly level: EnforcementLevel;
  readonly defaultEnforcement: string;
  readonly severity: string;
  readonly cccClause: string;
  readonly effectiveDate: string | null;
  readonly remediation: string;
  readonly docsAnchor: string;
}

export interface CccEvidenceReport {
  /** Bumped on any incompatible change of this shape. */
  readonly reportVersion: 1;
  readonly pack: { readonly name: string; readonly version: string };
  readonly input: {
    readonly kind: "stack-export" | "program";
    /** The path as given on the command line. */
    readonly path: string;
    readonly project: string | null;
    readonly stack: string | null;
    readonly configFile: string | null;
    /** Resource counts: all in the input, and those the pack models (accounts, policies, deployments). */
    readonly resources: number;
    readonly modelled: number;
  };
  /** ISO timestamp of the run. */
  readonly generatedAt: string;
  /** The date the verdicts hold for (YYYY-MM-DD): --as-of, else the day of the run. */
  readonly asOf: string;
  readonly summary: {
    readonly compliant: boolean;
    readonly deployments: number;
    readonly compliantDeployments: number;
    readonly mandatoryViolations: number;
    readonly advisoryViolations: number;
    readonly undecidable: number;
    readonly waived: number;
    /** Advisory notes (see RuleVerdict.notes). */
    readonly notes: number;
    /** Rule ids disabled in the pack config: not evaluated, so not evidence of anything. */
    readonly disabledRules: readonly string[];
    /** Problems in the pack config (the pack falls back to safe defaults and reports them). */
    readonly configErrors: readonly string[];
    /** Waivers that matched no finding (stale). */
    readonly unusedWaivers: readonly WaiverInfo[];
  };
  readonly rules: readonly RuleSummary[];
  readonly deployments: readonly DeploymentRow[];
  readonly raiPolicies: readonly RaiPolicyRow[];
  readonly accounts: readonly AccountRow[];
  readonly findings: readonly Finding[];
}
