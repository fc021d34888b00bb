// Installs a program's own dependencies (its committed package-lock.json, with `npm ci`) into its directory,
// once: a stamp in node_modules records the hash of package.json and package-lock.json, and a later call with
// the same files skips the install. Concurrent callers (jest workers) wait on a lock directory.
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { ROOT, EXAMPLES_DIR } from "./examples";

export type InstallOutcome =
  | { readonly ok: true; readonly installed: boolean; readonly ms: number }
  | { readonly ok: false; readonly reason: string };

const STAMP = ".ccc-install-stamp";
const LOCKS = path.join(ROOT, ".tools", "tmp", "program-installs");
const INSTALL_TIMEOUT_MS = 15 * 60_000;

/** The hash that must match the stamp: the manifest, the lock file and Node's major version. */
export function installHash(dir: string): string {
  const hash = crypto.createHash("sha256");
  for (const f of ["package.json", "package-lock.json"]) hash.update(fs.readFileSync(path.join(dir, f)));
  hash.update(process.versions.node.split(".")[0]);
  return hash.digest("hex");
}

export function isInstalled(dir: string): boolean {
  const stamp = path.join(dir, "node_modules", STAMP);
  return fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === installHash(dir);
}

const sleep = (ms: number): void => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms) as unknown as void;

/** `npm ci` in `dir` unless its node_modules already matches its lock file. Synchronous, so a test file can
 * decide at load time whether to run or skip its tests. */
export function ensureProgramInstalled(dir: string): InstallOutcome {
  const start = Date.now();
  if (!fs.existsSync(path.join(dir, "package-lock.json")))
    return { ok: false, reason: `${dir} has no package-lock.json to install from` };
  if (isInstalled(dir)) return { ok: true, installed: false, ms: Date.now() - start };
  fs.mkdirSync(LOCKS, { recursive: true });
  const lock = path.join(LOCKS, `${crypto.createHash("sha1").update(dir).digest("hex")}.lock`);
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another worker installs: wait for it, and take over a lock left by a dead process.
      const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })!.mtimeMs;
      if (age > INSTALL_TIMEOUT_MS) fs.rmSync(lock, { recursive: true, force: true });
      else sleep(1000);
    }
  }
  try {
    if (isInstalled(dir)) return { ok: true, installed: false, ms: Date.now() - start };
    const npm = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], {
      cwd: dir,
      encoding: "utf8",
      timeout: INSTALL_TIMEOUT_MS,
      env: { ...process.env, npm_config_update_notifier: "false" },
    });
    if (npm.error || npm.status !== 0) {
      const why = npm.error?.message ?? (npm.stderr || npm.stdout || "").trim().split("\n").slice(-5).join("\n");
      return { ok: false, reason: `npm ci in ${dir} failed: ${why}` };
    }
    fs.writeFileSync(path.join(dir, "node_modules", STAMP), installHash(dir));
    return { ok: true, installed: true, ms: Date.now() - start };
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Examples with their own package-lock.json: programs that run on their own dependencies. */
export function examplesWithOwnDependencies(): string[] {
  return fs
    .readdirSync(EXAMPLES_DIR)
    .filter((d) => fs.existsSync(path.join(EXAMPLES_DIR, d, "package-lock.json")))
    .map((d) => path.join(EXAMPLES_DIR, d));
}
