// The one place that decides what a message may show of a value. Values are marked secret where they enter
// the model (adapters record which fields came from a secret): a message names the property and shows
// `[secret]` instead of the value or anything computed from it. As a second guard, SecretNet removes any
// plaintext secret of the resources a message is about, in the forms a value commonly takes on its way into
// text (trimmed, split into list parts, JSON-escaped, as a formatted number, in another case).
import { describeMode } from "./model/filters";
import { ContentFilter, FilterMode, Tainted, Value, isUnknown } from "./model/model";
import { Taint } from "./wire";

export const REDACTED = "[secret]";

/** A field's value for a message, quoted: `"gpt-4o"`, or [secret]. */
export function quoted(entity: Tainted, field: string, value: Value<string>): string {
  if (entity.secret.has(field)) return REDACTED;
  if (isUnknown(value)) return "(not known yet)";
  return value === undefined ? "(not set)" : `"${value}"`;
}

/** A field's value for a message, as is. */
export function shown(entity: Tainted, field: string, value: unknown): string {
  if (entity.secret.has(field)) return REDACTED;
  if (isUnknown(value)) return "(not known yet)";
  return String(value);
}

/** `contentFilters[2] ("jailbreak", Prompt)`: how messages point at an entry as the user wrote it. */
export function describeEntry(f: ContentFilter): string {
  const source = typeof f.source === "string" && f.source !== "" ? `, ${shown(f, "source", f.source)}` : "";
  const name = f.secret.has("name") ? REDACTED : `"${f.name}"`;
  if (f.listPath === "documented filters") return `${f.name} on ${String(f.source)}`;
  return `${f.listPath}[${f.index}] (${name}${source})`;
}

/** The mode of entries for a message; a mode set by secret flags is not spelled out. */
export function describeModeOf(entries: readonly ContentFilter[], mode: FilterMode): string {
  const secret = entries.some((f) => f.secret.has("enabled") || f.secret.has("blocking") || f.secret.has("action"));
  return secret
    ? `a mode set by secret values, which is not ${mode === "filter" ? "annotate" : "filter"} mode`
    : describeMode(mode);
}

/** Secret plaintexts of each resource, and the forms they commonly take inside a message. */
export class SecretNet {
  private readonly byUrn = new Map<string, Set<string>>();

  /** Records the plaintext leaves of a resource's properties that `taint` marks secret. */
  record(urn: string, props: unknown, taint: Taint | undefined): void {
    if (taint === undefined) return;
    const forms = this.byUrn.get(urn) ?? new Set<string>();
    collect(props, taint, forms);
    if (forms.size > 0) this.byUrn.set(urn, forms);
  }

  forget(urn: string): void {
    this.byUrn.delete(urn);
  }

  /** The message with every recorded form of the given resources' secrets replaced, longest first. */
  scrub(message: string, urns: readonly string[]): string {
    const forms = new Set<string>();
    for (const urn of urns) for (const f of this.byUrn.get(urn) ?? []) forms.add(f);
    if (forms.size === 0) return message;
    let result = message;
    for (const form of [...forms].sort((a, b) => b.length - a.length)) {
      const lowerForm = form.toLowerCase();
      let at = result.toLowerCase().indexOf(lowerForm);
      while (at >= 0) {
        result = `${result.slice(0, at)}${REDACTED}${result.slice(at + form.length)}`;
        at = result.toLowerCase().indexOf(lowerForm, at + REDACTED.length);
      }
    }
    return result;
  }
}

/** Forms shorter than this are not scrubbed from free text: they would garble it and cannot leak much. */
const MIN_FORM = 4;

function collect(value: unknown, taint: Taint, forms: Set<string>): void {
  if (taint === true) {
    leaves(value, forms);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  for (const [k, t] of taint) collect((value as Record<string, unknown>)[k], t, forms);
}

function leaves(value: unknown, forms: Set<string>): void {
  if (typeof value === "string") addForms(value, forms);
  else if (typeof value === "number") {
    addForms(String(value), forms);
    addForms(value.toLocaleString("en-US"), forms);
  } else if (Array.isArray(value)) value.forEach((v) => leaves(v, forms));
  else if (typeof value === "object" && value !== null) Object.values(value).forEach((v) => leaves(v, forms));
}

function addForms(text: string, forms: Set<string>): void {
  const add = (s: string) => {
    if (s.length >= MIN_FORM) forms.add(s);
  };
  add(text);
  add(text.trim());
  add(JSON.stringify(text).slice(1, -1));
  for (const part of text.split(/[\s,;|]+/)) add(part);
}
