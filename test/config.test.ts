// The one config validator (org settings and every rule's config), calendar dates, and the one reader of pack
// config files. Every error names its key; a bad value falls back to its safe default and never rolls over
// (2099-02-30 is an error, not March 2nd).
import {
  ORG_CONFIG_POLICY,
  ORG_SETTINGS_SCHEMA,
  parseOrgSettings,
  verdictTime,
} from "../policy-pack/src/config/orgSettings";
import { readPackConfig, reportingLevel } from "../policy-pack/src/config/packConfig";
import {
  ConfigSchema,
  describeValue,
  isCalendarDate,
  parseCalendarDate,
  problemOf,
  validateConfig,
} from "../policy-pack/src/config/schema";
import { catalogue, policyNames } from "../policy-pack/src/api";
import { compliantText, evaluate } from "./support/stack";

describe("calendar dates", () => {
  it.each(["2026-11-23", "2024-02-29", "2099-12-31", "2000-02-29"])("%s is a date", (text) => {
    expect(isCalendarDate(text)).toBe(true);
    expect(parseCalendarDate(text)).toBe(Date.parse(`${text}T00:00:00Z`));
  });

  it.each([
    "2099-02-30",
    "2023-02-29",
    "1900-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-04-31",
    "2026-1-01",
    " 2026-01-01",
    "2026-01-01T00:00:00Z",
    "tomorrow",
    "",
  ])("%j is not (it never rolls over)", (text) => {
    expect(isCalendarDate(text)).toBe(false);
    expect(parseCalendarDate(text)).toBeNaN();
  });
});

describe("describeValue: how errors show what they got", () => {
  it.each([
    [null, "null"],
    [[1], "a list"],
    [{ a: 1 }, "an object"],
    ["x", '"x"'],
    ["a".repeat(41), `"${"a".repeat(40)}…"`],
    [3, "number 3"],
    [true, "boolean true"],
  ])("%j is shown as %s", (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });
});

describe("problemOf: one message per value, naming its path", () => {
  it.each([
    [{ type: "string" }, 5, "k: must be a string, got number 5"],
    [{ type: "string", minLength: 1 }, "", "k: must not be empty"],
    [{ type: "string", format: "date" }, "2099-02-30", 'k: must be a calendar date YYYY-MM-DD, got "2099-02-30"'],
    [{ type: "string", pattern: "^a+$" }, "b", 'k: must match ^a+$, got "b"'],
    [{ type: "boolean" }, "yes", 'k: must be true or false, got "yes"'],
    [{ type: "integer" }, 2.5, "k: must be a whole number, got number 2.5"],
    [{ type: "integer" }, "6", 'k: must be a whole number, got "6"'],
    [{ type: "number" }, Infinity, "k: must be a number, got number Infinity"],
    [{ type: "number" }, NaN, "k: must be a number, got number NaN"],
    [{ type: "integer", minimum: 1 }, 0, "k: must be at least 1, got number 0"],
    [{ type: "array" }, "x", 'k: must be a list, got "x"'],
    [{ type: "array", items: { type: "string" } }, ["a", 3], "k[1]: must be a string, got number 3"],
    [{ type: "object" }, [], "k: must be an object, got a list"],
    [{ type: "object" }, null, "k: must be an object, got null"],
    [{ type: "object", required: ["name"] }, {}, 'k: needs "name"'],
    [
      { type: "object", additionalProperties: false, properties: { a: {}, b: {} } },
      { c: 1 },
      'k: unknown key "c"; allowed: a, b',
    ],
    [
      { type: "object", additionalProperties: { type: "integer", minimum: 0 } },
      { m: -1 },
      "k.m: must be at least 0, got number -1",
    ],
    [{ type: "object", properties: { a: { type: "boolean" } } }, { a: 1 }, "k.a: must be true or false, got number 1"],
    [{ type: "string", enum: ["x", "y"] }, "z", 'k: must be one of "x", "y", got "z"'],
  ])("%j with %j: %s", (schema, value, message) => {
    expect(problemOf(value, schema as never, "k")).toBe(message);
  });

  it.each([
    [{ type: "string", format: "date" }, "2024-02-29"],
    [{ type: "integer", minimum: 1 }, 1],
    [{ type: "number" }, 0.5],
    [{ type: "object", additionalProperties: true }, { anything: 1 }],
    [{ type: "object" }, { extra: 1 }],
    [{ type: "array", items: { type: "string", enum: ["a"] } }, ["a", "a"]],
  ])("%j accepts %j", (schema, value) => {
    expect(problemOf(value, schema as never, "k")).toBeUndefined();
  });
});

describe("validateConfig", () => {
  const schema: ConfigSchema = {
    properties: {
      limit: { type: "integer", minimum: 1, default: 5 },
      name: { type: "string" },
      items: {
        type: "array",
        default: [],
        items: {
          type: "object",
          required: ["id"],
          additionalProperties: false,
          properties: { id: { type: "string" } },
        },
      },
    },
  };

  it("applies defaults and keeps valid values", () => {
    expect(validateConfig("p", schema, undefined)).toEqual({
      values: { limit: 5, name: undefined, items: [] },
      errors: [],
    });
    expect(validateConfig("p", schema, { limit: 2, name: "n", enforcementLevel: "advisory" })).toEqual({
      values: { limit: 2, name: "n", items: [] },
      errors: [],
    });
  });

  it("a bad value falls back to its default, or is ignored when there is none", () => {
    expect(validateConfig("p", schema, { limit: 0, name: 3 })).toEqual({
      values: { limit: 5, name: undefined, items: [] },
      errors: [
        "p.limit: must be at least 1, got number 0; the default 5 is used",
        "p.name: must be a string, got number 3; it is ignored",
      ],
    });
  });

  it("a bad item of a list of objects is dropped, the rest kept", () => {
    expect(validateConfig("p", schema, { items: [{ id: "a" }, { id: 1 }, { x: 1 }, { id: "b" }] })).toEqual({
      values: { limit: 5, name: undefined, items: [{ id: "a" }, { id: "b" }] },
      errors: [
        "p.items[1].id: must be a string, got number 1; the entry is ignored",
        'p.items[2]: needs "id"; the entry is ignored',
      ],
    });
  });

  it("unknown keys are errors naming the allowed ones; a config that is not an object is an error", () => {
    expect(validateConfig("p", schema, { limits: 2 }).errors).toEqual([
      'p: unknown config key "limits"; allowed keys are limit, name, items',
    ]);
    expect(validateConfig("q", { properties: {} }, { on: true }).errors).toEqual([
      'q: unknown config key "on"; this policy takes no config',
    ]);
    expect(validateConfig("p", schema, ["x"]).errors).toEqual(["p: config must be an object, got a list"]);
    expect(validateConfig("p", schema, null).errors).toEqual([]);
  });

  it("every rule's schema accepts its own defaults", () => {
    for (const entry of catalogue()) {
      const validated = validateConfig(entry.meta.id, entry.configSchema, {});
      expect({ id: entry.meta.id, errors: validated.errors }).toEqual({ id: entry.meta.id, errors: [] });
      for (const [key, spec] of Object.entries(entry.configSchema.properties)) {
        expect(validated.values[key]).toEqual(spec.default);
        expect(problemOf(spec.default, spec, key)).toBeUndefined();
      }
    }
  });
});

describe("organization settings", () => {
  const rules = catalogue().map((e) => e.meta.id);
  const waiver = {
    policy: "ccc-jailbreak-filter-mode",
    resource: "chat",
    reason: "r",
    approvedBy: "a",
    expires: "2026-12-31",
  };

  it("defaults", () => {
    expect(parseOrgSettings(undefined, rules)).toEqual({
      settings: {
        defaultUseCases: [],
        licenceComplianceDeclared: false,
        acceptMicrosoftDefaultPolicy: false,
        externalRaiPolicies: [],
        waivers: [],
      },
      errors: [],
    });
  });

  it("2099-02-30 is an error naming the key, for asOfDate and for a waiver's expiry", () => {
    const { settings, errors } = parseOrgSettings(
      { asOfDate: "2099-02-30", waivers: [waiver, { ...waiver, expires: "2099-02-30" }] },
      rules,
    );
    expect(errors).toEqual([
      'ccc-organization-config.waivers[1].expires: must be a calendar date YYYY-MM-DD, got "2099-02-30"; the entry is ignored',
      'ccc-organization-config.asOfDate: must be a calendar date YYYY-MM-DD, got "2099-02-30"; it is ignored',
    ]);
    expect(settings.waivers).toEqual([waiver]);
    expect(settings).not.toHaveProperty("asOfDate");
  });

  it("a waiver for a rule the pack does not have is ignored, saying so", () => {
    const { settings, errors } = parseOrgSettings(
      { waivers: [{ ...waiver, policy: "ccc-stack-recheck" }, waiver] },
      rules,
    );
    expect(errors).toEqual([
      'ccc-organization-config.waivers[0].policy: "ccc-stack-recheck" is not a rule of this pack; the waiver is ignored',
    ]);
    expect(settings.waivers).toEqual([waiver]);
  });

  it("a URN with * is ignored, saying that a URN is matched exactly (a pattern applies to logical names)", () => {
    const exactUrn = { ...waiver, resource: "urn:pulumi:dev::app::azure-native:cognitiveservices:Deployment::chat" };
    const { settings, errors } = parseOrgSettings(
      { waivers: [{ ...waiver, resource: "urn:pulumi:dev::app::*" }, exactUrn, waiver] },
      rules,
    );
    expect(errors).toEqual([
      'ccc-organization-config.waivers[0].resource: a URN is matched exactly, so "*" in "urn:pulumi:dev::app::*" matches nothing; give the exact URN, or a pattern on the logical name (such as "pilot-*"); the waiver is ignored',
    ]);
    expect(settings.waivers).toEqual([exactUrn, waiver]);
  });

  it("an external policy with a Microsoft-managed name is dropped, saying why (it would never be used)", () => {
    const entry = (name: string) => ({ name, contentFilters: [] });
    const { settings, errors } = parseOrgSettings(
      { externalRaiPolicies: [entry("shared"), entry("microsoft.defaultv2"), entry("Microsoft.Default")] },
      rules,
    );
    expect(errors).toEqual(
      ["microsoft.defaultv2", "Microsoft.Default"].map(
        (name, i) =>
          `ccc-organization-config.externalRaiPolicies[${i + 1}].name: "${name}" is the name of a Microsoft-managed policy, which the pack judges by Microsoft's documentation (see acceptMicrosoftDefaultPolicy), never by a declaration; remove the entry`,
      ),
    );
    expect(settings.externalRaiPolicies.map((p) => p.name)).toEqual(["shared"]);
  });

  it("types, enums and unknown keys, each named; the safe default is used", () => {
    const { settings, errors } = parseOrgSettings(
      {
        defaultUseCases: ["text-generation", "chat"],
        licenceComplianceDeclared: "yes",
        acceptMicrosoftDefaultPolicy: 1,
        externalRaiPolicies: [{ name: "corp" }, { name: "ok", contentFilters: [{ name: "Jailbreak", colour: "red" }] }],
        waivers: "all",
        colour: "blue",
      },
      rules,
    );
    expect(errors).toEqual([
      'ccc-organization-config: unknown config key "colour"; allowed keys are defaultUseCases, licenceComplianceDeclared, acceptMicrosoftDefaultPolicy, externalRaiPolicies, waivers, asOfDate',
      'ccc-organization-config.defaultUseCases[1]: must be one of "text-generation", "code-generation", "image-generation", "speech", "other", got "chat"; the default [] is used',
      'ccc-organization-config.licenceComplianceDeclared: must be true or false, got "yes"; the default false is used',
      "ccc-organization-config.acceptMicrosoftDefaultPolicy: must be true or false, got number 1; the default false is used",
      'ccc-organization-config.externalRaiPolicies[0]: needs "contentFilters"; the entry is ignored',
      'ccc-organization-config.externalRaiPolicies[1].contentFilters[0]: unknown key "colour"; allowed: name, source, enabled, blocking, action, severityThreshold, allowedContentLevel; the entry is ignored',
      'ccc-organization-config.waivers: must be a list, got "all"; the default [] is used',
    ]);
    expect(settings).toMatchObject({
      defaultUseCases: [],
      licenceComplianceDeclared: false,
      acceptMicrosoftDefaultPolicy: false,
      externalRaiPolicies: [],
      waivers: [],
    });
  });

  it("default use cases are deduplicated; external policies are read like stack policies", () => {
    const { settings } = parseOrgSettings(
      {
        defaultUseCases: ["speech", "speech", "other"],
        externalRaiPolicies: [
          {
            name: "corp",
            accountName: "oai",
            mode: "Deferred",
            contentFilters: [{ name: "Jailbreak", source: "Prompt", enabled: true, blocking: true }],
          },
        ],
      },
      rules,
    );
    expect(settings.defaultUseCases).toEqual(["speech", "other"]);
    expect(settings.externalRaiPolicies[0]).toMatchObject({
      origin: { kind: "external" },
      name: "corp",
      mode: "Deferred",
      filters: [{ name: "Jailbreak", key: "jailbreak", source: "Prompt", enabled: true, blocking: true }],
      placement: {
        subscription: { kind: "provider", provider: "" },
        parents: [{ collection: "accounts", name: "oai" }],
      },
    });
  });

  it("verdicts are taken at asOfDate (UTC midnight), else now", () => {
    const now = new Date("2026-11-23T12:34:56Z");
    expect(verdictTime({ ...parseOrgSettings({ asOfDate: "2026-01-31" }).settings }, now)).toEqual(
      new Date("2026-01-31T00:00:00Z"),
    );
    expect(verdictTime(parseOrgSettings({}).settings, now)).toBe(now);
  });

  it("the schema the CLI validates is the one the pack applies", () => {
    expect(Object.keys(ORG_SETTINGS_SCHEMA.properties)).toEqual([
      "defaultUseCases",
      "licenceComplianceDeclared",
      "acceptMicrosoftDefaultPolicy",
      "externalRaiPolicies",
      "waivers",
      "asOfDate",
    ]);
  });
});

describe("the pack-config reader", () => {
  const known = policyNames();

  it("splits each entry into its level and its config", () => {
    const { entries, errors } = readPackConfig(
      {
        "ccc-jailbreak-filter-mode": "advisory",
        "ccc-universal-evidence": { enforcementLevel: "mandatory", maxEvidenceAgeDays: 90 },
        [ORG_CONFIG_POLICY]: { defaultUseCases: ["text-generation"] },
      },
      known,
    );
    expect(errors).toEqual([]);
    expect(Object.fromEntries(entries)).toEqual({
      "ccc-jailbreak-filter-mode": { level: "advisory", config: {} },
      "ccc-universal-evidence": { level: "mandatory", config: { maxEvidenceAgeDays: 90 } },
      [ORG_CONFIG_POLICY]: { level: undefined, config: { defaultUseCases: ["text-generation"] } },
    });
  });

  it("errors name the key and the fix", () => {
    const { entries, errors } = readPackConfig(
      {
        "ccc-stack-recheck": "mandatory",
        "ccc-jailbreak-filter-mode": "loud",
        "ccc-gated-models": 3,
        "ccc-universal-evidence": { enforcementLevel: "sometimes", maxEvidenceAgeDays: 30 },
      },
      known,
      "policy-config.json",
    );
    expect(errors).toEqual([
      `policy-config.json: "ccc-stack-recheck" is not a policy of this pack; known policies: ${known.join(", ")}`,
      'policy-config.json: "ccc-jailbreak-filter-mode" has enforcement level "loud"; use advisory, mandatory, remediate, disabled',
      'policy-config.json: "ccc-gated-models" must be an enforcement level or an object, got number 3',
      'policy-config.json: "ccc-universal-evidence" has enforcement level "sometimes"; use advisory, mandatory, remediate, disabled',
    ]);
    // A bad level keeps the policy's default level; its config still applies.
    expect(Object.fromEntries(entries)).toEqual({ "ccc-universal-evidence": { config: { maxEvidenceAgeDays: 30 } } });
  });

  it("\"all\" sets every policy's level, as the engine does; a policy's own level wins", () => {
    const { entries, errors } = readPackConfig(
      {
        all: { enforcementLevel: "advisory" },
        "ccc-jailbreak-filter-mode": "mandatory",
        [ORG_CONFIG_POLICY]: { defaultUseCases: ["text-generation"] },
      },
      known,
    );
    expect(errors).toEqual([]);
    expect(entries.size).toBe(known.length);
    for (const id of known) {
      const expected = id === "ccc-jailbreak-filter-mode" ? "mandatory" : "advisory";
      expect({ id, level: entries.get(id)?.level }).toEqual({ id, level: expected });
    }
    expect(entries.get(ORG_CONFIG_POLICY)?.config).toEqual({ defaultUseCases: ["text-generation"] });
    expect(readPackConfig({ all: "loud" }, known).errors).toEqual([
      'pack config: "all" has enforcement level "loud"; use advisory, mandatory, remediate, disabled',
    ]);
    expect(readPackConfig({ all: { enforcementLevel: "advisory", maxEvidenceAgeDays: 9 } }, known).errors).toEqual([
      'pack config: "all" sets only an enforcement level; put settings under a policy id',
    ]);
  });

  it("a file that is not an object; no file at all", () => {
    expect(readPackConfig(["x"], known).errors).toEqual([
      "pack config: must be a JSON object of policy id -> level or settings, got a list",
    ]);
    expect(readPackConfig("advisory", known).errors).toEqual([
      'pack config: must be a JSON object of policy id -> level or settings, got "advisory"',
    ]);
    expect(readPackConfig(undefined, known)).toEqual({ entries: new Map(), errors: [] });
    expect(readPackConfig(null, known)).toEqual({ entries: new Map(), errors: [] });
  });

  it("remediate reports what it could not fix as mandatory", () => {
    expect(reportingLevel("remediate")).toBe("mandatory");
    expect(reportingLevel("advisory")).toBe("advisory");
    expect(reportingLevel("disabled")).toBe("disabled");
    expect(reportingLevel("mandatory")).toBe("mandatory");
  });
});

describe("through evaluateStack", () => {
  const weak = compliantText().map((r) =>
    r.ref.name === "strict" ? { ...r, props: { ...(r.props as object), properties: { contentFilters: [] } } } : r,
  );

  it("config errors of every policy, each once; a disabled rule's config is not checked", () => {
    const result = evaluate(weak, {
      [ORG_CONFIG_POLICY]: { asOfDate: "2099-02-30" },
      "ccc-universal-evidence": { maxEvidenceAgeDays: 0 },
      "ccc-gated-models": { enforcementLevel: "disabled", gatedModels: "all" },
      "ccc-nope": "advisory",
    });
    expect(result.configErrors).toEqual([
      `pack config: "ccc-nope" is not a policy of this pack; known policies: ${policyNames().join(", ")}`,
      'ccc-organization-config.asOfDate: must be a calendar date YYYY-MM-DD, got "2099-02-30"; it is ignored',
      "ccc-universal-evidence.maxEvidenceAgeDays: must be at least 1, got number 0; the default 180 is used",
    ]);
  });

  it("remediate and the other levels reach the rules", () => {
    const result = evaluate(weak, {
      "ccc-text-protected-material-filter": "remediate",
      "ccc-jailbreak-filter-mode": "advisory",
    });
    expect(result.levels.get("ccc-text-protected-material-filter")).toBe("remediate");
    expect(result.of("ccc-text-protected-material-filter").map((f) => f.level)).toEqual(["mandatory"]);
    expect(result.of("ccc-jailbreak-filter-mode").map((f) => f.level)).toEqual(["advisory"]);
  });

  it("the asOf option overrides asOfDate", () => {
    const result = evaluate(weak, { [ORG_CONFIG_POLICY]: { asOfDate: "2026-01-01" } }, { asOf: "2026-06-30" });
    expect(result.verdictTime).toEqual(new Date("2026-06-30T00:00:00Z"));
    expect(result.settings.asOfDate).toBe("2026-06-30");
  });
});
