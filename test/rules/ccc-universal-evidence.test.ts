// ccc-universal-evidence (advisory): each text- or code-generation deployment (or its account) points at its
// copyright metaprompt and latest evaluation report, dated no older than maxEvidenceAgeDays (whole days, as of
// the verdict time: evaluate() takes it at 2026-11-23T12:00Z).
import {
  COMPLIANT_FILTERS,
  SUB,
  UNKNOWN,
  account,
  classicAIServices,
  classicAccount,
  classicDeployment,
  classicPolicy,
  deployment,
  evaluate,
  hubDeployment,
  hubPolicy,
  policy,
  secret,
  urnOf,
  workspace,
} from "../support/stack";
import { DeploymentSubject, evidenceOf } from "../../policy-pack/src/api";
import { ALL_FILTERS, policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-universal-evidence";
const messages = (result: ReturnType<typeof evaluate>) => result.reported(RULE).map((f) => f.message);
const TEXT = { "ccc-use-case": "text-generation" };
const COMPLETE = {
  "ccc-metaprompt": "https://wiki.example.com/metaprompt",
  "ccc-metaprompt-date": "2026-10-01",
  "ccc-evaluation-report": "https://wiki.example.com/eval",
  "ccc-evaluation-report-date": "2026-10-15",
};
const tagFix = (tag: string, dateTag: string, where = "the deployment or its account") =>
  `Tag ${where} with ${tag} (an id or URL) and ${dateTag} (YYYY-MM-DD).`;
const METAPROMPT_FIX = tagFix("ccc-metaprompt", "ccc-metaprompt-date");
const REPORT_FIX = tagFix("ccc-evaluation-report", "ccc-evaluation-report-date");
const finding = (message: string, fix: string, level = "advisory") => ({
  resource: "chat",
  verdict: "violation",
  level,
  message,
  fix,
});

/** The account carries `accountTags`, the deployment `tags`; both serve text generation. */
const withTags = (
  accountTags: Record<string, unknown>,
  tags: Record<string, unknown> = {},
  config = {},
  asOf?: string,
) =>
  evaluate(
    [
      account("oai", { tags: { ...TEXT, ...accountTags } }),
      policy("strict", COMPLIANT_FILTERS),
      deployment("chat", { raiPolicyName: "strict", tags }),
    ],
    config,
    asOf ? { asOf } : {},
  );

describe("missing evidence", () => {
  it("no pointer (or a blank one) on the deployment or its account", () => {
    expect(withTags({ "ccc-metaprompt": "  " }).reported(RULE)).toEqual([
      finding(
        'Deployment "chat" has no metaprompt evidence: no ccc-metaprompt tag on the deployment or its account.',
        METAPROMPT_FIX,
      ),
      finding(
        'Deployment "chat" has no evaluation report evidence: no ccc-evaluation-report tag on the deployment or its account.',
        REPORT_FIX,
      ),
    ]);
  });

  it("a pointer without a date", () => {
    expect(withTags({ "ccc-metaprompt": "m", "ccc-evaluation-report": "r" }).reported(RULE)).toEqual([
      finding('Deployment "chat": the metaprompt evidence has no date (ccc-metaprompt-date).', METAPROMPT_FIX),
      finding(
        'Deployment "chat": the evaluation report evidence has no date (ccc-evaluation-report-date).',
        REPORT_FIX,
      ),
    ]);
  });

  it("a date that is not a calendar date (2026-02-30 does not roll over to March)", () => {
    const result = withTags({ ...COMPLETE, "ccc-metaprompt-date": "2026-02-30", "ccc-evaluation-report-date": "soon" });
    expect(result.reported(RULE)).toEqual([
      finding('Deployment "chat": ccc-metaprompt-date "2026-02-30" is not a calendar date YYYY-MM-DD.', METAPROMPT_FIX),
      finding('Deployment "chat": ccc-evaluation-report-date "soon" is not a calendar date YYYY-MM-DD.', REPORT_FIX),
    ]);
  });

  it("classic and AI Foundry hub deployments take no tags: the fix names the account or workspace to tag", () => {
    const classic = evaluate([
      classicAccount("oai", { tags: TEXT }),
      classicPolicy("strict", []),
      classicDeployment("chat", { raiPolicyName: "strict" }),
    ]);
    const expected = (holder: string, resource: string) => [
      finding(
        `Deployment "chat" has no metaprompt evidence: no ccc-metaprompt tag on its ${holder}.`,
        tagFix("ccc-metaprompt", "ccc-metaprompt-date", `its ${resource}`),
      ),
      finding(
        `Deployment "chat" has no evaluation report evidence: no ccc-evaluation-report tag on its ${holder}.`,
        tagFix("ccc-evaluation-report", "ccc-evaluation-report-date", `its ${resource}`),
      ),
    ];
    expect(classic.reported(RULE)).toEqual(expected("account", "azure.cognitive.Account"));
    const hub = evaluate([
      workspace("hub", { tags: TEXT }),
      hubPolicy("strict", COMPLIANT_FILTERS),
      hubDeployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(hub.reported(RULE)).toEqual(expected("workspace", "machinelearningservices.Workspace"));
  });
});

describe("the fix names the account's own type", () => {
  it("a classic deployment on an AIServices account, or on an azure-native account", () => {
    const fixOf = (holder: Parameters<typeof evaluate>[0][number]) =>
      evaluate([holder, classicPolicy("strict", []), classicDeployment("chat", { raiPolicyName: "strict" })])
        .reported(RULE)
        .map((f) => f.fix);
    expect(fixOf(classicAIServices("oai", { tags: TEXT }))).toEqual([
      tagFix("ccc-metaprompt", "ccc-metaprompt-date", "its azure.cognitive.AIServices"),
      tagFix("ccc-evaluation-report", "ccc-evaluation-report-date", "its azure.cognitive.AIServices"),
    ]);
    const provider = { urn: urnOf("pulumi:providers:azure-native", "pinned"), subscriptionId: SUB };
    expect(fixOf(account("oai", { tags: TEXT }, { provider }))).toEqual([
      tagFix("ccc-metaprompt", "ccc-metaprompt-date", "its cognitiveservices.Account"),
      tagFix("ccc-evaluation-report", "ccc-evaluation-report-date", "its cognitiveservices.Account"),
    ]);
  });
});

describe("an account not in the stack before the deployment", () => {
  it("the message says so (a later account's evidence is seen only at stack level); the fix is unchanged", () => {
    const alone = (name: unknown) =>
      evaluate([
        policy("strict", COMPLIANT_FILTERS),
        deployment("chat", { raiPolicyName: "strict", accountName: name, tags: TEXT }),
      ]).reported(RULE);
    expect(alone("oai")).toEqual([
      finding(
        'Deployment "chat" has no metaprompt evidence: no ccc-metaprompt tag on the deployment or its account (account "oai" is not in the stack before the deployment).',
        METAPROMPT_FIX,
      ),
      finding(
        'Deployment "chat" has no evaluation report evidence: no ccc-evaluation-report tag on the deployment or its account (account "oai" is not in the stack before the deployment).',
        REPORT_FIX,
      ),
    ]);
    expect(alone(secret("oai-private"))[0].message).toBe(
      'Deployment "chat" has no metaprompt evidence: no ccc-metaprompt tag on the deployment or its account (account [secret] is not in the stack before the deployment).',
    );
    const hub = evaluate([hubPolicy("strict", COMPLIANT_FILTERS), hubDeployment("chat", { raiPolicyName: "strict" })], {
      "ccc-organization-config": { defaultUseCases: ["text-generation"] },
    });
    expect(hub.reported(RULE)[0].message).toBe(
      'Deployment "chat" has no metaprompt evidence: no ccc-metaprompt tag on its workspace (workspace "hub" is not in the stack before the deployment).',
    );
    // Without the account in the stack, the fix names the type the provider's deployments sit on.
    expect(hub.reported(RULE)[0].fix).toBe(
      tagFix("ccc-metaprompt", "ccc-metaprompt-date", "its machinelearningservices.Workspace"),
    );
    const classic = evaluate([classicPolicy("strict", []), classicDeployment("chat", { raiPolicyName: "strict" })], {
      "ccc-organization-config": { defaultUseCases: ["text-generation"] },
    });
    expect(classic.reported(RULE)[0].fix).toBe(
      tagFix("ccc-metaprompt", "ccc-metaprompt-date", "its azure.cognitive.Account"),
    );
  });
});

describe("dated evidence", () => {
  it("complete evidence on the account or on the deployment passes", () => {
    expect(withTags(COMPLETE).reported(RULE)).toEqual([]);
    expect(withTags({}, COMPLETE).reported(RULE)).toEqual([]);
    expect(withTags(COMPLETE).verdict("chat", RULE).verdict).toBe("pass");
  });

  it("stale evidence states its age in whole days; the deployment's own date wins over its account's", () => {
    const stale = withTags(
      { ...COMPLETE, "ccc-metaprompt-date": "2020-01-01" },
      { "ccc-metaprompt-date": " 2026-01-01 " },
    );
    expect(stale.reported(RULE)).toEqual([
      finding(
        'Deployment "chat": the metaprompt (ccc-metaprompt) is dated 2026-01-01, 326 days ago, older than 180 days. Re-run and record the evaluation.',
        "Update ccc-metaprompt-date on the deployment or its account after the next evaluation.",
      ),
    ]);
  });

  it("maxEvidenceAgeDays allows exactly that many days", () => {
    const dated = { ...COMPLETE, "ccc-metaprompt-date": "2026-01-01" };
    expect(withTags(dated, {}, { [RULE]: { maxEvidenceAgeDays: 326 } }).reported(RULE)).toEqual([]);
    expect(messages(withTags(dated, {}, { [RULE]: { maxEvidenceAgeDays: 325 } }))).toEqual([
      'Deployment "chat": the metaprompt (ccc-metaprompt) is dated 2026-01-01, 326 days ago, older than 325 days. Re-run and record the evaluation.',
    ]);
  });

  it("age is taken as of ccc-organization-config.asOfDate (or the asOf option)", () => {
    const expected = [
      'Deployment "chat": the metaprompt (ccc-metaprompt) is dated 2026-10-01, 335 days ago, older than 180 days. Re-run and record the evaluation.',
      'Deployment "chat": the evaluation report (ccc-evaluation-report) is dated 2026-10-15, 321 days ago, older than 180 days. Re-run and record the evaluation.',
    ];
    expect(messages(withTags(COMPLETE, {}, { "ccc-organization-config": { asOfDate: "2027-09-01" } }))).toEqual(
      expected,
    );
    expect(messages(withTags(COMPLETE, {}, {}, "2027-09-01"))).toEqual(expected);
    expect(messages(withTags(COMPLETE, {}, {}, "2027-03-30"))).toEqual([]);
  });

  it("a date after the verdict's day records no evaluation yet; a day ahead is a time zone's today", () => {
    const future = (date: unknown) => messages(withTags({ ...COMPLETE, "ccc-metaprompt-date": date }));
    expect(future("2999-01-01")).toEqual([
      'Deployment "chat": the metaprompt (ccc-metaprompt) is dated 2999-01-01, after the day the verdict is taken (2026-11-23), so it records no evaluation yet.',
    ]);
    expect(future(" 2026-11-25 ")).toEqual([
      'Deployment "chat": the metaprompt (ccc-metaprompt) is dated 2026-11-25, after the day the verdict is taken (2026-11-23), so it records no evaluation yet.',
    ]);
    expect(future("2026-11-24")).toEqual([]);
    expect(future(secret("2999-01-01"))).toEqual([
      'Deployment "chat": the metaprompt (ccc-metaprompt) is dated [secret], after the day the verdict is taken (2026-11-23), so it records no evaluation yet.',
    ]);
    expect(withTags({ ...COMPLETE, "ccc-metaprompt-date": "2999-01-01" }).reported(RULE)[0].fix).toBe(
      "Set ccc-metaprompt-date on the deployment or its account to the day the evaluation ran.",
    );
  });

  it("a secret date is neither quoted nor turned into an age", () => {
    expect(messages(withTags({ ...COMPLETE, "ccc-metaprompt-date": secret("2025-01-01") }))).toEqual([
      'Deployment "chat": the metaprompt (ccc-metaprompt) is dated [secret], more than 180 days ago. Re-run and record the evaluation.',
    ]);
    expect(messages(withTags({ ...COMPLETE, "ccc-metaprompt-date": secret("someday") }))).toEqual([
      'Deployment "chat": ccc-metaprompt-date [secret] is not a calendar date YYYY-MM-DD.',
    ]);
    expect(
      withTags({ ...COMPLETE, "ccc-metaprompt": secret("https://wiki.example.com/secret-prompt") }).reported(RULE),
    ).toEqual([]);
  });

  it("a secret evaluation report date alike, on the account or on the deployment", () => {
    expect(messages(withTags({ ...COMPLETE, "ccc-evaluation-report-date": secret("2025-01-01") }))).toEqual([
      'Deployment "chat": the evaluation report (ccc-evaluation-report) is dated [secret], more than 180 days ago. Re-run and record the evaluation.',
    ]);
    expect(messages(withTags(COMPLETE, { "ccc-evaluation-report-date": secret("someday") }))).toEqual([
      'Deployment "chat": ccc-evaluation-report-date [secret] is not a calendar date YYYY-MM-DD.',
    ]);
  });

  it("an invalid maxEvidenceAgeDays falls back to 180 and is a config error naming the key", () => {
    const result = withTags(
      { ...COMPLETE, "ccc-metaprompt-date": "2026-05-01" },
      {},
      { [RULE]: { maxEvidenceAgeDays: 0 } },
    );
    expect(result.configErrors).toEqual([
      "ccc-universal-evidence.maxEvidenceAgeDays: must be at least 1, got number 0; the default 180 is used",
    ]);
    expect(messages(result)).toEqual([
      'Deployment "chat": the metaprompt (ccc-metaprompt) is dated 2026-05-01, 206 days ago, older than 180 days. Re-run and record the evaluation.',
    ]);
  });
});

describe("undecided", () => {
  const undecided = (message: string) => ({
    resource: "chat",
    verdict: "undecided",
    level: "advisory",
    message,
    fix: "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.",
  });

  it("a pointer or date that is not known", () => {
    expect(withTags({ ...COMPLETE, "ccc-metaprompt": UNKNOWN }).reported(RULE)).toEqual([
      undecided(
        '"chat" cannot be shown compliant: tags.ccc-metaprompt is not known, so the metaprompt evidence tags cannot be checked.',
      ),
    ]);
    expect(withTags(COMPLETE, { "ccc-evaluation-report-date": UNKNOWN }).reported(RULE)).toEqual([
      undecided(
        '"chat" cannot be shown compliant: tags.ccc-evaluation-report-date is not known, so the evaluation report evidence tags cannot be checked.',
      ),
    ]);
  });

  it("an account not known yet may hold the evidence; the deployment's own evidence needs no account", () => {
    const orphan = (tags: Record<string, unknown>, config = {}) =>
      evaluate(
        [
          account("oai", { tags: COMPLETE }),
          policy("strict", COMPLIANT_FILTERS),
          deployment("chat", { raiPolicyName: "strict", accountName: UNKNOWN, tags: { ...TEXT, ...tags } }),
        ],
        config,
      );
    // The same unknown (accountName) is one finding: the mandatory rule that also waits for it reports it.
    const waiting = orphan({});
    expect(waiting.reported(RULE)).toEqual([]);
    expect(waiting.verdict("chat", RULE)).toMatchObject({
      verdict: "undecided",
      findings: [{ ruleId: "ccc-verifiable-rai-policy", verdict: "undecided", level: "mandatory" }],
    });
    expect(waiting.judgement.findings.filter((f) => f.verdict === "undecided")).toHaveLength(1);
    // With the rules that wait for it before this one disabled, it is this rule's, at its level.
    const alone = orphan(
      {},
      {
        "ccc-verifiable-rai-policy": "disabled",
        "ccc-text-protected-material-filter": "disabled",
        "ccc-jailbreak-filter-mode": "disabled",
        "ccc-async-filter-coverage": "disabled",
      },
    );
    expect(alone.reported(RULE)).toEqual([
      undecided(
        '"chat" cannot be shown compliant: accountName is not known, so the metaprompt evidence tags cannot be checked.',
      ),
    ]);
    expect(orphan(COMPLETE).reported(RULE)).toEqual([]);
  });

  it("use cases not known yet: the rule waits (ccc-use-case-declared reports the unknown)", () => {
    const result = withTags({}, { "ccc-use-case": UNKNOWN });
    expect(result.reported(RULE)).toEqual([]);
    expect(result.pairs("undecided")).toEqual(["ccc-use-case-declared chat"]);
  });
});

describe("evidenceOf: the evidence as the rule and the evidence report read it", () => {
  const NOW = new Date("2026-11-23T12:00:00Z");
  const read = (accountTags: Record<string, unknown>, tags: Record<string, unknown> = {}) => {
    const subject = withTags(accountTags, tags).subject("chat").subject as DeploymentSubject;
    const found = subject.account?.kind === "found" ? subject.account.node : undefined;
    return { subject, accountEvidence: found?.evidence, items: evidenceOf(subject, NOW) };
  };

  it("each value comes from the deployment, else its account; declaredOn names where the pointer is", () => {
    const { subject, accountEvidence, items } = read(
      { "ccc-metaprompt-date": "2026-10-01", "ccc-evaluation-report": "r", "ccc-evaluation-report-date": "2026-10-15" },
      { "ccc-metaprompt": "m" },
    );
    const [metaprompt, report] = items;
    // The account's date is for the account's metaprompt, not the deployment's own "m": that one has no date.
    expect(metaprompt).toStrictEqual({
      what: "metaprompt",
      tag: "ccc-metaprompt",
      pointer: "m",
      dateTag: "ccc-metaprompt-date",
      date: undefined,
      declaredOn: "deployment",
      pointerHolder: subject.deployment.evidence,
    });
    expect(metaprompt.pointerHolder).toBe(subject.deployment.evidence);
    // The account's own pair, or its pointer repeated on the deployment, keeps the account's date.
    for (const own of [{}, { "ccc-metaprompt": "m" }]) {
      const pair = read({ "ccc-metaprompt": "m", "ccc-metaprompt-date": "2026-10-01" }, own);
      expect(pair.items[0]).toMatchObject({ pointer: "m", date: "2026-10-01", ageDays: 53 });
    }
    // A date the deployment sets dates its account's pointer (its own review of that metaprompt).
    const redated = read(
      { "ccc-metaprompt": "m", "ccc-metaprompt-date": "2026-01-01" },
      { "ccc-metaprompt-date": "2026-10-01" },
    );
    expect(redated.items[0]).toMatchObject({
      pointer: "m",
      date: "2026-10-01",
      declaredOn: 'account "oai"',
      ageDays: 53,
    });
    expect(redated.items[0].dateHolder).toBe(redated.subject.deployment.evidence);
    expect(report).toEqual({
      what: "evaluation report",
      tag: "ccc-evaluation-report",
      pointer: "r",
      dateTag: "ccc-evaluation-report-date",
      date: "2026-10-15",
      declaredOn: 'account "oai"',
      ageDays: 39,
      pointerHolder: accountEvidence,
      dateHolder: accountEvidence,
    });
    expect(report.pointerHolder).toBe(accountEvidence);
  });

  it("a pointer without a date is declared where the pointer is; evidence declared nowhere has no declaredOn", () => {
    const [metaprompt, report] = read({ "ccc-evaluation-report": "r" }).items;
    expect(metaprompt).toStrictEqual({
      what: "metaprompt",
      tag: "ccc-metaprompt",
      pointer: undefined,
      dateTag: "ccc-metaprompt-date",
      date: undefined,
    });
    expect(report).toStrictEqual({
      what: "evaluation report",
      tag: "ccc-evaluation-report",
      pointer: "r",
      dateTag: "ccc-evaluation-report-date",
      date: undefined,
      declaredOn: 'account "oai"',
      pointerHolder: read({ "ccc-evaluation-report": "r" }).accountEvidence,
    });
  });
});

describe("not applicable", () => {
  it.each([
    ["embeddings", "text-embedding-3-large", "OpenAI", "text-generation"],
    ["a use case of other", "gpt-4o", "OpenAI", "other"],
    ["image generation", "dall-e-3", "OpenAI", "image-generation"],
    ["a model outside the CCC", "Mistral-Large-2411", "Mistral AI", "text-generation"],
  ])("%s needs no metaprompt or evaluation evidence", (_label, model, format, useCases) => {
    const result = evaluate([
      account("oai", { tags: { "ccc-use-case": useCases } }),
      policy("strict", []),
      deployment("chat", { raiPolicyName: "strict", model, format }),
    ]);
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).notApplicable).toBe(
      "only Azure OpenAI deployments that generate text or code need the metaprompt and evaluation evidence",
    );
  });

  it("set to mandatory, missing evidence blocks", () => {
    const result = withTags({}, {}, { [RULE]: "mandatory" });
    expect(result.reported(RULE).map((f) => f.level)).toEqual(["mandatory", "mandatory"]);
    expect(result.subject("chat").compliant).toBe(false);
  });
});

policyLevelCases({
  rule: RULE,
  steps: [
    step.account("oai", { ...TEXT, "ccc-metaprompt": "wiki/metaprompt", "ccc-metaprompt-date": "2026-11-01" }),
    step.policy("strict", ALL_FILTERS),
    step.deployment("chat", { policy: "strict" }),
  ],
  resource: "chat",
  message:
    'Deployment "chat" has no evaluation report evidence: no ccc-evaluation-report tag on the deployment or its account.',
  fix: REPORT_FIX,
  defaultLevel: "advisory",
  previewPhase: "analyzeStack",
  badConfig: { maxEvidenceAgeDays: -3 },
  badConfigError: `${RULE}.maxEvidenceAgeDays: must be at least 1, got number -3; the default 180 is used`,
});
