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
 * Outputs (azure-native's response shape) lack the path parameters, and in preview every output the
 * program did not set is unknown (tags, sku, name...). The inputs the pack saw in Analyze are what the
 * program asked for, so they win; outputs add only what the inputs lack and is known (`name`, `id`).
 * Without remembered inputs (a stack-only run), the outputs are all there is.
 */
export function mergeInputsAndOutputs(inputs: unknown, outputs: unknown): Record<string, unknown> {
  if (inputs === undefined) return { ...asRecord(outputs) };
  const props: Record<string, unknown> = { ...asRecord(inputs) };
  for (const [key, value] of Object.entries(asRecord(outputs))) {
    if (props[key] === undefined && !isSentinel(value)) props[key] = value;
    else if (isSentinel(props[key]) && value !== undefined && !isSentinel(value)) props[key] = value;
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
