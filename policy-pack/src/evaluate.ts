// Evaluation shared by the Pulumi policies, the stack recheck and the evidence report.
import { UNKNOWN_SENTINELS } from "./adapters/azureNative";
import { Subject } from "./model";
import { Outcome, Rule, RuleContext } from "./rules/types";

/** Runs a rule on a subject, turning a crash into a fail-closed violation instead of an analyzer error. */
export function evaluateRule(rule: Rule, subject: Subject, context: RuleContext): Outcome[] {
  try {
    return rule.check(subject, context);
  } catch (e) {
    return [
      {
        kind: "violation",
        message: `The pack could not evaluate "${subject.ref.name}" (${e instanceof Error ? e.message : String(e)}), so it is not shown compliant. Please report this with the resource's properties.`,
      },
    ];
  }
}

/**
 * Outputs (azure-native's response shape) lack the path parameters; the inputs fill them in, and outputs
 * keep what the inputs left unknown.
 */
export function mergeInputsAndOutputs(inputs: unknown, outputs: unknown): Record<string, unknown> {
  const props: Record<string, unknown> = { ...asRecord(outputs) };
  for (const [key, value] of Object.entries(asRecord(inputs))) {
    if (value === undefined) continue;
    if (isSentinel(value) && props[key] !== undefined && !isSentinel(props[key])) continue;
    props[key] = value;
  }
  return props;
}

/** How a verdict that stayed unknown to the end is worded: it is not a pass. */
export function undecidedMessage(subject: Subject, outcome: Extract<Outcome, { kind: "undecidable" }>): string {
  return `"${subject.ref.name}" cannot be shown compliant: .${outcome.unknown.path} is still unknown at the end of the preview (${outcome.why}). Make it known at preview time, or reference the policy and account directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.`;
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function isSentinel(v: unknown): boolean {
  return typeof v === "string" && UNKNOWN_SENTINELS.has(v);
}
