// Shims on the @pulumi/policy runtime (1.21), each for something its API does not give a policy:
// - its deserializer unwraps secrets before a policy sees them, so the hook records where the secrets were
//   (taint) for each deserialized object; it converts each wire struct once for all policies, and still hands
//   every policy its own copy, as the runtime does (a policy of a composing pack may change what it is handed);
// - each policy sees only its own config, so the Configure hook records every policy's level and config,
//   which the pack needs to report a problem several rules meet once, at the highest configured level;
// - GetAnalyzerInfo's answer says which policies the pack serves, under which names (a composing pack may
//   leave some out);
// - AnalyzeStack deserializes every resource of the stack before any policy runs, so while it builds the
//   arguments each value is made when first read: after an update decided at resource level, none is.
// Each shim checks the runtime's shape and reports whether it took; the pack falls back safely when not.
import * as path from "path";
import { Taint, secretTaint } from "../wire";

type Deserialize = (this: unknown, struct: unknown, ...rest: unknown[]) => unknown;
interface Struct {
  toJavaScript(): unknown;
}
/** One wire struct: its JavaScript form and taint, once converted. Every value made from it maps to it. */
interface Entry {
  converted?: { readonly js: unknown; readonly taint: Taint | null };
}

/** `@pulumi/policy` ships these at run time but strips their typings (proxy.d.ts is empty). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as { getSpecialProxyTarget: string };

/**
 * The plain object behind `@pulumi/policy`'s unknown-checking proxy (made now if deferred). Reading it throws
 * only where the runtime's own deserialization of that value would have.
 */
export function rawProps(props: unknown): unknown {
  if (typeof props !== "object" || props === null) return props;
  const raw = (props as Record<string, unknown>)[proxy.getSpecialProxyTarget] ?? props;
  return (raw as Record<symbol, unknown>)[MADE] ?? raw;
}

/** Read on a deferred value, gives the value itself (made on first read). */
const MADE = Symbol("azure-openai-ccc:made");
/** On a stand-in's own object until it is filled: what makes the value. */
const MAKE = Symbol("azure-openai-ccc:make");
let deferring = false;

/**
 * Runs `build` with the runtime's deserialization deferred: each value the hook hands out meanwhile is a
 * stand-in, filled with the value on its first use, so another policy (in a pack that composes these
 * policies) reads and changes the same data as with a made value.
 */
export function deferDeserialization<T>(build: () => T): T {
  deferring = true;
  try {
    return build();
  } finally {
    deferring = false;
  }
}

type Pending = { [MAKE]?: () => object };

/**
 * Fills a stand-in's own object with the value's properties, once (again after a failure), and returns it.
 * Every operation then acts on that object itself, so the proxy invariants hold, freezing included.
 */
function fill(target: Pending): object {
  const make = target[MAKE];
  if (make !== undefined) {
    const value = make();
    delete target[MAKE];
    Object.defineProperties(target, Object.getOwnPropertyDescriptors(value));
    const taint = taints.get(value);
    if (taint !== undefined) taints.set(target, taint);
  }
  return target;
}

/** Fills first; the prototype and extensibility are a plain object's, so `instanceof Object` makes nothing. */
const fillFirst: ProxyHandler<Pending> = {
  get: (t, p) => (p === MADE ? fill(t) : Reflect.get(fill(t), p)),
  has: (t, p) => Reflect.has(fill(t), p),
  ownKeys: (t) => Reflect.ownKeys(fill(t)),
  getOwnPropertyDescriptor: (t, p) => Reflect.getOwnPropertyDescriptor(fill(t), p),
  set: (t, p, v) => Reflect.set(fill(t), p, v),
  defineProperty: (t, p, descriptor) => Reflect.defineProperty(fill(t), p, descriptor),
  deleteProperty: (t, p) => Reflect.deleteProperty(fill(t), p),
  preventExtensions: (t) => Reflect.preventExtensions(fill(t)),
};

const taints = new WeakMap<object, Taint>();

/** Where the secrets were in a deserialized props object (undefined: none, or not seen by the hook). */
export function taintOf(props: unknown): Taint | undefined {
  const raw = rawProps(props);
  return typeof raw === "object" && raw !== null ? taints.get(raw) : undefined;
}

/**
 * Entries by object: while deferring (AnalyzeStack) every one, since each stack policy walks all resources in
 * turn; otherwise the last two (one Analyze request's and its provider's), as a WeakMap costs every GC.
 */
class RecentOrDeferred<V> {
  private readonly recent: [object, V][] = [];
  private readonly deferred = new WeakMap<object, V>();

  get(key: object): V | undefined {
    for (const [k, v] of this.recent) if (k === key) return v;
    return this.deferred.get(key);
  }

  set(key: object, value: V): void {
    if (deferring) this.deferred.set(key, value);
    else if (this.recent.unshift([key, value]) > 2) this.recent.pop();
  }
}

/** The wire struct each handed-out value was made from. */
const origins = new RecentOrDeferred<Entry>();

/**
 * What identifies the wire value `props` was made from: the same for every policy's copy of one request's
 * value (the value itself when the hook did not make it). Reads no deferred value.
 */
export function sourceOf(props: unknown): unknown {
  if (typeof props !== "object" || props === null) return props;
  // Looked up before any read: reading a stand-in's property makes its value.
  const own = origins.get(props);
  if (own !== undefined) return own;
  const handed = (props as Record<string, unknown>)[proxy.getSpecialProxyTarget];
  return (typeof handed === "object" && handed !== null ? origins.get(handed) : undefined) ?? handed ?? props;
}

/**
 * Hooks the runtime's deserializer (looked up on its module object at each call). It converts each wire
 * struct once and records each result's taint; every call still gets its own value, as from the runtime.
 * Returns false if the runtime's shape changed.
 */
export function hookDeserializer(deserializeModule: Record<string, unknown>): boolean {
  const original = deserializeModule.deserializeProperties as (Deserialize & { cccHooked?: boolean }) | undefined;
  if (typeof original !== "function") return false;
  if (original.cccHooked) return true;
  const structs = new RecentOrDeferred<Entry>();
  const entryOf = (struct: object): Entry => {
    let entry = structs.get(struct);
    if (entry === undefined) structs.set(struct, (entry = {}));
    return entry;
  };
  const deserialize = (thisArg: unknown, struct: Struct, entry: Entry, rest: unknown[]): unknown => {
    if (entry.converted === undefined) {
      const js = struct.toJavaScript();
      entry.converted = { js, taint: secretTaint(js) ?? null };
    }
    const { js, taint } = entry.converted;
    // The runtime would convert the struct again (deserializeProperties calls toJavaScript); it copies what
    // it is given, so each call still makes a value of its own.
    const value = original.call(thisArg, { toJavaScript: () => js }, ...rest);
    // Most values hold no secret: not recording them spares the WeakMap (taintOf reads undefined alike).
    if (taint !== null && typeof value === "object" && value !== null) taints.set(value, taint);
    return value;
  };
  const hooked = function (this: unknown, struct: Partial<Struct> | undefined, ...rest: unknown[]) {
    if (!struct || typeof struct.toJavaScript !== "function") return original.call(this, struct, ...rest);
    const entry = entryOf(struct);
    const s = struct as Struct;
    // AnalyzeStack passes keepUnknowns false; any other value is made at once (a secret-preserving proxy
    // from Remediate would not survive being copied into a stand-in).
    const value =
      deferring && rest.length === 1 && rest[0] === false
        ? new Proxy<Pending>({ [MAKE]: () => deserialize(this, s, entry, rest) as object }, fillFirst)
        : deserialize(this, s, entry, rest);
    if (typeof value === "object" && value !== null) origins.set(value, entry);
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
type ServedListener = (names: readonly string[]) => void;
/** The type and URN of each resource an AnalyzeStack request holds (undefined: not read from the request). */
export type StackRequestListener = (
  resources: readonly { readonly type: string; readonly urn: string }[] | undefined,
) => void;
const listeners = new Set<ConfigureListener>();
const stackListeners = new Set<StackListener>();
const servedListeners = new Set<ServedListener>();
const stackRequestListeners = new Set<StackRequestListener>();
const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

/** Calls `listener` with every Configure request the analyzer receives. */
export function onConfigure(listener: ConfigureListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls `listener` with the names of the policies every GetAnalyzerInfo answer lists (what the engine configures). */
export function onServed(listener: ServedListener): () => void {
  servedListeners.add(listener);
  return () => servedListeners.delete(listener);
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
 * Calls `listener` with every AnalyzeStack request's resources (type and URN, read from the wire without
 * deserializing properties) before the runtime builds any stack policy's arguments.
 */
export function onAnalyzeStack(listener: StackRequestListener): () => void {
  stackRequestListeners.add(listener);
  return () => stackRequestListeners.delete(listener);
}

/** Each resource's type and URN from an AnalyzeStack request; undefined when its shape is not the known one. */
function stackRequestResources(call: unknown): { type: string; urn: string }[] | undefined {
  try {
    const request = (call as { request?: { getResourcesList?: () => unknown[] } }).request;
    const list = request?.getResourcesList?.();
    if (!Array.isArray(list)) return undefined;
    return list.map((r) => {
      const { getType, getUrn } = r as { getType: () => unknown; getUrn: () => unknown };
      const type = getType.call(r);
      const urn = getUrn.call(r);
      if (typeof type !== "string" || typeof urn !== "string") throw new Error("not a resource");
      return { type, urn };
    });
  } catch {
    return undefined;
  }
}

/**
 * The @pulumi/policy copies that may serve these policies: the one they import, and the one the pack's own
 * program resolves (the analyzer runs in the pack's directory), which npm nests apart when a composing pack
 * depends on another version.
 */
export function policyRuntimes(): string[] {
  const dirs = new Set<string>();
  for (const options of [undefined, { paths: [process.cwd()] }]) {
    try {
      dirs.add(path.dirname(require.resolve("@pulumi/policy/package.json", options)));
    } catch {
      // Not resolvable from there: nothing to hook.
    }
  }
  return [...dirs];
}

/**
 * Wraps the gRPC server's addService (the instance the @pulumi/policy copy at `policyDir` uses) so the analyzer's `configure` handler
 * first reports the full request. Must run before the PolicyPack is constructed. Returns false if the
 * runtime's shape changed.
 */
export function hookConfigure(policyDir: string): boolean {
  let grpc: { Server?: { prototype: Record<string, unknown> } };
  try {
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
    const getAnalyzerInfo = impl?.getAnalyzerInfo as ((call: unknown, cb: InfoCallback) => unknown) | undefined;
    if (typeof configure === "function" && typeof impl.analyze === "function") {
      impl = {
        ...impl,
        ...(typeof getAnalyzerInfo === "function"
          ? {
              getAnalyzerInfo: (call: unknown, cb: InfoCallback) =>
                getAnalyzerInfo(call, (err, info) => {
                  try {
                    const names = info?.getPoliciesList().map((p) => p.getName());
                    if (!err && names) for (const l of servedListeners) l(names);
                  } catch {
                    // The pack then takes every policy of its own to be served under its own name.
                  }
                  cb(err, info);
                }),
            }
          : {}),
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
          ? {
              analyzeStack: (call: unknown, cb: unknown) => {
                const resources = stackRequestResources(call);
                for (const l of stackRequestListeners) {
                  try {
                    l(resources);
                  } catch {
                    // A listener fails closed itself (the pack then judges the stack as before).
                  }
                }
                return deferDeserialization(() => analyzeStack(call, cb));
              },
            }
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

type InfoCallback = (err: unknown, info?: { getPoliciesList(): { getName(): string }[] }) => void;

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
