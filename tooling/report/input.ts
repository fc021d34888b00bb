// Reads what the report is built from: `pulumi stack export` files (deployment format v3) and program
// directories (run offline, as `npm run check` does), and turns each resource into the pack's GraphResource
// exactly as the pack's stack level does: inputs win, outputs add what they lack (mergeInputsAndOutputs),
// secrets unwrapped with unwrapSecrets (a plaintext is kept but tainted, so it is never shown; a ciphertext is
// unreadable, so a rule that needs it cannot decide), the provider instance with the subscription its config
// names, propertyDependencies, and the registration order. Nothing here judges anything.
import * as fs from "fs";
import * as path from "path";
import { GraphResource, Reader, mergeInputsAndOutputs, unwrapSecrets } from "../../policy-pack/src/api";
import { captureProgram } from "../harness/capture";
import { CaptureResult } from "../harness/types";

/** Raised for input the report cannot use; the CLI prints the message and exits 2. */
export class InputError extends Error {}

/** One resource as a state file or a program run holds it, values still in wire form. */
export interface StackResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly inputs: unknown;
  readonly outputs: unknown;
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** The provider instance the engine sends with the resource, and its properties (inputs). */
  readonly provider?: { readonly urn: string; readonly props: unknown };
  /** A resource the stack reads but does not manage (`Resource.get`): it existed before the run. */
  readonly external: boolean;
}

export interface StackInput {
  readonly kind: "stack-export" | "program";
  readonly path: string;
  readonly project: string | null;
  readonly stack: string | null;
  readonly stateTime: string | null;
  readonly resources: readonly StackResource[];
  /** The program's entry file, or the export file: where SARIF results point (relative, POSIX). */
  readonly artifact: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const toPosix = (p: string): string => p.split(path.sep).join("/");

/** The logical name and the stack/project parts of a URN (urn:pulumi:stack::project::type::name). */
export function parseUrn(urn: string): { stack: string | null; project: string | null; name: string } {
  const parts = urn.split("::");
  const stack = parts[0]?.startsWith("urn:pulumi:") ? parts[0].slice("urn:pulumi:".length) : null;
  return { stack, project: parts[1] ?? null, name: parts.slice(3).join("::") };
}

/**
 * The GraphResources of one stack, in the order the engine registered them. `seq` is the registration order
 * (a resource registered later does not count for an earlier one, as at `pulumi up`); a resource the stack
 * only reads existed before the run and gets none, as in the pack's stack level.
 */
export function graphResources(resources: readonly StackResource[]): GraphResource[] {
  return resources.map((r, seq): GraphResource => {
    const inputs = unwrapSecrets(r.inputs ?? {});
    const outputs = unwrapSecrets(r.outputs ?? {});
    const merged = mergeInputsAndOutputs(inputs.value, inputs.taint, outputs.value, outputs.taint);
    // The same choice of source per top-level key, for where the unreadable (ciphertext) secrets are.
    const unreadable = mergeInputsAndOutputs(inputs.value, inputs.unreadable, outputs.value, outputs.unreadable).taint;
    const read = new Reader(outputs.value, outputs.taint, [], outputs.unreadable);
    return {
      ref: { urn: r.urn, name: r.name, type: r.type },
      props: merged.props,
      ...(merged.taint ? { taint: merged.taint } : {}),
      ...(unreadable ? { unreadable } : {}),
      propertyDependencies: r.propertyDependencies,
      ...(r.provider ? { provider: providerOf(r.provider) } : {}),
      outputs: { name: read.string(undefined, "name"), id: read.string(undefined, "id") },
      ...(r.external ? {} : { seq }),
    };
  });
}

/** The provider instance and the subscription its config names, read as the pack reads it. */
function providerOf(provider: { urn: string; props: unknown }): GraphResource["provider"] {
  const props = unwrapSecrets(provider.props ?? {});
  const subscriptionId = new Reader(props.value, props.taint, [], props.unreadable).string(undefined, "subscriptionId");
  return { urn: provider.urn, subscriptionId };
}

/** Reads `pulumi stack export` output (deployment format v3). */
export function readStackExport(text: string, file: string): StackInput {
  let doc: unknown;
  try {
    // A byte order mark (some Windows tools write one) is not part of the JSON.
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
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
  list.forEach((r, i) => {
    if (!isRecord(r) || typeof r.urn !== "string" || typeof r.type !== "string") {
      throw new InputError(`${file}: deployment.resources[${i}] needs a string "urn" and "type"`);
    }
    if (!r.urn.startsWith("urn:pulumi:")) {
      throw new InputError(
        `${file}: deployment.resources[${i}].urn ${JSON.stringify(r.urn)} is not a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>)`,
      );
    }
  });
  const records = list as Record<string, unknown>[];
  // A provider reference is `<urn>::<id>`: a replaced provider's old copy (pending deletion) has the same URN.
  const providers = new Map(
    records.filter((r) => typeof r.id === "string").map((r) => [`${r.urn as string}::${r.id as string}`, r]),
  );
  const live = new Map(records.filter((r) => r.delete !== true).map((r) => [r.urn as string, r]));
  let stack: string | null = null;
  let project: string | null = null;
  const resources: StackResource[] = [];
  for (const r of records) {
    const urn = r.urn as string;
    const parsed = parseUrn(urn);
    stack ??= parsed.stack;
    project ??= parsed.project;
    // A resource pending deletion is an old copy that a replacement supersedes.
    if (r.delete === true) continue;
    const propertyDependencies: Record<string, string[]> = {};
    if (isRecord(r.propertyDependencies)) {
      for (const [key, deps] of Object.entries(r.propertyDependencies)) {
        propertyDependencies[key] = Array.isArray(deps) ? deps.filter((d): d is string => typeof d === "string") : [];
      }
    }
    // `provider` is `<provider urn>::<provider id>`; the engine sends that provider's inputs with the resource.
    let provider: StackResource["provider"];
    if (typeof r.provider === "string" && r.provider !== "") {
      const providerUrn = r.provider.split("::").slice(0, -1).join("::");
      const state = providers.get(r.provider) ?? live.get(providerUrn);
      provider = { urn: providerUrn, props: state ? (state.inputs ?? state.outputs ?? {}) : {} };
    }
    resources.push({
      urn,
      type: r.type as string,
      name: parsed.name,
      inputs: r.inputs ?? {},
      outputs: r.outputs ?? {},
      propertyDependencies,
      ...(provider ? { provider } : {}),
      external: r.external === true,
    });
  }
  const manifest = isRecord(deployment.manifest) ? deployment.manifest : {};
  return {
    kind: "stack-export",
    path: file,
    project,
    stack,
    stateTime: typeof manifest.time === "string" ? manifest.time : null,
    resources,
    artifact: toPosix(path.relative(process.cwd(), path.resolve(file))),
  };
}

/** A captured program run (tooling/harness/capture.ts), whose values are in wire form like a state file's. */
export function fromCapture(capture: CaptureResult, dir: string): StackInput {
  const resources = capture.resources.map(
    (r): StackResource => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      inputs: r.inputs,
      outputs: r.outputs,
      propertyDependencies: r.propertyDependencies,
      ...(r.providerResource
        ? { provider: { urn: r.providerResource.urn, props: r.providerResource.properties } }
        : {}),
      external: false,
    }),
  );
  const yaml = path.join(dir, "Pulumi.yaml");
  const main = fs.existsSync(yaml) ? /^main:\s*(\S+)/m.exec(fs.readFileSync(yaml, "utf8"))?.[1] : undefined;
  const entry = main ?? (fs.existsSync(path.join(dir, "index.ts")) ? "index.ts" : "Pulumi.yaml");
  return {
    kind: "program",
    path: dir,
    project: capture.project,
    stack: capture.stack,
    stateTime: null,
    resources,
    artifact: toPosix(path.relative(process.cwd(), path.resolve(dir, entry))),
  };
}

/** What one command-line input names: a stack export file or a program directory. */
export interface InputSource {
  readonly kind: "stack-export" | "program";
  readonly path: string;
}

const GLOB = /[*?[]/;

/** A file's stat; one that cannot be read (a broken link) is bad input naming it. */
function statOf(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (e) {
    throw new InputError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (a broken link?)`,
    );
  }
}

/**
 * The inputs named on the command line, in order, each once: a stack export file; a program directory (one
 * with a Pulumi.yaml); a directory of stack exports (every `*.json` in it); or a glob (`exports/*.json`,
 * `stacks/**\/*.json`), which the report expands itself when the shell did not.
 */
export function expandInputs(args: readonly string[]): InputSource[] {
  const found: InputSource[] = [];
  const seen = new Set<string>();
  const add = (source: InputSource) => {
    const key = path.resolve(source.path);
    if (seen.has(key)) return;
    seen.add(key);
    found.push(source);
  };
  for (const arg of args) {
    if (!fs.existsSync(arg) && GLOB.test(arg)) {
      const matches = glob(arg).filter((m) => statOf(m).isFile());
      if (matches.length === 0) throw new InputError(`${arg} matches no file`);
      matches.forEach((m) => add({ kind: "stack-export", path: m }));
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch {
      throw new InputError(
        `input ${arg} does not exist; give \`pulumi stack export\` files, a directory of them, a glob, or a program directory`,
      );
    }
    if (!stat.isDirectory()) {
      add({ kind: "stack-export", path: arg });
    } else if (fs.existsSync(path.join(arg, "Pulumi.yaml"))) {
      add({ kind: "program", path: arg });
    } else {
      const files = fs
        .readdirSync(arg)
        .filter((f) => f.endsWith(".json") && statOf(path.join(arg, f)).isFile())
        .sort();
      if (files.length === 0) {
        throw new InputError(`${arg} holds no stack export (*.json) and is not a program directory (no Pulumi.yaml)`);
      }
      files.forEach((f) => add({ kind: "stack-export", path: path.join(arg, f) }));
    }
  }
  return found;
}

/** Reads one input; a program directory is run offline. */
export async function readInput(source: InputSource): Promise<StackInput> {
  if (source.kind === "program") {
    try {
      return fromCapture(await captureProgram(source.path), source.path);
    } catch (e) {
      throw new InputError(`cannot run the program in ${source.path} offline: ${(e as Error).message}`);
    }
  }
  let text: string;
  try {
    text = fs.readFileSync(source.path, "utf8");
  } catch (e) {
    throw new InputError(`cannot read ${source.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return readStackExport(text, source.path);
}

/** Files matching a glob: `*` and `?` within one path segment, `**` any number of directories. Sorted. */
export function glob(pattern: string): string[] {
  const absolute = path.isAbsolute(pattern);
  const segments = pattern.split(/[\\/]+/).filter((s, i) => s !== "" || i === 0);
  let bases = [absolute ? path.parse(path.resolve(pattern)).root : "."];
  const start = absolute ? 1 : 0;
  for (let i = start; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    const next: string[] = [];
    if (segment === "**") {
      for (const base of bases) next.push(base, ...subdirectories(base));
    } else if (!GLOB.test(segment)) {
      for (const base of bases) {
        const p = path.join(base, segment);
        if (fs.existsSync(p) && (last || fs.statSync(p).isDirectory())) next.push(p);
      }
    } else {
      const re = segmentRegExp(segment);
      for (const base of bases) {
        for (const entry of readdir(base)) {
          if (!re.test(entry.name)) continue;
          if (last || entry.isDirectory()) next.push(path.join(base, entry.name));
        }
      }
    }
    bases = [...new Set(next)];
  }
  return bases.map((p) => (absolute ? p : path.normalize(p))).sort();
}

function readdir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function subdirectories(dir: string): string[] {
  const result: string[] = [];
  for (const entry of readdir(dir)) {
    if (!entry.isDirectory() || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    result.push(p, ...subdirectories(p));
  }
  return result;
}

function segmentRegExp(segment: string): RegExp {
  let body = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === "*") body += "[^/]*";
    else if (c === "?") body += "[^/]";
    else if (c === "[") {
      const end = segment.indexOf("]", i + 1);
      if (end < 0) body += "\\[";
      else {
        body += `[${segment
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else body += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${body}$`);
}
