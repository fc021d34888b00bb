import { CLAUSES } from "../../ruleData/clauses";
import { Outcome, Rule } from "../types";
import { OWNERS, dedupeOutcomes, policyProblem, policyTargets } from "../common";

export const rule: Rule = {
  meta: {
    id: "ccc-verifiable-rai-policy",
    order: 40,
    name: "Content filter policy that can be verified",
    description:
      "The RAI policy a deployment names (and the policy of any deployment it spills over to) is defined on its account in the same stack, or listed with its filters in ccc-organization-config.externalRaiPolicies, and identifies exactly one policy.",
    severity: "critical",
    defaultEnforcement: "mandatory",
    clauses: [CLAUSES.textProtectedMaterial, CLAUSES.codeProtectedMaterial, CLAUSES.textJailbreak],
    remediation:
      "Define the RaiPolicy in this stack on the deployment's account and reference it (raiPolicyName: policy.name, which also orders creation); or list it under ccc-organization-config.externalRaiPolicies with its content filters.",
    appliesTo: ["deployment"],
    snippet: "compliant-text",
  },
  check(subject) {
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent, the pipeline calls check only on appliesTo kinds; the test narrows the type
    if (subject.kind !== "deployment") return [];
    const outcomes: Outcome[] = [];
    // Whatever the use case, a policy that cannot be identified is not a pass: Azure needs it to exist.
    const kind = subject.policy.kind;
    if (kind === "unresolved" || kind === "ambiguous" || kind === "subscription-level" || kind === "undecided") {
      outcomes.push(policyProblem(subject, subject.policy)!);
    }
    // The deployment it spills over to, as far as the filter rules need it. Every violation policyTargets gives
    // is a shared problem; its own policy's (owned here) is already in `outcomes`, and deduplicated below.
    // Stryker disable next-line ConditionalExpression: equivalent, without a spillover the loop finds only the own policy's problem, already in `outcomes`
    if (subject.spillover !== undefined) {
      if (subject.useCases.kind === "known") {
        for (const useCase of subject.useCases.values) {
          for (const o of policyTargets(subject, useCase).outcomes) {
            if (o.kind === "violation" && o.problem!.owner === OWNERS.verifiablePolicy) outcomes.push(o);
          }
        }
      }
    }
    return dedupeOutcomes(outcomes);
  },
  notApplicable: (subject) =>
    // Stryker disable next-line ConditionalExpression: equivalent, the pipeline asks only about appliesTo kinds; the test narrows the type
    subject.kind === "deployment" &&
    (subject.policy.kind === "service-assigned" || subject.policy.kind === "microsoft-unaccepted")
      ? "the deployment names no policy of its own (see ccc-explicit-rai-policy)"
      : undefined,
};
