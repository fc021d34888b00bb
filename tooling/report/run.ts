// The `npm run report` command, callable in-process: parses arguments, reads the inputs (stack export files,
// directories of them, globs, or program directories) and the pack config, judges each stack with the pack's
// one pipeline (`evaluateStack`), and renders one report across them.
// Exit code: 0 every stack compliant, 1 a mandatory violation or undecided value in some stack, 2 bad input.
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { evaluateStack, isCalendarDate } from "../../policy-pack/src/api";
import { orgReport, stackReport } from "./build";
import { InputError, expandInputs, graphResources, readInput } from "./input";
import { renderMarkdown } from "./markdown";
import { renderSarif } from "./sarif";
import { CccReport, StackReport } from "./types";

export type Format = "md" | "json" | "sarif";

export interface ReportArgs {
  /** Stack export files, directories of them, globs, or program directories. */
  readonly inputs: readonly string[];
  readonly configFile?: string;
  readonly format: Format;
  readonly out?: string;
  readonly asOf?: string;
  readonly docsUrl?: string;
}

export const USAGE = `usage: npm run report -- <input>... [--config pack-config.json] [--format md|json|sarif] [--out file] [--as-of YYYY-MM-DD] [--docs-url URL]

  <input>...         \`pulumi stack export\` files, directories of them (every *.json), globs ('exports/*.json'),
                     or program directories (run offline, as npm run check does)
  --config FILE      pack config, as for \`pulumi preview --policy-pack-config\` (the same for every stack)
  --format F         md (default), json (schema: tooling/report/report.schema.json) or sarif (one run per stack)
  --out FILE         write the report there instead of stdout
  --as-of DATE       take the verdicts (waiver expiry, evidence age) as of that day
  --docs-url URL     absolute URL of docs/rules.md for links (SARIF helpUri needs one)

exit codes: 0 every stack compliant, 1 a mandatory violation or undecided value, 2 bad input`;

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export function parseReportArgs(argv: readonly string[]): ReportArgs {
  const inputs: string[] = [];
  const opts: { configFile?: string; format?: string; out?: string; asOf?: string; docsUrl?: string } = {};
  const flags: Record<string, keyof typeof opts> = {
    "--config": "configFile",
    "--format": "format",
    "--out": "out",
    "--as-of": "asOf",
    "--docs-url": "docsUrl",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s) : [arg, undefined];
    if (flag in flags) {
      const value = inline ?? argv[i + 1];
      if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) {
        throw new InputError(`${flag} needs a value\n${USAGE}`);
      }
      if (inline === undefined) i++;
      opts[flags[flag]] = value;
    } else if (arg.startsWith("--")) throw new InputError(`unknown option ${arg}\n${USAGE}`);
    else inputs.push(arg);
  }
  if (inputs.length === 0) throw new InputError(`no input given\n${USAGE}`);
  const format = opts.format ?? "md";
  if (format !== "md" && format !== "json" && format !== "sarif") {
    throw new InputError(`--format ${format} is not supported; use md, json or sarif`);
  }
  if (opts.asOf !== undefined && !isCalendarDate(opts.asOf)) {
    throw new InputError(`--as-of ${opts.asOf} is not a date; use YYYY-MM-DD`);
  }
  if (opts.docsUrl !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(opts.docsUrl)) {
    throw new InputError(`--docs-url ${opts.docsUrl} must be an absolute URL (SARIF helpUri needs one)`);
  }
  return { inputs, ...opts, format };
}

/** The pack config file as JSON; its contents are checked by the pack's own reader (see checkedConfig). */
function readConfigFile(file: string | undefined): unknown {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(
      `cannot read pack config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`pack config ${file} is not JSON: ${(e as Error).message}`);
  }
}

export interface ReportOutput {
  readonly report: CccReport;
  readonly text: string;
  readonly code: 0 | 1;
}

/** Builds the report; throws InputError for bad input. */
export async function produceReport(args: ReportArgs, generatedAt = new Date()): Promise<ReportOutput> {
  const raw = readConfigFile(args.configFile);
  const options = {
    config: raw as Record<string, unknown> | undefined,
    configSource: args.configFile ? `pack config ${args.configFile}` : "pack config",
    ...(args.asOf ? { asOf: args.asOf } : {}),
    now: generatedAt,
    ...(args.docsUrl ? { docsBase: args.docsUrl } : {}),
  };
  // The pack reports invalid config and judges with safe defaults; evidence built on a config other than the
  // one written would mislead, so the report refuses it (as `pulumi policy validate-config` does).
  const checked = evaluateStack([], options);
  if (checked.configErrors.length > 0) {
    throw new InputError(`invalid pack config:\n${checked.configErrors.map((e) => `  - ${e}`).join("\n")}`);
  }
  const sources = expandInputs(args.inputs);
  const stacks: StackReport[] = [];
  const artifacts: string[] = [];
  for (const source of sources) {
    const input = await readInput(source);
    stacks.push(stackReport(input, evaluateStack(graphResources(input.resources), options)));
    artifacts.push(input.artifact);
  }
  const report = orgReport(stacks, {
    levels: checked.levels,
    configFile: args.configFile ?? null,
    asOf: checked.verdictTime.toISOString().slice(0, 10),
    ...(args.docsUrl ? { docsBase: args.docsUrl } : {}),
    generatedAt,
  });
  const docsUrl = args.docsUrl ?? pathToFileURL(path.join(REPO_ROOT, "docs", "rules.md")).href;
  const text =
    args.format === "json"
      ? `${JSON.stringify(report, null, 2)}\n`
      : args.format === "sarif"
        ? `${JSON.stringify(renderSarif(report, { docsUrl, artifacts }), null, 2)}\n`
        : renderMarkdown(report);
  return { report, text, code: report.totals.compliant ? 0 : 1 };
}

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

/** The whole command: returns the exit code; never throws for bad input. */
export async function runReport(argv: readonly string[], io: Io, generatedAt = new Date()): Promise<number> {
  try {
    if (argv.includes("--help") || argv.includes("-h")) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const args = parseReportArgs(argv);
    const { text, code, report } = await produceReport(args, generatedAt);
    if (args.out) {
      try {
        fs.writeFileSync(args.out, text);
      } catch (e) {
        throw new InputError(`cannot write ${args.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const t = report.totals;
      io.stderr(
        `wrote ${args.out}: ${t.compliant ? "compliant" : "NOT compliant"}: ${t.compliantStacks} of ${t.stacks} stack(s), ${t.compliantDeployments} of ${t.deployments} deployment(s) compliant (${t.mandatoryViolations} mandatory violation(s), ${t.undecided} undecided, ${t.waived} waived), as of ${report.asOf}\n`,
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
