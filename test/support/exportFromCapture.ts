// Turns a captured program run (tooling/harness/capture.ts) into what `pulumi stack export` writes after
// `pulumi up`: deployment format v3, with the root `pulumi:pulumi:Stack`, the default providers the engine
// creates (with the properties the capture recorded for them, e.g. a stack's azure-native:subscriptionId),
// and every resource with inputs, outputs, parent, provider, dependencies and propertyDependencies.
// Chosen values can be wrapped as secrets, in either of the forms an export holds them.
import { randomBytes } from "crypto";
import { SECRET_SIG, SIG_KEY } from "../../policy-pack/src/api";
import { CaptureResult } from "../../tooling/harness/types";
import { Step, capture } from "./scenario";

export interface SecretValue {
  /** Logical name of the resource. */
  readonly resource: string;
  /** A tag name (`tags.<tag>`), or a property path such as `["properties", "raiPolicyName"]`. */
  readonly tag?: string;
  readonly path?: readonly string[];
  /** The value; absent: wrap the value the program set. */
  readonly value?: unknown;
  /** `ciphertext` as `pulumi stack export` writes it; `plaintext` as with `--show-secrets`. */
  readonly form: "ciphertext" | "plaintext";
}

/** The old name, for tags only. */
export type SecretTag = SecretValue;

export interface StackExport {
  readonly version: 3;
  readonly deployment: {
    readonly manifest: { readonly time: string; readonly magic: string; readonly version: string };
    readonly secrets_providers: { readonly type: string; readonly state: Record<string, unknown> };
    readonly resources: Record<string, unknown>[];
  };
}

export const EXPORT_TIME = "2026-11-23T09:00:00.000000000Z";

/** A secret value as it appears in a stack export. */
export function secretValue(value: unknown, form: SecretValue["form"]): Record<string, string> {
  return form === "plaintext"
    ? { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(value) }
    : {
        [SIG_KEY]: SECRET_SIG,
        ciphertext: `v1:${randomBytes(12).toString("base64")}:${randomBytes(32).toString("base64")}`,
      };
}

/**
 * Wraps the value at `keys` (the program's, or `s.value`). `create`: make the path if needed (inputs);
 * otherwise only a value already there is wrapped (outputs, whose shape may not have the path).
 */
function wrap(props: Record<string, unknown>, keys: readonly string[], s: SecretValue, create: boolean): boolean {
  let node: Record<string, unknown> = props;
  for (const k of keys.slice(0, -1)) {
    if (typeof node[k] !== "object" || node[k] === null) {
      if (!create) return false;
      node[k] = {};
    }
    node = node[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (!create && node[last] === undefined) return false;
  const value = s.value ?? node[last];
  if (value === undefined) return false;
  node[last] = secretValue(value, s.form);
  return true;
}

export function exportFromCapture(capture: CaptureResult, secrets: readonly SecretValue[] = []): StackExport {
  const prefix = `urn:pulumi:${capture.stack}::${capture.project}`;
  const stackUrn = `${prefix}::pulumi:pulumi:Stack::${capture.project}-${capture.stack}`;

  const resources: Record<string, unknown>[] = [
    {
      urn: stackUrn,
      custom: false,
      type: "pulumi:pulumi:Stack",
      outputs: {},
      created: EXPORT_TIME,
      modified: EXPORT_TIME,
    },
  ];
  // Default providers, created before the first resource that uses them; explicit ones are captured resources.
  const defaults = new Map<string, string>();
  const providerRef = (r: CaptureResult["resources"][number]): string | undefined => {
    if (!r.custom || r.type.startsWith("pulumi:providers:")) return undefined;
    if (r.provider) return r.provider;
    const p = r.providerResource;
    if (!p) return undefined;
    let id = defaults.get(p.urn);
    if (id === undefined) {
      id = `00000000-0000-4000-8000-${String(defaults.size + 1).padStart(12, "0")}`;
      defaults.set(p.urn, id);
      resources.push({
        urn: p.urn,
        custom: true,
        id,
        type: p.type,
        inputs: structuredClone(p.properties),
        outputs: structuredClone(p.properties),
        created: EXPORT_TIME,
        modified: EXPORT_TIME,
      });
    }
    return `${p.urn}::${id}`;
  };
  for (const r of capture.resources) {
    const inputs = structuredClone(r.inputs);
    const outputs = structuredClone(r.outputs);
    for (const s of secrets.filter((t) => t.resource === r.name)) {
      const keys = s.tag !== undefined ? ["tags", s.tag] : (s.path ?? []);
      if (keys.length === 0) throw new Error("a secret needs a tag or a path");
      if (!wrap(inputs, keys, s, true)) throw new Error(`${r.name} has no ${keys.join(".")} to make secret`);
      wrap(outputs, keys, s, false);
    }
    const provider = providerRef(r);
    resources.push({
      urn: r.urn,
      custom: r.custom,
      id: typeof r.outputs.id === "string" ? r.outputs.id : undefined,
      type: r.type,
      inputs,
      outputs,
      parent: r.parent ?? stackUrn,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
      ...(provider ? { provider } : {}),
      created: EXPORT_TIME,
      modified: EXPORT_TIME,
    });
  }
  return stackExport(resources);
}

/** A stack export (deployment format v3) holding these resource records. */
export function stackExport(resources: Record<string, unknown>[]): StackExport {
  return {
    version: 3,
    deployment: {
      manifest: {
        time: EXPORT_TIME,
        magic: "0000000000000000000000000000000000000000000000000000000000000000",
        version: "v3.245.0",
      },
      secrets_providers: { type: "passphrase", state: { salt: "v1:test-only" } },
      resources,
    },
  };
}

/** What `pulumi stack export` holds after `up` of a scenario's steps; the resources it only reads are `external`. */
export function exportFromSteps(steps: readonly Step[], secrets: readonly SecretValue[] = []): StackExport {
  const resources = capture(steps, false);
  const reads = new Set(steps.filter((s) => s.read).map((s) => s.name));
  const readUrns = new Set(resources.filter((r) => reads.has(r.name)).map((r) => r.urn));
  const doc = exportFromCapture({ project: "scenario", stack: "dev", preview: false, resources }, secrets);
  for (const r of doc.deployment.resources) if (readUrns.has(r.urn as string)) r.external = true;
  return doc;
}
