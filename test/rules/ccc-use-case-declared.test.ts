// ccc-use-case-declared: every deployment declares its use cases (on itself, its RAI policy or its account, or
// by the organization's default), every tag value is a use case, and the declaration fits the model. It owns
// the "no use case" problem the filter rules also meet.
import {
  COMPLIANT_FILTERS,
  JAILBREAK,
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

const RULE = "ccc-use-case-declared";
const ALLOWED = "text-generation, code-generation, image-generation, speech, other";
const DECLARE = {
  "azure-native": `tag the deployment (or its account, as a default) with "ccc-use-case": "text-generation", or set ccc-organization-config.defaultUseCases`,
  classic: `azurerm deployments take no tags: tag the azure.cognitive.Account (or the AccountRaiPolicy it uses) with "ccc-use-case": "text-generation", or set ccc-organization-config.defaultUseCases`,
  "foundry-hub": `hub deployments take no tags: tag the machinelearningservices.Workspace with "ccc-use-case": "text-generation", or set ccc-organization-config.defaultUseCases`,
};
const sentence = (s: string) => `${s[0].toUpperCase()}${s.slice(1)}`;
/** `instead`: what the tags hold that are not use cases, as the message words it. */
const NO_USE_CASE = (name = "chat", instead?: string) =>
  `Deployment "${name}" declares no use case: no valid ccc-use-case tag on the deployment, its RAI policy or its account${instead ? ` (${instead}; allowed values: ${ALLOWED})` : ""}, and ccc-organization-config.defaultUseCases is empty. The CCC mitigations depend on the use case, so the deployment cannot be checked.`;
/** What the message adds when no account in the stack before the deployment is its own. */
const NOT_BEFORE = (account: string, reference: string) =>
  ` ${account} is not in the stack before the deployment; if the program defines it later, reference it (${reference}), so it and its tag come first.`;
const noUseCase = (flavour: keyof typeof DECLARE, instead?: string) => ({
  resource: "chat",
  verdict: "violation",
  level: "mandatory",
  message: NO_USE_CASE("chat", instead),
  fix: `${sentence(DECLARE[flavour])} (one or more of ${ALLOWED}).`,
});
/** An invalid tag on deployment "chat", or on the account or policy named `resource`. */
const invalid = (resource: string, values: string) => ({
  resource,
  verdict: "violation",
  level: "mandatory",
  message: `The ccc-use-case tag of "${resource}" has ${values}. Allowed values: ${ALLOWED}.`,
  fix:
    resource === "chat"
      ? `${sentence(DECLARE["azure-native"])}, with only ${ALLOWED}.`
      : `Set the ccc-use-case tag of "${resource}" to one or more of ${ALLOWED}, comma-separated.`,
});
const PREVIEW_FIX =
  "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.";
const undecided = (resource: string, message: string, fix = PREVIEW_FIX) => ({
  resource,
  verdict: "undecided",
  level: "mandatory",
  message,
  fix,
});

/** Account "oai" with `accountTags`, policy "strict" with `policyTags`, deployment "chat" with `tags`. */
const stack = (
  tags?: Record<string, unknown>,
  accountTags?: Record<string, unknown>,
  policyTags?: Record<string, unknown>,
  config = {},
) =>
  evaluate(
    [
      account("oai", accountTags ? { tags: accountTags } : {}),
      policy("strict", COMPLIANT_FILTERS, policyTags ? { tags: policyTags } : {}),
      deployment("chat", { raiPolicyName: "strict", ...(tags ? { tags } : {}) }),
    ],
    config,
  );

describe("declared nowhere", () => {
  it("azure-native: tag the deployment or its account, or set defaultUseCases", () => {
    expect(stack().reported(RULE)).toEqual([noUseCase("azure-native")]);
  });

  it("a tag with no valid value declares nothing", () => {
    expect(stack({ "ccc-use-case": " , " }).reported(RULE)).toEqual([noUseCase("azure-native")]);
  });

  it("classic deployments take no tags: the fix says where a classic program declares it", () => {
    const result = evaluate([
      classicAccount("oai"),
      classicPolicy("strict", []),
      classicDeployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.reported(RULE)).toEqual([noUseCase("classic")]);
  });

  it("AI Foundry hub deployments take no tags: the workspace's tag is the default", () => {
    const result = evaluate([
      workspace("hub"),
      hubPolicy("strict", COMPLIANT_FILTERS),
      hubDeployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.reported(RULE)).toEqual([noUseCase("foundry-hub")]);
  });

  it("is not a problem for models without content output or outside the CCC", () => {
    const result = evaluate([
      account("oai"),
      policy("strict", []),
      deployment("vectors", { raiPolicyName: "strict", model: "text-embedding-3-large" }),
      deployment("mistral", { raiPolicyName: "strict", model: "Mistral-Large-2411", format: "Mistral AI" }),
    ]);
    expect(result.reported(RULE)).toEqual([]);
  });

  it("ccc-organization-config.defaultUseCases applies when nothing is declared", () => {
    const result = stack(undefined, undefined, undefined, {
      "ccc-organization-config": { defaultUseCases: ["text-generation"] },
    });
    expect(result.reported(RULE)).toEqual([]);
    expect(result.subject("chat").subject).toMatchObject({
      useCases: { values: ["text-generation"], declaredOn: ["pack config defaultUseCases"] },
    });
  });
});

describe("declared on the deployment, its policy or its account", () => {
  it.each([
    ["the deployment, under a tag key in any case", { "CCC-Use-Case": " Text-Generation " }, undefined, undefined],
    ["the account", undefined, { "ccc-use-case": "text-generation" }, undefined],
    ["the RAI policy", undefined, undefined, { "ccc-use-case": "text-generation" }],
  ])("on %s", (_label, tags, accountTags, policyTags) => {
    const result = stack(tags, accountTags, policyTags);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).verdict).toBe("pass");
  });
});

describe("values that are not use cases", () => {
  it("on a deployment, listing each as written", () => {
    expect(stack({ "ccc-use-case": "text-generation, chat ,Foo" }).reported(RULE)).toEqual([
      invalid("chat", '"chat", "Foo", which are not use cases'),
    ]);
  });

  it("on an account or a policy (which then declares nothing): the deployment's finding says why", () => {
    expect(stack(undefined, { "ccc-use-case": "text" }).reported(RULE)).toEqual([
      invalid("oai", '"text", which is not a use case'),
      noUseCase("azure-native", `account "oai"'s tag has "text", which is not a use case`),
    ]);
    expect(
      stack({ "ccc-use-case": "text-generation" }, undefined, { "ccc-use-case": "speach" }).reported(RULE),
    ).toEqual([invalid("strict", '"speach", which is not a use case')]);
    expect(stack(undefined, undefined, { "ccc-use-case": "speach" }).reported(RULE)).toEqual([
      invalid("strict", '"speach", which is not a use case'),
      noUseCase("azure-native", `RAI policy "strict"'s tag has "speach", which is not a use case`),
    ]);
  });

  it("a deployment that declares nothing because of its own tag gets one finding, not two", () => {
    expect(stack({ "ccc-use-case": "chatbot" }).reported(RULE)).toEqual([
      noUseCase("azure-native", `the deployment's tag has "chatbot", which is not a use case`),
    ]);
    // Every tag it could take one from, in one sentence: the deployment's, its policy's, its account's.
    expect(
      stack({ "ccc-use-case": "chatbot" }, { "ccc-use-case": "text, code" }, { "ccc-use-case": "x" }).reported(RULE),
    ).toEqual([
      invalid("oai", '"text", "code", which are not use cases'),
      invalid("strict", '"x", which is not a use case'),
      noUseCase(
        "azure-native",
        `the deployment's tag has "chatbot", RAI policy "strict"'s tag has "x", account "oai"'s tag has "text", "code", which are not use cases`,
      ),
    ]);
    // Only tags it could take one from: no policy is named, and its account is not in the stack.
    const alone = evaluate([deployment("chat", { accountName: "elsewhere", tags: { "ccc-use-case": "chatbot" } })]);
    expect(alone.reported(RULE).find((f) => f.resource === "chat")?.message).toBe(
      NO_USE_CASE("chat", `the deployment's tag has "chatbot", which is not a use case`) +
        NOT_BEFORE('Account "elsewhere"', "accountName: account.name"),
    );
    // A secret policy name is not shown.
    const hidden = evaluate([
      account("oai"),
      policy("strict", COMPLIANT_FILTERS, { raiPolicyName: secret("strict"), tags: { "ccc-use-case": "x" } }),
      deployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(hidden.reported(RULE).find((f) => f.resource === "chat")?.message).toBe(
      NO_USE_CASE("chat", `RAI policy [secret]'s tag has "x", which is not a use case`),
    );
    // With a use case from its account, the deployment's own bad value is its own finding.
    expect(stack({ "ccc-use-case": "chatbot" }, { "ccc-use-case": "text-generation" }).reported(RULE)).toEqual([
      invalid("chat", '"chatbot", which is not a use case'),
    ]);
  });

  it("a deployment whose account is not in the stack before it is told how to reference it, in its API", () => {
    const message = (resources: Parameters<typeof evaluate>[0]) =>
      evaluate(resources)
        .reported(RULE)
        .find((f) => f.resource === "chat")?.message;
    expect(message([deployment("chat")])).toBe(
      NO_USE_CASE() + NOT_BEFORE('Account "oai"', "accountName: account.name"),
    );
    expect(message([classicDeployment("chat")])).toBe(
      NO_USE_CASE() + NOT_BEFORE('Account "oai"', "cognitiveAccountId: account.id"),
    );
    expect(message([hubDeployment("chat")])).toBe(
      NO_USE_CASE() + NOT_BEFORE('Workspace "hub"', "workspaceName: workspace.name"),
    );
    expect(message([deployment("chat", { accountName: secret("oai-private") })])).toBe(
      NO_USE_CASE() + NOT_BEFORE("Account [secret]", "accountName: account.name"),
    );
    // An account registered after it is its account: the stack level sees its tag (no hint, no finding).
    const declared = { tags: { "ccc-use-case": "text-generation" } };
    expect(message([deployment("chat", {}, { seq: 1 }), account("oai", declared, { seq: 2 })])).toBeUndefined();
    // The RAI policy it runs on is not known yet: its tag may declare one (which policy is undecided elsewhere).
    expect(message([account("oai"), deployment("chat", { raiPolicyName: UNKNOWN })])).toBeUndefined();
    // A name not known yet names no account to look for.
    expect(message([deployment("chat", { accountName: UNKNOWN })])).toBe(NO_USE_CASE());
    // An account the stack has before it says nothing of the kind.
    expect(message([account("oai"), deployment("chat")])).toBe(NO_USE_CASE());
  });

  it("a secret tag is not quoted", () => {
    expect(stack(undefined, { "ccc-use-case": secret("chatbot-x") }).reported(RULE)).toEqual([
      invalid("oai", "[secret], which is not a use case"),
      noUseCase("azure-native", `account "oai"'s tag has [secret], which is not a use case`),
    ]);
    expect(stack({ "ccc-use-case": secret("chatbot-x") }).reported(RULE)).toEqual([
      noUseCase("azure-native", `the deployment's tag has [secret], which is not a use case`),
    ]);
  });

  it("on a classic account or a hub workspace, the fix names the tagged resource", () => {
    const classic = evaluate([classicAccount("oai", { tags: { "ccc-use-case": "txt" } })]);
    expect(classic.reported(RULE)).toEqual([invalid("oai", '"txt", which is not a use case')]);
    const hub = evaluate([workspace("hub", { tags: { "ccc-use-case": "txt" } })]);
    expect(hub.reported(RULE)).toEqual([invalid("hub", '"txt", which is not a use case')]);
  });
});

describe("a declaration the model cannot produce", () => {
  const overridden = (declared: string, model: string, produces: string, values: string) => ({
    resource: "chat",
    verdict: "violation",
    level: "mandatory",
    message: `Deployment "chat": the declared use cases (${declared}) are none the model can produce: ${model} produces ${produces} only. The pack judges it by what the model produces (${values}) instead.`,
    fix: `Declare the use cases the deployment serves: tag the deployment (or its account, as a default) with "ccc-use-case": "${values.replace(", ", ",")}", or set ccc-organization-config.defaultUseCases.`,
  });

  it("a text model declared for image generation is judged as text and code", () => {
    expect(stack(undefined, { "ccc-use-case": "image-generation" }).reported(RULE)).toEqual([
      overridden(
        "image-generation",
        "model gpt-4o* (text and code generation)",
        "text-generation and code-generation",
        "text-generation, code-generation",
      ),
    ]);
  });

  it("a model the table does not know is taken to produce text and code (fail closed)", () => {
    const result = evaluate([
      account("oai", { tags: { "ccc-use-case": "image-generation" } }),
      policy("strict", COMPLIANT_FILTERS),
      deployment("chat", { raiPolicyName: "strict", model: "contoso-7b" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      overridden(
        "image-generation",
        "a model the pack's table does not know",
        "text-generation and code-generation",
        "text-generation, code-generation",
      ),
    ]);
  });

  it("a secret declaration is not quoted", () => {
    expect(stack(undefined, { "ccc-use-case": secret("image-generation") }).reported(RULE)).toEqual([
      overridden(
        "[secret]",
        "model gpt-4o* (text and code generation)",
        "text-generation and code-generation",
        "text-generation, code-generation",
      ),
    ]);
  });

  it("a declaration only partly produced is narrowed, not overridden (ccc-covered-model notes it)", () => {
    const result = evaluate([
      account("oai", { tags: { "ccc-use-case": "text-generation,image-generation" } }),
      policy("strict", []),
      deployment("chat", { raiPolicyName: "strict", model: "dall-e-3" }),
    ]);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.of("ccc-covered-model").map((f) => f.verdict)).toEqual(["note"]);
  });
});

describe("undecided", () => {
  it("the deployment's own tag", () => {
    expect(stack({ "ccc-use-case": UNKNOWN }).reported(RULE)).toEqual([
      undecided(
        "chat",
        '"chat" cannot be shown compliant: tags.ccc-use-case is not known, so its use cases (its ccc-use-case tag) cannot be checked.',
      ),
    ]);
  });

  it("the account's tag: the account and the deployment each wait for it", () => {
    expect(stack(undefined, { "ccc-use-case": UNKNOWN }).reported(RULE)).toEqual([
      undecided(
        "oai",
        '"oai" cannot be shown compliant: tags.ccc-use-case is not known, so the ccc-use-case tag cannot be checked.',
      ),
      undecided(
        "chat",
        '"chat" cannot be shown compliant: tags.ccc-use-case is not known, so its default use cases (its account\'s ccc-use-case tag) cannot be checked.',
      ),
    ]);
  });

  it("the tag of the policy it runs on", () => {
    expect(stack(undefined, undefined, { "ccc-use-case": UNKNOWN }).reported(RULE)).toEqual([
      undecided(
        "strict",
        '"strict" cannot be shown compliant: tags.ccc-use-case is not known, so the ccc-use-case tag cannot be checked.',
      ),
      undecided(
        "chat",
        '"chat" cannot be shown compliant: tags.ccc-use-case is not known, so its use cases (the ccc-use-case tag of the RAI policy it runs on) cannot be checked.',
      ),
    ]);
  });

  it("tag keys differing only in case with different values are ambiguous, never the first: one finding", () => {
    const tags = { "ccc-use-case": "text-generation", "CCC-USE-CASE": "image-generation" };
    // ccc-well-formed-resources reports the ambiguous tag; this rule, unable to decide because of it, adds nothing.
    const result = stack(tags);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.pairs()).toEqual(["ccc-well-formed-resources chat"]);
    expect(result.subject("chat").compliant).toBe(false);
    // With that rule disabled, this rule reports it itself.
    expect(stack(tags, undefined, undefined, { "ccc-well-formed-resources": "disabled" }).reported(RULE)).toEqual([
      undecided(
        "chat",
        '"chat" cannot be shown compliant: tags.ccc-use-case is ambiguous (is set 2 times with different values ("ccc-use-case": "text-generation", "CCC-USE-CASE": "image-generation"); Azure tag names are case-insensitive), so its use cases (its ccc-use-case tag) cannot be checked.',
        "Give tags.ccc-use-case once (Azure tag names and resource names ignore case).",
      ),
    ]);
  });

  it("two accounts with the deployment's account identity", () => {
    const result = evaluate([
      account("oai", { tags: { "ccc-use-case": "text-generation" } }, { logical: "one" }),
      account("OAI", {}, { logical: "two" }),
      policy("strict", COMPLIANT_FILTERS),
      deployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      undecided(
        "chat",
        '"chat" cannot be shown compliant: accountName is ambiguous (names 2 accounts in the stack), so its default use cases (from its account\'s tag) cannot be checked.',
        "Give accountName once (Azure tag names and resource names ignore case).",
      ),
    ]);
  });
});

describe("shared problem ownership", () => {
  const undeclared = [account("oai"), policy("strict", [JAILBREAK]), deployment("chat", { raiPolicyName: "strict" })];
  const mandatory = (result: ReturnType<typeof evaluate>) =>
    result.judgement.findings.filter((f) => f.level === "mandatory").map((f) => `${f.ruleId} ${f.message}`);

  it("one finding, although every filter rule met it", () => {
    expect(mandatory(evaluate(undeclared))).toEqual([`${RULE} ${NO_USE_CASE()}`]);
  });

  it("disabled: the first filter rule reports it, worded the same", () => {
    expect(mandatory(evaluate(undeclared, { [RULE]: "disabled" }))).toEqual([
      `ccc-text-protected-material-filter ${NO_USE_CASE()}`,
    ]);
  });

  it("advisory: a mandatory rule that met it reports it mandatory", () => {
    const config = {
      [RULE]: "advisory",
      "ccc-text-protected-material-filter": "advisory",
      "ccc-jailbreak-filter-mode": "advisory",
    };
    expect(mandatory(evaluate(undeclared, config))).toEqual([`ccc-code-protected-material-filter ${NO_USE_CASE()}`]);
  });
});

policyLevelCases({
  rule: RULE,
  // The filter rules meet the same problem: disabled here, so that at advisory the owner still reports it.
  config: {
    "ccc-text-protected-material-filter": "disabled",
    "ccc-jailbreak-filter-mode": "disabled",
    "ccc-code-protected-material-filter": "disabled",
    "ccc-async-filter-coverage": "disabled",
  },
  steps: [step.account("oai"), step.policy("strict", ALL_FILTERS), step.deployment("chat", { policy: "strict" })],
  resource: "chat",
  message: NO_USE_CASE(),
  fix: noUseCase("azure-native").fix,
  defaultLevel: "mandatory",
  previewPhase: "analyzeStack",
  badConfig: { defaultUseCases: ["text-generation"] },
  badConfigError: `${RULE}: unknown config key "defaultUseCases"; this policy takes no config`,
});
