import { Deployment, Unknown, containerNoun, isUnknown } from "../../model/model";
import { REDACTED, quoted } from "../../redact";
import { CLAUSES } from "../../ruleData/clauses";
import { DEFAULT_CAPACITY_UNITS, TOKENS_PER_CAPACITY_UNIT } from "../../ruleData/quotas";
import { listed } from "../common";
import { Rule, undecided, violation } from "../types";

function tokensPerMinute(model: string, units: number): string {
  const perUnit = TOKENS_PER_CAPACITY_UNIT.byModel[model.toLowerCase()] ?? TOKENS_PER_CAPACITY_UNIT.default;
  return `${(units * perUnit).toLocaleString("en-US")} tokens per minute at ${perUnit.toLocaleString("en-US")} per unit`;
}

export const rule: Rule = {
  meta: {
    id: "ccc-approved-capacity",
    order: 30,
    name: "Capacity within the approved quota",
    description:
      "The sum of sku.capacity per model on an account stays within the organization's approved quota for that model, in capacity units.",
    severity: "medium",
    defaultEnforcement: "mandatory",
    clauses: [CLAUSES.quota],
    remediation:
      "Lower sku.capacity, or request a quota increase and raise this rule's approvedCapacity for the model.",
    appliesTo: ["deployment"],
    snippet: "approvals",
  },
  configSchema: {
    properties: {
      approvedCapacity: {
        type: "object",
        additionalProperties: { type: "integer", minimum: 0 },
        keysIgnoreCase: true,
        default: {},
        description:
          "Approved capacity per model name, in sku.capacity units (1 unit = 1,000 tokens per minute for most models, 6,000 for o1, 10,000 for o1-mini, o3-mini and o3-pro). Empty: the rule is inactive.",
      },
      scope: {
        type: "string",
        enum: ["account", "region"],
        default: "account",
        description:
          'Where capacity adds up: per account, or per Azure region across the stack\'s accounts ("region", for quota granted per subscription and region; the stack is taken as one subscription).',
      },
    },
  },
  check(subject, { config }) {
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent, the pipeline runs a rule only on subjects of its appliesTo kinds
    if (subject.kind !== "deployment") return [];
    const approved = config.approvedCapacity as Readonly<Record<string, number>>;
    if (Object.keys(approved).length === 0) return [];
    const d = subject.deployment;
    const model = d.modelName;
    if (isUnknown(model)) return [undecided(model, "the quota that applies to the deployment's model")];
    if (model === undefined) return [];
    const shownModel = quoted(d, "modelName", model);
    const limitKey = Object.keys(approved).find((k) => k.toLowerCase() === model.toLowerCase());
    if (limitKey === undefined) {
      return [
        violation(
          `Deployment "${subject.ref.name}" uses model ${shownModel}, which has no approved capacity (approved: ${Object.keys(approved).join(", ")}).`,
          "Add the model to ccc-approved-capacity.approvedCapacity once its quota is granted, or deploy an approved model.",
        ),
      ];
    }
    const perRegion = config.scope === "region";
    const siblings = perRegion ? subject.regionDeployments() : subject.accountDeployments();
    if (isUnknown(siblings))
      return [
        undecided(
          siblings,
          `the capacity used ${perRegion ? "in the deployment's region" : "on the deployment's account"}`,
        ),
      ];
    // Deployments count in registration order: the one that takes the sum over the quota, and any after it,
    // violate, so the verdict at resource level (while registering) and at stack level agree.
    // A deployment before this one whose model is not known may add to this model's quota: the message names
    // that deployment as the owner of the property.
    const unknownModel = siblings
      .slice(
        0,
        siblings.findIndex((s) => s.ref.urn === subject.ref.urn),
      )
      .find((s) => isUnknown(s.modelName));
    if (unknownModel !== undefined) {
      return [
        undecided(
          { ...(unknownModel.modelName as Unknown), owner: unknownModel.ref },
          `the model of deployment "${unknownModel.ref.name}", which may add to the quota`,
        ),
      ];
    }
    const sameModel = siblings.filter(
      (s: Deployment) => typeof s.modelName === "string" && s.modelName.toLowerCase() === model.toLowerCase(),
    );
    const upToThis = sameModel.slice(0, sameModel.findIndex((s) => s.ref.urn === subject.ref.urn) + 1);
    let total = 0;
    for (const s of upToThis) {
      if (isUnknown(s.capacity)) {
        // The message names the deployment that owns the property when it is another one.
        return [
          undecided(
            { ...s.capacity, owner: s.ref },
            `the capacity of deployment "${s.ref.name}" (it adds to the quota)`,
          ),
        ];
      }
      total += s.capacity ?? DEFAULT_CAPACITY_UNITS;
    }
    const limit = approved[limitKey];
    if (total <= limit) return [];
    // Stryker disable next-line ConditionalExpression,OptionalChaining: equivalent, every deployment sits under an account or workspace (subject.account is set) and only a found lookup has a node
    const found = subject.account?.kind === "found" ? subject.account.node : undefined;
    const location = found?.location;
    // The account's own name where the stack has it (the deployment's accountName may be a link not known yet).
    const accountName =
      typeof found?.name === "string"
        ? quoted(found, "name", found.name)
        : typeof d.placement.parents[0].name === "string"
          ? quoted(d, "accountName", d.placement.parents[0].name)
          : undefined;
    // Per region, the account is found and has a location: regionDeployments() is not known otherwise.
    // A region named by another account's plain location would give away a listed deployment's secret one.
    const where = perRegion
      ? ` in region ${subject.regionLocationSecret() ? REDACTED : (location as string)}`
      : accountName !== undefined
        ? ` on ${containerNoun(found?.collection ?? d.placement.parents[0].collection)} ${accountName}`
        : "";
    const secret = upToThis.some((s) => s.secret.has("capacity"));
    const sum = secret ? "more" : `${total} capacity units (${tokensPerMinute(model, total)})`;
    return [
      violation(
        `Deployments of ${shownModel}${where} (${listed(upToThis.map((s) => `"${s.ref.name}"`))}) add up to ${sum}, above the approved ${limit} units.`,
        `${lower(d)}, or request a quota increase and raise ccc-approved-capacity.approvedCapacity for the model.`,
      ),
    ];
  },
};

/** What to lower: the deployment's capacity, or, where it sets none (Azure's default), the others' it adds to. */
function lower(d: Deployment): string {
  if (d.capacity !== undefined) return `Lower ${d.capacityProperty}`;
  return `Lower the capacity of the other deployments listed (this one sets no ${d.capacityProperty}, so it counts Azure's default capacity, ${DEFAULT_CAPACITY_UNITS} unit)`;
}
