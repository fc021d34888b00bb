// Stryker's one jest test file (stryker.conf.json): it loads every runtime-free test file into one module
// registry, so each mutant's run loads the pack's modules once instead of once per test file (about 10 s to
// under 2 s per mutant on 2 cores). Normal `jest` runs do not match this file; it adds no tests of its own.
import * as fs from "fs";
import * as path from "path";

const TEST_DIR = path.join(__dirname, "..");
const FILES = [
  ...fs.readdirSync(path.join(TEST_DIR, "rules")).map((f) => path.join("rules", f)),
  ...fs.readdirSync(path.join(TEST_DIR, "model")).map((f) => path.join("model", f)),
  "judgement.test.ts",
  "config.test.ts",
  "remediation.test.ts",
  "docs.test.ts",
].filter((f) => f.endsWith(".test.ts"));

for (const file of FILES)
  describe(file, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest collects tests only while describing
    require(path.join(TEST_DIR, file));
  });
