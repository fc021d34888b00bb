// The offline check as a command (`tooling/cli/check.ts`, as `npm run check` runs it): exit codes, usage,
// stack config (stack files, --stack, PULUMI_CONFIG, secrets), program failures told in the program's own
// terms, programs on their own dependencies (an azure-native 2.x program), and the provider sent to the pack.
import Ajv from "ajv";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { analyzeResources } from "../tooling/harness/analyzer";
import { captureProgram } from "../tooling/harness/capture";
import { secretPlaceholder } from "../tooling/harness/stackConfig";
import { CheckFinding, CheckOutput, countFindings, splitDiagnosticText } from "../tooling/cli/output";
import { formatReport } from "../tooling/harness/report";
import { catalogue } from "../policy-pack/src/api";
import { EXAMPLES_DIR, Finding, ROOT, sortFindings } from "./support/examples";
import { ensureProgramInstalled } from "./support/programInstall";

const CHECK = path.join(ROOT, "tooling", "cli", "check.ts");
// Inside the workspace, as a program copied next to the examples would be: Node's resolution reaches the
// workspace's node_modules from here.
const TMP = path.join(ROOT, ".tools", "tmp", `check-test-${process.pid}`);
const V2_EXAMPLE = path.join(EXAMPLES_DIR, "azure-native-v2-program");
const CONFIG_EXAMPLE = path.join(EXAMPLES_DIR, "config-switched-deployments");

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the check as a command, with a clean config environment plus `env`. */
function check(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<Run> {
  const base = { ...process.env };
  for (const key of ["PULUMI_CONFIG", "PULUMI_CONFIG_SECRET_KEYS", "npm_lifecycle_event", "INIT_CWD"]) delete base[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), CHECK, ...args], {
      cwd,
      env: { ...base, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json"), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", reject);
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const json = (run: Run): CheckOutput => JSON.parse(run.stdout);

/** (rule, resource) pairs of one level in a --json document, sorted. */
const pairs = (out: CheckOutput, level: "mandatory" | "advisory"): Finding[] =>
  sortFindings(
    out.findings.filter((f) => f.level === level).map((f) => ({ policy: f.ruleId, resource: f.resource!.name })),
  );

/** Writes files into a new directory under TMP and returns it. */
function files(name: string, contents: Record<string, string>): string {
  const dir = path.join(TMP, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(contents)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

/** A program: its files and a Pulumi.yaml named after it. */
const program = (name: string, contents: Record<string, string>): string =>
  files(name, { "Pulumi.yaml": `name: ${name}\nruntime: nodejs\n`, ...contents });

/** The error a failed program must produce: one `error:` line and one `hint:` line, no stack frames. */
function expectOneShortError(stderr: string): string[] {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[1]).toMatch(/^ {2}hint: /);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/captureWorker|tooling[/\\]harness|node:internal|node_modules/);
  return lines;
}

beforeAll(() => fs.mkdirSync(TMP, { recursive: true }));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

describe("exit codes", () => {
  it("exits 0 on a compliant program", async () => {
    const run = await check([path.join(EXAMPLES_DIR, "compliant-text")]);
    expect(run.stdout.trim().split("\n").pop()).toBe("0 mandatory, 0 advisory across 0 resources");
    expect(run.status).toBe(0);
  });

  it("exits 1 on a mandatory violation", async () => {
    const run = await check([path.join(EXAMPLES_DIR, "noncompliant-jailbreak-not-blocking")]);
    expect(run.stdout).toContain("[mandatory]  ccc-jailbreak-filter-mode");
    expect(run.status).toBe(1);
  });
});

describe("usage", () => {
  it.each([
    [["--config"], /--config needs a value/],
    [[path.join(EXAMPLES_DIR, "compliant-text"), "--config", "--preview"], /--config needs a value/],
    [["--config="], /--config needs a value/],
    [["--stack"], /--stack needs a value/],
    [["--frobnicate"], /unknown option --frobnicate/],
    [["examples/compliant-text", "examples/compliant-code"], /one program directory only/],
  ])("rejects %j with exit 2 and the usage", async (args, message) => {
    const run = await check(args);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain("usage: npm run check --");
    expect(run.status).toBe(2);
  });

  it("exits 2 on a pack config it cannot read", async () => {
    const run = await check([path.join(EXAMPLES_DIR, "compliant-text"), "--config", path.join(TMP, "missing.json")]);
    expect(run.stderr).toMatch(/^error: cannot read pack config .*missing\.json/);
    expect(run.status).toBe(2);
  });

  it("exits 2 on a directory that is not a Pulumi project", async () => {
    const run = await check([path.join(ROOT, "docs")]);
    expect(run.stderr).toMatch(/^error: .*docs has no Pulumi\.yaml: it is not a Pulumi project directory\n/);
    expect(run.status).toBe(2);
  });

  it("prints the usage with exit codes on --help", async () => {
    const run = await check(["--help"]);
    expect(run.stdout).toMatch(/exit codes: 0 no mandatory violation, 1 mandatory violation, 2 /);
    expect(run.status).toBe(0);
  });
});

describe("stack config", () => {
  it("reads Pulumi.dev.yaml by default when there are several stack files: dev passes", async () => {
    const run = await check([CONFIG_EXAMPLE, "--json"]);
    expect(run.stderr).toBe("");
    expect(json(run).program.stack).toBe("dev");
    expect(pairs(json(run), "mandatory")).toEqual([]);
    expect(run.status).toBe(0);
  });

  it("reads Pulumi.prod.yaml with --stack prod, which switches on a non-compliant deployment", async () => {
    const run = await check([CONFIG_EXAMPLE, "--stack", "prod", "--json"]);
    expect(json(run).program.stack).toBe("prod");
    expect(pairs(json(run), "mandatory")).toEqual([
      { policy: "ccc-code-protected-material-filter", resource: "code-assistant" },
    ]);
    expect(run.status).toBe(1);
  });

  it("takes PULUMI_CONFIG over the stack file, keys without a namespace getting the project's", async () => {
    const run = await check([CONFIG_EXAMPLE, "--json"], {
      PULUMI_CONFIG: JSON.stringify({ enableCodeAssistant: "true" }),
    });
    expect(pairs(json(run), "mandatory")).toEqual([
      { policy: "ccc-code-protected-material-filter", resource: "code-assistant" },
    ]);
    expect(run.status).toBe(1);
  });

  it("names the missing key, the stack file and the program line when config.require fails (exit 2)", async () => {
    const run = await check([CONFIG_EXAMPLE, "--stack", "staging"]);
    const [error, hint] = expectOneShortError(run.stderr);
    expect(error).toMatch(
      /^error: examples\/config-switched-deployments\/index\.ts:15:\d+: missing required config value "config-switched-deployments:environment" for stack "staging"$/,
    );
    expect(hint).toContain("Pulumi.staging.yaml");
    expect(hint).toContain("pulumi config set environment <value> --stack staging");
    expect(run.status).toBe(2);
  });

  describe("secrets and the only stack file", () => {
    // The program fails (exit 2) unless it sees the secret as a secret holding the offline placeholder, and the
    // plain values under their namespaces.
    const source = `import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";

const config = new pulumi.Config();
const token = config.requireSecret("apiToken");
const region = config.require("region");
const location = new pulumi.Config("azure-native").require("location");
const expected = ${JSON.stringify(secretPlaceholder("secret-probe:apiToken"))};
Promise.all([pulumi.isSecret(token), new Promise((resolve) => token.apply(resolve))]).then(([secret, value]) => {
  if (!secret || value !== expected) throw new Error(\`apiToken seen as \${secret ? "secret" : "plain"} \${value}\`);
});
new resources.ResourceGroup("rg", { resourceGroupName: \`rg-\${region}\`, location });
`;
    const stackFile = `encryptionsalt: v1:c2FsdA==:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAA
config:
  region: weu
  azure-native:location: westeurope
  secret-probe:apiToken:
    secure: v1:AAAAAAAAAAAAAAAA:QmFzZTY0Q2lwaGVydGV4dE9mVGhlVG9rZW4=
`;
    let dir: string;
    beforeAll(() => {
      dir = program("secret-probe", { "index.ts": source, "Pulumi.ci.yaml": stackFile });
    });

    it("runs the only stack file's stack, with the secret as a marked placeholder (exit 0)", async () => {
      const run = await check([dir, "--json"]);
      expect(run.stderr).toBe("");
      expect(json(run).program.stack).toBe("ci");
      expect(run.status).toBe(0);
    });

    it("fails the probe when the value is not a secret, so the test above can fail", async () => {
      const run = await check([dir], {
        PULUMI_CONFIG: JSON.stringify({ "secret-probe:apiToken": "plain" }),
        PULUMI_CONFIG_SECRET_KEYS: "[]",
      });
      // A stack-file secret stays secret under an override; the override's value is what the program sees.
      expect(run.stderr).toMatch(/index\.ts:10:\d+: Error: apiToken seen as secret plain/);
      expect(run.status).toBe(2);
    });

    it("gives the program the secret as a secret input (wire form) and the stack name in URNs", async () => {
      const capture = await captureProgram(CONFIG_EXAMPLE, { stack: "prod", env: {} });
      const secret = capture.resources.find((r) => r.name === "alert-webhook")!;
      expect((secret.inputs.properties as { value: unknown }).value).toEqual({
        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
        value: secretPlaceholder("config-switched-deployments:alertWebhookUrl"),
      });
      expect(capture.config?.secretKeys).toEqual(["config-switched-deployments:alertWebhookUrl"]);
      expect(capture.resources[0].urn).toMatch(/^urn:pulumi:prod::config-switched-deployments::/);
    });

    it("runs --stack with no stack file on no config", async () => {
      const run = await check([dir, "--stack", "other"]);
      expect(run.stderr).toMatch(/missing required config value "secret-probe:apiToken" for stack "other"/);
      expect(run.status).toBe(2);
    });
  });
});

describe("a failing program prints one short error at its own file and line", () => {
  it("a runtime TypeError, through a helper module (position mapped through the source map)", async () => {
    const dir = program("broken-runtime", {
      "index.ts": `import { makeAccount } from "./lib";\n\nmakeAccount("openai");\n`,
      // The interface is erased in JavaScript: an unmapped line number would be wrong.
      "lib.ts": `import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";

interface Settings {
  readonly sku: { name: string };
  readonly kind: string;
}

const settings: Record<string, Settings> = {};

export function makeAccount(name: string): cognitiveservices.Account {
  return new cognitiveservices.Account(name, {
    resourceGroupName: "rg",
    kind: settings[name].kind,
  });
}
`,
    });
    const run = await check([dir]);
    const [error, hint] = expectOneShortError(run.stderr);
    expect(error).toMatch(
      /^error: \.tools\/tmp\/check-test-\d+\/broken-runtime\/lib\.ts:13:\d+: TypeError: Cannot read properties of undefined \(reading 'kind'\)$/,
    );
    expect(hint).toMatch(/threw while it ran offline/);
    expect(run.status).toBe(2);
  });

  it("a syntax error", async () => {
    const dir = program("broken-syntax", {
      "index.ts": `import * as resources from "@pulumi/azure-native/resources";\n\nnew resources.ResourceGroup("rg", {\n  location: "westeurope"\n  resourceGroupName: "rg",\n});\n`,
    });
    const run = await check([dir]);
    const [error] = expectOneShortError(run.stderr);
    expect(error).toMatch(/broken-syntax\/index\.ts:5:3: TS1005: ',' expected\.$/);
    expect(run.status).toBe(2);
  });

  it("a missing module, with the npm install hint", async () => {
    const dir = program("broken-import", {
      "index.ts": `import * as random from "@pulumi/random";\n\nexport const suffix = new random.RandomString("s", { length: 4 });\n`,
      "package.json": JSON.stringify({ name: "broken-import", dependencies: {} }),
    });
    const run = await check([dir]);
    const [error, hint] = expectOneShortError(run.stderr);
    expect(error).toMatch(/broken-import\/index\.ts:1:\d+: Cannot find module '@pulumi\/random'$/);
    expect(hint).toMatch(/run `npm install` in \.tools\/tmp\/check-test-\d+\/broken-import/);
    expect(run.status).toBe(2);
  });

  it("prints the failure as JSON too with --json", async () => {
    const run = await check([CONFIG_EXAMPLE, "--stack", "staging", "--json"]);
    expect(JSON.parse(run.stdout).error).toMatchObject({
      kind: "config",
      file: path.join(CONFIG_EXAMPLE, "index.ts"),
      line: 15,
    });
    expect(run.status).toBe(2);
  });
});

describe("a program on its own dependencies: @pulumi/azure-native 2.x", () => {
  const install = ensureProgramInstalled(V2_EXAMPLE);
  // The v2 API: Application Insights is `insights.Component` in 2.x (moved to `applicationinsights` in 3.x).
  const v2Source = `import * as azure_native from "@pulumi/azure-native";

const rg = new azure_native.resources.ResourceGroup("rg", { resourceGroupName: "rg-insights" });
new azure_native.insights.Component("appInsights", {
  resourceGroupName: rg.name,
  kind: "web",
  applicationType: "web",
});
`;
  const v2Package = JSON.stringify({
    name: "insights-v2",
    dependencies: { "@pulumi/azure-native": "2.92.3", "@pulumi/pulumi": "3.190.0" },
  });

  if (!install.ok) {
    if (process.env.CI) {
      it("installs the v2 example's dependencies in CI", () => {
        throw new Error(install.reason);
      });
    } else {
      console.warn(`Skipping the azure-native 2.x tests: ${install.reason}`);
      it.skip(`azure-native 2.x program (${install.reason})`, () => undefined);
    }
    return;
  }

  it("runs the v2 example on its own azure-native 2.92.3 and @pulumi/pulumi 3.190.0 and gets the pack's verdict", async () => {
    const run = await check([V2_EXAMPLE, "--json"]);
    const out = json(run);
    expect(out.packages.map((p) => `${p.name}@${p.version} ${p.from}`).sort()).toEqual([
      "@pulumi/azure-native@2.92.3 program",
      "@pulumi/pulumi@3.190.0 program",
    ]);
    expect(pairs(out, "mandatory")).toEqual([{ policy: "ccc-explicit-rai-policy", resource: "legacy-chat" }]);
    expect(run.status).toBe(1);
  });

  it("sends the v2 default provider's version and stack config with each resource", async () => {
    const capture = await captureProgram(V2_EXAMPLE);
    const chat = capture.resources.find((r) => r.name === "chat")!;
    expect(chat.version).toBe("2.92.3");
    expect(chat.providerResource).toEqual({
      urn: "urn:pulumi:dev::openai-chat-v2::pulumi:providers:azure-native::default_2_92_3",
      type: "pulumi:providers:azure-native",
      name: "default_2_92_3",
      properties: { location: "eastus2", version: "2.92.3" },
    });
  });

  it("reproduces the users' failure: a v2 program not installed no longer dies on 'Component' (exit 2, npm install)", async () => {
    const dir = program("insights-v2-uninstalled", { "index.ts": v2Source, "package.json": v2Package });
    const run = await check([dir]);
    expect(run.stderr).not.toContain("reading 'Component'");
    expect(run.stderr).toContain(
      "@pulumi/azure-native: package.json asks for 2.92.3, but Node would load 3.28.0 from " +
        path.join(ROOT, "node_modules", "@pulumi", "azure-native"),
    );
    expect(run.stderr).toMatch(
      /hint: run `npm install` \(or `npm ci`\) in \.tools\/tmp\/check-test-\d+\/insights-v2-uninstalled/,
    );
    expect(run.status).toBe(2);
  });

  it("runs the same v2 program once its dependencies are installed (insights.Component registers)", async () => {
    const dir = program("insights-v2-installed", { "index.ts": v2Source, "package.json": v2Package });
    fs.symlinkSync(path.join(V2_EXAMPLE, "node_modules"), path.join(dir, "node_modules"), "dir");
    const capture = await captureProgram(dir);
    expect(capture.resources.map((r) => r.type)).toEqual([
      "azure-native:resources:ResourceGroup",
      "azure-native:insights:Component",
    ]);
    expect(capture.packages?.find((p) => p.name === "@pulumi/azure-native")?.version).toBe("2.92.3");
    const run = await check([dir]);
    expect(run.status).toBe(0);
  });

  it("without a package.json the program runs on the workspace's v3, and the error says why", async () => {
    const dir = program("insights-v2-no-package", { "index.ts": v2Source });
    const run = await check([dir]);
    const [error, hint] = expectOneShortError(run.stderr);
    expect(error).toMatch(
      /insights-v2-no-package\/index\.ts:4:\d+: TypeError: Cannot read properties of undefined \(reading 'Component'\)$/,
    );
    expect(hint).toMatch(/give it a package\.json with its dependencies and run `npm install`/);
    expect(run.status).toBe(2);
  });
});

describe("the provider the engine sends with each resource", () => {
  // A pack whose one policy reports the provider it was sent, as @pulumi/policy hands it to policies.
  let probePack: string;
  beforeAll(() => {
    probePack = files("provider-probe-pack", {
      "PulumiPolicy.yaml": "runtime: nodejs\nname: provider-probe\n",
      "package.json": JSON.stringify({ name: "provider-probe", version: "0.0.1", main: "index.js" }),
      "index.js": `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("provider-probe", {
  policies: [{
    name: "report-provider",
    description: "Reports the provider of each resource",
    enforcementLevel: "advisory",
    validateResource: (args, report) => report(JSON.stringify(args.provider ?? null)),
  }],
});
`,
    });
  });

  const providersSeen = async (dir: string, stack?: string) => {
    const capture = await captureProgram(dir, { stack, env: {} });
    const result = await analyzeResources(probePack, capture.resources, {
      project: capture.project,
      stack: capture.stack,
      dryRun: false,
    });
    const seen = new Map<string, unknown>();
    for (const d of result.diagnostics) seen.set(d.urn.split("::").pop()!, JSON.parse(d.message.split("\n").pop()!));
    return seen;
  };

  it("sends an explicit provider's inputs (subscriptionId, location) for the resources that use it", async () => {
    const seen = await providersSeen(path.join(EXAMPLES_DIR, "explicit-provider-subscriptions"));
    expect(seen.get("dr-chat")).toEqual({
      type: "pulumi:providers:azure-native",
      name: "disaster-recovery",
      urn: "urn:pulumi:dev::explicit-provider-subscriptions::pulumi:providers:azure-native::disaster-recovery",
      // `environment` is the Provider class's own default input.
      props: {
        subscriptionId: "66666666-7777-8888-9999-000000000000",
        location: "francecentral",
        environment: "public",
        version: "3.28.0",
      },
    });
    expect((seen.get("primary-openai") as { props: { subscriptionId: string } }).props.subscriptionId).toBe(
      "11111111-2222-3333-4444-555555555555",
    );
  });

  it("sends the default provider with the package's stack config and version", async () => {
    const seen = await providersSeen(CONFIG_EXAMPLE, "prod");
    expect(seen.get("chat")).toEqual({
      type: "pulumi:providers:azure-native",
      name: "default_3_28_0",
      urn: "urn:pulumi:prod::config-switched-deployments::pulumi:providers:azure-native::default_3_28_0",
      props: { location: "swedencentral", version: "3.28.0" },
    });
  });
});

describe("--json: one documented schema (tooling/cli/check-output.schema.json)", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "tooling", "cli", "check-output.schema.json"), "utf8"));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const expectValid = (doc: unknown) => {
    validate(doc);
    expect(validate.errors ?? []).toEqual([]);
  };
  const ruleNames = new Map(catalogue().map((r) => [r.meta.id, r.meta.name]));
  const DUPLICATE = path.join(EXAMPLES_DIR, "noncompliant-duplicate-filter");

  it("findings with their rule id, level, resource, message, fix and docs apart; counts; exit status", async () => {
    // The malformed-policy rule at advisory: one mandatory and one advisory finding on two resources.
    const config = path.join(TMP, "well-formed-advisory.json");
    fs.writeFileSync(config, JSON.stringify({ "ccc-well-formed-resources": "advisory" }));
    const run = await check([DUPLICATE, "--json", "--config", config]);
    const out = json(run);
    expectValid(out);
    expect(out).toMatchObject({
      schemaVersion: 1,
      pack: { name: "azure-openai-ccc" },
      program: { dir: DUPLICATE, project: "noncompliant-duplicate-filter", stack: "dev", preview: false },
      config: { file: config },
      counts: { mandatory: 1, advisory: 1, resources: 2 },
      exitCode: 1,
      status: "failed",
    });
    expect(run.status).toBe(out.exitCode);
    expect(out.findings.map((f) => [f.level, f.ruleId, f.resource?.type, f.resource?.name])).toEqual([
      ["advisory", "ccc-well-formed-resources", "azure-native:cognitiveservices:RaiPolicy", "faq-filter"],
      ["mandatory", "ccc-jailbreak-filter-mode", "azure-native:cognitiveservices:Deployment", "faq-bot"],
    ]);
    for (const f of out.findings) {
      expect(f.resource!.urn).toMatch(new RegExp(`::${f.resource!.type}::${f.resource!.name}$`));
      expect(f.message).not.toMatch(/(^|\n)(Fix|Docs): /);
      expect(f.message.startsWith(ruleNames.get(f.ruleId)!)).toBe(false);
      expect(f.message).toContain(`"${f.resource!.name}"`);
      expect(f.fix).toMatch(/^[A-Z]/);
      expect(f.docs).toBe(`docs/rules.md#${f.ruleId}`);
    }
  });

  it("a compliant program in preview: passed, exit 0, no findings", async () => {
    const run = await check([path.join(EXAMPLES_DIR, "compliant-text"), "--json", "--preview"]);
    const out = json(run);
    expectValid(out);
    expect(out).toMatchObject({ findings: [], exitCode: 0, status: "passed", program: { preview: true } });
    expect(out.packages.map((p) => p.name).sort()).toEqual(["@pulumi/azure-native", "@pulumi/pulumi"]);
    expect(run.status).toBe(0);
  });

  it("a program that cannot run: status error, exit 2, why", async () => {
    const run = await check([CONFIG_EXAMPLE, "--stack", "staging", "--json"]);
    const out = json(run);
    expectValid(out);
    expect(out).toMatchObject({ pack: null, exitCode: 2, status: "error", error: { kind: "config" } });
    expect(run.status).toBe(2);
  });

  it("rejects documents that contradict themselves or drop a field", () => {
    const finding: CheckFinding = {
      ruleId: "ccc-jailbreak-filter-mode",
      level: "mandatory",
      resource: { urn: "urn:pulumi:dev::p::azure-native:cognitiveservices:Deployment::chat", type: "t", name: "chat" },
      message: "m",
      fix: "f",
      docs: "docs/rules.md#ccc-jailbreak-filter-mode",
      phase: "resource",
    };
    const doc = {
      schemaVersion: 1,
      pack: { name: "azure-openai-ccc", version: "0.1.0" },
      program: { dir: "/p", project: "p", stack: "dev", preview: false, resources: 3 },
      config: { file: null },
      packages: [],
      findings: [finding],
      counts: countFindings([finding]),
      exitCode: 1,
      status: "failed",
    };
    expectValid(doc);
    const noDocs = Object.fromEntries(Object.entries(finding).filter(([key]) => key !== "docs"));
    for (const bad of [
      { ...doc, status: "passed" },
      { ...doc, exitCode: 0 },
      { ...doc, counts: { ...doc.counts, mandatory: 0 } },
      { ...doc, findings: [noDocs] },
      { ...doc, findings: [{ ...finding, level: "remediate" }] },
      { ...doc, schemaVersion: 2 },
      { ...doc, error: { kind: "config", message: "m", hint: "h" } },
    ])
      expect(validate(bad)).toBe(false);
  });

  describe("splitDiagnosticText: the pack's `<message>\\nFix: <fix>\\nDocs: <link>`", () => {
    it("takes the fix and docs lines off the end", () => {
      expect(splitDiagnosticText("A is wrong.\nFix: Do B.\nDocs: docs/rules.md#r")).toEqual({
        message: "A is wrong.",
        fix: "Do B.",
        docs: "docs/rules.md#r",
      });
    });
    it("drops a first line that repeats the policy description, keeps a message of several lines", () => {
      expect(
        splitDiagnosticText("Jailbreak in filter mode\nline 1\nline 2\nDocs: d", "Jailbreak in filter mode"),
      ).toEqual({ message: "line 1\nline 2", fix: null, docs: "d" });
      expect(splitDiagnosticText("Jailbreak in filter mode", "Jailbreak in filter mode").message).toBe(
        "Jailbreak in filter mode",
      );
    });
    it("leaves a message without a Docs line whole (config errors, stale waivers)", () => {
      expect(splitDiagnosticText("Invalid pack config: x.\nFix: not a fix line here")).toEqual({
        message: "Invalid pack config: x.\nFix: not a fix line here",
        fix: null,
        docs: null,
      });
    });
  });
});

describe("human output: grouped by resource, one summary line", () => {
  it("prints each resource once, then its findings with level, rule id, message, fix and docs", async () => {
    const run = await check([path.join(EXAMPLES_DIR, "noncompliant-duplicate-filter")]);
    const lines = run.stdout.trim().split("\n");
    const policyAt = lines.indexOf("    azure-native:cognitiveservices:RaiPolicy: faq-filter");
    const deploymentAt = lines.indexOf("    azure-native:cognitiveservices:Deployment: faq-bot");
    // Registration order: the policy before the deployment that uses it.
    expect(policyAt).toBeGreaterThan(0);
    expect(deploymentAt).toBeGreaterThan(policyAt);
    expect(lines[policyAt + 1]).toBe("        - [mandatory]  ccc-well-formed-resources");
    expect(lines[deploymentAt + 1]).toBe("        - [mandatory]  ccc-jailbreak-filter-mode");
    expect(lines[deploymentAt + 2]).toMatch(/^ {10}Deployment "faq-bot" serves text-generation/);
    expect(lines.slice(deploymentAt).find((l) => l.startsWith("          Fix: "))).toBeDefined();
    expect(lines.slice(deploymentAt)).toContain("          Docs: docs/rules.md#ccc-jailbreak-filter-mode");
    expect(lines.filter((l) => / {4}\S.*: faq-(filter|bot)$/.test(l))).toHaveLength(2);
    expect(lines[lines.length - 1]).toBe("2 mandatory, 0 advisory across 2 resources");
    expect(run.status).toBe(1);
  });

  it("orders resources as registered, mandatory first within one, stack-level messages last", () => {
    const urn = (name: string) => `urn:pulumi:dev::p::azure-native:cognitiveservices:Deployment::${name}`;
    const f = (ruleId: string, level: "mandatory" | "advisory", name?: string): CheckFinding => ({
      ruleId,
      level,
      resource: name ? { urn: urn(name), type: "azure-native:cognitiveservices:Deployment", name } : null,
      message: `${ruleId} on ${name ?? "the stack"}`,
      fix: name ? "Do it." : null,
      docs: name ? `docs/rules.md#${ruleId}` : null,
      phase: name ? "resource" : "stack",
    });
    const findings = [
      f("ccc-organization-config", "advisory"),
      f("ccc-universal-evidence", "advisory", "b"),
      f("ccc-jailbreak-filter-mode", "mandatory", "b"),
      f("ccc-explicit-rai-policy", "mandatory", "a"),
    ];
    const text = formatReport({ name: "azure-openai-ccc", version: "0.1.0" }, findings, countFindings(findings), [
      urn("a"),
      urn("b"),
    ]);
    expect(text.split("\n").filter((l) => /^ {4}\S|^ {8}- /.test(l))).toEqual([
      "    ❌ azure-openai-ccc@v0.1.0",
      "    azure-native:cognitiveservices:Deployment: a",
      "        - [mandatory]  ccc-explicit-rai-policy",
      "    azure-native:cognitiveservices:Deployment: b",
      "        - [mandatory]  ccc-jailbreak-filter-mode",
      "        - [advisory]  ccc-universal-evidence",
      "    (stack)",
      "        - [advisory]  ccc-organization-config",
    ]);
    expect(text).not.toContain("Fix: null");
    expect(text.split("\n").pop()).toBe("2 mandatory, 2 advisory across 2 resources");
  });
});
