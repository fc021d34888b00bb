import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { CaptureResult } from "./types";

const run = promisify(execFile);

/**
 * Runs a Pulumi program offline (setMocks with the fake Azure, no CLI, no credentials) and returns its
 * resource registrations. `preview` makes server-computed outputs unknown, as in `pulumi preview`.
 */
export async function captureProgram(programDir: string, options: { preview?: boolean } = {}): Promise<CaptureResult> {
  const dir = path.resolve(programDir);
  if (!fs.existsSync(dir)) throw new Error(`program directory ${dir} does not exist`);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ccc-capture-")), "capture.json");
  const worker = path.join(__dirname, "captureWorker.ts");
  try {
    await run(
      process.execPath,
      ["-r", require.resolve("ts-node/register/transpile-only"), worker, dir, options.preview ? "1" : "0", out],
      {
        cwd: dir,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, "..", "..", "tsconfig.json") },
      },
    );
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? "";
    throw new Error(`running the program in ${dir} failed: ${stderr.trim() || (e as Error).message}`);
  }
  return JSON.parse(fs.readFileSync(out, "utf8")) as CaptureResult;
}
