"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.evaluateRule = evaluateRule;
exports.mergeInputsAndOutputs = mergeInputsAndOutputs;
exports.undecidedMessage = undecidedMessage;
// Evaluation shared by the Pulumi policies, the stack recheck and the evidence report.
const azureNative_1 = require("./adapters/azureNative");
/** Runs a rule on a subject, turning a crash into a fail-closed violation instead of an analyzer error. */
function evaluateRule(rule, subject, context) {
    try {
        return rule.check(subject, context);
    }
    catch (e) {
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
function mergeInputsAndOutputs(inputs, outputs) {
    const props = { ...asRecord(outputs) };
    for (const [key, value] of Object.entries(asRecord(inputs))) {
        if (value === undefined)
            continue;
        if (isSentinel(value) && props[key] !== undefined && !isSentinel(props[key]))
            continue;
        props[key] = value;
    }
    return props;
}
/** How a verdict that stayed unknown to the end is worded: it is not a pass. */
function undecidedMessage(subject, outcome) {
    return `"${subject.ref.name}" cannot be shown compliant: .${outcome.unknown.path} is still unknown at the end of the preview (${outcome.why}). Make it known at preview time, or reference the policy and account directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.`;
}
function asRecord(v) {
    return typeof v === "object" && v !== null && !Array.isArray(v) ? v : {};
}
function isSentinel(v) {
    return typeof v === "string" && azureNative_1.UNKNOWN_SENTINELS.has(v);
}
