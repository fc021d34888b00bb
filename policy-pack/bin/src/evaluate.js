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
 * Outputs (azure-native's response shape) lack the path parameters, and in preview every output the
 * program did not set is unknown (tags, sku, name...). The inputs the pack saw in Analyze are what the
 * program asked for, so they win; outputs add only what the inputs lack and is known (`name`, `id`).
 * Without remembered inputs (a stack-only run), the outputs are all there is.
 */
function mergeInputsAndOutputs(inputs, outputs) {
    if (inputs === undefined)
        return { ...asRecord(outputs) };
    const props = { ...asRecord(inputs) };
    for (const [key, value] of Object.entries(asRecord(outputs))) {
        if (props[key] === undefined && !isSentinel(value))
            props[key] = value;
        else if (isSentinel(props[key]) && value !== undefined && !isSentinel(value))
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
