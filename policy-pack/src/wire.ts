// Wire-format constants of the Pulumi engine, in one place: the sentinels that stand for values not known
// during a preview, and the signature that marks a secret (on the wire and in state files alike).

/**
 * The engine's sentinels for values not known during preview: the strings `@pulumi/policy` exports from its
 * (untyped) proxy module, and the SDK's `UnknownStringValue` and kin.
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

/** The unknown string sentinel (`UnknownStringValue`). */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Pulumi's special-signature key, and the value that marks a secret (specialSigKey / specialSecretSig). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isSentinel(value: unknown): boolean {
  return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A wire-form secret: `{[SIG_KEY]: SECRET_SIG, value | plaintext | ciphertext}`. */
export function isSecretWrapper(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && value[SIG_KEY] === SECRET_SIG;
}

/**
 * Where secrets sit in a value: `true` marks a secret subtree, a map descends by key or list index.
 * Built once where a value enters the pack, so every reader can tell a secret leaf from a plain one.
 */
export type Taint = true | ReadonlyMap<string, Taint>;

/** Whether the value at `path` is (inside) a secret. */
export function isTainted(taint: Taint | undefined, path: readonly (string | number)[]): boolean {
  let node: Taint | undefined = taint;
  for (const segment of path) {
    if (node === undefined) return false;
    if (node === true) return true;
    node = node.get(String(segment));
  }
  return node === true;
}

/** The taint below one key, for a value read from inside another. */
export function taintAt(taint: Taint | undefined, segment: string | number): Taint | undefined {
  if (taint === undefined || taint === true) return taint;
  return taint.get(String(segment));
}

/** Where the secrets of a wire-form value are, without copying it (it runs on every value the pack receives). */
export function secretTaint(value: unknown): Taint | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (isSecretWrapper(value)) return true;
  let taint: Map<string, Taint> | undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = secretTaint(value[i]);
      if (inner !== undefined) (taint ??= new Map()).set(String(i), inner);
    }
    return taint;
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const inner = secretTaint((value as Record<string, unknown>)[key]);
    if (inner !== undefined) (taint ??= new Map()).set(key, inner);
  }
  return taint;
}

/**
 * Unwraps wire-form secrets (as in a state file) into their plaintext, and says where they were. A secret
 * whose plaintext is not there (a ciphertext) becomes the unknown sentinel and is listed in `unreadable`.
 */
export function unwrapSecrets(value: unknown): {
  value: unknown;
  taint: Taint | undefined;
  unreadable: Taint | undefined;
} {
  if (isSecretWrapper(value)) {
    if ("value" in value) return { value: unwrapSecrets(value.value).value, taint: true, unreadable: undefined };
    if (typeof value.plaintext === "string") {
      return { value: unwrapSecrets(parseJson(value.plaintext)).value, taint: true, unreadable: undefined };
    }
    return { value: UNKNOWN_STRING, taint: true, unreadable: true };
  }
  if (typeof value !== "object" || value === null) return { value, taint: undefined, unreadable: undefined };
  // Array.from reads holes of a sparse array as undefined (map would keep them as holes).
  const entries: [string, unknown][] = Array.isArray(value)
    ? Array.from(value as unknown[], (v, i) => [String(i), v])
    : Object.entries(value);
  const taint = new Map<string, Taint>();
  const unreadable = new Map<string, Taint>();
  const out: unknown[] = [];
  for (const [key, v] of entries) {
    const inner = unwrapSecrets(v);
    out.push(inner.value);
    if (inner.taint !== undefined) taint.set(key, inner.taint);
    if (inner.unreadable !== undefined) unreadable.set(key, inner.unreadable);
  }
  return {
    value: Array.isArray(value) ? out : Object.fromEntries(entries.map(([k], i) => [k, out[i]])),
    taint: taint.size > 0 ? taint : undefined,
    unreadable: unreadable.size > 0 ? unreadable : undefined,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
