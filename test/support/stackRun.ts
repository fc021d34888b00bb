// The stack-level half of an analyzer run in-process: builds the arguments @pulumi/policy's AnalyzeStack
// handler passes to `validateStack` (props behind the unknown-checking proxy, propertyDependencies as
// resource objects) and runs the pack's `ccc-stack-recheck` policy on them.
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import * as path from "path";
import { RunState, STACK_RECHECK_POLICY, buildPolicies } from "../../policy-pack/src/policies";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require(path.join(__dirname, "..", "..", "policy-pack", "node_modules", "@pulumi/policy/proxy")) as {
  unknownCheckingProxy<T extends object>(o: T): T;
};

export interface StackResource {
  readonly type: string;
  readonly name: string;
  readonly props: unknown;
  /** Top-level property -> names of the resources (in the same list) it depends on. */
  readonly propertyDependencies?: Record<string, readonly string[]>;
}

export const urnOf = (type: string, name: string): string => `urn:pulumi:dev::test::${type}::${name}`;

export function stackRecheckPolicy(state: RunState, now = new Date("2026-11-23T00:00:00Z")): StackValidationPolicy {
  const policies = buildPolicies({ state, now: () => now });
  const recheck = policies.find((p) => p.name === STACK_RECHECK_POLICY);
  if (!recheck || !("validateStack" in recheck)) throw new Error(`${STACK_RECHECK_POLICY} not found`);
  return recheck as StackValidationPolicy;
}

/** Runs the stack recheck over `resources`; returns the messages it reports. */
export async function runStackRecheck(
  resources: readonly StackResource[],
  state = new RunState(),
): Promise<{ message: string; urn?: string }[]> {
  const byName = new Map<string, PolicyResource>();
  const list: PolicyResource[] = resources.map((r) => {
    const resource: PolicyResource = {
      type: r.type,
      name: r.name,
      urn: urnOf(r.type, r.name),
      props:
        typeof r.props === "object" && r.props !== null
          ? proxy.unknownCheckingProxy(r.props as object)
          : (r.props as never),
      opts: {} as PolicyResource["opts"],
      isType: () => false,
      asType: () => undefined,
      dependencies: [],
      propertyDependencies: {},
    } as unknown as PolicyResource;
    byName.set(r.name, resource);
    return resource;
  });
  resources.forEach((r, i) => {
    for (const [key, names] of Object.entries(r.propertyDependencies ?? {})) {
      list[i].propertyDependencies[key] = names.flatMap((n) => byName.get(n) ?? []);
    }
  });
  const reported: { message: string; urn?: string }[] = [];
  const report: ReportViolation = (message: string, urn?: string) => reported.push({ message, urn });
  const args = {
    resources: list,
    getConfig: <T extends object>() => ({}) as T,
    stackTags: new Map(),
  } as unknown as StackValidationArgs;
  await stackRecheckPolicy(state).validateStack(args, report);
  return reported;
}
