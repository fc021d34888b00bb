import { USE_CASES } from "../../model/model";
import { CLAUSES } from "../../ruleData/clauses";
import { declareUseCaseFix } from "../fixes";
import { Rule, violation } from "../types";

export const rule: Rule = {
  meta: {
    id: "ccc-approved-use-cases",
    order: 10,
    name: "Use cases the organization is approved for",
    description:
      "A deployment declares only use cases the organization's Azure OpenAI access was approved for; an extra use case needs its own approval.",
    severity: "high",
    defaultEnforcement: "mandatory",
    clauses: [CLAUSES.approvedUseCases],
    remediation:
      "Apply for the extra use case and add it to this rule's approvedUseCases, or change the deployment's ccc-use-case tag.",
    appliesTo: ["deployment"],
    snippet: "approvals",
  },
  configSchema: {
    properties: {
      approvedUseCases: {
        type: "array",
        items: { type: "string", enum: [...USE_CASES] },
        default: [...USE_CASES],
        description: "Use cases the organization is approved for. The default allows every use case.",
      },
    },
  },
  check(subject, { config }) {
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent, the pipeline runs a rule only on subjects of its appliesTo kinds
    if (subject.kind !== "deployment") return [];
    if (subject.useCases.kind !== "known") return [];
    const approved = config.approvedUseCases as readonly string[];
    const extra = subject.useCases.values.filter((u) => !approved.includes(u));
    if (extra.length === 0) return [];
    const list = subject.useCases.secret ? "[secret] use cases" : extra.join(", ");
    return [
      violation(
        `Deployment "${subject.ref.name}" declares ${list}, which the organization is not approved for (approved: ${approved.join(", ") || "none"}). Each extra use case needs its own approval.`,
        `Record the approval in ccc-approved-use-cases.approvedUseCases once granted, or ${declareUseCaseFix(subject.deployment.flavour, approved[0] ?? "other")}.`,
      ),
    ];
  },
};
