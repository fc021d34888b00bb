// Derives what the Azure stand-ins need from the azure-native SDK's .d.ts files, so that no shape is copied by hand:
//   - in azure-shapes.json (the stand-ins' shared spec): each resource's top-level `outputs` and `api` version, and
//     the `response` of every function marked "derived" (all list*Keys and list*ConnectionStrings of the SDK);
//   - schema.json: a Pulumi package schema (azure-native 3.28.0) for the resources and functions of the spec, with
//     property names and types as in the SDK, served by the Go stand-in's GetSchema (the YAML host needs it).
// It also checks the hand-written parts against the SDK: params are inputs, response templates use only the
// result's properties, lookups take the resource's path parameters.
//
//   npx ts-node --transpile-only tools/standins/azureshapes/generate.ts          rewrite both files
//   npx ts-node --transpile-only tools/standins/azureshapes/generate.ts --check  exit 1 when they are stale
import * as fs from "fs";
import * as path from "path";
import * as prettier from "prettier";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "..", "..", "..");
const SDK = path.join(ROOT, "node_modules", "@pulumi", "azure-native");
export const SHAPES_FILE = path.join(__dirname, "azure-shapes.json");
export const SCHEMA_FILE = path.join(__dirname, "schema.json");

/** A property of the Pulumi package schema (the subset this generator emits). */
export interface PropertySpec {
  type?: "string" | "number" | "boolean" | "array" | "object";
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  $ref?: string;
  oneOf?: PropertySpec[];
}

interface ObjectSpec {
  type: "object";
  properties: Record<string, PropertySpec>;
  required?: string[];
}

export interface ResourceShape {
  scope: "resourceGroup" | "subscription" | "extension";
  scopeParam?: string;
  namespace: string | null;
  segments: string[];
  params: string[];
  armType: string;
  autoname?: "uuid";
  computed?: Record<string, unknown>;
  lookup?: Record<string, unknown>;
  api?: string;
  outputs?: string[];
}

export interface FunctionShape {
  response?: Record<string, unknown>;
  lookup?: string;
  derived?: boolean;
}

export interface ClassicShapes {
  package: { name: string; version: string };
  resources: Record<string, { id: string; computed?: Record<string, unknown> }>;
  functions: Record<string, { response: Record<string, unknown> }>;
}

export interface Shapes {
  $comment: string[];
  package: { name: string; version: string };
  fakeSubscriptionId: string;
  fakeTenantId: string;
  moduleAliases: Record<string, string>;
  resources: Record<string, ResourceShape>;
  functions: Record<string, FunctionShape>;
  classic: ClassicShapes;
}

const lowerFirst = (s: string): string => s[0].toLowerCase() + s.slice(1);
const upperFirst = (s: string): string => s[0].toUpperCase() + s.slice(1);

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

/** Interfaces of types/input.d.ts or types/output.d.ts by "module.Name". */
function indexNamespaces(file: string): Map<string, ts.InterfaceDeclaration> {
  const index = new Map<string, ts.InterfaceDeclaration>();
  const walk = (statements: readonly ts.Statement[], prefix: string) => {
    for (const s of statements) {
      if (ts.isModuleDeclaration(s) && s.body && ts.isModuleBlock(s.body)) {
        walk(s.body.statements, `${prefix}${s.name.getText(s.getSourceFile())}.`);
      } else if (ts.isInterfaceDeclaration(s)) {
        index.set(`${prefix}${s.name.text}`, s);
      }
    }
  };
  walk(parse(file).statements, "");
  return index;
}

class SchemaBuilder {
  readonly types: Record<string, ObjectSpec> = {};
  private readonly inputs = indexNamespaces(path.join(SDK, "types", "input.d.ts"));
  private readonly outputs = indexNamespaces(path.join(SDK, "types", "output.d.ts"));
  private readonly origin = new Map<string, string>();

  /** Properties of an interface or class, with the names of the required ones. */
  object(members: readonly ts.ClassElement[] | readonly ts.TypeElement[]): ObjectSpec {
    const properties: Record<string, PropertySpec> = {};
    const required: string[] = [];
    for (const m of members) {
      if (!(ts.isPropertyDeclaration(m) || ts.isPropertySignature(m)) || !m.type) continue;
      if (ts.isPropertyDeclaration(m) && m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
      const name = m.name.getText(m.getSourceFile());
      if (name.startsWith("__")) continue;
      const converted = this.convert(m.type);
      properties[name] = converted.spec;
      if (!m.questionToken && !converted.optional) required.push(name);
    }
    const spec: ObjectSpec = { type: "object", properties };
    if (required.length > 0) spec.required = required.sort();
    return spec;
  }

  /** An SDK type node as a schema property; `optional` when the type admits undefined. */
  convert(node: ts.TypeNode): { spec: PropertySpec; optional: boolean } {
    if (ts.isParenthesizedTypeNode(node)) return this.convert(node.type);
    if (ts.isUnionTypeNode(node)) {
      const members = node.types.filter(
        (t) =>
          t.kind !== ts.SyntaxKind.UndefinedKeyword &&
          !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
      );
      const optional = members.length < node.types.length;
      const specs = members.map((m) => this.convert(m).spec);
      // `string | enums.x.Kind` and unions of string literals are strings in the schema.
      if (specs.every((s) => s.type === "string")) return { spec: { type: "string" }, optional };
      const unique = [...new Map(specs.map((s) => [JSON.stringify(s), s])).values()];
      return { spec: unique.length === 1 ? unique[0] : { oneOf: unique }, optional };
    }
    if (ts.isArrayTypeNode(node))
      return { spec: { type: "array", items: this.convert(node.elementType).spec }, optional: false };
    if (ts.isTypeLiteralNode(node)) {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      if (index) {
        return { spec: { type: "object", additionalProperties: this.convert(index.type).spec }, optional: false };
      }
      return { spec: { $ref: "pulumi.json#/Any" }, optional: false };
    }
    if (ts.isLiteralTypeNode(node)) {
      const k = node.literal.kind;
      if (k === ts.SyntaxKind.StringLiteral) return { spec: { type: "string" }, optional: false };
      if (k === ts.SyntaxKind.NumericLiteral) return { spec: { type: "number" }, optional: false };
      return { spec: { type: "boolean" }, optional: false };
    }
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { spec: { type: "string" }, optional: false };
      case ts.SyntaxKind.NumberKeyword:
        return { spec: { type: "number" }, optional: false };
      case ts.SyntaxKind.BooleanKeyword:
        return { spec: { type: "boolean" }, optional: false };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
        return { spec: { $ref: "pulumi.json#/Any" }, optional: false };
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText(node.getSourceFile());
      if (name === "pulumi.Input" || name === "pulumi.Output") return this.convert(node.typeArguments![0]);
      if (name.startsWith("enums.")) return { spec: { type: "string" }, optional: false };
      const side = name.startsWith("inputs.") ? "input" : name.startsWith("outputs.") ? "output" : undefined;
      if (side)
        return { spec: { $ref: `#/types/${this.reference(side, name.slice(side.length + 2))}` }, optional: false };
    }
    throw new Error(`generate: unsupported SDK type ${node.getText(node.getSourceFile())}`);
  }

  /** Adds the object type `module.Name` (and what it references) and returns its schema token. */
  private reference(side: "input" | "output", qualified: string): string {
    const [module, name] = [
      qualified.slice(0, qualified.lastIndexOf(".")),
      qualified.slice(qualified.lastIndexOf(".") + 1),
    ];
    const token = `azure-native:${module}:${side === "input" && name.endsWith("Args") ? name.slice(0, -4) : name}`;
    const key = `${side} ${qualified}`;
    const seen = this.origin.get(token);
    if (seen === key) return token;
    if (seen) throw new Error(`generate: ${seen} and ${key} map to the same schema type ${token}`);
    this.origin.set(token, key);
    const decl = (side === "input" ? this.inputs : this.outputs).get(qualified);
    if (!decl) throw new Error(`generate: ${side} type ${qualified} not found in the SDK`);
    this.types[token] = this.object(decl.members);
    return token;
  }
}

/** The module directory of the SDK for a token's module. */
function sdkFile(token: string, file: string): string {
  const module = token.split(":")[1];
  const f = path.join(SDK, module, `${file}.d.ts`);
  if (!fs.existsSync(f)) throw new Error(`generate: ${token}: ${path.relative(ROOT, f)} does not exist`);
  return f;
}

function find<T extends ts.Node>(sf: ts.SourceFile, test: (n: ts.Node) => n is T, name: string): T | undefined {
  return sf.statements.find(
    (s): s is ts.Statement & T => test(s) && (s as unknown as { name?: ts.Identifier }).name?.text === name,
  ) as T | undefined;
}

function apiVersion(file: string): string | undefined {
  return /Uses Azure REST API version ([0-9a-z-]+)\./.exec(fs.readFileSync(file, "utf8"))?.[1];
}

/** A sample value of a schema property: strings are marked `standin-<field>`, array elements numbered `-1`, `-2`. */
function sample(
  spec: PropertySpec,
  field: string,
  suffix: string,
  types: Record<string, ObjectSpec>,
  depth: number,
): unknown {
  if (spec.$ref?.startsWith("#/types/")) {
    if (depth > 3) return undefined;
    const t = types[spec.$ref.slice("#/types/".length)];
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(t.properties)) {
      const value = sample(v, k, suffix, types, depth + 1);
      if (value !== undefined) out[k] = value;
    }
    return out;
  }
  if (spec.oneOf) return sample(spec.oneOf[0], field, suffix, types, depth);
  switch (spec.type) {
    case "string":
      return `standin-${field}${suffix}`;
    case "number":
      return 0;
    case "boolean":
      return false;
    case "array":
      return (spec.items!.$ref ? [1, 2] : [1]).map((i) => sample(spec.items!, field, `${suffix}-${i}`, types, depth));
    case "object":
      return {};
  }
  return undefined;
}

function checkTemplate(token: string, value: unknown, spec: ObjectSpec, types: Record<string, ObjectSpec>): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) {
    const p = spec.properties[k];
    if (!p) throw new Error(`generate: ${token}: '${k}' is not a property of the SDK's type`);
    const target = p.type === "array" ? p.items : p;
    const ref = target?.$ref?.startsWith("#/types/") ? types[target.$ref.slice(8)] : undefined;
    if (ref) for (const item of Array.isArray(v) ? v : [v]) checkTemplate(`${token}.${k}`, item, ref, types);
  }
  for (const r of spec.required ?? []) {
    if (!(r in value)) throw new Error(`generate: ${token}: the SDK's type requires '${r}'`);
  }
}

/** Every list*Keys and list*ConnectionStrings function of the SDK. */
function derivedFunctionTokens(): string[] {
  const tokens: string[] = [];
  for (const module of fs.readdirSync(SDK).sort()) {
    const dir = path.join(SDK, module);
    if (module === "types" || !fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      const m = /^(list\w*(?:Keys|ConnectionStrings))\.d\.ts$/.exec(f);
      if (m) tokens.push(`azure-native:${module}:${m[1]}`);
    }
  }
  return tokens;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** The classic provider's types exist in @pulumi/azure, and their computed values are outputs of the class. */
function checkClassic(classic: ClassicShapes): void {
  const sdk = path.join(ROOT, "node_modules", "@pulumi", "azure");
  for (const [token, shape] of Object.entries(classic.resources)) {
    const dir = path.join(sdk, token.split(":")[1].split("/")[0]);
    const js = fs
      .readdirSync(dir)
      .find(
        (f) => f.endsWith(".js") && fs.readFileSync(path.join(dir, f), "utf8").includes(`__pulumiType = '${token}'`),
      );
    if (!js) throw new Error(`generate: classic ${token} not found in @pulumi/azure`);
    const sf = parse(path.join(dir, js.replace(/\.js$/, ".d.ts")));
    const cls = sf.statements.find(ts.isClassDeclaration);
    const outputs = new Set(cls?.members.map((m) => m.name?.getText(sf)));
    for (const key of ["name", ...Object.keys(shape.computed ?? {})]) {
      if (!outputs.has(key)) throw new Error(`generate: classic ${token}: '${key}' is not an output`);
    }
  }
}

export async function generate(): Promise<{ shapes: string; schema: string }> {
  const shapes = JSON.parse(fs.readFileSync(SHAPES_FILE, "utf8")) as Shapes;
  const builder = new SchemaBuilder();
  const resources: Record<string, unknown> = {};
  const functions: Record<string, unknown> = {};

  for (const [token, shape] of Object.entries(shapes.resources)) {
    const type = token.split(":")[2];
    const file = sdkFile(token, lowerFirst(type));
    const sf = parse(file);
    const cls = find(sf, ts.isClassDeclaration, type);
    const args = find(sf, ts.isInterfaceDeclaration, `${type}Args`);
    if (!cls || !args) throw new Error(`generate: ${token}: class ${type} or ${type}Args missing`);
    const outputs = builder.object(cls.members);
    const inputs = builder.object(args.members);
    for (const p of [...shape.params, ...(shape.scopeParam ? [shape.scopeParam] : [])]) {
      if (!(p in inputs.properties)) throw new Error(`generate: ${token}: path parameter ${p} is not an input`);
    }
    if (shape.scope === "resourceGroup" && !("resourceGroupName" in inputs.properties)) {
      throw new Error(`generate: ${token}: scope resourceGroup, but no resourceGroupName input`);
    }
    shape.outputs = Object.keys(outputs.properties).sort();
    const api = apiVersion(file);
    if (api) shape.api = api;
    else delete shape.api;
    resources[token] = {
      properties: outputs.properties,
      ...(outputs.required ? { required: outputs.required } : {}),
      inputProperties: inputs.properties,
      ...(inputs.required ? { requiredInputs: inputs.required } : {}),
    };
  }

  for (const token of derivedFunctionTokens()) {
    if (!shapes.functions[token]) shapes.functions[token] = { derived: true };
  }
  for (const [token, fn] of Object.entries(shapes.functions)) {
    const name = token.split(":")[2];
    const sf = parse(sdkFile(token, name));
    const args = find(sf, ts.isInterfaceDeclaration, `${upperFirst(name)}Args`);
    const result = find(sf, ts.isInterfaceDeclaration, `${upperFirst(name)}Result`);
    if (!result) throw new Error(`generate: ${token}: ${upperFirst(name)}Result missing`);
    const inputs = args ? builder.object(args.members) : undefined;
    const outputs = builder.object(result.members);
    if (fn.lookup) {
      const resource = shapes.resources[fn.lookup];
      if (!resource) throw new Error(`generate: ${token}: lookup of unknown resource ${fn.lookup}`);
      for (const p of resource.params) {
        if (!inputs || !(p in inputs.properties)) throw new Error(`generate: ${token}: no argument ${p}`);
      }
    } else if (fn.derived) {
      fn.response = sample({ $ref: "#/types/result" }, "value", "", { ...builder.types, result: outputs }, 0) as Record<
        string,
        unknown
      >;
    } else if (fn.response) {
      checkTemplate(token, fn.response, outputs, builder.types);
    } else {
      throw new Error(`generate: ${token}: needs a response, a lookup or derived: true`);
    }
    functions[token] = { ...(inputs ? { inputs } : {}), outputs };
  }

  const providerSf = parse(path.join(SDK, "provider.d.ts"));
  const providerArgs = find(providerSf, ts.isInterfaceDeclaration, "ProviderArgs");
  if (!providerArgs) throw new Error("generate: ProviderArgs missing");
  const provider = builder.object(providerArgs.members);

  checkClassic(shapes.classic);
  shapes.resources = sortKeys(shapes.resources);
  shapes.functions = sortKeys(shapes.functions);
  const schema = {
    name: shapes.package.name,
    version: shapes.package.version,
    displayName: "Azure Native (test stand-in subset)",
    description:
      "GENERATED by tools/standins/azureshapes/generate.ts from @pulumi/azure-native's .d.ts files: the resources and functions the stand-in simulates (azure-shapes.json).",
    config: { variables: provider.properties },
    provider: { inputProperties: provider.properties },
    resources: sortKeys(resources),
    functions: sortKeys(functions),
    types: sortKeys(builder.types),
  };
  const format = (value: unknown) =>
    prettier.format(JSON.stringify(value, null, 2), { parser: "json", printWidth: 120 });
  return { shapes: await format(shapes), schema: await format(schema) };
}

async function main(): Promise<void> {
  const { shapes, schema } = await generate();
  const files: [string, string][] = [
    [SHAPES_FILE, shapes],
    [SCHEMA_FILE, schema],
  ];
  if (process.argv.includes("--check")) {
    const stale = files.filter(([f, text]) => !fs.existsSync(f) || fs.readFileSync(f, "utf8") !== text);
    for (const [f] of stale)
      process.stderr.write(`stale: ${path.relative(ROOT, f)} (run tools/standins/azureshapes/generate.ts)\n`);
    process.exit(stale.length > 0 ? 1 : 0);
  }
  for (const [f, text] of files) fs.writeFileSync(f, text);
  process.stdout.write(`wrote ${files.map(([f, t]) => `${path.relative(ROOT, f)} (${t.length} bytes)`).join(", ")}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
