// Reads what the report is built from: a `pulumi stack export` (deployment format v3) or a captured program
// run. Secret values are taken apart here: a ciphertext becomes a preview unknown (the pack cannot read it,
// so a rule that needs it cannot decide), a plaintext is kept for evaluation and remembered, so every string
// of the report can be scrubbed of it before anything is printed.

import { UNKNOWN_SENTINELS } from "../../policy-pack/src/adapters/azureNative";
import { CaptureResult } from "../harness/types";

/** Pulumi's signature key and value marking a secret, in state files and on the wire alike. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** The wire sentinel for an unknown string; the adapters read it as a value that cannot be known. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Raised for input the report cannot use; the CLI prints the message and exits 2. */
export class InputError extends Error {}

export interface ReportResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly outputs: Record<string, unknown>;
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** Property paths (`tags.ccc-metaprompt`, `properties.contentFilters[2]`) whose value is a ciphertext secret. */
  readonly secretPaths: readonly string[];
}

export interface ReportInput {
  readonly kind: "stack-export" | "program";
  readonly path: string;
  readonly project: string | null;
  readonly stack: string | null;
  readonly resources: readonly ReportResource[];
  /** Plaintext secret values (as strings): never to be printed. */
  readonly secrets: readonly string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The logical name and the stack/project parts of a URN (urn:pulumi:stack::project::type::name). */
export function parseUrn(urn: string): { stack: string | null; project: string | null; name: string } {
  const parts = urn.split("::");
  const stack = parts[0]?.startsWith("urn:pulumi:") ? parts[0].slice("urn:pulumi:".length) : null;
  return { stack, project: parts[1] ?? null, name: parts.slice(3).join("::") };
}

/** Replaces secrets: ciphertext (or anything unreadable) by the unknown sentinel, plaintext by its value. */
class SecretScrubber {
  readonly plaintexts = new Set<string>();

  unwrap(value: unknown, path: string, secretPaths: string[]): unknown {
    if (Array.isArray(value)) return value.map((v, i) => this.unwrap(v, `${path}[${i}]`, secretPaths));
    if (!isRecord(value)) return value;
    if (value[SECRET_SIG_KEY] === SECRET_SIG_VALUE) {
      if (typeof value.plaintext === "string") return this.reveal(parsePlaintext(value.plaintext));
      if ("value" in value) return this.reveal(value.value);
      secretPaths.push(path);
      return UNKNOWN_STRING;
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = this.unwrap(v, path ? `${path}.${key}` : key, secretPaths);
    return out;
  }

  /** Keeps a plaintext secret for evaluation and records every string in it for scrubbing. */
  private reveal(value: unknown): unknown {
    const visit = (v: unknown): void => {
      // Booleans are left alone: scrubbing "true" from every message would hide nothing and garble much.
      // Short numbers are dropped where they stand as numbers (see redact), not scrubbed from every string.
      if (typeof v === "string" && v !== "") this.plaintexts.add(v);
      else if (typeof v === "number") this.plaintexts.add(String(v).length >= 4 ? String(v) : `\u0000${v}`);
      else if (Array.isArray(v)) v.forEach(visit);
      else if (isRecord(v)) Object.values(v).forEach(visit);
    };
    visit(value);
    if (!(typeof value === "string" || typeof value === "number" || typeof value === "boolean")) {
      this.plaintexts.add(JSON.stringify(value));
    }
    return value;
  }
}

/** `plaintext` holds the JSON encoding of the value; a bare string is taken as it is. */
function parsePlaintext(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Reads `pulumi stack export` output (deployment format v3). */
export function readStackExport(text: string, file: string): ReportInput {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file} is not JSON: ${(e as Error).message}`);
  }
  if (!isRecord(doc)) throw new InputError(`${file} is not a stack export: expected a JSON object`);
  if (doc.version !== 3) {
    const got = doc.version === undefined ? "no version" : `version ${JSON.stringify(doc.version)}`;
    throw new InputError(
      `${file} is not a stack export in deployment format v3 (\`pulumi stack export\` output, {"version": 3, "deployment": {...}}): it has ${got}`,
    );
  }
  const deployment = doc.deployment;
  if (!isRecord(deployment)) throw new InputError(`${file}: "deployment" is missing or not an object`);
  const list = deployment.resources ?? [];
  if (!Array.isArray(list)) throw new InputError(`${file}: "deployment.resources" must be a list`);

  const scrubber = new SecretScrubber();
  const resources: ReportResource[] = [];
  let stack: string | null = null;
  let project: string | null = null;
  list.forEach((r, i) => {
    if (!isRecord(r) || typeof r.urn !== "string" || typeof r.type !== "string") {
      throw new InputError(`${file}: deployment.resources[${i}] needs a string "urn" and "type"`);
    }
    const parsed = parseUrn(r.urn);
    stack ??= parsed.stack;
    project ??= parsed.project;
    // A resource pending deletion is an old copy that a replacement supersedes.
    if (r.delete === true) return;
    const secretPaths: string[] = [];
    const propertyDependencies: Record<string, string[]> = {};
    if (isRecord(r.propertyDependencies)) {
      for (const [key, deps] of Object.entries(r.propertyDependencies)) {
        propertyDependencies[key] = Array.isArray(deps) ? deps.filter((d): d is string => typeof d === "string") : [];
      }
    }
    resources.push({
      urn: r.urn,
      type: r.type,
      name: parsed.name,
      inputs: asRecord(scrubber.unwrap(r.inputs ?? {}, "", secretPaths)),
      outputs: asRecord(scrubber.unwrap(r.outputs ?? {}, "", secretPaths)),
      propertyDependencies,
      secretPaths: [...new Set(secretPaths)],
    });
  });
  return { kind: "stack-export", path: file, project, stack, resources, secrets: [...scrubber.plaintexts] };
}

/** Reads a captured program run (tooling/harness/capture.ts), whose values are in wire form. */
export function fromCapture(capture: CaptureResult, dir: string): ReportInput {
  const scrubber = new SecretScrubber();
  const resources = capture.resources.map((r): ReportResource => {
    const secretPaths: string[] = [];
    return {
      urn: r.urn,
      type: r.type,
      name: r.name,
      inputs: asRecord(scrubber.unwrap(r.inputs, "", secretPaths)),
      outputs: asRecord(scrubber.unwrap(r.outputs, "", secretPaths)),
      propertyDependencies: r.propertyDependencies,
      secretPaths: [...new Set(secretPaths)],
    };
  });
  return {
    kind: "program",
    path: dir,
    project: capture.project,
    stack: capture.stack,
    resources,
    secrets: [...scrubber.plaintexts],
  };
}

function asRecord(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {};
}

/** True for the unknown sentinels the engine uses (and the one secrets are replaced by). */
export function isSentinel(v: unknown): boolean {
  return typeof v === "string" && UNKNOWN_SENTINELS.has(v);
}
