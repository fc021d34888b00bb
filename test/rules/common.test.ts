// What the rules share (policy-pack/src/rules/common.ts, fixes.ts): how findings name subjects, policies and
// use cases; which policies a rule checks on a subject; the problems several rules meet, reported once; and
// the small helpers that keep findings bounded and free of repeats. Through the filter rules' findings where
// a stack reaches the case, and directly on the helpers where no rule does.
import {
  HARM,
  PM_CODE,
  PM_TEXT,
  SUB,
  UNKNOWN,
  account,
  classicAccount,
  classicDeployment,
  deployment,
  evaluate,
  filterEntry,
  policy,
  secret,
  urnOf,
} from "../support/stack";
import {
  dedupeOutcomes,
  lacksUseCase,
  listed,
  policyTargets,
  subjectLabel,
  useCaseList,
  useCaseScope,
} from "../../policy-pack/src/rules/common";
import { sentence } from "../../policy-pack/src/rules/fixes";
import { undecided, violation } from "../../policy-pack/src/rules/types";
import { unknownAt } from "../../policy-pack/src/model/values";
import { DeploymentSubject } from "../../policy-pack/src/model/model";

const JAILBREAK_RULE = "ccc-jailbreak-filter-mode";
const TEXT_RULE = "ccc-text-protected-material-filter";
const VERIFIABLE_RULE = "ccc-verifiable-rai-policy";
const TEXT = { tags: { "ccc-use-case": "text-generation" } };
const FILTER_MODE = "filter mode (enabled: true, blocking: true)";
const NO_JAILBREAK = `has no "Jailbreak" filter on Prompt. Text generation needs it in ${FILTER_MODE}.`;
const JAILBREAK_FIX = (policyLabel: string) =>
  `Set {name: "Jailbreak", source: "Prompt", enabled: true, blocking: true} in properties.contentFilters of ${policyLabel}.`;
const NO_JAILBREAK_FILTERS = [...HARM, PM_TEXT, PM_CODE];
const NOT_LISTED = (lead: string, name: string) =>
  `${lead} names RAI policy "${name}", which cannot be verified: no RAI policy with that name is defined on its account in this stack, and ccc-organization-config.externalRaiPolicies does not list it.`;

const messages = (result: ReturnType<typeof evaluate>, rule: string) => result.reported(rule).map((f) => f.message);

describe("how findings name the subject", () => {
  it("secret use cases are not listed, only said to be there", () => {
    const result = evaluate([
      account("oai", { tags: { "ccc-use-case": secret("text-generation") } }),
      policy("strict", NO_JAILBREAK_FILTERS),
      deployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(messages(result, JAILBREAK_RULE)).toEqual([
      `Deployment "chat" serves [secret] use cases (declared on account "oai"); its RAI policy "strict" (strict) ${NO_JAILBREAK}`,
    ]);
  });

  it("use cases declared in several places name each place", () => {
    const result = evaluate([
      account("oai"),
      policy("strict", NO_JAILBREAK_FILTERS, TEXT),
      deployment("chat", { raiPolicyName: "strict", ...TEXT }),
    ]);
    expect(result.reported(JAILBREAK_RULE).find((f) => f.resource === "chat")?.message).toBe(
      `Deployment "chat" serves text-generation (declared on deployment, RAI policy "strict"); its RAI policy "strict" (strict) ${NO_JAILBREAK}`,
    );
  });

  it("a policy whose name is secret is named [secret], beside its logical name", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("strict", NO_JAILBREAK_FILTERS, { raiPolicyName: secret("house-policy") }),
      deployment("chat", { raiPolicyName: secret("house-policy") }),
    ]);
    expect(result.reported(JAILBREAK_RULE)).toEqual([
      {
        resource: "chat",
        verdict: "violation",
        level: "mandatory",
        message: `Deployment "chat" serves text-generation (declared on account "oai"); its RAI policy [secret] (strict) ${NO_JAILBREAK}`,
        fix: JAILBREAK_FIX("RAI policy [secret] (strict)"),
      },
    ]);
  });

  it("a secret basePolicyName is named [secret] where the finding says its filters cannot be verified", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("strict", NO_JAILBREAK_FILTERS, { basePolicyName: secret("Microsoft.DefaultV2") }),
      deployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(messages(result, JAILBREAK_RULE)).toEqual([
      `Deployment "chat" serves text-generation (declared on account "oai"); its RAI policy "strict" (strict) has no "Jailbreak" filter on Prompt. Filters inherited from basePolicyName [secret] cannot be verified, so list it explicitly. Text generation needs it in ${FILTER_MODE}.`,
    ]);
  });

  it("the organization's defaults standing in for an account not in the stack before the deployment say so", () => {
    const defaults = { "ccc-organization-config": { defaultUseCases: ["text-generation"] } };
    const label = (resources: Parameters<typeof evaluate>[0]) =>
      subjectLabel(evaluate(resources, defaults).subject("chat").subject);
    expect(label([deployment("chat")])).toBe(
      'Deployment "chat" serves text-generation (declared on pack config defaultUseCases, as account "oai" is not in the stack before the deployment)',
    );
    // An account that declares nothing: the defaults stand in, and nothing more is said.
    expect(label([account("oai"), deployment("chat")])).toBe(
      'Deployment "chat" serves text-generation (declared on pack config defaultUseCases)',
    );
    // Use cases declared elsewhere need no account: nothing is said of it.
    expect(label([deployment("chat", TEXT)])).toBe('Deployment "chat" serves text-generation (declared on deployment)');
  });

  it("subjects no filter rule names: an account, a deployment whose use cases are not known or are none", () => {
    const result = evaluate([
      account("oai"),
      deployment("chat", { tags: { "ccc-use-case": UNKNOWN } }),
      deployment("embed", { model: "text-embedding-3-small" }),
    ]);
    expect(subjectLabel(result.subject("oai").subject)).toBe('Account "oai"');
    expect(subjectLabel(result.subject("chat").subject)).toBe('Deployment "chat"');
    expect(subjectLabel(result.subject("embed").subject)).toBe('Deployment "embed" serves no use case');
    expect(useCaseList([], false)).toBe("no use case");
    expect(useCaseList(["text-generation", "code-generation"], false)).toBe("text-generation, code-generation");
    expect(useCaseList(["text-generation"], true)).toBe("[secret] use cases");
  });
});

describe("what the filter, in the fix, is worded in", () => {
  it("the spelling of the stack policy's provider, not the deployment's", () => {
    const provider = { urn: urnOf("pulumi:providers:azure-native", "default"), subscriptionId: SUB };
    const result = evaluate([
      classicAccount("oai", TEXT),
      policy("strict", NO_JAILBREAK_FILTERS, {}, { provider }),
      classicDeployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(result.reported(JAILBREAK_RULE).map((f) => f.fix)).toEqual([JAILBREAK_FIX('RAI policy "strict" (strict)')]);
  });
});

describe("the filter a policy lacks: what it has instead", () => {
  it("lists every entry on the wrong source and every lookalike name", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("strict", [
        ...HARM,
        PM_CODE,
        filterEntry("Protected Material Text", "Prompt", true, true),
        filterEntry("protected material text", "Completions", true, true),
        filterEntry("Protected  Material Text", "Completion", true, true),
        filterEntry("ProtectedMaterialText", "Completion", true, true),
        filterEntry("Jailbreak", "Prompt", true, true),
      ]),
      deployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(messages(result, TEXT_RULE)).toEqual([
      'Deployment "chat" serves text-generation (declared on account "oai"); its RAI policy "strict" (strict) has no "Protected Material Text" filter on Completion. It has properties.contentFilters[9] ("Protected Material Text", Prompt), properties.contentFilters[10] ("protected material text", Completions), but the filter counts only on source "Completion". properties.contentFilters[11] ("Protected  Material Text", Completion), properties.contentFilters[12] ("ProtectedMaterialText", Completion) is not a spelling Azure uses for a filter name (any case, words separated by one space, "-" or "_"), so it does not count. Text generation needs it in filter mode (enabled: true, blocking: true).',
    ]);
  });
});

describe("which policies a rule checks, or what it reports instead", () => {
  it("a policy that cannot be verified names every near miss", () => {
    const provider = (name: string) => ({ urn: urnOf("pulumi:providers:azure-native", name) });
    const result = evaluate([
      account("oai", TEXT, { seq: 0, provider: provider("a") }),
      policy("shared", NO_JAILBREAK_FILTERS, {}, { seq: 1, provider: provider("b"), logical: "elsewhere" }),
      deployment("chat", { raiPolicyName: "shared" }, { seq: 2, provider: provider("a") }),
      policy("shared", NO_JAILBREAK_FILTERS, {}, { seq: 3, provider: provider("a") }),
    ]);
    expect(messages(result, VERIFIABLE_RULE)).toEqual([
      `${NOT_LISTED('Deployment "chat"', "shared")} RaiPolicy "elsewhere" has that name, but it is under another provider, whose subscription cannot be shown to be the same (set subscriptionId on both providers). RaiPolicy "shared" has that name, but it is registered after this resource, so Azure may not have it yet when this one is created.`,
    ]);
  });

  it("its own policy and its spillover deployment's, both unverifiable: two findings", () => {
    const result = evaluate([
      account("oai", TEXT),
      deployment("chat", { raiPolicyName: "nowhere", spillover: "over" }),
      deployment("over", { raiPolicyName: "elsewhere" }),
    ]);
    expect(result.reported(VERIFIABLE_RULE).filter((f) => f.resource === "chat")).toEqual([
      expect.objectContaining({ message: NOT_LISTED('Deployment "chat"', "nowhere") }),
      expect.objectContaining({
        message: NOT_LISTED('Deployment "chat" spills over to its spillover deployment "over", which', "elsewhere"),
      }),
    ]);
  });

  it("a spillover deployment not in the stack, whose name is secret, is named [secret]", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("strict", [...NO_JAILBREAK_FILTERS, filterEntry("Jailbreak", "Prompt", true, true)]),
      deployment("chat", { raiPolicyName: "strict", spillover: secret("overflow-target") }),
    ]);
    expect(messages(result, VERIFIABLE_RULE)).toEqual([
      'Deployment "chat" sends overflow requests to its spillover deployment [secret], which cannot be verified: no deployment with that name is on its account in this stack. Requests served there must meet this deployment\'s requirements too.',
    ]);
  });

  it("use cases not known yet: one undecided finding, and no rule checks a policy", () => {
    const result = evaluate([
      account("oai", TEXT),
      policy("strict", NO_JAILBREAK_FILTERS),
      deployment("chat", { raiPolicyName: "strict", tags: { "ccc-use-case": UNKNOWN } }),
    ]);
    expect(result.judgement.findings.map((f) => [f.ruleId, f.resource.name, f.verdict, f.message])).toEqual([
      [
        "ccc-use-case-declared",
        "chat",
        "undecided",
        '"chat" cannot be shown compliant: tags.ccc-use-case is not known, so its use cases (its ccc-use-case tag) cannot be checked.',
      ],
    ]);
    expect(lacksUseCase(result.subject("chat").subject as DeploymentSubject)).toBe(false);
    // With the use-case rule disabled, the filter rules still report the unknown instead of passing.
    const without = evaluate(
      [
        account("oai", TEXT),
        policy("strict", NO_JAILBREAK_FILTERS),
        deployment("chat", { raiPolicyName: "strict", tags: { "ccc-use-case": UNKNOWN } }),
      ],
      { "ccc-use-case-declared": "disabled" },
    );
    expect(without.judgement.findings.map((f) => [f.resource.name, f.verdict])).toEqual([["chat", "undecided"]]);
  });

  it("an account has no policy to check", () => {
    const result = evaluate([account("oai", TEXT)]);
    expect(policyTargets(result.subject("oai").subject, "text-generation")).toEqual({ targets: [], outcomes: [] });
  });
});

describe("why a filter rule has nothing to check", () => {
  it("a deployment that declares nothing, whose model has no content output", () => {
    const result = evaluate([account("oai"), deployment("embed", { model: "text-embedding-3-small" })]);
    expect(result.verdict("embed", JAILBREAK_RULE).notApplicable).toBe(
      "the deployment declares no use case; only text and code generation need the Jailbreak filter",
    );
  });

  it("a policy that declares nothing, or only use cases that need no filter", () => {
    const result = evaluate([
      account("oai"),
      policy("plain", []),
      policy("media", [], { tags: { "ccc-use-case": "image-generation,speech" } }),
    ]);
    expect(result.verdict("plain", JAILBREAK_RULE).notApplicable).toBe(
      "the policy declares no use case; only text and code generation need the Jailbreak filter",
    );
    expect(result.verdict("media", JAILBREAK_RULE).notApplicable).toBe(
      "the policy serves image-generation, speech; only text and code generation need the Jailbreak filter",
    );
  });

  it("an account is out of any use-case scope", () => {
    const result = evaluate([account("oai", TEXT)]);
    expect(useCaseScope(result.subject("oai").subject, () => false, "why")).toBeUndefined();
  });
});

describe("findings stay bounded and free of repeats", () => {
  it("dedupeOutcomes keeps the first of equal outcomes, in order", () => {
    const a = violation("A.", "Fix A.");
    const b = undecided(unknownAt("tags.x"), "the x tag");
    expect(dedupeOutcomes([a, b, violation("A.", "Fix A."), a, b])).toEqual([a, b]);
    expect(dedupeOutcomes([])).toEqual([]);
  });

  it("listed shows up to ten items, then says how many more", () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => `"r${i + 1}"`);
    expect(listed(items(10))).toBe(items(10).join(", "));
    expect(listed(items(11))).toBe(`${items(10).join(", ")}, and 1 more`);
    expect(listed(items(12), "; ")).toBe(`${items(10).join("; ")}; and 2 more`);
  });

  it("sentence capitalizes a clause, and leaves an empty one empty", () => {
    expect(sentence("tag the deployment")).toBe("Tag the deployment");
    expect(sentence("")).toBe("");
  });
});
