// The CCC evidence report: what a customer shows for a Customer Copyright Commitment claim, and what a platform
// team reads across the organization's stacks. Built by the pack's own judgement pipeline over `pulumi stack
// export` files (or program directories run offline).
//   npm run report -- <input>... [--config pack-config.json] [--format md|json|sarif] [--out file]
//                     [--as-of YYYY-MM-DD] [--docs-url URL]
// Exit code: 0 every stack compliant, 1 a mandatory violation or undecided value, 2 bad input.
import { runReport } from "../report/run";

// `npm run report` runs in the workspace root; paths given to it are relative to where the user typed it.
if (process.env.npm_lifecycle_event === "report" && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

runReport(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
