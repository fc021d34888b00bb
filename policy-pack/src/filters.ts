import { ContentFilter, ContentFilterPolicy, FilterMode, Unknown, isUnknown } from "./model";

/**
 * Filter names are free strings in the ARM schema, and community samples send lower case ("jailbreak"),
 * so names are compared after lower-casing and dropping spaces, `-` and `_` (shared doc §2).
 */
export function filterKey(name: string): string {
  return name.toLowerCase().replace(/[\s\-_]/g, "");
}

export const FILTERS = {
  jailbreak: { key: filterKey("Jailbreak"), display: "Jailbreak", source: "Prompt" },
  protectedMaterialText: {
    key: filterKey("Protected Material Text"),
    display: "Protected Material Text",
    source: "Completion",
  },
  protectedMaterialCode: {
    key: filterKey("Protected Material Code"),
    display: "Protected Material Code",
    source: "Completion",
  },
} as const;
export type FilterSpec = (typeof FILTERS)[keyof typeof FILTERS];

/** The policy modes that filter asynchronously: `Asynchronous_filter` replaced `Deferred` in 2025-06-01. */
export function isAsynchronousMode(mode: string): boolean {
  const normalized = filterKey(mode);
  return normalized === "asynchronousfilter" || normalized === "deferred";
}

/**
 * The mode of one filter entry. Inferred, not stated by Microsoft: filter mode is enabled+blocking,
 * annotate is enabled without blocking ("If blocking would occur"), Terraform's filter_enabled/block_enabled,
 * and the preview `action` field where BLOCKING means filter and ANNOTATING means annotate (shared doc §2).
 * Anything not spelled out is "unspecified": it cannot be shown to block.
 */
export function filterMode(filter: ContentFilter): FilterMode | Unknown {
  for (const v of [filter.enabled, filter.blocking, filter.action]) {
    if (isUnknown(v)) return v;
  }
  const enabled = filter.enabled as boolean | undefined;
  const blocking = filter.blocking as boolean | undefined;
  const action = filter.action === undefined ? undefined : (filter.action as string).toUpperCase();

  let fromFlags: FilterMode = "unspecified";
  if (enabled === false) fromFlags = blocking === true ? "contradictory" : "off";
  else if (enabled === true && blocking !== undefined) fromFlags = blocking ? "filter" : "annotate";
  if (action === undefined) return fromFlags;

  const fromAction = ACTION_MODES[action] ?? "unspecified";
  // Partial flags (enabled only, or neither) leave the mode to the action.
  if (fromFlags === "unspecified") return fromAction;
  return fromFlags === fromAction ? fromFlags : "contradictory";
}

/** HITL and RETRY are not shown to block protected output, so they count as unspecified. */
const ACTION_MODES: Record<string, FilterMode> = { BLOCKING: "filter", ANNOTATING: "annotate", NONE: "off" };

/** What a policy holds for one required filter. */
export type FilterCheck =
  | { readonly state: "ok"; readonly mode: "filter" | "annotate"; readonly entries: readonly ContentFilter[] }
  | { readonly state: "missing"; readonly wrongSource: readonly ContentFilter[] }
  | { readonly state: "weak"; readonly mode: FilterMode; readonly entries: readonly ContentFilter[] }
  | { readonly state: "unknown"; readonly unknown: Unknown };

/**
 * Finds the entries for `spec` on its required source. Copies that disagree make the filter
 * "contradictory", so a filter listed twice never passes on its stronger copy.
 */
export function checkFilter(
  policy: ContentFilterPolicy,
  spec: FilterSpec,
  accepted: readonly ("filter" | "annotate")[],
): FilterCheck {
  if (isUnknown(policy.filters)) return { state: "unknown", unknown: policy.filters };
  const entries: ContentFilter[] = [];
  const wrongSource: ContentFilter[] = [];
  for (const f of policy.filters) {
    if (f.key !== spec.key) continue;
    if (isUnknown(f.source)) return { state: "unknown", unknown: f.source };
    if (typeof f.source === "string" && f.source.toLowerCase() === spec.source.toLowerCase()) entries.push(f);
    else wrongSource.push(f);
  }
  if (entries.length === 0) return { state: "missing", wrongSource };

  const modes = new Set<FilterMode>();
  for (const f of entries) {
    const mode = filterMode(f);
    if (isUnknown(mode)) return { state: "unknown", unknown: mode };
    modes.add(mode);
  }
  const mode: FilterMode = modes.size === 1 ? [...modes][0] : "contradictory";
  const isAccepted = (m: FilterMode): m is "filter" | "annotate" => (accepted as readonly FilterMode[]).includes(m);
  return isAccepted(mode) ? { state: "ok", mode, entries } : { state: "weak", mode, entries };
}

/** `contentFilters[2] ("jailbreak", Prompt)`: how messages point at an entry as the user wrote it. */
export function describeEntry(f: ContentFilter): string {
  const source = typeof f.source === "string" ? `, ${f.source}` : "";
  return `contentFilters[${f.index}] ("${f.name}"${source})`;
}

const MODE_WORDS: Record<FilterMode, string> = {
  filter: "filter mode (enabled, blocking)",
  annotate: "annotate mode (enabled: true, blocking: false)",
  off: "off (enabled: false)",
  unspecified: "a mode that cannot be shown to block (enabled/blocking not both set, or an unrecognised action)",
  contradictory: "a contradictory state (its enabled, blocking and action fields disagree, or it is listed twice)",
};

export function describeMode(mode: FilterMode): string {
  return MODE_WORDS[mode];
}
