// `npm run check -- <dir> --suggest-fixes`: the policy it suggests is the one the pack accepts. The builder is
// checked by the pack's own judgement for every provider shape and use case (and fails without any one filter,
// or in an asynchronous mode); then, on copies of non-compliant examples, the test pastes the printed policy and
// the attaching line with its own small text edit, type-checks the result, re-runs the check and expects the
// content filter policy rules to pass.
import Ajv from "ajv";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { FILTERS, GraphResource, UseCase } from "../policy-pack/src/api";
import { CheckOutput } from "../tooling/cli/output";
import { Suggestion, policyProperties, requiredFilters } from "../tooling/suggest/suggest";
import { EXAMPLES_DIR, ROOT } from "./support/examples";
import {
  T,
  account,
  accountId,
  classicAccount,
  classicDeployment,
  deployment,
  evaluate,
  hubDeployment,
  raw,
  workspace,
} from "./support/stack";

const CHECK = path.join(ROOT, "tooling", "cli", "check.ts");
const TMP = path.join(ROOT, ".tools", "tmp", `suggest-test-${process.pid}`);
const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, "tooling", "cli", "check-output.schema.json"), "utf8"));

/** The rules whose findings mean "no compliant content filter policy": what a suggestion must clear. */
const POLICY_RULES = [
  "ccc-explicit-rai-policy",
  "ccc-verifiable-rai-policy",
  "ccc-jailbreak-filter-mode",
  "ccc-text-protected-material-filter",
  "ccc-code-protected-material-filter",
  "ccc-async-filter-coverage",
];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function check(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") };
  for (const key of ["PULUMI_CONFIG", "PULUMI_CONFIG_SECRET_KEYS", "npm_lifecycle_event", "INIT_CWD"]) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), CHECK, ...args], {
      cwd: ROOT,
      env,
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

const validate = new Ajv({ allErrors: true }).compile(SCHEMA);
function document(run: Run): CheckOutput {
  const out = JSON.parse(run.stdout) as CheckOutput;
  validate(out);
  expect(validate.errors ?? []).toEqual([]);
  expect(run.status).toBe(out.exitCode);
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Pastes a suggestion the way a user would, by the test's own search: in each deployment (found from its
 * `new …("<name>"` expression), the raiPolicyName it names now is replaced by the printed line, or the line
 * is added at the start of its `properties` (top-level arguments for classic); then the printed policy goes in
 * before the line the check names. Returns the edited file.
 */
function applySuggestion(s: Suggestion): string {
  expect(s.pasteBefore).not.toBeNull();
  const file = s.pasteBefore!.file;
  let text = fs.readFileSync(file, "utf8");
  for (const d of s.deployments) {
    const at = text.search(new RegExp(`new [\\w.]+\\(\\s*"${escape(d.name)}"`));
    expect(at).toBeGreaterThanOrEqual(0);
    const edit = (pos: number, remove: number, insert: string) => {
      expect(pos).toBeGreaterThan(at);
      // The place the check names is the place the test found.
      expect(text.slice(0, pos).split("\n").length).toBe(d.at!.line);
      text = text.slice(0, pos) + insert + text.slice(pos + remove);
    };
    if (d.replaces !== null) edit(text.indexOf(d.replaces, at), d.replaces.length, d.line.replace(/,$/, ""));
    else if (d.property === "properties.raiPolicyName") {
      const open = text.indexOf("properties: {", at);
      edit(open, "properties: {".length, `properties: { ${d.line}`);
    } else edit(text.indexOf("{", at), 1, `{ ${d.line}`);
  }
  const lines = text.split("\n");
  lines.splice(s.pasteBefore!.line - 1, 0, ...s.code.split("\n"), "");
  if (s.importLine) lines.unshift(s.importLine);
  fs.writeFileSync(file, lines.join("\n"));
  return file;
}

/** Type-checks edited programs together, as the workspace's tsconfig does (old policies may become unused). */
function typeErrors(files: readonly string[]): string[] {
  const program = ts.createProgram([...files], {
    strict: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? path.relative(ROOT, d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
    );
}

beforeAll(() => fs.mkdirSync(TMP, { recursive: true }));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

describe("the suggested policy, judged by the pack", () => {
  const USE_CASES: UseCase[][] = [["text-generation"], ["code-generation"], ["text-generation", "code-generation"]];
  const tag = (useCases: readonly UseCase[]) => ({ "ccc-use-case": useCases.join(",") });
  // The suggestion's own arguments, placed on account "oai" (workspace "hub"), and a deployment that uses it.
  const stacks: Record<string, (props: Record<string, unknown>, useCases: readonly UseCase[]) => GraphResource[]> = {
    "azure-native": (props, useCases) => [
      account("oai"),
      raw(T.policy, "ccc", { raiPolicyName: "ccc", accountName: "oai", resourceGroupName: "rg", ...props }),
      deployment("chat", { raiPolicyName: "ccc", tags: tag(useCases) }),
    ],
    classic: (props, useCases) => [
      classicAccount("oai", { tags: tag(useCases) }),
      raw(T.classicPolicy, "ccc", { name: "ccc", cognitiveAccountId: accountId(), ...props }),
      classicDeployment("chat", { raiPolicyName: "ccc" }),
    ],
    "foundry-hub": (props, useCases) => [
      workspace("hub", { tags: tag(useCases) }),
      raw(T.hubPolicy, "ccc", {
        raiPolicyName: "ccc",
        workspaceName: "hub",
        endpointName: "aoai",
        resourceGroupName: "rg",
        ...props,
      }),
      hubDeployment("chat", { raiPolicyName: "ccc" }),
    ],
  };
  const shapeOf = (flavour: string) => (flavour === "classic" ? "classic" : "azure-native");
  const mandatory = (resources: GraphResource[]) =>
    evaluate(resources)
      .pairs()
      .filter((p) => POLICY_RULES.includes(p.split(" ")[0]));
  const cases = Object.keys(stacks).flatMap((flavour) => USE_CASES.map((u) => [flavour, u] as const));

  it("requires Jailbreak and Protected Material Text for text, Jailbreak and Protected Material Code for code", () => {
    const names = (u: UseCase[]) => requiredFilters(u).map((f) => f.filter.display);
    expect(names(["text-generation"])).toEqual(["Protected Material Text", "Jailbreak"]);
    expect(names(["code-generation"])).toEqual(["Jailbreak", "Protected Material Code"]);
    expect(names(["text-generation", "code-generation"])).toEqual([
      "Protected Material Text",
      "Jailbreak",
      "Protected Material Code",
    ]);
  });

  it.each(cases)("%s, %j: the pack finds nothing to fix", (flavour, useCases) => {
    expect(mandatory(stacks[flavour](policyProperties(useCases, shapeOf(flavour)), useCases))).toEqual([]);
  });

  it.each(cases)(
    "%s, %j: without any one of its filters, or asynchronous, the pack rejects it",
    (flavour, useCases) => {
      const props = policyProperties(useCases, shapeOf(flavour));
      const holder = (p: Record<string, unknown>) =>
        (flavour === "classic" ? p : p.properties) as { contentFilters: { name: string }[]; mode: string };
      for (const { ruleId, filter } of requiredFilters(useCases)) {
        const without = structuredClone(props);
        holder(without).contentFilters = holder(without).contentFilters.filter((f) => f.name !== filter.display);
        expect(mandatory(stacks[flavour](without, useCases)).some((p) => p.startsWith(ruleId))).toBe(true);
      }
      const asynchronous = structuredClone(props);
      holder(asynchronous).mode = "Asynchronous_filter";
      expect(mandatory(stacks[flavour](asynchronous, useCases))).toContain("ccc-async-filter-coverage chat");
    },
  );

  it("is built by the remediation code: each filter in filter mode in the provider's spelling", () => {
    expect(policyProperties(["code-generation"], "classic")).toEqual({
      basePolicyName: "Microsoft.DefaultV2",
      mode: "Blocking",
      contentFilters: [
        {
          name: FILTERS.jailbreak.display,
          source: "Prompt",
          filterEnabled: true,
          blockEnabled: true,
          severityThreshold: "High",
        },
        {
          name: FILTERS.protectedMaterialCode.display,
          source: "Completion",
          filterEnabled: true,
          blockEnabled: true,
          severityThreshold: "High",
        },
      ],
    });
  });
});

describe("pasting the suggestion into a non-compliant program makes it pass", () => {
  const edited: string[] = [];
  const examples: [string, string[]][] = [
    // No raiPolicyName (service-assigned policy): the line is added to properties.
    ["noncompliant-default-policy", ["helpdesk-chat"]],
    // Classic @pulumi/azure: AccountRaiPolicy, top-level raiPolicyName, cognitiveAccountId.
    ["classic-noncompliant-jailbreak", ["chat"]],
    // AI Foundry hub: machinelearningservices.RaiPolicy on the workspace's endpoint.
    ["foundry-hub-noncompliant", ["hub-chat"]],
    // An asynchronous policy: the new one is synchronous.
    ["noncompliant-async-filter", ["writer"]],
    // Microsoft.Default on a text and code deployment: one policy with all three filters.
    ["noncompliant-microsoft-default-v1", ["assistant"]],
    // Spillover: only the deployment whose own policy is weak gets one; the other passes with it.
    ["noncompliant-spillover", ["overflow"]],
    // An account looked up from outside the stack: the policy uses the lookup's name, as the deployment does.
    ["existing-account-deployment", ["team-chat"]],
  ];

  it.each(examples)("%s", async (example, deployments) => {
    const dir = path.join(TMP, example);
    fs.cpSync(path.join(EXAMPLES_DIR, example), dir, { recursive: true });
    const before = document(await check([dir, "--json", "--suggest-fixes"]));
    expect(before.exitCode).toBe(1);
    const { policies, skipped } = before.fixSuggestions!;
    expect(policies.flatMap((s) => s.deployments.map((d) => d.name))).toEqual(deployments);
    for (const s of policies) edited.push(applySuggestion(s));
    if (example === "noncompliant-spillover")
      expect(skipped).toEqual([
        expect.objectContaining({ name: "provisioned", reason: expect.stringContaining("spills over") }),
      ]);
    else expect(skipped).toEqual([]);

    const after = document(await check([dir, "--json"]));
    expect(after.findings.filter((f) => POLICY_RULES.includes(f.ruleId))).toEqual([]);
    expect(after.counts.mandatory).toBe(0);
    expect(after.status).toBe("passed");
  });

  it("the edited programs type-check", () => {
    expect(edited).toHaveLength(examples.length);
    expect(typeErrors(edited)).toEqual([]);
  });
});

describe("as printed", () => {
  it("prints the policy to paste, where, and the line that attaches it", async () => {
    const dir = path.join(EXAMPLES_DIR, "noncompliant-default-policy");
    const [human, data] = await Promise.all([
      check([dir, "--suggest-fixes"]),
      check([dir, "--suggest-fixes", "--json"]),
    ]);
    const [s] = document(data).fixSuggestions!.policies;
    expect(human.status).toBe(1);
    const text = human.stdout;
    expect(text).toContain("Fix suggestions (1):");
    expect(text).toContain(`Paste before examples/noncompliant-default-policy/index.ts:${s.pasteBefore!.line}:`);
    expect(text).toContain(s.code.replace(/^(?=.)/gm, "       "));
    expect(text).toContain(
      `In deployment "helpdesk-chat" (examples/noncompliant-default-policy/index.ts:${s.deployments[0].at!.line}), add in its properties:\n       raiPolicyName: cccTextPolicy.name,`,
    );
    expect(s.code).toMatch(
      /^const cccTextPolicy = new cognitiveservices\.RaiPolicy\("ccc-text-filter", \{\n {2}accountName: account\.name,\n {2}resourceGroupName: rg\.name,/,
    );
  });

  it("falls back to the deployment's values when its logical name is computed, and says what to check", async () => {
    const out = document(
      await check([path.join(EXAMPLES_DIR, "explicit-provider-subscriptions"), "--suggest-fixes", "--json"]),
    );
    const [s] = out.fixSuggestions!.policies;
    expect(s.pasteBefore).toBeNull();
    expect(s.importLine).toBe('import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";');
    expect(s.code).toContain('accountName: "oai-assistant-dr",');
    expect(s.deployments).toEqual([
      expect.objectContaining({ name: "dr-chat", at: null, previousPolicy: "dr-filter" }),
    ]);
    expect(s.notes.join("\n")).toMatch(/same expressions the deployment uses/);
    expect(s.notes.join("\n")).toMatch(/provider \(disaster-recovery\)/);
  });
});
