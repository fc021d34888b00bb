import { globMatches } from "../../glob";
import { isUnknown } from "../../model/model";
import { quoted } from "../../redact";
import { CLAUSES } from "../../ruleData/clauses";
import { Rule, undecided, violation } from "../types";

/** Model names compare case-insensitively. */
const matches = (pattern: string, model: string): boolean => globMatches(pattern, model, { ignoreCase: true });

export const rule: Rule = {
  meta: {
    id: "ccc-gated-models",
    order: 50,
    name: "Approval for preview or gated models",
    description:
      "A deployment of a model on the configured gated list (names or * patterns) needs an explicit approval.",
    severity: "medium",
    defaultEnforcement: "mandatory",
    clauses: [CLAUSES.previewModels],
    remediation: "Obtain the model's approval and list it in approvedGatedModels, or deploy an approved model.",
    appliesTo: ["deployment"],
    snippet: "approvals",
  },
  configSchema: {
    properties: {
      gatedModels: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Model names or patterns (with *) that need an approval.",
      },
      approvedGatedModels: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Gated model names or patterns the organization holds an approval for.",
      },
    },
  },
  check(subject, { config }) {
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent, the pipeline runs a rule only on subjects of its appliesTo kinds
    if (subject.kind !== "deployment") return [];
    const gated = config.gatedModels as readonly string[];
    if (gated.length === 0) return [];
    const d = subject.deployment;
    const model = d.modelName;
    if (isUnknown(model)) return [undecided(model, "whether the deployment's model is gated")];
    if (model === undefined) return [];
    const gate = gated.find((p) => matches(p, model));
    if (gate === undefined) return [];
    const approved = config.approvedGatedModels as readonly string[];
    if (approved.some((p) => matches(p, model))) return [];
    return [
      violation(
        `Deployment "${subject.ref.name}" uses ${quoted(d, "modelName", model)}, a gated model (matches "${gate}") without an approval in approvedGatedModels.`,
        "Record the model's approval in ccc-gated-models.approvedGatedModels once granted, or deploy an approved model.",
      ),
    ];
  },
};
