// Enforcement level `remediate`: before a RAI policy is created, a filter rule puts its filter in filter mode for
// the use cases the policy serves. The pure edit (requireFilterInFilterMode), then the pack over the real
// protocol: the engine calls Remediate before Analyze and analyzes the remediated inputs.
import { FILTERS } from "../policy-pack/src/model/filters";
import { Secret } from "@pulumi/policy";
import { rewrapSecrets, unwrapPolicySecrets } from "../policy-pack/src/pulumi/remediate";
import { requireFilterInFilterMode } from "../policy-pack/src/remediation";
import { F, HARM_FILTERS, step } from "./rules/policyLevel";
import { AN, Step, describeThroughProtocol, ref, run, secret } from "./support/scenario";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const wireSecret = (value: unknown) => ({ [SIG]: SECRET, value });

describe("requireFilterInFilterMode", () => {
  const jailbreak = FILTERS.jailbreak;
  const FIXED = { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true };

  it("creates the list, and its parent, when the policy has none", () => {
    expect(requireFilterInFilterMode({ name: "p" }, jailbreak, "azure-native")).toEqual({
      name: "p",
      properties: { contentFilters: [FIXED] },
    });
    expect(requireFilterInFilterMode({ properties: { mode: "Default" } }, jailbreak, "azure-native")).toEqual({
      properties: { mode: "Default", contentFilters: [FIXED] },
    });
    expect(requireFilterInFilterMode({}, FILTERS.protectedMaterialCode, "classic")).toEqual({
      contentFilters: [
        {
          name: "Protected Material Code",
          source: "Completion",
          filterEnabled: true,
          blockEnabled: true,
          severityThreshold: "High",
        },
      ],
    });
  });

  it("strengthens every copy on the required source in a spelling Azure uses, keeping its other fields and any action", () => {
    const list = [
      "not an entry",
      null,
      { name: 7, source: "Prompt" },
      { name: ["Jailbreak"], source: "Prompt" },
      { name: "JAIL-BREAK", source: "prompt", enabled: false },
      { name: "jailbreak", source: "prompt", enabled: false, blocking: false, severityThreshold: "Low" },
      { name: "Jailbreak", source: "Completion", enabled: false },
      { name: "Jailbreak", source: "Prompt", action: "ANNOTATING" },
      { name: "Jailbreak", source: 1, enabled: false },
    ];
    const before = JSON.parse(JSON.stringify(list));
    expect(requireFilterInFilterMode({ properties: { contentFilters: list } }, jailbreak, "azure-native")).toEqual({
      properties: {
        contentFilters: [
          "not an entry",
          null,
          { name: 7, source: "Prompt" },
          { name: ["Jailbreak"], source: "Prompt" },
          { name: "JAIL-BREAK", source: "prompt", enabled: false },
          { name: "jailbreak", source: "prompt", enabled: true, blocking: true, severityThreshold: "Low" },
          { name: "Jailbreak", source: "Completion", enabled: false },
          { name: "Jailbreak", source: "Prompt", action: "BLOCKING", enabled: true, blocking: true },
          { name: "Jailbreak", source: 1, enabled: false },
        ],
      },
    });
    // The input is not modified.
    expect(list).toEqual(before);
  });

  it("a name that is not a spelling Azure uses is no match: the filter is added", () => {
    const lookalike = { name: "J_a-i l_b-r e_a-k", source: "Prompt", enabled: true, blocking: true };
    expect(
      requireFilterInFilterMode({ properties: { contentFilters: [lookalike] } }, jailbreak, "azure-native"),
    ).toEqual({
      properties: { contentFilters: [lookalike, FIXED] },
    });
  });

  it("classic flags are filterEnabled and blockEnabled", () => {
    const weak = {
      name: "Jailbreak",
      source: "Prompt",
      filterEnabled: true,
      blockEnabled: false,
      severityThreshold: "High",
    };
    expect(requireFilterInFilterMode({ contentFilters: [weak], mode: "Default" }, jailbreak, "classic")).toEqual({
      contentFilters: [{ ...weak, blockEnabled: true }],
      mode: "Default",
    });
  });

  it("changes nothing when the filter already blocks, or when it cannot read the list", () => {
    expect(
      requireFilterInFilterMode({ properties: { contentFilters: [FIXED] } }, jailbreak, "azure-native"),
    ).toBeUndefined();
    for (const props of [
      null,
      [],
      "x",
      3,
      { properties: "x" },
      { properties: [] },
      { properties: { contentFilters: "unknown" } },
    ]) {
      expect(requireFilterInFilterMode(props, jailbreak, "azure-native")).toBeUndefined();
    }
    expect(requireFilterInFilterMode({ contentFilters: {} }, jailbreak, "classic")).toBeUndefined();
  });
});

describe("secrets in the props Remediate hands a policy", () => {
  it("are unwrapped with where they were, and marked secret again at the same places", () => {
    const props = {
      name: new Secret("p"),
      properties: {
        basePolicyName: new Secret("Microsoft.DefaultV2"),
        contentFilters: [new Secret({ name: "Hate" }), { name: "Jailbreak", enabled: new Secret(false) }],
      },
      plain: 1,
    };
    const { value, taint, make } = unwrapPolicySecrets(props);
    expect(value).toEqual({
      name: "p",
      properties: {
        basePolicyName: "Microsoft.DefaultV2",
        contentFilters: [{ name: "Hate" }, { name: "Jailbreak", enabled: false }],
      },
      plain: 1,
    });
    expect(rewrapSecrets(value, taint, make)).toEqual(props);
    expect(rewrapSecrets(value, undefined, make)).toBe(value);
    expect(unwrapPolicySecrets({ a: [1, "x"] })).toEqual({ value: { a: [1, "x"] }, make: expect.any(Function) });
  });

  it("a Secret of another copy of @pulumi/policy (a composing pack) is recognised and made again in kind", () => {
    class Secret {
      constructor(readonly value: unknown) {}
    }
    const { value, taint, make } = unwrapPolicySecrets({ tags: new Secret({ team: "x" }) });
    expect(value).toEqual({ tags: { team: "x" } });
    const again = rewrapSecrets(value, taint, make) as { tags: unknown };
    expect(again.tags).toBeInstanceOf(Secret);
    expect(again).toEqual({ tags: new Secret({ team: "x" }) });
  });
});

describeThroughProtocol("remediation through the analyzer protocol", () => {
  const TEXT_RULE = "ccc-text-protected-material-filter";
  const JAILBREAK_RULE = "ccc-jailbreak-filter-mode";
  const CODE_RULE = "ccc-code-protected-material-filter";
  const POLICY_URN = (type: string = AN.policy, name = "strict") => `urn:pulumi:dev::scenario::${type}::${name}`;
  const HATE = HARM_FILTERS.slice(0, 2);
  const stack = (policy: Step, accountTags: Record<string, unknown> = {}): Step[] => [
    step.account("oai", accountTags),
    policy,
    step.deployment("chat", { policy: "strict" }),
  ];
  const remediated = (outcome: Awaited<ReturnType<typeof run>>, urn = POLICY_URN()) =>
    (outcome.result.remediations.get(urn) ?? []).map((r) => ({ policy: r.policyName, properties: r.properties }));

  it("adds and strengthens the filters text generation needs, leaving the rest; the deployment then passes", async () => {
    const policy = step.policy("strict", [...HATE, F("Jailbreak", "Prompt", true, false)], {
      tags: { "ccc-use-case": "text-generation" },
    });
    const outcome = await run(stack(policy), "up", {
      [TEXT_RULE]: "remediate",
      [JAILBREAK_RULE]: "remediate",
      "ccc-universal-evidence": "disabled",
    });
    const afterText = [...HATE, F("Jailbreak", "Prompt", true, false), F("Protected Material Text", "Completion")];
    const afterJailbreak = [...HATE, F("Jailbreak", "Prompt"), F("Protected Material Text", "Completion")];
    const inputs = (filters: unknown) => ({
      accountName: "oai",
      resourceGroupName: "rg",
      raiPolicyName: "strict",
      properties: { mode: "Default", contentFilters: filters },
      tags: { "ccc-use-case": "text-generation" },
    });
    expect(remediated(outcome)).toEqual([
      { policy: TEXT_RULE, properties: inputs(afterText) },
      { policy: JAILBREAK_RULE, properties: inputs(afterJailbreak) },
    ]);
    expect(outcome.mandatory).toEqual([]);
  });

  it("the policy's use cases come from its account's tag when it has none", async () => {
    const outcome = await run(
      stack(step.policy("strict", [F("Jailbreak", "Prompt")]), { "ccc-use-case": "code-generation" }),
      "up",
      {
        [CODE_RULE]: "remediate",
        [TEXT_RULE]: "remediate",
        "ccc-universal-evidence": "disabled",
      },
    );
    expect(remediated(outcome)).toEqual([
      {
        policy: CODE_RULE,
        properties: expect.objectContaining({
          properties: {
            mode: "Default",
            contentFilters: [F("Jailbreak", "Prompt"), F("Protected Material Code", "Completion")],
          },
        }),
      },
    ]);
    expect(outcome.mandatory).toEqual([]);
  });

  it("leaves alone: a compliant policy, annotate mode where licence compliance makes it enough, a use case that needs no filter", async () => {
    const outcome = await run(
      [
        step.account("oai", { "ccc-use-case": "code-generation" }),
        step.policy("strict", [F("Jailbreak", "Prompt"), F("Protected Material Code", "Completion", true, false)]),
        step.policy("images", [], { tags: { "ccc-use-case": "image-generation" } }),
        step.deployment("chat", { policy: "strict" }),
      ],
      "up",
      {
        [CODE_RULE]: "remediate",
        [JAILBREAK_RULE]: "remediate",
        "ccc-organization-config": { licenceComplianceDeclared: true },
      },
    );
    expect([...outcome.result.remediations.keys()]).toEqual([]);
  });

  it("what it cannot fix is reported at mandatory", async () => {
    // The policy's mode is asynchronous: no filter edit fixes that, and the async rule is not remediable.
    const outcome = await run(
      stack(step.policy("strict", [F("Protected Material Text", "Completion")], { mode: "Deferred" }), {
        "ccc-use-case": "text-generation",
      }),
      "up",
      {
        [JAILBREAK_RULE]: "remediate",
        "ccc-async-filter-coverage": "remediate",
        "ccc-universal-evidence": "disabled",
      },
    );
    expect(remediated(outcome).map((r) => r.policy)).toEqual([JAILBREAK_RULE]);
    expect(outcome.findings).toEqual(["[mandatory] ccc-async-filter-coverage chat"]);
  });

  it("classic: the classic flags; AI Foundry hub policies are left to the rules", async () => {
    const classic: Step[] = [
      {
        type: "azure:cognitive/account:Account",
        name: "oai",
        inputs: { name: "oai", resourceGroupName: "rg", kind: "OpenAI", location: "swedencentral" },
      },
      {
        type: "azure:cognitive/accountRaiPolicy:AccountRaiPolicy",
        name: "strict",
        inputs: {
          name: "strict",
          cognitiveAccountId: ref("oai", "id"),
          tags: { "ccc-use-case": "text-generation" },
          contentFilters: [
            {
              name: "Jailbreak",
              source: "Prompt",
              filterEnabled: true,
              blockEnabled: false,
              severityThreshold: "High",
            },
          ],
        },
      },
      {
        type: "azure-native:machinelearningservices:RaiPolicy",
        name: "hub-policy",
        inputs: {
          workspaceName: "hub",
          endpointName: "aoai",
          resourceGroupName: "rg",
          raiPolicyName: "hub-policy",
          properties: { mode: "Default", contentFilters: [] },
        },
      },
    ];
    const outcome = await run(classic, "up", {
      [JAILBREAK_RULE]: "remediate",
      [TEXT_RULE]: "remediate",
      "ccc-organization-config": { defaultUseCases: ["text-generation"] },
    });
    const urn = POLICY_URN("azure:cognitive/accountRaiPolicy:AccountRaiPolicy");
    expect(
      remediated(outcome, urn).map((r) => [r.policy, (r.properties as { contentFilters: unknown }).contentFilters]),
    ).toEqual([
      [
        TEXT_RULE,
        [
          { name: "Jailbreak", source: "Prompt", filterEnabled: true, blockEnabled: false, severityThreshold: "High" },
          {
            name: "Protected Material Text",
            source: "Completion",
            filterEnabled: true,
            blockEnabled: true,
            severityThreshold: "High",
          },
        ],
      ],
      [
        JAILBREAK_RULE,
        [
          { name: "Jailbreak", source: "Prompt", filterEnabled: true, blockEnabled: true, severityThreshold: "High" },
          {
            name: "Protected Material Text",
            source: "Completion",
            filterEnabled: true,
            blockEnabled: true,
            severityThreshold: "High",
          },
        ],
      ],
    ]);
    expect(
      outcome.result.remediations.has(POLICY_URN("azure-native:machinelearningservices:RaiPolicy", "hub-policy")),
    ).toBe(false);
  });

  it("in a preview, a filter list that is not known yet is left for the rule to report", async () => {
    const policy: Step = {
      type: AN.policy,
      name: "strict",
      inputs: {
        accountName: ref("oai"),
        resourceGroupName: "rg",
        raiPolicyName: "strict",
        tags: { "ccc-use-case": "text-generation" },
        properties: { mode: "Default", contentFilters: ref("oai", "contentFilters") },
      },
    };
    const outcome = await run([step.account("oai"), policy], "preview", { [TEXT_RULE]: "remediate" });
    expect([...outcome.result.remediations.keys()]).toEqual([]);
  });

  it("other properties keep their secretness, through a chain of remediations", async () => {
    const policy: Step = {
      type: AN.policy,
      name: "strict",
      inputs: {
        accountName: ref("oai"),
        resourceGroupName: secret("rg"),
        raiPolicyName: "strict",
        tags: { "ccc-use-case": secret("text-generation"), team: secret("project-nightingale") },
        properties: {
          mode: "Default",
          basePolicyName: secret("Microsoft.DefaultV2"),
          contentFilters: [{ name: "Jailbreak", source: "Prompt", enabled: true, blocking: secret(false) }],
        },
      },
    };
    const outcome = await run(stack(policy), "up", {
      [TEXT_RULE]: "remediate",
      [JAILBREAK_RULE]: "remediate",
      "ccc-universal-evidence": "disabled",
    });
    const steps = remediated(outcome);
    expect(steps.map((r) => r.policy)).toEqual([TEXT_RULE, JAILBREAK_RULE]);
    for (const { properties } of steps) {
      expect(properties).toMatchObject({
        resourceGroupName: wireSecret("rg"),
        tags: { "ccc-use-case": wireSecret("text-generation"), team: wireSecret("project-nightingale") },
        properties: { basePolicyName: wireSecret("Microsoft.DefaultV2") },
      });
    }
    // A secret flag it had to change stays secret too (the engine's own rule for writes to a secret).
    expect((steps[1].properties as { properties: { contentFilters: unknown } }).properties.contentFilters).toEqual([
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: wireSecret(true) },
      F("Protected Material Text", "Completion"),
    ]);
  });
});
