// The evidence report (npm run report) on unusual stack exports (a replaced provider's old copy, broken links, a
// byte order mark, a URN that is not one, odd inputs), the report against the pack under several configs, secrets
// in every field it shows, SARIF locations and Markdown structure (from an attack round on d55f105).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SECRET_SIG, SIG_KEY } from "../policy-pack/src/api";
import { PackConfig } from "../tooling/harness/analyzer";
import { produceReport, runReport } from "../tooling/report/run";
import { CccReport } from "../tooling/report/types";
import { exportFromSteps, stackExport } from "./support/exportFromCapture";
import { COMPLIANT, Json, SUB_A, SUB_B, account, deployment, policy, provider, WEAK_JB } from "./adversarial/kit";
import { Step, runTraced } from "./support/scenario";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-report-inputs-"));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

const AS_OF = "2026-11-23";

function io() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (s: string) => (out.stdout += s), stderr: (s: string) => (out.stderr += s) } };
}

/** The report's exit code, or what it threw (runReport documents that it never throws). */
async function exitOf(args: string[], out: ReturnType<typeof io>["io"]): Promise<number | string> {
  try {
    return await runReport(args, out);
  } catch (e) {
    return `threw: ${(e as Error).message}`;
  }
}

/** Export records of the scenario, as `pulumi stack export` writes them after `up`. */
function exportRecords(steps: readonly Step[]): Json[] {
  return exportFromSteps(steps).deployment.resources as Json[];
}

function writeExport(file: string, resources: Json[]): string {
  const full = path.join(TMP, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, JSON.stringify(stackExport(resources as Record<string, unknown>[])));
  return full;
}

/** The `ccc-...` (level rule resource) pairs the pack reports in `up`, and those the report lists. */
async function pairsOf(file: string, steps: readonly Step[], config: PackConfig = {}) {
  const configFile = `${file}.config.json`;
  fs.writeFileSync(configFile, JSON.stringify(config));
  const out = await produceReport({ format: "json", inputs: [file], asOf: AS_OF, configFile });
  const stack = (JSON.parse(out.text) as CccReport).stacks[0];
  const up = await runTraced(steps, "up", { ...config, "ccc-organization-config": { asOfDate: AS_OF } });
  const blocked = new Set(
    up.result.diagnostics.filter((d) => d.enforcementLevel === "mandatory" && d.urn).map((d) => d.urn),
  );
  return {
    report: stack.deployments.map((d) => ({ name: d.resource.name, compliant: d.compliant })),
    pack: stack.deployments.map((d) => ({ name: d.resource.name, compliant: !blocked.has(d.resource.urn) })),
    code: out.code,
    blocked: blocked.size > 0,
    // Every finding, counted (a repeated finding shows twice).
    reportFindings: stack.findings.map((f) => `${f.level} ${f.ruleId} ${f.resource.name}`).sort(),
    packFindings: up.result.diagnostics
      .filter((d) => d.urn)
      .map((d) => `${d.enforcementLevel} ${d.policyName} ${d.urn.split("::").pop()}`)
      .sort(),
  };
}

// ---- 1. the provider a resource names is `<urn>::<id>`: the id picks the instance -----------------------

describe("provider references", () => {
  // A provider replaced (its subscriptionId changed) leaves its old state in the export, pending deletion,
  // under the same URN with another id. Resources point at the new instance by `<urn>::<new id>`.
  it("a pending-delete copy of a provider (same URN, other id) is not the instance a resource runs under", async () => {
    const steps: Step[] = [
      provider("pa", SUB_A),
      provider("pb", SUB_B),
      account("oai", { provider: "pa" }),
      policy("strict", COMPLIANT, { provider: "pa" }),
      deployment("d", "strict", { provider: "pb" }),
    ];
    const records = exportRecords(steps);
    // Strip the ARM ids from outputs so the subscription comes from the provider (a resource read from a
    // state where the provider alone says where it is).
    for (const r of records) {
      if (r.type === "azure-native:cognitiveservices:Deployment") {
        const { id: _id, ...rest } = r.outputs as Json;
        void _id;
        r.outputs = rest;
      }
    }
    const pb = records.find((r) => String(r.urn).endsWith("::pb"))!;
    const oldPb = {
      ...pb,
      id: "old-pb-id",
      inputs: { ...(pb.inputs as Json), subscriptionId: SUB_A },
      outputs: { ...(pb.outputs as Json), subscriptionId: SUB_A },
      delete: true,
    };
    const file = writeExport("provider-pending-delete.json", [...records, oldPb]);
    const withoutCopy = writeExport("provider-no-copy.json", records);
    const a = await produceReport({ format: "json", inputs: [file], asOf: AS_OF });
    const b = await produceReport({ format: "json", inputs: [withoutCopy], asOf: AS_OF });
    const verdict = (o: typeof a) =>
      o.report.stacks[0].deployments.map((d) => ({ name: d.resource.name, compliant: d.compliant }));
    // The old copy is deleted state: it must not change which subscription `d` is in.
    expect(verdict(a)).toEqual(verdict(b));
    expect(a.code).toBe(b.code);
  }, 60_000);
});

// ---- 2. secrets in every field a deployment row shows ------------------------------------------------------

const wrapped = (v: unknown) => ({ [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(v) });
function wrapAt(obj: Json, keys: readonly string[]): void {
  let node: Json = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof node[k] !== "object" || node[k] === null) return;
    node = node[k] as Json;
  }
  const last = keys[keys.length - 1];
  if (node[last] !== undefined) node[last] = wrapped(node[last]);
}

describe("secrets (plaintext, as with --show-secrets) are never printed, whatever field holds them", () => {
  const S = {
    model: "gpt-4o-mysecretmodel",
    version: "2031-07-19",
    sku: "Sku-Zq9secret",
    capacity: 7919,
    base: "Base-Kq7secret",
    depName: "dep-Kk22secret",
    rg: "rg-Pp33secret",
  };
  it("model name, version, SKU, capacity, base policy, deployment name, resource group", async () => {
    const steps: Step[] = [
      account("oai", { rg: S.rg }),
      {
        ...policy("weak", WEAK_JB, { rg: S.rg }),
      },
      deployment(S.depName, "weak", {
        logical: "d",
        rg: S.rg,
        model: S.model,
        version: S.version,
        capacity: S.capacity,
      }),
    ];
    const records = exportRecords(steps);
    const dep = records.find((r) => String(r.urn).endsWith("::d"))!;
    const pol = records.find((r) => String(r.urn).endsWith("::weak"))!;
    const acc = records.find((r) => String(r.urn).endsWith("::oai"))!;
    // The SKU name and base policy are set here (the kit has no option for them).
    (dep.inputs as Json).sku = { name: S.sku, capacity: S.capacity };
    if ((dep.outputs as Json).sku) (dep.outputs as Json).sku = { name: S.sku, capacity: S.capacity };
    ((pol.inputs as Json).properties as Json).basePolicyName = S.base;
    const po = (pol.outputs as Json).properties as Json | undefined;
    if (po) po.basePolicyName = S.base;
    for (const side of ["inputs", "outputs"] as const) {
      for (const p of [
        ["properties", "model", "name"],
        ["properties", "model", "version"],
        ["sku", "name"],
        ["sku", "capacity"],
        ["deploymentName"],
        ["name"],
        ["resourceGroupName"],
      ])
        wrapAt(dep[side] as Json, p);
      wrapAt(pol[side] as Json, ["properties", "basePolicyName"]);
      wrapAt(pol[side] as Json, ["resourceGroupName"]);
      wrapAt(acc[side] as Json, ["resourceGroupName"]);
      // Outputs' ids hold the resource group: the engine marks them secret as well.
      wrapAt(dep[side] as Json, ["id"]);
      wrapAt(pol[side] as Json, ["id"]);
      wrapAt(acc[side] as Json, ["id"]);
    }
    for (const r of [dep, pol, acc]) r.id = "[id]";
    const file = writeExport("secrets-fields.json", records);
    const raw = fs.readFileSync(file, "utf8");
    expect(raw).toContain(S.model); // inside plaintext JSON strings
    const leaks: string[] = [];
    for (const format of ["md", "json", "sarif"] as const) {
      const { text } = await produceReport({ format, inputs: [file], asOf: AS_OF });
      for (const [k, v] of Object.entries(S)) if (text.includes(String(v))) leaks.push(`${format}: ${k} (${v})`);
    }
    expect(leaks).toEqual([]);
  }, 60_000);
});

// ---- 3. inputs that are not what they seem ------------------------------------------------------------------

describe("unusual inputs give a clear error (exit 2 naming the file) or a correct report, never a throw", () => {
  it("a directory of exports holding a dangling symlink named *.json", async () => {
    const dir = path.join(TMP, "dangling");
    const good = exportRecords([account("oai"), policy("strict", COMPLIANT), deployment("d", "strict")]);
    writeExport(path.join("dangling", "a.json"), good);
    fs.symlinkSync(path.join(TMP, "does-not-exist.json"), path.join(dir, "b.json"));
    const r = io();
    const code = await exitOf([dir, "--format", "json", "--as-of", AS_OF], r.io);
    expect(code).toBe(2);
    expect(r.out.stderr).toMatch(/b\.json/);
  });

  it("a glob matching a dangling symlink", async () => {
    const dir = path.join(TMP, "dangling-glob");
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(path.join(TMP, "gone.json"), path.join(dir, "x.json"));
    const r = io();
    const code = await exitOf([path.join(dir, "*.json")], r.io);
    expect(code).toBe(2);
    expect(r.out.stderr).toMatch(/x\.json|matches no file/);
  });

  it("an export saved with a UTF-8 byte order mark (PowerShell 5 `Out-File -Encoding utf8`) is read", async () => {
    const file = writeExport(
      "bom.json",
      exportRecords([account("oai"), policy("strict", COMPLIANT), deployment("d", "strict")]),
    );
    fs.writeFileSync(file, `\uFEFF${fs.readFileSync(file, "utf8")}`);
    const r = io();
    const code = await runReport([file, "--format", "json", "--as-of", AS_OF], r.io);
    expect({ code, stderr: r.out.stderr }).toEqual({ code: 0, stderr: "" });
  });

  it("a resource whose URN is not a Pulumi URN is refused naming it, not reported under an empty name", async () => {
    const records = exportRecords([account("oai"), policy("weak", WEAK_JB), deployment("d", "weak")]);
    const dep = records.find((r) => String(r.urn).endsWith("::d"))!;
    dep.urn = "d";
    const file = writeExport("bad-urn.json", records);
    const r = io();
    const code = await runReport([file, "--format", "json", "--as-of", AS_OF], r.io);
    if (code === 2) {
      expect(r.out.stderr).toMatch(/bad-urn\.json.*urn/i);
    } else {
      const names = (JSON.parse(r.out.stdout) as CccReport).stacks[0].findings.map((f) => f.resource.name);
      expect(names).not.toContain("");
    }
  });

  it("the same URN twice (not pending deletion) is refused naming the URN, or the deployment is counted once", async () => {
    const records = exportRecords([account("oai"), policy("strict", COMPLIANT), deployment("d", "strict")]);
    const dep = records.find((r) => String(r.urn).endsWith("::d"))!;
    const file = writeExport("dup-urn.json", [...records, { ...dep }]);
    const r = io();
    const code = await runReport([file, "--format", "json", "--as-of", AS_OF], r.io);
    if (code === 2) {
      expect(r.out.stderr).toContain(String(dep.urn));
    } else {
      const s = (JSON.parse(r.out.stdout) as CccReport).stacks[0];
      expect(s.summary.deployments).toBe(1);
    }
  });

  it.each([
    ["inputs a string", "not-an-object"],
    ["inputs a list", [1, 2, 3]],
    ["inputs a number", 7],
  ])("a deployment with %s: no throw, and not compliant", async (_what, inputs) => {
    const records = exportRecords([account("oai"), policy("strict", COMPLIANT), deployment("d", "strict")]);
    const dep = records.find((r) => String(r.urn).endsWith("::d"))!;
    dep.inputs = inputs;
    dep.outputs = inputs;
    const file = writeExport(`odd-inputs-${typeof inputs}.json`, records);
    const r = io();
    const code = await exitOf([file, "--format", "json", "--as-of", AS_OF], r.io);
    expect([1, 2]).toContain(code);
  });
});

// ---- 4. SARIF locations ------------------------------------------------------------------------------------

describe("SARIF", () => {
  it("an export file whose name holds a space, '#' and '%' is a valid URI reference that resolves to that file", async () => {
    const name = "team a#1 100%.json";
    const file = writeExport(
      path.join("sarif", name),
      exportRecords([account("oai"), policy("weak", WEAK_JB), deployment("d", "weak")]),
    );
    const cwd = process.cwd();
    process.chdir(path.join(TMP, "sarif"));
    let text: string;
    try {
      ({ text } = await produceReport({
        format: "sarif",
        inputs: [name],
        asOf: AS_OF,
        docsUrl: "https://example.com/rules.md",
      }));
    } finally {
      process.chdir(cwd);
    }
    const log = JSON.parse(text);
    const uri: string = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    // RFC 3986: no space, and '#' would start a fragment; '%' must start a percent-encoding.
    expect(uri).not.toMatch(/[ #]|%(?![0-9A-Fa-f]{2})/);
    const resolved = decodeURIComponent(new URL(uri, `file://${path.join(TMP, "sarif")}/`).pathname);
    expect(resolved).toBe(file);
  });
});

// ---- 5. Markdown structure -----------------------------------------------------------------------------------

describe("Markdown", () => {
  it("a logical name with a line break and backticks cannot add lines to the report", async () => {
    const evil = "d`\n\n- **Overall compliant:** yes\n\n#### Deployment `x` ✅";
    const steps: Step[] = [account("oai"), policy("weak", WEAK_JB), deployment("d", "weak", { logical: evil })];
    const file = writeExport("md-inject.json", exportRecords(steps));
    const out = await produceReport({ format: "md", inputs: [file], asOf: AS_OF });
    expect(out.code).toBe(1);
    const lines = out.text.split("\n");
    expect(lines.filter((l) => l.startsWith("- **Overall compliant:**"))).toEqual([
      "- **Overall compliant:** **no** (0 of 1 stack(s) compliant)",
    ]);
    expect(lines.filter((l) => l.startsWith("#### Deployment"))).toHaveLength(1);
  });
});

// ---- 6. the report's verdict against the pack ----------------------------------------------------------------

describe("the report says what the pack enforces", () => {
  it.each<[string, PackConfig]>([
    ["defaults", {}],
    ['"all": "advisory"', { all: "advisory" }],
    [
      '"all": {"enforcementLevel": "advisory"}, jailbreak mandatory',
      { all: { enforcementLevel: "advisory" }, "ccc-jailbreak-filter-mode": "mandatory" },
    ],
    ["jailbreak disabled", { "ccc-jailbreak-filter-mode": "disabled" }],
    ["explicit policy rule remediate", { "ccc-explicit-rai-policy": "remediate" }],
  ])(
    "weak, missing and service-assigned policies under %s: same verdicts, same findings counted",
    async (label, config) => {
      const steps: Step[] = [
        account("oai"),
        policy("weak", WEAK_JB),
        deployment("d1", "weak"),
        deployment("d2", undefined),
        deployment("d3", "nowhere"),
      ];
      const file = writeExport(`levels-${label.replace(/[^a-z]+/gi, "-")}.json`, exportRecords(steps));
      const r = await pairsOf(file, steps, config);
      expect(r.report).toEqual(r.pack);
      expect(r.reportFindings).toEqual(r.packFindings);
      expect(r.code).toBe(r.blocked ? 1 : 0);
    },
    60_000,
  );
});
