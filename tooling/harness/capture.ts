import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ProgramFailure, formatFailure } from "./programError";
import { WORKSPACE, WORKSPACE_NODE_MODULES, describeProblems, resolveProgramPackages } from "./programDeps";
import { ConfigError, StackConfig, configEnv, loadStackConfig, readProject } from "./stackConfig";
import { CaptureResult } from "./types";

/** Exit code of the capture worker when the program failed (see captureWorker.ts). */
const PROGRAM_FAILED = 3;

export interface CaptureOptions {
  /** Server-computed outputs unknown, as in `pulumi preview`. */
  readonly preview?: boolean;
  /** `--stack`: which Pulumi.<stack>.yaml to read; default the only stack file, else `dev`. */
  readonly stack?: string;
  /** The environment PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS are read from (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The program could not run: its config, its dependencies or the program itself. `failure` says where, in
 * the program's own terms; `message` is the whole one-error text (`formatFailure`).
 */
export class ProgramRunError extends Error {
  constructor(readonly failure: ProgramFailure) {
    super(formatFailure(failure));
    this.name = "ProgramRunError";
  }
}

/**
 * Runs a Pulumi program offline (setMocks with the fake Azure, no CLI, no credentials) and returns its
 * resource registrations. `preview` makes server-computed outputs unknown, as in `pulumi preview`.
 * Throws ProgramRunError when the program cannot run.
 */
export async function captureProgram(programDir: string, options: CaptureOptions = {}): Promise<CaptureResult> {
  const dir = path.resolve(programDir);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new ProgramRunError({
      kind: "dependencies",
      message: `program directory ${dir} does not exist`,
      hint: "give the directory that holds the program's Pulumi.yaml",
    });
  let config: StackConfig;
  let project: ReturnType<typeof readProject>;
  try {
    project = readProject(dir);
    config = loadStackConfig(dir, project, options.stack, options.env ?? process.env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    throw new ProgramRunError({
      kind: "config",
      message: e.message,
      hint: e.message.includes("has no Pulumi.yaml")
        ? "give the directory that holds the program's Pulumi.yaml"
        : "fix the project or stack file, or PULUMI_CONFIG",
    });
  }
  if (project.runtime !== "nodejs")
    throw new ProgramRunError({
      kind: "dependencies",
      message: `${project.name} is a ${project.runtime} program; the offline check runs Node.js programs only`,
      hint: "run it with `pulumi preview --policy-pack <pack>` instead",
    });
  const { problems } = resolveProgramPackages(dir);
  if (problems.length > 0)
    throw new ProgramRunError({
      kind: "dependencies",
      message: `the program's dependencies are not installed as its package.json declares them:\n  ${describeProblems(problems).replace(/\n/g, "\n  ")}`,
      file: path.join(dir, "package.json"),
      hint: `run \`npm install\` (or \`npm ci\`) in ${path.relative(process.cwd(), dir) || "."}`,
    });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-capture-"));
  const out = path.join(tmp, "capture.json");
  const worker = path.join(__dirname, "captureWorker.ts");
  // The program's own tsconfig.json when it has one (as the Node language host uses it), else the workspace's.
  const tsconfig = fs.existsSync(path.join(dir, "tsconfig.json"))
    ? path.join(dir, "tsconfig.json")
    : path.join(WORKSPACE, "tsconfig.json");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...configEnv(config),
    TS_NODE_PROJECT: tsconfig,
    CCC_CHECK_CWD: process.cwd(),
    // Packages the program does not declare come from the workspace (programDeps.ts): NODE_PATH is searched
    // after every node_modules above the program.
    NODE_PATH: [process.env.NODE_PATH, WORKSPACE_NODE_MODULES].filter(Boolean).join(path.delimiter),
  };
  try {
    const { code, stderr } = await runWorker(
      [
        "-r",
        require.resolve("ts-node/register/transpile-only"),
        worker,
        dir,
        options.preview ? "1" : "0",
        out,
        config.stack,
        config.file ?? "",
      ],
      dir,
      env,
    );
    const written = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, "utf8")) as unknown) : undefined;
    if (code === PROGRAM_FAILED && written && typeof written === "object" && "failure" in written)
      throw new ProgramRunError((written as { failure: ProgramFailure }).failure);
    if (code !== 0 || !written) {
      const last = stderr.trim().split("\n").slice(-3).join("\n");
      throw new ProgramRunError({
        kind: "runtime",
        message: `running the program in ${dir} failed (exit code ${code}): ${last || "no output"}`,
        hint: "this is likely a failure of the check itself; run again with the same arguments to report it",
      });
    }
    const warnings = [...config.warnings, ...stderr.split("\n").filter((l) => l.trim() !== "")];
    return { ...(written as CaptureResult), warnings };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function runWorker(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stderr }));
  });
}
