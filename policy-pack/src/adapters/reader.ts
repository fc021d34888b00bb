// Reads one resource's properties without ever throwing. A wire sentinel anywhere on a path is a preview
// unknown; a value of the wrong type is `malformed` (an Unknown that never resolves, plus a problem for
// ccc-well-formed-resources); a value under a secret marks its model field secret.
import { Value, isUnknown, unknownAt, Unknown } from "../model/values";
import { Taint, isSentinel, isTainted, taintAt } from "../wire";

type Json = unknown;
export type Path = readonly (string | number)[];

const isRecord = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `properties.contentFilters[3].name`: how a path is shown, as a program writes it. */
export function pathText(path: Path): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

export function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : typeof v;
}

/** Shared by every reader that met no secret; never written (markSecret makes a reader its own set). */
const NO_SECRET_FIELDS: Set<string> = new Set();

export class Reader {
  readonly problems: string[] = [];
  /** Problems already recorded: a property read for several fields (tags) is one problem. */
  private recorded?: Set<string>;
  /** Model field names whose value came from a secret (one shared empty set until there is one). */
  get secret(): ReadonlySet<string> {
    return this.secretFields ?? NO_SECRET_FIELDS;
  }
  private secretFields?: Set<string>;

  /** Marks a model field secret. */
  markSecret(field: string): void {
    (this.secretFields ??= new Set()).add(field);
  }

  constructor(
    private readonly props: Json,
    private readonly taint: Taint | undefined,
    /** Path of `props` inside the resource, for messages (a filter entry: `properties.contentFilters[2]`). */
    private readonly base: Path = [],
    /** Secrets whose plaintext the input does not hold: they read as `unreadable-secret` unknowns. */
    private readonly unreadable?: Taint,
  ) {}

  /** A reader for a nested object, e.g. one filter entry. */
  child(...path: Path): Reader {
    let unreadable = this.unreadable;
    for (const s of path) unreadable = taintAt(unreadable, s);
    return new Reader(this.raw(path), this.taintOf(path), [...this.base, ...path], unreadable);
  }

  /**
   * The value at `path`: a sentinel anywhere on the way makes it a preview unknown; a value on the way that is
   * set but cannot hold the rest (`sku: [...]` for `sku.capacity`) is malformed, never absent.
   */
  raw(path: Path): Json | Unknown {
    let current: Json = this.props;
    for (let i = 0; i < path.length; i++) {
      if (isSentinel(current)) return this.notKnown(path.slice(0, i));
      if (typeof path[i] === "number" ? !Array.isArray(current) : !isRecord(current)) {
        if (i === 0 || current === undefined || current === null) return undefined;
        return this.malformed(path.slice(0, i), typeof path[i] === "number" ? "a list" : "an object", current);
      }
      const container = current as Record<string, Json>;
      if (!Object.prototype.hasOwnProperty.call(container, path[i])) return undefined;
      current = container[path[i] as string];
    }
    if (isSentinel(current)) return this.notKnown(path);
    return current;
  }

  /** A sentinel: a preview unknown, or a secret the input holds only as ciphertext. */
  private notKnown(path: Path): Unknown {
    const where = pathText([...this.base, ...path]);
    return isTainted(this.unreadable, path) ? unknownAt(where, "unreadable-secret") : unknownAt(where);
  }

  taintOf(path: Path): Taint | undefined {
    let t = this.taint;
    for (const s of path) t = taintAt(t, s);
    return t;
  }

  isSecret(path: Path): boolean {
    return isTainted(this.taint, path);
  }

  /** Records a wrong type; the value reads as a final (malformed) unknown. */
  malformed(path: Path, expected: string, got: unknown): Unknown {
    const where = pathText([...this.base, ...path]);
    const shown = this.isSecret(path) ? "a secret value" : describeValue(got);
    const detail = `must be ${expected}, got ${shown}`;
    this.problem(`${where} ${detail}.`);
    return unknownAt(where, "malformed", detail);
  }

  private problem(text: string): void {
    if (this.recorded?.has(text)) return;
    (this.recorded ??= new Set()).add(text);
    this.problems.push(text);
  }

  /** Marks `field` secret when the value at `path` is, and returns the value. */
  private mark<T>(field: string | undefined, path: Path, value: T): T {
    if (field !== undefined && value !== undefined && this.taint !== undefined && this.isSecret(path))
      this.markSecret(field);
    return value;
  }

  string(field: string | undefined, ...path: Path): Value<string> {
    const v = this.raw(path);
    if (v === undefined || v === null) return undefined;
    if (isUnknown(v) || typeof v === "string") return this.mark(field, path, v);
    this.mark(field, path, v);
    return this.malformed(path, "a string", v);
  }

  boolean(field: string | undefined, ...path: Path): Value<boolean> {
    const v = this.raw(path);
    if (v === undefined || v === null) return undefined;
    if (isUnknown(v) || typeof v === "boolean") return this.mark(field, path, v);
    this.mark(field, path, v);
    return this.malformed(path, "true or false", v);
  }

  /** A whole number of at least `minimum` (sku.capacity and the like). */
  count(field: string | undefined, minimum: number, ...path: Path): Value<number> {
    const v = this.raw(path);
    if (v === undefined || v === null) return undefined;
    this.mark(field, path, v);
    if (isUnknown(v)) return v;
    if (typeof v === "number" && Number.isInteger(v) && v >= minimum) return v;
    return this.malformed(path, `a whole number of at least ${minimum}`, v);
  }

  /** A list, as entries with their readers; Unknown if the list (or an entry) is not known. */
  list(...path: Path): { readonly entries: readonly Json[] } | Unknown | undefined {
    const v = this.raw(path);
    if (v === undefined || v === null) return undefined;
    if (isUnknown(v)) return v;
    if (!Array.isArray(v)) return this.malformed(path, "a list", v);
    return { entries: v };
  }

  /** The tag names by lower-cased name, made once per reader (a resource's tags are read for several fields). */
  private tagIndex?: { readonly tags: object; readonly byLower: Map<string, string[]> };

  private tagKeys(tags: Record<string, Json>): Map<string, string[]> {
    if (this.tagIndex?.tags === tags) return this.tagIndex.byLower;
    const byLower = new Map<string, string[]>();
    for (const k of Object.keys(tags)) {
      const lowerKey = k.toLowerCase();
      const same = byLower.get(lowerKey);
      if (same === undefined) byLower.set(lowerKey, [k]);
      else same.push(k);
    }
    this.tagIndex = { tags, byLower };
    return byLower;
  }

  /**
   * A tag's value. Azure tag names are case-insensitive, so keys that differ only in case are one tag: when
   * they disagree the tag is ambiguous (a final unknown), never the first of them.
   */
  tag(field: string, key: string): Value<string> {
    const tags = this.raw(["tags"]);
    if (tags === undefined || tags === null) return undefined;
    if (isUnknown(tags)) return this.mark(field, ["tags"], tags);
    if (!isRecord(tags)) return this.malformed(["tags"], "a map of strings", tags);
    const keys = this.tagKeys(tags).get(key);
    if (keys === undefined) return undefined;
    // Stryker disable next-line ConditionalExpression: equivalent, one key agrees with itself (spares three lists per tag)
    if (keys.length === 1) return this.string(field, "tags", keys[0]);
    const values = keys.map((k) => this.string(field, "tags", k));
    const first = values[0];
    if (values.some(isUnknown)) return values.find(isUnknown);
    if (values.every((v) => v === first)) return first;
    const secret = keys.some((k) => this.isSecret(["tags", k]));
    // Keys are shown when only values are secret; the keys of a secret map are part of the secret.
    const shown = this.isSecret(["tags"])
      ? "keys in a secret map"
      : secret
        ? `keys ${keys.map((k) => `"${k}"`).join(", ")}`
        : keys.map((k, i) => `"${k}": "${String(values[i])}"`).join(", ");
    const detail = `is set ${keys.length} times with different values (${shown}); Azure tag names are case-insensitive`;
    const where = pathText([...this.base, "tags", key]);
    this.problem(`${where} ${detail}.`);
    return unknownAt(where, "ambiguous", detail);
  }
}

function describeValue(v: unknown): string {
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === "number" || typeof v === "boolean") return `${typeof v} ${String(v)}`;
  return typeName(v);
}
