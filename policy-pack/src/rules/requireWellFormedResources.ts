import { describeEntry, filterMode } from "../filters";
import { isUnknown } from "../model";
import { subjectResource } from "./common";
import { Rule, violation } from "./types";

export const requireWellFormedResources: Rule = {
  meta: {
    id: "ccc-well-formed-resources",
    name: "Well-formed content filter policies and deployments",
    description:
      "No content filter is listed twice or contradicts itself, and the properties the pack reads have the types Azure expects.",
    severity: "high",
    defaultEnforcement: "mandatory",
    cccClause: "The required filters must be unambiguously configured in the required mode.",
    remediation:
      "Keep one entry per filter name and source, with enabled and blocking as booleans that agree with action; fix the property named in the message.",
    docsAnchor: "ccc-well-formed-resources",
    appliesTo: ["deployment", "rai-policy", "account"],
  },
  check(subject) {
    const messages = subjectResource(subject).problems.map((p) => `"${subject.ref.name}": ${p}`);
    if (subject.kind === "rai-policy" && !isUnknown(subject.policy.filters)) {
      const byKey = new Map<string, string[]>();
      for (const f of subject.policy.filters) {
        // Stryker disable next-line MethodExpression: equivalent, upper case groups sources the same way
        const key = JSON.stringify([f.key, typeof f.source === "string" ? f.source.toLowerCase() : null]);
        byKey.set(key, [...(byKey.get(key) ?? []), describeEntry(f)]);
        if (filterMode(f) === "contradictory") {
          messages.push(
            `"${subject.ref.name}": ${describeEntry(f)} contradicts itself (enabled: ${String(f.enabled)}, blocking: ${String(f.blocking)}, action: ${String(f.action)}).`,
          );
        }
      }
      for (const entries of byKey.values()) {
        if (entries.length > 1) {
          messages.push(
            `"${subject.ref.name}": the same filter is listed ${entries.length} times: ${entries.join(", ")}. Keep one entry.`,
          );
        }
      }
    }
    return messages.map(violation);
  },
};
