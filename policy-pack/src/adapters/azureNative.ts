// Thin adapters from `@pulumi/azure-native` v3 resource properties to the normalized model.
// They read both shapes a pack sees (shared doc §4): the program's inputs in `Analyze` (path parameters
// accountName/raiPolicyName/... present) and azure-native's response shape in `AnalyzeStack` (path parameters
// absent; `name` and the ARM `id` present instead).

import { filterKey } from "../filters";
import {
  Account,
  ContentFilter,
  ContentFilterPolicy,
  Deployment,
  Evidence,
  ResourceRef,
  Unknown,
  Value,
  isUnknown,
  unknownAt,
} from "../model";
import { ExternalRaiPolicy } from "../settings";
import { EVIDENCE_TAGS } from "../rules/recommendUniversalEvidence";
import { USE_CASE_TAG, parseUseCaseTag } from "../useCases";

/**
 * The engine's wire sentinels for values not known during preview. They are the strings
 * `@pulumi/policy` exports from its (untyped) proxy module and the SDK's `UnknownStringValue` and kin.
 */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

type Json = unknown;

/** Reads a property path without ever throwing: a sentinel anywhere on the way makes the value Unknown. */
function at(props: Json, path: readonly string[]): Json | Unknown {
  let current: Json = props;
  for (let i = 0; i < path.length; i++) {
    if (typeof current === "string" && UNKNOWN_SENTINELS.has(current)) return unknownAt(path.slice(0, i).join("."));
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, path[i])) return undefined;
    current = (current as Record<string, Json>)[path[i]];
  }
  if (typeof current === "string" && UNKNOWN_SENTINELS.has(current)) return unknownAt(path.join("."));
  return current;
}

/** Collects type problems as messages that name the property and the expected type. */
class Reader {
  readonly problems: string[] = [];
  constructor(private readonly props: Json) {}

  string(...path: string[]): Value<string> {
    const v = at(this.props, path);
    if (v === undefined || v === null || isUnknown(v) || typeof v === "string") return v ?? undefined;
    this.problems.push(`${path.join(".")} must be a string, got ${typeName(v)}.`);
    return undefined;
  }

  number(...path: string[]): Value<number> {
    const v = at(this.props, path);
    if (v === undefined || v === null || isUnknown(v) || typeof v === "number") return v ?? undefined;
    this.problems.push(`${path.join(".")} must be a number, got ${typeName(v)}.`);
    return undefined;
  }

  /** A string map such as `tags`; a single tag value may also be unknown. */
  tag(key: string): Value<string> {
    const tags = at(this.props, ["tags"]);
    if (tags === undefined || tags === null || isUnknown(tags)) return tags ?? undefined;
    if (typeof tags !== "object" || Array.isArray(tags)) {
      this.problems.push(`tags must be a map of strings, got ${typeName(tags)}.`);
      return undefined;
    }
    // Azure tag names are case-insensitive.
    const found = Object.keys(tags).find((k) => k.toLowerCase() === key);
    return found === undefined ? undefined : this.string("tags", found);
  }
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`;
}

/** Splits an ARM id such as /subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/raiPolicies/p. */
export function parseArmId(id: string): { resourceGroupName: string | undefined; accountName: string | undefined } {
  return {
    resourceGroupName: /\/resourceGroups\/([^/]+)/i.exec(id)?.[1],
    accountName: /\/providers\/Microsoft\.CognitiveServices\/accounts\/([^/]+)/i.exec(id)?.[1],
  };
}

function fromArmId(id: Value<string>): { resourceGroupName: Value<string>; accountName: Value<string> } {
  if (id === undefined || isUnknown(id)) return { resourceGroupName: id, accountName: id };
  return parseArmId(id);
}

/** A path parameter from the inputs, else what the response shape implies (the `name`, or the ARM `id`). */
function pathParam(r: Reader, input: string, fallback: () => Value<string>): Value<string> {
  const v = r.string(input);
  return v !== undefined ? v : fallback();
}

function evidence(r: Reader): Evidence {
  return {
    metaprompt: r.tag(EVIDENCE_TAGS.metaprompt),
    metapromptDate: r.tag(EVIDENCE_TAGS.metapromptDate),
    evaluationReport: r.tag(EVIDENCE_TAGS.evaluationReport),
    evaluationReportDate: r.tag(EVIDENCE_TAGS.evaluationReportDate),
  };
}

export function readAccount(ref: ResourceRef, props: Json): Account {
  const r = new Reader(props);
  const id = r.string("id");
  return {
    ref,
    name: pathParam(r, "accountName", () => r.string("name")),
    resourceGroupName: pathParam(r, "resourceGroupName", () => fromArmId(id).resourceGroupName),
    kind: r.string("kind"),
    location: r.string("location"),
    useCases: parseUseCaseTag(r.tag(USE_CASE_TAG)),
    evidence: evidence(r),
    problems: r.problems,
  };
}

export function readDeployment(ref: ResourceRef, props: Json): Deployment {
  const r = new Reader(props);
  const id = r.string("id");
  const properties = at(props, ["properties"]);
  if (properties !== undefined && !isUnknown(properties) && (typeof properties !== "object" || properties === null)) {
    r.problems.push(`properties must be an object, got ${typeName(properties)}.`);
  }
  return {
    ref,
    name: pathParam(r, "deploymentName", () => r.string("name")),
    accountName: pathParam(r, "accountName", () => fromArmId(id).accountName),
    resourceGroupName: pathParam(r, "resourceGroupName", () => fromArmId(id).resourceGroupName),
    raiPolicyName: emptyAsAbsent(r.string("properties", "raiPolicyName")),
    modelName: r.string("properties", "model", "name"),
    modelFormat: r.string("properties", "model", "format"),
    capacity: r.number("sku", "capacity"),
    useCases: parseUseCaseTag(r.tag(USE_CASE_TAG)),
    evidence: evidence(r),
    problems: r.problems,
    links: { account: "accountName", policy: "properties" },
  };
}

/** Azure treats an empty raiPolicyName like an absent one: the service default applies. */
function emptyAsAbsent(v: Value<string>): Value<string> {
  return typeof v === "string" && v.trim() === "" ? undefined : v;
}

export function readRaiPolicy(ref: ResourceRef | undefined, props: Json): ContentFilterPolicy {
  const r = new Reader(props);
  const id = r.string("id");
  return {
    ref,
    name: pathParam(r, "raiPolicyName", () => r.string("name")),
    accountName: pathParam(r, "accountName", () => fromArmId(id).accountName),
    resourceGroupName: pathParam(r, "resourceGroupName", () => fromArmId(id).resourceGroupName),
    mode: r.string("properties", "mode"),
    basePolicyName: r.string("properties", "basePolicyName"),
    filters: readFilters(props, r.problems),
    useCases: parseUseCaseTag(r.tag(USE_CASE_TAG)),
    problems: r.problems,
    accountLink: "accountName",
  };
}

function readFilters(props: Json, problems: string[]): readonly ContentFilter[] | Unknown {
  const list = at(props, ["properties", "contentFilters"]);
  if (isUnknown(list)) return list;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    problems.push(`properties.contentFilters must be a list, got ${typeName(list)}.`);
    return [];
  }
  const filters: ContentFilter[] = [];
  for (let index = 0; index < list.length; index++) {
    const entry: Json = list[index];
    const path = `properties.contentFilters[${index}]`;
    // An entry whose name is unknown could be any filter, so the whole list cannot be judged yet.
    if (typeof entry === "string" && UNKNOWN_SENTINELS.has(entry)) return unknownAt(path);
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push(`${path} must be an object, got ${typeName(entry)}.`);
      continue;
    }
    const r = new Reader(entry);
    const name = r.string("name");
    if (isUnknown(name)) return unknownAt(`${path}.name`);
    if (name === undefined || name.trim() === "") {
      problems.push(`${path} has no name.`);
      continue;
    }
    const flag = (field: "enabled" | "blocking"): Value<boolean> => {
      const v = at(entry, [field]);
      if (v === undefined || v === null) return undefined;
      if (isUnknown(v)) return unknownAt(`${path}.${field}`);
      if (typeof v === "boolean") return v;
      problems.push(`${path}.${field} ("${name}") must be true or false, got ${typeName(v)}.`);
      return undefined;
    };
    const relocate = (v: Value<string>, field: string): Value<string> =>
      isUnknown(v) ? unknownAt(`${path}.${field}`) : v;
    filters.push({
      name,
      key: filterKey(name),
      source: relocate(r.string("source"), "source"),
      enabled: flag("enabled"),
      blocking: flag("blocking"),
      action: relocate(r.string("action"), "action"),
      index,
    });
    problems.push(...r.problems.map((p) => `${path}.${p}`));
  }
  return filters;
}

/** A policy from pack config, read through the same adapter as a stack resource. */
export function readExternalPolicy(policy: ExternalRaiPolicy): ContentFilterPolicy {
  return readRaiPolicy(undefined, {
    raiPolicyName: policy.name,
    accountName: policy.accountName,
    properties: { mode: policy.mode, contentFilters: policy.contentFilters },
  });
}
