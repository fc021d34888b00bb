// Why a program could not run, told as one short error: the program's own file and line, the message, and a
// one-line hint. Never the harness's stack: frames of the harness, ts-node, node internals and node_modules
// are dropped. Stack positions are already mapped to the TypeScript source by ts-node's source maps.
import * as path from "path";

export type FailureKind = "syntax" | "module" | "config" | "dependencies" | "runtime";

/** A program failure as the capture worker reports it to the check (JSON). */
export interface ProgramFailure {
  readonly kind: FailureKind;
  readonly message: string;
  readonly hint: string;
  /** Absolute path of the program file the failure points at, when known. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** What the description needs to know about the run. */
export interface FailureContext {
  readonly programDir: string;
  readonly stack: string;
  /** The stack config file, if the stack has one. */
  readonly stackFile?: string;
  /** True when some key package came from the workspace's node_modules rather than the program's. */
  readonly workspaceFallback: boolean;
  readonly hasPackageJson: boolean;
  /** The program's entry (Pulumi.yaml `main`, or the directory). */
  readonly entry: string;
  /** Directories whose frames are never the program's (the harness itself). */
  readonly harnessDirs: readonly string[];
}

interface Frame {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

function frames(stack: string): Frame[] {
  const out: Frame[] = [];
  for (const line of stack.split("\n")) {
    const m = FRAME.exec(line);
    if (m) out.push({ file: m[1].replace(/^file:\/\//, ""), line: Number(m[2]), column: Number(m[3]) });
  }
  return out;
}

/** The first frame of the program's own code: not node's, not a package's, not the harness's. */
export function programFrame(stack: string, ctx: FailureContext): Frame | undefined {
  const candidates = frames(stack).filter(
    (f) =>
      path.isAbsolute(f.file) &&
      !f.file.split(path.sep).includes("node_modules") &&
      !ctx.harnessDirs.some((d) => f.file.startsWith(d + path.sep)),
  );
  const inProgram = candidates.find((f) => f.file.startsWith(path.resolve(ctx.programDir) + path.sep));
  return inProgram ?? candidates[0];
}

const MISSING_CONFIG = /^Missing required configuration variable '([^']+)'/;
const TS_DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/m;

/** Turns whatever the program threw into one ProgramFailure. */
export function describeFailure(err: unknown, ctx: FailureContext): ProgramFailure {
  const e = err instanceof Error ? err : new Error(String(err));
  const stack = e.stack ?? "";
  const firstLine = (e.message || String(err)).split("\n")[0].trim();
  const at = programFrame(stack, ctx);
  const where = at ? { file: at.file, line: at.line, column: at.column } : {};
  // Paths in hints are relative to where the user ran the check (the worker itself runs in the program's dir).
  const relDir = path.relative(process.env.CCC_CHECK_CWD ?? process.cwd(), ctx.programDir) || ".";

  // ts-node's compile error (transpile-only reports syntax errors): "file(line,col): error TSxxxx: text".
  if (e.name === "TSError" || "diagnosticCodes" in e) {
    const m = TS_DIAGNOSTIC.exec(e.message);
    if (m) {
      return {
        kind: "syntax",
        message: `${m[4]}: ${m[5]}`,
        file: path.resolve(ctx.programDir, m[1]),
        line: Number(m[2]),
        column: Number(m[3]),
        hint: "fix the TypeScript error in the program; the check compiles it without type-checking, as a transpile",
      };
    }
  }

  const config = MISSING_CONFIG.exec(e.message);
  if (config) {
    const key = config[1];
    const short = key.split(":").slice(1).join(":");
    const file = ctx.stackFile ? path.basename(ctx.stackFile) : `Pulumi.${ctx.stack}.yaml`;
    return {
      kind: "config",
      message: `missing required config value "${key}" for stack "${ctx.stack}"`,
      ...where,
      hint: `set it in ${file} under \`config:\` (${key}: <value>), with \`pulumi config set ${short} <value> --stack ${ctx.stack}\`, or in PULUMI_CONFIG`,
    };
  }

  const code = (e as { code?: string }).code;
  if (code === "MODULE_NOT_FOUND" || code === "ERR_MODULE_NOT_FOUND") {
    const request = /Cannot find module '([^']+)'/.exec(e.message)?.[1] ?? "";
    if (path.resolve(ctx.programDir, request) === path.resolve(ctx.entry)) {
      return {
        kind: "module",
        message: `the program's entry ${request} does not exist`,
        hint: "set `main` in Pulumi.yaml to the program's entry file, or add an index.ts to the program directory",
      };
    }
    const relative = request.startsWith(".") || path.isAbsolute(request);
    const pkg = request.startsWith("@") ? request.split("/").slice(0, 2).join("/") : request.split("/")[0];
    return {
      kind: "module",
      message: `Cannot find module '${request}'`,
      ...where,
      hint: relative
        ? "check the import path: no such file next to the importing file"
        : ctx.hasPackageJson
          ? `run \`npm install\` in ${relDir} (add ${pkg} to its package.json if it is not there)`
          : `give the program a package.json with ${pkg} and run \`npm install\` in ${relDir}`,
    };
  }

  if (/^Configuration '[^']+' value/.test(e.message)) {
    return {
      kind: "config",
      message: firstLine,
      ...where,
      hint: `fix the value in ${ctx.stackFile ? path.basename(ctx.stackFile) : `Pulumi.${ctx.stack}.yaml`} or PULUMI_CONFIG`,
    };
  }

  // `azure_native.insights.Component` of a v2 program, run on v3 (where that module is gone), reads a class
  // off an undefined module: a capitalized name read from undefined.
  const missingExport = e instanceof TypeError && /of undefined \(reading '[A-Z][^']*'\)/.test(e.message);
  return {
    kind: "runtime",
    message: `${e.name}: ${firstLine}`,
    ...where,
    hint:
      missingExport && ctx.workspaceFallback
        ? "the program ran on the check's own @pulumi packages (azure-native v3); if it was written for another " +
          `version, give it a package.json with its dependencies and run \`npm install\` in ${relDir}`
        : "the program threw while it ran offline under mocks; fix the program, or run `pulumi preview` to compare",
  };
}

/** `error: <file>:<line>:<col>: <message>` and the hint, with paths relative to `cwd`. */
export function formatFailure(f: ProgramFailure, cwd = process.cwd()): string {
  const loc = f.file
    ? `${path.relative(cwd, f.file) || f.file}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ""}` : ""}: `
    : "";
  return `error: ${loc}${f.message}\n  hint: ${f.hint}`;
}
