// ccc-approved-capacity: the sum of sku.capacity per model, on an account (or in a region), stays within the
// approved quota. Deployments count in registration order: the one that takes the sum over, and any after it,
// violate, so resource level and stack level agree.
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
  T,
  urnOf,
  workspace,
} from "../support/stack";
import { ALL_FILTERS, policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-approved-capacity";
const DEFAULTS = { "ccc-organization-config": { defaultUseCases: ["text-generation"] } };
const quota = (approvedCapacity: Record<string, unknown>, scope?: string) => ({
  ...DEFAULTS,
  [RULE]: { approvedCapacity, ...(scope ? { scope } : {}) },
});
const FIX =
  "Lower sku.capacity, or request a quota increase and raise ccc-approved-capacity.approvedCapacity for the model.";
const PREVIEW_FIX =
  "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.";
const over = (resource: string, message: string) => ({
  resource,
  verdict: "violation",
  level: "mandatory",
  message,
  fix: FIX,
});
const undecided = (resource: string, message: string, fix = PREVIEW_FIX) => ({
  resource,
  verdict: "undecided",
  level: "mandatory",
  message,
  fix,
});
const dep = (name: string, model: unknown, capacity?: unknown, extra: Record<string, unknown> = {}) =>
  deployment(name, { raiPolicyName: "strict", model, ...(capacity === undefined ? {} : { capacity }), ...extra });
/**
 * Declared `other`: the use cases stand without the model, so this rule is the first to wait for a model not
 * known (otherwise ccc-use-case-declared, earlier in the catalogue, reports that one problem).
 */
const OTHER = { tags: { "ccc-use-case": "other" } };
const onAccount = (deployments: ReturnType<typeof deployment>[], config: Record<string, unknown>) =>
  evaluate([account("oai"), policy("strict", COMPLIANT_FILTERS), ...deployments], config);
/** accountName: account.name in a preview: not known, linked to the account "oai" by its propertyDependencies. */
const linkedDep = (name: string, capacity: number) =>
  deployment(
    name,
    { raiPolicyName: "strict", model: "gpt-4o", capacity, accountName: UNKNOWN },
    { propertyDependencies: { accountName: [urnOf(T.account, "oai")] } },
  );

describe("per account", () => {
  it("the deployment that takes a model's sum over the quota, and any after it; models compare without case", () => {
    const result = onAccount(
      [dep("a", "gpt-4o", 10), dep("other", "gpt-35-turbo", 5), dep("b", "GPT-4o", 15), dep("c", "gpt-4o", 1)],
      quota({ "gpt-4O": 20, "gpt-35-turbo": 100 }),
    );
    expect(result.reported(RULE)).toEqual([
      over(
        "b",
        'Deployments of "GPT-4o" on account "oai" ("a", "b") add up to 25 capacity units (25,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
      ),
      over(
        "c",
        'Deployments of "gpt-4o" on account "oai" ("a", "b", "c") add up to 26 capacity units (26,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
      ),
    ]);
    expect(result.verdict("a", RULE).verdict).toBe("pass");
  });

  it("exactly the quota passes", () => {
    expect(onAccount([dep("a", "gpt-4o", 10), dep("b", "gpt-4o", 10)], quota({ "gpt-4o": 20 })).reported(RULE)).toEqual(
      [],
    );
  });

  it("a deployment without sku.capacity counts as one unit; tokens per minute follow the per-model table", () => {
    const noCapacity = (name: string) => {
      const d = dep(name, "o1");
      delete ((d.props as Record<string, unknown>).sku as Record<string, unknown>).capacity;
      return d;
    };
    expect(onAccount([noCapacity("first"), noCapacity("second")], quota({ o1: 1 })).reported(RULE)).toEqual([
      {
        ...over(
          "second",
          'Deployments of "o1" on account "oai" ("first", "second") add up to 2 capacity units (12,000 tokens per minute at 6,000 per unit), above the approved 1 units.',
        ),
        fix: "Lower the capacity of the other deployments listed (this one sets no sku.capacity, so it counts Azure's default capacity, 1 unit), or request a quota increase and raise ccc-approved-capacity.approvedCapacity for the model.",
      },
    ]);
    expect(
      onAccount([dep("r", "o3-mini", 25)], quota({ "o3-mini": 20 }))
        .reported(RULE)
        .map((f) => f.message),
    ).toEqual([
      'Deployments of "o3-mini" on account "oai" ("r") add up to 25 capacity units (250,000 tokens per minute at 10,000 per unit), above the approved 20 units.',
    ]);
  });

  it("deployments on other accounts do not count; an account not in the stack is identified by its name", () => {
    const result = evaluate(
      [
        account("oai"),
        account("other"),
        policy("strict", COMPLIANT_FILTERS),
        dep("a", "gpt-4o", 15),
        dep("x", "gpt-4o", 15, { accountName: "other" }),
        dep("y", "gpt-4o", 15, { accountName: "external" }),
        dep("z", "gpt-4o", 15, { accountName: "external" }),
      ],
      quota({ "gpt-4o": 20 }),
    );
    expect(result.reported(RULE)).toEqual([
      over(
        "z",
        'Deployments of "gpt-4o" on account "external" ("y", "z") add up to 30 capacity units (30,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
      ),
    ]);
  });

  it("classic and AI Foundry hub deployments", () => {
    const classic = evaluate(
      [
        classicAccount("oai"),
        classicPolicy("strict", []),
        classicDeployment("a", { capacity: 15 }),
        classicDeployment("b", { capacity: 10 }),
      ],
      quota({ "gpt-4o": 20 }),
    );
    expect(classic.reported(RULE).map((f) => `${f.resource}: ${f.message}`)).toEqual([
      'b: Deployments of "gpt-4o" on account "oai" ("a", "b") add up to 25 capacity units (25,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
    ]);
    const hub = evaluate(
      [
        workspace("hub"),
        hubPolicy("strict", COMPLIANT_FILTERS),
        hubDeployment("a", { capacity: 15 }),
        hubDeployment("b", { capacity: 10 }),
      ],
      quota({ "gpt-4o": 20 }),
    );
    expect(hub.reported(RULE).map((f) => `${f.resource}: ${f.message}`)).toEqual([
      'b: Deployments of "gpt-4o" on workspace "hub" ("a", "b") add up to 25 capacity units (25,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
    ]);
    expect(hub.reported(RULE)[0].fix).toBe(FIX.replace("sku.capacity", "properties.sku.capacity"));
    // Named by the deployments' own workspaceName when the workspace is not in the stack.
    const workspaceless = evaluate(
      [
        hubPolicy("strict", COMPLIANT_FILTERS),
        hubDeployment("a", { capacity: 15 }),
        hubDeployment("b", { capacity: 10 }),
      ],
      quota({ "gpt-4o": 20 }),
    );
    expect(workspaceless.reported(RULE).map((f) => f.message)).toContainEqual(
      'Deployments of "gpt-4o" on workspace "hub" ("a", "b") add up to 25 capacity units (25,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
    );
  });
});

describe("naming the account", () => {
  const messages = (resources: Parameters<typeof evaluate>[0]) =>
    evaluate(resources, quota({ "gpt-4o": 20 }), { endOfPreview: true })
      .reported(RULE)
      .map((f) => f.message);

  it("by the account's own name where the stack has it, not by the deployment's accountName", () => {
    expect(messages([account("oai"), policy("strict", COMPLIANT_FILTERS), linkedDep("a", 25)])).toEqual([
      'Deployments of "gpt-4o" on account "oai" ("a") add up to 25 capacity units (25,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
    ]);
  });

  it("not at all when neither name is known", () => {
    expect(
      messages([account("oai", { accountName: UNKNOWN }), policy("strict", COMPLIANT_FILTERS), linkedDep("a", 25)]),
    ).toEqual([
      'Deployments of "gpt-4o" ("a") add up to 25 capacity units (25,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
    ]);
  });
});

describe("per region (scope: region)", () => {
  const regions = (scope?: string) =>
    evaluate(
      [
        account("east1", { location: "eastus" }),
        account("east2", { location: "EastUS" }),
        account("west", { location: "westus" }),
        policy("strict", COMPLIANT_FILTERS, { accountName: "east1" }),
        dep("c1", "gpt-4o", 60, { accountName: "east1" }),
        dep("c2", "gpt-4o", 60, { accountName: "east2", raiPolicyName: undefined }),
        dep("c3", "gpt-4o", 60, { accountName: "west", raiPolicyName: undefined }),
      ],
      quota({ "gpt-4o": 100 }, scope),
    );

  it("adds up across the stack's accounts in one region (compared without case)", () => {
    expect(regions("region").reported(RULE)).toEqual([
      over(
        "c2",
        'Deployments of "gpt-4o" in region EastUS ("c1", "c2") add up to 120 capacity units (120,000 tokens per minute at 1,000 per unit), above the approved 100 units.',
      ),
    ]);
    expect(regions().reported(RULE)).toEqual([]);
  });

  it("a region's display name is the same region as its name (Sweden Central is swedencentral)", () => {
    const spelled = (location: string) =>
      evaluate(
        [
          account("a", { location: "swedencentral" }),
          account("b", { location }),
          policy("strict", COMPLIANT_FILTERS, { accountName: "a" }),
          dep("d1", "gpt-4o", 15, { accountName: "a" }),
          dep("d2", "gpt-4o", 15, { accountName: "b", raiPolicyName: undefined }),
        ],
        quota({ "gpt-4o": 20 }, "region"),
      ).reported(RULE);
    const twoAccounts = (location: string) =>
      over(
        "d2",
        `Deployments of "gpt-4o" in region ${location} ("d1", "d2") add up to 30 capacity units (30,000 tokens per minute at 1,000 per unit), above the approved 20 units.`,
      );
    expect(spelled("Sweden Central")).toEqual([twoAccounts("Sweden Central")]);
    expect(spelled(" sweden  central ")).toEqual([twoAccounts(" sweden  central ")]);
    expect(spelled("swedensouth")).toEqual([]);
  });

  it("a region where an account's location is secret is not named: the listed deployments would give it away", () => {
    const reported = evaluate(
      [
        account("b", { location: secret("Sweden Central") }),
        account("a", { location: "swedencentral" }),
        policy("pb", COMPLIANT_FILTERS, { accountName: "b" }),
        policy("strict", COMPLIANT_FILTERS, { accountName: "a" }),
        dep("db", "gpt-4o", 10, { accountName: "b", raiPolicyName: "pb" }),
        dep("da", "gpt-4o", 10, { accountName: "a" }),
      ],
      quota({ "gpt-4o": 15 }, "region"),
    ).reported(RULE);
    expect(reported).toEqual([
      over(
        "da",
        'Deployments of "gpt-4o" in region [secret] ("db", "da") add up to 20 capacity units (20,000 tokens per minute at 1,000 per unit), above the approved 15 units.',
      ),
    ]);
  });

  it("a blank location names no region: undecided like an unset one, never summed with other blank ones", () => {
    const blank = (location: string) =>
      evaluate(
        [
          account("a", { location }),
          policy("strict", COMPLIANT_FILTERS, { accountName: "a" }),
          dep("d1", "gpt-4o", 5, { accountName: "a" }),
        ],
        quota({ "gpt-4o": 20 }, "region"),
      ).reported(RULE);
    const empty = undecided(
      "d1",
      '"d1" cannot be shown compliant: location of Account "a" is empty, so the capacity used in the deployment\'s region cannot be checked.',
      "Set the location of the deployment's account.",
    );
    expect(blank("")).toEqual([empty]);
    expect(blank("  ")).toEqual([empty]);
  });

  it("a region that cannot be known: the account is not in the stack, or sets no location", () => {
    expect(
      evaluate(
        [policy("strict", COMPLIANT_FILTERS), dep("b", "gpt-4o", 25)],
        quota({ "gpt-4o": 20 }, "region"),
      ).reported(RULE),
    ).toEqual([
      undecided(
        "b",
        '"b" cannot be shown compliant: accountName names an account that is not in the stack before the deployment (its region is not known), so the capacity used in the deployment\'s region cannot be checked.',
        "Define the deployment's account in this stack, or reference it (accountName: account.name).",
      ),
    ]);
    expect(
      evaluate(
        [account("oai", { location: undefined }), policy("strict", COMPLIANT_FILTERS), dep("b", "gpt-4o", 25)],
        quota({ "gpt-4o": 20 }, "region"),
      ).reported(RULE),
    ).toEqual([
      undecided(
        "b",
        '"b" cannot be shown compliant: location of Account "oai" is not set, so the capacity used in the deployment\'s region cannot be checked.',
        "Set the location of the deployment's account.",
      ),
    ]);
  });

  it("the region that cannot be known names the property and reference of the provider in use", () => {
    const perRegion = quota({ "gpt-4o": 20 }, "region");
    const lead = (link: string) =>
      `"b" cannot be shown compliant: ${link} names an account that is not in the stack before the deployment (its region is not known), so the capacity used in the deployment's region cannot be checked.`;
    const fix = (reference: string) => `Define the deployment's account in this stack, or reference it (${reference}).`;
    expect(
      evaluate(
        [classicPolicy("strict", []), classicDeployment("b", { raiPolicyName: "strict", capacity: 25 })],
        perRegion,
      ).reported(RULE),
    ).toEqual([undecided("b", lead("cognitiveAccountId"), fix("cognitiveAccountId: account.id"))]);
    expect(
      evaluate(
        [hubPolicy("strict", COMPLIANT_FILTERS), hubDeployment("b", { raiPolicyName: "strict", capacity: 25 })],
        perRegion,
      ).reported(RULE),
    ).toEqual([undecided("b", lead("workspaceName"), fix("workspaceName: workspace.name"))]);
  });
});

describe("capacity in older API versions and SDKs", () => {
  const MODEL = { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" };
  const overTwenty = (units: number) =>
    over(
      "d1",
      `Deployments of "gpt-4o" on account "oai" ("d1") add up to ${units} capacity units (${units},000 tokens per minute at 1,000 per unit), above the approved 20 units.`,
    );

  it("azure-native properties.scaleSettings.capacity (API versions before sku, 2023-05-01) counts", () => {
    const legacy = (sku: unknown) =>
      onAccount(
        [
          deployment("d1", {
            sku,
            properties: {
              model: MODEL,
              raiPolicyName: "strict",
              scaleSettings: { scaleType: "Manual", capacity: 120 },
            },
          }),
        ],
        quota({ "gpt-4o": 20 }),
      ).reported(RULE);
    const scaleSettings = { ...overTwenty(120), fix: FIX.replace("sku.capacity", "properties.scaleSettings.capacity") };
    expect(legacy(undefined)).toEqual([scaleSettings]);
    // Both set: the larger counts, whichever shape holds it, and the fix names that property.
    expect(legacy({ name: "Standard", capacity: 5 })).toEqual([scaleSettings]);
    expect(legacy({ name: "Standard", capacity: 150 })).toEqual([overTwenty(150)]);
  });

  it("classic @pulumi/azure 5.x scale.capacity counts", () => {
    const classic = (capacity: unknown) =>
      evaluate(
        [
          classicAccount("oai"),
          classicPolicy("strict", []),
          classicDeployment("d1", { raiPolicyName: "strict", sku: undefined, scale: { type: "Standard", capacity } }),
        ],
        quota({ "gpt-4o": 20 }),
      ).reported(RULE);
    expect(classic(120)).toEqual([{ ...overTwenty(120), fix: FIX.replace("sku.capacity", "scale.capacity") }]);
    expect(classic(20)).toEqual([]);
  });

  it("a secret legacy capacity still counts, and the sum is not shown", () => {
    const reported = onAccount(
      [
        deployment("d1", {
          sku: undefined,
          properties: { model: MODEL, raiPolicyName: "strict", scaleSettings: { capacity: secret(120) } },
        }),
      ],
      quota({ "gpt-4o": 20 }),
    ).reported(RULE);
    expect(reported).toEqual([
      {
        ...over("d1", 'Deployments of "gpt-4o" on account "oai" ("d1") add up to more, above the approved 20 units.'),
        fix: FIX.replace("sku.capacity", "properties.scaleSettings.capacity"),
      },
    ]);
    expect(JSON.stringify(reported)).not.toContain("120");
  });

  it("a legacy capacity not known yet is undecided, never one unit", () => {
    const reported = onAccount(
      [
        deployment("d1", {
          sku: undefined,
          properties: { model: MODEL, raiPolicyName: "strict", scaleSettings: { capacity: UNKNOWN } },
        }),
      ],
      quota({ "gpt-4o": 20 }),
    ).reported(RULE);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ resource: "d1", verdict: "undecided", level: "mandatory" });
    expect(reported[0].message).toContain("properties.scaleSettings.capacity");
  });
});

describe("models without an approved quota", () => {
  it("is a violation naming the approved models", () => {
    expect(onAccount([dep("chat", "o3-mini", 1)], quota({ "gpt-4o": 1, o1: 2 })).reported(RULE)).toEqual([
      {
        resource: "chat",
        verdict: "violation",
        level: "mandatory",
        message: 'Deployment "chat" uses model "o3-mini", which has no approved capacity (approved: gpt-4o, o1).',
        fix: "Add the model to ccc-approved-capacity.approvedCapacity once its quota is granted, or deploy an approved model.",
      },
    ]);
  });

  it("a deployment that names no model has no quota to look up", () => {
    const noModel = dep("chat", "gpt-4o", 30);
    delete (
      (noModel.props as Record<string, Record<string, Record<string, unknown>>>).properties.model as Record<
        string,
        unknown
      >
    ).name;
    const result = onAccount([noModel], quota({ "gpt-4o": 20 }));
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).verdict).toBe("pass");
  });

  it("with no approved capacity configured the rule is inactive", () => {
    expect(onAccount([dep("chat", "gpt-4o", 1000)], DEFAULTS).reported(RULE)).toEqual([]);
    expect(onAccount([dep("chat", "gpt-4o", 1000)], quota({})).reported(RULE)).toEqual([]);
  });
});

describe("secrets", () => {
  it("a secret capacity hides the sum; a secret model name is not quoted", () => {
    expect(
      onAccount([dep("a", "gpt-4o", secret(10)), dep("b", "gpt-4o", 15)], quota({ "gpt-4o": 20 }))
        .reported(RULE)
        .map((f) => f.message),
    ).toEqual(['Deployments of "gpt-4o" on account "oai" ("a", "b") add up to more, above the approved 20 units.']);
    expect(
      onAccount([dep("a", "gpt-4o", 10), dep("b", secret("gpt-4o"), 15)], quota({ "gpt-4o": 20 }))
        .reported(RULE)
        .map((f) => f.message),
    ).toEqual([
      'Deployments of [secret] on account "oai" ("a", "b") add up to 25 capacity units (25,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
    ]);
  });

  it("a secret account name is not quoted, whether the account is in the stack or only named", () => {
    const TAIL =
      '("a") add up to 25 capacity units (25,000 tokens per minute at 1,000 per unit), above the approved 20 units.';
    expect(
      evaluate(
        [account("oai", { accountName: secret("oai") }), policy("strict", COMPLIANT_FILTERS), dep("a", "gpt-4o", 25)],
        quota({ "gpt-4o": 20 }),
      )
        .reported(RULE)
        .map((f) => f.message),
    ).toEqual([`Deployments of "gpt-4o" on account [secret] ${TAIL}`]);
    expect(
      evaluate(
        [policy("strict", COMPLIANT_FILTERS), dep("a", "gpt-4o", 25, { accountName: secret("external") })],
        quota({ "gpt-4o": 20 }),
      )
        .reported(RULE)
        .map((f) => f.message),
    ).toEqual([`Deployments of "gpt-4o" on account [secret] ${TAIL}`]);
  });
});

describe("undecided", () => {
  it("the deployment's model", () => {
    expect(onAccount([dep("chat", UNKNOWN, 1, OTHER)], quota({ "gpt-4o": 20 })).reported(RULE)).toEqual([
      undecided(
        "chat",
        '"chat" cannot be shown compliant: properties.model.name is not known, so the quota that applies to the deployment\'s model cannot be checked.',
      ),
    ]);
  });

  it("an earlier deployment's capacity; a later one does not count", () => {
    const result = onAccount(
      [dep("earlier", "gpt-4o", UNKNOWN), dep("b", "gpt-4o", 15), dep("later", "gpt-4o", UNKNOWN)],
      quota({ "gpt-4o": 20 }),
    );
    const message = (name: string, of: string) =>
      `"${name}" cannot be shown compliant: sku.capacity${of === name ? "" : ` of Deployment "${of}"`} is not known, so the capacity of deployment "${of}" (it adds to the quota) cannot be checked.`;
    expect(result.reported(RULE)).toEqual([
      undecided("earlier", message("earlier", "earlier")),
      undecided("b", message("b", "earlier")),
      undecided("later", message("later", "earlier")),
    ]);
  });

  it("an earlier deployment's model, named as its owner (it may add to the quota); a later one does not count", () => {
    const result = onAccount(
      [dep("b", "gpt-4o", 15), dep("later", UNKNOWN, 5, OTHER), dep("c", "gpt-4o", 1)],
      quota({ "gpt-4o": 20 }),
    );
    expect(result.reported(RULE)).toEqual([
      undecided(
        "later",
        '"later" cannot be shown compliant: properties.model.name is not known, so the quota that applies to the deployment\'s model cannot be checked.',
      ),
      undecided(
        "c",
        '"c" cannot be shown compliant: properties.model.name of Deployment "later" is not known, so the model of deployment "later", which may add to the quota cannot be checked.',
      ),
    ]);
    expect(result.verdict("b", RULE).verdict).toBe("pass");
  });

  it("an earlier deployment whose account is not known may be on this account", () => {
    const result = onAccount(
      [dep("a", "gpt-4o", 10, { accountName: UNKNOWN }), dep("b", "gpt-4o", 15)],
      quota({ "gpt-4o": 20 }),
    );
    expect(result.reported(RULE).filter((f) => f.resource === "b")).toEqual([
      undecided(
        "b",
        '"b" cannot be shown compliant: accountName of Deployment "a" is not known, so the capacity used on the deployment\'s account cannot be checked.',
      ),
    ]);
  });
});

it("invalid config is an error naming the key; the default applies", () => {
  const result = onAccount([dep("a", "gpt-4o", 10)], {
    ...DEFAULTS,
    [RULE]: { approvedCapacity: { "gpt-4o": -1 }, scope: "world" },
  });
  expect(result.configErrors).toEqual([
    "ccc-approved-capacity.approvedCapacity.gpt-4o: must be at least 0, got number -1; the default {} is used",
    'ccc-approved-capacity.scope: must be one of "account", "region", got "world"; the default "account" is used',
  ]);
  expect(result.reported(RULE)).toEqual([]);
});

it("two approved models that differ only in case are an error, whichever is listed first (never the first one's quota)", () => {
  for (const approvedCapacity of [
    { "GPT-4o": 100, "gpt-4o": 10 },
    { "gpt-4o": 10, "GPT-4o": 100 },
  ]) {
    const result = onAccount([dep("a", "gpt-4o", 20)], { ...DEFAULTS, [RULE]: { approvedCapacity } });
    const [first, second] = Object.keys(approvedCapacity);
    expect(result.configErrors).toEqual([
      `ccc-approved-capacity.approvedCapacity: keys "${first}" and "${second}" differ only in case, and they are compared without case; give each once; the default {} is used`,
    ]);
  }
});

policyLevelCases({
  rule: RULE,
  config: { [RULE]: { approvedCapacity: { "gpt-4o": 20 } } },
  steps: [
    step.account("oai", { "ccc-use-case": "text-generation" }),
    step.policy("strict", ALL_FILTERS),
    step.deployment("a", { policy: "strict", capacity: 15 }),
    step.deployment("b", { policy: "strict", capacity: 10 }),
  ],
  resource: "b",
  message:
    'Deployments of "gpt-4o" on account "oai" ("a", "b") add up to 25 capacity units (25,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
  fix: FIX,
  defaultLevel: "mandatory",
  previewPhase: "analyzeStack",
  badConfig: { scope: "world" },
  badConfigError: `${RULE}.scope: must be one of "account", "region", got "world"; the default "account" is used`,
});
