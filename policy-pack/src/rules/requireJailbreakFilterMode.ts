import { FILTERS } from "../filters";
import { EFFECTIVE } from "../ruleData";
import { dedupeOutcomes, policyForUseCase, requireFilter, servesTextOrCode, useCaseScope } from "./common";
import { ContentFilterPolicy } from "../model";
import { Outcome, Rule } from "./types";

export const requireJailbreakFilterMode: Rule = {
  meta: {
    id: "ccc-jailbreak-filter-mode",
    name: "Jailbreak prompt shield in filter mode for text and code generation",
    description: "A text- or code-generation deployment's content filter policy blocks jailbreak attacks on prompts.",
    severity: "critical",
    defaultEnforcement: "mandatory",
    cccClause:
      "Text generation and code generation: the Jailbreak model (prompt shield for jailbreak attacks) must be configured in filter mode.",
    effectiveDate: EFFECTIVE.contentFilters,
    remediation:
      'Add {name: "Jailbreak", source: "Prompt", enabled: true, blocking: true} to the RAI policy\'s contentFilters.',
    docsAnchor: "ccc-jailbreak-filter-mode",
    appliesTo: ["deployment", "rai-policy"],
  },
  remediation: { filter: FILTERS.jailbreak, useCases: ["text-generation", "code-generation"] },
  check(subject) {
    // Text and code need the same filter: check the policy once, naming the use cases that need it.
    const deferred: Outcome[] = [];
    const applying: (keyof typeof BECAUSE)[] = [];
    let policy: ContentFilterPolicy | undefined;
    for (const useCase of ["text-generation", "code-generation"] as const) {
      const target = policyForUseCase(subject, useCase);
      if ("outcomes" in target) deferred.push(...target.outcomes);
      else {
        applying.push(useCase);
        policy = target.policy;
      }
    }
    if (policy === undefined) return dedupeOutcomes(deferred);
    const because = applying.length === 2 ? "Text and code generation" : BECAUSE[applying[0]];
    return requireFilter(subject, policy, FILTERS.jailbreak, ["filter"], because);
  },
  notApplicable: (subject) =>
    useCaseScope(subject, servesTextOrCode, "only text and code generation need the Jailbreak filter"),
};

const BECAUSE = { "text-generation": "Text generation", "code-generation": "Code generation" } as const;
