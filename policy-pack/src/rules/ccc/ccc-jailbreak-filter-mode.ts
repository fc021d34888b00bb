import { FILTERS } from "../../model/filters";
import { servesTextOrCode } from "../../model/useCases";
import { CLAUSES } from "../../ruleData/clauses";
import { PolicyTarget, dedupeOutcomes, policyTargets, requireFilter, useCaseScope } from "../common";
import { Outcome, Rule } from "../types";

const BECAUSE = { "text-generation": "Text generation", "code-generation": "Code generation" } as const;

export const rule: Rule = {
  meta: {
    id: "ccc-jailbreak-filter-mode",
    order: 60,
    name: "Jailbreak prompt shield in filter mode for text and code generation",
    description:
      "A text- or code-generation deployment's content filter policy (and that of any deployment it spills over to) blocks jailbreak attacks on prompts.",
    severity: "critical",
    defaultEnforcement: "mandatory",
    clauses: [CLAUSES.textJailbreak, CLAUSES.codeJailbreak],
    remediation:
      'Add {name: "Jailbreak", source: "Prompt", enabled: true, blocking: true} to the RAI policy\'s content filters.',
    appliesTo: ["deployment", "rai-policy"],
    snippet: "compliant-text",
  },
  remediation: { filter: FILTERS.jailbreak, useCases: ["text-generation", "code-generation"] },
  check(subject) {
    // Text and code need the same filter: check each policy once, naming the use cases that need it.
    const outcomes: Outcome[] = [];
    const needs = new Map<PolicyTarget["policy"], { target: PolicyTarget; useCases: (keyof typeof BECAUSE)[] }>();
    for (const useCase of ["text-generation", "code-generation"] as const) {
      const found = policyTargets(subject, useCase);
      outcomes.push(...found.outcomes);
      for (const target of found.targets) {
        const entry = needs.get(target.policy) ?? { target, useCases: [] };
        entry.useCases.push(useCase);
        needs.set(target.policy, entry);
      }
    }
    for (const { target, useCases } of needs.values()) {
      const because = useCases.length === 2 ? "Text and code generation" : BECAUSE[useCases[0]];
      outcomes.push(...requireFilter(subject, target, FILTERS.jailbreak, ["filter"], because));
    }
    return dedupeOutcomes(outcomes);
  },
  notApplicable: (subject) =>
    useCaseScope(subject, servesTextOrCode, "only text and code generation need the Jailbreak filter"),
};
