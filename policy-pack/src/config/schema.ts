// One validator for every setting: the org settings and each rule's config are JSON schemas (the subset the
// Pulumi CLI also checks with `pulumi policy validate-config`), validated here the same way, so a harness, an
// old CLI or a hand-written config cannot slip a bad value through. A bad value is named by its key, and
// falls back to its safe default (or is dropped, for a list item).

export type SchemaType = "string" | "boolean" | "integer" | "number" | "array" | "object";

export interface Schema {
  readonly type?: SchemaType;
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  /** "date": a real calendar date, YYYY-MM-DD. */
  readonly format?: "date";
  readonly items?: Schema;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
  /** Keys compare without case (model names): two that differ only in case are a problem, never a guess. */
  readonly keysIgnoreCase?: boolean;
}

/** A policy's config schema, as @pulumi/policy takes it. */
export interface ConfigSchema {
  readonly properties: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date YYYY-MM-DD (2099-02-30 is not: it would roll over to March). */
export function isCalendarDate(text: string): boolean {
  return !Number.isNaN(parseCalendarDate(text));
}

/** Milliseconds (UTC midnight) of a calendar date, NaN for anything else. */
export function parseCalendarDate(text: string): number {
  const m = DATE.exec(text);
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const date = new Date(ms);
  // Date.UTC takes years 0-99 as 1900-1999: the year read back differs, so such a date is refused as before.
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? ms : NaN;
}

export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}

/** Why `value` does not fit `schema` (one message), or undefined. Nested problems name their path. */
export function problemOf(value: unknown, schema: Schema, path: string): string | undefined {
  const got = `got ${describeValue(value)}`;
  switch (schema.type) {
    case "string":
      if (typeof value !== "string") return `${path}: must be a string, ${got}`;
      if (schema.minLength !== undefined && value.length < schema.minLength) return `${path}: must not be empty`;
      if (schema.format === "date" && !isCalendarDate(value))
        return `${path}: must be a calendar date YYYY-MM-DD, ${got}`;
      if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value))
        return `${path}: must match ${schema.pattern}, ${got}`;
      break;
    case "boolean":
      if (typeof value !== "boolean") return `${path}: must be true or false, ${got}`;
      break;
    case "integer":
    case "number":
      if (
        typeof value !== "number" ||
        !Number.isFinite(value) ||
        (schema.type === "integer" && !Number.isInteger(value))
      ) {
        return `${path}: must be ${schema.type === "integer" ? "a whole number" : "a number"}, ${got}`;
      }
      if (schema.minimum !== undefined && value < schema.minimum)
        return `${path}: must be at least ${schema.minimum}, ${got}`;
      break;
    case "array": {
      if (!Array.isArray(value)) return `${path}: must be a list, ${got}`;
      if (schema.items) {
        for (let i = 0; i < value.length; i++) {
          const p = problemOf(value[i], schema.items, `${path}[${i}]`);
          if (p) return p;
        }
      }
      break;
    }
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value))
        return `${path}: must be an object, ${got}`;
      const record = value as Record<string, unknown>;
      if (schema.keysIgnoreCase) {
        const firstOf = new Map<string, string>();
        for (const key of Object.keys(record)) {
          const first = firstOf.get(key.toLowerCase());
          if (first !== undefined)
            return `${path}: keys "${first}" and "${key}" differ only in case, and they are compared without case; give each once`;
          firstOf.set(key.toLowerCase(), key);
        }
      }
      for (const key of schema.required ?? []) {
        if (record[key] === undefined) return `${path}: needs "${key}"`;
      }
      for (const [key, v] of Object.entries(record)) {
        const declared = schema.properties?.[key];
        const extra = schema.additionalProperties;
        const child = declared ?? (typeof extra === "object" ? extra : undefined);
        if (child === undefined) {
          if (extra === false)
            return `${path}: unknown key "${key}"; allowed: ${Object.keys(schema.properties ?? {}).join(", ")}`;
          continue;
        }
        const p = problemOf(v, child, `${path}.${key}`);
        if (p) return p;
      }
      break;
    }
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    return `${path}: must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}, ${got}`;
  }
  return undefined;
}

export interface Validated {
  readonly values: Record<string, unknown>;
  readonly errors: readonly string[];
}

/**
 * Validates a policy's config: unknown keys are errors; each bad value falls back to its default; a bad
 * item of a list of objects is dropped (the rest of the list stays).
 */
export function validateConfig(policy: string, schema: ConfigSchema, config: unknown): Validated {
  const errors: string[] = [];
  const values: Record<string, unknown> = {};
  const given =
    typeof config === "object" && config !== null && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
  if (config !== undefined && config !== null && given !== config)
    errors.push(`${policy}: config must be an object, got ${describeValue(config)}`);
  for (const key of Object.keys(given)) {
    if (key === "enforcementLevel") continue;
    if (!Object.prototype.hasOwnProperty.call(schema.properties, key)) {
      const allowed = Object.keys(schema.properties);
      errors.push(
        `${policy}: unknown config key "${key}"; ${allowed.length ? `allowed keys are ${allowed.join(", ")}` : "this policy takes no config"}`,
      );
    }
  }
  for (const [key, spec] of Object.entries(schema.properties)) {
    const value = given[key];
    const path = `${policy}.${key}`;
    if (value === undefined) {
      values[key] = spec.default;
      continue;
    }
    if (spec.type === "array" && spec.items?.type === "object" && Array.isArray(value)) {
      const kept: unknown[] = [];
      value.forEach((item, i) => {
        const p = problemOf(item, spec.items!, `${path}[${i}]`);
        if (p) errors.push(`${p}; the entry is ignored`);
        else kept.push(item);
      });
      values[key] = kept;
      continue;
    }
    const problem = problemOf(value, spec, path);
    if (problem) {
      errors.push(
        `${problem}; ${spec.default === undefined ? "it is ignored" : `the default ${JSON.stringify(spec.default)} is used`}`,
      );
      values[key] = spec.default;
    } else values[key] = value;
  }
  return { values, errors };
}
