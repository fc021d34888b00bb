// Renders the evidence report as SARIF 2.1.0, so code-scanning tools show the violations: one run, the pack
// as `tool.driver` with its rules, one result per violation or undecidable verdict (and per waived finding,
// as a suppressed note), each located at the resource's URN.
import { createHash } from "crypto";
import type { Log, ReportingDescriptor, Result } from "sarif";
import { ORG_CONFIG_ID } from "./build";
import { CccEvidenceReport, Finding } from "./types";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export interface SarifOptions {
  /** Absolute URI of docs/rules.md; rule anchors are appended (`helpUri` must be an absolute URI). */
  readonly docsUrl: string;
  /** The artifact results point at: the stack export, or the program's entry file (relative path). */
  readonly artifact?: string;
}

function level(f: Finding): Result.level {
  if (f.verdict === "waived" || f.verdict === "note") return "note";
  return f.level === "mandatory" ? "error" : "warning";
}

export function renderSarif(r: CccEvidenceReport, options: SarifOptions): Log {
  const rules: ReportingDescriptor[] = r.rules.map((rule) => ({
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.name },
    fullDescription: { text: rule.cccClause },
    help: { text: rule.remediation, markdown: rule.remediation },
    helpUri: `${options.docsUrl}#${rule.docsAnchor}`,
    defaultConfiguration: {
      level: rule.level === "mandatory" ? "error" : rule.level === "advisory" ? "warning" : "none",
      enabled: rule.level !== "disabled",
    },
    properties: {
      severity: rule.severity,
      defaultEnforcement: rule.defaultEnforcement,
      cccClause: rule.cccClause,
      effectiveDate: rule.effectiveDate,
      tags: ["ccc", "azure-openai", rule.severity],
    },
  }));
  rules.push({
    id: ORG_CONFIG_ID,
    name: "Organization settings",
    shortDescription: { text: "Organization settings shared by all rules; reports invalid config" },
    helpUri: `${options.docsUrl}#${ORG_CONFIG_ID}`,
    defaultConfiguration: { level: "error" },
  });
  const index = new Map(rules.map((rule, i) => [rule.id, i]));

  const results: Result[] = r.findings.map((f) => {
    const result: Result = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: level(f),
      kind: f.verdict === "undecidable" ? "review" : f.verdict === "note" ? "informational" : "fail",
      message: { text: f.verdict === "undecidable" ? `Undecidable: ${f.message}` : f.message },
      locations: [
        {
          ...(options.artifact ? { physicalLocation: { artifactLocation: { uri: options.artifact } } } : {}),
          logicalLocations: f.resource
            ? [{ name: f.resource.name, fullyQualifiedName: f.resource.urn, kind: "resource" }]
            : [{ name: ORG_CONFIG_ID, fullyQualifiedName: ORG_CONFIG_ID, kind: "configuration" }],
        },
      ],
      partialFingerprints: {
        "cccFinding/v1": createHash("sha256")
          .update(`${f.ruleId}\n${f.resource?.urn ?? ""}\n${f.message}`)
          .digest("hex"),
      },
      properties: { verdict: f.verdict, enforcementLevel: f.level },
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

  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: r.pack.name,
            version: r.pack.version,
            semanticVersion: r.pack.version,
            informationUri: options.docsUrl,
            rules,
          },
        },
        invocations: [{ executionSuccessful: true, endTimeUtc: r.generatedAt }],
        results,
        properties: {
          asOf: r.asOf,
          compliant: r.summary.compliant,
          input: r.input.path,
          stack: r.input.stack,
          project: r.input.project,
        },
      },
    ],
  };
}
