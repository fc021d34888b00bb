// Scenarios the way a program produces them, sent to the real pack over the real analyzer protocol (the
// harness starts it exactly as the engine does). A scenario lists resources in registration order; an input
// can reference another resource's output (`ref`), be computed from it (`computed`), or be a secret. In `up`
// mode every reference is resolved, as the engine resolves them before it registers a resource; in `preview`
// mode a reference to an output not known yet is the wire's unknown sentinel, and the input's top-level
// property depends on the referenced resource (propertyDependencies), as the Node SDK records it.
import {
  AnalysisResult,
  AnalyzerSession,
  Diagnostic,
  PackConfig,
  analyzeResources,
} from "../../tooling/harness/analyzer";
import { DEFAULT_ENV, FakeAzure } from "../../tooling/harness/fakeAzure";
import { CapturedResource } from "../../tooling/harness/types";
import { PACK_DIR } from "./examples";
import { describeUnlessMutating, itUnlessMutating } from "./mutation";

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
  /** Also computed from something a preview does not know (a random suffix): unknown in preview whatever the output. */
  readonly late?: boolean;
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
/**
 * A value computed from another resource's output and from something a preview does not know yet
 * (`pulumi.interpolate\`${policy.name}-${suffix.result}\``): unknown in preview even when the output is
 * known, and depending only on `resource` among the resources the pack reads.
 */
export const computedLate = (resource: string, transform: (value: unknown) => unknown, output = "name"): Ref => ({
  kind: "ref",
  resource,
  output,
  transform,
  late: true,
});

export interface Step {
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  readonly inputs: Json;
  /** Logical name of an explicit provider step. */
  readonly provider?: string;
  /** The resource exists already (an update preview): its outputs are known in preview too. */
  readonly existing?: boolean;
  /** The program reads it (`.get`): the engine sends it to AnalyzeStack only, never to Analyze. */
  readonly read?: boolean;
}

export const AN = {
  provider: "pulumi:providers:azure-native",
  account: "azure-native:cognitiveservices:Account",
  deployment: "azure-native:cognitiveservices:Deployment",
  policy: "azure-native:cognitiveservices:RaiPolicy",
  subscriptionPolicy: "azure-native:cognitiveservices:SubscriptionRaiPolicy",
} as const;

/** The classic provider `@pulumi/azure`: its account, AI Services account, RAI policy and deployment. */
export const CLASSIC = {
  provider: "pulumi:providers:azure",
  account: "azure:cognitive/account:Account",
  aiServices: "azure:cognitive/aIServices:AIServices",
  policy: "azure:cognitive/accountRaiPolicy:AccountRaiPolicy",
  deployment: "azure:cognitive/deployment:Deployment",
} as const;

/** AI Foundry hub resources (azure-native machinelearningservices). */
export const HUB = {
  workspace: "azure-native:machinelearningservices:Workspace",
  endpointDeployment: "azure-native:machinelearningservices:EndpointDeployment",
  connectionDeployment: "azure-native:machinelearningservices:ConnectionDeployment",
  policy: "azure-native:machinelearningservices:RaiPolicy",
  connectionPolicy: "azure-native:machinelearningservices:ConnectionRaiPolicy",
} as const;

const STACK = "urn:pulumi:dev::scenario";
const urnOf = (type: string, name: string) => `${STACK}::${type}::${name}`;

function isMarker(v: unknown): v is Ref | Secret {
  return (
    typeof v === "object" &&
    v !== null &&
    ((v as Ref).kind === "ref" || (v as Secret).kind === "secret") &&
    Object.keys(v).length <= 5
  );
}

/** Builds the engine's view of a scenario: inputs and outputs in wire form, in registration order. */
export function capture(steps: readonly Step[], preview: boolean): CapturedResource[] {
  const fake = new FakeAzure({ preview });
  // Resources that exist already answer with known outputs, as after an earlier `up`.
  const existing = new FakeAzure({ preview: false });
  const outputs = new Map<string, Json>();
  const captured: CapturedResource[] = [];
  const providers = new Map<string, CapturedResource>();
  const providerSubscription = (step: Step): string | undefined => {
    const p = step.provider ? providers.get(step.provider) : undefined;
    return typeof p?.inputs.subscriptionId === "string" ? p.inputs.subscriptionId : undefined;
  };
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
        if (value === undefined || value === UNKNOWN || (v.late && preview)) return UNKNOWN;
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
    const request = {
      type: step.type,
      name: step.name,
      inputs: plain,
      ...(provider ? { provider: `${provider.urn}::standin-provider-${provider.name}` } : {}),
    };
    const answered = (step.existing ? existing : fake).newResource(request);
    const result = classicAIServicesId(answered, step, plain, !preview || step.existing === true, providerSubscription);
    if (step.type === AN.provider) existing.newResource(request);
    if (step.type === CLASSIC.provider) {
      // The stand-in keeps a subscription per provider id: a classic provider's ids use its subscriptionId too
      // (a no-op where the stand-in already knows classic providers).
      for (const f of [fake, existing]) f.newResource({ ...request, type: AN.provider });
    }
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

/**
 * Where the stand-in has no id rule for the classic `AIServices` account (it answers `/fake/...`), gives it the
 * ARM id Azure gives an AI Services account, in the provider's subscription, once it is known (not in a preview).
 */
function classicAIServicesId(
  result: { id: string | undefined; state: Record<string, unknown> },
  step: Step,
  inputs: Json,
  known: boolean,
  subscriptionOf: (step: Step) => string | undefined,
): { id: string | undefined; state: Record<string, unknown> } {
  if (step.type !== CLASSIC.aiServices || (result.id !== undefined && !result.id.startsWith("/fake/"))) return result;
  const name = typeof inputs.name === "string" ? inputs.name : step.name;
  const subscription = subscriptionOf(step) ?? DEFAULT_ENV.subscriptionId;
  const id = known
    ? `/subscriptions/${subscription}/resourceGroups/${String(inputs.resourceGroupName)}/providers/Microsoft.CognitiveServices/accounts/${name}`
    : undefined;
  const { id: _dropped, ...state } = result.state;
  void _dropped;
  return { id, state: { ...state, name, ...(id ? { id } : {}) } };
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

/** Scenario runs serve the built pack (policy-pack/bin), which mutation testing neither mutates nor rebuilds. */
const BUILT_PACK = "the analyzer serves the built pack, not the mutated source";
export const describeThroughProtocol = (name: string, body: () => void): void =>
  describeUnlessMutating(name, BUILT_PACK, body);
export const itThroughProtocol = (name: string, body: () => Promise<void>, timeout?: number): void =>
  itUnlessMutating(name, BUILT_PACK, body, timeout);

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

/** Which Analyze call (by the analyzed resource's URN) produced each resource-level diagnostic. */
export interface TracedOutcome extends Outcome {
  /** Parallel to `result.diagnostics`: the URN of the resource whose Analyze call reported it; undefined at stack level. */
  readonly reportedDuring: readonly (string | undefined)[];
}

/**
 * Like `run`, and records during which resource's Analyze call each resource-level diagnostic came, so a
 * test can tell a block before the resource's step from one reported later. The same protocol calls, in
 * the same order, as `analyzeResources` (no remediation).
 */
export async function runTraced(
  steps: readonly Step[],
  mode: "up" | "preview",
  config: PackConfig = {},
): Promise<TracedOutcome> {
  const preview = mode === "preview";
  const resources = capture(steps, preview);
  const session = await AnalyzerSession.start(PACK_DIR, { env: { PULUMI_DRY_RUN: String(preview) } });
  const diagnostics: Diagnostic[] = [];
  const reportedDuring: (string | undefined)[] = [];
  let info: AnalysisResult["info"];
  try {
    info = await session.getAnalyzerInfo();
    await session.configure(info, config);
    await session.configureStack({ project: "scenario", stack: "dev", dryRun: preview });
    const reads = new Set(steps.filter((s) => s.read).map((s) => s.name));
    for (const r of resources) {
      if (reads.has(r.name)) continue;
      for (const d of await session.analyze(r)) {
        diagnostics.push({ ...d, urn: d.urn || r.urn });
        reportedDuring.push(r.urn);
      }
    }
    for (const d of await session.analyzeStack([...resources].reverse())) {
      diagnostics.push(d);
      reportedDuring.push(undefined);
    }
  } finally {
    await session.close();
  }
  const result: AnalysisResult = { info, diagnostics, logs: session.logs, remediations: new Map() };
  const name = (d: Diagnostic) => (d.urn ? d.urn.split("::").pop() : "(stack)");
  return {
    result,
    findings: [...new Set(diagnostics.map((d) => `[${d.enforcementLevel}] ${d.policyName} ${name(d)}`))].sort(),
    resourceLevel: diagnostics.filter((d) => d.phase === "analyze"),
    stackLevel: diagnostics.filter((d) => d.phase === "analyzeStack"),
    mandatory: diagnostics.filter((d) => d.enforcementLevel === "mandatory"),
    text: diagnostics.map((d) => d.message).join("\n"),
    reportedDuring,
  };
}
