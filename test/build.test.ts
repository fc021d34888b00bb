// The pack ships precompiled (policy-pack/bin) so the CLI starts it without type-checking TypeScript.
// This fails when bin/ is stale: run `npm --prefix policy-pack run build`.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACK_DIR } from "./support/examples";

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
  });
}

it("policy-pack/bin is the compiled output of the current sources", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-bin-"));
  const tsc = require.resolve("typescript/bin/tsc", { paths: [PACK_DIR] });
  execFileSync(process.execPath, [tsc, "-p", path.join(PACK_DIR, "tsconfig.json"), "--outDir", out]);
  const fresh = listFiles(out).sort();
  expect(listFiles(path.join(PACK_DIR, "bin")).sort()).toEqual(fresh);
  for (const file of fresh) {
    expect(`${file}: ${fs.readFileSync(path.join(PACK_DIR, "bin", file), "utf8")}`).toBe(
      `${file}: ${fs.readFileSync(path.join(out, file), "utf8")}`,
    );
  }
});
