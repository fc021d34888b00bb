import { globMatches } from "./glob";

// Waivers (exemptions) live only in pack config, which the platform team owns: a tag in the checked
// program can never waive anything, because the team being checked must not exempt itself.

export interface Waiver {
  /** The rule id the waiver exempts. */
  readonly policy: string;
  /** A resource URN, or a pattern on the logical name where `*` matches any run of characters. */
  readonly resource: string;
  readonly reason: string;
  readonly approvedBy: string;
  /** Last day the waiver applies (YYYY-MM-DD, inclusive, UTC). */
  readonly expires: string;
}

export type WaiverMatch = { readonly waiver: Waiver; readonly index: number; readonly expired: boolean };

const DAY_MS = 24 * 60 * 60 * 1000;

export function waiverMatches(waiver: Waiver, ruleId: string, urn: string, name: string): boolean {
  if (waiver.policy !== ruleId) return false;
  if (waiver.resource.startsWith("urn:")) return waiver.resource === urn;
  return globMatches(waiver.resource, name);
}

/** The first waiver for this finding; an expired one is returned too, so it can be reported as expired. */
export function findWaiver(
  waivers: readonly Waiver[],
  ruleId: string,
  urn: string,
  name: string,
  now: Date,
): WaiverMatch | undefined {
  let expiredMatch: WaiverMatch | undefined;
  for (let index = 0; index < waivers.length; index++) {
    const waiver = waivers[index];
    if (!waiverMatches(waiver, ruleId, urn, name)) continue;
    const expired = now.getTime() >= Date.parse(`${waiver.expires}T00:00:00Z`) + DAY_MS;
    if (!expired) return { waiver, index, expired };
    expiredMatch ??= { waiver, index, expired };
  }
  return expiredMatch;
}

export function describeWaiver(w: Waiver): string {
  return `waiver for ${w.policy} on "${w.resource}", approved by ${w.approvedBy}, expires ${w.expires}: ${w.reason}`;
}
