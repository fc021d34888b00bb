// The `npm run report` command, callable in-process: parses arguments, reads the input (a stack export file
// or a program directory) and the pack config, builds the report and renders it.
//   npm run report -- <input> [--config pack-config.json] [--format md|json|sarif] [--out file] [--as-of YYYY-MM-DD]
//                              [--docs-url URL]
// Exit code: 0 compliant, 1 a mandatory violation or undecidable verdict, 2 bad input.
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { captureProgram } from "../harness/capture";
import { PackConfig, buildReport, checkPackConfig } from "./build";
import { InputError, ReportInput, fromCapture, readStackExport } from "./input";
import { renderMarkdown } from "./markdown";
import { renderSarif } from "./sarif";
import { CccEvidenceReport } from "./types";

export type Format = "md" | "json" | "sarif";

export interface ReportArgs {
  readonly input: string;
  readonly configFile?: string;
  readonly format: Format;
  readonly out?: string;
  readonly asOf?: string;
  readonly docsUrl?: string;
}

const USAGE =
  "usage: npm run report -- <stack-export.json | programDir> [--config pack-config.json] [--format md|json|sarif] [--out file] [--as-of YYYY-MM-DD] [--docs-url URL]";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export function parseReportArgs(argv: readonly string[]): ReportArgs {
  let input: string | undefined;
  const opts: { configFile?: string; format?: string; out?: string; asOf?: string; docsUrl?: string } = {};
  const value = (i: number, flag: string): string => {
    const v = argv[i];
    if (v === undefined || v.startsWith("--")) throw new InputError(`${flag} needs a value; ${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--config") opts.configFile = value(++i, arg);
    else if (arg === "--format") opts.format = value(++i, arg);
    else if (arg === "--out") opts.out = value(++i, arg);
    else if (arg === "--as-of") opts.asOf = value(++i, arg);
    else if (arg === "--docs-url") opts.docsUrl = value(++i, arg);
    else if (arg.startsWith("--")) throw new InputError(`unknown option ${arg}; ${USAGE}`);
    else if (input !== undefined) throw new InputError(`more than one input (${input}, ${arg}); ${USAGE}`);
    else input = arg;
  }
  if (input === undefined) throw new InputError(`no input given; ${USAGE}`);
  const format = opts.format ?? "md";
  if (format !== "md" && format !== "json" && format !== "sarif") {
    throw new InputError(`--format ${format} is not supported; use md, json or sarif`);
  }
  if (opts.asOf !== undefined) {
    const parsed = Date.parse(`${opts.asOf}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf) ||
      Number.isNaN(parsed) ||
      new Date(parsed).toISOString().slice(0, 10) !== opts.asOf
    ) {
      throw new InputError(`--as-of ${opts.asOf} is not a date; use YYYY-MM-DD`);
    }
  }
  if (opts.docsUrl !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(opts.docsUrl)) {
    throw new InputError(`--docs-url ${opts.docsUrl} must be an absolute URL (SARIF helpUri needs one)`);
  }
  return { input, format, ...opts } as ReportArgs;
}

export function readPackConfig(file: string | undefined): PackConfig {
  if (file === undefined) return {};
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(
      `cannot read pack config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InputError(`pack config ${file} is not JSON: ${(e as Error).message}`);
  }
  return checkPackConfig(parsed, file);
}

export async function readInput(input: string): Promise<ReportInput> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    throw new InputError(`input ${input} does not exist; give a \`pulumi stack export\` file or a program directory`);
  }
  if (stat.isDirectory()) {
    try {
      return fromCapture(await captureProgram(input), input);
    } catch (e) {
      throw new InputError(`cannot run the program in ${input} offline: ${(e as Error).message}`);
    }
  }
  let text: string;
  try {
    text = fs.readFileSync(input, "utf8");
  } catch (e) {
    throw new InputError(`cannot read ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return readStackExport(text, input);
}

/** The program's entry file (relative), or the export file: where SARIF results point. */
function artifactOf(input: ReportInput): string {
  if (input.kind === "stack-export") return toPosix(path.relative(process.cwd(), path.resolve(input.path)));
  const yaml = path.join(input.path, "Pulumi.yaml");
  const main = fs.existsSync(yaml) ? /^main:\s*(\S+)/m.exec(fs.readFileSync(yaml, "utf8"))?.[1] : undefined;
  const entry = main ?? (fs.existsSync(path.join(input.path, "index.ts")) ? "index.ts" : "");
  return toPosix(path.relative(process.cwd(), path.resolve(input.path, entry)));
}

const toPosix = (p: string): string => p.split(path.sep).join("/");

export interface ReportOutput {
  readonly report: CccEvidenceReport;
  readonly text: string;
  readonly code: 0 | 1;
}

export async function produceReport(args: ReportArgs, generatedAt = new Date()): Promise<ReportOutput> {
  const config = readPackConfig(args.configFile);
  const input = await readInput(args.input);
  const report = buildReport(input, { config, configFile: args.configFile ?? null, asOf: args.asOf, generatedAt });
  const docsUrl = args.docsUrl ?? pathToFileURL(path.join(REPO_ROOT, "docs", "rules.md")).href;
  const text =
    args.format === "json"
      ? `${JSON.stringify(report, null, 2)}\n`
      : args.format === "sarif"
        ? `${JSON.stringify(renderSarif(report, { docsUrl, artifact: artifactOf(input) }), null, 2)}\n`
        : renderMarkdown(report, args.docsUrl ?? "docs/rules.md");
  return { report, text, code: report.summary.compliant ? 0 : 1 };
}

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

/** The whole command: returns the exit code; never throws for bad input. */
export async function runReport(argv: readonly string[], io: Io, generatedAt = new Date()): Promise<number> {
  try {
    const args = parseReportArgs(argv);
    const { text, code, report } = await produceReport(args, generatedAt);
    if (args.out) {
      try {
        fs.writeFileSync(args.out, text);
      } catch (e) {
        throw new InputError(`cannot write ${args.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const s = report.summary;
      io.stderr(
        `wrote ${args.out}: ${s.compliant ? "compliant" : "NOT compliant"} (${s.mandatoryViolations} mandatory violation(s), ${s.undecidable} undecidable, ${s.waived} waived)\n`,
      );
    } else {
      io.stdout(text);
    }
    return code;
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
