// How the model holds a property: known, absent (undefined), or not decidable (Unknown), with why.

/** A Pulumi resource as the engine names it. */
export interface ResourceRef {
  readonly urn: string;
  /** The Pulumi logical name. */
  readonly name: string;
  readonly type: string;
}

/**
 * Why a property cannot be read:
 * - `preview`: not computed yet (a preview unknown); it may be known at the end of the preview;
 * - `malformed`: it has a type or value Azure does not accept;
 * - `unreadable-secret`: a secret whose plaintext the input does not hold (a state file's ciphertext);
 * - `ambiguous`: it is given twice in ways Azure does not tell apart (tag keys differing only in case).
 * Only `preview` unknowns can still resolve; the others are final.
 */
export type UnknownReason = "preview" | "malformed" | "unreadable-secret" | "ambiguous";

export interface Unknown {
  readonly unknown: true;
  /** The input property path on the resource that holds it, as a program writes it (`properties.raiPolicyName`). */
  readonly path: string;
  readonly reason: UnknownReason;
  /** What is wrong, for `malformed` and `ambiguous` ("must be a number, got string \"50\""). */
  readonly detail?: string;
  /** The resource that holds the property, once the graph knows it. */
  readonly owner?: ResourceRef;
  /** How to make it decidable, when the reason alone does not say (two providers' subscriptions). */
  readonly fix?: string;
}

/** A property as read from a resource: known, absent (undefined) or not decidable. */
export type Value<T> = T | Unknown | undefined;

export function unknownAt(path: string, reason: UnknownReason = "preview", detail?: string, fix?: string): Unknown {
  const unknown: Unknown =
    detail === undefined ? { unknown: true, path, reason } : { unknown: true, path, reason, detail };
  return fix === undefined ? unknown : { ...unknown, fix };
}

/** The fix when two provider instances' subscriptions cannot be told apart. */
export const SET_SUBSCRIPTION_IDS =
  "Set subscriptionId on both providers, so the pack can tell their subscriptions apart.";

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === "object" && value !== null && (value as Unknown).unknown === true;
}

/** A preview unknown may still be resolved (at the end of the preview); other unknowns are final. */
export function mayResolve(value: Unknown): boolean {
  return value.reason === "preview";
}

export function knownString(value: Value<string>): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Azure compares resource names and tag names case-insensitively. */
export function sameName(a: Value<string>, b: Value<string>): boolean {
  return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}
