// The analyzer protocol as the engine drives it: what blocks `up`, what preview reports, what config does.
import * as fs from "fs";
import * as path from "path";
import { AnalyzerSession, Diagnostic, analyzeResources } from "../tooling/harness/analyzer";
import { captureProgram } from "../tooling/harness/capture";
import { describeUrn } from "../tooling/harness/report";
import { EXAMPLES_DIR, PACK_DIR, isPreviewDeferral } from "./support/examples";
import { RULES } from "../policy-pack/src/rules";

const example = (name: string) => path.join(EXAMPLES_DIR, name);
const stack = (dryRun: boolean) => ({ project: "test", stack: "dev", dryRun });
const mandatory = (ds: readonly Diagnostic[]) => ds.filter((d) => d.enforcementLevel === "mandatory");

describe("analyzer protocol", () => {
  it("GetAnalyzerInfo lists the pack, its version and every policy with a config schema", async () => {
    const session = await AnalyzerSession.start(PACK_DIR);
    try {
      const info = await session.getAnalyzerInfo();
      const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
      expect(info.name).toBe("azure-openai-ccc");
      expect(info.version).toBe(pkg.version);
      expect(info.supportsConfig).toBe(true);
      const names = info.policies.map((p) => p.name);
      expect(names).toEqual([
        "ccc-organization-config",
        ...RULES.map((r) => r.meta.id),
        "ccc-stack-recheck",
        "ccc-waivers",
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
    const session = await AnalyzerSession.start(PACK_DIR);
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
          return;
        }
        expect(found).toEqual([]);
      }
      throw new Error("the example registered no deployment");
    } finally {
      await session.close();
    }
  });

  it("in preview, defers unknown names with the runtime's advisory and decides in AnalyzeStack", async () => {
    const capture = await captureProgram(example("noncompliant-text-annotate-only"), { preview: true });
    const deployment = capture.resources.find((r) => r.type === "azure-native:cognitiveservices:Deployment")!;
    const properties = deployment.inputs.properties as Record<string, unknown>;
    expect(properties.raiPolicyName).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    expect(deployment.propertyDependencies.properties?.length).toBeGreaterThan(0);

    const result = await analyzeResources(PACK_DIR, capture.resources, stack(true));
    const atAnalyze = result.diagnostics.filter((d) => d.phase === "analyze" && d.urn === deployment.urn);
    expect(mandatory(atAnalyze)).toEqual([]);
    expect(atAnalyze.filter(isPreviewDeferral).map((d) => d.message)).toContainEqual(
      expect.stringContaining(".properties.raiPolicyName is not known yet"),
    );
    const atStack = mandatory(result.diagnostics.filter((d) => d.phase === "analyzeStack"));
    expect(atStack.map((d) => [d.policyName, describeUrn(d.urn).name])).toEqual([
      ["ccc-stack-recheck", deployment.name],
    ]);
    expect(atStack[0].message).toContain("[ccc-text-protected-material-filter]");
  });

  it("a compliant stack passes preview with no mandatory finding", async () => {
    const capture = await captureProgram(example("compliant-text"), { preview: true });
    const result = await analyzeResources(PACK_DIR, capture.resources, stack(true));
    expect(mandatory(result.diagnostics)).toEqual([]);
  });

  it("an unresolvable unknown fails the preview instead of passing silently", async () => {
    const capture = await captureProgram(example("noncompliant-text-annotate-only"), { preview: true });
    // Drop the dependency information: the engine could not tell which policy the unknown name refers to.
    const blind = capture.resources.map((r) => ({ ...r, propertyDependencies: {}, dependencies: [] }));
    const result = await analyzeResources(PACK_DIR, blind, stack(true));
    const messages = mandatory(result.diagnostics).map((d) => d.message);
    expect(messages).toContainEqual(
      expect.stringContaining("cannot be shown compliant: .properties.raiPolicyName is still unknown"),
    );
  });

  it("a disabled rule is silent at resource level and in the stack recheck", async () => {
    const capture = await captureProgram(example("noncompliant-jailbreak-not-blocking"), { preview: true });
    const result = await analyzeResources(PACK_DIR, capture.resources, stack(true), {
      "ccc-jailbreak-filter-mode": "disabled",
    });
    expect(mandatory(result.diagnostics)).toEqual([]);
  });

  it("bad config gives one clear error naming the key, and the analyzer keeps answering", async () => {
    const capture = await captureProgram(example("compliant-text"));
    const result = await analyzeResources(PACK_DIR, capture.resources, stack(false), {
      "ccc-organization-config": { defaultUseCases: ["chat"] },
    });
    const errors = result.diagnostics.filter((d) => d.policyName === "ccc-organization-config");
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain("ccc-organization-config.defaultUseCases");
    // The run reached AnalyzeStack (analyzeResources would have thrown otherwise) and nothing else fired.
    expect(mandatory(result.diagnostics)).toEqual(errors);
  });
});

describe("remediation over the protocol", () => {
  it("with enforcement level remediate, fixes the RAI policy before creation and nothing is violated", async () => {
    const capture = await captureProgram(example("noncompliant-policy-own-use-case"));
    const result = await analyzeResources(PACK_DIR, capture.resources, stack(false), {
      "ccc-text-protected-material-filter": "remediate",
    });
    expect(mandatory(result.diagnostics)).toEqual([]);
    const policy = capture.resources.find((r) => r.type === "azure-native:cognitiveservices:RaiPolicy")!;
    const applied = result.remediations.get(policy.urn) ?? [];
    expect(applied.map((a) => a.policyName)).toEqual(["ccc-text-protected-material-filter"]);
    const filters = (applied[0].properties!.properties as { contentFilters: Record<string, unknown>[] }).contentFilters;
    expect(filters).toContainEqual({
      name: "Protected Material Text",
      source: "Completion",
      enabled: true,
      blocking: true,
    });
    const before = (policy.inputs.properties as { contentFilters: unknown[] }).contentFilters;
    expect(filters.slice(0, before.length)).toEqual(before);
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
        ? { ...r, inputs: { ...r.inputs, tags: { "ccc-use-case": secret(SECRET), "ccc-metaprompt": secret("m") } } }
        : r,
    );
    const result = await analyzeResources(PACK_DIR, resources, stack(false));
    const messages = result.diagnostics.map((d) => d.message);
    expect(messages).toContainEqual(expect.stringContaining('has "[secret]", which is not a use case'));
    for (const m of messages) expect(m).not.toContain(SECRET);
  });
});
