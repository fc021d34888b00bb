// What `pulumi policy publish` uploads is what `npm pack` produces in policy-pack/. Pulumi installs a published
// pack by extracting the tarball into a folder and running `npm install` there, as the root project (so
// `prepare` runs too). This test takes exactly that path, starts the pack the way the engine does, and
// composes its policies into a second pack, as an organization with its own pack would.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AnalyzerInfo, AnalyzerSession, analyzeResources } from "../tooling/harness/analyzer";
import { captureProgram } from "../tooling/harness/capture";
import { policyNames } from "../policy-pack/src/api";
import { EXAMPLES_DIR, PACK_DIR } from "./support/examples";
import { newAjv } from "./support/schema";

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline"], {
    cwd,
    encoding: "utf8",
  });

let work: string;
let tarball: string;
let installedPack: string;
let info: AnalyzerInfo;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-publish-"));
  tarball = path.join(work, npm(["pack", "--pack-destination", work], PACK_DIR).trim().split("\n").pop()!);
  // Extract and install as the root project, the way the Pulumi service's pack installation does.
  execFileSync("tar", ["-xzf", tarball, "-C", work]);
  installedPack = path.join(work, "package");
  npm(["install"], installedPack);
  const session = await AnalyzerSession.start(installedPack);
  try {
    info = await session.getAnalyzerInfo();
  } finally {
    await session.close();
  }
}, 300_000);

describe("the published artifact", () => {
  it("ships the compiled pack, its policy project file and its type declarations, not the sources", () => {
    expect(fs.existsSync(path.join(installedPack, "PulumiPolicy.yaml"))).toBe(true);
    expect(fs.existsSync(path.join(installedPack, "bin", "index.js"))).toBe(true);
    expect(fs.existsSync(path.join(installedPack, "bin", "src", "api.d.ts"))).toBe(true);
    expect(fs.existsSync(path.join(installedPack, "src"))).toBe(false);
    expect(fs.existsSync(path.join(installedPack, "tsconfig.json"))).toBe(false);
  });

  it("installs as a root project: prepare runs and leaves the shipped bin/ as it was", () => {
    const shipped = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
      .split("\n")
      .filter((f) => f.startsWith("package/bin/") && f.endsWith(".js"))
      .map((f) => f.slice("package/".length))
      .sort();
    const installed = (dir: string): string[] =>
      fs
        .readdirSync(path.join(installedPack, dir), { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? installed(path.join(dir, e.name)) : e.name.endsWith(".js") ? [path.join(dir, e.name)] : [],
        );
    expect(installed("bin").sort()).toEqual(shipped);
    expect(shipped.length).toBeGreaterThan(30);
  });

  it("starts from the installed folder and reports its name, version and every policy with its schema", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
    expect(info.name).toBe("azure-openai-ccc");
    expect(info.version).toBe(pkg.version);
    // Every policy of the catalogue, from the tarball's build (the org config policy and one per rule).
    expect(info.policies.map((p) => p.name).sort()).toEqual([...policyNames()].sort());
    for (const policy of info.policies) {
      expect(policy.configSchema).toBeDefined();
      expect(policy.description.length).toBeGreaterThan(10);
    }
  });

  it("enforces from the installed folder", async () => {
    const capture = await captureProgram(path.join(EXAMPLES_DIR, "noncompliant-async-filter"));
    const result = await analyzeResources(installedPack, capture.resources, {
      project: "p",
      stack: "s",
      dryRun: false,
    });
    expect(result.diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName)).toEqual([
      "ccc-async-filter-coverage",
    ]);
  });
});

describe("composed into an organization's own pack", () => {
  it("adds the CCC policies, with their ids and levels, beside a policy of the organization's own", async () => {
    const org = path.join(work, "org-pack");
    fs.mkdirSync(org);
    fs.writeFileSync(path.join(org, "PulumiPolicy.yaml"), "runtime: nodejs\nname: org-pack\n");
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
    fs.writeFileSync(
      path.join(org, "package.json"),
      JSON.stringify({
        name: "org-pack",
        version: "1.0.0",
        main: "index.js",
        dependencies: {
          "azure-openai-ccc": `file:${tarball}`,
          "@pulumi/policy": pkg.dependencies["@pulumi/policy"],
          "@pulumi/pulumi": pkg.dependencies["@pulumi/pulumi"],
        },
      }),
    );
    fs.writeFileSync(
      path.join(org, "index.js"),
      [
        'const { PolicyPack } = require("@pulumi/policy");',
        'const { cccPolicies } = require("azure-openai-ccc/api");',
        "const requireLocation = {",
        '  name: "org-require-location", description: "Every Azure OpenAI account sets a location.", enforcementLevel: "mandatory",',
        "  validateResource: (args, report) => {",
        '    if (args.type === "azure-native:cognitiveservices:Account" && !args.props.location) report("Set a location.");',
        "  },",
        "};",
        // First in the pack, so the runtime builds its stack arguments while the pack defers deserializing them.
        "const accountInventory = {",
        '  name: "org-account-inventory", description: "Lists each account as the stack has it.", enforcementLevel: "advisory",',
        "  validateStack: (args, report) => {",
        "    for (const r of args.resources) {",
        // Deep-freeze helpers do this to what a policy is handed.
        "      Object.freeze(r.props);",
        '      if (r.type === "azure-native:cognitiveservices:Account")',
        '        report(`${r.name} kind=${r.props.kind} keys=${Object.keys(r.props).sort().join(",")} json=${JSON.stringify(r.props).length}`, r.urn);',
        "    }",
        "  },",
        "};",
        'new PolicyPack("org-pack", { policies: [accountInventory, ...cccPolicies(), requireLocation] });',
      ].join("\n"),
    );
    npm(["install"], org);
    const capture = await captureProgram(path.join(EXAMPLES_DIR, "noncompliant-jailbreak-not-blocking"));
    const resources = capture.resources.map((r) =>
      r.type === "azure-native:cognitiveservices:Account" ? { ...r, inputs: withoutLocation(r.inputs) } : r,
    );
    const result = await analyzeResources(
      org,
      resources,
      { project: "p", stack: "s", dryRun: false },
      { "ccc-jailbreak-filter-mode": "advisory" },
    );
    const inventory = result.diagnostics.filter((d) => d.policyName === "org-account-inventory");
    const findings = result.diagnostics
      .filter((d) => d.policyName !== "org-account-inventory")
      .map((d) => `[${d.enforcementLevel}] ${d.policyName}`)
      .sort();
    expect(findings).toEqual(["[advisory] ccc-jailbreak-filter-mode", "[mandatory] org-require-location"]);
    // The other policy reads the stack's values exactly as the engine sent them.
    const accounts = resources.filter((r) => r.type === "azure-native:cognitiveservices:Account");
    expect(accounts).toHaveLength(1);
    // The runtime puts the policy's description before its message.
    expect(inventory.map((d) => d.message.split("\n").pop())).toEqual(
      accounts.map((r) => {
        const outputs = r.outputs as Record<string, unknown>;
        const keys = Object.keys(outputs).filter((k) => outputs[k] !== undefined);
        return `${r.name} kind=${String(outputs.kind)} keys=${keys.sort().join(",")} json=${JSON.stringify(outputs).length}`;
      }),
    );
    expect(result.info.policies.map((p) => p.name)).toContain("ccc-organization-config");
  }, 300_000);
});

function withoutLocation(inputs: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...inputs };
  delete rest.location;
  return rest;
}

describe("example org configs", () => {
  it.each(fs.readdirSync(path.join(EXAMPLES_DIR, "org-config")))(
    "%s validates against every policy's schema",
    (file) => {
      const config = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, "org-config", file), "utf8"));
      const ajv = newAjv();
      const byName = new Map(info.policies.map((p) => [p.name, p]));
      for (const [policy, value] of Object.entries(config)) {
        expect(byName.has(policy)).toBe(true);
        if (typeof value === "string") {
          expect(["advisory", "mandatory", "remediate", "disabled"]).toContain(value);
          continue;
        }
        const { enforcementLevel, ...properties } = value as Record<string, unknown>;
        if (enforcementLevel !== undefined)
          expect(["advisory", "mandatory", "remediate", "disabled"]).toContain(enforcementLevel);
        const schema = { type: "object", additionalProperties: false, ...byName.get(policy)!.configSchema };
        const valid = ajv.validate(schema, properties);
        expect(ajv.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
      }
    },
  );

  it("an org config with a wrong type fails the same schema", () => {
    const ajv = newAjv();
    const org = info.policies.find((p) => p.name === "ccc-organization-config")!;
    const schema = { type: "object", additionalProperties: false, ...org.configSchema };
    expect(ajv.validate(schema, { defaultUseCases: "text-generation" })).toBe(false);
    expect(ajv.validate(schema, { licenceComplianceDeclared: true, unknownKey: 1 })).toBe(false);
  });
});
