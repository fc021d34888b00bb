// Jest globalSetup: builds the pack from its sources the way `npm --prefix policy-pack ci` does (its `prepare`
// script), so every test starts the pack that the sources describe; then installs the examples that have their
// own dependencies (cached).
import { execFileSync } from "child_process";
import * as path from "path";
import installPrograms from "./installPrograms";
import { MUTATING } from "./mutation";

export default function globalSetup(): void {
  // Stryker runs jest once per mutant; the tests it runs need neither the built pack nor the examples.
  if (MUTATING) return;
  execFileSync("npm", ["--prefix", path.join(__dirname, "..", "..", "policy-pack"), "run", "build", "--silent"], {
    stdio: "inherit",
  });
  installPrograms();
}
