// What `pulumi policy publish` uploads is what `npm pack` produces in policy-pack/: prove that artifact is
// complete by installing it into an empty directory and starting it the way the engine does.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv";
import { AnalyzerInfo, AnalyzerSession, analyzeResources } from "../tooling/harness/analyzer";
import { captureProgram } from "../tooling/harness/capture";
import { EXAMPLES_DIR, PACK_DIR } from "./support/examples";

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });

describe("the published artifact", () => {
  let installedPack: string;
  let info: AnalyzerInfo;

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-publish-"));
    const tarball = npm(["pack", "--pack-destination", work], PACK_DIR).trim().split("\n").pop()!;
    const consumer = path.join(work, "consumer");
    fs.mkdirSync(consumer);
    fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    npm(["install", "--prefer-offline", path.join(work, tarball)], consumer);
    installedPack = path.join(consumer, "node_modules", "azure-openai-ccc");
    const session = await AnalyzerSession.start(installedPack);
    try {
      info = await session.getAnalyzerInfo();
    } finally {
      await session.close();
    }
  }, 300_000);

  it("ships the compiled pack and its policy project file, not the sources", () => {
    expect(fs.existsSync(path.join(installedPack, "PulumiPolicy.yaml"))).toBe(true);
    expect(fs.existsSync(path.join(installedPack, "bin", "index.js"))).toBe(true);
    expect(fs.existsSync(path.join(installedPack, "src"))).toBe(false);
  });

  it("starts from the installed tarball and reports its name, version and every policy with its schema", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
    expect(info.name).toBe("azure-openai-ccc");
    expect(info.version).toBe(pkg.version);
    expect(info.policies.length).toBeGreaterThanOrEqual(12);
    for (const policy of info.policies) {
      expect(policy.configSchema).toBeDefined();
      expect(policy.description.length).toBeGreaterThan(10);
    }
  });

  it("enforces from the installed tarball", async () => {
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

  it.each(fs.readdirSync(path.join(EXAMPLES_DIR, "org-config")))(
    "validates the example org config %s against every policy's schema",
    (file) => {
      const config = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, "org-config", file), "utf8"));
      const ajv = new Ajv({ strict: false });
      const byName = new Map(info.policies.map((p) => [p.name, p]));
      for (const [policy, value] of Object.entries(config)) {
        expect(byName.has(policy)).toBe(true);
        if (typeof value === "string") {
          expect(["advisory", "mandatory", "remediate", "disabled"]).toContain(value);
          continue;
        }
        const { enforcementLevel, ...properties } = value as Record<string, unknown>;
        if (enforcementLevel !== undefined) expect(["advisory", "mandatory", "disabled"]).toContain(enforcementLevel);
        const schema = { type: "object", additionalProperties: false, ...byName.get(policy)!.configSchema };
        const valid = ajv.validate(schema, properties);
        expect(ajv.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
      }
    },
  );

  it("rejects an org config with a wrong type against the same schema", () => {
    const ajv = new Ajv({ strict: false });
    const org = info.policies.find((p) => p.name === "ccc-organization-config")!;
    const schema = { type: "object", additionalProperties: false, ...org.configSchema };
    expect(ajv.validate(schema, { defaultUseCases: "text-generation" })).toBe(false);
    expect(ajv.validate(schema, { licenceComplianceDeclared: true, unknownKey: 1 })).toBe(false);
  });
});
