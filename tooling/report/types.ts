// The shape of the CCC evidence report. `--format json` prints a `CccReport` exactly, and
// tooling/report/report.schema.json documents and checks it (tests validate every output against it). The
// Markdown and SARIF renderers read the same object, so the formats never disagree.
//
// Every verdict, finding and compliance flag here is copied from the pack's one judgement pipeline
// (`evaluateStack` in policy-pack/src/api.ts); the report only arranges and shows them.

/** Bumped on any incompatible change of this shape (see report.schema.json). */
export const SCHEMA_VERSION = 1;

export type Level = "mandatory" | "advisory" | "disabled";
export type EnforcementLevel = "mandatory" | "advisory" | "remediate" | "disabled";
export type VerdictKind = "pass" | "not applicable" | "violation" | "undecided" | "waived" | "disabled" | "deferred";

export interface ResourceId {
  readonly urn: string;
  /** Pulumi logical name. */
  readonly name: string;
  readonly type: string;
}

/** A waiver as configured in ccc-organization-config.waivers. */
export interface Waiver {
  readonly policy: string;
  readonly resource: string;
  readonly reason: string;
  readonly approvedBy: string;
  /** Last day it applies (YYYY-MM-DD). */
  readonly expires: string;
}

export interface WaiverInfo extends Waiver {
  /** An expired waiver no longer applies: the finding stays and says so. */
  readonly expired: boolean;
}

/** One finding as the pack reports it: a violation, an undecided value, a waived finding or a note. */
export interface Finding {
  readonly ruleId: string;
  /** The level it is reported at (a waived finding and a note are advisory). */
  readonly level: "mandatory" | "advisory";
  readonly verdict: "violation" | "undecided" | "waived" | "note";
  readonly resource: ResourceId;
  readonly message: string;
  readonly fix: string | null;
  /** The rule's section of docs/rules.md. */
  readonly docs: string;
  readonly waiver?: WaiverInfo;
}

/** One rule's verdict on one resource. */
export interface RuleVerdict {
  readonly ruleId: string;
  readonly level: Level;
  readonly verdict: VerdictKind;
  /** The findings behind the verdict (a shared problem may be reported under another rule's id). */
  readonly findings: readonly Finding[];
  /** Advisory notes the rule gave. */
  readonly notes: readonly Finding[];
  /** Why the rule does not apply, for "not applicable". */
  readonly notApplicable?: string;
}

/** A value as the report shows it: null when absent; "[secret]" for a secret; "(not known)" when undecided. */
export type Shown = string | null;

/** The state of one filter the CCC requires, in the policy's own words. */
export type FilterState = "filter" | "annotate" | "off" | "unspecified" | "contradictory" | "missing" | "unknown";

export interface FilterEntry {
  /** `properties.contentFilters[8] ("Jailbreak", Prompt)`: the entry as written. */
  readonly entry: string;
  readonly enabled: boolean | "[secret]" | null;
  readonly blocking: boolean | "[secret]" | null;
  readonly action: Shown;
}

export interface RequiredFilterState {
  /** "Jailbreak", "Protected Material Text" or "Protected Material Code". */
  readonly filter: string;
  /** The source it counts on: "Prompt" or "Completion". */
  readonly source: string;
  readonly state: FilterState;
  /** The pack's wording of the state. */
  readonly description: string;
  readonly entries: readonly FilterEntry[];
  /** Entries with the right name on another source (they do not count). */
  readonly wrongSource: readonly FilterEntry[];
}

export type PolicyResolutionKind =
  | "resolved"
  | "service-assigned"
  | "microsoft-unaccepted"
  | "unresolved"
  | "subscription-level"
  | "ambiguous"
  | "undecided";

/** The content filter (RAI) policy a deployment runs on, as the pack resolved it. */
export interface PolicyInfo {
  readonly resolution: PolicyResolutionKind;
  /** How the pack names it in messages, or why there is none. */
  readonly label: string;
  readonly name: Shown;
  /** Where a resolved policy comes from. */
  readonly origin: "stack" | "external" | "microsoft" | null;
  /** The stack resource, for a policy in the stack. */
  readonly resource?: ResourceId;
  readonly mode: Shown;
  /** How the mode filters: synchronous, asynchronous, undocumented (never synchronous), or "(not known)". */
  readonly modeKind: "synchronous" | "asynchronous" | "undocumented" | "(not known)" | null;
  readonly basePolicyName: Shown;
  /** The required filters' states; empty when the policy's filters are not known to the pack. */
  readonly filters: readonly RequiredFilterState[];
}

export interface EvidenceItem {
  readonly what: "metaprompt" | "evaluation report";
  readonly tag: string;
  readonly pointer: Shown;
  readonly dateTag: string;
  readonly date: Shown;
  /** Whole days from the date to the verdict time (the rule's own computation), when the date is one. */
  readonly ageDays: number | null;
  /** "deployment", `account "<name>"`, or null when absent. */
  readonly declaredOn: string | null;
}

export interface UseCases {
  readonly state: "known" | "undecided";
  /** Empty when a secret declared them (see `secret`) or they are undecided. */
  readonly values: readonly string[];
  readonly declaredOn: readonly string[];
  readonly secret: boolean;
  /** Why they cannot be decided, or how the declaration was narrowed or overridden. */
  readonly note?: string;
}

export interface DeploymentRow {
  readonly resource: ResourceId;
  readonly flavour: string;
  /** The Azure deployment name. */
  readonly deploymentName: Shown;
  readonly account: { readonly name: Shown; readonly resource?: ResourceId; readonly lookup: string };
  readonly model: {
    readonly name: Shown;
    readonly version: Shown;
    readonly format: Shown;
    /** Whether the CCC covers the model (a model.format other than OpenAI is not covered). */
    readonly covered: boolean | null;
  };
  readonly sku: { readonly name: Shown; readonly capacity: number | "[secret]" | "(not known)" | null };
  readonly useCases: UseCases;
  readonly policy: PolicyInfo;
  readonly evidence: readonly EvidenceItem[];
  readonly verdicts: readonly RuleVerdict[];
  /** The pipeline's compliance: no mandatory violation or undecided value that is not waived. */
  readonly compliant: boolean;
}

/** A RAI policy in the stack, checked against its own `ccc-use-case` tag. */
export interface RaiPolicyRow {
  readonly resource: ResourceId;
  readonly policy: PolicyInfo;
  readonly useCases: UseCases;
  readonly verdicts: readonly RuleVerdict[];
  readonly compliant: boolean;
}

export interface AccountRow {
  readonly resource: ResourceId;
  readonly name: Shown;
  readonly kind: Shown;
  readonly verdicts: readonly RuleVerdict[];
  readonly compliant: boolean;
}

/** Counts of findings by verdict, at the level they are reported at. */
export interface FindingCounts {
  readonly mandatoryViolations: number;
  readonly advisoryViolations: number;
  readonly undecided: number;
  readonly waived: number;
  readonly notes: number;
}

export interface StackSummary extends FindingCounts {
  /** Every subject (deployment, RAI policy, account) is compliant. */
  readonly compliant: boolean;
  readonly deployments: number;
  readonly compliantDeployments: number;
  /** Findings per rule id (only rules with some finding), by verdict. */
  readonly byRule: Readonly<Record<string, FindingCounts>>;
}

export interface StackReport {
  readonly input: {
    readonly kind: "stack-export" | "program";
    /** The path as given (or found from a directory or glob). */
    readonly path: string;
    readonly project: string | null;
    readonly stack: string | null;
    /** When the state was written (`deployment.manifest.time` of the export), if it says. */
    readonly stateTime: string | null;
    /** Resources in the input, and those the pack reads (accounts, RAI policies, deployments). */
    readonly resources: number;
    readonly modelled: number;
  };
  /** The day the verdicts were taken as of (YYYY-MM-DD) and the exact instant. */
  readonly asOf: string;
  readonly verdictTime: string;
  readonly summary: StackSummary;
  readonly deployments: readonly DeploymentRow[];
  readonly raiPolicies: readonly RaiPolicyRow[];
  readonly accounts: readonly AccountRow[];
  /** Every finding, each problem once, in the pipeline's order. */
  readonly findings: readonly Finding[];
  /** Configured waivers that matched nothing in this stack. */
  readonly unusedWaivers: readonly Waiver[];
}

export interface RuleSummary {
  readonly id: string;
  readonly name: string;
  readonly group: string;
  readonly severity: string;
  readonly defaultEnforcement: string;
  /** The level in force: the config's, else the default. */
  readonly level: EnforcementLevel;
  readonly clauses: readonly {
    readonly id: string;
    readonly kind: string;
    readonly quote: string;
    readonly effective: string | null;
    readonly source: { readonly title: string; readonly url: string };
  }[];
  readonly remediation: string;
  readonly docs: string;
}

export interface CccReport {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly pack: { readonly name: string; readonly version: string };
  /** ISO timestamp of the run. */
  readonly generatedAt: string;
  /** The day the verdicts hold for (YYYY-MM-DD): --as-of, else ccc-organization-config.asOfDate, else the run's day. */
  readonly asOf: string;
  readonly config: { readonly file: string | null };
  readonly rules: readonly RuleSummary[];
  readonly totals: FindingCounts & {
    readonly compliant: boolean;
    readonly stacks: number;
    readonly compliantStacks: number;
    readonly deployments: number;
    readonly compliantDeployments: number;
    readonly byRule: Readonly<Record<string, FindingCounts>>;
  };
  readonly stacks: readonly StackReport[];
}
