// Writes JSON-like values as TypeScript source, formatted as prettier would (2-space indent, trailing commas,
// double quotes, short objects of plain values on one line), with `Expr` for code written as is.

/** Code to write as is (`account.name`). */
export class Expr {
  constructor(readonly code: string) {}
}

const WIDTH = 120;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const key = (k: string): string => (IDENTIFIER.test(k) ? k : JSON.stringify(k));

function isPlain(v: unknown): boolean {
  return v === null || v instanceof Expr || ["string", "number", "boolean"].includes(typeof v);
}

/** `value` as a TypeScript expression, its first line starting at column `indent`. */
export function renderTs(value: unknown, indent: number): string {
  if (value instanceof Expr) return value.code;
  if (value === undefined) return "undefined";
  if (!value || typeof value !== "object") return JSON.stringify(value);
  const pad = " ".repeat(indent + 2);
  const close = " ".repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${pad}${renderTs(v, indent + 2)},`).join("\n")}\n${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  if (entries.every(([, v]) => isPlain(v))) {
    const inline = `{ ${entries.map(([k, v]) => `${key(k)}: ${renderTs(v, 0)}`).join(", ")} }`;
    if (indent + inline.length <= WIDTH - 2) return inline;
  }
  return `{\n${entries.map(([k, v]) => `${pad}${key(k)}: ${renderTs(v, indent + 2)},`).join("\n")}\n${close}}`;
}
