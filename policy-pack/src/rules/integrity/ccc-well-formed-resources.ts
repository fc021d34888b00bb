import { filterMode } from "../../model/filters";
import { isUnknown } from "../../model/model";
import { describeEntry } from "../../redact";
import { CLAUSES } from "../../ruleData/clauses";
import { listed, subjectResource } from "../common";
import { Outcome, Rule, note, undecided, violation } from "../types";

export const rule: Rule = {
  meta: {
    id: "ccc-well-formed-resources",
    order: 10,
    name: "Well-formed content filter policies and deployments",
    description:
      "The properties the pack reads have the types Azure accepts; no content filter is listed twice or contradicts itself; no two resources in the stack have the same Azure identity.",
    severity: "high",
    defaultEnforcement: "mandatory",
    clauses: [CLAUSES.wellFormed],
    remediation:
      "Fix the property named in the message: one entry per filter name and source, enabled and blocking as booleans that agree with action, one resource per Azure identity.",
    appliesTo: ["deployment", "rai-policy", "account"],
    snippet: "compliant-text",
  },
  check(subject) {
    const name = subject.ref.name;
    const outcomes: Outcome[] = [];
    const problems = subjectResource(subject).problems;
    if (problems.length > 0) {
      // The one finding for these properties: a rule that cannot decide because of one of them reports through it.
      outcomes.push({
        kind: "violation",
        message: `"${name}" has ${problems.length === 1 ? "a property" : `${problems.length} properties`} Azure does not accept: ${listed(problems.map((p) => p.replace(/\.$/, "")))}.`,
        fix: "Give each property the type the message names.",
        coversOwnMalformedValues: true,
      });
    }
    if (subject.duplicates.length > 0) {
      outcomes.push(
        violation(
          `"${name}" has the same Azure identity (subscription, resource group, parent and name, compared without case) as ${listed(subject.duplicates.map((d) => `"${d.name}"`))}: Azure would treat them as one resource, so the pack cannot tell which one applies.`,
          "Give each resource its own name (names that differ only in case are the same in Azure).",
        ),
      );
    }
    // A certain duplicate is already a violation: a possible one is then not reported as well.
    // Stryker disable next-line ConditionalExpression: equivalent, only a deployment has possibleDuplicate; the test narrows the type
    if (subject.kind === "deployment") {
      if (subject.duplicates.length === 0 && subject.possibleDuplicate) {
        outcomes.push(
          undecided(subject.possibleDuplicate, "whether another deployment in the stack has the same Azure identity"),
        );
      }
    }
    if (subject.kind === "rai-policy" && !isUnknown(subject.policy.filters)) {
      const byKey = new Map<string, string[]>();
      const contradictory: string[] = [];
      const unrecognised: string[] = [];
      for (const f of subject.policy.filters) {
        if (f.key === undefined) unrecognised.push(describeEntry(f));
        if (filterMode(f) === "contradictory") contradictory.push(describeEntry(f));
        // A source not known yet may make it a different entry: the filter rules hold it undecided.
        if (isUnknown(f.source)) continue;
        // Stryker disable next-line MethodExpression: equivalent but for Unicode special casing (ß, final sigma), which no source Azure accepts has
        const source = typeof f.source === "string" ? f.source.toLowerCase() : "";
        // Stryker disable next-line MethodExpression: equivalent but for Unicode special casing (ß, final sigma) in a name that is no known filter
        const k = `${f.key ?? f.name.toLowerCase()}\u0000${source}`;
        const list = byKey.get(k);
        if (list) list.push(describeEntry(f));
        else byKey.set(k, [describeEntry(f)]);
      }
      if (contradictory.length > 0) {
        outcomes.push(
          violation(
            `"${name}": ${listed(contradictory)} ${contradictory.length === 1 ? "contradicts itself" : "contradict themselves"} (enabled, blocking and action disagree).`,
            "Set enabled and blocking to agree (filter mode: both true; annotate: enabled true, blocking false), and drop action or make it agree.",
          ),
        );
      }
      const repeated = [...byKey.values()].filter((entries) => entries.length > 1);
      if (repeated.length > 0) {
        outcomes.push(
          violation(
            `"${name}" lists ${repeated.length === 1 ? "a filter" : `${repeated.length} filters`} more than once: ${listed(repeated.map((e) => `${e[0]} (${e.length} times)`))}.`,
            "Keep one entry per filter name and source.",
          ),
        );
      }
      if (unrecognised.length > 0) {
        outcomes.push(
          note(
            `"${name}" has content filters whose names are not a spelling Azure uses for a known filter (any case, words separated by one space, "-" or "_"): ${listed(unrecognised)}. They count as no filter.`,
          ),
        );
      }
    }
    return outcomes;
  },
};
