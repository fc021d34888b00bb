// Per-rule tests through the policies, with arguments built as the runtime builds them.
import { packRun } from "./support/packRun";
import {
  ACCOUNT,
  CODE_FILTERS,
  DEPLOYMENT,
  FilterInput,
  RAI_POLICY,
  TEXT_FILTERS,
  accountProps,
  annotateMode,
  deploymentProps,
  filterMode,
  policyProps,
} from "./support/resources";
import { UNKNOWN } from "./support/runtimeArgs";

const EVIDENCE = {
  "ccc-metaprompt": "https://wiki.example.com/metaprompt",
  "ccc-metaprompt-date": "2026-10-01",
  "ccc-evaluation-report": "https://wiki.example.com/eval",
  "ccc-evaluation-report-date": "2026-10-15",
};

type Config = Record<string, Record<string, unknown>>;

/** Analyzes account, policy and deployment in registration order; returns the deployment's results. */
async function deploymentVerdict(
  filters: unknown,
  useCases: string | undefined,
  options: { config?: Config; mode?: string; raiPolicyName?: unknown; policyTags?: Record<string, string> } = {},
) {
  const run = packRun(options.config);
  await run.analyze(ACCOUNT, "acct", accountProps(EVIDENCE));
  await run.analyze(RAI_POLICY, "policy", policyProps(filters, { mode: options.mode, tags: options.policyTags }));
  const tags: Record<string, string> = useCases === undefined ? {} : { "ccc-use-case": useCases };
  const name = "raiPolicyName" in options ? options.raiPolicyName : "ccc-policy";
  return run.analyze(DEPLOYMENT, "chat", deploymentProps(name, tags));
}

const ids = (results: Record<string, unknown>) => Object.keys(results).sort();

describe("text generation", () => {
  it("passes with Protected Material Text and Jailbreak in filter mode", async () => {
    expect(await deploymentVerdict(TEXT_FILTERS, "text-generation")).toEqual({});
  });

  it("rejects Protected Material Text in annotate mode, quoting the entry", async () => {
    const result = await deploymentVerdict(
      [filterMode("Jailbreak", "Prompt"), annotateMode("Protected Material Text", "Completion")],
      "text-generation",
    );
    expect(ids(result)).toEqual(["ccc-text-protected-material-filter"]);
    expect(result["ccc-text-protected-material-filter"].violations[0]).toMatch(
      /contentFilters\[1\] \("Protected Material Text", Completion\) to annotate mode/,
    );
  });

  it("rejects a missing Protected Material Text filter", async () => {
    const result = await deploymentVerdict([filterMode("Jailbreak", "Prompt")], "text-generation");
    expect(ids(result)).toEqual(["ccc-text-protected-material-filter"]);
    expect(result["ccc-text-protected-material-filter"].violations[0]).toMatch(/has no "Protected Material Text"/);
  });

  it("does not count a filter on the wrong source", async () => {
    const result = await deploymentVerdict(
      [filterMode("Jailbreak", "Prompt"), filterMode("Protected Material Text", "Prompt")],
      "text-generation",
    );
    expect(result["ccc-text-protected-material-filter"].violations[0]).toMatch(/counts only on source "Completion"/);
  });

  it("matches names case-insensitively, ignoring spaces, - and _", async () => {
    const filters = [filterMode("jailbreak", "prompt"), filterMode("protected_material-TEXT", "completion")];
    expect(await deploymentVerdict(filters, " Text-Generation ")).toEqual({});
  });

  it.each([
    ["on but not blocking", annotateMode("Jailbreak", "Prompt")],
    ["off", { name: "Jailbreak", source: "Prompt", enabled: false, blocking: false }],
    ["enabled without blocking set", { name: "Jailbreak", source: "Prompt", enabled: true }],
  ])("rejects a Jailbreak filter that is %s", async (_label, jailbreak) => {
    const result = await deploymentVerdict(
      [jailbreak, filterMode("Protected Material Text", "Completion")],
      "text-generation",
    );
    expect(ids(result)).toEqual(["ccc-jailbreak-filter-mode"]);
  });

  it("reads the preview action field: BLOCKING is filter mode", async () => {
    const filters: FilterInput[] = [
      { name: "Jailbreak", source: "Prompt", action: "BLOCKING" },
      { name: "Protected Material Text", source: "Completion", enabled: true, action: "BLOCKING" },
    ];
    expect(await deploymentVerdict(filters, "text-generation")).toEqual({});
  });

  it("treats an action that disagrees with blocking as a contradiction", async () => {
    const filters: FilterInput[] = [
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true, action: "ANNOTATING" },
      filterMode("Protected Material Text", "Completion"),
    ];
    expect(ids(await deploymentVerdict(filters, "text-generation"))).toEqual(["ccc-jailbreak-filter-mode"]);
  });

  it("rejects the asynchronous filter (Asynchronous_filter and the older Deferred)", async () => {
    for (const mode of ["Asynchronous_filter", "Deferred"]) {
      const result = await deploymentVerdict(TEXT_FILTERS, "text-generation", { mode });
      expect(ids(result)).toEqual(["ccc-async-filter-coverage"]);
      expect(result["ccc-async-filter-coverage"].violations[0]).toContain(`mode "${mode}"`);
    }
  });
});

describe("code generation", () => {
  const annotatedCode = [filterMode("Jailbreak", "Prompt"), annotateMode("Protected Material Code", "Completion")];

  it("passes with Protected Material Code in filter mode", async () => {
    expect(await deploymentVerdict(CODE_FILTERS, "code-generation")).toEqual({});
  });

  it("rejects annotate mode without declared licence compliance", async () => {
    const result = await deploymentVerdict(annotatedCode, "code-generation");
    expect(ids(result)).toEqual(["ccc-code-protected-material-filter"]);
    expect(result["ccc-code-protected-material-filter"].violations[0]).toContain("licenceComplianceDeclared");
  });

  it("accepts annotate mode with licence compliance declared, with an advisory reminder", async () => {
    const config = { "ccc-organization-config": { licenceComplianceDeclared: true } };
    const result = await deploymentVerdict(annotatedCode, "code-generation", { config });
    expect(ids(result)).toEqual(["ccc-code-licence-notice"]);
  });

  it("rejects a disabled Protected Material Code filter even with licence compliance", async () => {
    const config = { "ccc-organization-config": { licenceComplianceDeclared: true } };
    const off = { name: "Protected Material Code", source: "Completion", enabled: false, blocking: false };
    const result = await deploymentVerdict([filterMode("Jailbreak", "Prompt"), off], "code-generation", { config });
    expect(ids(result)).toEqual(["ccc-code-protected-material-filter"]);
  });

  it("needs Jailbreak in filter mode too", async () => {
    const filters = [annotateMode("Jailbreak", "Prompt"), filterMode("Protected Material Code", "Completion")];
    expect(ids(await deploymentVerdict(filters, "code-generation"))).toEqual(["ccc-jailbreak-filter-mode"]);
  });

  it("rejects the asynchronous filter unless licence compliance is declared", async () => {
    const rejected = await deploymentVerdict(CODE_FILTERS, "code-generation", { mode: "Asynchronous_filter" });
    expect(ids(rejected)).toEqual(["ccc-async-filter-coverage"]);
    const config = { "ccc-organization-config": { licenceComplianceDeclared: true } };
    const accepted = await deploymentVerdict(CODE_FILTERS, "code-generation", { mode: "Asynchronous_filter", config });
    expect(ids(accepted)).toEqual(["ccc-code-licence-notice"]);
  });

  it("adds up requirements for a deployment serving text and code", async () => {
    const result = await deploymentVerdict(CODE_FILTERS, "text-generation,code-generation");
    expect(ids(result)).toEqual(["ccc-text-protected-material-filter"]);
  });
});

describe("use cases", () => {
  it.each(["image-generation", "speech", "other"])("%s adds no filter requirement", async (useCase) => {
    expect(await deploymentVerdict([], useCase)).toEqual({});
  });

  it("rejects a deployment that declares no use case anywhere", async () => {
    const result = await deploymentVerdict(TEXT_FILTERS, undefined);
    expect(ids(result)).toEqual(["ccc-use-case-declared"]);
    expect(result["ccc-use-case-declared"].violations[0]).toContain("declares no use case");
  });

  it("applies the configured default use cases", async () => {
    const config = { "ccc-organization-config": { defaultUseCases: ["text-generation"] } };
    const result = await deploymentVerdict([filterMode("Jailbreak", "Prompt")], undefined, { config });
    expect(ids(result)).toEqual(["ccc-text-protected-material-filter"]);
    expect(result["ccc-text-protected-material-filter"].violations[0]).toContain("pack config defaultUseCases");
  });

  it("names the allowed values for an unknown use case", async () => {
    const result = await deploymentVerdict(TEXT_FILTERS, "chatbot");
    expect(result["ccc-use-case-declared"].violations).toEqual([
      expect.stringContaining('"chatbot", which is not a use case. Allowed values: text-generation, code-generation'),
      expect.stringContaining("declares no use case"),
    ]);
  });

  it("uses the account tag as the default, and a deployment tag wins over it", async () => {
    const run = packRun();
    await run.analyze(ACCOUNT, "acct", accountProps({ ...EVIDENCE, "ccc-use-case": "code-generation" }));
    await run.analyze(RAI_POLICY, "policy", policyProps(TEXT_FILTERS));
    const inherited = await run.analyze(DEPLOYMENT, "chat", deploymentProps("ccc-policy"));
    expect(ids(inherited)).toEqual(["ccc-code-protected-material-filter"]);
    const own = await run.analyze(
      DEPLOYMENT,
      "chat",
      deploymentProps("ccc-policy", { "ccc-use-case": "text-generation" }),
    );
    expect(own).toEqual({});
  });

  it("adds the use cases a RAI policy is tagged for, and checks the policy itself", async () => {
    const run = packRun();
    await run.analyze(ACCOUNT, "acct", accountProps(EVIDENCE));
    const policyResult = await run.analyze(
      RAI_POLICY,
      "policy",
      policyProps([filterMode("Jailbreak", "Prompt")], { tags: { "ccc-use-case": "text-generation" } }),
    );
    expect(ids(policyResult)).toEqual(["ccc-text-protected-material-filter"]);
    const result = await run.analyze(DEPLOYMENT, "chat", deploymentProps("ccc-policy", { "ccc-use-case": "speech" }));
    expect(ids(result)).toEqual(["ccc-text-protected-material-filter"]);
  });
});

describe("which policy a deployment runs on", () => {
  it("rejects a deployment with no raiPolicyName, saying how to attach one", async () => {
    const result = await deploymentVerdict(TEXT_FILTERS, "text-generation", { raiPolicyName: undefined });
    expect(ids(result)).toEqual(["ccc-explicit-rai-policy"]);
    expect(result["ccc-explicit-rai-policy"].violations[0]).toContain("raiPolicyName: policy.name");
  });

  it("rejects a Microsoft-managed policy even when accepted by config, for lack of a sourced fact", async () => {
    const config = { "ccc-organization-config": { acceptMicrosoftDefaultPolicy: true } };
    const result = await deploymentVerdict(TEXT_FILTERS, "text-generation", {
      raiPolicyName: "Microsoft.DefaultV2",
      config,
    });
    expect(ids(result)).toEqual(["ccc-explicit-rai-policy"]);
    expect(result["ccc-explicit-rai-policy"].violations[0]).toContain("no sourced fact");
  });

  it("cannot verify a policy that is neither in the stack nor configured", async () => {
    const result = await deploymentVerdict(TEXT_FILTERS, "text-generation", { raiPolicyName: "corp-shared" });
    expect(ids(result)).toEqual(["ccc-verifiable-rai-policy"]);
  });

  it("checks an externally managed policy against its declared filters", async () => {
    const external = (contentFilters: FilterInput[]) => ({
      "ccc-organization-config": { externalRaiPolicies: [{ name: "corp-shared", contentFilters }] },
    });
    const ok = await deploymentVerdict([], "text-generation", {
      raiPolicyName: "corp-shared",
      config: external(TEXT_FILTERS),
    });
    expect(ok).toEqual({});
    const weak = await deploymentVerdict([], "text-generation", {
      raiPolicyName: "CORP-SHARED",
      config: external([filterMode("Jailbreak", "Prompt")]),
    });
    expect(ids(weak)).toEqual(["ccc-text-protected-material-filter"]);
    expect(weak["ccc-text-protected-material-filter"].violations[0]).toContain("externally managed");
  });
});

describe("preview unknowns", () => {
  it("defers a deployment whose raiPolicyName is unknown, naming the property", async () => {
    const result = await deploymentVerdict(TEXT_FILTERS, "text-generation", { raiPolicyName: UNKNOWN.string });
    expect(result["ccc-text-protected-material-filter"]).toEqual({
      violations: [],
      unknown: expect.stringContaining(".properties.raiPolicyName is not known yet"),
    });
    // Deferred, not reported: the stack recheck decides once the dependency is known.
    expect(result["ccc-verifiable-rai-policy"]).toEqual({ violations: [], unknown: expect.any(String) });
  });

  it.each([
    ["the filter list", UNKNOWN.array],
    [
      "a filter's blocking flag",
      [
        filterMode("Jailbreak", "Prompt"),
        { ...filterMode("Protected Material Text", "Completion"), blocking: UNKNOWN.boolean },
      ],
    ],
  ])("defers when %s is unknown", async (_label, filters) => {
    const result = await deploymentVerdict(filters, "text-generation");
    expect(result["ccc-text-protected-material-filter"].unknown).toMatch(/contentFilters/);
    expect(result["ccc-text-protected-material-filter"].violations).toEqual([]);
  });

  it("defers a deployment tag that is unknown", async () => {
    const run = packRun();
    await run.analyze(RAI_POLICY, "policy", policyProps(TEXT_FILTERS));
    const props = deploymentProps("ccc-policy");
    props.tags = { "ccc-use-case": UNKNOWN.string };
    const result = await run.analyze(DEPLOYMENT, "chat", props);
    expect(result["ccc-use-case-declared"].unknown).toContain(".tags.ccc-use-case");
  });
});

describe("malformed resources", () => {
  it("names the property and does not crash on wrong types", async () => {
    const result = await deploymentVerdict(
      [
        { name: "Jailbreak", source: "Prompt", enabled: "yes", blocking: true },
        42,
        filterMode("Protected Material Text", "Completion"),
      ],
      "text-generation",
    );
    expect(result["ccc-jailbreak-filter-mode"].violations).toHaveLength(1);
  });

  it("reports wrong types on the RAI policy itself", async () => {
    const run = packRun();
    const result = await run.analyze(RAI_POLICY, "policy", policyProps({ not: "a list" }));
    expect(result["ccc-well-formed-resources"].violations[0]).toContain("properties.contentFilters must be a list");
  });

  it("reports a filter listed twice and a filter that contradicts itself", async () => {
    const run = packRun();
    const result = await run.analyze(
      RAI_POLICY,
      "policy",
      policyProps([
        filterMode("Jailbreak", "Prompt"),
        annotateMode("jailbreak", "Prompt"),
        { name: "Hate", source: "Prompt", enabled: false, blocking: true },
      ]),
    );
    const messages = result["ccc-well-formed-resources"].violations;
    expect(messages).toEqual([
      expect.stringContaining('contentFilters[2] ("Hate", Prompt) contradicts itself'),
      expect.stringContaining("listed 2 times"),
    ]);
  });
});

describe("universal evidence (advisory)", () => {
  it("reports missing and stale evidence", async () => {
    const run = packRun();
    await run.analyze(
      ACCOUNT,
      "acct",
      accountProps({ "ccc-evaluation-report": "r", "ccc-evaluation-report-date": "2025-01-01" }),
    );
    await run.analyze(RAI_POLICY, "policy", policyProps(TEXT_FILTERS));
    const result = await run.analyze(
      DEPLOYMENT,
      "chat",
      deploymentProps("ccc-policy", { "ccc-use-case": "text-generation" }),
    );
    expect(result["ccc-universal-evidence"].violations).toEqual([
      expect.stringContaining("has no metaprompt evidence"),
      expect.stringContaining("older than 180 days"),
    ]);
  });

  it("reports a bad maxEvidenceAgeDays once, naming the key", async () => {
    const run = packRun({ "ccc-universal-evidence": { maxEvidenceAgeDays: -3 } });
    await run.analyze(ACCOUNT, "acct", accountProps(EVIDENCE));
    await run.analyze(RAI_POLICY, "policy", policyProps(TEXT_FILTERS));
    const result = await run.analyze(
      DEPLOYMENT,
      "chat",
      deploymentProps("ccc-policy", { "ccc-use-case": "text-generation" }),
    );
    expect(result["ccc-universal-evidence"].violations).toEqual([
      expect.stringContaining("ccc-universal-evidence.maxEvidenceAgeDays: must be at least 1"),
    ]);
  });
});

describe("organization config", () => {
  it("reports bad settings once, naming each key, and falls back to the safe default", async () => {
    const run = packRun({
      "ccc-organization-config": { defaultUseCases: "text", licenceComplianceDeclared: "yes", colour: 1 },
    });
    const first = await run.analyze(ACCOUNT, "acct", accountProps(EVIDENCE));
    const message = first["ccc-organization-config"].violations[0];
    expect(message).toContain('unknown key "colour"');
    expect(message).toContain("defaultUseCases: must be a list");
    expect(message).toContain("licenceComplianceDeclared: must be true or false");
    const second = await run.analyze(ACCOUNT, "acct2", accountProps(EVIDENCE, "acct2"));
    expect(second["ccc-organization-config"]).toBeUndefined();
  });
});

describe("evidence age as of a given date", () => {
  it("measures age from asOfDate when set, and rejects a malformed one by name", async () => {
    const analyze = async (config: Record<string, unknown>) => {
      const run = packRun({ "ccc-universal-evidence": config });
      await run.analyze(ACCOUNT, "acct", accountProps(EVIDENCE));
      await run.analyze(RAI_POLICY, "policy", policyProps(TEXT_FILTERS));
      return run.analyze(DEPLOYMENT, "chat", deploymentProps("ccc-policy", { "ccc-use-case": "text-generation" }));
    };
    expect(await analyze({ asOfDate: "2026-11-01" })).toEqual({});
    const late = await analyze({ asOfDate: "2027-09-01" });
    expect(late["ccc-universal-evidence"].violations).toEqual([
      expect.stringContaining("the metaprompt (ccc-metaprompt) is dated 2026-10-01, 335 days ago"),
      expect.stringContaining("the evaluation report (ccc-evaluation-report) is dated 2026-10-15, 321 days ago"),
    ]);
    const bad = await analyze({ asOfDate: "1st of May" });
    expect(bad["ccc-universal-evidence"].violations).toEqual([
      expect.stringContaining("ccc-universal-evidence.asOfDate: must match"),
    ]);
  });
});
