// The main job: runs the CCC pack offline on a Pulumi program (no cloud credentials, no Pulumi CLI) and
// prints the policy report that `pulumi preview` would: findings grouped by resource and one summary line, or
// with --json a document of schema tooling/cli/check-output.schema.json. --suggest-fixes adds, for each
// deployment without a compliant content filter policy, a policy to paste and the line that attaches it.
// Exit codes: 0 = no mandatory violation, 1 = a mandatory violation, 2 = the program or the check could not run.
import * as fs from "fs";
import * as path from "path";
import { PackConfig, analyzeResources } from "../harness/analyzer";
import { ProgramRunError, captureProgram } from "../harness/capture";
import { formatReport } from "../harness/report";
import { CaptureResult } from "../harness/types";
import { formatSuggestions } from "../suggest/format";
import { SuggestionReport, suggestFixes } from "../suggest/suggest";
import { CheckOutput, SCHEMA_VERSION, countFindings, listPackages, toFinding } from "./output";

const ROOT = path.resolve(__dirname, "..", "..");
export const PACK_DIR = path.join(ROOT, "policy-pack");

export const USAGE = `usage: npm run check -- [programDir] [--stack NAME] [--config pack-config.json] [--preview] [--json]
                         [--suggest-fixes]

  programDir         a Pulumi Node.js program (default: the workspace's root program)
  --stack NAME       read Pulumi.<NAME>.yaml (default: the only Pulumi.<stack>.yaml, else dev)
  --config FILE      pack config, as for \`pulumi preview --policy-pack-config\`
  --preview          server-computed outputs unknown, as in \`pulumi preview\`
  --json             findings as JSON (schema: tooling/cli/check-output.schema.json)
  --suggest-fixes    for each deployment without a compliant content filter policy, print a RAI policy to
                     paste (TypeScript) and the line that attaches it

exit codes: 0 no mandatory violation, 1 mandatory violation, 2 the program or the check could not run`;

export interface Options {
  programDir: string;
  stack?: string;
  configFile?: string;
  preview: boolean;
  json: boolean;
  suggestFixes: boolean;
  help: boolean;
}

class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = {
    programDir: ROOT,
    preview: false,
    json: false,
    suggestFixes: false,
    help: false,
  };
  let positional: string | undefined;
  const valueOf = (i: number, flag: string): string => {
    const value = argv[i + 1];
    if (value === undefined || value === "" || value.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s) : [arg, undefined];
    if (flag === "--config" || flag === "--stack") {
      const value = inline ?? valueOf(i, flag);
      if (value === "") throw new UsageError(`${flag} needs a value`);
      if (inline === undefined) i++;
      if (flag === "--config") options.configFile = value;
      else options.stack = value;
    } else if (arg === "--preview") options.preview = true;
    else if (arg === "--json") options.json = true;
    else if (arg === "--suggest-fixes") options.suggestFixes = true;
    else if (arg === "--help" || arg === "-h") options.help = true;
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else if (positional !== undefined)
      throw new UsageError(`one program directory only (got ${positional} and ${arg})`);
    else positional = arg;
  }
  if (positional !== undefined) options.programDir = path.resolve(positional);
  return options;
}

function readPackConfig(file: string | undefined): PackConfig {
  if (!file) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`cannot read pack config ${file}: ${(e as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new Error(`pack config ${file} must be a JSON object of policy name -> level or settings`);
  return parsed as PackConfig;
}

async function main(): Promise<number> {
  // `npm run check` runs in the workspace root; paths given to it are relative to where the user typed it.
  if (process.env.npm_lifecycle_event === "check" && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`error: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let config: PackConfig;
  try {
    config = readPackConfig(options.configFile);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }

  const programInfo = (capture?: CaptureResult): CheckOutput["program"] => ({
    dir: options.programDir,
    project: capture?.project ?? null,
    stack: capture?.stack ?? null,
    preview: options.preview,
    resources: capture ? capture.resources.length : null,
  });
  const configInfo = { file: options.configFile ? path.resolve(options.configFile) : null };

  let capture: CaptureResult;
  try {
    capture = await captureProgram(options.programDir, { preview: options.preview, stack: options.stack });
  } catch (e) {
    if (!(e instanceof ProgramRunError)) throw e;
    if (options.json) {
      const output: CheckOutput = {
        schemaVersion: SCHEMA_VERSION,
        pack: null,
        program: programInfo(),
        config: configInfo,
        packages: [],
        findings: [],
        counts: { mandatory: 0, advisory: 0, resources: 0 },
        exitCode: 2,
        status: "error",
        error: e.failure,
      };
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    }
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  for (const warning of capture.warnings ?? [])
    process.stderr.write(`warning: ${warning.replace(/^warning:\s*/i, "")}\n`);

  const result = await analyzeResources(
    PACK_DIR,
    capture.resources,
    { project: capture.project, stack: capture.stack, dryRun: options.preview },
    config,
  );
  const findings = result.diagnostics.map(toFinding);
  const counts = countFindings(findings);
  const exitCode = counts.mandatory > 0 ? 1 : 0;
  let suggestions: SuggestionReport | undefined;
  if (options.suggestFixes) {
    try {
      suggestions = suggestFixes(capture, {
        programDir: options.programDir,
        config,
        ...(options.configFile ? { configSource: options.configFile } : {}),
        preview: options.preview,
      });
    } catch (e) {
      process.stderr.write(`warning: no fix suggestions: ${(e as Error).message}\n`);
    }
  }
  if (options.json) {
    const output: CheckOutput = {
      schemaVersion: SCHEMA_VERSION,
      pack: { name: result.info.name, version: result.info.version },
      program: programInfo(capture),
      config: configInfo,
      packages: listPackages(capture.packages),
      findings,
      counts,
      exitCode,
      status: exitCode === 0 ? "passed" : "failed",
      ...(suggestions ? { fixSuggestions: suggestions } : {}),
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    process.stdout.write(`Previewing ${capture.project} (${capture.resources.length} resources, offline)\n\n`);
    const order = capture.resources.map((r) => r.urn);
    process.stdout.write(`${formatReport(result.info, findings, counts, order)}\n`);
    if (suggestions) process.stdout.write(`\n${formatSuggestions(suggestions)}\n`);
  }
  return exitCode;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`error: the check could not run: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
