// What the offline check reports, as data: one finding per pack diagnostic, with its parts taken apart
// (message, fix, docs), and the `--json` document (schema: tooling/cli/check-output.schema.json).
import { Diagnostic } from "../harness/analyzer";
import { describeUrn } from "../harness/report";
import { LoadedPackage } from "../harness/types";
import { ProgramFailure } from "../harness/programError";
import { SuggestionReport } from "../suggest/suggest";

/** Bumped on any incompatible change of the `--json` document. */
export const SCHEMA_VERSION = 1;

export interface FindingResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
}

export interface CheckFinding {
  /** The pack policy that reported it: a rule id, or ccc-organization-config for config problems. */
  readonly ruleId: string;
  readonly level: "mandatory" | "advisory";
  /** null for a stack-level message about no one resource (invalid config, a stale waiver). */
  readonly resource: FindingResource | null;
  readonly message: string;
  readonly fix: string | null;
  readonly docs: string | null;
  /** Where the engine would report it: before the resource's step, or on the whole stack. */
  readonly phase: "resource" | "stack";
}

export interface MessageParts {
  readonly message: string;
  readonly fix: string | null;
  readonly docs: string | null;
}

const FIX = "Fix: ";
const DOCS = "Docs: ";

/**
 * Takes a diagnostic's text apart. The pack writes `<message>\nFix: <fix>\nDocs: <link>` (Fix optional,
 * both always last); the Pulumi runtime puts the policy's description first when a pack reports a plain
 * string, so a first line equal to the description is dropped. Text without a Docs line is all message.
 */
export function splitDiagnosticText(text: string, description?: string): MessageParts {
  let lines = text.split("\n");
  if (description && lines.length > 1 && lines[0] === description) lines = lines.slice(1);
  let docs: string | null = null;
  let fix: string | null = null;
  if (lines.length > 1 && lines[lines.length - 1].startsWith(DOCS)) {
    docs = lines[lines.length - 1].slice(DOCS.length);
    lines = lines.slice(0, -1);
    let at = -1;
    for (let i = lines.length - 1; i > 0; i--) {
      if (lines[i].startsWith(FIX)) {
        at = i;
        break;
      }
    }
    if (at > 0) {
      fix = [lines[at].slice(FIX.length), ...lines.slice(at + 1)].join("\n");
      lines = lines.slice(0, at);
    }
  }
  return { message: lines.join("\n"), fix, docs };
}

export function toFinding(d: Diagnostic): CheckFinding {
  const { type, name } = d.urn ? describeUrn(d.urn) : { type: "", name: "" };
  return {
    ruleId: d.policyName,
    // `remediate` reports what it could not fix as a mandatory violation.
    level: d.enforcementLevel === "advisory" ? "advisory" : "mandatory",
    resource: d.urn ? { urn: d.urn, type, name } : null,
    ...splitDiagnosticText(d.message, d.description),
    phase: d.phase === "analyze" ? "resource" : "stack",
  };
}

export interface Counts {
  readonly mandatory: number;
  readonly advisory: number;
  /** Resources with at least one finding. */
  readonly resources: number;
}

export function countFindings(findings: readonly CheckFinding[]): Counts {
  return {
    mandatory: findings.filter((f) => f.level === "mandatory").length,
    advisory: findings.filter((f) => f.level === "advisory").length,
    resources: new Set(findings.flatMap((f) => (f.resource ? [f.resource.urn] : []))).size,
  };
}

export interface ProgramInfo {
  readonly dir: string;
  readonly project: string | null;
  readonly stack: string | null;
  readonly preview: boolean;
  /** Resources the program registered (null when it could not run). */
  readonly resources: number | null;
}

export interface CheckOutput {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly pack: { readonly name: string; readonly version: string } | null;
  readonly program: ProgramInfo;
  readonly config: { readonly file: string | null };
  readonly packages: readonly LoadedPackage[];
  readonly findings: readonly CheckFinding[];
  readonly counts: Counts;
  readonly exitCode: 0 | 1 | 2;
  readonly status: "passed" | "failed" | "error";
  readonly error?: ProgramFailure;
  readonly fixSuggestions?: SuggestionReport;
}

/** The packages as the document lists them: name, version, where Node loaded them from, declared range. */
export function listPackages(packages: readonly LoadedPackage[] = []): CheckOutput["packages"] {
  return packages.map((p) => ({
    name: p.name,
    version: p.version,
    dir: p.dir,
    from: p.from,
    ...(p.declared !== undefined ? { declared: p.declared } : {}),
  }));
}
