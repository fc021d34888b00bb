// Enumerates the resource types of an installed Pulumi SDK package (@pulumi/azure-native, @pulumi/azure) and
// finds those whose inputs can deploy a model or hold content filter settings: a property named
// raiPolicyName, content filters, content safety settings, or a model with format, name and version. The
// coverage test checks every such type is read by an adapter or listed out of scope with a reason.
import * as fs from "fs";
import * as path from "path";

export type Signal = "raiPolicyName" | "content filters" | "content safety" | "model deployment";

export interface SdkType {
  readonly token: string;
  readonly signals: readonly Signal[];
}

const TOKEN = /static __pulumiType = '([^']+)'/;

/** Interface bodies of types/input.d.ts, by `<namespace>.<Name>`. */
function inputTypes(dir: string): Map<string, string> {
  const text = fs.readFileSync(path.join(dir, "types", "input.d.ts"), "utf8");
  const types = new Map<string, string>();
  const ns = /export declare namespace ([a-zA-Z0-9_]+) \{/g;
  const starts: { name: string; at: number }[] = [];
  for (let m = ns.exec(text); m; m = ns.exec(text)) starts.push({ name: m[1], at: m.index });
  starts.forEach((s, i) => {
    const block = text.slice(s.at, starts[i + 1]?.at ?? text.length);
    const iface = /\n {4}interface ([A-Za-z0-9_]+) \{([\s\S]*?)\n {4}\}/g;
    for (let m = iface.exec(block); m; m = iface.exec(block)) types.set(`${s.name}.${m[1]}`, m[2]);
  });
  return types;
}

function propertyNames(body: string): string[] {
  return [...body.matchAll(/^\s+([a-zA-Z0-9_]+)\??:/gm)].map((m) => m[1]);
}

function signalsOf(body: string, types: Map<string, string>, depth = 0, seen = new Set<string>()): Set<Signal> {
  const found = new Set<Signal>();
  const props = propertyNames(body);
  if (props.includes("raiPolicyName")) found.add("raiPolicyName");
  if (props.some((p) => /^contentFilters?$/.test(p))) found.add("content filters");
  if (props.some((p) => /^(contentSafety|safetyProviders|safetySettings)$/.test(p))) found.add("content safety");
  if (
    ["format", "name", "version"].every((p) => props.includes(p)) ||
    props.some((p) => /^(modelFormat|gptModelName|gptModelDeploymentName)$/.test(p))
  ) {
    found.add("model deployment");
  }
  if (depth >= 4) return found;
  for (const m of body.matchAll(/inputs\.([a-zA-Z0-9_]+)\.([A-Za-z0-9_]+)/g)) {
    const key = `${m[1]}.${m[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const inner = types.get(key);
    if (inner !== undefined) for (const s of signalsOf(inner, types, depth + 1, seen)) found.add(s);
  }
  return found;
}

/** Every resource type of the package in `dir`, with the signals its inputs carry. */
export function scanPackage(dir: string): SdkType[] {
  const types = inputTypes(dir);
  const result: SdkType[] = [];
  for (const module of fs.readdirSync(dir)) {
    const moduleDir = path.join(dir, module);
    if (module === "types" || module === "node_modules" || !fs.statSync(moduleDir).isDirectory()) continue;
    for (const file of fs.readdirSync(moduleDir)) {
      if (!file.endsWith(".js")) continue;
      const js = fs.readFileSync(path.join(moduleDir, file), "utf8");
      const token = TOKEN.exec(js)?.[1];
      if (token === undefined) continue;
      const dts = path.join(moduleDir, file.replace(/\.js$/, ".d.ts"));
      const text = fs.existsSync(dts) ? fs.readFileSync(dts, "utf8") : "";
      const args = /export interface [A-Za-z0-9_]+Args \{([\s\S]*?)\n\}/.exec(text)?.[1] ?? "";
      result.push({ token, signals: [...signalsOf(args, types)] });
    }
  }
  return result;
}
