import { Unknown, isUnknown } from "../../model/model";
import { CLAUSES } from "../../ruleData/clauses";
import { cite } from "../../ruleData/sources";
import { FINE_TUNED_DEPLOYMENT_LIMITS, FINE_TUNED_MODEL_PATTERN } from "../../ruleData/quotas";
import { listed } from "../common";
import { Rule, undecided, violation } from "../types";

// Stryker disable next-line ConditionalExpression: equivalent, RegExp.test stringifies a non-string, which never matches
const isFineTuned = (model: unknown): boolean => typeof model === "string" && FINE_TUNED_MODEL_PATTERN.test(model);
const { current, seed } = FINE_TUNED_DEPLOYMENT_LIMITS;

export const rule: Rule = {
  meta: {
    id: "ccc-fine-tuned-deployment-limit",
    order: 40,
    name: "Fine-tuned deployments per account within the approved limit",
    description: `An account holds at most the configured number of fine-tuned model deployments (default ${current.perResource}, per ${cite(current.source)}; the ${seed.source.date} applications note gave ${seed.defaultPerResource}, up to ${seed.maximumAfterRequest} after a request).`,
    severity: "medium",
    defaultEnforcement: "mandatory",
    clauses: [CLAUSES.fineTunedLimit],
    remediation:
      "Remove a fine-tuned deployment from the account, spread them over accounts, or raise maxFineTunedDeploymentsPerAccount to the limit the organization was granted.",
    appliesTo: ["deployment"],
    snippet: "approvals",
  },
  configSchema: {
    properties: {
      maxFineTunedDeploymentsPerAccount: {
        type: "integer",
        minimum: 1,
        default: current.perResource,
        description: "The organization's approved limit of fine-tuned model deployments per account.",
      },
    },
  },
  check(subject, { config }) {
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent, the pipeline runs a rule only on subjects of its appliesTo kinds
    if (subject.kind !== "deployment") return [];
    const model = subject.deployment.modelName;
    if (!isUnknown(model) && !isFineTuned(model)) return [];
    const siblings = subject.accountDeployments();
    if (isUnknown(siblings)) {
      return [
        isUnknown(model)
          ? undecided(model, "whether the deployment's model is fine-tuned")
          : undecided(siblings, "the fine-tuned deployments on the deployment's account"),
      ];
    }
    const limit = config.maxFineTunedDeploymentsPerAccount as number;
    const upTo = siblings.slice(0, siblings.findIndex((d) => d.ref.urn === subject.ref.urn) + 1);
    // Within the limit even if every model not known yet is fine-tuned: nothing to wait for.
    if (upTo.filter((d) => isUnknown(d.modelName) || isFineTuned(d.modelName)).length <= limit) return [];
    if (isUnknown(model)) return [undecided(model, "whether the deployment's model is fine-tuned")];
    // A deployment before this one whose model is not known may be fine-tuned too: the message names that
    // deployment as the owner of the property.
    const unknownModel = upTo.find((d) => isUnknown(d.modelName));
    if (unknownModel !== undefined) {
      return [
        undecided(
          { ...(unknownModel.modelName as Unknown), owner: unknownModel.ref },
          `the model of deployment "${unknownModel.ref.name}", which may be fine-tuned too`,
        ),
      ];
    }
    const fineTuned = siblings.filter((d) => isFineTuned(d.modelName));
    const position = fineTuned.findIndex((d) => d.ref.urn === subject.ref.urn) + 1;
    return [
      violation(
        `Deployment "${subject.ref.name}" is fine-tuned deployment number ${position} on its account (${listed(fineTuned.map((d) => `"${d.ref.name}"`))}); the approved limit is ${limit}.`,
        "Move the deployment to another account, or raise ccc-fine-tuned-deployment-limit.maxFineTunedDeploymentsPerAccount to the limit the organization was granted.",
      ),
    ];
  },
};
