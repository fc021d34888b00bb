// Runs the real Pulumi CLI (built by scripts/build-pulumi.sh from the Go module proxy) against example
// programs, with a local file backend in a temporary directory and the test stand-ins on PATH.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { TOOLS_BIN, offlineCliEnv } from "../../tooling/harness/cliEnv";
import { Diagnostic } from "../../tooling/harness/analyzer";
import { Finding, PACK_DIR, ROOT, findings } from "./examples";

/**
 * Where the CLI is, or why the end-to-end tests cannot run here. CI must have it (.ci/run builds it).
 * `plugins`: further binaries of .tools/bin the tests need, such as the YAML language host.
 */
export function locatePulumi(plugins: readonly string[] = []): { pulumi: string } | { skip: string } {
  const local = path.join(TOOLS_BIN, "pulumi");
  const standIns = ["pulumi-language-nodejs", "pulumi-resource-azure-native", ...plugins].every((b) =>
    fs.existsSync(path.join(TOOLS_BIN, b)),
  );
  if (fs.existsSync(local) && standIns) return { pulumi: local };
  if (spawnSync("go", ["version"]).status === 0) {
    // Builds or reuses the pinned CLI; slow only the first time.
    execFileSync("bash", [path.join(ROOT, "scripts", "build-pulumi.sh")], { stdio: "inherit" });
    return { pulumi: local };
  }
  return { skip: "no Pulumi CLI in .tools/bin and no Go toolchain to build it (run scripts/build-pulumi.sh)" };
}

export interface CliResult {
  readonly status: number;
  readonly output: string;
}

/** A stack of one example program in a fresh directory, with its own file backend and PULUMI_HOME. */
export class CliStack {
  readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly pulumi: string,
    example: string,
  ) {
    // Under the repository, so Node resolves the workspace's node_modules from the program.
    const tmp = path.join(ROOT, ".tools", "tmp");
    fs.mkdirSync(tmp, { recursive: true });
    const base = fs.mkdtempSync(path.join(tmp, "e2e-"));
    this.dir = path.join(base, "program");
    fs.mkdirSync(this.dir);
    const source = path.join(ROOT, "examples", example);
    if (fs.existsSync(path.join(source, "index.ts"))) {
      for (const file of ["index.ts", "Pulumi.yaml"]) {
        fs.copyFileSync(path.join(source, file), path.join(this.dir, file));
      }
      fs.writeFileSync(path.join(this.dir, "package.json"), JSON.stringify({ name: example, main: "index.ts" }));
    } else {
      // A program of another language (Pulumi YAML): its files as they are, without the test's expectations.
      for (const file of fs.readdirSync(source)) {
        if (fs.statSync(path.join(source, file)).isFile() && !/^expected.*\.json$/.test(file)) {
          fs.copyFileSync(path.join(source, file), path.join(this.dir, file));
        }
      }
    }
    this.env = offlineCliEnv(base, "test-only-passphrase");
    this.run(["stack", "init", "dev", "--non-interactive"], { mustSucceed: true });
  }

  run(args: string[], options: { mustSucceed?: boolean; env?: NodeJS.ProcessEnv } = {}): CliResult {
    const result = spawnSync(this.pulumi, args, {
      cwd: this.dir,
      env: { ...this.env, ...options.env },
      encoding: "utf8",
      timeout: 300_000,
    });
    // eslint-disable-next-line no-control-regex
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.replace(/\u001b\[[0-9;]*m/g, "");
    const status = result.status ?? -1;
    if (options.mustSucceed && status !== 0) {
      const relevant = output
        .split("\n")
        .filter((l) => !l.includes("can't run policy"))
        .join("\n");
      throw new Error(`pulumi ${args.join(" ")} failed (${status}):\n${relevant.slice(-4000)}`);
    }
    return { status, output };
  }

  /** Resources of the stack's state (`pulumi stack export`), and the export file. */
  exportState(): { file: string; resources: { type: string; urn: string; inputs?: Record<string, unknown> }[] } {
    const file = path.join(this.dir, "..", "export.json");
    this.run(["stack", "export", "--file", file], { mustSucceed: true });
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    return { file, resources: json.deployment.resources ?? [] };
  }

  cleanup(): void {
    fs.rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }
}

/** Mandatory findings of a `pulumi preview --policy-pack`, from the CLI's streaming JSON, with the exit status. */
export function previewPolicyFindings(stack: CliStack, extra: string[] = []): CliResult & { mandatory: Finding[] } {
  const result = stack.run(["preview", "--non-interactive", "--json", "--policy-pack", PACK_DIR, ...extra], {
    env: { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" },
  });
  return { ...result, mandatory: findings(previewEvents(result.output).diagnostics, "mandatory") };
}

/** The policy events of a streaming JSON preview, as diagnostics, and the resource types it previewed. */
export function previewEvents(output: string): { diagnostics: Diagnostic[]; types: string[] } {
  const diagnostics: Diagnostic[] = [];
  const types: string[] = [];
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    const event = JSON.parse(line);
    if (event.resourcePreEvent) types.push(event.resourcePreEvent.metadata.type);
    const p = event.policyEvent;
    if (!p) continue;
    diagnostics.push({
      policyName: p.policyName,
      policyPackName: p.policyPackName,
      policyPackVersion: p.policyPackVersion,
      description: "",
      message: p.message,
      enforcementLevel: p.enforcementLevel,
      urn: p.resourceUrn,
      phase: "analyze",
    });
  }
  return { diagnostics, types: [...new Set(types)].sort() };
}

/**
 * An end-to-end suite on the real CLI: `body` gets `stackOf(example)`, a stack of that example removed after the
 * suite, and the CLI. Without the CLI (or `plugins`) the suite says why it skips; in CI (`CI=true`) it fails.
 */
export function describeWithCli(
  what: string,
  plugins: readonly string[],
  body: (stackOf: (example: string) => CliStack, pulumi: string) => void,
): void {
  const located = locatePulumi(plugins);
  if ("skip" in located) {
    if (process.env.CI) {
      it(`has the Pulumi CLI and ${["stand-ins", ...plugins].join(", ")} in CI`, () => {
        throw new Error(`CI must run the ${what}, but: ${located.skip}`);
      });
    } else {
      console.warn(`Skipping the ${what}: ${located.skip}`);
      it.skip(`${what} (${located.skip})`, () => undefined);
    }
    return;
  }
  const stacks: CliStack[] = [];
  afterAll(() => stacks.forEach((s) => s.cleanup()));
  body((example) => {
    const stack = new CliStack(located.pulumi, example);
    stacks.push(stack);
    return stack;
  }, located.pulumi);
}
