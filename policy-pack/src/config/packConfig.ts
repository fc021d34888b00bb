// The one reader of pack config as users write it for `--policy-pack-config` and `pulumi policy enable`:
// policy id -> enforcement level, or {enforcementLevel?, ...the policy's config}. The CLIs, the harness and
// the evidence report all read config through it, so they agree with the engine.
import { describeValue } from "./schema";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface PolicyEntry {
  /** Undefined: the policy's default level. */
  readonly level?: EnforcementLevel;
  /** The policy's own config, without enforcementLevel. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** Pack config as JSON: policy id -> level or {enforcementLevel?, ...config}. */
export type RawPackConfig = Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The key the engine reads as an enforcement level for every policy (`pulumi/pkg/resource/analyzer/config.go`). */
export const ALL_POLICIES = "all";

/**
 * Splits each entry into its level and config. Errors name the key and the fix; an unknown policy id is an
 * error (`pulumi policy validate-config` rejects it too). As in the engine, `"all"` sets the level of every
 * policy whose own entry sets none, so a pack version with new rules keeps a rollout step's level.
 */
export function readPackConfig(
  raw: unknown,
  knownPolicies: readonly string[],
  source = "pack config",
): { readonly entries: ReadonlyMap<string, PolicyEntry>; readonly errors: readonly string[] } {
  const entries = new Map<string, PolicyEntry>();
  const errors: string[] = [];
  if (raw === undefined || raw === null) return { entries, errors };
  if (!isRecord(raw))
    return {
      entries,
      errors: [`${source}: must be a JSON object of policy id -> level or settings, got ${describeValue(raw)}`],
    };
  const { [ALL_POLICIES]: all, ...perPolicy } = raw;
  const allEntry = all === undefined ? undefined : readEntry(source, ALL_POLICIES, all, errors);
  if (allEntry !== undefined && Object.keys(allEntry.config).length > 0)
    errors.push(`${source}: "${ALL_POLICIES}" sets only an enforcement level; put settings under a policy id`);
  const allLevel = allEntry?.level;
  if (allLevel !== undefined) for (const id of knownPolicies) entries.set(id, { level: allLevel, config: {} });
  for (const [id, entry] of Object.entries(perPolicy)) {
    if (!knownPolicies.includes(id)) {
      errors.push(`${source}: "${id}" is not a policy of this pack; known policies: ${knownPolicies.join(", ")}`);
      continue;
    }
    const read = readEntry(source, id, entry, errors);
    if (read !== undefined) entries.set(id, { level: read.level ?? allLevel, config: read.config });
  }
  return { entries, errors };
}

/** One entry: a level, or {enforcementLevel?, ...config}; undefined when it is neither. */
function readEntry(source: string, id: string, entry: unknown, errors: string[]): PolicyEntry | undefined {
  if (typeof entry === "string") {
    if (isLevel(entry)) return { level: entry, config: {} };
    errors.push(levelError(source, id, entry));
    return undefined;
  }
  if (!isRecord(entry)) {
    errors.push(`${source}: "${id}" must be an enforcement level or an object, got ${describeValue(entry)}`);
    return undefined;
  }
  const { enforcementLevel, ...config } = entry;
  if (enforcementLevel === undefined || isLevel(enforcementLevel)) return { level: enforcementLevel, config };
  errors.push(levelError(source, id, enforcementLevel));
  return { config };
}

function isLevel(v: unknown): v is EnforcementLevel {
  return typeof v === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);
}

function levelError(source: string, id: string, level: unknown): string {
  return `${source}: "${id}" has enforcement level ${describeValue(level)}; use ${ENFORCEMENT_LEVELS.join(", ")}`;
}

/** The level findings are reported at: `remediate` reports what it could not fix as mandatory (as the engine does). */
export function reportingLevel(level: EnforcementLevel): "mandatory" | "advisory" | "disabled" {
  return level === "remediate" ? "mandatory" : level;
}
