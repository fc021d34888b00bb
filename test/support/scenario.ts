// Scenarios the way a program produces them, sent to the real pack over the real analyzer protocol (the
// harness starts it exactly as the engine does). A scenario lists resources in registration order; an input
// can reference another resource's output (`ref`), be computed from it (`computed`), or be a secret. In `up`
// mode every reference is resolved, as the engine resolves them before it registers a resource; in `preview`
// mode a reference to an output not known yet is the wire's unknown sentinel, and the input's top-level
// property depends on the referenced resource (propertyDependencies), as the Node SDK records it.
import { AnalysisResult, Diagnostic, PackConfig, analyzeResources } from "../../tooling/harness/analyzer";
import { FakeAzure } from "../../tooling/harness/fakeAzure";
import { CapturedResource } from "../../tooling/harness/types";
import { PACK_DIR } from "./examples";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Json = Record<string, unknown>;

/** An input that is another resource's output (`policy.name`, `account.id`). */
export interface Ref {
  readonly kind: "ref";
  readonly resource: string;
  readonly output: string;
  readonly transform?: (value: unknown) => unknown;
}
export interface Secret {
  readonly kind: "secret";
  readonly value: unknown;
}

export const ref = (resource: string, output = "name"): Ref => ({ kind: "ref", resource, output });
/** A value computed from another resource's output (`pulumi.interpolate\`${policy.name}-x\``). */
export const computed = (resource: string, transform: (value: unknown) => unknown, output = "name"): Ref => ({
  kind: "ref",
  resource,
  output,
  transform,
});
export const secret = (value: unknown): Secret => ({ kind: "secret", value });

export interface Step {
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  readonly inputs: Json;
  /** Logical name of an explicit provider step. */
  readonly provider?: string;
}

export const AN = {
  provider: "pulumi:providers:azure-native",
  account: "azure-native:cognitiveservices:Account",
  deployment: "azure-native:cognitiveservices:Deployment",
  policy: "azure-native:cognitiveservices:RaiPolicy",
  subscriptionPolicy: "azure-native:cognitiveservices:SubscriptionRaiPolicy",
} as const;

const STACK = "urn:pulumi:dev::scenario";
const urnOf = (type: string, name: string) => `${STACK}::${type}::${name}`;

function isMarker(v: unknown): v is Ref | Secret {
  return (
    typeof v === "object" &&
    v !== null &&
    ((v as Ref).kind === "ref" || (v as Secret).kind === "secret") &&
    Object.keys(v).length <= 4
  );
}

/** Builds the engine's view of a scenario: inputs and outputs in wire form, in registration order. */
export function capture(steps: readonly Step[], preview: boolean): CapturedResource[] {
  const fake = new FakeAzure({ preview });
  const outputs = new Map<string, Json>();
  const captured: CapturedResource[] = [];
  const providers = new Map<string, CapturedResource>();
  for (const step of steps) {
    const deps = new Map<string, Set<string>>();
    const resolve = (v: unknown, top: string | undefined): unknown => {
      if (isMarker(v)) {
        if (v.kind === "secret") return { [SIG_KEY]: SECRET_SIG, value: resolve(v.value, top) };
        const target = steps.find((s) => s.name === v.resource);
        if (!target) throw new Error(`scenario: ${step.name} references unknown resource ${v.resource}`);
        if (top !== undefined) {
          const set = deps.get(top) ?? new Set<string>();
          set.add(urnOf(target.type, target.name));
          deps.set(top, set);
        }
        const value = outputs.get(v.resource)?.[v.output];
        if (value === undefined || value === UNKNOWN) return UNKNOWN;
        return v.transform ? v.transform(value) : value;
      }
      if (Array.isArray(v)) return v.map((x) => resolve(x, top));
      if (typeof v === "object" && v !== null)
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x, top ?? k)]));
      return v;
    };
    const inputs = Object.fromEntries(Object.entries(step.inputs).map(([k, v]) => [k, resolve(v, k)])) as Json;
    const provider = step.provider ? providers.get(step.provider) : undefined;
    const plain = JSON.parse(
      JSON.stringify(inputs, (_k, v) => (v && typeof v === "object" && v[SIG_KEY] === SECRET_SIG ? v.value : v)),
    );
    const result = fake.newResource({
      type: step.type,
      name: step.name,
      inputs: plain,
      ...(provider ? { provider: `${provider.urn}::standin-provider-${provider.name}` } : {}),
    });
    const out: Json = { ...result.state, ...(result.id ? { id: result.id } : {}) };
    outputs.set(step.name, out);
    const propertyDependencies = Object.fromEntries([...deps].map(([k, s]) => [k, [...s]]));
    const resource: CapturedResource = {
      urn: urnOf(step.type, step.name),
      type: step.type,
      name: step.name,
      custom: true,
      inputs,
      outputs: out,
      dependencies: [...new Set([...deps.values()].flatMap((s) => [...s]))],
      propertyDependencies,
      ...(provider
        ? {
            provider: `${provider.urn}::standin-provider-${provider.name}`,
            providerResource: {
              urn: provider.urn,
              type: provider.type,
              name: provider.name,
              properties: provider.inputs,
            },
          }
        : {}),
    };
    if (step.type.startsWith("pulumi:providers:")) providers.set(step.name, resource);
    captured.push(resource);
  }
  return captured;
}

export interface Outcome {
  readonly result: AnalysisResult;
  /** `[level] rule name` for each diagnostic, sorted and deduplicated. */
  readonly findings: string[];
  /** Findings given at resource level (Analyze: before the step, so they block `up`). */
  readonly resourceLevel: Diagnostic[];
  readonly stackLevel: Diagnostic[];
  readonly mandatory: Diagnostic[];
  readonly text: string;
}

/** Runs a scenario through the pack in `up` mode (all inputs known) or `preview` mode. */
export async function run(steps: readonly Step[], mode: "up" | "preview", config: PackConfig = {}): Promise<Outcome> {
  const preview = mode === "preview";
  const resources = capture(steps, preview);
  const result = await analyzeResources(
    PACK_DIR,
    resources,
    { project: "scenario", stack: "dev", dryRun: preview },
    config,
  );
  const diagnostics = result.diagnostics;
  const name = (d: Diagnostic) => (d.urn ? d.urn.split("::").pop() : "(stack)");
  return {
    result,
    findings: [...new Set(diagnostics.map((d) => `[${d.enforcementLevel}] ${d.policyName} ${name(d)}`))].sort(),
    resourceLevel: diagnostics.filter((d) => d.phase === "analyze"),
    stackLevel: diagnostics.filter((d) => d.phase === "analyzeStack"),
    mandatory: diagnostics.filter((d) => d.enforcementLevel === "mandatory"),
    text: diagnostics.map((d) => d.message).join("\n"),
  };
}
