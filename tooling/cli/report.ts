// The CCC evidence report: what a customer shows for a Customer Copyright Commitment claim. Built from the
// pack's own rule code, over a `pulumi stack export` file or a program run offline.
//   npm run report -- <stack-export.json | programDir> [--config pack-config.json] [--format md|json|sarif]
//                     [--out file] [--as-of YYYY-MM-DD] [--docs-url URL]
// Exit code: 0 compliant, 1 a mandatory violation or undecidable verdict, 2 bad input.
import { runReport } from "../report/run";

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
