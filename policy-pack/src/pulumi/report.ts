// How a finding reaches the engine: under its rule's own policy, with its fix and docs link. A waived
// finding or a note goes out at advisory level whatever the rule's level: @pulumi/policy's runtime accepts a
// violation object with its own enforcementLevel (makeReportViolationFun), though its typings declare strings.
import type { ReportViolation } from "@pulumi/policy";
import { Finding } from "../judgement/pipeline";

export function diagnosticText(f: Finding): string {
  return [f.message, ...(f.fix ? [`Fix: ${f.fix}`] : []), `Docs: ${f.docs}`].join("\n");
}

/**
 * Reports a finding. `as` reports it under another policy of this pack (its rule's), at the finding's level:
 * the runtime takes the policy name, description, severity and level from the violation object.
 */
export function report(
  reportViolation: ReportViolation,
  f: Finding,
  as?: { readonly name: string; readonly description: string; readonly severity: string },
): void {
  const advisory = f.verdict === "note" || f.verdict === "waived";
  const violation = {
    message: diagnosticText(f),
    urn: f.resource.urn,
    ...(as
      ? { ...as, enforcementLevel: advisory ? "advisory" : f.level }
      : advisory
        ? { enforcementLevel: "advisory" }
        : {}),
  };
  (reportViolation as unknown as (v: object) => void)(violation);
}

/** A message that is not about one finding (bad config, a stale waiver), at the policy's own level. */
export function reportText(
  reportViolation: ReportViolation,
  message: string,
  urn?: string,
  advisory = false,
  as?: { readonly name: string; readonly description: string; readonly enforcementLevel: string },
): void {
  (reportViolation as unknown as (v: object) => void)({
    message,
    ...(urn ? { urn } : {}),
    ...(as ?? {}),
    ...(advisory ? { enforcementLevel: "advisory" } : {}),
  });
}
