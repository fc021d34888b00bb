// The main job: runs the CCC pack offline on a Pulumi program (no cloud credentials, no Pulumi CLI) and
// prints the policy report that `pulumi preview` would. Exit code 1 on a mandatory violation, 2 on bad usage.
//   npm run check -- [programDir] [--config pack-config.json] [--preview] [--json]
import * as fs from "fs";
import * as path from "path";
import { PackConfig, analyzeResources } from "../harness/analyzer";
import { captureProgram } from "../harness/capture";
import { formatReport } from "../harness/report";

const ROOT = path.resolve(__dirname, "..", "..");
export const PACK_DIR = path.join(ROOT, "policy-pack");

interface Options {
  programDir: string;
  configFile?: string;
  preview: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { programDir: ROOT, preview: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--config") options.configFile = argv[++i];
    else if (arg === "--preview") options.preview = true;
    else if (arg === "--json") options.json = true;
    else if (arg.startsWith("--"))
      throw new Error(`unknown option ${arg}; use [programDir] [--config file] [--preview] [--json]`);
    else options.programDir = path.resolve(arg);
  }
  return options;
}

function readConfig(file: string | undefined): PackConfig {
  if (!file) return {};
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as PackConfig;
  } catch (e) {
    throw new Error(`cannot read pack config ${file}: ${(e as Error).message}`);
  }
}

async function main(): Promise<number> {
  let options: Options;
  let config: PackConfig;
  try {
    options = parseArgs(process.argv.slice(2));
    config = readConfig(options.configFile);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const capture = await captureProgram(options.programDir, { preview: options.preview });
  const result = await analyzeResources(
    PACK_DIR,
    capture.resources,
    { project: capture.project, stack: capture.stack, dryRun: options.preview },
    config,
  );
  const mandatory = result.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ program: options.programDir, diagnostics: result.diagnostics }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(`Previewing ${capture.project} (${capture.resources.length} resources, offline)\n\n`);
    process.stdout.write(`${formatReport(result.info.name, result.info.version, result.diagnostics)}\n`);
  }
  return mandatory > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
