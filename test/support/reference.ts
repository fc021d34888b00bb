// An independent reference for the CCC content-filter rules, written from Microsoft's "Customer Copyright
// Commitment Required Mitigations" table and the pack's documented semantics (README, docs/rules.md). It
// deliberately imports nothing from policy-pack/src, so a property test can compare the two.
//
// CCC table, per use case:
//   text generation: Protected Material Text (on completions) in filter mode, Jailbreak (on prompts) in filter
//                    mode; no asynchronous filter (flagged text output is not covered).
//   code generation: Protected Material Code (on completions) in annotate or filter mode, annotate only if the
//                    customer complies with cited licences; Jailbreak in filter mode; asynchronous filter only if
//                    the customer complies with cited licences.
//   image generation, speech, other: no content-filter requirement, but the use case must be declared.
//
// Documented reading of the ARM fields (README "What an infrastructure check cannot see", docs/rules.md):
//   - a filter entry is in filter mode when enabled and blocking are both true, in annotate mode when enabled
//     is true and blocking false, off when enabled is false; the preview `action` says BLOCKING (filter),
//     ANNOTATING (annotate), NONE (off); HITL/RETRY and anything else are not shown to block. When the flags
//     and the action both speak they must agree; enabled alone (or nothing) leaves the mode to the action.
//   - names compare lower-case without spaces, '-' and '_'; sources compare case-insensitively.
//   - a filter listed more than once on its source counts only if every copy is in the same mode.
//   - a deployment with no raiPolicyName (or an empty one), or one naming a Microsoft.* policy, cannot be
//     shown compliant when it serves text or code; a name found neither in the stack nor in config fails.

export type RefUseCase = "text-generation" | "code-generation" | "image-generation" | "speech" | "other";
const ALL_USE_CASES: readonly RefUseCase[] = [
  "text-generation",
  "code-generation",
  "image-generation",
  "speech",
  "other",
];

export interface RefFilter {
  readonly name: string;
  readonly source?: string;
  readonly enabled?: boolean;
  readonly blocking?: boolean;
  readonly action?: string;
}

export interface Scenario {
  readonly accountName: string;
  readonly accountTag?: string;
  readonly policyName: string;
  readonly policyMode?: string;
  readonly policyTag?: string;
  readonly filters: readonly RefFilter[];
  /** The policy is a stack resource, or declared in ccc-organization-config.externalRaiPolicies. */
  readonly policyWhere: "stack" | "external";
  /** What the deployment's properties.raiPolicyName says (undefined: absent). */
  readonly raiPolicyName?: string;
  readonly deploymentTag?: string;
  /** The account name as the deployment writes it (Azure names are case-insensitive). */
  readonly deploymentAccountName: string;
  readonly licenceComplianceDeclared: boolean;
  readonly defaultUseCases: readonly RefUseCase[];
  readonly acceptMicrosoftDefaultPolicy: boolean;
}

export interface RefVerdict {
  readonly compliant: boolean;
  readonly reasons: readonly string[];
}

type Mode = "filter" | "annotate" | "other";

/** Characters the comparison of filter names ignores. */
const IGNORED_IN_NAMES = new Set([" ", "\t", "\n", "\r", "-", "_"]);

export function sameFilterName(a: string, b: string): boolean {
  const squash = (s: string) =>
    [...s.toLowerCase()].filter((c) => !IGNORED_IN_NAMES.has(c) && c.trim() !== "").join("");
  return squash(a) === squash(b);
}

/** The mode an entry is in, as the table above reads it. */
export function referenceMode(f: RefFilter): Mode {
  // What the two boolean flags say on their own, as a lookup on "enabled/blocking".
  const byFlags: Record<string, Mode | "off" | "silent" | "broken"> = {
    "true/true": "filter",
    "true/false": "annotate",
    "false/false": "off",
    "false/undefined": "off",
    "false/true": "broken", // disabled yet blocking: contradicts itself
    "true/undefined": "silent",
    "undefined/undefined": "silent",
    "undefined/true": "silent",
    "undefined/false": "silent",
  };
  const flags = byFlags[`${String(f.enabled)}/${String(f.blocking)}`];
  const byAction: Record<string, Mode | "off"> = { BLOCKING: "filter", ANNOTATING: "annotate", NONE: "off" };
  const action = f.action === undefined ? undefined : (byAction[f.action.toUpperCase()] ?? "unrecognised");
  if (flags === "broken") return "other";
  if (action === undefined) return flags === "filter" || flags === "annotate" ? flags : "other";
  if (flags === "silent") return action === "filter" || action === "annotate" ? action : "other";
  return flags === action && (flags === "filter" || flags === "annotate") ? flags : "other";
}

/** The single mode of every entry for `name` on `source`, or undefined when absent or copies disagree. */
function modeOf(filters: readonly RefFilter[], name: string, source: string): Mode | undefined {
  const entries = filters.filter(
    (f) => sameFilterName(f.name, name) && f.source !== undefined && f.source.toLowerCase() === source.toLowerCase(),
  );
  if (entries.length === 0) return undefined;
  const modes = new Set(entries.map(referenceMode));
  return modes.size === 1 ? [...modes][0] : "other";
}

/** Parses a ccc-use-case tag: comma-separated, case and whitespace ignored. */
export function referenceTag(tag: string | undefined): { values: RefUseCase[]; invalid: boolean } {
  if (tag === undefined) return { values: [], invalid: false };
  const values: RefUseCase[] = [];
  let invalid = false;
  for (const part of tag.split(",")) {
    const word = part
      .split("")
      .filter((c) => c.trim() !== "")
      .join("")
      .toLowerCase();
    if (word === "") continue;
    const found = ALL_USE_CASES.find((u) => u === word);
    if (found === undefined) invalid = true;
    else if (!values.includes(found)) values.push(found);
  }
  return { values, invalid };
}

function isAsynchronous(mode: string | undefined): boolean {
  if (mode === undefined) return false;
  const word = mode.toLowerCase().replace(/[^a-z]/g, "");
  return word === "asynchronousfilter" || word === "deferred";
}

/** Whether the deployment of `s` has no mandatory violation, with the reasons when it has. */
export function referenceVerdict(s: Scenario): RefVerdict {
  const reasons: string[] = [];
  const own = referenceTag(s.deploymentTag);
  if (own.invalid) reasons.push("deployment tag has an invalid value");

  const name = s.raiPolicyName?.trim() === "" ? undefined : s.raiPolicyName;
  const kind =
    name === undefined
      ? "service-default"
      : name.toLowerCase().startsWith("microsoft.")
        ? "microsoft"
        : name.toLowerCase() === s.policyName.toLowerCase() &&
            (s.policyWhere === "external" || s.deploymentAccountName.toLowerCase() === s.accountName.toLowerCase())
          ? "resolved"
          : "unresolved";

  const useCases = new Set<RefUseCase>(own.values);
  if (useCases.size === 0 && s.deploymentAccountName.toLowerCase() === s.accountName.toLowerCase()) {
    referenceTag(s.accountTag).values.forEach((u) => useCases.add(u));
  }
  if (kind === "resolved" && s.policyWhere === "stack") {
    referenceTag(s.policyTag).values.forEach((u) => useCases.add(u));
  }
  if (useCases.size === 0) s.defaultUseCases.forEach((u) => useCases.add(u));
  if (useCases.size === 0) reasons.push("no use case declared");

  const text = useCases.has("text-generation");
  const code = useCases.has("code-generation");
  if (kind === "unresolved") reasons.push("policy not in the stack nor in config");
  if ((text || code) && (kind === "service-default" || kind === "microsoft")) reasons.push(`runs on ${kind}`);
  if (kind === "resolved") {
    const jailbreak = modeOf(s.filters, "Jailbreak", "Prompt");
    const pmText = modeOf(s.filters, "Protected Material Text", "Completion");
    const pmCode = modeOf(s.filters, "Protected Material Code", "Completion");
    const asynchronous = isAsynchronous(s.policyMode);
    if ((text || code) && jailbreak !== "filter") reasons.push("Jailbreak not in filter mode");
    if (text && pmText !== "filter") reasons.push("Protected Material Text not in filter mode");
    if (text && asynchronous) reasons.push("asynchronous filter for text");
    if (code) {
      const accepted = s.licenceComplianceDeclared ? ["filter", "annotate"] : ["filter"];
      if (pmCode === undefined || !accepted.includes(pmCode)) reasons.push("Protected Material Code not accepted");
      if (asynchronous && !s.licenceComplianceDeclared) reasons.push("asynchronous filter for code without licence");
    }
  }
  return { compliant: reasons.length === 0, reasons };
}

/** The resources and config of a scenario, in azure-native input shape. */
export function scenarioInputs(s: Scenario): {
  account: Record<string, unknown>;
  policy?: Record<string, unknown>;
  deployment: Record<string, unknown>;
  config: Record<string, Record<string, unknown>>;
} {
  const account = {
    accountName: s.accountName,
    resourceGroupName: "rg",
    kind: "OpenAI",
    sku: { name: "S0" },
    ...(s.accountTag === undefined ? {} : { tags: { "ccc-use-case": s.accountTag } }),
  };
  const policyBody = {
    ...(s.policyMode === undefined ? {} : { mode: s.policyMode }),
    contentFilters: s.filters.map((f) => ({ ...f })),
  };
  const policy =
    s.policyWhere === "stack"
      ? {
          accountName: s.accountName,
          resourceGroupName: "rg",
          raiPolicyName: s.policyName,
          properties: policyBody,
          ...(s.policyTag === undefined ? {} : { tags: { "ccc-use-case": s.policyTag } }),
        }
      : undefined;
  const deployment = {
    accountName: s.deploymentAccountName,
    resourceGroupName: "rg",
    deploymentName: "chat",
    sku: { name: "Standard", capacity: 10 },
    properties: {
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
      ...(s.raiPolicyName === undefined ? {} : { raiPolicyName: s.raiPolicyName }),
    },
    ...(s.deploymentTag === undefined ? {} : { tags: { "ccc-use-case": s.deploymentTag } }),
  };
  const external =
    s.policyWhere === "external"
      ? [{ name: s.policyName, ...policyBody, contentFilters: s.filters.map((f) => ({ ...f })) }]
      : [];
  return {
    account,
    policy,
    deployment,
    config: {
      "ccc-organization-config": {
        licenceComplianceDeclared: s.licenceComplianceDeclared,
        defaultUseCases: [...s.defaultUseCases],
        acceptMicrosoftDefaultPolicy: s.acceptMicrosoftDefaultPolicy,
        externalRaiPolicies: external,
      },
    },
  };
}

/** Policies whose findings are advisory by default: they never make a deployment non-compliant. */
export const ADVISORY_POLICIES: ReadonlySet<string> = new Set(["ccc-code-licence-notice", "ccc-universal-evidence"]);
