import { isUnknown } from "../model";
import { FINE_TUNED_DEPLOYMENT_LIMITS, FINE_TUNED_MODEL_PATTERN } from "../ruleData";
import { Rule, undecidable, violation } from "./types";

// Stryker disable next-line ConditionalExpression: equivalent, RegExp.test stringifies a non-string, which never matches
const isFineTuned = (model: unknown): boolean => typeof model === "string" && FINE_TUNED_MODEL_PATTERN.test(model);

export const limitFineTunedDeployments: Rule = {
  meta: {
    id: "ccc-fine-tuned-deployment-limit",
    name: "Fine-tuned deployments per account within the approved limit",
    description:
      "An account holds at most the configured number of fine-tuned model deployments (default: Microsoft's current documented figure).",
    severity: "medium",
    defaultEnforcement: "mandatory",
    cccClause: `Organization approval (not a CCC clause): fine-tuned deployments per resource are limited: ${FINE_TUNED_DEPLOYMENT_LIMITS.current.perResource} per ${FINE_TUNED_DEPLOYMENT_LIMITS.current.source} (${FINE_TUNED_DEPLOYMENT_LIMITS.current.asOf}); the ${FINE_TUNED_DEPLOYMENT_LIMITS.seed.asOf} applications note gave ${FINE_TUNED_DEPLOYMENT_LIMITS.seed.defaultPerResource}, up to ${FINE_TUNED_DEPLOYMENT_LIMITS.seed.maximumAfterRequest} after a request.`,
    remediation:
      "Remove a fine-tuned deployment from the account, spread them over accounts, or raise maxFineTunedDeploymentsPerAccount to the limit the organization was granted.",
    docsAnchor: "ccc-fine-tuned-deployment-limit",
    appliesTo: ["deployment"],
  },
  configSchema: {
    properties: {
      maxFineTunedDeploymentsPerAccount: {
        type: "integer",
        minimum: 1,
        default: FINE_TUNED_DEPLOYMENT_LIMITS.current.perResource,
        description: "The organization's approved limit of fine-tuned model deployments per account.",
      },
    },
  },
  check(subject, { config }) {
    if (subject.kind !== "deployment") return [];
    const model = subject.deployment.modelName;
    if (isUnknown(model)) return [undecidable(model, "the deployment's model is not known yet")];
    if (!isFineTuned(model)) return [];
    const siblings = subject.accountDeployments();
    if (isUnknown(siblings)) return [undecidable(siblings, "the deployment's account is not known yet")];
    const limit =
      (config.maxFineTunedDeploymentsPerAccount as number | undefined) ??
      FINE_TUNED_DEPLOYMENT_LIMITS.current.perResource;
    const fineTuned = siblings.filter((d) => isFineTuned(d.modelName));
    const position = fineTuned.findIndex((d) => d.ref.urn === subject.ref.urn) + 1;
    if (position <= limit) return [];
    return [
      violation(
        `Deployment "${subject.ref.name}" is fine-tuned deployment number ${position} on its account (${fineTuned.map((d) => `"${d.ref.name}"`).join(", ")}); the approved limit is ${limit}.`,
      ),
    ];
  },
};
