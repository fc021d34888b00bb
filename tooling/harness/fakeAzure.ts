// Stands in for Azure Resource Manager and the azure-native provider when a program runs under
// `pulumi.runtime.setMocks`: Azure itself cannot be reached here. Like the real provider, it answers in
// the *response* shape (shared doc §4): path parameters are not outputs; `name`, the ARM `id` and `type`
// are. In preview, `id`, `name` and every output the program did not set (tags, sku, ...) are unknown, as
// azure-native's PreviewOutputs leaves them. It never echoes inputs whole: an echo hides the linking bugs that real stacks trigger.
//
// The shapes are not written here: they come from the spec shared with the Go stand-in provider of the CLI
// tests, tools/standins/azureshapes/azure-shapes.json, and each rule below is the twin of one in
// tools/standins/azureshapes/shapes.go (test/standins.test.ts checks that both answer alike). Functions (invokes)
// answer in their response shape; one the spec does not list returns a marked placeholder and a warning.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { FunctionShape, ResourceShape, Shapes } from "../../tools/standins/azureshapes/generate";
import { UNKNOWN_STRING } from "../../policy-pack/src/wire";

/** The engine's wire sentinel for an unknown string (`UnknownStringValue`). */
export const UNKNOWN = UNKNOWN_STRING;

export const SHAPES_FILE = path.join(__dirname, "..", "..", "tools", "standins", "azureshapes", "azure-shapes.json");
export const SPEC: Shapes = JSON.parse(fs.readFileSync(SHAPES_FILE, "utf8"));
/** The environment variable naming the overrides (drift) file; see Overrides in shapes.go. */
export const DRIFT_ENV = "AZURE_STANDIN_DRIFT";

type Json = Record<string, unknown>;

/** What answers depend on besides the inputs: the provider's subscription and tenant. */
export interface AzureEnv {
  readonly subscriptionId: string;
  readonly tenantId: string;
}

export const DEFAULT_ENV: AzureEnv = { subscriptionId: SPEC.fakeSubscriptionId, tenantId: SPEC.fakeTenantId };

interface Shape extends ResourceShape {
  readonly guessed?: boolean;
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const lowerFirst = (s: string): string => s[0].toLowerCase() + s.slice(1);
const str = (m: Json, key: string): string => (typeof m[key] === "string" ? (m[key] as string) : "");

/** Strips the API-version module suffix (`cognitiveservices/v20241001`) and applies module aliases (documentdb). */
export function canonical(token: string): string {
  const t = token.replace(/^(azure-native:[A-Za-z0-9]+)\/v[0-9]{8}(?:preview)?(:.+)$/, "$1$2");
  const parts = t.split(":");
  const alias = parts.length === 3 && parts[0] === "azure-native" ? SPEC.moduleAliases[parts[1]] : undefined;
  return alias ? `azure-native:${alias}:${parts[2]}` : t;
}

/** The shape of an azure-native type token, guessed for tokens the spec does not list; undefined for other packages. */
export function resourceShape(token: string): Shape | undefined {
  const t = canonical(token);
  if (SPEC.resources[t]) return SPEC.resources[t];
  const parts = t.split(":");
  if (parts.length !== 3 || parts[0] !== "azure-native" || !parts[1] || !parts[2]) return undefined;
  const namespace = `Microsoft.${parts[1][0].toUpperCase()}${parts[1].slice(1)}`;
  const segment = `${lowerFirst(parts[2])}s`;
  return {
    scope: "resourceGroup",
    namespace,
    segments: [segment],
    params: [`${lowerFirst(parts[2])}Name`],
    armType: `${namespace}/${segment}`,
    outputs: ["name", "properties", "type"],
    guessed: true,
  };
}

const nameParam = (s: Shape): string => s.params[s.params.length - 1];

function isPathParam(s: Shape, key: string): boolean {
  if (s.guessed) return key === "resourceGroupName" || key === "subscriptionId" || key.endsWith("Name");
  return (key === "resourceGroupName" && s.scope === "resourceGroup") || key === s.scopeParam || s.params.includes(key);
}

const hasOutput = (s: Shape, key: string): boolean =>
  s.guessed ? !isPathParam(s, key) : (s.outputs ?? []).includes(key);

export function armId(s: Shape, inputs: Json, env: AzureEnv): string {
  let id =
    s.scope === "subscription"
      ? `/subscriptions/${env.subscriptionId}`
      : s.scope === "extension"
        ? str(inputs, s.scopeParam!)
        : `/subscriptions/${env.subscriptionId}/resourceGroups/${str(inputs, "resourceGroupName")}`;
  if (s.namespace !== null) id += `/providers/${s.namespace}`;
  s.segments.forEach((seg, i) => (id += `/${seg}/${str(inputs, s.params[i])}`));
  return id;
}

/** The path parameters in an ARM id of this type (a resource read by id, `Resource.get`). */
export function parseId(s: Shape, id: string): Json {
  const out: Json = {};
  const parts = id.replace(/^\/+|\/+$/g, "").split("/");
  for (let i = 0; i + 1 < parts.length; i++) {
    if (parts[i].toLowerCase() === "resourcegroups" && s.scope === "resourceGroup")
      out.resourceGroupName = parts[i + 1];
  }
  let rest = parts;
  if (s.namespace !== null) {
    parts.forEach((p, i) => {
      if (i > 0 && parts[i - 1] === "providers" && p.toLowerCase() === s.namespace!.toLowerCase()) {
        if (s.scope === "extension") out[s.scopeParam!] = `/${parts.slice(0, i - 1).join("/")}`;
        rest = parts.slice(i + 1);
      }
    });
  }
  s.segments.forEach((seg, i) => {
    const j = rest.findIndex((p, k) => k + 1 < rest.length && p.toLowerCase() === seg.toLowerCase());
    if (j >= 0) {
      out[s.params[i]] = rest[j + 1];
      rest = rest.slice(j + 2);
    }
  });
  return out;
}

export const hash8 = (s: string): string => crypto.createHash("sha256").update(s).digest("hex").slice(0, 8);

/** Replaces {subscriptionId}, {tenantId}, {name} and {args.X} in every string of a template. */
export function fill(value: unknown, env: AzureEnv, name: string, args: Json): unknown {
  if (typeof value === "string") {
    return value.replace(/\{(subscriptionId|tenantId|name|args\.[A-Za-z0-9_]+)\}/g, (_m, key: string) =>
      key === "subscriptionId"
        ? env.subscriptionId
        : key === "tenantId"
          ? env.tenantId
          : key === "name"
            ? name
            : str(args, key.slice("args.".length)),
    );
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, env, name, args));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, env, name, args)]));
  return value;
}

/** Sets the template's values where `dst` has none (objects merged key by key); unknown in preview. */
function withDefaults(dst: unknown, template: unknown, preview: boolean): unknown {
  if (!isObject(template)) return dst === undefined ? (preview ? UNKNOWN : template) : dst;
  if (dst !== undefined && !isObject(dst)) return dst;
  const out: Json = { ...(dst as Json | undefined) };
  for (const key of Object.keys(template).sort()) out[key] = withDefaults(out[key], template[key], preview);
  return out;
}

/** Adds what Azure computes: name, type, API version, etag, systemData, computed values, provisioningState. */
function server(s: Shape, out: Json, name: string, id: string, env: AzureEnv, args: Json): void {
  out.name = name;
  out.type = s.armType;
  if (s.api && hasOutput(s, "azureApiVersion")) out.azureApiVersion = s.api;
  if (hasOutput(s, "etag") && !s.guessed) out.etag = `"${hash8(id)}"`;
  if (hasOutput(s, "systemData") && !s.guessed) {
    out.systemData = { createdByType: "User", lastModifiedByType: "User" };
  }
  if (s.computed) Object.assign(out, withDefaults(out, fill(s.computed, env, name, args), false));
  if (hasOutput(s, "properties")) {
    out.properties = { ...(isObject(out.properties) ? out.properties : {}), provisioningState: "Succeeded" };
  } else if (hasOutput(s, "provisioningState")) {
    out.provisioningState = "Succeeded";
  }
}

/** The outputs Azure gives for a create with these inputs (the twin of Resource.Create in shapes.go). */
export function createOutputs(s: Shape, inputs: Json, env: AzureEnv, preview: boolean): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (value !== undefined && hasOutput(s, key)) out[key] = value;
  }
  if (preview) {
    // Like PreviewOutputs: what the program did not set is not known until Azure answers.
    for (const key of s.outputs ?? []) if (out[key] === undefined) out[key] = UNKNOWN;
    for (const [key, template] of Object.entries(s.computed ?? {})) {
      if (isObject(template) && isObject(out[key])) out[key] = withDefaults(out[key], template, true);
    }
    if (isObject(out.properties)) out.properties = { ...out.properties, provisioningState: UNKNOWN };
    return out;
  }
  server(s, out, str(inputs, nameParam(s)), armId(s, inputs, env), env, inputs);
  return out;
}

/** A get* function's answer (or a read by id): the response shape from the path parameters, with the ARM id. */
export function lookupResult(s: Shape, args: Json, env: AzureEnv): Json {
  const name = str(args, nameParam(s));
  const id = armId(s, args, env);
  let out: Json = hasOutput(s, "tags") ? { tags: {} } : {};
  if (s.lookup) out = withDefaults(out, fill(s.lookup, env, name, args), false) as Json;
  server(s, out, name, id, env, args);
  out.id = id;
  return out;
}

/** The answer to a function the stand-ins do not simulate: clearly marked, never an echo of the arguments. */
export function placeholder(token: string): Json {
  const stand = token.startsWith("azure:") ? "azure stand-in" : "azure-native stand-in";
  return {
    standinPlaceholder: `${stand}: ${token} is not simulated; this object is a placeholder, not Azure's answer`,
  };
}

/** A function's answer; `known` is false for a function the spec does not list. */
export function invokeResult(token: string, args: Json, env: AzureEnv): { result: Json; known: boolean } {
  const fn: FunctionShape | undefined = SPEC.functions[canonical(token)];
  if (!fn) return { result: placeholder(token), known: false };
  if (fn.lookup) return { result: lookupResult(SPEC.resources[fn.lookup], args, env), known: true };
  return { result: fill(fn.response, env, "", args) as Json, known: true };
}

/** A classic provider function's answer (twin of Spec.ClassicInvoke). */
export function classicInvokeResult(token: string, args: Json, env: AzureEnv): { result: Json; known: boolean } {
  const fn = SPEC.classic.functions[token];
  if (!fn) return { result: placeholder(token), known: false };
  return { result: fill(fn.response, env, "", args) as Json, known: true };
}

/** The AZURE_STANDIN_DRIFT file (format and rules: Overrides in shapes.go). */
export interface Overrides {
  readonly resources?: { resource: string; type?: string; patch: Json }[];
  readonly invokes?: { function: string; args?: Json; patch: Json }[];
}

export function loadOverrides(): Overrides {
  const file = process.env[DRIFT_ENV];
  return file ? (JSON.parse(fs.readFileSync(file, "utf8")) as Overrides) : {};
}

const equal = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Merges objects key by key (null deletes); arrays of {$match, ...} patch the matching elements; else replaces. */
export function applyPatch(target: unknown, patch: unknown): unknown {
  if (isObject(patch)) {
    const out: Json = { ...(isObject(target) ? target : {}) };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else out[k] = applyPatch(out[k], v);
    }
    return out;
  }
  if (Array.isArray(patch) && Array.isArray(target) && patch.length > 0 && patch.every((e) => isObject(e?.$match))) {
    const out = [...target];
    for (const { $match, ...rest } of patch as Json[]) {
      const match = $match as Json;
      let found = false;
      out.forEach((el, i) => {
        if (isObject(el) && Object.entries(match).every(([k, v]) => equal(el[k], v))) {
          out[i] = applyPatch(el, rest);
          found = true;
        }
      });
      if (!found) out.push({ ...match, ...rest });
    }
    return out;
  }
  return patch;
}

export interface FakeResult {
  readonly id: string | undefined;
  readonly state: Record<string, unknown>;
}

/**
 * The classic provider (@pulumi/azure, bridged from Terraform) returns every argument as an output, `name` (the
 * logical name when omitted), the values the service computes and the ARM id from the type's template (twin of
 * Spec.ClassicCreate in shapes.go).
 */
export function classicCreate(type: string, inputs: Json, env: AzureEnv, preview: boolean): FakeResult {
  const shape = SPEC.classic.resources[type];
  const name = str(inputs, "name");
  const computed = shape?.computed ?? {};
  if (preview) return { id: undefined, state: withDefaults(inputs, computed, true) as Json };
  const state = withDefaults(inputs, fill(computed, env, name, inputs), false) as Json;
  const id = fill(shape?.id ?? `/fake/${type}/{name}`, env, name, inputs) as string;
  return { id, state: { ...state, id } };
}

/** Path parameters dropped from the outputs of resources of packages the stand-in does not know. */
const OTHER_PATH_PARAMETERS = new Set(["resourceGroupName", "accountName", "deploymentName", "raiPolicyName"]);

export interface MockResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Json;
  /** Provider reference `urn::id`, as the mock monitor passes it. */
  readonly provider?: string;
  /** Set when the program reads an existing resource by id (`Resource.get`). */
  readonly id?: string;
}

export interface MockCall {
  readonly token: string;
  readonly inputs: Json;
  readonly provider?: string;
}

/**
 * The fake Azure of one program run: `newResource` and `call` plug into `pulumi.runtime.setMocks`. Explicit
 * `pulumi:providers:azure-native` resources are remembered, so resources and calls that use one get ids in its
 * `subscriptionId`; others get the fixed fake subscription.
 */
export class FakeAzure {
  private readonly providers = new Map<string, AzureEnv>();
  private readonly preview: boolean;
  private readonly warn: (message: string) => void;
  private readonly env: AzureEnv;

  constructor(
    options: { preview?: boolean; warn?: (message: string) => void; subscriptionId?: string; tenantId?: string } = {},
  ) {
    this.preview = options.preview ?? false;
    this.warn = options.warn ?? ((message) => process.stderr.write(`warning: ${message}\n`));
    this.env = {
      subscriptionId: options.subscriptionId || DEFAULT_ENV.subscriptionId,
      tenantId: options.tenantId || DEFAULT_ENV.tenantId,
    };
  }

  private envOf(provider: string | undefined): AzureEnv {
    if (!provider) return this.env;
    return this.providers.get(provider.slice(provider.lastIndexOf("::") + 2)) ?? this.env;
  }

  newResource(args: MockResource): FakeResult {
    const { type, name, inputs } = args;
    if (type === "pulumi:providers:azure-native") {
      const id = `standin-provider-${name}`;
      this.providers.set(id, {
        subscriptionId: str(inputs, "subscriptionId") || this.env.subscriptionId,
        tenantId: str(inputs, "tenantId") || this.env.tenantId,
      });
      return { id, state: inputs };
    }
    if (type === "pulumi:providers:azure") {
      const id = `standin-provider-${name}`;
      this.providers.set(id, {
        subscriptionId: str(inputs, "subscriptionId") || this.env.subscriptionId,
        tenantId: str(inputs, "tenantId") || this.env.tenantId,
      });
      return { id, state: inputs };
    }
    const env = this.envOf(args.provider);
    if (type.startsWith("azure:")) {
      return classicCreate(type, { ...inputs, name: str(inputs, "name") || name }, env, this.preview);
    }
    const shape = resourceShape(type);
    if (!shape) {
      const state: Json = {};
      for (const [k, v] of Object.entries(inputs)) if (!OTHER_PATH_PARAMETERS.has(k) && v !== undefined) state[k] = v;
      return { id: this.preview ? undefined : `/fake/${type}/${name}`, state };
    }
    if (args.id) {
      // Resource.get: the resource exists in Azure; its state is the lookup shape of its id.
      const params = { ...parseId(shape, args.id), ...inputs };
      const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(args.id)?.[1] ?? env.subscriptionId;
      const state = lookupResult(shape, params, { ...env, subscriptionId });
      return { id: args.id, state: { ...state, id: args.id } };
    }
    // The program's name, else the logical name (the Go provider's Check adds a suffix; tests name explicitly).
    const named = str(inputs, nameParam(shape)) ? inputs : { ...inputs, [nameParam(shape)]: name };
    const state = createOutputs(shape, named, env, this.preview);
    if (this.preview) return { id: undefined, state };
    const id = armId(shape, named, env);
    return { id, state: { ...state, id } };
  }

  call(args: MockCall): Json {
    const env = this.envOf(args.provider);
    const classic = args.token.startsWith("azure:");
    const answer = classic ? classicInvokeResult : invokeResult;
    const { result, known } = answer(args.token, args.inputs, env);
    const stand = classic ? "azure stand-in" : "azure-native stand-in";
    if (!known) this.warn(`${stand}: function ${args.token} is not simulated; it returns a placeholder object`);
    let out = result;
    for (const o of loadOverrides().invokes ?? []) {
      if (canonical(o.function) !== canonical(args.token)) continue;
      if (Object.entries(o.args ?? {}).every(([k, v]) => equal(args.inputs[k], v)))
        out = applyPatch(out, o.patch) as Json;
    }
    return out;
  }
}

/** The outputs Azure would return for a create with these inputs (default subscription, no explicit provider). */
export function fakeAzureCreate(
  type: string,
  logicalName: string,
  inputs: Record<string, unknown>,
  preview: boolean,
): FakeResult {
  return new FakeAzure({ preview }).newResource({ type, name: logicalName, inputs });
}
