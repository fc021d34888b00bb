// Shims on the @pulumi/policy runtime (1.21), each for something its API does not give a policy:
// - its deserializer unwraps secrets before a policy sees them, so the hook records where the secrets were
//   (taint) for each deserialized object; it also deserializes each wire struct once for all policies (the
//   runtime does it once per policy);
// - each policy sees only its own config, so the Configure hook records every policy's level and config,
//   which the pack needs to report a problem several rules meet once, at the highest configured level;
// - AnalyzeStack deserializes every resource of the stack before any policy runs, so while it builds the
//   arguments each value is made when first read: after an update decided at resource level, none is.
// Each shim checks the runtime's shape and reports whether it took; the pack falls back safely when not.
import * as path from "path";
import { Taint, secretTaint } from "../wire";

type Deserialize = (this: unknown, struct: unknown, ...rest: unknown[]) => unknown;
interface Struct {
  toJavaScript(): unknown;
}
/** One wire struct: its JavaScript form and taint (once converted), and the result per argument list. */
interface Entry {
  converted?: { readonly js: unknown; readonly taint: Taint | null };
  /** Argument-list key, result, key, result, ...: one or two per struct (a Map each cost more). */
  readonly results: unknown[];
}

/** `@pulumi/policy` ships these at run time but strips their typings (proxy.d.ts is empty). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as { getSpecialProxyTarget: string };

/** The plain object behind `@pulumi/policy`'s unknown-checking proxy (made now if deferred); reading it never throws. */
export function rawProps(props: unknown): unknown {
  if (typeof props !== "object" || props === null) return props;
  const raw = (props as Record<string, unknown>)[proxy.getSpecialProxyTarget] ?? props;
  return (raw as Record<symbol, unknown>)[MADE] ?? raw;
}

/** Read on a deferred value, gives the value itself (made on first read). */
const MADE = Symbol("azure-openai-ccc:made");
let deferring = false;

/**
 * Runs `build` with the runtime's deserialization deferred: each value the hook hands out meanwhile is a
 * stand-in that makes the value on its first read and forwards every operation to it, so another policy
 * (in a pack that composes these policies) reads the same data. A stand-in cannot be frozen (Object.freeze
 * throws), which no policy of this pack does.
 */
export function deferDeserialization<T>(build: () => T): T {
  deferring = true;
  try {
    return build();
  } finally {
    deferring = false;
  }
}

/** A plain object, so `instanceof Object` and its prototype read true without making the value. */
interface Deferred {
  readonly make: () => object;
  value?: object;
}

const made = (d: Deferred): object => (d.value ??= d.make());

const forwardToMade: ProxyHandler<Deferred> = {
  get: (d, p) => (p === MADE ? made(d) : Reflect.get(made(d), p)),
  has: (d, p) => Reflect.has(made(d), p),
  ownKeys: (d) => Reflect.ownKeys(made(d)),
  getOwnPropertyDescriptor: (d, p) => Reflect.getOwnPropertyDescriptor(made(d), p),
  set: (d, p, v) => Reflect.set(made(d), p, v),
  defineProperty: (d, p, descriptor) => Reflect.defineProperty(made(d), p, descriptor),
  deleteProperty: (d, p) => Reflect.deleteProperty(made(d), p),
  preventExtensions: () => false,
};

const taints = new WeakMap<object, Taint>();

/** Where the secrets were in a deserialized props object (undefined: none, or not seen by the hook). */
export function taintOf(props: unknown): Taint | undefined {
  const raw = rawProps(props);
  return typeof raw === "object" && raw !== null ? taints.get(raw) : undefined;
}

/**
 * Hooks the runtime's deserializer (looked up on its module object at each call). Per wire struct and
 * argument list (keepUnknowns differs between Analyze and Remediate) it deserializes once and records the
 * result's taint. Returns false if the runtime's shape changed.
 */
export function hookDeserializer(deserializeModule: Record<string, unknown>): boolean {
  const original = deserializeModule.deserializeProperties as (Deserialize & { cccHooked?: boolean }) | undefined;
  if (typeof original !== "function") return false;
  if (original.cccHooked) return true;
  /** While deferring (AnalyzeStack): every struct, since each stack policy walks all resources in turn. */
  const seen = new WeakMap<object, Entry>();
  /** Otherwise the last two (one Analyze request's properties and its provider's): a WeakMap costs every GC. */
  const recent: [object, Entry][] = [];
  const entryOf = (struct: object): Entry => {
    if (deferring) {
      let entry = seen.get(struct);
      if (entry === undefined) seen.set(struct, (entry = { results: [] }));
      return entry;
    }
    for (const [s, e] of recent) if (s === struct) return e;
    const entry: Entry = { results: [] };
    if (recent.unshift([struct, entry]) > 2) recent.pop();
    return entry;
  };
  const deserialize = (thisArg: unknown, struct: Struct, entry: Entry, rest: unknown[]): unknown => {
    if (entry.converted === undefined) {
      const js = struct.toJavaScript();
      entry.converted = { js, taint: secretTaint(js) ?? null };
    }
    const { js, taint } = entry.converted;
    // The runtime converts the struct again (deserializeProperties calls toJavaScript): hand it the one form.
    const value = original.call(thisArg, { toJavaScript: () => js }, ...rest);
    // Most values hold no secret: not recording them spares the WeakMap (taintOf reads undefined alike).
    if (taint !== null && typeof value === "object" && value !== null) taints.set(value, taint);
    return value;
  };
  const hooked = function (this: unknown, struct: Partial<Struct> | undefined, ...rest: unknown[]) {
    if (!struct || typeof struct.toJavaScript !== "function") return original.call(this, struct, ...rest);
    const entry = entryOf(struct);
    // The runtime passes one boolean (keepUnknowns: Remediate differs from Analyze); anything else is keyed as JSON.
    const k = rest.length === 1 && typeof rest[0] === "boolean" ? rest[0] : JSON.stringify(rest);
    const { results } = entry;
    for (let i = 0; i < results.length; i += 2) if (results[i] === k) return results[i + 1];
    const s = struct as Struct;
    const value = deferring
      ? new Proxy<Deferred>({ make: () => deserialize(this, s, entry, rest) as object }, forwardToMade)
      : deserialize(this, s, entry, rest);
    results.push(k, value);
    return value;
  } as Deserialize & { cccHooked?: boolean };
  hooked.cccHooked = true;
  deserializeModule.deserializeProperties = hooked;
  return true;
}

/** Every policy's level and config, as the engine sent them in Configure. */
export type ConfiguredPolicies = ReadonlyMap<
  string,
  { readonly level: string; readonly config: Record<string, unknown> }
>;

type ConfigureListener = (policies: ConfiguredPolicies) => void;
type StackListener = (stack: { readonly dryRun: boolean }) => void;
const listeners = new Set<ConfigureListener>();
const stackListeners = new Set<StackListener>();
const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

/** Calls `listener` with every Configure request the analyzer receives. */
export function onConfigure(listener: ConfigureListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Calls `listener` with every ConfigureStack request: whether the run is a preview. The engine sends it to
 * every analyzer (the PULUMI_DRY_RUN environment variable reaches only packs started without a language host).
 */
export function onConfigureStack(listener: StackListener): () => void {
  stackListeners.add(listener);
  return () => stackListeners.delete(listener);
}

/**
 * Wraps the gRPC server's addService (the instance @pulumi/policy uses) so the analyzer's `configure` handler
 * first reports the full request. Must run before the PolicyPack is constructed. Returns false if the
 * runtime's shape changed.
 */
export function hookConfigure(): boolean {
  let grpc: { Server?: { prototype: Record<string, unknown> } };
  try {
    const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    grpc = require(require.resolve("@grpc/grpc-js", { paths: [policyDir] }));
  } catch {
    return false;
  }
  const proto = grpc.Server?.prototype;
  if (proto === undefined || typeof proto.addService !== "function") return false;
  const addService = proto.addService as ((service: unknown, impl: Record<string, unknown>) => void) & {
    cccHooked?: boolean;
  };
  if (addService.cccHooked) return true;
  const hooked = function (this: unknown, service: unknown, impl: Record<string, unknown>) {
    const configure = impl?.configure as ((call: { request: unknown }, cb: unknown) => unknown) | undefined;
    const configureStack = impl?.configureStack as ((call: { request: unknown }, cb: unknown) => unknown) | undefined;
    const analyzeStack = impl?.analyzeStack as ((call: unknown, cb: unknown) => unknown) | undefined;
    if (typeof configure === "function" && typeof impl.analyze === "function") {
      impl = {
        ...impl,
        ...(typeof configureStack === "function"
          ? {
              configureStack: (call: { request: { getDryRun?: () => boolean } }, cb: unknown) => {
                try {
                  const dryRun = call.request.getDryRun?.();
                  if (typeof dryRun === "boolean") for (const l of stackListeners) l({ dryRun });
                } catch {
                  // The runtime's own handler still runs; the pack then uses PULUMI_DRY_RUN.
                }
                return configureStack(call, cb);
              },
            }
          : {}),
        // The runtime builds the first stack policy's arguments before its first await (server.js
        // makeAnalyzeStackRpcFun): with a Configure record, the one policy that reports.
        ...(typeof analyzeStack === "function"
          ? { analyzeStack: (call: unknown, cb: unknown) => deferDeserialization(() => analyzeStack(call, cb)) }
          : {}),
        configure: (call: { request: ConfigureRequest }, cb: unknown) => {
          try {
            const policies = new Map<string, { level: string; config: Record<string, unknown> }>();
            for (const [name, pc] of call.request.getPolicyconfigMap().entries()) {
              policies.set(name, {
                level: LEVELS[pc.getEnforcementlevel()] ?? "mandatory",
                config: (pc.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
              });
            }
            for (const l of listeners) l(policies);
          } catch {
            // The runtime's own handler still runs; the pack then works from each policy's own config.
          }
          return configure(call, cb);
        },
      };
    }
    return addService.call(this, service, impl);
  } as typeof addService;
  hooked.cccHooked = true;
  proto.addService = hooked;
  return true;
}

interface ConfigureRequest {
  getPolicyconfigMap(): {
    entries(): Iterable<
      [string, { getEnforcementlevel(): number; getProperties(): { toJavaScript(): unknown } | undefined }]
    >;
  };
}

/** Whether this analyzer runs for a preview: the engine sets PULUMI_DRY_RUN for the policy pack process. */
export function isDryRun(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.PULUMI_DRY_RUN ?? env.PULUMI_NODEJS_DRY_RUN) === "true";
}
