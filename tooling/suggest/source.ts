// Finds where a TypeScript program creates a resource: `new <ns>.<Class>("<logical name>", {...}, {...})`
// with the logical name as a string literal. Fix suggestions use it to write a policy that fits the program
// (the same namespace, the same placement expressions and provider as the deployment) and to say where it goes.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

export interface ObjectArg {
  /** The argument as written. */
  readonly text: string;
  /** Its properties' initializers as written (`accountName` -> `account.name`), when it is an object literal. */
  readonly props?: ReadonlyMap<string, PropertySource>;
  /** An object literal with a spread (`...common`): properties may come from elsewhere. */
  readonly spread: boolean;
}

export interface PropertySource {
  /** The initializer as written (`account.name`; the name itself for a shorthand property). */
  readonly text: string;
  /** 1-based line of the property. */
  readonly line: number;
  /** The nested object literal, when the initializer is one (`properties: {...}`). */
  readonly object?: ObjectArg;
}

export interface ResourceSource {
  /** Absolute path of the file. */
  readonly file: string;
  /** 1-based line of the `new` expression. */
  readonly line: number;
  /** 1-based first line of the statement that holds it: a policy for it is pasted before this line. */
  readonly statementLine: number;
  /** The statement is at the top level of its file, so code pasted before it runs once. */
  readonly topLevel: boolean;
  /** The class as written (`cognitiveservices.Deployment`, `azure_native.cognitiveservices.Deployment`, `Deployment`). */
  readonly callee: string;
  readonly args?: ObjectArg;
  readonly options?: ObjectArg;
  /** Every identifier the file uses, so new names do not shadow or clash. */
  readonly identifiers: ReadonlySet<string>;
}

/** The key of a wanted resource in `locateResources`' answer. */
export const locatedKey = (className: string, name: string): string => `${className}\u0000${name}`;

export type Located =
  | { readonly kind: "found"; readonly source: ResourceSource }
  | { readonly kind: "none" | "several" };

/** The program's own TypeScript files: not node_modules, not hidden directories, not declarations. */
export function programFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function lineOf(sf: ts.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

function objectArg(sf: ts.SourceFile, node: ts.Expression | undefined): ObjectArg | undefined {
  if (!node) return undefined;
  if (!ts.isObjectLiteralExpression(node)) return { text: node.getText(sf), spread: false };
  const props = new Map<string, PropertySource>();
  let spread = false;
  for (const p of node.properties) {
    if (ts.isSpreadAssignment(p)) spread = true;
    else if (ts.isShorthandPropertyAssignment(p)) {
      props.set(p.name.text, { text: p.name.text, line: lineOf(sf, p.getStart(sf)) });
    } else if (ts.isPropertyAssignment(p)) {
      const name = propertyName(p.name);
      if (name === undefined) continue;
      const init = p.initializer;
      props.set(name, {
        text: init.getText(sf),
        line: lineOf(sf, p.getStart(sf)),
        ...(ts.isObjectLiteralExpression(init) ? { object: objectArg(sf, init) } : {}),
      });
    }
  }
  return { text: node.getText(sf), props, spread };
}

/** The statement a node is part of: the ancestor whose parent is a file or a block. */
function statementOf(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && !ts.isSourceFile(n.parent) && !ts.isBlock(n.parent) && !ts.isModuleBlock(n.parent)) n = n.parent;
  return n;
}

function identifiersOf(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n)) names.add(n.text);
    n.forEachChild(visit);
  };
  visit(sf);
  return names;
}

/**
 * Where the program creates each wanted resource (`Class` and logical name): found when exactly one `new`
 * expression of that class takes that name as a literal; `several` when more do; `none` when the name is
 * computed (a template, a loop variable) or the program is not TypeScript.
 */
export function locateResources(
  programDir: string,
  wanted: readonly { readonly className: string; readonly name: string }[],
): Map<string, Located> {
  const key = locatedKey;
  const want = new Set(wanted.map((w) => key(w.className, w.name)));
  const hits = new Map<string, ResourceSource[]>();
  for (const file of programFiles(programDir)) {
    const text = fs.readFileSync(file, "utf8");
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    let identifiers: Set<string> | undefined;
    const visit = (n: ts.Node) => {
      if (ts.isNewExpression(n) && n.arguments && n.arguments.length >= 1) {
        const first = n.arguments[0];
        const callee = n.expression.getText(sf);
        const className = callee.split(".").pop()!;
        if (
          (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) &&
          want.has(key(className, first.text))
        ) {
          const statement = statementOf(n);
          identifiers ??= identifiersOf(sf);
          const source: ResourceSource = {
            file,
            line: lineOf(sf, n.getStart(sf)),
            statementLine: lineOf(sf, statement.getStart(sf)),
            topLevel: ts.isSourceFile(statement.parent),
            callee,
            args: objectArg(sf, n.arguments[1]),
            options: objectArg(sf, n.arguments[2]),
            identifiers,
          };
          const k = key(className, first.text);
          hits.set(k, [...(hits.get(k) ?? []), source]);
        }
      }
      n.forEachChild(visit);
    };
    visit(sf);
  }
  const result = new Map<string, Located>();
  for (const w of wanted) {
    const found = hits.get(key(w.className, w.name)) ?? [];
    result.set(
      key(w.className, w.name),
      found.length === 1 ? { kind: "found", source: found[0] } : { kind: found.length ? "several" : "none" },
    );
  }
  return result;
}
