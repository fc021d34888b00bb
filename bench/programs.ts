// Issue 11 §5: wall time and peak memory of the user-facing paths on a small and a large program, in one run:
//   - `npm run check -- <program>` (the offline check: runs the program with the stand-in, then the pack);
//   - `pulumi preview` with the real CLI and the stand-ins (.tools/bin), without a policy pack, with the
//     no-op pack and with azure-openai-ccc (`--policy-pack policy-pack`), so the pack's share is visible.
// Each program gets its own stack directory under .tools/tmp with a file backend and PULUMI_HOME, set up as
// test/support/pulumiCli.ts `CliStack` does for the end-to-end tests.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { TOOLS_BIN, offlineCliEnv } from "../tooling/harness/cliEnv";
import { Measured, measure } from "./measure";
import { writeProgram } from "./program";

const ROOT = path.join(__dirname, "..");
const TMP = path.join(ROOT, ".tools", "tmp");

export type Tool = "check" | "preview, no pack" | "preview, no-op pack" | "preview, azure-openai-ccc";
export const TOOLS: readonly Tool[] = ["check", "preview, no pack", "preview, no-op pack", "preview, azure-openai-ccc"];

export interface ProgramRun {
  readonly program: string;
  readonly resources: number;
  readonly tool: Tool;
  readonly round: number;
  readonly wallMs: number;
  readonly exitCode: number;
  /** The largest single process (GNU time), KiB. */
  readonly maxRssKiB: number;
  /** The highest polled sum over the process tree, KiB. */
  readonly treePeakKiB: number;
  /** The policy pack process's peak (VmHWM), KiB, when there is one. */
  readonly packPeakKiB?: number;
  readonly memorySource: Measured["memorySource"];
}

const LABELS = {
  pack: /run-policy-pack/,
  program: /@pulumi[\\/]pulumi[\\/]cmd[\\/]run[\\/]|tooling[\\/]harness/,
  provider: /pulumi-resource-azure-native/,
};

/** Whether the real CLI and its stand-ins are there (scripts/build-pulumi.sh builds them). */
export function cliAvailable(): string | undefined {
  const missing = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-azure-native"].filter(
    (b) => !fs.existsSync(path.join(TOOLS_BIN, b)),
  );
  return missing.length ? `missing in .tools/bin: ${missing.join(", ")} (run scripts/build-pulumi.sh)` : undefined;
}

/** A stack for `programDir`, in a fresh directory: the program's files copied, a file backend, `dev` stack. */
class BenchStack {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  private readonly base: string;

  constructor(programDir: string, name: string) {
    fs.mkdirSync(TMP, { recursive: true });
    this.base = fs.mkdtempSync(path.join(TMP, `bench-cli-${name}-`));
    this.dir = path.join(this.base, "program");
    fs.mkdirSync(this.dir);
    for (const file of ["index.ts", "Pulumi.yaml"])
      fs.copyFileSync(path.join(programDir, file), path.join(this.dir, file));
    fs.writeFileSync(path.join(this.dir, "package.json"), JSON.stringify({ name, main: "index.ts" }));
    this.env = offlineCliEnv(this.base, "bench-only-passphrase");
    const init = spawnSync(path.join(TOOLS_BIN, "pulumi"), ["stack", "init", "dev", "--non-interactive"], {
      cwd: this.dir,
      env: this.env,
      encoding: "utf8",
    });
    if (init.status !== 0) throw new Error(`pulumi stack init failed: ${init.stdout}${init.stderr}`);
  }

  preview(packDir: string | undefined): Promise<Measured> {
    const args = ["preview", "--non-interactive", ...(packDir ? ["--policy-pack", packDir] : [])];
    return measure(path.join(TOOLS_BIN, "pulumi"), args, {
      cwd: this.dir,
      env: this.env,
      labels: LABELS,
      timeoutMs: 900_000,
    });
  }

  cleanup(): void {
    fs.rmSync(this.base, { recursive: true, force: true });
  }
}

export interface ProgramSpec {
  readonly name: string;
  readonly dir: string;
  readonly resources: number;
}

/** The 4-resource example and a generated program of `generated` resources (under .tools/tmp). */
export function programSpecs(generated: number): ProgramSpec[] {
  const dir = path.join(TMP, `bench-program-${generated}`);
  fs.rmSync(dir, { recursive: true, force: true });
  writeProgram(dir, generated);
  return [
    { name: "examples/compliant-text", dir: path.join(ROOT, "examples", "compliant-text"), resources: 4 },
    { name: `generated (${generated} resources)`, dir, resources: generated },
  ];
}

/**
 * Every tool on every program, `rounds` times, alternating the tools within a round so drift on a shared
 * machine affects them alike. `packs` are the pack directories (azure-openai-ccc and the no-op pack).
 */
export async function programBench(
  specs: readonly ProgramSpec[],
  packs: { readonly ccc: string; readonly noop: string },
  rounds: number,
  log: (line: string) => void,
): Promise<ProgramRun[]> {
  const skip = cliAvailable();
  if (skip) log(`  real CLI: skipped, ${skip}`);
  const runs: ProgramRun[] = [];
  for (const spec of specs) {
    const stack = skip ? undefined : new BenchStack(spec.dir, spec.name.replace(/[^a-z0-9]+/gi, "-"));
    try {
      // Warm-up (not counted): the first run compiles the program and loads the packages into the page cache.
      if (stack) await stack.preview(undefined);
      for (let round = 1; round <= rounds; round++) {
        for (const tool of TOOLS) {
          let m: Measured;
          if (tool === "check") {
            m = await measure("npm", ["run", "--silent", "check", "--", spec.dir], {
              cwd: ROOT,
              labels: LABELS,
              timeoutMs: 900_000,
            });
          } else if (!stack) continue;
          else if (tool === "preview, no pack") m = await stack.preview(undefined);
          else if (tool === "preview, no-op pack") m = await stack.preview(packs.noop);
          else m = await stack.preview(packs.ccc);
          const run: ProgramRun = {
            program: spec.name,
            resources: spec.resources,
            tool,
            round,
            wallMs: m.wallMs,
            exitCode: m.exitCode,
            maxRssKiB: m.maxRssKiB,
            treePeakKiB: m.treePeakKiB,
            ...(m.byLabel.pack !== undefined ? { packPeakKiB: m.byLabel.pack } : {}),
            memorySource: m.memorySource,
          };
          runs.push(run);
          const mib = (k: number | undefined) => (k === undefined ? "-" : `${(k / 1024).toFixed(0)} MiB`);
          log(
            `  ${spec.name.padEnd(28)} ${tool.padEnd(26)} round ${round}: ${(m.wallMs / 1000).toFixed(1)} s, exit ${m.exitCode}, largest process ${mib(m.maxRssKiB)}, tree ${mib(m.treePeakKiB)}, pack ${mib(run.packPeakKiB)}`,
          );
          if (m.exitCode !== 0) log(m.output.trim().split("\n").slice(-15).join("\n"));
        }
      }
    } finally {
      stack?.cleanup();
    }
  }
  return runs;
}
