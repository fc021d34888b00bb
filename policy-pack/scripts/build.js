// Compiles the pack into bin/ (what the engine starts and `pulumi policy publish` ships). It compiles into a
// fresh directory and swaps it in, so a pack that is starting from bin/ meanwhile never sees it half-built
// or with files of removed sources. Runs on `npm ci` / `npm install` (prepare) and `npm run build`.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const next = path.join(root, `bin.next-${process.pid}`);
const old = path.join(root, `bin.old-${process.pid}`);
const bin = path.join(root, "bin");
const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });

execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.json"), "--outDir", next], { stdio: "inherit" });
if (fs.existsSync(bin)) fs.renameSync(bin, old);
fs.renameSync(next, bin);
fs.rmSync(old, { recursive: true, force: true });
