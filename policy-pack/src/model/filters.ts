// Content filter names, sources and modes, as Azure spells them (shared doc §2).
import { ContentFilter, ContentFilterPolicy, FilterMode, Unknown, Value, isUnknown } from "./model";

/** A content filter Azure knows, by its words (`Protected Material Text`) and the source it acts on. */
export interface FilterSpec {
  readonly key: string;
  readonly display: string;
  readonly source: "Prompt" | "Completion";
}

/**
 * The filter names Azure uses (ARM 2025-06-01 PutRaiPolicy.json, ListRaiContentFilters.json; Terraform
 * azurerm and Bicep samples; shared doc §2). `alsoSpelled` lists other word splits in Azure's own use
 * (Content Safety calls Selfharm "SelfHarm"/"self_harm").
 */
const KNOWN_FILTERS: readonly { words: readonly string[]; alsoSpelled?: readonly (readonly string[])[] }[] = [
  { words: ["Hate"] },
  { words: ["Sexual"] },
  { words: ["Violence"] },
  { words: ["Selfharm"], alsoSpelled: [["Self", "Harm"]] },
  { words: ["Profanity"] },
  { words: ["Jailbreak"] },
  { words: ["Indirect", "Attack"] },
  { words: ["Protected", "Material", "Text"] },
  { words: ["Protected", "Material", "Code"] },
];

const KEYS = new Map<string, string>();
for (const f of KNOWN_FILTERS) {
  for (const words of [f.words, ...(f.alsoSpelled ?? [])])
    KEYS.set(words.join(" ").toLowerCase(), f.words.join(" ").toLowerCase());
}

/**
 * The catalogue key of the known filter a name spells, or undefined. A name counts only in a spelling
 * Azure uses: any case, words separated by exactly one space, `-` or `_`. `J_a-i l_b-r e_a-k` is not
 * Jailbreak, and neither is `ProtectedMaterialText`. The keys fix the words and the single separators; the
 * name must be ASCII letters and separators only, since `toLowerCase` turns some other letters (the Kelvin
 * sign) into ASCII ones.
 */
export function filterKey(name: string): string | undefined {
  if (/[^A-Za-z _-]/.test(name)) return undefined;
  return KEYS.get(name.toLowerCase().replace(/[_-]/g, " "));
}

/** Letters only, lower case: how a name that is not a valid spelling is matched to what it resembles. */
export function lettersOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, "");
}

function spec(display: string, source: FilterSpec["source"]): FilterSpec {
  return { key: display.toLowerCase(), display, source };
}

/** The filters the CCC requires, each on the source it counts on. */
export const FILTERS = {
  jailbreak: spec("Jailbreak", "Prompt"),
  protectedMaterialText: spec("Protected Material Text", "Completion"),
  protectedMaterialCode: spec("Protected Material Code", "Completion"),
} as const;

/** Harm categories: turning one off or to annotate only needs an approval (shared doc §3). */
export const HARM_CATEGORY_KEYS: ReadonlySet<string> = new Set(["hate", "sexual", "violence", "selfharm"]);

/** The documented policy modes (RaiPolicyMode, 2025-06-01): `Asynchronous_filter` replaced `Deferred`. */
const SYNCHRONOUS_MODES = new Set(["default", "blocking"]);
const ASYNCHRONOUS_MODES = new Set(["deferred", "asynchronous_filter"]);

/**
 * Whether a policy mode filters synchronously. An absent mode is the service's `Default`. A value outside
 * the documented ones cannot be shown to be synchronous, so it is `undocumented`, never synchronous.
 */
export function policyModeKind(mode: Value<string>): "synchronous" | "asynchronous" | "undocumented" | Unknown {
  if (isUnknown(mode)) return mode;
  if (mode === undefined) return "synchronous";
  const key = mode.toLowerCase();
  if (SYNCHRONOUS_MODES.has(key)) return "synchronous";
  return ASYNCHRONOUS_MODES.has(key) ? "asynchronous" : "undocumented";
}

/**
 * The mode of one filter entry. Inferred, not stated by Microsoft: filter mode is enabled+blocking,
 * annotate is enabled without blocking ("If blocking would occur"), Terraform's filter_enabled/block_enabled,
 * and the preview `action` field where BLOCKING means filter and ANNOTATING means annotate (shared doc §2).
 * Anything not spelled out is "unspecified": it cannot be shown to block.
 */
export function filterMode(filter: ContentFilter): FilterMode | Unknown {
  if (isUnknown(filter.enabled)) return filter.enabled;
  if (isUnknown(filter.blocking)) return filter.blocking;
  if (isUnknown(filter.action)) return filter.action;
  const enabled = filter.enabled as boolean | undefined;
  const blocking = filter.blocking as boolean | undefined;
  const action = filter.action === undefined ? undefined : (filter.action as string).toUpperCase();

  let fromFlags: FilterMode = "unspecified";
  if (enabled === false) fromFlags = blocking === true ? "contradictory" : "off";
  else if (enabled === true && blocking !== undefined) fromFlags = blocking ? "filter" : "annotate";
  if (action === undefined) return fromFlags;

  const fromAction = ACTION_MODES[action] ?? "unspecified";
  // Partial flags (enabled only, or neither) leave the mode to the action, where the API version has it.
  if (fromFlags === "unspecified") return filter.actionHonoured ? fromAction : "unspecified";
  return fromFlags === fromAction ? fromFlags : "contradictory";
}

/** HITL and RETRY are not shown to block protected output, so they count as unspecified. */
const ACTION_MODES: Record<string, FilterMode> = { BLOCKING: "filter", ANNOTATING: "annotate", NONE: "off" };

/** What a policy holds for one required filter. */
export type FilterCheck =
  | { readonly state: "ok"; readonly mode: "filter" | "annotate"; readonly entries: readonly ContentFilter[] }
  | {
      readonly state: "missing";
      readonly wrongSource: readonly ContentFilter[];
      /** Entries whose name resembles the filter but is not a spelling Azure accepts. */
      readonly lookalikes: readonly ContentFilter[];
    }
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
  if (entries.length === 0) {
    // Same letters but not the filter's key: a name Azure does not spell (a spelling of it would have its key).
    const letters = lettersOf(spec.display);
    const lookalikes = policy.filters.filter((f) => f.key !== spec.key && lettersOf(f.name) === letters);
    return { state: "missing", wrongSource, lookalikes };
  }

  // One mode when every entry has it, else contradictory; an entry whose mode is not known makes it unknown.
  let mode: FilterMode | undefined;
  for (const f of entries) {
    const entryMode = filterMode(f);
    if (isUnknown(entryMode)) return { state: "unknown", unknown: entryMode };
    mode = mode === undefined || mode === entryMode ? entryMode : "contradictory";
  }
  const found = mode!;
  // Stryker disable next-line ConditionalExpression: the first test narrows the type only (accepted holds no other mode)
  if ((found === "filter" || found === "annotate") && accepted.includes(found))
    return { state: "ok", mode: found, entries };
  return { state: "weak", mode: found, entries };
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
