import type { ResourceValidationPolicy } from "@pulumi/policy";
import { RunState, buildPolicies } from "../../policy-pack/src/policies";
import { resourceArgs, runResourcePolicy } from "./runtimeArgs";

export interface PolicyResult {
  readonly violations: readonly string[];
  readonly unknown?: string;
}

/**
 * One analyzer run in-process: resources are analyzed in the order given, every resource policy in pack
 * order, as the runtime's Analyze handler does. Returns each policy's result for the resource.
 */
export function packRun(config: Record<string, Record<string, unknown>> = {}, now = new Date("2026-11-23T00:00:00Z")) {
  const state = new RunState();
  const policies = buildPolicies({ state, now: () => now }) as ResourceValidationPolicy[];
  const resourcePolicies = policies.filter((p) => "validateResource" in p);
  return {
    state,
    async analyze(type: string, name: string, props: Record<string, unknown>): Promise<Record<string, PolicyResult>> {
      const results: Record<string, PolicyResult> = {};
      for (const policy of resourcePolicies) {
        const { violations, unknown } = await runResourcePolicy(
          policy,
          resourceArgs(type, name, props, config[policy.name] ?? {}),
        );
        if (violations.length > 0 || unknown) {
          results[policy.name] = { violations: violations.map((v) => v.message), ...(unknown ? { unknown } : {}) };
        }
      }
      return results;
    },
  };
}
