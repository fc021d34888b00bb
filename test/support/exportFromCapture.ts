// Turns a captured program run (tooling/harness/capture.ts) into what `pulumi stack export` writes after
// `pulumi up`: deployment format v3, with the root `pulumi:pulumi:Stack`, a default azure-native provider,
// and every resource with inputs, outputs, parent, provider, dependencies and propertyDependencies.
// Tags can be wrapped as secrets, in either of the forms an export holds them.
import { randomBytes } from "crypto";
import { CaptureResult } from "../../tooling/harness/types";
import { SECRET_SIG_KEY, SECRET_SIG_VALUE } from "../../tooling/report/input";

export interface SecretTag {
  /** Logical name of the resource. */
  readonly resource: string;
  readonly tag: string;
  /** The tag's value; absent: wrap the value the program set. */
  readonly value?: string;
  /** `ciphertext` as `pulumi stack export` writes it; `plaintext` as with `--show-secrets`. */
  readonly form: "ciphertext" | "plaintext";
}

export interface StackExport {
  readonly version: 3;
  readonly deployment: {
    readonly manifest: { readonly time: string; readonly magic: string; readonly version: string };
    readonly secrets_providers: { readonly type: string; readonly state: Record<string, unknown> };
    readonly resources: Record<string, unknown>[];
  };
}

/** A secret value as it appears in a stack export. */
export function secretValue(value: unknown, form: SecretTag["form"]): Record<string, string> {
  return form === "plaintext"
    ? { [SECRET_SIG_KEY]: SECRET_SIG_VALUE, plaintext: JSON.stringify(value) }
    : {
        [SECRET_SIG_KEY]: SECRET_SIG_VALUE,
        ciphertext: `v1:${randomBytes(12).toString("base64")}:${randomBytes(32).toString("base64")}`,
      };
}

export function exportFromCapture(capture: CaptureResult, secretTags: readonly SecretTag[] = []): StackExport {
  const prefix = `urn:pulumi:${capture.stack}::${capture.project}`;
  const stackUrn = `${prefix}::pulumi:pulumi:Stack::${capture.project}-${capture.stack}`;
  const providerUrn = `${prefix}::pulumi:providers:azure-native::default_3_28_0`;
  const providerId = "6f1f4a8e-1b3c-4c55-9a9e-3a2f2c0f9d11";
  const time = "2026-11-23T09:00:00.000000000Z";

  const resources: Record<string, unknown>[] = [
    { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: {}, created: time, modified: time },
    {
      urn: providerUrn,
      custom: true,
      id: providerId,
      type: "pulumi:providers:azure-native",
      inputs: { __internal: {}, version: "3.28.0" },
      outputs: { version: "3.28.0" },
      created: time,
      modified: time,
    },
  ];
  for (const r of capture.resources) {
    const inputs = structuredClone(r.inputs);
    const outputs = structuredClone(r.outputs);
    for (const s of secretTags.filter((t) => t.resource === r.name)) {
      for (const props of [inputs, outputs]) {
        const tags = (props.tags ??= {}) as Record<string, unknown>;
        const value = s.value ?? tags[s.tag];
        if (value === undefined) throw new Error(`${r.name} has no tag ${s.tag} to make secret`);
        tags[s.tag] = secretValue(value, s.form);
      }
    }
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
      ...(r.custom ? { provider: r.provider ?? `${providerUrn}::${providerId}` } : {}),
      created: time,
      modified: time,
    });
  }
  return {
    version: 3,
    deployment: {
      manifest: {
        time,
        magic: "0000000000000000000000000000000000000000000000000000000000000000",
        version: "v3.245.0",
      },
      secrets_providers: { type: "passphrase", state: { salt: "v1:test-only" } },
      resources,
    },
  };
}
