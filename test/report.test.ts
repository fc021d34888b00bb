// The CCC evidence report (npm run report), rebuilt on the pack's public API and its one judgement pipeline.
// - Issue 13 §1: across every example and the configs it carries, the report's verdict on each deployment (and
//   RAI policy and account) is what the pack enforces through the analyzer protocol (`pulumi up`), finding for
//   finding, word for word.
// - Issue 12 §3-5: many stacks at once (paths, a directory, a glob) in one summary; Markdown, JSON (validated
//   against tooling/report/report.schema.json) and SARIF 2.1.0 (one run per stack, validated); dated evidence.
// - Secrets are never printed, plaintext or ciphertext; bad input exits 2 with a message and no stack trace.
// - On a real `pulumi stack export`, before and after a portal edit brought in by `pulumi refresh`.
import "@microsoft/jest-sarif";
import Ajv from "ajv";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { SECRET_SIG, SIG_KEY, catalogue, diagnosticText, Finding as PackFinding } from "../policy-pack/src/api";
import { Diagnostic, PackConfig, analyzeResources } from "../tooling/harness/analyzer";
import { captureProgram } from "../tooling/harness/capture";
import { CaptureResult } from "../tooling/harness/types";
import { ReportArgs, produceReport, runReport } from "../tooling/report/run";
import { CccReport, DeploymentRow, Finding, RequiredFilterState, StackReport } from "../tooling/report/types";
import {
  EVALUATED_ON,
  EXAMPLES_DIR,
  Finding as Pair,
  PACK_DIR,
  ROOT,
  exampleNames,
  expectation,
  readConfig,
  sortFindings,
} from "./support/examples";
import { EXPORT_TIME, SecretValue, exportFromCapture } from "./support/exportFromCapture";
import { describeWithCli } from "./support/pulumiCli";

const run = promisify(execFile);
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-report-"));
const NAMES = exampleNames();
const captures = new Map<string, CaptureResult>();
const PACK_VERSION = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).version as string;

const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, "tooling", "report", "report.schema.json"), "utf8"));
const validateSchema = new Ajv({ strict: true, allErrors: true }).compile(SCHEMA);
/** Validates a JSON report against the documented schema; returns the errors (none: valid). */
function schemaErrors(value: unknown): string[] {
  return validateSchema(value) ? [] : (validateSchema.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** The configs each example carries: expected.json's own, and its `withConfig` variant. */
interface ExampleCase {
  readonly name: string;
  readonly label: string;
  readonly config: PackConfig | undefined;
  readonly mandatory: readonly Pair[];
  readonly advisory: readonly Pair[];
}
const CASES: ExampleCase[] = NAMES.flatMap((name) => {
  const e = expectation(name);
  const list: ExampleCase[] = [{ name, label: "expected.json", config: e.config, ...e }];
  if (e.withConfig)
    list.push({ name, label: e.withConfig.file, config: readConfig(name, e.withConfig.file), ...e.withConfig });
  return list;
});
/** What the pack reported through the analyzer protocol (`pulumi up`), per case. */
const enforced = new Map<ExampleCase, readonly Diagnostic[]>();

/**
 * Captures every example and runs the real pack over each of its configs, two examples at a time (the
 * machine has two cores), so the report's tests compare against the pack without waiting for it.
 */
async function captureAndEnforce(): Promise<void> {
  const queue = [...NAMES];
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const capture = await captureProgram(path.join(EXAMPLES_DIR, name));
      captures.set(name, capture);
      for (const c of CASES.filter((c) => c.name === name)) {
        const stack = { project: capture.project, stack: capture.stack, dryRun: false };
        enforced.set(c, (await analyzeResources(PACK_DIR, capture.resources, stack, asOfConfig(c.config))).diagnostics);
      }
    }
  };
  await Promise.all([worker(), worker()]);
}

function writeJson(name: string, value: unknown): string {
  const file = path.join(TMP, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

function writeText(name: string, text: string): string {
  const file = path.join(TMP, name);
  fs.writeFileSync(file, text);
  return file;
}

/** The example's stack export (secrets wrapped as asked), written under `file`. */
function exportFile(name: string, file = `${name}.export.json`, secrets: SecretValue[] = []): string {
  const capture = captures.get(name);
  if (!capture) throw new Error(`${name} was not captured`);
  return writeJson(file, exportFromCapture(capture, secrets));
}

/** Pack config with the verdicts taken on EVALUATED_ON, through the one "as of" setting. */
function asOfConfig(config: PackConfig = {}): PackConfig {
  const org = config["ccc-organization-config"];
  return { ...config, "ccc-organization-config": { ...(typeof org === "object" ? org : {}), asOfDate: EVALUATED_ON } };
}

/** Builds a JSON report in-process and checks it against the schema. */
async function report(args: Omit<Partial<ReportArgs>, "inputs"> & { inputs: readonly string[] }): Promise<CccReport> {
  const out = await produceReport({ format: "json", asOf: EVALUATED_ON, ...args });
  const parsed = JSON.parse(out.text) as CccReport;
  expect(schemaErrors(parsed)).toEqual([]);
  expect(parsed).toEqual(out.report);
  return parsed;
}

async function single(name: string, args: Omit<Partial<ReportArgs>, "inputs"> = {}): Promise<StackReport> {
  const r = await report({ inputs: [exportFile(name)], ...args });
  expect(r.stacks).toHaveLength(1);
  return r.stacks[0];
}

function row(s: StackReport, name: string): DeploymentRow {
  const found = s.deployments.find((d) => d.resource.name === name);
  if (!found) throw new Error(`no row for ${name}: ${s.deployments.map((d) => d.resource.name).join(", ")}`);
  return found;
}
const filter = (d: DeploymentRow, name: string): RequiredFilterState =>
  d.policy.filters.find((f) => f.filter === name)!;
const verdictOf = (d: { verdicts: DeploymentRow["verdicts"] }, ruleId: string) =>
  d.verdicts.find((v) => v.ruleId === ruleId)!;

/** (rule, resource) pairs of a level, as expected.json lists them (waived findings and notes are advisory). */
function pairs(findings: readonly Finding[], level: "mandatory" | "advisory"): Pair[] {
  const seen = new Map<string, Pair>();
  for (const f of findings) {
    if (f.level !== level) continue;
    seen.set(`${f.ruleId} ${f.resource.name}`, { policy: f.ruleId, resource: f.resource.name });
  }
  return sortFindings([...seen.values()]);
}

beforeAll(async () => {
  await captureAndEnforce();
}, 600_000);

afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

describe("issue 13 §1: the report's verdicts are what the pack enforces", () => {
  it.each(CASES.map((c) => [c.name, c.label, c] as const))("%s with the config of %s", async (name, label, c) => {
    const configFile = writeJson(`${name}-${label}.config.json`, asOfConfig(c.config));
    const r = await report({ inputs: [exportFile(name)], configFile, asOf: undefined });
    const pack = { diagnostics: enforced.get(c)! };
    const stack = r.stacks[0];
    const diagnostics = pack.diagnostics.filter((d: Diagnostic) => d.urn !== "");
    // No config problem, no pack error: every diagnostic is a finding about a resource.
    expect(pack.diagnostics.filter((d) => d.urn === "" && d.enforcementLevel === "mandatory")).toEqual([]);

    // Per subject: non-compliant in the report iff the pack reported a mandatory finding on it.
    const blocked = new Set(diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.urn));
    const subjects = [...stack.deployments, ...stack.raiPolicies, ...stack.accounts];
    expect(stack.deployments.length).toBeGreaterThan(0);
    for (const s of subjects)
      expect({ urn: s.resource.urn, compliant: s.compliant }).toEqual({
        urn: s.resource.urn,
        compliant: !blocked.has(s.resource.urn),
      });
    // Every blocked resource is a subject of the report, and the stack verdict and exit code agree.
    expect([...blocked].filter((urn) => !subjects.some((s) => s.resource.urn === urn))).toEqual([]);
    expect(stack.summary.compliant).toBe(blocked.size === 0);
    expect(r.totals.compliant).toBe(blocked.size === 0);

    // Finding for finding: same rule id, resource, level and text (the pack's own diagnostic wording).
    const packFindings = diagnostics.map((d) => `${d.policyName} | ${d.urn} | ${d.enforcementLevel} | ${d.message}`);
    const reportFindings = stack.findings.map(
      (f) =>
        `${f.ruleId} | ${f.resource.urn} | ${f.level} | ${diagnosticText({ ...f, fix: f.fix ?? undefined } as unknown as PackFinding)}`,
    );
    expect(reportFindings.sort()).toEqual(packFindings.sort());

    // And both are what the example documents.
    expect(pairs(stack.findings, "mandatory")).toEqual(sortFindings(c.mandatory));
    expect(pairs(stack.findings, "advisory")).toEqual(sortFindings(c.advisory));
  });

  it("reaches the same report from the program directory as from its stack export", async () => {
    const name = "noncompliant-duplicate-filter";
    const fromExport = await single(name);
    const fromProgram = (await report({ inputs: [path.join(EXAMPLES_DIR, name)] })).stacks[0];
    expect(fromProgram.input).toMatchObject({ kind: "program", project: name, stack: "dev", stateTime: null });
    expect(fromExport.input).toMatchObject({
      kind: "stack-export",
      project: name,
      stack: "dev",
      stateTime: EXPORT_TIME,
    });
    expect(fromProgram.findings).toEqual(fromExport.findings);
    expect(fromProgram.deployments).toEqual(fromExport.deployments);
  });
});

describe("stack resources as the pack's stack level sees them", () => {
  /**
   * compliant-text with its account under one explicit provider and the rest under another, and no ARM ids in
   * the state: only the providers' own `subscriptionId` can tell whether the account is the deployment's.
   */
  function twoProviders(subA: unknown, subB: unknown): string {
    const doc = exportFromCapture(captures.get("compliant-text")!) as unknown as {
      deployment: { resources: Record<string, unknown>[] };
    };
    const prefix = "urn:pulumi:dev::compliant-text::pulumi:providers:azure-native::";
    const provider = (name: string, subscriptionId: unknown) => ({
      urn: `${prefix}${name}`,
      custom: true,
      id: `${name}-id`,
      type: "pulumi:providers:azure-native",
      inputs: { subscriptionId, version: "3.28.0" },
      outputs: { version: "3.28.0" },
    });
    const resources = doc.deployment.resources.filter((r) => !String(r.type).startsWith("pulumi:providers:"));
    for (const r of resources) {
      if (r.custom !== true) continue;
      delete r.id;
      delete (r.outputs as Record<string, unknown>).id;
      r.provider = String(r.type).endsWith(":Account") ? `${prefix}a::a-id` : `${prefix}b::b-id`;
    }
    doc.deployment.resources = [provider("a", subA), provider("b", subB), ...resources];
    return writeJson(`providers-${String(subA).slice(0, 8)}-${String(subB).slice(0, 8)}.json`, doc);
  }

  it("read each provider's subscriptionId from the state: same subscription, same account", async () => {
    const same = row((await report({ inputs: [twoProviders("sub-1", "sub-1")] })).stacks[0], "chat");
    expect(same.account).toMatchObject({ name: "oai-chat-prod", lookup: "found in the stack" });
    expect(same.compliant).toBe(true);

    // In another subscription the account (and the evidence tags it carries) is not the deployment's.
    const other = (await report({ inputs: [twoProviders("sub-1", "sub-2")] })).stacks[0];
    expect(row(other, "chat").account.lookup).toBe("not in the stack");
    expect(row(other, "chat").evidence.map((e) => e.pointer)).toEqual([null, null]);
    expect(pairs(other.findings, "advisory")).toEqual([{ policy: "ccc-universal-evidence", resource: "chat" }]);
  });

  it("a provider subscriptionId held only as ciphertext leaves the other provider's account undecided", async () => {
    const cipher = { [SIG_KEY]: SECRET_SIG, ciphertext: "v1:abc:def" };
    const s = (await report({ inputs: [twoProviders("sub-1", cipher)] })).stacks[0];
    const d = row(s, "chat");
    expect(d.account.lookup).toMatch(/^not known: subscriptionId/);
    // The policy is under the deployment's own provider instance, so it is the deployment's whatever the
    // subscription is; only the account's evidence tags (advisory) rest on the unreadable value.
    expect(d.policy.resolution).toBe("resolved");
    expect(d.compliant).toBe(true);
    expect(s.findings.map((f) => [f.ruleId, f.verdict, f.level])).toEqual([
      ["ccc-universal-evidence", "undecided", "advisory"],
    ]);
    expect(s.findings[0].message).toMatch(/subscriptionId is a secret whose value this input does not hold/);
    expect(JSON.stringify(s)).not.toContain("v1:abc:def");
  });
});

describe("deployment rows", () => {
  it("give account, model, capacity, use cases, policy and dated evidence", async () => {
    const d = row(await single("noncompliant-jailbreak-not-blocking"), "support-bot");
    expect(d).toMatchObject({
      flavour: "azure-native",
      deploymentName: "o3-mini-support",
      account: { name: "oai-support-prod", resource: { name: "openai" }, lookup: "found in the stack" },
      model: { name: "o3-mini", version: "2025-01-31", format: "OpenAI", covered: true },
      sku: { name: "GlobalStandard", capacity: 40 },
      useCases: { state: "known", values: ["text-generation"], declaredOn: ["deployment"], secret: false },
      policy: {
        resolution: "resolved",
        label: 'RAI policy "support-filter" (support-filter)',
        name: "support-filter",
        origin: "stack",
        resource: { name: "support-filter" },
        mode: "Blocking",
        modeKind: "synchronous",
        basePolicyName: "Microsoft.DefaultV2",
      },
      compliant: false,
    });
    expect(d.evidence).toEqual([
      {
        what: "metaprompt",
        tag: "ccc-metaprompt",
        pointer: "https://wiki.contoso.com/ai/metaprompts/support-bot",
        dateTag: "ccc-metaprompt-date",
        date: "2026-10-11",
        ageDays: 43,
        declaredOn: 'account "openai"',
      },
      expect.objectContaining({ what: "evaluation report", date: "2026-10-25", ageDays: 29 }),
    ]);
    const jailbreak = verdictOf(d, "ccc-jailbreak-filter-mode");
    expect(jailbreak).toMatchObject({ verdict: "violation", level: "mandatory" });
    expect(jailbreak.findings[0].message).toMatch(/contentFilters\[8\] \("Jailbreak", Prompt\) to annotate mode/);
    expect(jailbreak.findings[0].fix).toMatch(
      /^Set \{name: "Jailbreak", source: "Prompt", enabled: true, blocking: true\}/,
    );
    expect(jailbreak.findings[0].docs).toBe("docs/rules.md#ccc-jailbreak-filter-mode");
    expect(verdictOf(d, "ccc-text-protected-material-filter").verdict).toBe("pass");
    expect(verdictOf(d, "ccc-code-protected-material-filter")).toMatchObject({
      verdict: "not applicable",
      notApplicable: expect.stringMatching(/only code generation needs Protected Material Code/),
    });
    expect(verdictOf(d, "ccc-universal-evidence").verdict).toBe("pass");
    // One verdict per rule that applies to deployments, in catalogue order.
    expect(d.verdicts.map((v) => v.ruleId)).toEqual(
      catalogue()
        .filter((c) => c.meta.appliesTo.includes("deployment"))
        .map((c) => c.meta.id),
    );
  });

  it("state each required filter exactly, quoting the entry as written", async () => {
    const jb = row(await single("noncompliant-jailbreak-not-blocking"), "support-bot");
    expect(filter(jb, "Jailbreak")).toEqual({
      filter: "Jailbreak",
      source: "Prompt",
      state: "annotate",
      description: "annotate mode (enabled: true, blocking: false)",
      entries: [
        { entry: 'properties.contentFilters[8] ("Jailbreak", Prompt)', enabled: true, blocking: false, action: null },
      ],
      wrongSource: [],
    });
    expect(filter(jb, "Protected Material Text")).toMatchObject({ state: "filter" });
    expect(filter(jb, "Protected Material Code")).toMatchObject({ state: "missing", entries: [], wrongSource: [] });

    const lower = row(await single("noncompliant-lowercase-names"), "community-chat");
    expect(filter(lower, "Jailbreak").state).toBe("missing");
    expect(filter(lower, "Jailbreak").wrongSource.map((e) => e.entry)).toEqual([
      'properties.contentFilters[9] ("jailbreak", Completion)',
    ]);
    expect(filter(lower, "Protected Material Text").entries[0].entry).toMatch(/"protected_material_text"/);

    const dup = row(await single("noncompliant-duplicate-filter"), "faq-bot");
    expect(filter(dup, "Jailbreak").state).toBe("contradictory");
    expect(filter(dup, "Jailbreak").entries).toHaveLength(2);

    expect(
      filter(row(await single("noncompliant-text-annotate-only"), "drafting"), "Protected Material Text").state,
    ).toBe("annotate");
  });

  it("name how the policy was resolved: service-assigned, Microsoft-managed, unresolved, external, async", async () => {
    const def = row(await single("noncompliant-default-policy"), "helpdesk-chat");
    expect(def.policy).toMatchObject({ resolution: "service-assigned", name: null, filters: [] });
    // A shared problem is reported once, under its owner; the other rules' verdicts point at it.
    expect(verdictOf(def, "ccc-explicit-rai-policy").findings).toHaveLength(1);
    expect(verdictOf(def, "ccc-jailbreak-filter-mode")).toMatchObject({
      verdict: "violation",
      findings: [{ ruleId: "ccc-explicit-rai-policy" }],
    });

    const ms = row(await single("noncompliant-microsoft-default"), "copywriter");
    expect(ms.policy).toMatchObject({
      resolution: "microsoft-unaccepted",
      name: "Microsoft.DefaultV2",
      origin: "microsoft",
    });
    expect(ms.policy.label).toMatch(/not accepted relying on \(acceptMicrosoftDefaultPolicy\)/);

    const ext = row(await single("noncompliant-external-policy"), "knowledge-chat");
    expect(ext.policy).toMatchObject({ resolution: "unresolved", name: "corp-shared-filter", filters: [] });
    const configFile = writeJson(
      "external.config.json",
      readConfig("noncompliant-external-policy", "config-declared.json"),
    );
    const declared = row(await single("noncompliant-external-policy", { configFile }), "knowledge-chat");
    expect(declared.policy).toMatchObject({ resolution: "resolved", origin: "external" });
    expect(declared.policy.filters.map((f) => f.state)).toEqual(["filter", "filter", "filter"]);
    expect(declared.compliant).toBe(true);

    const writer = row(await single("noncompliant-async-filter"), "writer");
    expect(writer.policy).toMatchObject({ mode: "Asynchronous_filter", modeKind: "asynchronous" });
  });

  it("list RAI policies against their own ccc-use-case tag, and accounts", async () => {
    const s = await single("noncompliant-policy-own-use-case");
    const policy = s.raiPolicies.find((p) => p.resource.name === "editorial-filter")!;
    expect(policy.useCases).toEqual({
      state: "known",
      values: ["text-generation"],
      declaredOn: ["RAI policy"],
      secret: false,
    });
    expect(policy.compliant).toBe(false);
    expect(verdictOf(policy, "ccc-text-protected-material-filter").verdict).toBe("violation");
    expect(s.accounts.map((a) => a.compliant)).toEqual([true]);

    const mixed = await single("compliant-mixed");
    expect(mixed.deployments.flatMap((d) => d.useCases.declaredOn).some((on) => /^account "/.test(on))).toBe(true);
    expect(mixed.summary).toMatchObject({ compliant: true, mandatoryViolations: 0 });
  });
});

describe("waivers and dated evidence", () => {
  const waiverConfig = (expires: string, asOfDate?: string) => ({
    "ccc-organization-config": {
      ...(asOfDate ? { asOfDate } : {}),
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

  it("show a waived finding with reason, approver and expiry, list waivers that match nothing, exit 0", async () => {
    const configFile = writeJson("waived.config.json", waiverConfig("2026-12-31"));
    const input = exportFile("noncompliant-jailbreak-not-blocking");
    const out = await produceReport({ inputs: [input], configFile, format: "json", asOf: EVALUATED_ON });
    const s = out.report.stacks[0];
    const v = verdictOf(row(s, "support-bot"), "ccc-jailbreak-filter-mode");
    expect(v.verdict).toBe("waived");
    expect(v.findings[0]).toMatchObject({
      level: "advisory",
      verdict: "waived",
      waiver: {
        policy: "ccc-jailbreak-filter-mode",
        resource: "support-*",
        reason: "Pilot with legal sign-off LEG-42",
        approvedBy: "platform-security",
        expires: "2026-12-31",
        expired: false,
      },
    });
    expect(v.findings[0].message).toMatch(/^Waived by the .*annotate mode/);
    expect(s.summary).toMatchObject({ compliant: true, waived: 1, mandatoryViolations: 0 });
    expect(s.unusedWaivers.map((w) => w.resource)).toEqual(["nothing-matches"]);
    expect(out.code).toBe(0);

    const md = (await produceReport({ inputs: [input], configFile, format: "md", asOf: EVALUATED_ON })).text;
    expect(md).toMatch(
      /⚠️ waived \| .*Waiver: Pilot with legal sign-off LEG-42 \(approved by platform-security, expires 2026-12-31\)/,
    );
    expect(md).toContain(
      "ccc-text-protected-material-filter on `nothing-matches` (stale; approved by someone, expires 2027-01-01)",
    );

    const sarif = JSON.parse(
      (await produceReport({ inputs: [input], configFile, format: "sarif", asOf: EVALUATED_ON })).text,
    );
    expect(sarif).toBeValidSarifLog();
    expect(sarif.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: "ccc-jailbreak-filter-mode",
        level: "note",
        suppressions: [{ kind: "external", status: "accepted", justification: expect.stringMatching(/LEG-42/) }],
      }),
    ]);
  });

  it("take the verdicts as of --as-of, else the config's asOfDate: the waiver expires, evidence ages", async () => {
    const input = exportFile("noncompliant-jailbreak-not-blocking");
    const configFile = writeJson("dated.config.json", waiverConfig("2026-11-22", "2026-11-22"));
    // asOfDate in the config: the waiver's last day, so it still applies.
    const onLastDay = await report({ inputs: [input], configFile, asOf: undefined });
    expect(onLastDay.asOf).toBe("2026-11-22");
    expect(onLastDay.stacks[0]).toMatchObject({ asOf: "2026-11-22", verdictTime: "2026-11-22T00:00:00.000Z" });
    expect(verdictOf(row(onLastDay.stacks[0], "support-bot"), "ccc-jailbreak-filter-mode").verdict).toBe("waived");
    expect(row(onLastDay.stacks[0], "support-bot").evidence[0].ageDays).toBe(42);

    // --as-of wins: the day after, the waiver no longer applies and says so.
    const out = await produceReport({ inputs: [input], configFile, format: "json", asOf: "2026-11-23" });
    const v = verdictOf(row(out.report.stacks[0], "support-bot"), "ccc-jailbreak-filter-mode");
    expect(v.verdict).toBe("violation");
    expect(v.findings[0].waiver?.expired).toBe(true);
    expect(v.findings[0].message).toMatch(/has expired and no longer applies/);
    expect(out.code).toBe(1);

    // Evidence older than the rule's limit, as of a later day: the rule's finding, the same age in the row.
    const later = await single("noncompliant-jailbreak-not-blocking", { asOf: "2027-06-01" });
    const d = row(later, "support-bot");
    expect(d.evidence.map((e) => e.ageDays)).toEqual([233, 219]);
    expect(verdictOf(d, "ccc-universal-evidence").findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/metaprompt \(ccc-metaprompt\) is dated 2026-10-11, 233 days ago, older than 180 days/),
      expect.stringMatching(/evaluation report \(ccc-evaluation-report\) is dated 2026-10-25, 219 days ago/),
    ]);
  });

  it("record the pack version, the run time and when each stack's verdicts were taken", async () => {
    const generatedAt = new Date("2026-11-24T08:30:00.000Z");
    const out = await produceReport(
      { inputs: [exportFile("compliant-text")], format: "json", asOf: EVALUATED_ON },
      generatedAt,
    );
    expect(out.report).toMatchObject({
      schemaVersion: 1,
      pack: { name: "azure-openai-ccc", version: PACK_VERSION },
      generatedAt: "2026-11-24T08:30:00.000Z",
      asOf: EVALUATED_ON,
    });
    expect(out.report.stacks[0]).toMatchObject({
      asOf: EVALUATED_ON,
      verdictTime: `${EVALUATED_ON}T00:00:00.000Z`,
      input: { stateTime: EXPORT_TIME },
    });
    // Without any as-of, the verdicts are taken at the run.
    const now = await produceReport({ inputs: [exportFile("compliant-text")], format: "json" }, generatedAt);
    expect(now.report.stacks[0]).toMatchObject({ asOf: "2026-11-24", verdictTime: "2026-11-24T08:30:00.000Z" });
  });
});

describe("organization-wide report (many stacks)", () => {
  const ORG = [
    "compliant-text",
    "noncompliant-jailbreak-not-blocking",
    "noncompliant-default-policy",
    "advisory-missing-evidence",
  ];
  const orgDir = () => {
    for (const name of ORG) exportFile(name, path.join("org", `${name}.json`));
    return path.join(TMP, "org");
  };

  it("sums a directory of exports: per stack deployments, compliant, violations per rule, waived, undecided", async () => {
    const out = await produceReport({ inputs: [orgDir()], format: "json", asOf: EVALUATED_ON });
    const r = out.report;
    expect(schemaErrors(r)).toEqual([]);
    expect(out.code).toBe(1);
    expect(r.stacks.map((s) => s.input.project)).toEqual([...ORG].sort());
    const byProject = Object.fromEntries(r.stacks.map((s) => [s.input.project, s.summary]));
    expect(byProject["compliant-text"]).toMatchObject({
      compliant: true,
      deployments: 1,
      compliantDeployments: 1,
      byRule: {},
    });
    expect(byProject["noncompliant-jailbreak-not-blocking"]).toMatchObject({
      compliant: false,
      deployments: 1,
      compliantDeployments: 0,
      mandatoryViolations: 1,
      byRule: {
        "ccc-jailbreak-filter-mode": {
          mandatoryViolations: 1,
          advisoryViolations: 0,
          undecided: 0,
          waived: 0,
          notes: 0,
        },
      },
    });
    expect(byProject["noncompliant-default-policy"].byRule).toEqual({
      "ccc-explicit-rai-policy": { mandatoryViolations: 1, advisoryViolations: 0, undecided: 0, waived: 0, notes: 0 },
    });
    expect(byProject["advisory-missing-evidence"]).toMatchObject({
      compliant: true,
      advisoryViolations: 2,
      byRule: { "ccc-universal-evidence": { advisoryViolations: 2 } },
    });
    // Totals are the sums over the stacks.
    const sum = (
      k: "deployments" | "compliantDeployments" | "mandatoryViolations" | "advisoryViolations" | "waived" | "undecided",
    ) => r.stacks.reduce((n, s) => n + s.summary[k], 0);
    expect(r.totals).toMatchObject({
      compliant: false,
      stacks: 4,
      compliantStacks: 2,
      deployments: sum("deployments"),
      compliantDeployments: sum("compliantDeployments"),
      mandatoryViolations: 2,
      advisoryViolations: sum("advisoryViolations"),
      waived: 0,
      undecided: 0,
      byRule: {
        "ccc-jailbreak-filter-mode": { mandatoryViolations: 1 },
        "ccc-explicit-rai-policy": { mandatoryViolations: 1 },
        "ccc-universal-evidence": { advisoryViolations: 2 },
      },
    });
    // The per-deployment detail of each stack is the same as its own single-stack report.
    const alone = await single("noncompliant-jailbreak-not-blocking");
    const inOrg = r.stacks.find((s) => s.input.project === "noncompliant-jailbreak-not-blocking")!;
    expect(inOrg.deployments).toEqual(alone.deployments);
    expect(inOrg.findings).toEqual(alone.findings);
  });

  it("takes several paths and a glob it expands itself, each stack once, and exits 0 when all are compliant", async () => {
    const dir = orgDir();
    const glob = path.join(dir, "*-text.json");
    const byPaths = await report({
      inputs: [path.join(dir, "compliant-text.json"), path.join(dir, "noncompliant-jailbreak-not-blocking.json")],
    });
    expect(byPaths.stacks.map((s) => s.input.project)).toEqual([
      "compliant-text",
      "noncompliant-jailbreak-not-blocking",
    ]);
    const byGlob = await report({ inputs: [glob, path.join(dir, "compliant-text.json")] });
    expect(byGlob.stacks.map((s) => s.input.path)).toEqual([path.join(dir, "compliant-text.json")]);
    const recursive = await report({ inputs: [path.join(TMP, "**", "org", "advisory-*.json")] });
    expect(recursive.stacks.map((s) => s.input.project)).toEqual(["advisory-missing-evidence"]);

    const io = capture();
    expect(
      await runReport([glob, path.join(dir, "advisory-missing-evidence.json"), "--as-of", EVALUATED_ON], io.io),
    ).toBe(0);
    expect(io.out.stdout).toContain("- **Overall compliant:** yes (2 of 2 stack(s) compliant)");
  });

  it("renders Markdown: the summary across stacks with totals, then each stack's deployments", async () => {
    const { text } = await produceReport({ inputs: [orgDir()], format: "md", asOf: EVALUATED_ON });
    expect(text).toMatch(/^# CCC evidence report\n/);
    expect(text).toContain("- **Overall compliant:** **no** (2 of 4 stack(s) compliant)");
    expect(text).toContain(`- **Verdicts as of:** ${EVALUATED_ON}`);
    expect(text).toContain(`**pack:** azure-openai-ccc ${PACK_VERSION}`);
    expect(text).toContain("| stack | input | deployments | compliant | violations per rule | waived | undecided |");
    expect(text).toMatch(
      /\| `noncompliant-jailbreak-not-blocking\/dev` ❌ \| .*noncompliant-jailbreak-not-blocking\.json \| 1 \| 0 of 1 \| `ccc-jailbreak-filter-mode` 1 mandatory \| 0 \| 0 \|/,
    );
    expect(text).toMatch(/\| `compliant-text\/dev` ✅ \| .* \| 1 \| 1 of 1 \| none \| 0 \| 0 \|/);
    expect(text).toMatch(
      /\| \*\*total\*\* \(4 stack\(s\)\) \| \| 4 \| 2 of 4 \| `ccc-explicit-rai-policy` 1 mandatory; `ccc-jailbreak-filter-mode` 1 mandatory; `ccc-universal-evidence` 2 advisory \| 0 \| 0 \|/,
    );
    expect(text).toContain("## Stack `noncompliant-jailbreak-not-blocking/dev` ❌");
    expect(text).toMatch(
      /\| `support-bot` \| oai-support-prod \| o3-mini \/ 2025-01-31 \/ OpenAI \| 40 \| text-generation \(declared on deployment\) \| support-filter \(resolved\) \| annotate \| filter \| missing \| \*\*no\*\* \|/,
    );
    expect(text).toContain(
      '| Jailbreak | Prompt | **annotate**: annotate mode (enabled: true, blocking: false) | properties.contentFilters[8] ("Jailbreak", Prompt): enabled true, blocking false |',
    );
    expect(text).toMatch(
      /\[`ccc-jailbreak-filter-mode`\]\(docs\/rules\.md#ccc-jailbreak-filter-mode\) \| mandatory \| ❌ violation/,
    );
    expect(text).toContain(`**verdicts as of** ${EVALUATED_ON}`);
  });

  it("renders SARIF 2.1.0 with one run per stack, each result at its resource and file", async () => {
    const docsUrl = "https://example.com/azure-openai-ccc/docs/rules.md";
    const out = await produceReport({ inputs: [orgDir()], format: "sarif", asOf: EVALUATED_ON, docsUrl });
    const sarif = JSON.parse(out.text);
    expect(sarif).toBeValidSarifLog();
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs).toHaveLength(4);
    for (const [i, run] of sarif.runs.entries()) {
      const stack = out.report.stacks[i];
      expect(run.tool.driver).toMatchObject({ name: "azure-openai-ccc", version: PACK_VERSION });
      expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(catalogue().map((c) => c.meta.id));
      for (const rule of run.tool.driver.rules) expect(rule.helpUri).toBe(`${docsUrl}#${rule.id}`);
      expect(run.automationDetails.id).toBe(`azure-openai-ccc/${stack.input.project}/dev/`);
      expect(run.properties).toMatchObject({
        asOf: EVALUATED_ON,
        compliant: stack.summary.compliant,
        stateTime: EXPORT_TIME,
      });
      expect(run.results).toHaveLength(stack.findings.length);
      for (const [j, result] of run.results.entries()) {
        const f = stack.findings[j];
        expect(result).toMatchObject({
          ruleId: f.ruleId,
          level: f.level === "mandatory" ? "error" : "warning",
          message: { text: `${f.message}\nFix: ${f.fix}` },
        });
        expect(run.tool.driver.rules[result.ruleIndex].id).toBe(f.ruleId);
        expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe(f.resource.urn);
        expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(
          new RegExp(`org/${stack.input.project}\\.json$`),
        );
      }
    }
    expect(sarif.runs.map((r: { results: unknown[] }) => r.results.length)).toEqual([2, 0, 1, 1]);
    // The schema check can fail.
    expect({ ...sarif, version: "2.0.0" }).not.toBeValidSarifLog();
    const noMessage = structuredClone(sarif);
    delete noMessage.runs[2].results[0].message;
    expect(noMessage).not.toBeValidSarifLog();
  });

  it("the JSON schema rejects what it does not document", async () => {
    const r = await report({ inputs: [exportFile("noncompliant-jailbreak-not-blocking")] });
    const extra = structuredClone(r) as unknown as { stacks: { summary: Record<string, unknown> }[] };
    extra.stacks[0].summary.extra = 1;
    expect(schemaErrors(extra).join("\n")).toMatch(/must NOT have additional properties/);
    const wrongVersion = { ...r, schemaVersion: 2 };
    expect(schemaErrors(wrongVersion).join("\n")).toMatch(/schemaVersion must be equal to constant/);
    const badVerdict = structuredClone(r) as unknown as { stacks: { findings: { verdict: string }[] }[] };
    badVerdict.stacks[0].findings[0].verdict = "fine";
    expect(schemaErrors(badVerdict).join("\n")).toMatch(/verdict must be equal to one of the allowed values/);
  });
});

describe("secrets", () => {
  const PLAIN_REPORT = "https://vault.contoso.com/evals/top-secret-report-7f3a";
  const PLAIN_OTHER = "owner-token-9b1c2d3e";
  const PLAIN_POLICY = "secret-policy-name-42";
  const PLAIN_DATE = "2026-10-26";
  const CIPHER_METAPROMPT = "https://wiki.contoso.com/secret-metaprompt";
  const secrets: SecretValue[] = [
    { resource: "support-bot", tag: "ccc-evaluation-report", value: PLAIN_REPORT, form: "plaintext" },
    { resource: "support-bot", tag: "ccc-owner-token", value: PLAIN_OTHER, form: "plaintext" },
    { resource: "support-bot", tag: "ccc-evaluation-report-date", value: PLAIN_DATE, form: "plaintext" },
    { resource: "support-bot", tag: "ccc-metaprompt", value: CIPHER_METAPROMPT, form: "ciphertext" },
    // The policy's Azure name, on the policy and where the deployment names it: quoted in the violation.
    { resource: "support-filter", path: ["raiPolicyName"], value: PLAIN_POLICY, form: "plaintext" },
    { resource: "support-bot", path: ["properties", "raiPolicyName"], value: PLAIN_POLICY, form: "plaintext" },
  ];

  it("are never printed in any format, plaintext or ciphertext; plaintext is judged and shown as [secret]", async () => {
    const input = exportFile("noncompliant-jailbreak-not-blocking", "secrets.export.json", secrets);
    const exported = fs.readFileSync(input, "utf8");
    const ciphertexts = [...exported.matchAll(/"ciphertext": "([^"]+)"/g)].map((m) => m[1]);
    expect(ciphertexts.length).toBeGreaterThan(0);
    expect(exported).toContain(JSON.stringify(JSON.stringify(PLAIN_REPORT)).slice(1, -1));
    for (const format of ["md", "json", "sarif"] as const) {
      const { text } = await produceReport({ inputs: [input], format, asOf: EVALUATED_ON });
      for (const secret of [
        PLAIN_DATE,
        PLAIN_REPORT,
        PLAIN_OTHER,
        PLAIN_POLICY,
        CIPHER_METAPROMPT,
        "top-secret",
        "secret-policy",
        ...ciphertexts,
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    const s = (await report({ inputs: [input] })).stacks[0];
    const d = row(s, "support-bot");
    // The secret policy name still resolves the policy; the violation quotes it as [secret].
    expect(d.policy).toMatchObject({
      resolution: "resolved",
      name: "[secret]",
      label: "RAI policy [secret] (support-filter)",
    });
    const jailbreak = verdictOf(d, "ccc-jailbreak-filter-mode");
    expect(jailbreak.verdict).toBe("violation");
    expect(jailbreak.findings[0].message).toContain("its RAI policy [secret] (support-filter)");
    // A secret date is judged (it is recent, so no finding) but neither it nor the age computed from it is shown.
    expect(d.evidence[1]).toEqual({
      what: "evaluation report",
      tag: "ccc-evaluation-report",
      pointer: "[secret]",
      dateTag: "ccc-evaluation-report-date",
      date: "[secret]",
      ageDays: null,
      declaredOn: "deployment",
    });
    // A ciphertext cannot be read: the rule that needs it cannot decide, and says why.
    expect(d.evidence[0]).toMatchObject({ what: "metaprompt", pointer: "[secret]", declaredOn: "deployment" });
    const evidence = verdictOf(d, "ccc-universal-evidence");
    expect(evidence).toMatchObject({ verdict: "undecided", level: "advisory" });
    expect(evidence.findings[0].message).toMatch(
      /tags\.ccc-metaprompt is a secret whose value this input does not hold/,
    );
    expect(evidence.findings[0].fix).toMatch(/pulumi stack export --show-secrets/);
  });

  it("a ciphertext the CCC verdict needs makes the deployment undecided, so not compliant (exit 1)", async () => {
    const input = exportFile("compliant-text", "cipher-policy.export.json", [
      { resource: "chat", path: ["properties", "raiPolicyName"], form: "ciphertext" },
    ]);
    const out = await produceReport({ inputs: [input], format: "json", asOf: EVALUATED_ON });
    const d = row(out.report.stacks[0], "chat");
    expect(d.policy).toMatchObject({ resolution: "undecided", name: "(not known)" });
    expect(d.compliant).toBe(false);
    expect(out.report.stacks[0].summary.undecided).toBeGreaterThan(0);
    expect(out.code).toBe(1);
    expect(d.verdicts.flatMap((v) => v.findings).map((f) => f.message)).toContainEqual(
      expect.stringMatching(/properties\.raiPolicyName is a secret whose value this input does not hold/),
    );
    expect(out.text).not.toMatch(/"ciphertext"|v1:/);
  });
});

function capture() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (s: string) => (out.stdout += s), stderr: (s: string) => (out.stderr += s) } };
}

describe("exit codes and bad input", () => {
  it("returns 0 when compliant and 1 on a mandatory violation, writing --out with a summary line", async () => {
    const a = capture();
    const outFile = path.join(TMP, "compliant.md");
    expect(await runReport([exportFile("compliant-text"), "--as-of", EVALUATED_ON, "--out", outFile], a.io)).toBe(0);
    expect(fs.readFileSync(outFile, "utf8")).toContain("- **Overall compliant:** yes");
    expect(a.out.stderr).toBe(
      `wrote ${outFile}: compliant: 1 of 1 stack(s), 1 of 1 deployment(s) compliant (0 mandatory violation(s), 0 undecided, 0 waived), as of ${EVALUATED_ON}\n`,
    );
    const b = capture();
    expect(
      await runReport(
        [exportFile("noncompliant-text-annotate-only"), "--format=json", `--as-of=${EVALUATED_ON}`],
        b.io,
      ),
    ).toBe(1);
    expect(JSON.parse(b.out.stdout).totals.compliant).toBe(false);
  });

  const empty = (name: string) => writeJson(name, { version: 3, deployment: {} });
  const cases: [string, () => string[], RegExp][] = [
    ["no input", () => [], /^error: no input given\nusage: npm run report/],
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
    ["a glob that matches nothing", () => [path.join(TMP, "none-*.json")], /none-\*\.json matches no file/],
    [
      "a directory without exports",
      () => {
        fs.mkdirSync(path.join(TMP, "emptydir"), { recursive: true });
        return [path.join(TMP, "emptydir")];
      },
      /emptydir holds no stack export \(\*\.json\) and is not a program directory/,
    ],
    [
      "a directory holding a file that is not an export",
      () => {
        writeJson(path.join("mixed", "a.json"), { version: 3, deployment: {} });
        writeJson(path.join("mixed", "pack-config.json"), { "ccc-jailbreak-filter-mode": "mandatory" });
        return [path.join(TMP, "mixed")];
      },
      /pack-config\.json is not a stack export in deployment format v3.*no version/,
    ],
    [
      "a config that is not JSON",
      () => [empty("e1.json"), "--config", writeText("cfg.json", "nope")],
      /pack config .*cfg\.json is not JSON/,
    ],
    [
      "an unknown enforcement level (the pack's own config reader)",
      () => [empty("e2.json"), "--config", writeJson("level.json", { "ccc-jailbreak-filter-mode": "sometimes" })],
      /invalid pack config:\n {2}- pack config .*level\.json: "ccc-jailbreak-filter-mode" has enforcement level "sometimes"; use advisory, mandatory, remediate, disabled/,
    ],
    [
      "a policy the pack does not have",
      () => [empty("e3.json"), "--config", writeJson("unknown.json", { "ccc-no-such-rule": "mandatory" })],
      /"ccc-no-such-rule" is not a policy of this pack/,
    ],
    [
      "an invalid setting",
      () => [
        empty("e4.json"),
        "--config",
        writeJson("setting.json", { "ccc-universal-evidence": { maxEvidenceAgeDays: 0 } }),
      ],
      /invalid pack config:\n.*maxEvidenceAgeDays/,
    ],
    ["--config without a value", () => [empty("e5.json"), "--config"], /--config needs a value/],
    ["a bad --as-of", () => [empty("e6.json"), "--as-of", "2026-02-30"], /--as-of 2026-02-30 is not a date/],
    ["an unknown format", () => [empty("e7.json"), "--format", "html"], /--format html is not supported/],
    ["an unknown option", () => [empty("e8.json"), "--verbose"], /unknown option --verbose/],
    [
      "a relative --docs-url",
      () => [empty("e9.json"), "--docs-url", "docs/rules.md"],
      /--docs-url docs\/rules\.md must be an absolute URL/,
    ],
  ];
  it.each(cases)("exits 2 on %s, naming the problem", async (_what, args, message) => {
    const r = capture();
    expect(await runReport(args(), r.io)).toBe(2);
    expect(r.out.stderr).toMatch(/^error: /);
    expect(r.out.stderr).toMatch(message);
    expect(r.out.stdout).toBe("");
  });

  it("as a command (npm run report): exit 2 with a message and no stack trace, 1 on a violation, 0 when compliant", async () => {
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
    const [bad, config, violation, ok] = await Promise.all([
      spawn([writeText("cli-broken.json", "[1,")]),
      spawn([
        exportFile("compliant-text"),
        "--config",
        writeJson("cli-level.json", { "ccc-jailbreak-filter-mode": "often" }),
      ]),
      spawn([exportFile("noncompliant-async-filter"), "--format", "sarif", "--as-of", EVALUATED_ON]),
      spawn([exportFile("compliant-text"), exportFile("compliant-code"), "--format", "json", "--as-of", EVALUATED_ON]),
    ]);
    expect(bad).toMatchObject({ code: 2, stdout: "" });
    expect(bad.stderr).toMatch(/^error: .*cli-broken\.json is not JSON/);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(
      /^error: invalid pack config:\n.*"ccc-jailbreak-filter-mode" has enforcement level "often"/,
    );
    for (const r of [bad, config]) expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(violation.code).toBe(1);
    expect(JSON.parse(violation.stdout).runs[0].results[0].ruleId).toBe("ccc-async-filter-coverage");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).totals).toMatchObject({ compliant: true, stacks: 2 });
  }, 60_000);
});

// The real Pulumi CLI (built from the Go module proxy by scripts/build-pulumi.sh, with the Azure stand-in).
describeWithCli("report's real `pulumi stack export` tests", [], (newStack) => {
  describe("on a real `pulumi stack export` (drift audit: refresh, then report)", () => {
    it("reports the deployed stack, then the portal edit that `pulumi refresh` brings in, as `pulumi policy analyze` does", async () => {
      const stack = newStack("compliant-text");
      stack.run(["up", "--yes", "--skip-preview", "--non-interactive"], { mustSucceed: true });
      const before = path.join(TMP, "real-before.json");
      fs.copyFileSync(stack.exportState().file, before);
      const clean = await produceReport({ inputs: [before], format: "json", asOf: EVALUATED_ON });
      expect(clean.report.stacks[0].input).toMatchObject({
        kind: "stack-export",
        project: "compliant-text",
        stack: "dev",
      });
      expect(clean.report.stacks[0].input.stateTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(clean.report.stacks[0].deployments.map((d) => [d.resource.name, d.compliant])).toEqual([["chat", true]]);
      expect(clean.code).toBe(0);

      // Someone switches Jailbreak to annotate in the portal; refresh records it in the state.
      const drift = writeJson("drift.json", {
        resources: [
          {
            resource: "chat-filter",
            type: "azure-native:cognitiveservices:RaiPolicy",
            patch: { properties: { contentFilters: [{ $match: { name: "Jailbreak" }, blocking: false }] } },
          },
        ],
      });
      stack.run(["refresh", "--yes", "--non-interactive"], {
        env: { AZURE_STANDIN_DRIFT: drift },
        mustSucceed: true,
      });
      const after = path.join(TMP, "real-after.json");
      fs.copyFileSync(stack.exportState().file, after);
      const drifted = await produceReport({ inputs: [after], format: "json", asOf: EVALUATED_ON });
      const d = row(drifted.report.stacks[0], "chat");
      expect(drifted.code).toBe(1);
      expect(filter(d, "Jailbreak").state).toBe("annotate");
      expect(pairs(drifted.report.stacks[0].findings, "mandatory")).toEqual([
        { policy: "ccc-jailbreak-filter-mode", resource: "chat" },
      ]);

      // The CLI's own audit of the same export reaches the same finding, word for word.
      const config = writeJson("real-config.json", asOfConfig());
      const analyzed = stack.run([
        "policy",
        "analyze",
        "--file",
        after,
        "--policy-pack",
        PACK_DIR,
        "--policy-pack-config",
        config,
      ]);
      expect(analyzed.status).not.toBe(0);
      expect(analyzed.output).toContain("ccc-jailbreak-filter-mode");
      const finding = drifted.report.stacks[0].findings[0];
      for (const line of [finding.message, `Fix: ${finding.fix}`])
        expect(analyzed.output.replace(/\n\s+/g, " ")).toContain(line);
    }, 400_000);
  });
});
