import { servesTextOrCode } from "../../model/useCases";
import { CLAUSES } from "../../ruleData/clauses";
import { cite } from "../../ruleData/sources";
import { policyLabel, policyProblem, useCaseScope } from "../common";
import { Outcome, Rule, note } from "../types";

export const rule: Rule = {
  meta: {
    id: "ccc-explicit-rai-policy",
    order: 30,
    name: "Explicit content filter policy",
    description:
      "A text- or code-generation deployment names a content filter (RAI) policy whose filters can be checked: its own, or a Microsoft-managed one by its documented contents when the organization accepts that documentation. Not the policy the service assigns when none is named.",
    severity: "critical",
    defaultEnforcement: "mandatory",
    clauses: [
      CLAUSES.textProtectedMaterial,
      CLAUSES.textJailbreak,
      CLAUSES.codeProtectedMaterial,
      CLAUSES.codeJailbreak,
    ],
    remediation:
      "Name a policy in the deployment's raiPolicyName: your own (a RaiPolicy in the stack with the required filters), or Microsoft.DefaultV2 with ccc-organization-config.acceptMicrosoftDefaultPolicy.",
    appliesTo: ["deployment"],
    snippet: "default-v2-accepted",
  },
  check(subject) {
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent, the pipeline calls check only on appliesTo kinds; the test narrows the type
    if (subject.kind !== "deployment") return [];
    if (subject.useCases.kind !== "known") return [];
    if (subject.coverage.covered === false || !servesTextOrCode(subject.useCases.values)) return [];
    const resolution = subject.policy;
    const outcomes: Outcome[] = [];
    if (resolution.kind === "service-assigned" || resolution.kind === "microsoft-unaccepted") {
      outcomes.push(policyProblem(subject, resolution)!);
    } else if (resolution.kind === "resolved" && resolution.policy.origin.kind === "microsoft") {
      outcomes.push(
        note(
          `Deployment "${subject.ref.name}" is judged by the documented contents of ${policyLabel(resolution.policy)}: the verdict rests on Microsoft's documentation as checked on ${resolution.policy.origin.checked}, which can change while the policy stays in use. Source: ${cite(resolution.policy.origin.source)}.`,
        ),
      );
    }
    return outcomes;
  },
  notApplicable: (subject) =>
    useCaseScope(subject, servesTextOrCode, "only text and code generation need a policy with the CCC filters"),
};
