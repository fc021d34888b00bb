import { globMatches } from "../glob";
import { isUnknown } from "../model";
import { Rule, undecidable, violation } from "./types";

/** Model names compare case-insensitively. */
const matches = (pattern: string, model: string): boolean => globMatches(pattern, model, { ignoreCase: true });

export const requireApprovalForGatedModels: Rule = {
  meta: {
    id: "ccc-gated-models",
    name: "Approval for preview or gated models",
    description:
      "A deployment of a model on the configured gated list (names or * patterns) needs an explicit approval.",
    severity: "medium",
    defaultEnforcement: "mandatory",
    cccClause:
      "Organization approval (not a CCC clause): preview models (GPT-4 at the time of the applications note) needed a waitlist approval.",
    remediation: "Obtain the model's approval and list it in approvedGatedModels, or deploy an approved model.",
    docsAnchor: "ccc-gated-models",
    appliesTo: ["deployment"],
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
    if (subject.kind !== "deployment") return [];
    const gated = (config.gatedModels as string[] | undefined) ?? [];
    if (gated.length === 0) return [];
    const model = subject.deployment.modelName;
    if (isUnknown(model)) return [undecidable(model, "the deployment's model is not known yet")];
    if (model === undefined) return [];
    const gate = gated.find((p) => matches(p, model));
    if (gate === undefined) return [];
    const approved = (config.approvedGatedModels as string[] | undefined) ?? [];
    if (approved.some((p) => matches(p, model))) return [];
    return [
      violation(
        `Deployment "${subject.ref.name}" uses ${model}, a gated model (matches "${gate}") without an approval in approvedGatedModels.`,
      ),
    ];
  },
};
