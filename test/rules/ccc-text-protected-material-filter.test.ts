// ccc-text-protected-material-filter: a text-generation deployment's policy (and its spillover deployment's)
// runs Protected Material Text on completions in filter mode.
import {
  COMPLIANT_FILTERS,
  JAILBREAK,
  PM_CODE,
  PM_TEXT,
  T,
  UNKNOWN,
  compliantText,
  account,
  classicAccount,
  classicDeployment,
  classicFilter,
  classicPolicy,
  deployment,
  evaluate,
  filterEntry,
  hubDeployment,
  hubPolicy,
  policy,
  raw,
  secret,
  workspace,
} from "../support/stack";
import { F, policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-text-protected-material-filter";
const TEXT = { tags: { "ccc-use-case": "text-generation" } };
const FILTER_MODE = "filter mode (enabled: true, blocking: true)";
const POLICY = 'RAI policy "strict" (strict)';
const SERVES = 'Deployment "chat" serves text-generation (declared on account "oai")';
const NEEDS = `Text generation needs "Protected Material Text" on Completion in ${FILTER_MODE}.`;
const MISSING = `has no "Protected Material Text" filter on Completion.`;
const FIX = `Set {name: "Protected Material Text", source: "Completion", enabled: true, blocking: true} in properties.contentFilters of ${POLICY}.`;
const PM_TEXT_ANNOTATE = filterEntry("Protected Material Text", "Completion", true, false);

/** Account "oai" tagged text-generation, policy "strict" with `filters`, deployment "chat" on it. */
const onPolicy = (filters: unknown, props: Record<string, unknown> = {}, config = {}) =>
  evaluate(
    [account("oai", TEXT), policy("strict", filters, props), deployment("chat", { raiPolicyName: "strict" })],
    config,
  );
const violation = (message: string, fix = FIX, resource = "chat") => ({
  resource,
  verdict: "violation",
  level: "mandatory",
  message,
  fix,
});

describe("violations", () => {
  it("a missing filter, naming the filter, its source, the mode text generation needs and the fix", () => {
    expect(onPolicy([JAILBREAK]).reported(RULE)).toEqual([
      violation(`${SERVES}; its ${POLICY} ${MISSING} Text generation needs it in ${FILTER_MODE}.`),
    ]);
  });

  it("points at an entry on the wrong source, a name Azure does not spell, and an inherited base policy", () => {
    const result = onPolicy(
      [
        JAILBREAK,
        filterEntry("protected material text", "Prompt", true, true),
        filterEntry("ProtectedMaterialText", "Completion", true, true),
      ],
      { basePolicyName: "Microsoft.DefaultV2" },
    );
    expect(result.reported(RULE)).toEqual([
      violation(
        `${SERVES}; its ${POLICY} ${MISSING} It has properties.contentFilters[1] ("protected material text", Prompt), but the filter counts only on source "Completion". properties.contentFilters[2] ("ProtectedMaterialText", Completion) is not a spelling Azure uses for a filter name (any case, words separated by one space, "-" or "_"), so it does not count. Filters inherited from basePolicyName "Microsoft.DefaultV2" cannot be verified, so list it explicitly. Text generation needs it in ${FILTER_MODE}.`,
      ),
    ]);
  });

  it.each([
    ["annotate mode", PM_TEXT_ANNOTATE, "annotate mode (enabled: true, blocking: false)"],
    ["off", { name: "Protected Material Text", source: "Completion", enabled: false }, "off (enabled: false)"],
    [
      "enabled without blocking",
      { name: "Protected Material Text", source: "Completion", enabled: true },
      "a mode that cannot be shown to block (enabled/blocking not both set, or an unrecognised action)",
    ],
    [
      "action BLOCKING on the account API, which has no action",
      { name: "Protected Material Text", source: "Completion", action: "BLOCKING" },
      "a mode that cannot be shown to block (enabled/blocking not both set, or an unrecognised action)",
    ],
  ])("a filter in %s, quoting the entry as written", (_label, entry, mode) => {
    expect(onPolicy([JAILBREAK, entry]).reported(RULE)).toEqual([
      violation(
        `${SERVES}; its ${POLICY} sets properties.contentFilters[1] ("Protected Material Text", Completion) to ${mode}. ${NEEDS}`,
      ),
    ]);
  });

  it("a filter listed twice in disagreeing modes never passes on its stronger copy", () => {
    const result = onPolicy([JAILBREAK, PM_TEXT, filterEntry("protected_material_text", "completion", true, false)]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${SERVES}; its ${POLICY} sets properties.contentFilters[1] ("Protected Material Text", Completion) and properties.contentFilters[2] ("protected_material_text", completion) to a contradictory state (its enabled, blocking and action fields disagree, or it is listed twice). ${NEEDS}`,
      ),
    ]);
  });

  it("flags set by secrets: the mode is not spelled out", () => {
    const entry = {
      name: "Protected Material Text",
      source: "Completion",
      enabled: secret(true),
      blocking: secret(false),
    };
    expect(onPolicy([JAILBREAK, entry]).reported(RULE)).toEqual([
      violation(
        `${SERVES}; its ${POLICY} sets properties.contentFilters[1] ("Protected Material Text", Completion) to a mode set by secret values, which is not filter mode. ${NEEDS}`,
      ),
    ]);
  });

  it("a filter name from a secret is shown as [secret]", () => {
    const entry = { name: secret("Protected Material Text"), source: "Completion", enabled: true, blocking: false };
    const [finding] = onPolicy([JAILBREAK, entry]).reported(RULE);
    expect(finding.message).toContain("properties.contentFilters[1] ([secret], Completion) to annotate mode");
    expect(finding.message).not.toMatch(/Protected|Material/);
  });

  it("a RAI policy tagged text-generation is checked on its own", () => {
    const result = evaluate([account("oai"), policy("strict", [JAILBREAK], TEXT)]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${POLICY} is declared for text-generation; it ${MISSING} Text generation needs it in ${FILTER_MODE}.`,
        FIX,
        "strict",
      ),
    ]);
  });

  it("the policy of the deployment it spills over to", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("strict", COMPLIANT_FILTERS),
      policy("weak", [JAILBREAK]),
      deployment("over", { raiPolicyName: "weak", model: "dall-e-3", tags: { "ccc-use-case": "image-generation" } }),
      deployment("chat", { raiPolicyName: "strict", spillover: "over" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${SERVES}; its spillover deployment "over" runs on RAI policy "weak" (weak), which ${MISSING} Text generation needs it in ${FILTER_MODE}.`,
        'Set {name: "Protected Material Text", source: "Completion", enabled: true, blocking: true} in properties.contentFilters of RAI policy "weak" (weak).',
      ),
    ]);
  });
});

describe("a spillover deployment on the deployment's own policy", () => {
  it("a deployment with no policy of its own still has its spillover's checked", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("weak", [JAILBREAK]),
      deployment("over", { raiPolicyName: "weak" }),
      deployment("chat", { spillover: "over" }),
    ]);
    expect(
      result
        .reported(RULE)
        .filter((f) => f.resource === "chat")
        .map((f) => f.message),
    ).toEqual([
      `${SERVES}; its spillover deployment "over" runs on RAI policy "weak" (weak), which ${MISSING} Text generation needs it in ${FILTER_MODE}.`,
    ]);
  });

  it("is one finding on the deployment, for its own policy", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("weak", [JAILBREAK]),
      deployment("over", { raiPolicyName: "weak" }),
      deployment("chat", { raiPolicyName: "weak", spillover: "over" }),
    ]);
    expect(result.reported(RULE).filter((f) => f.resource === "chat")).toEqual([
      violation(
        `${SERVES}; its RAI policy "weak" (weak) ${MISSING} Text generation needs it in ${FILTER_MODE}.`,
        'Set {name: "Protected Material Text", source: "Completion", enabled: true, blocking: true} in properties.contentFilters of RAI policy "weak" (weak).',
      ),
    ]);
  });
});

describe("passes", () => {
  it("filter mode, in any case and with words separated by one space, - or _", () => {
    expect(onPolicy([JAILBREAK, PM_TEXT]).reported(RULE)).toEqual([]);
    const spelled = onPolicy([filterEntry("PROTECTED-material_Text", "COMPLETION", true, true)]);
    expect(spelled.reported(RULE)).toEqual([]);
    expect(spelled.verdict("chat", RULE).verdict).toBe("pass");
  });

  it("the preview action field where the API version has it (subscription-level policies)", () => {
    const sub = (action: string) =>
      evaluate([
        raw(T.subscriptionPolicy, "sp", {
          raiPolicyName: "s",
          properties: { contentFilters: [{ name: "Protected Material Text", source: "Completion", action }] },
          tags: TEXT.tags,
        }),
      ]).reported(RULE);
    expect(sub("BLOCKING")).toEqual([]);
    expect(sub("ANNOTATING")).toEqual([
      violation(
        'RAI policy "s" (sp) is declared for text-generation; it sets properties.contentFilters[0] ("Protected Material Text", Completion) to annotate mode (enabled: true, blocking: false). Text generation needs "Protected Material Text" on Completion in filter mode (enabled: true, blocking: true).',
        'Set {name: "Protected Material Text", source: "Completion", enabled: true, blocking: true} in properties.contentFilters of RAI policy "s" (sp).',
        "sp",
      ),
    ]);
  });

  it("Microsoft.DefaultV2 by its documented contents, when the organization accepts them", () => {
    const result = evaluate([account("oai", TEXT), deployment("chat", { raiPolicyName: "Microsoft.DefaultV2" })], {
      "ccc-organization-config": { acceptMicrosoftDefaultPolicy: true },
    });
    expect(result.verdict("chat", RULE).verdict).toBe("pass");
  });
});

describe("not applicable", () => {
  const reason = (result: ReturnType<typeof evaluate>, name: string) => result.verdict(name, RULE).notApplicable;

  it("says which use cases need the filter", () => {
    const code = evaluate([
      account("oai", { tags: { "ccc-use-case": "code-generation" } }),
      policy("strict", []),
      deployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(code.reported(RULE)).toEqual([]);
    expect(reason(code, "chat")).toBe(
      "the deployment serves code-generation; only text generation needs Protected Material Text",
    );
    expect(reason(code, "strict")).toBe(
      "the policy declares no use case; only text generation needs Protected Material Text",
    );
  });

  it("a model the CCC's mitigations do not address, and an embeddings model declared for text", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("strict", []),
      deployment("mistral", { raiPolicyName: "strict", model: "Mistral-Large-2411", format: "Mistral AI" }),
      deployment("vectors", { raiPolicyName: "strict", model: "text-embedding-3-large" }),
    ]);
    expect(result.reported(RULE)).toEqual([]);
    expect(reason(result, "mistral")).toBe("the deployment's model is not Azure OpenAI (see ccc-covered-model)");
    expect(reason(result, "vectors")).toBe(
      "the deployment declares only use cases its model cannot produce (see ccc-covered-model); only text generation needs Protected Material Text",
    );
  });
});

const undecided = (message: string, resource = "chat") => ({
  resource,
  verdict: "undecided",
  level: "mandatory",
  message,
  fix: "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.",
});

describe("undecided", () => {
  it.each([
    ["the filter list", UNKNOWN, "properties.contentFilters"],
    ["a filter's flag", [JAILBREAK, { ...PM_TEXT, blocking: UNKNOWN }], "properties.contentFilters[1].blocking"],
    ["a filter's source", [JAILBREAK, { ...PM_TEXT, source: UNKNOWN }], "properties.contentFilters[1].source"],
    // A second entry whose source may turn out to be the first one's (ccc-well-formed-resources cannot call it a repeat).
    [
      "the source of a second entry in annotate mode",
      [JAILBREAK, PM_TEXT, { ...PM_TEXT, source: UNKNOWN, blocking: false }],
      "properties.contentFilters[2].source",
    ],
  ])("names the property when %s is not known", (_label, filters, path) => {
    expect(onPolicy(filters).reported(RULE)).toEqual([
      undecided(
        `"chat" cannot be shown compliant: ${path} is not known, so the Protected Material Text filter of ${POLICY} cannot be checked.`,
      ),
    ]);
  });

  it("whether the model is Azure OpenAI, when its format is not known", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("strict", COMPLIANT_FILTERS),
      deployment("chat", { raiPolicyName: "strict", format: UNKNOWN }),
    ]);
    expect(result.reported(RULE)).toEqual([
      undecided(
        '"chat" cannot be shown compliant: properties.model.format is not known, so whether its model is Azure OpenAI cannot be checked.',
      ),
    ]);
  });
});

describe("undecided spillover deployment", () => {
  // One finding, under the first rule in catalogue order that needs the spillover deployment's policy.

  it("its name is not known", () => {
    const result = evaluate(compliantText([deployment("ptu", { raiPolicyName: "strict", spillover: UNKNOWN })]));
    expect(result.reported(RULE)).toEqual([
      undecided(
        '"ptu" cannot be shown compliant: properties.spilloverDeploymentName is not known, so the deployment it spills over to (a resource in the stack whose identity is not known may be it) cannot be checked.',
        "ptu",
      ),
    ]);
  });

  it("a deployment of that name whose account is not known may be it", () => {
    const result = evaluate(
      compliantText([
        deployment("overflow", { raiPolicyName: "strict", accountName: UNKNOWN }),
        deployment("ptu", { raiPolicyName: "strict", spillover: "overflow" }),
      ]),
    );
    expect(result.reported(RULE)).toEqual([
      undecided(
        '"ptu" cannot be shown compliant: accountName of Deployment "overflow" is not known, so the deployment it spills over to (a resource in the stack whose identity is not known may be it) cannot be checked.',
        "ptu",
      ),
    ]);
  });
});

describe("providers", () => {
  it("classic: quotes contentFilters and fixes with filterEnabled/blockEnabled", () => {
    const result = evaluate([
      classicAccount("oai", TEXT),
      classicPolicy("strict", [
        classicFilter("Jailbreak", "Prompt", true, true),
        classicFilter("Protected Material Text", "Completion", true, false),
      ]),
      classicDeployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${SERVES}; its ${POLICY} sets contentFilters[1] ("Protected Material Text", Completion) to annotate mode (enabled: true, blocking: false). ${NEEDS}`,
        `Set {name: "Protected Material Text", source: "Completion", filterEnabled: true, blockEnabled: true, severityThreshold: "High"} in contentFilters of ${POLICY}.`,
      ),
    ]);
  });

  it.each(["endpoints", "connections"] as const)("AI Foundry hub, policy and deployment under %s", (parent) => {
    const result = evaluate([
      workspace("hub", TEXT),
      hubPolicy("strict", [JAILBREAK], {}, undefined, parent),
      hubDeployment("chat", { raiPolicyName: "strict" }, undefined, parent),
    ]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `Deployment "chat" serves text-generation (declared on workspace "hub"); its ${POLICY} ${MISSING} Text generation needs it in ${FILTER_MODE}.`,
      ),
    ]);
  });

  it("an externally managed policy is judged by the filters pack config vouches for, fixed in the program's spelling", () => {
    const external = {
      "ccc-organization-config": {
        externalRaiPolicies: [{ name: "corp", contentFilters: [F("Jailbreak", "Prompt")] }],
      },
    };
    const label = 'externally managed RAI policy "corp" (pack config)';
    const native = evaluate([account("oai", TEXT), deployment("chat", { raiPolicyName: "corp" })], external);
    expect(native.reported(RULE)).toEqual([
      violation(
        `${SERVES}; its ${label} ${MISSING} Text generation needs it in ${FILTER_MODE}.`,
        `Set {name: "Protected Material Text", source: "Completion", enabled: true, blocking: true} in properties.contentFilters of ${label}.`,
      ),
    ]);
    const classic = evaluate(
      [classicAccount("oai", TEXT), classicDeployment("chat", { raiPolicyName: "CORP" })],
      external,
    );
    expect(classic.reported(RULE).map((f) => f.fix)).toEqual([
      `Set {name: "Protected Material Text", source: "Completion", filterEnabled: true, blockEnabled: true, severityThreshold: "High"} in contentFilters of ${label}.`,
    ]);
  });

  it("Microsoft.Default is judged by its documented contents: the filter is off there", () => {
    const result = evaluate([account("oai", TEXT), deployment("chat", { raiPolicyName: "Microsoft.Default" })]);
    expect(result.reported(RULE)).toEqual([
      violation(
        `${SERVES}; its Microsoft-managed policy "Microsoft.Default" (as documented in Microsoft Learn: Content filtering (concept page, 2023 version), checked 2026-11-25) sets Protected Material Text on Completion to off (enabled: false). ${NEEDS}`,
        `Create a cognitiveservices.RaiPolicy on the deployment's account with the required filters and set the deployment's properties.raiPolicyName: policy.name, with {name: "Protected Material Text", source: "Completion", enabled: true, blocking: true} in properties.contentFilters.`,
      ),
    ]);
  });
});

describe("shared problems are reported once, by the highest-level rule that met them", () => {
  const noPolicy = [account("oai", TEXT), deployment("chat")];
  const keys = (result: ReturnType<typeof evaluate>) =>
    result.judgement.findings.filter((f) => f.level === "mandatory").map((f) => `${f.ruleId} ${f.verdict}`);

  it("no policy: one finding under ccc-explicit-rai-policy, which owns it", () => {
    const result = evaluate(noPolicy);
    expect(keys(result)).toEqual(["ccc-explicit-rai-policy violation"]);
    expect(result.verdict("chat", RULE)).toMatchObject({
      verdict: "violation",
      findings: [{ ruleId: "ccc-explicit-rai-policy" }],
    });
  });

  it("with the owner disabled, this rule reports it, worded as the owner words it", () => {
    const owner = evaluate(noPolicy).of("ccc-explicit-rai-policy")[0];
    const result = evaluate(noPolicy, { "ccc-explicit-rai-policy": "disabled" });
    expect(keys(result)).toEqual([`${RULE} violation`]);
    expect(result.of(RULE)[0]).toMatchObject({ message: owner.message, fix: owner.fix, level: "mandatory" });
  });

  it("with the owner advisory, the finding is mandatory under this rule", () => {
    const result = evaluate(noPolicy, { "ccc-explicit-rai-policy": "advisory" });
    expect(keys(result)).toEqual([`${RULE} violation`]);
    expect(result.of("ccc-explicit-rai-policy")).toEqual([]);
  });

  it("no use case: one finding under ccc-use-case-declared; disabled, this rule reports it", () => {
    const undeclared = [account("oai"), policy("strict", [JAILBREAK]), deployment("chat", { raiPolicyName: "strict" })];
    expect(keys(evaluate(undeclared))).toEqual(["ccc-use-case-declared violation"]);
    expect(keys(evaluate(undeclared, { "ccc-use-case-declared": "disabled" }))).toEqual([`${RULE} violation`]);
  });

  it("an unknown policy name: one undecided finding under ccc-verifiable-rai-policy; disabled, this rule reports it", () => {
    const unknown = [account("oai", TEXT), deployment("chat", { raiPolicyName: UNKNOWN })];
    expect(keys(evaluate(unknown))).toEqual(["ccc-verifiable-rai-policy undecided"]);
    expect(keys(evaluate(unknown, { "ccc-verifiable-rai-policy": "disabled" }))).toEqual([`${RULE} undecided`]);
  });

  it("a code-generation policy problem is not this rule's", () => {
    const code = [account("oai", { tags: { "ccc-use-case": "code-generation" } }), policy("strict", [PM_CODE])];
    expect(evaluate([...code, deployment("chat")], { "ccc-explicit-rai-policy": "disabled" }).of(RULE)).toEqual([]);
  });
});

policyLevelCases({
  rule: RULE,
  steps: [
    step.account("oai", TEXT.tags),
    step.policy("strict", [F("Jailbreak", "Prompt"), F("Protected Material Text", "Completion", true, false)]),
    step.deployment("chat", { policy: "strict" }),
  ],
  resource: "chat",
  message: `${SERVES}; its ${POLICY} sets properties.contentFilters[1] ("Protected Material Text", Completion) to annotate mode (enabled: true, blocking: false). ${NEEDS}`,
  fix: FIX,
  defaultLevel: "mandatory",
  previewPhase: "analyzeStack",
  badConfig: { blocking: true },
  badConfigError: `${RULE}: unknown config key "blocking"; this policy takes no config`,
});
