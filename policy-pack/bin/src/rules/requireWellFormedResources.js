"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireWellFormedResources = void 0;
const filters_1 = require("../filters");
const model_1 = require("../model");
const common_1 = require("./common");
const types_1 = require("./types");
exports.requireWellFormedResources = {
    meta: {
        id: "ccc-well-formed-resources",
        name: "Well-formed content filter policies and deployments",
        description: "No content filter is listed twice or contradicts itself, and the properties the pack reads have the types Azure expects.",
        severity: "high",
        defaultEnforcement: "mandatory",
        cccClause: "The required filters must be unambiguously configured in the required mode.",
        remediation: "Keep one entry per filter name and source, with enabled and blocking as booleans that agree with action; fix the property named in the message.",
        docsAnchor: "ccc-well-formed-resources",
        appliesTo: ["deployment", "rai-policy", "account"],
    },
    check(subject) {
        const messages = (0, common_1.subjectResource)(subject).problems.map((p) => `"${subject.ref.name}": ${p}`);
        if (subject.kind === "rai-policy" && !(0, model_1.isUnknown)(subject.policy.filters)) {
            const byKey = new Map();
            for (const f of subject.policy.filters) {
                // Stryker disable next-line MethodExpression: equivalent, upper case groups sources the same way
                const key = JSON.stringify([f.key, typeof f.source === "string" ? f.source.toLowerCase() : null]);
                byKey.set(key, [...(byKey.get(key) ?? []), (0, filters_1.describeEntry)(f)]);
                if ((0, filters_1.filterMode)(f) === "contradictory") {
                    messages.push(`"${subject.ref.name}": ${(0, filters_1.describeEntry)(f)} contradicts itself (enabled: ${String(f.enabled)}, blocking: ${String(f.blocking)}, action: ${String(f.action)}).`);
                }
            }
            for (const entries of byKey.values()) {
                if (entries.length > 1) {
                    messages.push(`"${subject.ref.name}": the same filter is listed ${entries.length} times: ${entries.join(", ")}. Keep one entry.`);
                }
            }
        }
        return messages.map(types_1.violation);
    },
};
