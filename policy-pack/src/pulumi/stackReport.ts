// How findings reach the engine at both levels. Resource level (Analyze, before the step): the judgement of
// the resource. Stack level (AnalyzeStack, after all steps): what a preview could not decide, decided on the
// whole stack, and waivers that matched nothing. Config errors are reported once, wherever first. One policy
// reports for all (each finding under its own rule's name and configured level) once the engine's Configure
// request is known; without it, each policy reports its own.
import type { ResourceValidationArgs, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { ORG_CONFIG_POLICY } from "../config/orgSettings";
import { describeWaiver } from "../judgement/waivers";
import { report, reportText } from "./report";
import { RunState } from "./runState";

export const ORG_CONFIG_DESCRIPTION =
  "Organization-wide CCC settings shared by every rule; reports invalid settings and stale waivers.";

/** propertyDependencies as URNs (the runtime hands resource objects). */
export function dependencies(r: StackValidationArgs["resources"][number]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) result[key] = deps.map((d) => d.urn);
  return result;
}

/** Who a message of policy `id` is reported as when `policy` reports it: itself, or `id` by name and level. */
function reportingAs(policy: string, id: string, state: RunState) {
  if (id === policy) return { finding: undefined, text: undefined };
  const rule = state.rules.find((r) => r.meta.id === id);
  const description = rule?.meta.name ?? ORG_CONFIG_DESCRIPTION;
  return {
    finding: { name: id, description, severity: rule?.meta.severity ?? "low" },
    text: { name: id, description, enforcementLevel: state.levelOf(id) },
  };
}

function reportConfigErrors(
  policy: string,
  id: string,
  reportViolation: ReportViolation,
  state: RunState,
  urn?: string,
): void {
  const errors = state.configErrorsOnce(id);
  if (errors.length === 0) return;
  const fallback = id === ORG_CONFIG_POLICY ? "the safe default is used instead" : "the default is used instead";
  reportText(
    reportViolation,
    `Invalid pack config (${fallback}): ${errors.join("; ")}.`,
    urn,
    false,
    reportingAs(policy, id, state).text,
  );
}

export function reportResource(
  policy: string,
  args: ResourceValidationArgs,
  reportViolation: ReportViolation,
  state: RunState,
): void {
  state.ownConfig(policy, () => args.getConfig());
  const ids = state.reportedBy(policy);
  // Another policy reports for this one (a copy of it the Configure hook did not set aside, in a composed pack).
  if (ids.length === 0) return;
  for (const id of ids) reportConfigErrors(policy, id, reportViolation, state, args.urn);
  for (const f of state.resourceFindings(args, ids))
    report(reportViolation, f, reportingAs(policy, f.ruleId, state).finding);
}

export function reportStack(
  policy: string,
  args: StackValidationArgs,
  reportViolation: ReportViolation,
  state: RunState,
): void {
  state.ownConfig(policy, () => args.getConfig());
  const ids = state.reportedBy(policy);
  if (ids.length === 0) return;
  // The stack's verdicts decide which waivers matched (in every cccPolicies() call), so judge before
  // reporting stale ones.
  state.judgeStackWithPeers(args.resources, dependencies);
  for (const id of ids) {
    reportConfigErrors(policy, id, reportViolation, state);
    const as = reportingAs(policy, id, state);
    if (id !== ORG_CONFIG_POLICY) {
      for (const f of state.stackFindings(args.resources, dependencies, id)) report(reportViolation, f, as.finding);
      continue;
    }
    for (const waiver of state.staleWaiversOnce()) {
      // A disabled rule meets nothing: the waiver may be needed again once the rule is on.
      const why = state.levelOf(waiver.policy) === "disabled" ? ` (${waiver.policy} is disabled)` : "";
      const message = `The ${describeWaiver(waiver)} matches nothing in this stack${why}; remove it if it is stale.`;
      reportText(reportViolation, message, undefined, true, as.text);
    }
  }
}
