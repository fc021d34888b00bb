// Waivers (exemptions) live only in pack config, which the platform team owns: a tag in the checked
// program can never waive anything, because the team being checked must not exempt itself.
import { Waiver } from "../config/orgSettings";
import { parseCalendarDate } from "../config/schema";
import { globMatches } from "../glob";

export type WaiverMatch = {
  readonly waiver: Waiver;
  readonly index: number;
  readonly expired: boolean;
  /** Every configured waiver that matches the finding, live or expired (none of them is stale). */
  readonly matching: readonly number[];
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function waiverMatches(waiver: Waiver, ruleId: string, urn: string, name: string): boolean {
  if (waiver.policy !== ruleId) return false;
  if (waiver.resource.startsWith("urn:")) return waiver.resource === urn;
  return globMatches(waiver.resource, name);
}

/** A waiver applies through its `expires` day (UTC) and stops the day after. */
export function waiverExpired(waiver: Waiver, now: Date): boolean {
  return now.getTime() >= parseCalendarDate(waiver.expires) + DAY_MS;
}

/** The first live waiver for this finding, else the first expired one (so it can be reported as expired). */
export function findWaiver(
  waivers: readonly Waiver[],
  ruleId: string,
  urn: string,
  name: string,
  now: Date,
): WaiverMatch | undefined {
  const matching: number[] = [];
  let live: number | undefined;
  for (let index = 0; index < waivers.length; index++) {
    if (!waiverMatches(waivers[index], ruleId, urn, name)) continue;
    matching.push(index);
    if (live === undefined && !waiverExpired(waivers[index], now)) live = index;
  }
  if (matching.length === 0) return undefined;
  const index = live ?? matching[0];
  return { waiver: waivers[index], index, expired: live === undefined, matching };
}

export function describeWaiver(w: Waiver): string {
  return `waiver for ${w.policy} on "${w.resource}", approved by ${w.approvedBy}, expires ${w.expires}: ${w.reason}`;
}
