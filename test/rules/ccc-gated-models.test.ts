// ccc-gated-models: a deployment of a model on the gated list (names or * patterns, compared without case) needs
// an approval in approvedGatedModels.
import {
  COMPLIANT_FILTERS,
  UNKNOWN,
  account,
  classicAccount,
  classicDeployment,
  classicPolicy,
  deployment,
  evaluate,
  hubDeployment,
  hubPolicy,
  policy,
  secret,
  workspace,
} from "../support/stack";
import { ALL_FILTERS, policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-gated-models";
const DEFAULTS = { "ccc-organization-config": { defaultUseCases: ["text-generation"] } };
const GATED = { ...DEFAULTS, [RULE]: { gatedModels: ["gpt-4o", "GPT-5*"], approvedGatedModels: ["gpt-5-mini*"] } };
const FIX =
  "Record the model's approval in ccc-gated-models.approvedGatedModels once granted, or deploy an approved model.";
const uses = (model: unknown, config: Record<string, unknown> = GATED, extra: Record<string, unknown> = {}) =>
  evaluate(
    [
      account("oai"),
      policy("strict", COMPLIANT_FILTERS),
      deployment("chat", { raiPolicyName: "strict", model, ...extra }),
    ],
    config,
  );
const gated = (model: string, pattern: string) => ({
  resource: "chat",
  verdict: "violation",
  level: "mandatory",
  message: `Deployment "chat" uses ${model}, a gated model (matches "${pattern}") without an approval in approvedGatedModels.`,
  fix: FIX,
});

describe("gated models without an approval", () => {
  it("names the model and the pattern it matched, without case", () => {
    expect(uses("gpt-5").reported(RULE)).toEqual([gated('"gpt-5"', "GPT-5*")]);
    expect(uses("GPT-4o").reported(RULE)).toEqual([gated('"GPT-4o"', "gpt-4o")]);
  });

  it("a secret model name is not quoted", () => {
    expect(uses(secret("gpt-5-pro")).reported(RULE)).toEqual([gated("[secret]", "GPT-5*")]);
  });

  it("classic and AI Foundry hub deployments", () => {
    const classic = evaluate(
      [
        classicAccount("oai"),
        classicPolicy("strict", []),
        classicDeployment("chat", { raiPolicyName: "strict", model: "gpt-5" }),
      ],
      GATED,
    );
    expect(classic.reported(RULE)).toEqual([gated('"gpt-5"', "GPT-5*")]);
    const hub = evaluate(
      [
        workspace("hub"),
        hubPolicy("strict", COMPLIANT_FILTERS),
        hubDeployment("chat", { raiPolicyName: "strict", model: "gpt-4o" }),
      ],
      GATED,
    );
    expect(hub.reported(RULE)).toEqual([gated('"gpt-4o"', "gpt-4o")]);
  });
});

describe("passes", () => {
  it("approved gated models, ungated models, and an exact name that only looks like a pattern", () => {
    expect(uses("GPT-5-mini-2025").reported(RULE)).toEqual([]);
    expect(uses("gpt-4o-mini").reported(RULE)).toEqual([]);
    expect(uses("gpt-4.1", { ...DEFAULTS, [RULE]: { gatedModels: ["gpt-4x1"] } }).reported(RULE)).toEqual([]);
    expect(uses("o3-mini-high", { ...DEFAULTS, [RULE]: { gatedModels: ["o*-mini"] } }).reported(RULE)).toEqual([]);
    expect(uses("o3-mini", { ...DEFAULTS, [RULE]: { gatedModels: ["o*-mini"] } }).reported(RULE)).toHaveLength(1);
  });

  it("a deployment that names no model matches no gate", () => {
    const noModel = deployment("chat", { raiPolicyName: "strict" });
    delete (
      (noModel.props as Record<string, Record<string, Record<string, unknown>>>).properties.model as Record<
        string,
        unknown
      >
    ).name;
    const result = evaluate([account("oai"), policy("strict", COMPLIANT_FILTERS), noModel], {
      ...DEFAULTS,
      [RULE]: { gatedModels: ["*"] },
    });
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).verdict).toBe("pass");
  });

  it("nothing gated by default: the rule is inactive", () => {
    const result = uses("gpt-5", DEFAULTS);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).verdict).toBe("pass");
  });
});

describe("undecided", () => {
  it("a model name that is not known, only when some model is gated", () => {
    // The use-case rule (first in the catalogue) waits for the same unknown: one finding, under it.
    expect(
      uses(UNKNOWN)
        .judgement.findings.filter((f) => f.verdict === "undecided")
        .map((f) => f.ruleId),
    ).toEqual(["ccc-use-case-declared"]);
    expect(uses(UNKNOWN).verdict("chat", RULE).verdict).toBe("undecided");
    // Declared `other` (its use cases stand without the model), with the fine-tuned limit off: this rule reports.
    const alone = { ...GATED, "ccc-fine-tuned-deployment-limit": "disabled" };
    expect(uses(UNKNOWN, alone, { tags: { "ccc-use-case": "other" } }).reported(RULE)).toEqual([
      {
        resource: "chat",
        verdict: "undecided",
        level: "mandatory",
        message:
          '"chat" cannot be shown compliant: properties.model.name is not known, so whether the deployment\'s model is gated cannot be checked.',
        fix: "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.",
      },
    ]);
    expect(uses(UNKNOWN, DEFAULTS).reported(RULE)).toEqual([]);
    expect(uses(UNKNOWN, DEFAULTS).verdict("chat", RULE).verdict).toBe("pass");
  });
});

it("gatedModels must be a list of names: anything else is a config error naming the key", () => {
  const result = uses("gpt-5", { ...DEFAULTS, [RULE]: { gatedModels: "gpt-5", approvedGatedModels: [5] } });
  expect(result.configErrors).toEqual([
    'ccc-gated-models.gatedModels: must be a list, got "gpt-5"; the default [] is used',
    "ccc-gated-models.approvedGatedModels[0]: must be a string, got number 5; the default [] is used",
  ]);
  expect(result.reported(RULE)).toEqual([]);
});

policyLevelCases({
  rule: RULE,
  config: { [RULE]: { gatedModels: ["gpt-5*"] } },
  steps: [
    step.account("oai", { "ccc-use-case": "text-generation" }),
    step.policy("strict", ALL_FILTERS),
    step.deployment("chat", { policy: "strict", model: "gpt-5-pro" }),
  ],
  resource: "chat",
  message: gated('"gpt-5-pro"', "gpt-5*").message,
  fix: FIX,
  defaultLevel: "mandatory",
  // The model name is known at resource level, even in a preview: decided there, not repeated later.
  previewPhase: "analyze",
  badConfig: { approvedGatedModels: "gpt-5-pro" },
  badConfigError: `${RULE}.approvedGatedModels: must be a list, got "gpt-5-pro"; the default [] is used`,
});
