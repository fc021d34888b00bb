// The analyzer protocol as the engine drives it: what blocks `up`, what a preview reports (one finding per
// problem, under the rule that found it, at that rule's configured level, with no runtime noise), and what
// pack config does.
import * as fs from "fs";
import * as path from "path";
import { AnalyzerSession, Diagnostic, PackConfig, analyzeResources } from "../tooling/harness/analyzer";
import { captureProgram } from "../tooling/harness/capture";
import { ORG_CONFIG_POLICY, catalogue } from "../policy-pack/src/api";
import { EXAMPLES_DIR, PACK_DIR } from "./support/examples";

const example = (name: string) => path.join(EXAMPLES_DIR, name);
const stack = (dryRun: boolean) => ({ project: "test", stack: "dev", dryRun });
const mandatory = (ds: readonly Diagnostic[]) => ds.filter((d) => d.enforcementLevel === "mandatory");
const summary = (ds: readonly Diagnostic[]) =>
  ds.map((d) => `${d.phase} [${d.enforcementLevel}] ${d.policyName} ${d.urn.split("::").pop()}`.trimEnd()).sort();

describe("analyzer protocol", () => {
  it("GetAnalyzerInfo lists the pack, the org config policy first, then every rule of the catalogue", async () => {
    const session = await AnalyzerSession.start(PACK_DIR);
    try {
      const info = await session.getAnalyzerInfo();
      const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
      expect(info.name).toBe("azure-openai-ccc");
      expect(info.version).toBe(pkg.version);
      expect(info.supportsConfig).toBe(true);
      expect(info.policies.map((p) => p.name)).toEqual([
        "ccc-organization-config",
        ...catalogue().map((r) => r.meta.id),
      ]);
      for (const p of info.policies) expect(p.configSchema).toBeDefined();
      const filterRules = info.policies.filter((p) => /protected-material|jailbreak|async/.test(p.name));
      expect(filterRules.map((p) => p.enforcementLevel)).toEqual(filterRules.map(() => "mandatory"));
    } finally {
      await session.close();
    }
  });

  it("raises the mandatory violation at Analyze of the deployment, before its own step (what blocks up)", async () => {
    const capture = await captureProgram(example("noncompliant-text-annotate-only"));
    const session = await AnalyzerSession.start(PACK_DIR, { env: { PULUMI_DRY_RUN: "false" } });
    try {
      const info = await session.getAnalyzerInfo();
      await session.configure(info);
      await session.configureStack(stack(false));
      for (const r of capture.resources) {
        const found = mandatory(await session.analyze(r));
        if (r.type === "azure-native:cognitiveservices:Deployment") {
          expect(found.map((d) => d.policyName)).toEqual(["ccc-text-protected-material-filter"]);
          expect(found[0].urn).toBe(r.urn);
          expect(found[0].message).toContain("annotate mode");
          expect(found[0].message).toMatch(/\nFix: .*\nDocs: docs\/rules\.md#ccc-text-protected-material-filter$/);
          return;
        }
        expect(found).toEqual([]);
      }
      throw new Error("the example registered no deployment");
    } finally {
      await session.close();
    }
  });

  it("one process serving a preview and then an update reports the violation in each run", async () => {
    const capture = await captureProgram(example("noncompliant-text-annotate-only"));
    const session = await AnalyzerSession.start(PACK_DIR);
    const run = async (dryRun: boolean) => {
      await session.configureStack(stack(dryRun));
      const found: string[] = [];
      for (const r of capture.resources) for (const d of mandatory(await session.analyze(r))) found.push(d.policyName);
      for (const d of mandatory(await session.analyzeStack(capture.resources))) found.push(d.policyName);
      return found;
    };
    try {
      await session.configure(await session.getAnalyzerInfo());
      expect(await run(true)).toEqual(["ccc-text-protected-material-filter"]);
      expect(await run(false)).toEqual(["ccc-text-protected-material-filter"]);
    } finally {
      await session.close();
    }
  });

  it("in preview, says nothing while values are unknown and decides once at AnalyzeStack, under the rule's own id", async () => {
    const capture = await captureProgram(example("noncompliant-text-annotate-only"), { preview: true });
    const deployment = capture.resources.find((r) => r.type === "azure-native:cognitiveservices:Deployment")!;
    expect((deployment.inputs.properties as Record<string, unknown>).raiPolicyName).toBe(
      "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    );
    const result = await analyzeResources(PACK_DIR, capture.resources, stack(true));
    expect(summary(result.diagnostics)).toEqual([
      "analyzeStack [mandatory] ccc-text-protected-material-filter drafting",
    ]);
    expect(result.diagnostics.some((d) => /can't run policy/.test(d.message))).toBe(false);
  });

  it("a compliant stack passes preview with no finding at all", async () => {
    const capture = await captureProgram(example("compliant-text"), { preview: true });
    const result = await analyzeResources(PACK_DIR, capture.resources, stack(true));
    expect(result.diagnostics).toEqual([]);
  });

  it("a value still unknown at the end of a preview is one mandatory finding naming the property and where it comes from", async () => {
    const capture = await captureProgram(example("noncompliant-text-annotate-only"), { preview: true });
    // Drop the dependency information: the engine could not tell which policy the unknown name refers to.
    const blind = capture.resources.map((r) => ({ ...r, propertyDependencies: {}, dependencies: [] }));
    const result = await analyzeResources(PACK_DIR, blind, stack(true));
    expect(summary(mandatory(result.diagnostics))).toEqual([
      "analyzeStack [mandatory] ccc-verifiable-rai-policy drafting",
    ]);
    const messages = mandatory(result.diagnostics).map((d) => d.message.split("\n")[0]);
    expect(messages).toContain(
      '"drafting" cannot be shown compliant: properties.raiPolicyName is still unknown at the end of the preview, so the name of the RAI policy it runs on cannot be checked.',
    );
  });

  it("a disabled rule is silent at resource level and at stack level", async () => {
    for (const dryRun of [false, true]) {
      const capture = await captureProgram(example("noncompliant-jailbreak-not-blocking"), { preview: dryRun });
      const result = await analyzeResources(PACK_DIR, capture.resources, stack(dryRun), {
        "ccc-jailbreak-filter-mode": "disabled",
      });
      expect(mandatory(result.diagnostics)).toEqual([]);
    }
  });

  it("a rule set to advisory reports advisory under its own id, in up and in preview: nothing else blocks", async () => {
    for (const dryRun of [false, true]) {
      const capture = await captureProgram(example("noncompliant-jailbreak-not-blocking"), { preview: dryRun });
      const result = await analyzeResources(PACK_DIR, capture.resources, stack(dryRun), {
        "ccc-jailbreak-filter-mode": "advisory",
      });
      expect(summary(result.diagnostics)).toEqual([
        `${dryRun ? "analyzeStack" : "analyze"} [advisory] ccc-jailbreak-filter-mode support-bot`,
      ]);
    }
  });

  it("a problem several rules meet is reported once, under the highest configured level (the engine's Configure reaches the pack)", async () => {
    const capture = await captureProgram(example("noncompliant-default-policy"));
    const owner = await analyzeResources(PACK_DIR, capture.resources, stack(false));
    expect(summary(owner.diagnostics)).toEqual(["analyze [mandatory] ccc-explicit-rai-policy helpdesk-chat"]);
    const demoted = await analyzeResources(PACK_DIR, capture.resources, stack(false), {
      "ccc-explicit-rai-policy": "advisory",
    });
    // The owner is advisory now; the text rule, still mandatory, meets the same problem and reports it.
    expect(summary(demoted.diagnostics)).toEqual([
      "analyze [mandatory] ccc-text-protected-material-filter helpdesk-chat",
    ]);
    expect(demoted.diagnostics[0].message).toContain("names no RAI policy");
  });

  it("one policy reports for all, whichever is first enabled; the runtime calls no rule not applicable", async () => {
    const capture = await captureProgram(example("noncompliant-jailbreak-not-blocking"));
    // The first policy (the org config policy) reports for all; disabled, the next enabled one takes over.
    const configs: PackConfig[] = [{}, { [ORG_CONFIG_POLICY]: "disabled" }];
    for (const config of configs) {
      const session = await AnalyzerSession.start(PACK_DIR);
      try {
        await session.configure(await session.getAnalyzerInfo(), config);
        await session.configureStack(stack(false));
        const found: string[] = [];
        for (const r of capture.resources) {
          found.push(...summary(await session.analyze(r)));
          expect(session.notApplicable).toEqual([]);
        }
        expect(found).toEqual(["analyze [mandatory] ccc-jailbreak-filter-mode support-bot"]);
      } finally {
        await session.close();
      }
    }
  });

  it("bad config gives one clear error naming the key, and the analyzer keeps answering", async () => {
    const capture = await captureProgram(example("compliant-text"));
    const result = await analyzeResources(PACK_DIR, capture.resources, stack(false), {
      "ccc-organization-config": { defaultUseCases: ["chat"] },
    });
    const errors = result.diagnostics.filter((d) => d.policyName === "ccc-organization-config");
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain("ccc-organization-config.defaultUseCases[0]: must be one of");
    expect(mandatory(result.diagnostics)).toEqual(errors);
  });

  it("an update decided at resource level leaves the stack level nothing: the runtime builds no stack arguments, and a stale waiver, a config error or a read resource still reach it", async () => {
    const capture = await captureProgram(example("noncompliant-jailbreak-not-blocking"));
    const served = [ORG_CONFIG_POLICY, ...catalogue().map((r) => r.meta.id)];
    const run = async (config: PackConfig, resources = capture.resources, stackOnly: typeof capture.resources = []) => {
      const session = await AnalyzerSession.start(PACK_DIR);
      try {
        await session.configure(await session.getAnalyzerInfo(), config);
        await session.configureStack(stack(false));
        for (const r of resources) await session.analyze(r);
        const found = summary(await session.analyzeStack([...resources, ...stackOnly]));
        return { found, stepsAside: [...session.notApplicable].sort() };
      } finally {
        await session.close();
      }
    };
    // Every policy, the reporter included, is not applicable at stack level: nothing is left to decide.
    expect(await run({})).toEqual({ found: [], stepsAside: [...served].sort() });
    const stale = {
      waivers: [
        {
          policy: "ccc-jailbreak-filter-mode",
          resource: "nothing-here",
          reason: "r",
          approvedBy: "s",
          expires: "2099-12-31",
        },
      ],
    };
    const withStale = await run({ [ORG_CONFIG_POLICY]: stale });
    expect(withStale.found).toEqual(["analyzeStack [advisory] ccc-organization-config"]);
    expect(withStale.stepsAside).not.toContain(ORG_CONFIG_POLICY);
    // A config error no Analyze reported (an empty stack) is reported at stack level.
    const badConfig = await run({ [ORG_CONFIG_POLICY]: { defaultUseCases: ["chat"] } }, []);
    expect(badConfig.found).toEqual(["analyzeStack [mandatory] ccc-organization-config"]);
    // A deployment's account the program reads (.get) reaches only AnalyzeStack: the stack level judges again.
    const account = capture.resources.find((r) => r.type === "azure-native:cognitiveservices:Account")!;
    const read = await run(
      {},
      capture.resources.filter((r) => r !== account),
      [account],
    );
    expect(read.stepsAside).not.toContain(ORG_CONFIG_POLICY);
    // So does an account registered after the deployments that name it; not one that none of them names.
    const accountLast = [...capture.resources.filter((r) => r !== account), account];
    expect((await run({}, accountLast)).stepsAside).not.toContain(ORG_CONFIG_POLICY);
    const elsewhere = accountLast.map((r) =>
      r.type === "azure-native:cognitiveservices:Deployment"
        ? { ...r, inputs: { ...r.inputs, accountName: "other" } }
        : r,
    );
    expect((await run({}, elsewhere)).stepsAside).toEqual([...served].sort());
  });

  it("a waived finding is advisory under its own rule id with the waiver's reason; a waiver matching nothing is reported", async () => {
    const capture = await captureProgram(example("noncompliant-jailbreak-not-blocking"));
    const waiver = (resource: string) => ({
      policy: "ccc-jailbreak-filter-mode",
      resource,
      reason: "Pilot LEG-42",
      approvedBy: "security",
      expires: "2099-12-31",
    });
    const result = await analyzeResources(PACK_DIR, capture.resources, stack(false), {
      "ccc-organization-config": { waivers: [waiver("support-*"), waiver("nothing-here")] },
    });
    expect(summary(result.diagnostics)).toEqual(
      [
        "analyze [advisory] ccc-jailbreak-filter-mode support-bot",
        "analyzeStack [advisory] ccc-organization-config (stack)".replace(" (stack)", " "),
      ]
        .map((s) => s.trimEnd())
        .sort(),
    );
    expect(result.diagnostics.find((d) => d.policyName === "ccc-jailbreak-filter-mode")!.message).toContain(
      "Waived by the waiver",
    );
    expect(result.diagnostics.find((d) => d.policyName === "ccc-organization-config")!.message).toContain(
      'on "nothing-here"',
    );
  });
});

describe("secrets", () => {
  it("never prints a secret value in a diagnostic, even one that makes the resource fail", async () => {
    const capture = await captureProgram(example("compliant-text"));
    const SECRET = "chatbot-s3cret-value";
    const secret = (value: string) => ({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value,
    });
    const resources = capture.resources.map((r) =>
      r.type === "azure-native:cognitiveservices:Deployment"
        ? {
            ...r,
            inputs: {
              ...r.inputs,
              tags: { "ccc-use-case": secret(`text-generation, ${SECRET}`), "ccc-metaprompt": secret("m") },
            },
          }
        : r,
    );
    const result = await analyzeResources(PACK_DIR, resources, stack(false));
    const messages = result.diagnostics.map((d) => d.message);
    expect(messages).toContainEqual(expect.stringContaining("has [secret], which is not a use case"));
    for (const m of messages) expect(m).not.toContain("s3cret");
  });
});
