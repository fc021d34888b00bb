// Jest globalSetup: installs the examples that have their own dependencies (package-lock.json), cached, before
// any test file captures them (test/examples.test.ts and test/report.test.ts run every example).
// test/support/globalSetup.ts runs it.
// In CI (CI=true) a failed install fails the run; elsewhere it prints why, and those examples then fail with
// the check's own "run npm install" message.
import { ensureProgramInstalled, examplesWithOwnDependencies } from "./programInstall";

export default function installPrograms(): void {
  for (const dir of examplesWithOwnDependencies()) {
    const outcome = ensureProgramInstalled(dir);
    if (outcome.ok) {
      if (outcome.installed) console.log(`\ninstalled ${dir} (npm ci, ${Math.round(outcome.ms / 1000)} s)`);
    } else if (process.env.CI) {
      throw new Error(outcome.reason);
    } else {
      console.warn(`\n${outcome.reason}`);
    }
  }
}
