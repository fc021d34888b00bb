// What every adapter reads the same way: where a resource lives, its tags, and its content filter list.
import {
  ContentFilter,
  Evidence,
  ParentName,
  Placement,
  SubscriptionRef,
  UseCaseTag,
  Unknown,
  Value,
  isUnknown,
  unknownAt,
} from "../model/model";
import { filterKey } from "../model/filters";
import { USE_CASE_TAG, parseUseCaseTag } from "../model/useCases";
import { Taint } from "../wire";
import { Path, Reader, pathText, typeName } from "./reader";

/** What the engine tells about a resource besides its properties. */
export interface ReadContext {
  readonly taint?: Taint;
  readonly unreadable?: Taint;
  /** The provider instance, and the subscription its config names (if any). */
  readonly provider?: { readonly urn: string; readonly subscriptionId: Value<string> };
}

export const EVIDENCE_TAGS = {
  metaprompt: "ccc-metaprompt",
  metapromptDate: "ccc-metaprompt-date",
  evaluationReport: "ccc-evaluation-report",
  evaluationReportDate: "ccc-evaluation-report-date",
} as const;

/** An ARM id split into subscription, resource group and the `collection/name` segments after the provider. */
export interface ArmId {
  readonly subscription?: string;
  readonly resourceGroup?: string;
  readonly segments: readonly (readonly [string, string])[];
}

/** `/subscriptions/s/resourceGroups/rg/providers/Microsoft.X/accounts/a/raiPolicies/p` */
export function parseArmId(id: string): ArmId {
  const subscription = /\/subscriptions\/([^/]+)/i.exec(id)?.[1];
  const resourceGroup = /\/resourceGroups\/([^/]+)/i.exec(id)?.[1];
  const after = /\/providers\/[^/]+\/(.*)$/i.exec(id)?.[1] ?? "";
  const parts = after.split("/").filter((p) => p !== "");
  const segments: [string, string][] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) segments.push([parts[i], parts[i + 1]]);
  return { subscription, resourceGroup, segments };
}

/** The name of the segment `collection` in an ARM id (case-insensitive collection). */
export function segmentOf(id: ArmId, collection: string): string | undefined {
  return id.segments.find(([c]) => c.toLowerCase() === collection.toLowerCase())?.[1];
}

/**
 * The subscription: from the ARM id when known, else the provider's `subscriptionId`, else "the provider
 * instance's subscription" (the same instance is the same subscription). A `subscriptionId` that is set but
 * not readable (computed from another resource in a preview, or ciphertext) still names the instance's one
 * subscription, which another instance's may turn out to be. `referencedBy`: the input `id` came from, when it
 * is another resource's id rather than the resource's own.
 */
export function subscriptionOf(id: Value<string>, context: ReadContext, referencedBy?: string): SubscriptionRef {
  const provider = context.provider?.urn ?? "default";
  if (typeof id === "string") {
    const sub = parseArmId(id).subscription;
    if (sub !== undefined) return { kind: "id", id: sub, provider, ...(referencedBy ? { referencedBy } : {}) };
  }
  const configured = context.provider?.subscriptionId;
  if (typeof configured === "string" && configured.trim() !== "")
    return { kind: "id", id: configured.trim(), provider };
  if (isUnknown(configured)) return { kind: "provider", provider, pending: configured };
  return { kind: "provider", provider };
}

/** A value from an ARM id when the id is known, unknown when it is, absent otherwise. */
export function fromId(id: Value<string>, pick: (id: ArmId) => string | undefined): Value<string> {
  if (isUnknown(id)) return id;
  return id === undefined ? undefined : pick(parseArmId(id));
}

/** An input if the program set it, else what the response shape implies (`name`, or a part of the ARM `id`). */
export function either(input: Value<string>, fallback: () => Value<string>): Value<string> {
  return input !== undefined ? input : fallback();
}

export function placement(
  subscription: SubscriptionRef,
  resourceGroup: Value<string>,
  resourceGroupLink: string,
  parents: readonly ParentName[],
): Placement {
  return { subscription, resourceGroup, resourceGroupLink, parents };
}

/**
 * A deployment's capacity in its current and legacy shapes (CAPACITY_PATHS; a provider may have no legacy one):
 * the larger where both are set, with the property it was read from (the current one when neither is), for fixes.
 */
export function capacityOf(
  r: Reader,
  paths: { readonly current: Path; readonly legacy?: Path },
): { readonly capacity: Value<number>; readonly capacityProperty: string } {
  const current = r.count("capacity", 1, ...paths.current);
  if (paths.legacy === undefined) return { capacity: current, capacityProperty: pathText(paths.current) };
  const legacy = r.count("capacity", 1, ...paths.legacy);
  const from = (capacity: Value<number>, path: Path) => ({ capacity, capacityProperty: pathText(path) });
  if (legacy === undefined || isUnknown(current)) return from(current, paths.current);
  if (current === undefined || isUnknown(legacy) || legacy > current) return from(legacy, paths.legacy);
  return from(current, paths.current);
}

export function useCaseTag(r: Reader): UseCaseTag {
  const raw = r.tag("useCases", USE_CASE_TAG);
  return parseUseCaseTag(raw, r.secret.has("useCases"));
}

export function evidence(r: Reader): Evidence {
  const metaprompt = r.tag("evidence.metaprompt", EVIDENCE_TAGS.metaprompt);
  const metapromptDate = r.tag("evidence.metapromptDate", EVIDENCE_TAGS.metapromptDate);
  const evaluationReport = r.tag("evidence.evaluationReport", EVIDENCE_TAGS.evaluationReport);
  const evaluationReportDate = r.tag("evidence.evaluationReportDate", EVIDENCE_TAGS.evaluationReportDate);
  // Read after the tags, which mark it. Most resources hold no secret: they share the reader's empty set.
  const secret =
    r.secret.size === 0
      ? r.secret
      : new Set([...r.secret].filter((f) => f.startsWith("evidence.")).map((f) => f.slice("evidence.".length)));
  return { metaprompt, metapromptDate, evaluationReport, evaluationReportDate, secret };
}

/** How one provider spells its content filter list and flags. */
export interface FilterShape {
  readonly path: readonly string[];
  readonly enabled: string;
  readonly blocking: string;
  /** Whether `action` exists in the API version the provider uses. */
  readonly actionHonoured: boolean;
}

/** Reads a content filter list; an entry whose name is not known makes the whole list unknown. */
export function readFilters(r: Reader, shape: FilterShape): readonly ContentFilter[] | Unknown {
  const list = r.list(...shape.path);
  if (list === undefined) return [];
  if (isUnknown(list)) return list;
  const filters: ContentFilter[] = [];
  const listPath = pathText(shape.path);
  for (let index = 0; index < list.entries.length; index++) {
    const entry = list.entries[index];
    const path = `${listPath}[${index}]`;
    const e = r.child(...shape.path, index);
    if (isUnknown(e.raw([]))) return unknownAt(path);
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      r.problems.push(`${path} must be an object, got ${typeName(entry)}.`);
      continue;
    }
    const name = e.string("name", "name");
    if (isUnknown(name)) {
      r.problems.push(...e.problems);
      return name;
    }
    if (name === undefined || name.trim() === "") {
      r.problems.push(`${path} has no name.`);
      continue;
    }
    filters.push({
      name,
      key: filterKey(name),
      source: e.string("source", "source"),
      enabled: e.boolean("enabled", shape.enabled),
      blocking: e.boolean("blocking", shape.blocking),
      action: e.string("action", "action"),
      index,
      listPath,
      actionHonoured: shape.actionHonoured,
      secret: e.secret,
    });
    r.problems.push(...e.problems);
  }
  return filters;
}
