import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { RunState, buildPolicies } from "../../policy-pack/src/policies";
import { resourceArgs, runResourcePolicy, unknownCheckingProxy } from "./runtimeArgs";

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
  const stackPolicies = policies.filter((p) => "validateStack" in p) as unknown as StackValidationPolicy[];
  const seen: { type: string; name: string; props: Record<string, unknown> }[] = [];
  return {
    state,
    /** AnalyzeStack over everything analyzed so far, with the inputs standing in for outputs. */
    async analyzeStack(): Promise<Record<string, { message: string; urn?: string }[]>> {
      const resources = seen.map(
        ({ type, name, props }) =>
          ({
            type,
            name,
            urn: `urn:pulumi:dev::test::${type}::${name}`,
            props: unknownCheckingProxy(props),
            opts: resourceArgs(type, name, props).opts,
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
          }) as unknown as PolicyResource,
      );
      const results: Record<string, { message: string; urn?: string }[]> = {};
      for (const policy of stackPolicies) {
        const found: { message: string; urn?: string }[] = [];
        await policy.validateStack(
          {
            resources,
            stackTags: new Map(),
            getConfig: <T extends object>() => (config[policy.name] ?? {}) as T,
            notApplicable: (): never => {
              throw new Error("not applicable");
            },
          },
          (message: string, urn?: string) => found.push({ message, urn }),
        );
        if (found.length > 0) results[policy.name] = found;
      }
      return results;
    },
    /** Violations by policy; notes (object-form advisory reports) go to `notes` when given. */
    async analyze(
      type: string,
      name: string,
      props: Record<string, unknown>,
      notes?: unknown[],
    ): Promise<Record<string, PolicyResult>> {
      seen.push({ type, name, props });
      const results: Record<string, PolicyResult> = {};
      for (const policy of resourcePolicies) {
        const result = await runResourcePolicy(policy, resourceArgs(type, name, props, config[policy.name] ?? {}));
        const violations = result.violations.filter((v) => typeof v.message === "string");
        notes?.push(...result.violations.filter((v) => typeof v.message !== "string").map((v) => v.message));
        if (violations.length > 0 || result.unknown) {
          results[policy.name] = {
            violations: violations.map((v) => v.message as string),
            ...(result.unknown ? { unknown: result.unknown } : {}),
          };
        }
      }
      return results;
    },
  };
}
