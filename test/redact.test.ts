// Secrets are tainted where they enter the pack, and no message shows them in any form. A property generates
// secrets, puts them as wire-form secrets in every property a message can quote (after the transformations a
// program applies on the way: trimmed or padded, split into list parts, JSON-escaped, case-changed, formatted
// as numbers or dates, or inside a secret object), and checks every finding and fix, from the stack evaluation
// and from the real protocol in `up` and `preview`, for any piece of a secret longer than 3 characters. Then
// unit tests of the display helpers, SecretNet, and the runtime hook that records taint.
import fc from "fast-check";
import { G, NUM_RUNS, SEED, constantFrom, draw } from "./support/fastCheck";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ContentFilter, SECRET_SIG, SIG_KEY, Taint, unwrapSecrets } from "../policy-pack/src/api";
import { REDACTED, SecretNet, describeEntry, describeModeOf, quoted, shown } from "../policy-pack/src/redact";
import { deferDeserialization, hookDeserializer, rawProps, sourceOf, taintOf } from "../policy-pack/src/pulumi/runtime";
import { AN, Step, run } from "./support/scenario";
import { T, evaluate, raw, secret, urnOf } from "./support/stack";

type Props = Record<string, unknown>;
type Path = (string | number)[];
const pick = <T>(g: G, ...values: T[]): T => g(constantFrom, ...values) as T;
/** The key that marks a wire-form secret. */
const SIG = "4dabf18193072939515e22adb298388d";

// ---------------------------------------------------------------------------------------------------------
// Secrets and what a program does to them

/**
 * Characters of generated secrets: letters, digits and signs that the pack's own texts do not string together
 * (so any run of four of them in a message came from a secret), and the characters JSON escapes.
 */
const STRONG = "qQxXzZjJ79#~^";
const ALPHABET = `${STRONG}${STRONG}"\\`;
const secretText = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 4, maxLength: 30 });
/** Whole numbers made of 7s and 9s (capacities), and calendar dates (evidence dates) with them. */
const secretNumber = fc
  .array(fc.constantFrom("7", "9"), { minLength: 4, maxLength: 9 })
  .map((digits) => Number(digits.join("")));
const secretDate = fc
  .record({
    year: fc.constantFrom("1779", "1797", "1977", "1997", "1999", "7979", "9797"),
    month: fc.constantFrom("07", "09", "17"),
    day: fc.constantFrom("07", "09", "17", "19", "27", "29"),
  })
  .map(({ year, month, day }) => `${year}-${month}-${day}`);

/** The forms of a secret whose pieces must never show: as generated, JSON-escaped, and as numbers format it. */
function formsOf(value: string | number): string[] {
  if (typeof value === "number") return [String(value), value.toLocaleString("en-US"), value.toFixed(1)];
  return [value, JSON.stringify(value).slice(1, -1)];
}

const strong = (s: string) => [...s].filter((c) => STRONG.toLowerCase().includes(c.toLowerCase())).length;

/**
 * Pieces longer than 3 characters of `secret` (in any case) found in `text`. Every piece of a generated string
 * counts; of a number or date, the pieces with two or more of its 7s and 9s (the pack prints dates and numbers
 * of its own, such as 2026-11-23).
 */
function leaks(text: string, secretValue: string | number, wire: readonly string[], generated = true): string[] {
  const haystack = text.toLowerCase();
  const found = new Set<string>();
  for (const form of formsOf(secretValue))
    for (let i = 0; i + 4 <= form.length; i++) {
      const piece = form.slice(i, i + 4).toLowerCase();
      if (haystack.includes(piece) && (generated || strong(piece) >= 2)) found.add(piece);
    }
  // What the program made of it on the way (list separators, padding): runs of four mostly secret characters.
  for (const w of wire)
    for (let i = 0; i + 4 <= w.length; i++) {
      const piece = w.slice(i, i + 4).toLowerCase();
      if (strong(piece) >= 3 && haystack.includes(piece)) found.add(piece);
    }
  return [...found];
}

type FieldType = "name" | "text" | "use-case" | "date" | "number" | "flag" | "object";

/** A transformed secret: what goes on the wire (inside a secret), and the secret it came from. */
interface Planted {
  readonly value: unknown;
  readonly secret: string | number;
  /** A generated string (every piece counts), not a number or date. */
  readonly generated?: boolean;
}

const cutPositions = (length: number) =>
  fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: 3 });

function splitParts(g: G, s: string, separator: string): string {
  const cuts = g(cutPositions, s.length);
  cuts.sort((a, b) => a - b);
  const parts = [0, ...cuts].map((c, i) => s.slice(c, cuts[i] ?? s.length)).filter((p) => p !== "");
  return parts.join(separator);
}

/** What a program does to a value before it reaches the pack, for each kind of property. */
function plant(g: G, type: FieldType, s: string, n: number, date: string): Planted {
  const text = (): string => {
    switch (pick(g, "as-is", "padded", "upper", "lower", "list", "json", "json-inside")) {
      case "padded":
        return `${pick(g, " ", "  ", "\t", "\n ")}${s}${pick(g, "", " ", "\t ")}`;
      case "upper":
        return s.toUpperCase();
      case "lower":
        return s.toLowerCase();
      case "list":
        return splitParts(g, s, pick(g, ",", ", ", " , ", ";", " | "));
      case "json":
        return JSON.stringify(s);
      case "json-inside":
        return JSON.stringify({ value: s, note: "x" });
      default:
        return s;
    }
  };
  switch (type) {
    case "name": {
      const casing = pick(g, "as-is", "upper", "lower");
      return {
        value: casing === "upper" ? s.toUpperCase() : casing === "lower" ? s.toLowerCase() : s,
        secret: s,
        generated: true,
      };
    }
    case "text":
      return { value: text(), secret: s, generated: true };
    case "use-case":
      return {
        value: g(fc.boolean) ? `text-generation, ${text()}` : text(),
        secret: s,
        generated: true,
      };
    case "date": {
      const value = pick(g, "as-is", "padded", "iso", "slashes", "number");
      if (value === "number") return { value: Number(date.replace(/-/g, "")), secret: date };
      return {
        value:
          value === "padded"
            ? ` ${date} `
            : value === "iso"
              ? `${date}T00:00:00.000Z`
              : value === "slashes"
                ? date.replace(/-/g, "/")
                : date,
        secret: date,
      };
    }
    case "number": {
      switch (pick(g, "as-is", "as-is", "negative", "fraction", "string", "formatted")) {
        case "negative":
          return { value: -n, secret: n };
        case "fraction":
          return { value: n + 0.5, secret: n };
        case "string":
          return { value: String(n), secret: n };
        case "formatted":
          return { value: n.toLocaleString("en-US"), secret: n };
        default:
          return { value: n, secret: n };
      }
    }
    case "flag":
      return { value: g(fc.boolean), secret: "" };
    case "object":
      return { value: undefined, secret: "" };
  }
}

// ---------------------------------------------------------------------------------------------------------
// A stack that makes the pack say something about every property

type Owner = "provider" | "account" | "policy" | "deployment" | "spill";

interface Field {
  readonly owner: Owner;
  readonly path: Path;
  readonly type: FieldType;
  /** Fields that name the same thing: a program passes one secret to each (else nothing matches). */
  readonly group?: string;
}

const FILTER_FIELDS = (i: number): Field[] => [
  { owner: "policy", path: ["properties", "contentFilters", i], type: "object" },
  { owner: "policy", path: ["properties", "contentFilters", i, "name"], type: "text" },
  { owner: "policy", path: ["properties", "contentFilters", i, "source"], type: "text" },
  { owner: "policy", path: ["properties", "contentFilters", i, "enabled"], type: "flag" },
  { owner: "policy", path: ["properties", "contentFilters", i, "blocking"], type: "flag" },
  { owner: "policy", path: ["properties", "contentFilters", i, "action"], type: "text" },
];
const TAG_FIELDS = (owner: Owner): Field[] => [
  { owner, path: ["tags"], type: "object" },
  { owner, path: ["tags", "ccc-use-case"], type: "use-case" },
  { owner, path: ["tags", "ccc-metaprompt"], type: "text" },
  { owner, path: ["tags", "ccc-metaprompt-date"], type: "date" },
  { owner, path: ["tags", "ccc-evaluation-report"], type: "text" },
  { owner, path: ["tags", "ccc-evaluation-report-date"], type: "date" },
];
const DEPLOYMENT_FIELDS = (owner: "deployment" | "spill"): Field[] => [
  { owner, path: ["deploymentName"], type: "name", group: owner === "spill" ? "spill" : undefined },
  { owner, path: ["accountName"], type: "name", group: "account" },
  { owner, path: ["resourceGroupName"], type: "name", group: "rg" },
  { owner, path: ["properties"], type: "object" },
  { owner, path: ["properties", "raiPolicyName"], type: "name", group: "policy" },
  { owner, path: ["properties", "model"], type: "object" },
  { owner, path: ["properties", "model", "name"], type: "text" },
  { owner, path: ["properties", "model", "format"], type: "text" },
  { owner, path: ["properties", "model", "version"], type: "text" },
  { owner, path: ["sku"], type: "object" },
  { owner, path: ["sku", "capacity"], type: "number" },
  { owner, path: ["sku", "name"], type: "text" },
  ...TAG_FIELDS(owner),
];
const FIELDS: Field[] = [
  { owner: "provider", path: ["subscriptionId"], type: "text" },
  { owner: "account", path: ["accountName"], type: "name", group: "account" },
  { owner: "account", path: ["resourceGroupName"], type: "name", group: "rg" },
  { owner: "account", path: ["location"], type: "text" },
  { owner: "account", path: ["kind"], type: "text" },
  ...TAG_FIELDS("account"),
  { owner: "policy", path: ["raiPolicyName"], type: "name", group: "policy" },
  { owner: "policy", path: ["accountName"], type: "name", group: "account" },
  { owner: "policy", path: ["resourceGroupName"], type: "name", group: "rg" },
  { owner: "policy", path: ["properties"], type: "object" },
  { owner: "policy", path: ["properties", "mode"], type: "text" },
  { owner: "policy", path: ["properties", "basePolicyName"], type: "text" },
  { owner: "policy", path: ["properties", "contentFilters"], type: "object" },
  ...[0, 1, 2, 3].flatMap(FILTER_FIELDS),
  { owner: "policy", path: ["tags", "ccc-use-case"], type: "use-case" },
  { owner: "policy", path: ["tags"], type: "object" },
  ...DEPLOYMENT_FIELDS("deployment"),
  { owner: "deployment", path: ["properties", "spilloverDeploymentName"], type: "name", group: "spill" },
  ...DEPLOYMENT_FIELDS("spill"),
];

interface Stack {
  readonly provider?: { subscriptionId?: unknown };
  readonly resources: Record<Exclude<Owner, "provider">, Props>;
  /** A second policy with the same identity (ambiguous), registered after the first. */
  readonly twin: boolean;
  readonly config: Record<string, unknown>;
}

const LOGICAL: Record<Exclude<Owner, "provider">, { name: string; kind: keyof typeof TYPES }> = {
  account: { name: "acct", kind: "account" },
  policy: { name: "policy", kind: "policy" },
  deployment: { name: "chat", kind: "deployment" },
  spill: { name: "spill", kind: "deployment" },
};
const TYPES = { account: T.account, policy: T.policy, deployment: T.deployment } as const;
const STEP_TYPES = { account: AN.account, policy: AN.policy, deployment: AN.deployment } as const;

/** A stack with problems every rule reports, chosen at random so messages quote many different properties. */
function baseStack(g: G): Stack {
  const filter = (name: string, source: string, enabled: boolean, blocking: boolean, action?: string) => ({
    name,
    source,
    enabled,
    blocking,
    ...(action ? { action } : {}),
  });
  const filters = [
    filter("Jailbreak", "Prompt", true, g(fc.boolean)),
    filter("Protected Material Text", pick(g, "Completion", "Prompt"), true, g(fc.boolean)),
    filter("Protected Material Code", "Completion", true, false, pick(g, undefined, "BLOCKING", "NONE")),
    filter(pick(g, "Hate", "Custom Blocklist", "Jailbreak"), "Prompt", g(fc.boolean), g(fc.boolean)),
  ];
  const evidence = (): Props =>
    g(fc.boolean)
      ? {
          "ccc-metaprompt": "prompts/system.md",
          "ccc-metaprompt-date": pick(g, "2020-01-01", "2026-11-01", "01/02/2026"),
          "ccc-evaluation-report": "reports/eval.md",
        }
      : {};
  const useCases = () => pick(g, "text-generation", "text-generation,code-generation", "image-generation");
  return {
    ...(g(fc.boolean) ? { provider: { subscriptionId: "00000000-0000-0000-0000-00000000000a" } } : {}),
    twin: g(fc.integer, { min: 1, max: 5 }) === 1,
    resources: {
      account: {
        accountName: "acct",
        resourceGroupName: "rg",
        kind: "OpenAI",
        location: "swedencentral",
        tags: { "ccc-use-case": useCases(), ...evidence() },
      },
      policy: {
        accountName: "acct",
        resourceGroupName: "rg",
        raiPolicyName: "strict",
        properties: {
          mode: pick(g, "Default", "Asynchronous_filter", "Filtered"),
          ...(g(fc.boolean) ? { basePolicyName: "Microsoft.DefaultV2" } : {}),
          contentFilters: filters,
        },
        tags: { "ccc-use-case": useCases() },
      },
      spill: {
        accountName: "acct",
        resourceGroupName: "rg",
        deploymentName: "spill",
        sku: { name: "Standard", capacity: 10 },
        properties: { model: { format: "OpenAI", name: "gpt-4o", version: "1" } },
        tags: evidence(),
      },
      deployment: {
        accountName: "acct",
        resourceGroupName: "rg",
        deploymentName: "chat",
        sku: { name: "Standard", capacity: 10 },
        properties: {
          model: { format: pick(g, "OpenAI", "Mistral AI"), name: "gpt-4o", version: "1" },
          raiPolicyName: pick(g, "strict", "strict", "missing", "Microsoft.DefaultV2"),
          ...(g(fc.boolean) ? { spilloverDeploymentName: pick(g, "spill", "gone") } : {}),
        },
        tags: { "ccc-use-case": useCases(), ...evidence() },
      },
    },
    config: {
      "ccc-organization-config": { acceptMicrosoftDefaultPolicy: g(fc.boolean), asOfDate: "2026-11-23" },
      "ccc-approved-capacity": { approvedCapacity: { "gpt-4o": 15, [pick(g, "o1", "gpt-4.1")]: 1 } },
      "ccc-gated-models": { gatedModels: ["*"] },
      "ccc-approved-use-cases": { approvedUseCases: ["image-generation"] },
      "ccc-universal-evidence": "mandatory",
    },
  };
}

/** A deep copy of `value` with `path` set (creating objects on the way). */
function setAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const base = typeof value === "object" && value !== null ? value : typeof path[0] === "number" ? [] : {};
  const copy = (Array.isArray(base) ? [...base] : { ...base }) as Record<string | number, unknown>;
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), replacement);
  return copy;
}

function getAt(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>(
    (v, k) => (typeof v === "object" && v !== null ? (v as Record<string | number, unknown>)[k] : undefined),
    value,
  );
}

/** String leaves (paths) of a value, outside secrets already there, for planting secrets inside a secret object. */
function stringLeaves(value: unknown, prefix: Path = []): Path[] {
  if (typeof value === "string") return [prefix];
  if (typeof value !== "object" || value === null || SIG in value) return [];
  return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...prefix, Array.isArray(value) ? Number(k) : k]));
}

interface Seeded {
  readonly stack: Stack;
  /** Each secret with what went on the wire. */
  readonly secrets: { secret: string | number; wire: string[]; where: string; generated: boolean }[];
}

/** Puts secrets in 1-6 fields (deepest first, so a secret object may hold secrets too). */
function seed(g: G): Seeded {
  let stack = baseStack(g);
  const chosen = g(fc.shuffledSubarray, FIELDS, { minLength: 1, maxLength: 6 }).sort(
    (a, b) => b.path.length - a.path.length,
  );
  const secrets: Seeded["secrets"] = [];
  const groupSecret = new Map<string, string>();
  const read = (owner: Owner, path: Path) =>
    owner === "provider" ? getAt(stack.provider, path) : getAt(stack.resources[owner], path);
  const write = (owner: Owner, path: Path, value: unknown) => {
    stack =
      owner === "provider"
        ? { ...stack, provider: setAt(stack.provider ?? {}, path, value) as Props }
        : { ...stack, resources: { ...stack.resources, [owner]: setAt(stack.resources[owner], path, value) } };
  };
  const fresh = () => ({ s: draw(g, secretText), n: draw(g, secretNumber), date: draw(g, secretDate) });
  for (const field of chosen) {
    const where = `${field.owner}.${field.path.join(".")}`;
    if (field.type === "object") {
      // A secret object: plant plain secrets in some of its strings, then wrap the whole.
      let current = read(field.owner, field.path);
      if (current === undefined) continue;
      for (const leaf of g(fc.subarray, stringLeaves(current), {
        maxLength: Math.min(2, stringLeaves(current).length),
      })) {
        const s = draw(g, secretText);
        current = setAt(current, leaf, s);
        secrets.push({ secret: s, wire: [s], where: `${where}.${leaf.join(".")}`, generated: true });
      }
      write(field.owner, field.path, secret(current));
      continue;
    }
    const { s: own, n, date } = fresh();
    // Names of one thing share one secret (a program passes the same value to each resource).
    const s = field.group !== undefined && g(fc.boolean) ? (groupSecret.get(field.group) ?? own) : own;
    if (field.group !== undefined && !groupSecret.has(field.group)) groupSecret.set(field.group, s);
    const planted = plant(g, field.type, s, n, date);
    write(field.owner, field.path, secret(planted.value));
    if (planted.secret !== "")
      secrets.push({
        secret: planted.secret,
        wire: typeof planted.value === "string" ? [planted.value] : [],
        where,
        generated: planted.generated === true,
      });
  }
  return { stack, secrets };
}

const PROVIDER_URN = urnOf("pulumi:providers:azure-native", "prov");
const ORDER: Exclude<Owner, "provider">[] = ["account", "policy", "spill", "deployment"];

/** The stack with every secret mark removed (the plaintext as is). */
function unmarked(stack: Stack): Stack {
  return JSON.parse(JSON.stringify(stack, (_k, v) => (v && typeof v === "object" && SIG in v ? v.value : v)));
}

function graphOf(stack: Stack) {
  const resources = ORDER.flatMap((owner) => {
    const { name, kind } = LOGICAL[owner];
    const options = stack.provider
      ? { provider: { urn: PROVIDER_URN, subscriptionId: stack.provider.subscriptionId } }
      : undefined;
    const own = raw(TYPES[kind], name, stack.resources[owner], options);
    return owner === "policy" && stack.twin
      ? [own, raw(TYPES[kind], "policy-twin", stack.resources[owner], options)]
      : [own];
  });
  return resources;
}

function stepsOf(stack: Stack): Step[] {
  return [
    ...(stack.provider ? [{ type: AN.provider, name: "prov", inputs: stack.provider as Props }] : []),
    ...ORDER.flatMap((owner) => {
      const { name, kind } = LOGICAL[owner];
      const step = (logical: string): Step => ({
        type: STEP_TYPES[kind],
        name: logical,
        inputs: stack.resources[owner],
        ...(stack.provider ? { provider: "prov" } : {}),
      });
      return owner === "policy" && stack.twin ? [step(name), step("policy-twin")] : [step(name)];
    }),
  ];
}

function assertNoLeak(texts: readonly string[], seeded: Seeded): void {
  for (const text of texts)
    for (const s of seeded.secrets) {
      const found = leaks(text, s.secret, s.wire, s.generated);
      if (found.length > 0)
        throw new Error(
          `the secret ${JSON.stringify(s.secret)} at ${s.where} shows as ${JSON.stringify(found)} in:\n${text}\nstack: ${JSON.stringify(seeded.stack)}`,
        );
    }
}

describe("no secret shows in any message, in any form", () => {
  it("stack evaluation: findings and fixes", () => {
    let findings = 0;
    let quotedWhenPlain = 0;
    const runs = Math.max(1, NUM_RUNS * 3);
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const seeded = seed(g);
        for (const endOfPreview of [false, true]) {
          const result = evaluate(graphOf(seeded.stack), seeded.stack.config as never, { endOfPreview });
          const texts = result.judgement.findings.flatMap((f) => [f.message, f.fix ?? ""]);
          findings += result.judgement.findings.length;
          assertNoLeak(texts, seeded);
        }
        // The same stack without the secret marks: the messages do quote these values (the check has teeth).
        const plain = evaluate(graphOf(unmarked(seeded.stack)), seeded.stack.config as never);
        const text = plain.judgement.findings.map((f) => `${f.message} ${f.fix ?? ""}`).join("\n");
        if (seeded.secrets.some((s) => leaks(text, s.secret, s.wire, s.generated).length > 0)) quotedWhenPlain++;
      }),
      { seed: SEED, numRuns: runs, endOnFailure: true },
    );
    expect(findings).toBeGreaterThan(runs * 5);
    expect(quotedWhenPlain).toBeGreaterThan(runs / 3);
  });

  it.each(["up", "preview"] as const)("through the real protocol (%s): every diagnostic and log", async (mode) => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const seeded = seed(g);
        const outcome = await run(stepsOf(seeded.stack), mode, seeded.stack.config as never);
        expect(outcome.result.diagnostics.length).toBeGreaterThan(3);
        assertNoLeak([...outcome.result.diagnostics.map((d) => d.message), ...outcome.result.logs], seeded);
      }),
      { seed: SEED, numRuns: Math.max(2, Math.round(NUM_RUNS / 50)), endOnFailure: true },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// The display helpers and SecretNet

const tainted = (...fields: string[]) => ({ secret: new Set(fields) });

function entry(overrides: Partial<ContentFilter> = {}): ContentFilter {
  return {
    name: "Jailbreak",
    key: "jailbreak",
    source: "Prompt",
    enabled: true,
    blocking: true,
    action: undefined,
    index: 2,
    listPath: "properties.contentFilters",
    actionHonoured: false,
    secret: new Set(),
    ...overrides,
  };
}

describe("display helpers", () => {
  const unknown = { unknown: true as const, path: "properties.raiPolicyName", reason: "preview" as const };

  it("quoted and shown show [secret] for a secret field, whatever its value", () => {
    expect(quoted(tainted("name"), "name", "qXz#")).toBe(REDACTED);
    expect(quoted(tainted("name"), "name", unknown)).toBe(REDACTED);
    expect(quoted(tainted("mode"), "name", "strict")).toBe('"strict"');
    expect(quoted(tainted(), "name", unknown)).toBe("(not known yet)");
    expect(quoted(tainted(), "name", undefined)).toBe("(not set)");
    expect(shown(tainted("capacity"), "capacity", 7979)).toBe(REDACTED);
    expect(shown(tainted(), "capacity", 7979)).toBe("7979");
    expect(shown(tainted(), "capacity", unknown)).toBe("(not known yet)");
  });

  it("describeEntry points at an entry and hides its secret name or source", () => {
    expect(describeEntry(entry())).toBe('properties.contentFilters[2] ("Jailbreak", Prompt)');
    expect(describeEntry(entry({ name: "qXz#", secret: new Set(["name"]) }))).toBe(
      "properties.contentFilters[2] ([secret], Prompt)",
    );
    expect(describeEntry(entry({ source: "Zj9~", secret: new Set(["source"]) }))).toBe(
      'properties.contentFilters[2] ("Jailbreak", [secret])',
    );
    expect(describeEntry(entry({ source: undefined }))).toBe('properties.contentFilters[2] ("Jailbreak")');
    expect(describeEntry(entry({ listPath: "documented filters" }))).toBe("Jailbreak on Prompt");
  });

  it("describeModeOf does not spell out a mode that secret flags set", () => {
    expect(describeModeOf([entry()], "annotate")).toMatch(/^annotate mode/);
    for (const field of ["enabled", "blocking", "action"]) {
      const secretEntry = entry({ secret: new Set([field]) });
      expect(describeModeOf([entry(), secretEntry], "annotate")).toBe(
        "a mode set by secret values, which is not filter mode",
      );
      expect(describeModeOf([secretEntry], "filter")).toBe("a mode set by secret values, which is not annotate mode");
    }
  });
});

describe("SecretNet", () => {
  const A = "urn:a";
  const B = "urn:b";
  const taintAt = (...keys: string[]): Taint => new Map(keys.map((k) => [k, true as Taint]));

  it("scrubs each recorded secret of the resources a message is about, in the forms a value takes into text", () => {
    const net = new SecretNet();
    net.record(A, { name: "  qXz#J7 , Z9~q ", plain: "visible", count: 797979 }, taintAt("name", "count"));
    const scrub = (text: string) => net.scrub(text, [A]);
    expect(scrub('name "  qXz#J7 , Z9~q " is wrong')).toBe(`name "${REDACTED}" is wrong`);
    expect(scrub("trimmed qXz#J7 , Z9~q.")).toBe(`trimmed ${REDACTED}.`);
    expect(scrub("parts QXZ#J7 and z9~Q")).toBe(`parts ${REDACTED} and ${REDACTED}`);
    expect(scrub("797979 units, 797,979 formatted")).toBe(`${REDACTED} units, ${REDACTED} formatted`);
    expect(scrub("visible stays")).toBe("visible stays");
    expect(net.scrub("qXz#J7", [B])).toBe("qXz#J7");
    net.forget(A);
    expect(scrub("qXz#J7")).toBe("qXz#J7");
  });

  it("scrubs JSON-escaped copies, the longest form first, and leaves forms under 4 characters", () => {
    const net = new SecretNet();
    net.record(A, { v: 'q"x\\zJ' }, taintAt("v"));
    net.record(B, { short: "qxz", whole: "J7#~J7#~" }, taintAt("short", "whole"));
    expect(net.scrub('got "q\\"x\\\\zJ"', [A])).toBe(`got "${REDACTED}"`);
    expect(net.scrub("qxz and J7#~J7#~", [B])).toBe(`qxz and ${REDACTED}`);
  });

  it("scrubs every leaf of a secret subtree (taint `true`), objects and lists included", () => {
    const net = new SecretNet();
    net.record(A, { props: { deep: ["qXz#J7", { n: 97979 }] } }, taintAt("props"));
    expect(net.scrub("qXz#J7 / 97,979", [A])).toBe(`${REDACTED} / ${REDACTED}`);
  });

  it("property: a message holding any recorded form of a secret keeps no piece of it longer than 3 characters", () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const s = draw(g, secretText);
        const value = plant(g, pick(g, "text", "use-case"), s, 0, "").value as string;
        const net = new SecretNet();
        net.record(A, { value }, taintAt("value"));
        const forms = [value, value.trim(), JSON.stringify(value).slice(1, -1), ...value.split(/[\s,;|]+/)].filter(
          (f) => f.length >= 4,
        );
        const form = pick(g, ...forms);
        const cased = g(fc.boolean) ? form.toUpperCase() : form;
        const scrubbed = net.scrub(`before ${cased} after`, [A]);
        expect(leaks(scrubbed, form, [])).toEqual([]);
      }),
      { seed: SEED, numRuns: NUM_RUNS * 3, endOnFailure: true },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// The runtime hook: one deserialization per wire struct and argument list, taint recorded

const wire = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

function fakeRuntime() {
  const calls: unknown[][] = [];
  const module: Record<string, unknown> = {
    deserializeProperties: (struct: { toJavaScript?: () => unknown }, ...rest: unknown[]) => {
      calls.push([struct, ...rest]);
      // Like the runtime: unwraps secrets, so the result alone no longer says where they were.
      return typeof struct.toJavaScript === "function"
        ? {
            ...(JSON.parse(JSON.stringify(struct.toJavaScript(), (_k, v) => (v?.[SIG] ? v.value : v))) as object),
            rest,
          }
        : struct;
    },
  };
  type Deserialize = (struct: unknown, ...rest: unknown[]) => unknown;
  const deserialize = (struct: unknown, ...rest: unknown[]) =>
    (module.deserializeProperties as Deserialize)(struct, ...rest);
  return { module, calls, deserialize };
}

describe("hookDeserializer", () => {
  it("hands every call a value of its own, as the runtime does, and says which wire struct each came from", () => {
    const { module, calls, deserialize } = fakeRuntime();
    expect(hookDeserializer(module)).toBe(true);
    const request = Struct.fromJavaScript({ name: "chat", key: wire("qXz#J7") });
    const provider = Struct.fromJavaScript({ version: "3.28.0" });

    const first = deserialize(request, false) as Props;
    const second = deserialize(request, false) as Props;
    // One policy may change what it is handed (remediation helpers do): another never sees it.
    expect(second).not.toBe(first);
    first.name = "edited";
    expect(second.name).toBe("chat");
    expect(sourceOf(second)).toBe(sourceOf(first));
    expect(sourceOf(first)).not.toBe(first);
    expect(sourceOf(deserialize(provider, false))).not.toBe(sourceOf(first));
    expect(deserialize(request, true)).not.toBe(first);
    expect(calls.map(([, keep]) => keep)).toEqual([false, false, false, true]);
    // The next request is a new struct: another source.
    expect(sourceOf(deserialize(Struct.fromJavaScript({ name: "chat" }), false))).not.toBe(sourceOf(first));
    // A value the hook did not make is its own source.
    const plain = { name: "chat" };
    expect(sourceOf(plain)).toBe(plain);
  });

  it("converts each wire struct to JavaScript once, however many policies and argument lists ask", () => {
    const { module, deserialize } = fakeRuntime();
    hookDeserializer(module);
    const struct = Struct.fromJavaScript({ name: "chat", key: wire("qXz#J7") });
    const toJavaScript = jest.spyOn(struct, "toJavaScript");
    for (let i = 0; i < 5; i++) deserialize(struct, i % 2 === 0);
    expect(toJavaScript).toHaveBeenCalledTimes(1);
  });

  it("records where the secrets were, for each deserialized object", () => {
    const { module, deserialize } = fakeRuntime();
    hookDeserializer(module);
    const props = deserialize(
      Struct.fromJavaScript({
        name: "chat",
        key: wire("qXz#J7"),
        properties: { list: ["a", wire(7979)], whole: wire({ x: 1 }) },
      }),
      false,
    ) as Props;
    expect(props.key).toBe("qXz#J7");
    const taint = taintOf(props) as Map<string, Taint>;
    expect(taint.get("key")).toBe(true);
    expect(taint.has("name")).toBe(false);
    const properties = taint.get("properties") as Map<string, Taint>;
    expect((properties.get("list") as Map<string, Taint>).get("1")).toBe(true);
    expect((properties.get("list") as Map<string, Taint>).has("0")).toBe(false);
    expect(properties.get("whole")).toBe(true);
    // The same taint for the keepUnknowns copy; none for a struct without secrets.
    expect(taintOf(deserialize(Struct.fromJavaScript({ key: wire("x") }), true))).toEqual(new Map([["key", true]]));
    expect(taintOf(deserialize(Struct.fromJavaScript({ name: "plain" }), false))).toBeUndefined();
    expect(taintOf({ never: "deserialized" })).toBeUndefined();
    expect(taintOf("a string")).toBeUndefined();
  });

  it("looks through the policy runtime's unknown-checking proxy", () => {
    const { module, deserialize } = fakeRuntime();
    hookDeserializer(module);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: (v: object) => object };
    const props = deserialize(Struct.fromJavaScript({ key: wire("qXz#J7") }), false) as object;
    const proxied = unknownCheckingProxy(props);
    expect(rawProps(proxied)).toBe(props);
    expect(taintOf(proxied)).toEqual(new Map([["key", true]]));
  });

  it("while deserialization is deferred (AnalyzeStack), makes a value on its first read; every read sees the value", () => {
    const { module, calls, deserialize } = fakeRuntime();
    hookDeserializer(module);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: (v: object) => object };
    const struct = Struct.fromJavaScript({ name: "chat", key: wire("qXz#J7"), properties: { list: [1, 2] } });
    const toJavaScript = jest.spyOn(struct, "toJavaScript");
    const standIn = deferDeserialization(() => deserialize(struct, false)) as object;
    // Every policy gets a stand-in of its own, from the same source; wrapping it as the runtime does
    // (`instanceof Object`) makes nothing.
    const another = deferDeserialization(() => deserialize(struct, false)) as object;
    expect(another).not.toBe(standIn);
    expect(sourceOf(another)).toBe(sourceOf(standIn));
    const props = unknownCheckingProxy(standIn) as Props;
    expect(calls).toHaveLength(0);
    expect(toJavaScript).not.toHaveBeenCalled();

    // The struct sorts its keys.
    const made = { key: "qXz#J7", name: "chat", properties: { list: [1, 2] }, rest: [false] };
    expect(props.name).toBe("chat");
    expect(calls).toHaveLength(1);
    expect(Object.keys(props)).toEqual(Object.keys(made));
    expect({ ...props }).toEqual(made);
    expect(JSON.parse(JSON.stringify(props))).toEqual(made);
    expect("key" in props && !("other" in props)).toBe(true);
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(rawProps(props)).toEqual(made);
    expect(taintOf(props)).toEqual(new Map([["key", true]]));
    // Made once per stand-in; the other policy's is made on its own first read, converted once for both.
    expect(calls).toHaveLength(1);
    (props as Props).name = "edited";
    expect((another as Props).name).toBe("chat");
    expect(calls).toHaveLength(2);
    expect(toJavaScript).toHaveBeenCalledTimes(1);
    (props as Props).name = "chat";
    // Another policy may freeze what it is handed, as it could a made value.
    expect(Object.isFrozen(Object.freeze(props))).toBe(true);
    expect(props.name).toBe("chat");
    expect(rawProps(props)).toEqual(made);
    // Outside the deferred span, values are made at once.
    const now = deserialize(Struct.fromJavaScript({ name: "next" }), false);
    expect(calls).toHaveLength(3);
    expect(rawProps(now)).toBe(now);
  });

  it("passes other arguments through, hooks once, and reports a runtime without the deserializer", () => {
    const { module, calls, deserialize } = fakeRuntime();
    hookDeserializer(module);
    const hooked = module.deserializeProperties;
    const plain = { not: "a struct" };
    expect(deserialize(plain, false)).toBe(plain);
    expect(deserialize(plain, false)).toBe(plain);
    expect(calls).toHaveLength(2);
    expect(hookDeserializer(module)).toBe(true);
    expect(module.deserializeProperties).toBe(hooked);
    expect(hookDeserializer({})).toBe(false);
    expect(hookDeserializer({ deserializeProperties: "not a function" })).toBe(false);
  });

  it("the pack hooks the real @pulumi/policy deserializer, and its taint reaches the pack", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const runtime = require("@pulumi/policy/deserialize") as Record<string, unknown>;
    hookDeserializer(runtime);
    const deserializeProperties = runtime.deserializeProperties as (s: Struct, keep?: boolean) => Props;
    const struct = Struct.fromJavaScript({ tags: { "ccc-use-case": wire("qXz#J7") } });
    const props = deserializeProperties(struct);
    expect(props).toEqual({ tags: { "ccc-use-case": "qXz#J7" } });
    const again = deserializeProperties(struct);
    expect(again).not.toBe(props);
    expect(again).toEqual(props);
    expect(taintOf(again)).toEqual(taintOf(props));
    expect(taintOf(props)).toEqual(new Map([["tags", new Map([["ccc-use-case", true]])]]));
  });
});

describe("unwrapSecrets", () => {
  it("reads a hole in a sparse list as absent, keeping the secrets around it", () => {
    // eslint-disable-next-line no-sparse-arrays
    const holed = [{ [SIG_KEY]: SECRET_SIG, plaintext: '"a"' }, , "c"];
    const { value, taint, unreadable } = unwrapSecrets(holed);
    expect(value).toEqual(["a", undefined, "c"]);
    expect(taint).toEqual(new Map([["0", true]]));
    expect(unreadable).toBeUndefined();
  });
});
