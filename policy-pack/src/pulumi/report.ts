// How a finding reaches the engine: under its rule's own policy, with its fix and docs link. A waived
// finding or a note goes out at advisory level whatever the rule's level: @pulumi/policy's runtime accepts a
// violation object with its own enforcementLevel (makeReportViolationFun), though its typings declare strings.
import type { ReportViolation } from "@pulumi/policy";
import { Finding } from "../judgement/pipeline";

export function diagnosticText(f: Finding): string {
  return [f.message, ...(f.fix ? [`Fix: ${f.fix}`] : []), `Docs: ${f.docs}`].join("\n");
}

export function report(reportViolation: ReportViolation, f: Finding): void {
  const advisory = f.verdict === "note" || f.verdict === "waived";
  const violation = {
    message: diagnosticText(f),
    urn: f.resource.urn,
    ...(advisory ? { enforcementLevel: "advisory" } : {}),
  };
  (reportViolation as unknown as (v: object) => void)(violation);
}

/** A message that is not about one finding (bad config, a stale waiver), at the policy's own level. */
export function reportText(reportViolation: ReportViolation, message: string, urn?: string, advisory = false): void {
  (reportViolation as unknown as (v: object) => void)({
    message,
    ...(urn ? { urn } : {}),
    ...(advisory ? { enforcementLevel: "advisory" } : {}),
  });
}
