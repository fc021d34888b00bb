// Renders the evidence report as SARIF 2.1.0 for code-scanning tools: one run per stack, the pack as
// `tool.driver` with its rules, one result per finding (an error for a mandatory violation or undecided
// value, a warning for an advisory one, a suppressed note for a waived finding, a note for a note), each at
// the resource's URN and in the export file or the program's entry file.
import { createHash } from "crypto";
import type { Log, ReportingDescriptor, Result, Run } from "sarif";
import { CccReport, Finding, StackReport } from "./types";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export interface SarifOptions {
  /** Absolute URI of docs/rules.md; rule anchors are appended (`helpUri` must be an absolute URI). */
  readonly docsUrl: string;
  /** Per stack (by index): the artifact its results point at (relative path). */
  readonly artifacts: readonly string[];
}

function level(f: Finding): Result.level {
  if (f.verdict === "waived" || f.verdict === "note") return "note";
  return f.level === "mandatory" ? "error" : "warning";
}

/** A relative path as a URI reference (SARIF 2.1.0 §3.10): each segment percent-encoded, `/` between them. */
function uriOf(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}

function run(r: CccReport, s: StackReport, rules: ReportingDescriptor[], artifact: string): Run {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results: Result[] = s.findings.map((f) => {
    const result: Result = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: level(f),
      kind: f.verdict === "undecided" ? "review" : f.verdict === "note" ? "informational" : "fail",
      message: { text: f.fix ? `${f.message}\nFix: ${f.fix}` : f.message },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: artifact } },
          logicalLocations: [{ name: f.resource.name, fullyQualifiedName: f.resource.urn, kind: "resource" }],
        },
      ],
      partialFingerprints: {
        "cccFinding/v1": createHash("sha256")
          .update(`${f.ruleId}\n${f.resource.urn}\n${f.verdict}\n${f.message}`)
          .digest("hex"),
      },
      properties: { verdict: f.verdict, enforcementLevel: f.level, docs: f.docs },
    };
    if (f.verdict === "waived" && f.waiver) {
      result.suppressions = [
        {
          kind: "external",
          status: "accepted",
          justification: `${f.waiver.reason} (approved by ${f.waiver.approvedBy}, expires ${f.waiver.expires})`,
        },
      ];
    }
    return result;
  });
  const id = s.input.project !== null && s.input.stack !== null ? `${s.input.project}/${s.input.stack}` : s.input.path;
  return {
    tool: {
      driver: {
        name: r.pack.name,
        version: r.pack.version,
        semanticVersion: r.pack.version,
        informationUri: rules[0]?.helpUri?.replace(/#.*$/, ""),
        rules,
      },
    },
    automationDetails: { id: `azure-openai-ccc/${id}/` },
    invocations: [{ executionSuccessful: true, endTimeUtc: r.generatedAt }],
    artifacts: [{ location: { uri: artifact } }],
    results,
    properties: {
      asOf: s.asOf,
      verdictTime: s.verdictTime,
      compliant: s.summary.compliant,
      input: s.input.path,
      project: s.input.project,
      stack: s.input.stack,
      stateTime: s.input.stateTime,
    },
  };
}

export function renderSarif(r: CccReport, options: SarifOptions): Log {
  const rules: ReportingDescriptor[] = r.rules.map((rule) => ({
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.name },
    fullDescription: { text: rule.clauses.map((c) => `${c.id}: ${c.quote}`).join("\n") || rule.name },
    help: { text: rule.remediation, markdown: rule.remediation },
    helpUri: `${options.docsUrl}#${rule.id}`,
    defaultConfiguration: {
      level: rule.level === "disabled" ? "none" : rule.level === "advisory" ? "warning" : "error",
      enabled: rule.level !== "disabled",
    },
    properties: {
      group: rule.group,
      severity: rule.severity,
      defaultEnforcement: rule.defaultEnforcement,
      clauses: rule.clauses.map((c) => c.id),
      tags: [...new Set(["ccc", "azure-openai", rule.group, rule.severity])],
    },
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: r.stacks.map((s, i) => run(r, s, rules, uriOf(options.artifacts[i] ?? s.input.path))),
  };
}
