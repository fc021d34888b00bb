// The snippet library (docs/snippets/<name>/): the minimal compliant programs docs/rules.md shows for each rule,
// in TypeScript, Python, Go, C# and Pulumi YAML, with the pack config they need (policy-config.json).
// - The TypeScript snippets type-check against the workspace's @pulumi/azure-native (v3), as users compile them.
// - Each YAML snippet passes `pulumi preview --policy-pack policy-pack` through the real CLI, the Pulumi YAML
//   language host and the azure-native stand-in (as test/yaml.e2e.test.ts runs them), with every rule mandatory:
//   no rule of the pack has anything against it. Only notes (advisory whatever the level) may remain, and only
//   from rules that show the snippet (the note is what the snippet demonstrates, e.g. an approval).
// - Python, Go and C# cannot run here (no SDKs installed); docs/rules.md says so.
// Which rules show which snippet is checked in test/docs.test.ts; the snippets' configs are validated against
// the policies' schemas in test/rollout.test.ts.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { catalogue, policyNames } from "../policy-pack/src/api";
import { SNIPPETS_DIR, SNIPPET_CONFIG, snippetNames } from "../scripts/generate-docs";
import {
  EVALUATED_ON,
  EXAMPLES_DIR,
  Finding,
  ROOT,
  findings,
  isPreviewDeferral,
  sortFindings,
} from "./support/examples";
import { describeWithCli, previewEvents, previewPolicyFindings } from "./support/pulumiCli";

const SNIPPETS = snippetNames();

describe("TypeScript snippets", () => {
  // One type-check of every snippet, plus a copy of one with a misspelt property: the copy must fail, so the
  // check is not vacuous (an `any`-typed SDK would pass anything).
  let diagnostics: { file: string; message: string }[];
  let typo: string;

  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(ROOT, ".tools", "tmp", "snippet-typo-"));
    typo = path.join(dir, "index.ts");
    const source = fs.readFileSync(path.join(SNIPPETS_DIR, "compliant-text", "index.ts"), "utf8");
    fs.writeFileSync(typo, source.replace("raiPolicyName: policy.name", "raiPolicyNames: policy.name"));
    try {
      const files = [...SNIPPETS.map((s) => path.join(SNIPPETS_DIR, s, "index.ts")), typo];
      const program = ts.createProgram(files, {
        strict: true,
        noEmit: true,
        noUnusedLocals: true,
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        esModuleInterop: true,
        skipLibCheck: true,
        types: ["node"],
      });
      diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ({
        file: d.file?.fileName ?? "",
        message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("resolve @pulumi/azure-native to the workspace's v3", () => {
    const pkg = require.resolve("@pulumi/azure-native/package.json", { paths: [path.join(SNIPPETS_DIR, SNIPPETS[0])] });
    expect(JSON.parse(fs.readFileSync(pkg, "utf8")).version).toMatch(/^3\./);
  });

  it(`compile against @pulumi/azure-native (type-check, no emit): ${SNIPPETS.join(", ")}`, () => {
    expect(SNIPPETS.length).toBeGreaterThanOrEqual(5);
    expect(
      diagnostics.filter((d) => d.file !== typo).map((d) => `${path.relative(ROOT, d.file)}: ${d.message}`),
    ).toEqual([]);
  });

  it("would fail to compile with a misspelt property (the check is not vacuous)", () => {
    const messages = diagnostics.filter((d) => d.file === typo).map((d) => d.message);
    expect(messages.join("\n")).toMatch(/'raiPolicyNames' does not exist in type/);
  });
});

describe("the snippet library", () => {
  it("holds every language and, where a snippet needs one, a pack config naming only the pack's policies", () => {
    for (const snippet of SNIPPETS) {
      const files = fs.readdirSync(path.join(SNIPPETS_DIR, snippet)).sort();
      expect([snippet, files.filter((f) => f !== SNIPPET_CONFIG)]).toEqual([
        snippet,
        ["Program.cs", "Pulumi.yaml", "__main__.py", "index.ts", "main.go"],
      ]);
      if (files.includes(SNIPPET_CONFIG)) {
        const config = JSON.parse(fs.readFileSync(path.join(SNIPPETS_DIR, snippet, SNIPPET_CONFIG), "utf8"));
        for (const policy of Object.keys(config)) expect(policyNames()).toContain(policy);
      }
    }
  });

  it("is what the rules show: each snippet is shown for at least one rule", () => {
    const shown = new Set(catalogue().map((e) => e.meta.snippet));
    expect(SNIPPETS.filter((s) => !shown.has(s))).toEqual([]);
  });
});

/** The snippet's own config, with every policy of the pack raised to mandatory and a fixed "as of" day. */
function mandatoryConfig(snippet: string): Record<string, Record<string, unknown>> {
  const file = path.join(SNIPPETS_DIR, snippet, SNIPPET_CONFIG);
  const own = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, object>) : {};
  const config: Record<string, Record<string, unknown>> = {};
  for (const policy of policyNames()) config[policy] = { ...own[policy], enforcementLevel: "mandatory" };
  config["ccc-organization-config"].asOfDate = EVALUATED_ON;
  return config;
}

/** Advisory findings of a `pulumi preview --json` (streaming events), and the resource types it previewed. */
function advisoryAndTypes(output: string): { advisory: Finding[]; types: string[] } {
  const { diagnostics, types } = previewEvents(output);
  expect(diagnostics.filter(isPreviewDeferral)).toEqual([]);
  return { advisory: findings(diagnostics, "advisory"), types };
}

describeWithCli("YAML snippets through the Pulumi CLI", ["pulumi-language-yaml"], (newStack) => {
  const work = path.join(ROOT, ".tools", "tmp");
  let scratch: string;

  beforeAll(() => {
    fs.mkdirSync(work, { recursive: true });
    scratch = fs.mkdtempSync(path.join(work, "snippets-"));
  });
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  /** `pulumi preview --policy-pack policy-pack --policy-pack-config <every rule mandatory>` of a YAML program. */
  const preview = (name: string, yaml: string, config: object) => {
    const program = path.join(scratch, name);
    fs.mkdirSync(program);
    fs.writeFileSync(path.join(program, "Pulumi.yaml"), yaml);
    const configFile = path.join(scratch, `${name}.config.json`);
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    // CliStack copies a program from under examples/; the scratch copy holds only the YAML program.
    const result = previewPolicyFindings(newStack(path.relative(EXAMPLES_DIR, program)), [
      "--policy-pack-config",
      configFile,
    ]);
    return { ...result, ...advisoryAndTypes(result.output) };
  };

  describe.each(SNIPPETS)("YAML snippet %s", (snippet) => {
    it("passes `pulumi preview --policy-pack` with every rule mandatory; only its own rules' notes remain", () => {
      const yaml = fs.readFileSync(path.join(SNIPPETS_DIR, snippet, "Pulumi.yaml"), "utf8");
      const result = preview(snippet, yaml, mandatoryConfig(snippet));
      expect(result.mandatory).toEqual([]);
      expect(result.status).toBe(0);
      // The program ran: its Azure OpenAI resources were previewed.
      expect(result.types).toEqual(expect.arrayContaining(["azure-native:cognitiveservices:Deployment"]));
      const shownFor = catalogue()
        .filter((e) => e.meta.snippet === snippet)
        .map((e) => e.meta.id);
      expect(result.advisory.filter((f) => !shownFor.includes(f.policy))).toEqual([]);
    });
  });

  it("the same preview fails once the compliant-text snippet's Jailbreak filter only annotates", () => {
    const yaml = fs
      .readFileSync(path.join(SNIPPETS_DIR, "compliant-text", "Pulumi.yaml"), "utf8")
      .replace(
        "{ name: Jailbreak, source: Prompt, enabled: true, blocking: true }",
        "{ name: Jailbreak, source: Prompt, enabled: true, blocking: false }",
      );
    expect(yaml).toContain("blocking: false }");
    const result = preview("compliant-text-annotating", yaml, mandatoryConfig("compliant-text"));
    expect(result.status).not.toBe(0);
    expect(result.mandatory).toEqual(sortFindings([{ policy: "ccc-jailbreak-filter-mode", resource: "chat" }]));
  });
});
