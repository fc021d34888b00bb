// ccc-fine-tuned-deployment-limit: an account holds at most maxFineTunedDeploymentsPerAccount fine-tuned model
// deployments (default 5), counted in registration order.
import {
  COMPLIANT_FILTERS,
  UNKNOWN,
  account,
  classicAccount,
  classicDeployment,
  classicPolicy,
  deployment,
  evaluate,
  policy,
} from "../support/stack";
import { ALL_FILTERS, policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-fine-tuned-deployment-limit";
const DEFAULTS = { "ccc-organization-config": { defaultUseCases: ["text-generation"] } };
const limit = (max: unknown) => ({ ...DEFAULTS, [RULE]: { maxFineTunedDeploymentsPerAccount: max } });
const FIX =
  "Move the deployment to another account, or raise ccc-fine-tuned-deployment-limit.maxFineTunedDeploymentsPerAccount to the limit the organization was granted.";
const ft = (name: string, extra: Record<string, unknown> = {}) =>
  deployment(name, { raiPolicyName: "strict", model: `gpt-4o-mini-2024-07-18.ft-${name}0a1b`, ...extra });
const base = (name: string) => deployment(name, { raiPolicyName: "strict", model: "gpt-4o" });
/**
 * A model not known, on a deployment declared `other`: its use cases stand without the model, so this rule is
 * the first to wait for it (otherwise ccc-use-case-declared, earlier in the catalogue, reports that one problem).
 */
const unknownModel = (name: string) =>
  deployment(name, { raiPolicyName: "strict", model: UNKNOWN, tags: { "ccc-use-case": "other" } });
const onAccount = (deployments: ReturnType<typeof deployment>[], config: Record<string, unknown> = DEFAULTS) =>
  evaluate([account("oai"), policy("strict", COMPLIANT_FILTERS), ...deployments], config);
const over = (name: string, position: number, names: string, max: number) => ({
  resource: name,
  verdict: "violation",
  level: "mandatory",
  message: `Deployment "${name}" is fine-tuned deployment number ${position} on its account (${names}); the approved limit is ${max}.`,
  fix: FIX,
});

describe("over the limit", () => {
  it("the deployment past the configured limit, its position and the fine-tuned deployments before it", () => {
    const result = onAccount([ft("one"), base("base"), ft("two"), ft("three")], limit(2));
    expect(result.reported(RULE)).toEqual([over("three", 3, '"one", "two", "three"', 2)]);
    expect(result.verdict("two", RULE).verdict).toBe("pass");
    expect(result.verdict("base", RULE).verdict).toBe("pass");
  });

  it("defaults to Microsoft's current figure of 5 per account", () => {
    const result = onAccount(["a", "b", "c", "d", "e", "f"].map((n) => ft(n)));
    expect(result.reported(RULE)).toEqual([over("f", 6, '"a", "b", "c", "d", "e", "f"', 5)]);
  });

  it("fine-tuning checkpoints count (ftchkpt-); other accounts do not", () => {
    const result = evaluate(
      [
        account("oai"),
        account("other"),
        policy("strict", COMPLIANT_FILTERS),
        ft("one"),
        ft("elsewhere", { accountName: "other" }),
        deployment("ck", { raiPolicyName: "strict", model: "ftchkpt-abc123" }),
      ],
      limit(1),
    );
    expect(result.reported(RULE)).toEqual([over("ck", 2, '"one", "ck"', 1)]);
  });

  it("classic deployments on one account", () => {
    const classicFt = (name: string) =>
      classicDeployment(name, { raiPolicyName: "strict", model: `gpt-4o.ft-${name}` });
    const result = evaluate(
      [classicAccount("oai"), classicPolicy("strict", []), classicFt("one"), classicFt("two")],
      limit(1),
    );
    expect(result.reported(RULE)).toEqual([over("two", 2, '"one", "two"', 1)]);
  });
});

describe("undecided", () => {
  it("whether the deployment's model is fine-tuned, only when that would take it over the limit", () => {
    // Within the limit even if it is fine-tuned: nothing to wait for.
    expect(onAccount([unknownModel("x")], limit(1)).verdict("x", RULE).verdict).toBe("pass");
    expect(onAccount([ft("one"), unknownModel("x")], limit(1)).reported(RULE)).toEqual([
      {
        resource: "x",
        verdict: "undecided",
        level: "mandatory",
        message:
          '"x" cannot be shown compliant: properties.model.name is not known, so whether the deployment\'s model is fine-tuned cannot be checked.',
        fix: "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.",
      },
    ]);
  });

  it("an earlier deployment whose account is not known may count on this account", () => {
    const result = onAccount([ft("x", { accountName: UNKNOWN }), ft("one")]);
    expect(
      result
        .reported(RULE)
        .filter((f) => f.resource === "one")
        .map((f) => f.message),
    ).toEqual([
      '"one" cannot be shown compliant: accountName of Deployment "x" is not known, so the fine-tuned deployments on the deployment\'s account cannot be checked.',
    ]);
  });

  it("an earlier deployment's model, named as its owner (it may be fine-tuned too); a later one does not count", () => {
    const result = onAccount([ft("one"), unknownModel("later"), ft("two")], limit(1));
    const undecided = (resource: string, message: string) => ({
      resource,
      verdict: "undecided",
      level: "mandatory",
      message,
      fix: "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.",
    });
    expect(result.reported(RULE)).toEqual([
      undecided(
        "later",
        '"later" cannot be shown compliant: properties.model.name is not known, so whether the deployment\'s model is fine-tuned cannot be checked.',
      ),
      undecided(
        "two",
        '"two" cannot be shown compliant: properties.model.name of Deployment "later" is not known, so the model of deployment "later", which may be fine-tuned too cannot be checked.',
      ),
    ]);
    expect(result.verdict("one", RULE).verdict).toBe("pass");
    // A limit that three fine-tuned deployments keep to: nothing to wait for.
    expect(onAccount([ft("one"), unknownModel("later"), ft("two")], limit(3)).reported(RULE)).toEqual([]);
  });

  it("a model not known on an account not known: whether it is fine-tuned is what it waits for", () => {
    const result = onAccount([
      deployment("x", {
        raiPolicyName: "strict",
        model: UNKNOWN,
        accountName: UNKNOWN,
        tags: { "ccc-use-case": "other" },
      }),
    ]);
    expect(result.verdict("x", RULE).findings.map((f) => f.message)).toContain(
      '"x" cannot be shown compliant: properties.model.name is not known, so whether the deployment\'s model is fine-tuned cannot be checked.',
    );
  });

  it("a base model needs no count, even when an account is not known", () => {
    expect(onAccount([ft("x", { accountName: UNKNOWN }), base("base")]).verdict("base", RULE).verdict).toBe("pass");
  });
});

it.each([
  [2.5, "must be a whole number, got number 2.5"],
  [0, "must be at least 1, got number 0"],
  ["6", 'must be a whole number, got "6"'],
])("a limit of %p is a config error naming the key; the default 5 applies", (value, problem) => {
  const result = onAccount([ft("one"), ft("two")], limit(value));
  expect(result.configErrors).toEqual([
    `ccc-fine-tuned-deployment-limit.maxFineTunedDeploymentsPerAccount: ${problem}; the default 5 is used`,
  ]);
  expect(result.reported(RULE)).toEqual([]);
});

policyLevelCases({
  rule: RULE,
  config: { [RULE]: { maxFineTunedDeploymentsPerAccount: 1 } },
  steps: [
    step.account("oai", { "ccc-use-case": "text-generation" }),
    step.policy("strict", ALL_FILTERS),
    step.deployment("one", { policy: "strict", model: "gpt-4o-mini-2024-07-18.ft-one" }),
    step.deployment("two", { policy: "strict", model: "gpt-4o-mini-2024-07-18.ft-two" }),
  ],
  resource: "two",
  message: over("two", 2, '"one", "two"', 1).message,
  fix: FIX,
  defaultLevel: "mandatory",
  previewPhase: "analyzeStack",
  badConfig: { maxFineTuned: 3 },
  badConfigError: `${RULE}: unknown config key "maxFineTuned"; allowed keys are maxFineTunedDeploymentsPerAccount`,
});
