import * as fs from "fs";
import * as path from "path";
import { Diagnostic, PackConfig } from "../../tooling/harness/analyzer";
import { describeUrn } from "../../tooling/harness/report";

export const ROOT = path.join(__dirname, "..", "..");
export const EXAMPLES_DIR = path.join(ROOT, "examples");
export const PACK_DIR = path.join(ROOT, "policy-pack");

export interface Finding {
  readonly policy: string;
  readonly resource: string;
}

export interface Expectation {
  readonly description: string;
  readonly config?: PackConfig;
  readonly mandatory: readonly Finding[];
  readonly advisory: readonly Finding[];
  readonly withConfig?: {
    readonly file: string;
    readonly mandatory: readonly Finding[];
    readonly advisory: readonly Finding[];
  };
  /**
   * Resources whose inputs resolve together, so the real engine registers them in no fixed order (mocks do):
   * an order-dependent finding (a quota crossed) may land on any of them.
   */
  readonly registeredInAnyOrder?: readonly string[];
}

export function exampleNames(): string[] {
  return fs
    .readdirSync(EXAMPLES_DIR)
    .filter((d) => fs.existsSync(path.join(EXAMPLES_DIR, d, "expected.json")))
    .sort();
}

export function expectation(name: string): Expectation {
  return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, name, "expected.json"), "utf8")) as Expectation;
}

export function readConfig(name: string, file: string): PackConfig {
  return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, name, file), "utf8")) as PackConfig;
}

/** Examples date their evidence in 2026-10; judging them as of a fixed day keeps the expectations stable. */
export const EVALUATED_ON = "2026-11-23";

export function withFixedDate(config: PackConfig = {}): PackConfig {
  const org = config["ccc-organization-config"];
  const base = typeof org === "string" ? { enforcementLevel: org } : (org ?? {});
  return { ...config, "ccc-organization-config": { asOfDate: EVALUATED_ON, ...base } };
}

/** The runtime's advisory for a policy that met a preview unknown. */
export const isPreviewDeferral = (d: Diagnostic): boolean => /can't run policy '.*' during preview/.test(d.message);

/** (policy, resource) pairs of one level, sorted and deduplicated. */
export function findings(diagnostics: readonly Diagnostic[], level: "mandatory" | "advisory"): Finding[] {
  const seen = new Map<string, Finding>();
  for (const d of diagnostics) {
    if (d.enforcementLevel !== level || isPreviewDeferral(d)) continue;
    const finding = { policy: d.policyName, resource: describeUrn(d.urn).name };
    seen.set(`${finding.policy} ${finding.resource}`, finding);
  }
  return sortFindings([...seen.values()]);
}

export function sortFindings(list: readonly Finding[]): Finding[] {
  return [...list].sort((a, b) => `${a.policy} ${a.resource}`.localeCompare(`${b.policy} ${b.resource}`));
}

/** Findings with the resources of `registeredInAnyOrder` merged into one name, for runs of the real engine. */
export function orderInsensitive(list: readonly Finding[], anyOrder: readonly string[] = []): Finding[] {
  const merged = anyOrder.join("|");
  return sortFindings(list.map((f) => (anyOrder.includes(f.resource) ? { ...f, resource: merged } : f)));
}
