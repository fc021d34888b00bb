// The CCC evidence report (npm run report): built from stack exports made from the examples, it must reach
// exactly the examples' expected findings, show the exact filter states, waivers and evidence, render valid
// JSON/SARIF/Markdown, never print a secret, and fail cleanly on bad input.
import "@microsoft/jest-sarif";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import * as ts from "typescript";
import { RULES } from "../policy-pack/src/rules";
import { captureProgram } from "../tooling/harness/capture";
import { CaptureResult } from "../tooling/harness/types";
import { ReportArgs, produceReport, runReport } from "../tooling/report/run";
import { CccEvidenceReport, DeploymentRow, Finding as ReportFinding, RequiredFilterState } from "../tooling/report/types";
import { EVALUATED_ON, EXAMPLES_DIR, Finding, ROOT, exampleNames, expectation, sortFindings } from "./support/examples";
import { SecretTag, exportFromCapture } from "./support/exportFromCapture";

const run = promisify(execFile);
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-report-"));
const captures = new Map<string, CaptureResult>();

/** Captures programs two at a time (the machine has two cores). */
async function captureAll(names: readonly string[]): Promise<void> {
  const queue = [...names];
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      captures.set(name, await captureProgram(path.join(EXAMPLES_DIR, name)));
    }
  };
  await Promise.all([worker(), worker()]);
}

function writeJson(name: string, value: unknown): string {
  const file = path.join(TMP, name);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** Writes the example's stack export (and its config, if any) and returns the report args. */
function exportOf(
  name: string,
  options: { secrets?: SecretTag[]; config?: unknown; format?: ReportArgs["format"]; tag?: string } = {},
): ReportArgs {
  const capture = captures.get(name);
  if (!capture) throw new Error(`${name} was not captured`);
  const suffix = options.tag ? `-${options.tag}` : "";
  const input = writeJson(`${name}${suffix}.export.json`, exportFromCapture(capture, options.secrets));
  const configFile =
    options.config === undefined ? undefined : writeJson(`${name}${suffix}.config.json`, options.config);
  return { input, configFile, format: options.format ?? "json", asOf: EVALUATED_ON };
}

async function reportOf(name: string, options: Parameters<typeof exportOf>[1] = {}): Promise<CccEvidenceReport> {
  return (await produceReport(exportOf(name, options))).report;
}

/** (policy, resource) pairs of a level, as the examples' expected.json lists them. */
function pairs(findings: readonly ReportFinding[], level: "mandatory" | "advisory"): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) {
    const counts = f.verdict === "note" ? level === "advisory" : f.level === level && f.verdict !== "waived";
    if (!counts || !f.resource) continue;
    seen.set(`${f.ruleId} ${f.resource.name}`, { policy: f.ruleId, resource: f.resource.name });
  }
  return sortFindings([...seen.values()]);
}

const row = (r: CccEvidenceReport, name: string): DeploymentRow => {
  const found = r.deployments.find((d) => d.resource.name === name);
  if (!found) throw new Error(`no row for ${name}: ${r.deployments.map((d) => d.resource.name).join(", ")}`);
  return found;
};
const filter = (d: DeploymentRow, name: string): RequiredFilterState =>
  d.policy.filters.find((f) => f.filter === name)!;
const verdictOf = (d: DeploymentRow, ruleId: string) => d.verdicts.find((v) => v.ruleId === ruleId)!;

const NAMES = exampleNames();

beforeAll(async () => {
  await captureAll(NAMES);
}, 300_000);

afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

describe("report verdicts match the examples' expected findings (from a stack export)", () => {
  it.each(NAMES)("%s", async (name) => {
    const expected = expectation(name);
    const report = await reportOf(name, { config: expected.config });
    expect(pairs(report.findings, "mandatory")).toEqual(sortFindings(expected.mandatory));
    expect(pairs(report.findings, "advisory")).toEqual(sortFindings(expected.advisory));
    expect(report.summary.compliant).toBe(expected.mandatory.length === 0);

    // One row per deployment in the stack, and the rows carry the same verdicts as the findings.
    const deployments = captures.get(name)!.resources.filter((r) => /:Deployment$/.test(r.type));
    expect(report.deployments.map((d) => d.resource.urn)).toEqual(deployments.map((d) => d.urn));
    for (const d of report.deployments) {
      const failing = d.verdicts
        .filter((v) => v.level === "mandatory" && v.verdict === "violation")
        .map((v) => v.ruleId);
      const expectedHere = expected.mandatory.filter((f) => f.resource === d.resource.name).map((f) => f.policy);
      expect(failing.sort()).toEqual([...expectedHere].sort());
      expect(d.compliant).toBe(expectedHere.length === 0);
    }
    if (expected.withConfig) {
      const variant = expected.withConfig;
      const config = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, name, variant.file), "utf8"));
      const withConfig = await reportOf(name, { config, tag: "variant" });
      expect(pairs(withConfig.findings, "mandatory")).toEqual(sortFindings(variant.mandatory));
      expect(pairs(withConfig.findings, "advisory")).toEqual(sortFindings(variant.advisory));
    }
  });

  it("reaches the same report from the program directory as from its stack export", async () => {
    const name = "noncompliant-duplicate-filter";
    const fromExport = await reportOf(name);
    const fromProgram = (
      await produceReport({ input: path.join(EXAMPLES_DIR, name), format: "json", asOf: EVALUATED_ON })
    ).report;
    expect(fromProgram.input.kind).toBe("program");
    expect(fromProgram.findings).toEqual(fromExport.findings);
    expect(fromProgram.deployments).toEqual(fromExport.deployments);
  });
});

describe("deployment rows", () => {
  it("give account, model, capacity, use cases, policy and evidence of a deployment", async () => {
    const d = row(await reportOf("noncompliant-jailbreak-not-blocking"), "support-bot");
    expect(d.deploymentName).toBe("o3-mini-support");
    expect(d.account.name).toBe("oai-support-prod");
    expect(d.account.resource?.name).toBe("openai");
    expect(d.model).toEqual({ name: "o3-mini", version: "2025-01-31", format: "OpenAI" });
    expect(d.sku).toEqual({ name: "GlobalStandard", capacity: 40 });
    expect(d.useCases).toEqual({ values: ["text-generation"], declaredOn: ["deployment"] });
    expect(d.policy).toMatchObject({
      name: "support-filter",
      origin: "in-stack",
      mode: "Blocking",
      asynchronous: false,
      basePolicyName: "Microsoft.DefaultV2",
    });
    expect(d.evidence.metaprompt).toEqual({
      tag: "ccc-metaprompt",
      value: "https://wiki.contoso.com/ai/metaprompts/support-bot",
      dateTag: "ccc-metaprompt-date",
      date: "2026-10-11",
      ageDays: 43,
      declaredOn: 'account "openai"',
    });
    expect(d.evidence.evaluationReport).toMatchObject({ date: "2026-10-25", ageDays: 29 });
    const jailbreak = verdictOf(d, "ccc-jailbreak-filter-mode");
    expect(jailbreak).toMatchObject({ verdict: "violation", level: "mandatory", effectiveDate: "2023-12-01" });
    expect(jailbreak.cccClause).toMatch(/Jailbreak model/);
    expect(jailbreak.messages[0]).toMatch(/contentFilters\[8\] \("Jailbreak", Prompt\) to annotate mode/);
    expect(verdictOf(d, "ccc-text-protected-material-filter").verdict).toBe("pass");
    expect(verdictOf(d, "ccc-code-protected-material-filter").verdict).toBe("not applicable");
    expect(verdictOf(d, "ccc-universal-evidence").verdict).toBe("pass");
  });

  it("state each required filter exactly, quoting the entry as written", async () => {
    const jb = row(await reportOf("noncompliant-jailbreak-not-blocking"), "support-bot");
    expect(filter(jb, "Jailbreak")).toEqual({
      filter: "Jailbreak",
      source: "Prompt",
      state: "annotate",
      description: "annotate mode (enabled: true, blocking: false)",
      entries: [{ entry: 'contentFilters[8] ("Jailbreak", Prompt)', enabled: true, blocking: false, action: null }],
      wrongSource: [],
    });
    expect(filter(jb, "Protected Material Text")).toMatchObject({
      state: "filter",
      entries: [{ entry: 'contentFilters[9] ("Protected Material Text", Completion)', enabled: true, blocking: true }],
    });
    expect(filter(jb, "Protected Material Code")).toMatchObject({ state: "missing", entries: [], wrongSource: [] });

    const lower = row(await reportOf("noncompliant-lowercase-names"), "community-chat");
    expect(filter(lower, "Jailbreak").state).toBe("missing");
    expect(filter(lower, "Jailbreak").wrongSource.map((e) => e.entry)).toEqual([
      expect.stringMatching(/^contentFilters\[\d+\] \("jailbreak", Completion\)$/),
    ]);
    expect(filter(lower, "Protected Material Text").state).toBe("filter");
    expect(filter(lower, "Protected Material Text").entries[0].entry).toMatch(/"protected_material_text"/);

    const dup = row(await reportOf("noncompliant-duplicate-filter"), "faq-bot");
    expect(filter(dup, "Jailbreak").state).toBe("contradictory");
    expect(filter(dup, "Jailbreak").entries).toHaveLength(2);

    const annotate = row(await reportOf("noncompliant-text-annotate-only"), "drafting");
    expect(filter(annotate, "Protected Material Text").state).toBe("annotate");

    const codeAnnotate = row(await reportOf("noncompliant-code-annotate-unlicensed"), "codegen");
    expect(filter(codeAnnotate, "Protected Material Code").state).toBe("annotate");
  });

  it("name the policy's origin and async mode", async () => {
    const asyncRow = (await reportOf("noncompliant-async-filter")).deployments.find(
      (d) => d.resource.name === "writer",
    )!;
    expect(asyncRow.policy).toMatchObject({ mode: "Asynchronous_filter", asynchronous: true });
    expect(verdictOf(asyncRow, "ccc-async-filter-coverage").verdict).toBe("violation");

    const def = row(await reportOf("noncompliant-default-policy"), "helpdesk-chat");
    expect(def.policy).toMatchObject({ origin: "service-default", name: null, filters: [] });
    expect(verdictOf(def, "ccc-verifiable-rai-policy").verdict).toBe("not applicable");

    const ms = row(await reportOf("noncompliant-microsoft-default"), "copywriter");
    expect(ms.policy).toMatchObject({ origin: "microsoft-managed", name: "Microsoft.DefaultV2" });

    const ext = row(await reportOf("noncompliant-external-policy"), "knowledge-chat");
    expect(ext.policy).toMatchObject({ origin: "unresolved", name: "corp-shared-filter", filters: [] });
    const config = JSON.parse(
      fs.readFileSync(path.join(EXAMPLES_DIR, "noncompliant-external-policy", "config-declared.json"), "utf8"),
    );
    const declared = row(await reportOf("noncompliant-external-policy", { config, tag: "ext" }), "knowledge-chat");
    expect(declared.policy.origin).toBe("external");
    expect(declared.policy.filters.map((f) => f.state)).toEqual(["filter", "filter", "filter"]);
  });

  it("list RAI policies checked against their own ccc-use-case tag", async () => {
    const report = await reportOf("noncompliant-policy-own-use-case");
    const policy = report.raiPolicies.find((p) => p.resource.name === "editorial-filter")!;
    expect(policy.useCases).toEqual(["text-generation"]);
    expect(policy.compliant).toBe(false);
    expect(policy.verdicts.find((v) => v.ruleId === "ccc-text-protected-material-filter")?.verdict).toBe("violation");
  });

  it("show where use cases were declared when they come from the account", async () => {
    const report = await reportOf("compliant-mixed");
    const declaredOn = report.deployments.flatMap((d) => d.useCases.declaredOn);
    expect(declaredOn.some((on) => /^account "/.test(on))).toBe(true);
    expect(report.summary).toMatchObject({ compliant: true, mandatoryViolations: 0 });
  });
});

describe("waivers", () => {
  const waiver = (expires: string) => ({
    "ccc-organization-config": {
      waivers: [
        {
          policy: "ccc-jailbreak-filter-mode",
          resource: "support-*",
          reason: "Pilot with legal sign-off LEG-42",
          approvedBy: "platform-security",
          expires,
        },
        {
          policy: "ccc-text-protected-material-filter",
          resource: "nothing-matches",
          reason: "stale",
          approvedBy: "someone",
          expires: "2027-01-01",
        },
      ],
    },
  });

  it("show a waived finding as waived, with reason, approver and expiry, and do not fail the report", async () => {
    const args = exportOf("noncompliant-jailbreak-not-blocking", { config: waiver("2026-12-31"), tag: "waived" });
    const { report, code } = await produceReport(args);
    const v = verdictOf(row(report, "support-bot"), "ccc-jailbreak-filter-mode");
    expect(v.verdict).toBe("waived");
    expect(v.waiver).toEqual({
      policy: "ccc-jailbreak-filter-mode",
      resource: "support-*",
      reason: "Pilot with legal sign-off LEG-42",
      approvedBy: "platform-security",
      expires: "2026-12-31",
      expired: false,
    });
    expect(v.messages[0]).toMatch(/annotate mode/);
    expect(report.summary).toMatchObject({ compliant: true, waived: 1, mandatoryViolations: 0 });
    expect(report.summary.unusedWaivers.map((w) => w.resource)).toEqual(["nothing-matches"]);
    expect(code).toBe(0);

    const md = (await produceReport({ ...args, format: "md" })).text;
    expect(md).toMatch(
      /⚠️ waived .*Waiver: Pilot with legal sign-off LEG-42 \(approved by platform-security, expires 2026-12-31\)/,
    );

    const sarif = JSON.parse((await produceReport({ ...args, format: "sarif" })).text);
    expect(sarif).toBeValidSarifLog();
    const [result] = sarif.runs[0].results;
    expect(result).toMatchObject({
      ruleId: "ccc-jailbreak-filter-mode",
      level: "note",
      suppressions: [{ kind: "external", status: "accepted", justification: expect.stringMatching(/LEG-42/) }],
    });
  });

  it("stop applying after the expiry date (as of --as-of) and say so", async () => {
    const { report, code } = await produceReport(
      exportOf("noncompliant-jailbreak-not-blocking", { config: waiver("2026-11-22"), tag: "expired" }),
    );
    const v = verdictOf(row(report, "support-bot"), "ccc-jailbreak-filter-mode");
    expect(v.verdict).toBe("violation");
    expect(v.waiver?.expired).toBe(true);
    expect(v.messages[0]).toMatch(/has expired and no longer applies/);
    expect(code).toBe(1);
  });
});

describe("formats", () => {
  it("JSON is exactly the documented CccEvidenceReport shape (type-checked by the compiler)", async () => {
    const text = (await produceReport(exportOf("noncompliant-duplicate-filter"))).text;
    const parsed = JSON.parse(text) as CccEvidenceReport;
    expect(parsed.reportVersion).toBe(1);
    expect(parsed.pack).toEqual({
      name: "azure-openai-ccc",
      version: JSON.parse(fs.readFileSync(path.join(ROOT, "policy-pack", "package.json"), "utf8")).version,
    });
    expect(parsed.asOf).toBe(EVALUATED_ON);
    // Assigning the output, as a literal, to the interface: excess or missing properties and wrong literal
    // values are compile errors.
    const check = (json: string) => {
      const file = path.join(TMP, "shape-check.ts");
      const types = path.join(ROOT, "tooling", "report", "types").split(path.sep).join("/");
      fs.writeFileSync(
        file,
        `import { CccEvidenceReport } from ${JSON.stringify(types)};\nexport const r: CccEvidenceReport = ${json};\n`,
      );
      try {
        const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, types: [] });
        return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      } finally {
        fs.rmSync(file, { force: true });
      }
    };
    expect(check(text)).toEqual([]);
    // The check can fail: a field the interface does not have.
    const wrong = JSON.parse(text);
    wrong.summary.extra = 1;
    expect(check(JSON.stringify(wrong)).join("\n")).toMatch(/extra/);
  }, 60_000);

  it("SARIF validates against the SARIF 2.1.0 schema and lists each violation and undecidable verdict", async () => {
    const args = exportOf("noncompliant-duplicate-filter", { format: "sarif" });
    const { text, report } = await produceReport({
      ...args,
      docsUrl: "https://example.com/azure-openai-ccc/docs/rules.md",
    });
    const sarif = JSON.parse(text);
    expect(sarif).toBeValidSarifLog();
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs).toHaveLength(1);
    const driver = sarif.runs[0].tool.driver;
    expect(driver.name).toBe("azure-openai-ccc");
    expect(driver.version).toBe(report.pack.version);
    for (const rule of RULES) {
      expect(driver.rules).toContainEqual(
        expect.objectContaining({
          id: rule.meta.id,
          helpUri: `https://example.com/azure-openai-ccc/docs/rules.md#${rule.meta.docsAnchor}`,
        }),
      );
    }
    const results = sarif.runs[0].results;
    const expected = report.findings.filter((f) => f.verdict === "violation" || f.verdict === "undecidable");
    expect(results).toHaveLength(expected.length);
    expect(results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(
      ["ccc-jailbreak-filter-mode", "ccc-well-formed-resources"].sort(),
    );
    for (const r of results) {
      expect(r.level).toBe("error");
      expect(driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/^urn:pulumi:dev::/);
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(
        /noncompliant-duplicate-filter\.export\.json$/,
      );
    }
    // The schema check can fail.
    expect({ ...sarif, version: "2.0.0" }).not.toBeValidSarifLog();
    const noMessage = structuredClone(sarif);
    delete noMessage.runs[0].results[0].message;
    expect(noMessage).not.toBeValidSarifLog();
  });

  it("SARIF marks advisory findings as warnings", async () => {
    const { text } = await produceReport(exportOf("advisory-missing-evidence", { format: "sarif" }));
    const sarif = JSON.parse(text);
    expect(sarif).toBeValidSarifLog();
    expect(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([
      ["ccc-universal-evidence", "warning"],
      ["ccc-universal-evidence", "warning"],
    ]);
  });

  it("Markdown has the summary, a row per deployment and the filter states", async () => {
    const { text } = await produceReport(exportOf("noncompliant-jailbreak-not-blocking", { format: "md" }));
    expect(text).toMatch(/^# CCC evidence report/);
    expect(text).toContain("- **Overall compliant:** **no**");
    expect(text).toContain("- **As of:** 2026-11-23");
    expect(text).toMatch(
      /\| `support-bot` \| oai-support-prod \| o3-mini \/ 2025-01-31 \/ OpenAI \| 40 \| text-generation \| support-filter \(in-stack\) \| annotate \| filter \| missing \| \*\*no\*\* \|/,
    );
    expect(text).toContain(
      '| Jailbreak | Prompt | **annotate**: annotate mode (enabled: true, blocking: false) | contentFilters[8] ("Jailbreak", Prompt): enabled true, blocking false |',
    );
    expect(text).toMatch(
      /\[`ccc-jailbreak-filter-mode`\]\(docs\/rules\.md#ccc-jailbreak-filter-mode\) \| mandatory \| ❌ violation/,
    );
  });
});

describe("secrets", () => {
  const PLAIN_REPORT = "https://vault.contoso.com/evals/top-secret-report-7f3a";
  const PLAIN_OTHER = "owner-token-9b1c2d3e";
  const secrets: SecretTag[] = [
    { resource: "support-bot", tag: "ccc-evaluation-report", value: PLAIN_REPORT, form: "plaintext" },
    { resource: "support-bot", tag: "ccc-owner-token", value: PLAIN_OTHER, form: "plaintext" },
    {
      resource: "support-bot",
      tag: "ccc-metaprompt",
      value: "https://wiki.contoso.com/secret-metaprompt",
      form: "ciphertext",
    },
  ];

  it("are never printed in any format, whether plaintext or ciphertext", async () => {
    const args = exportOf("noncompliant-jailbreak-not-blocking", { secrets, tag: "secrets" });
    const exported = fs.readFileSync(args.input, "utf8");
    const ciphertexts = [...exported.matchAll(/"ciphertext": "([^"]+)"/g)].map((m) => m[1]);
    expect(ciphertexts.length).toBeGreaterThan(0);
    expect(exported).toContain(JSON.stringify(JSON.stringify(PLAIN_REPORT)).slice(1, -1));
    for (const format of ["md", "json", "sarif"] as const) {
      const { text } = await produceReport({ ...args, format });
      for (const secret of [PLAIN_REPORT, PLAIN_OTHER, "secret-metaprompt", "top-secret", ...ciphertexts]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it("a plaintext secret is evaluated (and shown redacted); a ciphertext one is undecidable, saying why", async () => {
    const { report } = await produceReport(
      exportOf("noncompliant-jailbreak-not-blocking", { secrets, tag: "secrets2" }),
    );
    const d = row(report, "support-bot");
    expect(d.evidence.evaluationReport).toMatchObject({ value: "[secret]", declaredOn: "deployment" });
    expect(d.evidence.metaprompt).toMatchObject({ value: "(not known)", declaredOn: "deployment" });
    const evidence = verdictOf(d, "ccc-universal-evidence");
    expect(evidence.verdict).toBe("undecidable");
    expect(evidence.level).toBe("advisory");
    expect(evidence.messages.join(" ")).toMatch(/\.tags\.ccc-metaprompt of "support-bot" is a secret/);
    // Advisory: the verdicts that decide compliance are unchanged.
    expect(pairs(report.findings, "mandatory")).toEqual([
      { policy: "ccc-jailbreak-filter-mode", resource: "support-bot" },
    ]);
  });
});

describe("exit codes and bad input", () => {
  const io = () => {
    const out = { stdout: "", stderr: "" };
    return { out, io: { stdout: (s: string) => (out.stdout += s), stderr: (s: string) => (out.stderr += s) } };
  };

  it("returns 0 when compliant and 1 on a mandatory violation, writing --out", async () => {
    const ok = exportOf("compliant-text");
    const a = io();
    const outFile = path.join(TMP, "compliant.md");
    expect(await runReport([ok.input, "--as-of", EVALUATED_ON, "--out", outFile], a.io)).toBe(0);
    expect(fs.readFileSync(outFile, "utf8")).toContain("- **Overall compliant:** yes");
    expect(a.out.stderr).toMatch(/wrote .*compliant\.md: compliant/);

    const bad = exportOf("noncompliant-text-annotate-only");
    const b = io();
    expect(await runReport([bad.input, "--format", "json", "--as-of", EVALUATED_ON], b.io)).toBe(1);
    expect(JSON.parse(b.out.stdout).summary.compliant).toBe(false);
  });

  const cases: [string, () => string[], RegExp][] = [
    ["no input", () => [], /no input given/],
    ["a missing file", () => [path.join(TMP, "nope.json")], /nope\.json does not exist/],
    ["a file that is not JSON", () => [writeText("broken.json", "{ not json")], /broken\.json is not JSON/],
    [
      "an export in another format version",
      () => [writeJson("v2.json", { version: 2, deployment: { resources: [] } })],
      /v2\.json is not a stack export in deployment format v3.*version 2/,
    ],
    [
      "a resource without a URN",
      () => [writeJson("nourn.json", { version: 3, deployment: { resources: [{ type: "x" }] } })],
      /nourn\.json: deployment\.resources\[0\] needs a string "urn"/,
    ],
    [
      "a config that is not JSON",
      () => [writeJson("empty.json", { version: 3, deployment: {} }), "--config", writeText("cfg.json", "nope")],
      /pack config .*cfg\.json is not JSON/,
    ],
    [
      "an unknown enforcement level",
      () => [
        writeJson("empty2.json", { version: 3, deployment: {} }),
        "--config",
        writeJson("level.json", { "ccc-jailbreak-filter-mode": "sometimes" }),
      ],
      /"ccc-jailbreak-filter-mode" has enforcement level "sometimes"/,
    ],
    [
      "a bad --as-of",
      () => [writeJson("empty3.json", { version: 3, deployment: {} }), "--as-of", "2026-02-30"],
      /--as-of 2026-02-30 is not a date/,
    ],
    [
      "an unknown format",
      () => [writeJson("empty4.json", { version: 3, deployment: {} }), "--format", "html"],
      /--format html is not supported/,
    ],
  ];
  it.each(cases)("exits 2 on %s, naming the problem", async (_what, args, message) => {
    const r = io();
    expect(await runReport(args(), r.io)).toBe(2);
    expect(r.out.stderr).toMatch(message);
    expect(r.out.stderr).toMatch(/^error: /);
    expect(r.out.stdout).toBe("");
  });

  it("as a command (npm run report): exit 2 with a message and no stack trace, exit 1 on a violation", async () => {
    const cli = path.join(ROOT, "tooling", "cli", "report.ts");
    const tsNode = require.resolve("ts-node/register/transpile-only");
    const spawn = async (args: string[]) => {
      try {
        const { stdout, stderr } = await run(process.execPath, ["-r", tsNode, cli, ...args], { cwd: ROOT });
        return { code: 0, stdout, stderr };
      } catch (e) {
        const err = e as { code: number; stdout: string; stderr: string };
        return { code: err.code, stdout: err.stdout, stderr: err.stderr };
      }
    };
    const bad = await spawn([writeText("cli-broken.json", "[1,")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: .*cli-broken\.json is not JSON/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);

    const violation = await spawn([
      exportOf("noncompliant-async-filter").input,
      "--format",
      "sarif",
      "--as-of",
      EVALUATED_ON,
    ]);
    expect(violation.code).toBe(1);
    expect(JSON.parse(violation.stdout).runs[0].results[0].ruleId).toBe("ccc-async-filter-coverage");
  }, 60_000);
});

function writeText(name: string, text: string): string {
  const file = path.join(TMP, name);
  fs.writeFileSync(file, text);
  return file;
}

// A real `pulumi stack export`, when the offline Pulumi CLI has been built (scripts/build-pulumi.sh).
const PULUMI = path.join(ROOT, ".tools", "bin", "pulumi");
const cliUsable = fs.existsSync(PULUMI) && !process.env.CCC_SKIP_PULUMI_CLI;
if (!cliUsable) {
  console.log(
    `report.test.ts: skipping the real \`pulumi stack export\` test: ${PULUMI} is not built (scripts/build-pulumi.sh)`,
  );
}
(cliUsable ? describe : describe.skip)("on a real `pulumi stack export`", () => {
  it("reports the example's expected findings", async () => {
    const name = "noncompliant-jailbreak-not-blocking";
    fs.mkdirSync(path.join(ROOT, ".tools", "tmp"), { recursive: true });
    // Under the repo, so the program resolves the workspace's node_modules.
    const work = fs.mkdtempSync(path.join(ROOT, ".tools", "tmp", "report-export-"));
    try {
      const prog = path.join(work, "prog");
      fs.cpSync(path.join(EXAMPLES_DIR, name), prog, { recursive: true });
      const env = {
        ...process.env,
        PATH: `${path.dirname(PULUMI)}${path.delimiter}${process.env.PATH}`,
        PULUMI_HOME: path.join(work, "home"),
        PULUMI_CONFIG_PASSPHRASE: "test-only-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
        PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
        PULUMI_SELF_MANAGED_STATE_NO_LEGACY_WARNING: "true",
        PULUMI_DISABLE_CI_DETECTION: "true",
        NO_COLOR: "1",
      };
      const pulumi = (...args: string[]) => run(PULUMI, args, { cwd: prog, env, maxBuffer: 16 * 1024 * 1024 });
      fs.mkdirSync(path.join(work, "state"));
      await pulumi("login", `file://${path.join(work, "state")}`);
      await pulumi("stack", "init", "dev", "--non-interactive");
      await pulumi("up", "--yes", "--skip-preview", "--non-interactive");
      const file = path.join(work, "export.json");
      await pulumi("stack", "export", "--file", file);

      const { report, code } = await produceReport({ input: file, format: "json", asOf: EVALUATED_ON });
      expect(report.input).toMatchObject({ kind: "stack-export", project: name, stack: "dev" });
      expect(pairs(report.findings, "mandatory")).toEqual(sortFindings(expectation(name).mandatory));
      expect(filter(row(report, "support-bot"), "Jailbreak").state).toBe("annotate");
      expect(code).toBe(1);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 400_000);
});
