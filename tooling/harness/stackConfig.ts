// A program's project file and stack config, read the way the Pulumi CLI hands them to a Node program:
// `Pulumi.yaml` (name, main, runtime, project-level config), then `Pulumi.<stack>.yaml`, then the
// PULUMI_CONFIG environment variable. The result is what the language host sets in the program's process:
// PULUMI_CONFIG (a JSON object of namespaced key -> string) and PULUMI_CONFIG_SECRET_KEYS (a JSON array),
// which @pulumi/pulumi's runtime/config reads when its state is first created.
import * as fs from "fs";
import * as path from "path";
import { WORKSPACE } from "./programDeps";
import { SECRET_SIG, SIG_KEY } from "../../policy-pack/src/wire";

export interface ProjectInfo {
  readonly name: string;
  /** Pulumi.yaml `main`, if set. */
  readonly main?: string;
  readonly runtime: string;
  /** Project-level config values (`config:` in Pulumi.yaml), keys namespaced. */
  readonly config: Readonly<Record<string, unknown>>;
}

export interface StackConfig {
  readonly stack: string;
  /** The stack file read, if the stack has one. */
  readonly file?: string;
  /** As PULUMI_CONFIG carries it: namespaced key -> string (objects and arrays as JSON). */
  readonly values: Readonly<Record<string, string>>;
  /** Keys whose values are secrets; encrypted ones hold a placeholder (see `secretPlaceholder`). */
  readonly secretKeys: readonly string[];
  readonly warnings: readonly string[];
}

/** A failure to read the project or its config: the check cannot run (exit 2). */
export class ConfigError extends Error {}

interface JsYaml {
  safeLoad?(text: string): unknown;
  load(text: string): unknown;
}

// js-yaml ships with @pulumi/pulumi (a direct dependency of the workspace), which reads Pulumi.yaml with it.
function parseYaml(file: string): unknown {
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [WORKSPACE] }));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require(require.resolve("js-yaml", { paths: [sdkDir] })) as JsYaml;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return (yaml.safeLoad ?? yaml.load)(text);
  } catch (e) {
    throw new ConfigError(`${file} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The project file of a program directory (Pulumi.yaml, or Pulumi.yml), if it has one. */
export function projectFile(dir: string): string | undefined {
  return ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
}

/** Pulumi.yaml of a program directory. */
export function readProject(dir: string): ProjectInfo {
  const file = projectFile(dir);
  if (!file) throw new ConfigError(`${dir} has no Pulumi.yaml: it is not a Pulumi project directory`);
  const doc = parseYaml(file);
  if (!isObject(doc) || typeof doc.name !== "string") throw new ConfigError(`${file} has no project name`);
  const runtime = isObject(doc.runtime) ? doc.runtime.name : doc.runtime;
  const config: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(isObject(doc.config) ? doc.config : {})) {
    // Project-level config: a plain value, or a declaration with `value` or `default`.
    const value = isObject(entry) ? (entry.value ?? entry.default) : entry;
    if (value !== undefined && value !== null) config[namespaced(key, doc.name)] = value;
  }
  return {
    name: doc.name,
    main: typeof doc.main === "string" ? doc.main : undefined,
    runtime: typeof runtime === "string" ? runtime : "nodejs",
    config,
  };
}

/** The program's entry as Pulumi finds it: Pulumi.yaml `main` (a file or a directory), else the directory. */
export function programEntry(dir: string, project: ProjectInfo): string {
  const entry = path.resolve(dir, project.main ?? ".");
  // A directory is required as one (its package.json `main` or index), never as a sibling `<dir>.js`/`.json`.
  return fs.existsSync(entry) && fs.statSync(entry).isDirectory() ? entry + path.sep : entry;
}

/** `key` -> `project:key`; `ns:key` and `ns:config:key` keep their namespace (the SDK's cleanKey). */
export function namespaced(key: string, project: string): string {
  const parts = key.split(":");
  if (parts.length === 1) return `${project}:${key}`;
  if (parts.length === 3 && parts[1] === "config") return `${parts[0]}:${parts[2]}`;
  return key;
}

/** The value a secret config entry gets offline, where its ciphertext cannot be decrypted. */
export const secretPlaceholder = (key: string): string => `[secret config ${key}: encrypted, not readable offline]`;

/** Stack names that have a `Pulumi.<stack>.yaml` in the directory. */
export function stackNames(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/** `--stack` if given (`org/project/stack` keeps the last part), else the only stack file's stack, else `dev`. */
export function chooseStack(dir: string, requested?: string): string {
  if (requested) return requested.split("/").pop()!;
  const names = stackNames(dir);
  return names.length === 1 ? names[0] : "dev";
}

/** Replaces every `{secure: ...}` in a structured value; reports whether there was one. */
function unwrapSecure(value: unknown, key: string): { value: unknown; secret: boolean } {
  if (isObject(value)) {
    if (Object.keys(value).length === 1 && typeof value.secure === "string")
      return { value: secretPlaceholder(key), secret: true };
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const inner = unwrapSecure(v, key);
      out[k] = inner.value;
      secret ||= inner.secret;
    }
    return { value: out, secret };
  }
  if (Array.isArray(value)) {
    const inner = value.map((v) => unwrapSecure(v, key));
    return { value: inner.map((i) => i.value), secret: inner.some((i) => i.secret) };
  }
  return { value, secret: false };
}

/** As the language host passes a config value: strings as they are, everything else as JSON. */
const wireValue = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

function parseEnvJson<T>(name: string, text: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (!text) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${name} is not valid JSON: ${(e as Error).message}`);
  }
  if (!check(parsed)) throw new ConfigError(`${name} must be a JSON ${name.endsWith("KEYS") ? "array" : "object"}`);
  return parsed;
}

/**
 * The config a stack's program sees: project-level values, overridden by the stack file's, overridden by
 * PULUMI_CONFIG. Keys without a namespace get the project's name.
 */
export function loadStackConfig(
  dir: string,
  project: ProjectInfo,
  requestedStack?: string,
  env: NodeJS.ProcessEnv = process.env,
): StackConfig {
  const stack = chooseStack(dir, requestedStack);
  const warnings: string[] = [];
  const values: Record<string, string> = {};
  const secretKeys = new Set<string>();
  for (const [key, value] of Object.entries(project.config)) values[key] = wireValue(value);

  const candidates = [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`].map((f) => path.join(dir, f));
  const file = candidates.find((f) => fs.existsSync(f));
  if (file) {
    const doc = parseYaml(file) ?? {};
    if (!isObject(doc)) throw new ConfigError(`${file} is not a stack config file (expected a YAML mapping)`);
    if (doc.config !== undefined && doc.config !== null && !isObject(doc.config))
      throw new ConfigError(`${file}: \`config\` must be a mapping of keys to values`);
    if (doc.environment !== undefined)
      warnings.push(`${path.basename(file)} imports ESC environments; their values are not available offline`);
    for (const [rawKey, raw] of Object.entries(isObject(doc.config) ? doc.config : {})) {
      const key = namespaced(rawKey, project.name);
      const { value, secret } = unwrapSecure(raw, key);
      if (value === undefined || value === null) continue;
      values[key] = wireValue(value);
      if (secret) secretKeys.add(key);
      else secretKeys.delete(key);
    }
  } else if (requestedStack) {
    warnings.push(`no Pulumi.${stack}.yaml in ${dir}: running stack "${stack}" without stack config`);
  }

  const isRecord = (v: unknown): v is Record<string, unknown> => isObject(v);
  const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
  const fromEnv = parseEnvJson("PULUMI_CONFIG", env.PULUMI_CONFIG, isRecord) ?? {};
  for (const [rawKey, value] of Object.entries(fromEnv)) {
    const key = namespaced(rawKey, project.name);
    values[key] = wireValue(value);
  }
  for (const key of parseEnvJson("PULUMI_CONFIG_SECRET_KEYS", env.PULUMI_CONFIG_SECRET_KEYS, isArray) ?? [])
    secretKeys.add(namespaced(String(key), project.name));
  return { stack, file, values, secretKeys: [...secretKeys].sort(), warnings };
}

/** The environment the program's process needs for the SDK to see this config. */
export function configEnv(config: StackConfig): Record<string, string> {
  return {
    PULUMI_CONFIG: JSON.stringify(config.values),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(config.secretKeys),
  };
}

/**
 * Config of one package (`azure-native:location` -> `location`), as the engine gives a default provider its
 * inputs (strings; secret config as secrets).
 */
export function packageConfig(
  values: Readonly<Record<string, string>>,
  secretKeys: readonly string[],
  pkg: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const i = key.indexOf(":");
    if (i < 0 || key.slice(0, i) !== pkg) continue;
    out[key.slice(i + 1)] = secretKeys.includes(key) ? { [SIG_KEY]: SECRET_SIG, value } : value;
  }
  return out;
}
