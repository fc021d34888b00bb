// The rollout guide of the README, step by step, with the config files it publishes (examples/rollout/):
//   1. enable the pack for a policy group with every policy advisory       step1-advisory.json
//   2. collect the findings across stacks                                  npm run report over stack exports
//   3. set defaultUseCases                                                 step3-default-use-cases.json
//   4. fix, or pin Microsoft.DefaultV2 where the organization accepts it   step4-accept-default-v2.json
//   5. switch the CCC rules to mandatory (each policy's default level)     step5-mandatory.json
// Each file (and each snippet's policy-config.json) is validated against the policies' config schemas as
// `pulumi policy validate-config` checks them, as the engine checks `--policy-pack-config`, and strictly (no
// unknown policy or key). Each step's config then runs over example programs through the analyzer protocol
// (the real pack, started as the engine starts it), showing the walk from "nothing declared anywhere" to
// "mandatory and green".
import * as fs from "fs";
import * as path from "path";
import { policyNames, readPackConfig } from "../policy-pack/src/api";
import { AnalyzerInfo, AnalyzerSession, Diagnostic, PackConfig, analyzeResources } from "../tooling/harness/analyzer";
import { describeUrn } from "../tooling/harness/report";
import { captureProgram } from "../tooling/harness/capture";
import { CaptureResult } from "../tooling/harness/types";
import { runReport } from "../tooling/report/run";
import { SNIPPETS_DIR, SNIPPET_CONFIG, snippetNames } from "../scripts/generate-docs";
import { EVALUATED_ON, EXAMPLES_DIR, PACK_DIR, ROOT, isPreviewDeferral, withFixedDate } from "./support/examples";
import { exportFromCapture } from "./support/exportFromCapture";
import { newAjv } from "./support/schema";

const ROLLOUT = path.join(EXAMPLES_DIR, "rollout");
const STEPS = {
  step1: "step1-advisory.json",
  step3: "step3-default-use-cases.json",
  step4: "step4-accept-default-v2.json",
  step5: "step5-mandatory.json",
} as const;
type Step = keyof typeof STEPS;
const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];
const ORG = "ccc-organization-config";

const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(file, "utf8"));
const stepConfig = (step: Step) => readJson(path.join(ROLLOUT, STEPS[step]));

/** Every pack config file the docs publish: the rollout steps, then the snippets' configs. */
const CONFIG_FILES = [
  ...Object.values(STEPS).map((f) => path.join(ROLLOUT, f)),
  ...snippetNames()
    .map((s) => path.join(SNIPPETS_DIR, s, SNIPPET_CONFIG))
    .filter((f) => fs.existsSync(f)),
];

/** A policy's published config schema as `pulumi policy validate-config` and the engine build it. */
function objectSchema(info: AnalyzerInfo, policy: string): object {
  const schema = info.policies.find((p) => p.name === policy)!.configSchema!;
  return {
    type: "object",
    properties: schema.properties,
    ...(schema.required?.length ? { required: schema.required } : {}),
  };
}

/**
 * `pulumi policy validate-config <org>/azure-openai-ccc <version> --config <file>`: for each policy with a
 * schema, its entry as written (enforcementLevel included; `{}` when absent) against that schema. Keys that
 * name no policy are not looked at.
 */
function validateConfigCommand(info: AnalyzerInfo, config: Record<string, unknown>): string[] {
  const ajv = newAjv();
  return info.policies.flatMap((p) =>
    ajv.validate(objectSchema(info, p.name), config[p.name] ?? {})
      ? []
      : ajv.errors!.map((e) => `${p.name}${e.instancePath}: ${e.message}`),
  );
}

/**
 * The engine with `--policy-pack-config` (`pulumi preview`/`up`): an entry is an enforcement level, or an
 * object with an optional enforcementLevel whose other keys are validated against the policy's schema.
 */
function validateAsEngine(info: AnalyzerInfo, config: Record<string, unknown>): string[] {
  const ajv = newAjv();
  const errors: string[] = [];
  // "all": a level for every policy (pulumi/pkg/resource/analyzer/config.go applyConfig).
  const all = config.all;
  const allLevel = typeof all === "object" && all !== null ? (all as Record<string, unknown>).enforcementLevel : all;
  if (all !== undefined && !LEVELS.includes(allLevel as string))
    errors.push(`all: ${JSON.stringify(allLevel)} is not a valid enforcement level`);
  for (const p of info.policies) {
    const entry = config[p.name];
    let properties: Record<string, unknown> = {};
    if (typeof entry === "string") {
      if (!LEVELS.includes(entry)) errors.push(`${p.name}: "${entry}" is not a valid enforcement level`);
    } else if (entry !== undefined) {
      const { enforcementLevel, ...rest } = entry as Record<string, unknown>;
      if (enforcementLevel !== undefined && !LEVELS.includes(enforcementLevel as string))
        errors.push(`${p.name}: ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
      properties = rest;
    }
    if (!ajv.validate(objectSchema(info, p.name), properties))
      errors.push(...ajv.errors!.map((e) => `${p.name}${e.instancePath}: ${e.message}`));
  }
  return errors;
}

/** Stricter than both: the pack's own reader (unknown policies), and no key a policy's schema lacks (a typo). */
function validateStrictly(info: AnalyzerInfo, config: Record<string, unknown>): string[] {
  const ajv = newAjv();
  const errors = [...readPackConfig(config, policyNames(), "config").errors];
  for (const [policy, entry] of Object.entries(config)) {
    if (typeof entry !== "object" || !info.policies.some((p) => p.name === policy)) continue;
    const properties = withoutLevel(entry);
    const schema = { ...objectSchema(info, policy), additionalProperties: false };
    if (!ajv.validate(schema, properties))
      errors.push(...ajv.errors!.map((e) => `${policy}${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`));
  }
  return errors;
}

/** A policy's config entry without its enforcementLevel. */
function withoutLevel(entry: unknown): Record<string, unknown> {
  const properties = { ...(entry as Record<string, unknown>) };
  delete properties.enforcementLevel;
  return properties;
}

let info: AnalyzerInfo;

beforeAll(async () => {
  const session = await AnalyzerSession.start(PACK_DIR);
  try {
    info = await session.getAnalyzerInfo();
  } finally {
    await session.close();
  }
}, 120_000);

describe("the rollout's config files", () => {
  it.each(CONFIG_FILES.map((f) => [path.relative(ROOT, f)]))(
    "%s passes pulumi policy validate-config, the engine's --policy-pack-config check, and the strict check",
    (file) => {
      const config = readJson(path.join(ROOT, file));
      expect(validateConfigCommand(info, config)).toEqual([]);
      expect(validateAsEngine(info, config)).toEqual([]);
      expect(validateStrictly(info, config)).toEqual([]);
    },
  );

  it("the checks are not vacuous: a wrong type, a misspelt key, a string level where validate-config wants an object", () => {
    const wrongType = { [ORG]: { enforcementLevel: "advisory", defaultUseCases: "text-generation" } };
    expect(validateConfigCommand(info, wrongType)).toEqual([`${ORG}/defaultUseCases: must be array`]);
    expect(validateAsEngine(info, wrongType)).toEqual([`${ORG}/defaultUseCases: must be array`]);
    const notADay = { [ORG]: { enforcementLevel: "advisory", asOfDate: "2026-02-30" } };
    expect(validateConfigCommand(info, notADay)).toEqual([`${ORG}/asOfDate: must match format "date"`]);
    // Both Pulumi checks let a misspelt key through (it would silently do nothing); the strict check does not.
    const typo = { [ORG]: { enforcementLevel: "advisory", defaultUseCase: ["text-generation"] } };
    expect(validateConfigCommand(info, typo)).toEqual([]);
    expect(validateAsEngine(info, typo)).toEqual([]);
    expect(validateStrictly(info, typo).join("\n")).toContain("must NOT have additional properties");
    // The engine takes "advisory" for a policy; validate-config checks each entry against an object schema.
    const shorthand = { "ccc-covered-model": "advisory" };
    expect(validateAsEngine(info, shorthand)).toEqual([]);
    expect(validateConfigCommand(info, shorthand)).toEqual(["ccc-covered-model: must be object"]);
    expect(validateAsEngine(info, { "ccc-covered-model": "blocking" })).toEqual([
      'ccc-covered-model: "blocking" is not a valid enforcement level',
    ]);
    expect(validateStrictly(info, { "ccc-no-such-rule": { enforcementLevel: "advisory" } }).join("\n")).toContain(
      '"ccc-no-such-rule" is not a policy of this pack',
    );
  });

  it("step 1 sets every policy advisory; steps 3 and 4 add one setting each; step 5 is every policy's default level", () => {
    // As the engine and the pack read them: "all" reaches policies a later pack version adds.
    const read = (step: Step) => readPackConfig(stepConfig(step), policyNames(), STEPS[step]);
    const levels = (step: Step) =>
      Object.fromEntries(
        info.policies.map((p) => [p.name, read(step).entries.get(p.name)?.level ?? p.enforcementLevel]),
      );
    const settings = (step: Step) => read(step).entries.get(ORG)?.config ?? {};
    for (const step of Object.keys(STEPS) as Step[]) expect(read(step).errors).toEqual([]);
    for (const step of ["step1", "step3", "step4"] as const) {
      expect(new Set(Object.values(levels(step)))).toEqual(new Set(["advisory"]));
    }
    expect(levels("step5")).toEqual(Object.fromEntries(info.policies.map((p) => [p.name, p.enforcementLevel])));
    expect(levels("step5")[ORG]).toBe("mandatory");
    expect(settings("step1")).toEqual({});
    expect(settings("step3")).toEqual({ defaultUseCases: ["text-generation"] });
    expect(settings("step4")).toEqual({ defaultUseCases: ["text-generation"], acceptMicrosoftDefaultPolicy: true });
    expect(settings("step5")).toEqual(settings("step4"));
    // Only the org settings carry config: every rule keeps its own defaults throughout.
    for (const step of Object.keys(STEPS) as Step[])
      for (const [policy, entry] of read(step).entries)
        if (policy !== ORG) expect({ policy, config: entry.config }).toEqual({ policy, config: {} });
  });
});

/**
 * The organization's stacks in the walk. day-one is a program as public programs are written (nothing the CCC
 * needs declared); day-one-pinned is the same program after step 4's one-line change (raiPolicyName
 * "Microsoft.DefaultV2"); the others are the repository's examples.
 */
const PROGRAMS = [
  "rollout/programs/day-one",
  "rollout/programs/day-one-pinned",
  "noncompliant-missing-use-case",
  "noncompliant-microsoft-default",
  "compliant-text",
  "compliant-code",
] as const;
type Program = (typeof PROGRAMS)[number];

/**
 * One line per diagnostic: `[level] rule resource`, or `[note] rule resource` for an advisory that is not a
 * violation (the pack reports notes, e.g. "judged by Microsoft's documentation", without a Fix line).
 */
function lines(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .map((d) => {
      const kind = d.enforcementLevel === "advisory" && !/\nFix: /.test(d.message) ? "note" : d.enforcementLevel;
      return `[${kind}] ${d.policyName} ${describeUrn(d.urn).name}`;
    })
    .sort();
}

/** What each step reports on each stack (pulumi up, as of the examples' evaluation day). */
const WALK: Record<Step, Record<Program, string[]>> = {
  step1: {
    "rollout/programs/day-one": ["[advisory] ccc-use-case-declared support-bot"],
    "rollout/programs/day-one-pinned": ["[advisory] ccc-use-case-declared support-bot"],
    "noncompliant-missing-use-case": ["[advisory] ccc-use-case-declared research"],
    "noncompliant-microsoft-default": ["[advisory] ccc-explicit-rai-policy copywriter"],
    "compliant-text": [],
    "compliant-code": [],
  },
  // The default use case replaces every "declares no use case" finding: research is then checked and passes;
  // the day-one deployment is checked too, and shows its real problems (no policy named, no evidence).
  step3: {
    "rollout/programs/day-one": [
      "[advisory] ccc-explicit-rai-policy support-bot",
      "[advisory] ccc-universal-evidence support-bot",
      "[advisory] ccc-universal-evidence support-bot",
    ],
    "rollout/programs/day-one-pinned": [
      "[advisory] ccc-explicit-rai-policy support-bot",
      "[advisory] ccc-universal-evidence support-bot",
      "[advisory] ccc-universal-evidence support-bot",
    ],
    "noncompliant-missing-use-case": [],
    "noncompliant-microsoft-default": ["[advisory] ccc-explicit-rai-policy copywriter"],
    "compliant-text": [],
    "compliant-code": [],
  },
  // Accepting Microsoft.DefaultV2 turns the pinned deployments' violations into notes; the unpinned day-one
  // deployment still runs on whatever the service assigns.
  step4: {
    "rollout/programs/day-one": [
      "[advisory] ccc-explicit-rai-policy support-bot",
      "[advisory] ccc-universal-evidence support-bot",
      "[advisory] ccc-universal-evidence support-bot",
    ],
    "rollout/programs/day-one-pinned": [
      "[advisory] ccc-universal-evidence support-bot",
      "[advisory] ccc-universal-evidence support-bot",
      "[note] ccc-explicit-rai-policy support-bot",
    ],
    "noncompliant-missing-use-case": [],
    "noncompliant-microsoft-default": ["[note] ccc-explicit-rai-policy copywriter"],
    "compliant-text": [],
    "compliant-code": [],
  },
  // Mandatory: only the stack that neither fixed nor pinned is blocked; evidence stays advisory by default.
  step5: {
    "rollout/programs/day-one": [
      "[advisory] ccc-universal-evidence support-bot",
      "[advisory] ccc-universal-evidence support-bot",
      "[mandatory] ccc-explicit-rai-policy support-bot",
    ],
    "rollout/programs/day-one-pinned": [
      "[advisory] ccc-universal-evidence support-bot",
      "[advisory] ccc-universal-evidence support-bot",
      "[note] ccc-explicit-rai-policy support-bot",
    ],
    "noncompliant-missing-use-case": [],
    "noncompliant-microsoft-default": ["[note] ccc-explicit-rai-policy copywriter"],
    "compliant-text": [],
    "compliant-code": [],
  },
};

describe("the walk over example programs, through the analyzer protocol", () => {
  const captures = new Map<Program, CaptureResult>();
  const results = new Map<Step, Map<Program, readonly Diagnostic[]>>();

  beforeAll(async () => {
    // The engine runs one pack process per stack; the stacks of a step run side by side, as in an organization.
    const captured = await Promise.all(PROGRAMS.map((program) => captureProgram(path.join(EXAMPLES_DIR, program))));
    PROGRAMS.forEach((program, i) => captures.set(program, captured[i]));
    for (const step of Object.keys(STEPS) as Step[]) {
      const config = withFixedDate(stepConfig(step) as PackConfig);
      const runs = await Promise.all(
        PROGRAMS.map((program) => {
          const capture = captures.get(program)!;
          const stack = { project: capture.project, stack: capture.stack, dryRun: false };
          return analyzeResources(PACK_DIR, capture.resources, stack, config);
        }),
      );
      results.set(step, new Map(PROGRAMS.map((program, i) => [program, runs[i].diagnostics])));
    }
  }, 600_000);

  it.each(Object.keys(STEPS) as Step[])("%s reports exactly what the guide shows", (step) => {
    const found = Object.fromEntries(PROGRAMS.map((p) => [p, lines(results.get(step)!.get(p)!)]));
    expect(found).toEqual(WALK[step]);
    // Never a preview deferral, and never a config error or stale waiver from the org-config policy.
    for (const diagnostics of results.get(step)!.values()) {
      expect(diagnostics.filter(isPreviewDeferral)).toEqual([]);
      expect(diagnostics.filter((d) => d.policyName === ORG)).toEqual([]);
    }
  });

  it("walks from advisory-only findings to mandatory and green", () => {
    const all = (step: Step) => PROGRAMS.flatMap((p) => lines(results.get(step)!.get(p)!));
    const violations = (step: Step) => all(step).filter((l) => !l.startsWith("[note]"));
    // Step 1 blocks nothing: every finding is advisory.
    expect(all("step1").every((l) => l.startsWith("[advisory]"))).toBe(true);
    // Step 3: no deployment is left without a use case.
    expect(all("step1").filter((l) => l.includes("ccc-use-case-declared"))).toHaveLength(3);
    expect(all("step3").filter((l) => l.includes("ccc-use-case-declared"))).toEqual([]);
    // Step 4: fewer violations than at step 3; the pinned deployments' policy findings are notes.
    expect(violations("step4").length).toBeLessThan(violations("step3").length);
    // Step 5: the compliant examples and every stack that fixed or pinned pass with mandatory rules.
    const blocked = PROGRAMS.filter((p) =>
      lines(results.get("step5")!.get(p)!).some((l) => l.startsWith("[mandatory]")),
    );
    expect(blocked).toEqual(["rollout/programs/day-one"]);
    expect(lines(results.get("step5")!.get("compliant-text")!)).toEqual([]);
    expect(lines(results.get("step5")!.get("compliant-code")!)).toEqual([]);
  });

  it("step 2's organization-wide report over the stack exports agrees, and step 5's report fails on the blocked stack", async () => {
    const work = fs.mkdtempSync(path.join(ROOT, ".tools", "tmp", "rollout-"));
    try {
      const exports = path.join(work, "exports");
      fs.mkdirSync(exports);
      for (const program of PROGRAMS)
        fs.writeFileSync(
          path.join(exports, `${path.basename(program)}.json`),
          JSON.stringify(exportFromCapture(captures.get(program)!)),
        );
      const report = async (step: Step) => {
        const out = path.join(work, `${step}.json`);
        const args = [exports, "--config", path.join(ROLLOUT, STEPS[step]), "--format", "json", "--out", out];
        const code = await runReport([...args, "--as-of", EVALUATED_ON], {
          stdout: () => undefined,
          stderr: () => undefined,
        });
        return { code, totals: readJson(out).totals as Record<string, unknown> };
      };
      const step1 = await report("step1");
      expect(step1.code).toBe(0);
      expect(step1.totals).toMatchObject({
        stacks: 6,
        compliantStacks: 6,
        mandatoryViolations: 0,
        advisoryViolations: 4,
        byRule: {
          "ccc-use-case-declared": { advisoryViolations: 3 },
          "ccc-explicit-rai-policy": { advisoryViolations: 1 },
        },
      });
      const step5 = await report("step5");
      expect(step5.code).toBe(1);
      expect(step5.totals).toMatchObject({ stacks: 6, compliantStacks: 5, mandatoryViolations: 1 });
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
