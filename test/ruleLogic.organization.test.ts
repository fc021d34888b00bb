// The organization-approval and evidence rules' logic over the normalized model, every outcome worded exactly.
import { Deployment, unknownAt } from "../policy-pack/src/model";
import { globMatches } from "../policy-pack/src/glob";
import { limitFineTunedDeployments as fineTunedRule } from "../policy-pack/src/rules/limitFineTunedDeployments";
import { recommendUniversalEvidence as evidenceRule } from "../policy-pack/src/rules/recommendUniversalEvidence";
import { requireApprovalForGatedModels as gatedRule } from "../policy-pack/src/rules/requireApprovalForGatedModels";
import { requireApprovalForModifiedFilters as modifiedRule } from "../policy-pack/src/rules/requireApprovalForModifiedFilters";
import { requireApprovedCapacity as capacityRule } from "../policy-pack/src/rules/requireApprovedCapacity";
import { requireApprovedUseCases as useCaseRule } from "../policy-pack/src/rules/requireApprovedUseCases";
import { Rule } from "../policy-pack/src/rules/types";
import { Subject } from "../policy-pack/src/model";
import {
  ANNOTATE,
  FILTER,
  NO_EVIDENCE,
  account,
  context,
  deferred,
  deployment,
  deploymentSubject,
  entries,
  noted,
  policySubject,
  raiPolicy,
  violated,
} from "./support/model";

const check = (rule: Rule, subject: Subject, config: Record<string, unknown> = {}, now?: Date) =>
  rule.check(subject, context({}, config, now));

/** `name` as the last of `siblings`, which share its account (or region). */
const among = (siblings: Deployment[], name: string) =>
  deploymentSubject({ deployment: siblings.find((d) => d.ref.name === name), siblings, account: account() });

describe("ccc-approved-use-cases", () => {
  const subject = deploymentSubject({ serves: ["text-generation", "code-generation", "speech"] });

  it("names the use cases without approval and the approved ones", () => {
    expect(check(useCaseRule, subject, { approvedUseCases: ["text-generation", "image-generation"] })).toEqual([
      violated(
        'Deployment "chat" declares code-generation, speech, which the organization is not approved for (approved: text-generation, image-generation). Each extra use case needs its own approval.',
      ),
    ]);
    expect(check(useCaseRule, subject, { approvedUseCases: [] })).toEqual([
      violated(
        'Deployment "chat" declares text-generation, code-generation, speech, which the organization is not approved for (approved: none). Each extra use case needs its own approval.',
      ),
    ]);
  });

  it("approves every use case by default and skips what it cannot read", () => {
    expect(check(useCaseRule, subject)).toEqual([]);
    expect(check(useCaseRule, subject, { approvedUseCases: ["speech", "code-generation", "text-generation"] })).toEqual(
      [],
    );
    const pending = { kind: "undecidable", unknown: unknownAt("tags"), why: "w" } as const;
    expect(check(useCaseRule, deploymentSubject({ useCases: pending }), { approvedUseCases: [] })).toEqual([]);
    expect(check(useCaseRule, policySubject(raiPolicy([], { tag: "speech" })), { approvedUseCases: [] })).toEqual([]);
  });
});

describe("ccc-approved-capacity", () => {
  const a = deployment("a", { capacity: 10 });
  const b = deployment("b", { capacity: 15, modelName: "GPT-4o" });
  const other = deployment("other", { capacity: 100, modelName: "gpt-35-turbo" });
  const pendingModel = deployment("pending", { modelName: unknownAt("properties.model.name") });
  const stack = [a, other, pendingModel, b];
  const quota = { approvedCapacity: { "gpt-4O": 20 } };

  it("blocks the deployment that takes the model's sum over the quota, in units and tokens per minute", () => {
    expect(check(capacityRule, among(stack, "b"), quota)).toEqual([
      violated(
        'Deployments of GPT-4o on account "ccc-account" ("a", "b") add up to 25 capacity units (25,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
      ),
    ]);
    expect(check(capacityRule, among(stack, "a"), quota)).toEqual([]);
    expect(check(capacityRule, among(stack, "b"), { approvedCapacity: { "gpt-4o": 25 } })).toEqual([]);
  });

  it("counts a deployment without sku.capacity as one unit and converts with the per-model table", () => {
    const first = deployment("first", { modelName: "o1", capacity: undefined });
    const second = deployment("second", { modelName: "o1", capacity: undefined });
    expect(check(capacityRule, among([first, second], "second"), { approvedCapacity: { o1: 1 } })).toEqual([
      violated(
        'Deployments of o1 on account "ccc-account" ("first", "second") add up to 2 capacity units (12,000 tokens per minute at 6,000 per unit), above the approved 1 units.',
      ),
    ]);
    expect(check(capacityRule, among([first], "first"), { approvedCapacity: { o1: 1 } })).toEqual([]);
  });

  it("adds up a region when scope is region, and says where", () => {
    const subject = among(stack, "b");
    expect(check(capacityRule, subject, { ...quota, scope: "region" })).toEqual([
      violated(
        'Deployments of GPT-4o in region swedencentral ("a", "b") add up to 25 capacity units (25,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
      ),
    ]);
    const noAccount = { ...subject, account: undefined };
    expect(check(capacityRule, noAccount, { ...quota, scope: "region" })).toEqual([
      violated(
        'Deployments of GPT-4o in its region ("a", "b") add up to 25 capacity units (25,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
      ),
    ]);
    const regionOnly = { ...subject, accountDeployments: () => [b] };
    expect(check(capacityRule, regionOnly, quota)).toEqual([]);
    expect(check(capacityRule, regionOnly, { ...quota, scope: "region" })).toHaveLength(1);
  });

  it("leaves out the account name it does not know", () => {
    const unnamed = [a, deployment("b", { capacity: 15, accountName: unknownAt("accountName") })];
    expect(check(capacityRule, deploymentSubject({ deployment: unnamed[1], siblings: unnamed }), quota)).toEqual([
      violated(
        'Deployments of gpt-4o ("a", "b") add up to 25 capacity units (25,000 tokens per minute at 1,000 per unit), above the approved 20 units.',
      ),
    ]);
  });

  it("rejects a model with no approved capacity, and is inactive without any", () => {
    const subject = deploymentSubject({ deployment: deployment("chat", { modelName: "o3-mini" }) });
    expect(check(capacityRule, subject, { approvedCapacity: { "gpt-4o": 1, o1: 2 } })).toEqual([
      violated('Deployment "chat" uses model o3-mini, which has no approved capacity (approved: gpt-4o, o1).'),
    ]);
    expect(check(capacityRule, subject)).toEqual([]);
    expect(check(capacityRule, subject, { approvedCapacity: {} })).toEqual([]);
    expect(check(capacityRule, policySubject(raiPolicy([])), quota)).toEqual([]);
  });

  it("defers on an unknown model, account, region or earlier capacity", () => {
    const model = unknownAt("properties.model.name");
    expect(check(capacityRule, deploymentSubject({ deployment: pendingModel }), quota)).toEqual([
      deferred(model, "the deployment's model is not known yet"),
    ]);
    expect(
      check(capacityRule, deploymentSubject({ deployment: deployment("x", { modelName: undefined }) }), quota),
    ).toEqual([]);
    const accountName = unknownAt("accountName");
    const lost = deploymentSubject({ deployment: b, siblings: accountName });
    expect(check(capacityRule, lost, quota)).toEqual([
      deferred(accountName, "the deployment's account is not known yet"),
    ]);
    expect(check(capacityRule, lost, { ...quota, scope: "region" })).toEqual([
      deferred(accountName, "the deployment's region is not known yet"),
    ]);
    const capacity = unknownAt("sku.capacity");
    const earlier = deployment("earlier", { capacity });
    expect(check(capacityRule, among([earlier, b], "b"), quota)).toEqual([
      deferred(capacity, 'the capacity of deployment "earlier" is not known yet'),
    ]);
    expect(check(capacityRule, among([b, earlier], "b"), quota)).toEqual([]);
  });
});

describe("ccc-fine-tuned-deployment-limit", () => {
  const ft = (name: string) => deployment(name, { modelName: `gpt-4o-mini-2024-07-18.ft-${name}0a1b` });
  const stack = [ft("one"), deployment("base"), ft("two"), ft("three")];

  it("names the deployment over the limit, its position and the fine-tuned ones before it", () => {
    expect(check(fineTunedRule, among(stack, "three"), { maxFineTunedDeploymentsPerAccount: 2 })).toEqual([
      violated(
        'Deployment "three" is fine-tuned deployment number 3 on its account ("one", "two", "three"); the approved limit is 2.',
      ),
    ]);
    expect(check(fineTunedRule, among(stack, "two"), { maxFineTunedDeploymentsPerAccount: 2 })).toEqual([]);
    expect(check(fineTunedRule, among(stack, "base"), { maxFineTunedDeploymentsPerAccount: 1 })).toEqual([]);
  });

  it("defaults to Microsoft's current figure of 5", () => {
    const six = ["a", "b", "c", "d", "e", "f"].map(ft);
    expect(check(fineTunedRule, among(six, "e"))).toEqual([]);
    expect(check(fineTunedRule, among(six, "f"))).toEqual([
      violated(
        'Deployment "f" is fine-tuned deployment number 6 on its account ("a", "b", "c", "d", "e", "f"); the approved limit is 5.',
      ),
    ]);
  });

  it("defers on an unknown model or account, and ignores other subjects", () => {
    const model = unknownAt("properties.model.name");
    expect(check(fineTunedRule, deploymentSubject({ deployment: deployment("x", { modelName: model }) }))).toEqual([
      deferred(model, "the deployment's model is not known yet"),
    ]);
    const accountName = unknownAt("accountName");
    expect(check(fineTunedRule, deploymentSubject({ deployment: ft("x"), siblings: accountName }))).toEqual([
      deferred(accountName, "the deployment's account is not known yet"),
    ]);
    expect(check(fineTunedRule, deploymentSubject({ siblings: accountName }))).toEqual([]);
    expect(check(fineTunedRule, policySubject(raiPolicy([])))).toEqual([]);
  });
});

describe("ccc-gated-models", () => {
  const uses = (modelName: Deployment["modelName"]) =>
    deploymentSubject({ deployment: deployment("chat", { modelName }) });
  const config = { gatedModels: ["gpt-4o", "GPT-5*"], approvedGatedModels: ["gpt-5-mini*"] };

  it("names the gated model and the pattern it matched", () => {
    expect(check(gatedRule, uses("gpt-5"), config)).toEqual([
      violated(
        'Deployment "chat" uses gpt-5, a gated model (matches "GPT-5*") without an approval in approvedGatedModels.',
      ),
    ]);
    expect(check(gatedRule, uses("GPT-4o"), config)).toEqual([
      violated(
        'Deployment "chat" uses GPT-4o, a gated model (matches "gpt-4o") without an approval in approvedGatedModels.',
      ),
    ]);
  });

  it("passes approved, ungated and unnamed models", () => {
    expect(check(gatedRule, uses("GPT-5-mini-2025"), config)).toEqual([]);
    expect(check(gatedRule, uses("gpt-5-mini"), { ...config, approvedGatedModels: ["o1", "gpt-5-mini*"] })).toEqual([]);
    expect(check(gatedRule, uses(undefined), { gatedModels: ["*"] })).toEqual([]);
    expect(check(gatedRule, uses("gpt-4o-mini"), config)).toEqual([]);
    expect(check(gatedRule, uses(undefined), config)).toEqual([]);
    expect(check(gatedRule, policySubject(raiPolicy([])), config)).toEqual([]);
  });

  it("defers on an unknown model only when some model is gated", () => {
    const model = unknownAt("properties.model.name");
    expect(check(gatedRule, uses(model), config)).toEqual([deferred(model, "the deployment's model is not known yet")]);
    expect(check(gatedRule, uses(model))).toEqual([]);
    expect(check(gatedRule, uses("gpt-5"), { approvedGatedModels: [] })).toEqual([]);
    expect(check(gatedRule, uses("gpt-5"), { gatedModels: ["gpt-5"] })).toHaveLength(1);
  });

  it("treats only * as special in patterns", () => {
    expect(globMatches("gpt-4.1", "gpt-4x1")).toBe(false);
    expect(globMatches("gpt-(4)+?", "gpt-(4)+?")).toBe(true);
    expect(globMatches("o*-mini", "o3-mini")).toBe(true);
    expect(globMatches("o*-mini", "o3-mini-high")).toBe(false);
    expect(globMatches("o*-mini", "xo3-mini")).toBe(false);
    expect(globMatches("GPT-4o", "gpt-4o")).toBe(false);
    expect(globMatches("GPT-4o", "gpt-4o", { ignoreCase: true })).toBe(true);
  });
});

describe("ccc-modified-content-filters", () => {
  const selfharm = unknownAt("properties.contentFilters[3].blocking");
  const policy = raiPolicy(
    entries(
      ["Hate", "Prompt", ANNOTATE],
      ["violence", "Completion", { enabled: false }],
      ["Sexual", "Prompt", FILTER],
      ["Selfharm", "Prompt", { enabled: true, blocking: selfharm }],
      ["Jailbreak", "Prompt", ANNOTATE],
    ),
  );

  it("blocks harm filters turned off or annotate-only without the approval", () => {
    const tail =
      "That is a modified content filter, which needs Microsoft's approval; Azure rejects it at apply time without one.";
    expect(check(modifiedRule, policySubject(policy))).toEqual([
      violated(
        `RAI policy "strict" sets contentFilters[0] ("Hate", Prompt) to annotate mode (enabled: true, blocking: false). ${tail}`,
      ),
      violated(`RAI policy "strict" sets contentFilters[1] ("violence", Completion) to off (enabled: false). ${tail}`),
      deferred(selfharm, 'the mode of contentFilters[3] ("Selfharm", Prompt) is not known yet'),
    ]);
  });

  it("reports them as notes under the approval", () => {
    const allowed = "allowed by the organization's approval for modified content filters.";
    expect(check(modifiedRule, policySubject(policy), { modifiedFiltersApproved: true })).toEqual([
      noted(
        `RAI policy "strict" sets contentFilters[0] ("Hate", Prompt) to annotate mode (enabled: true, blocking: false); ${allowed}`,
      ),
      noted(`RAI policy "strict" sets contentFilters[1] ("violence", Completion) to off (enabled: false); ${allowed}`),
      deferred(selfharm, 'the mode of contentFilters[3] ("Selfharm", Prompt) is not known yet'),
    ]);
  });

  it("defers on an unknown filter list and ignores deployments", () => {
    const filters = unknownAt("properties.contentFilters");
    expect(check(modifiedRule, policySubject(raiPolicy(filters)))).toEqual([
      deferred(filters, "the policy's content filters are not known yet"),
    ]);
    expect(check(modifiedRule, deploymentSubject())).toEqual([]);
  });
});

describe("ccc-universal-evidence", () => {
  const NOW = new Date("2026-11-23T12:00:00Z");
  const withEvidence = (own: Partial<typeof NO_EVIDENCE>, accountEvidence?: Partial<typeof NO_EVIDENCE>) =>
    deploymentSubject({
      deployment: deployment("chat", { evidence: { ...NO_EVIDENCE, ...own } }),
      account: accountEvidence ? account({ evidence: { ...NO_EVIDENCE, ...accountEvidence } }) : undefined,
    });
  const evidence = (subject: Subject, config: Record<string, unknown> = {}) =>
    check(evidenceRule, subject, config, NOW);
  const complete = {
    metaprompt: "wiki/metaprompt",
    metapromptDate: "2026-10-01",
    evaluationReport: "wiki/eval",
    evaluationReportDate: "2026-10-15",
  };

  it("names each missing pointer and its tag", () => {
    expect(evidence(withEvidence({ metaprompt: "  ", metapromptDate: "2026-10-01" }))).toEqual([
      violated('Deployment "chat" has no metaprompt evidence: tag it or its account with ccc-metaprompt.'),
      violated(
        'Deployment "chat" has no evaluation report evidence: tag it or its account with ccc-evaluation-report.',
      ),
    ]);
  });

  it("passes dated or undated pointers, from the deployment or its account", () => {
    expect(evidence(withEvidence(complete))).toEqual([]);
    expect(evidence(withEvidence({ metaprompt: "m" }, { evaluationReport: "r" }))).toEqual([]);
    expect(evidence(withEvidence({}, complete))).toEqual([]);
    expect(evidence(policySubject(raiPolicy([])))).toEqual([]);
  });

  it("reports stale and malformed dates with their age and tag", () => {
    const subject = withEvidence(
      { ...complete, metapromptDate: " 2026-01-01 " },
      { evaluationReportDate: "2026-13-45" },
    );
    expect(
      evidence(withEvidence({ ...complete, metapromptDate: " 2026-01-01 ", evaluationReportDate: "soon" })),
    ).toEqual([
      violated(
        'Deployment "chat": the metaprompt (ccc-metaprompt) is dated 2026-01-01, 326 days ago, older than 180 days. Re-run and record the evaluation.',
      ),
      violated('Deployment "chat": ccc-evaluation-report-date "soon" is not a date; use YYYY-MM-DD.'),
    ]);
    // The deployment's own date wins over its account's.
    expect(evidence(subject)).toHaveLength(1);
    expect(evidence(subject, { maxEvidenceAgeDays: 326 })).toEqual([]);
    expect(evidence(withEvidence({ ...complete, metapromptDate: "2026" }))).toEqual([
      violated('Deployment "chat": ccc-metaprompt-date "2026" is not a date; use YYYY-MM-DD.'),
    ]);
    expect(evidence(withEvidence({ ...complete, evaluationReportDate: "2026-13-45" }))).toEqual([
      violated('Deployment "chat": ccc-evaluation-report-date "2026-13-45" is not a date; use YYYY-MM-DD.'),
    ]);
  });

  it("measures age in whole days as of the configured date, allowing exactly the maximum", () => {
    const dated = withEvidence({ ...complete, metapromptDate: "2026-01-01", evaluationReportDate: "2026-01-01" });
    expect(evidence(dated, { asOfDate: "2026-06-30" })).toEqual([]);
    expect(evidence(dated, { asOfDate: "2026-07-01", maxEvidenceAgeDays: 180 })).toEqual([
      violated(
        'Deployment "chat": the metaprompt (ccc-metaprompt) is dated 2026-01-01, 181 days ago, older than 180 days. Re-run and record the evaluation.',
      ),
      violated(
        'Deployment "chat": the evaluation report (ccc-evaluation-report) is dated 2026-01-01, 181 days ago, older than 180 days. Re-run and record the evaluation.',
      ),
    ]);
    expect(evidence(dated, { asOfDate: "2026-01-31", maxEvidenceAgeDays: 29 })).toHaveLength(2);
    expect(evidence(dated, { asOfDate: "2026-01-31", maxEvidenceAgeDays: 30 })).toEqual([]);
  });

  it("defers on unknown pointers, dates, or an account that is not known yet", () => {
    const pointer = unknownAt("tags.ccc-metaprompt");
    const date = unknownAt("tags.ccc-evaluation-report-date");
    expect(evidence(withEvidence({ ...complete, metaprompt: pointer, evaluationReportDate: date }))).toEqual([
      deferred(pointer, "the metaprompt evidence tags are not known yet"),
      deferred(date, "the evaluation report evidence tags are not known yet"),
    ]);
    const accountName = unknownAt("accountName");
    const orphan = deploymentSubject({ deployment: deployment("chat", { accountName }) });
    expect(evidence(orphan)).toEqual([
      deferred(accountName, "the metaprompt evidence tags are not known yet"),
      deferred(accountName, "the evaluation report evidence tags are not known yet"),
    ]);
    const owned = deploymentSubject({ deployment: deployment("chat", { accountName, evidence: complete }) });
    expect(evidence(owned)).toEqual([]);
    // The account was found (through propertyDependencies) and holds nothing: that is missing, not pending.
    const found = deploymentSubject({ deployment: deployment("chat", { accountName }), account: account() });
    expect(evidence(found)).toHaveLength(2);
    expect(evidence(found).map((o) => o.kind)).toEqual(["violation", "violation"]);
  });
});
