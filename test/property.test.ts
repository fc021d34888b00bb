// Property-based tests (fast-check, fixed seed; FC_NUM_RUNS and FC_SEED explore more): the pack agrees with an
// independent reference of the CCC table and of Azure identity (test/support/reference.ts, which imports nothing
// from the pack), on random stacks and settings, through its stack evaluation and through the real analyzer
// protocol; arbitrary JSON never crashes it nor gets a deployment through that the reference cannot show
// compliant; and a preview unknown anywhere never turns a non-compliant deployment into a pass.
import fc from "fast-check";
import { G, NUM_RUNS, SEED, constantFrom, draw } from "./support/fastCheck";
import { Finding, GraphResource, UNKNOWN_SENTINELS, UNKNOWN_STRING } from "../policy-pack/src/api";
import {
  RefResource,
  RefSettings,
  RefUseCase,
  RefVerdict,
  REF_USE_CASES,
  referenceVerdicts,
  sameIdentity,
} from "./support/reference";
import { AN, Step, ref, run } from "./support/scenario";
import { T, evaluate, raw, urnOf } from "./support/stack";

/** No shrinking: a failure names its whole world, and shrinking fc.gen worlds costs minutes. */
const params = (scale = 1) => ({ seed: SEED, numRuns: Math.max(1, Math.round(NUM_RUNS * scale)), endOnFailure: true });
/** Runs through the real protocol start a pack process each (about 1.5 s): a few, and no shrinking. */
const protocolParams = (runs: number) => ({
  seed: SEED,
  numRuns: Math.max(runs, Math.round((NUM_RUNS * runs) / 100)),
  endOnFailure: true,
});

type Props = Record<string, unknown>;
type Kind = RefResource["kind"];

// ---------------------------------------------------------------------------------------------------------
// A world: providers, then accounts, RAI policies and deployments in registration order, and the settings.

interface Provider {
  readonly name: string;
  /** The subscription it really targets. */
  readonly subscription: string;
  /** `subscriptionId` as its config writes it; undefined: not set (the CLI's default subscription). */
  readonly declared?: unknown;
}

interface WorldResource {
  readonly kind: Kind;
  readonly logical: string;
  readonly props: Props;
  readonly provider?: string;
  /** The subscription as its output ARM id writes it, when the id is known (the resource exists). */
  readonly idSubscription?: string;
}

interface World {
  readonly providers: readonly Provider[];
  readonly resources: readonly WorldResource[];
  readonly settings: RefSettings;
}

const TYPE: Record<Kind, string> = { account: T.account, "rai-policy": T.policy, deployment: T.deployment };
const STEP_TYPE: Record<Kind, string> = { account: AN.account, "rai-policy": AN.policy, deployment: AN.deployment };
const PROVIDER_TYPE = "pulumi:providers:azure-native";
const SUBSCRIPTIONS = [
  "00000000-0000-0000-0000-00000000000a",
  "00000000-0000-0000-0000-00000000000b",
  "00000000-0000-0000-0000-00000000000c",
];

const nameOf = (r: WorldResource): unknown =>
  r.props[r.kind === "account" ? "accountName" : r.kind === "rai-policy" ? "raiPolicyName" : "deploymentName"];

/** The output ARM id of a resource, in the subscription its id names (a name that is not a string reads "x"). */
function armId(r: WorldResource, subscription: string): string {
  const part = (v: unknown) => (typeof v === "string" ? v : "x");
  const base = `/subscriptions/${subscription}/resourceGroups/${part(r.props.resourceGroupName)}/providers/Microsoft.CognitiveServices/accounts`;
  if (r.kind === "account") return `${base}/${part(r.props.accountName)}`;
  const collection = r.kind === "rai-policy" ? "raiPolicies" : "deployments";
  return `${base}/${part(r.props.accountName)}/${collection}/${part(nameOf(r))}`;
}

const withId = (r: WorldResource): Props =>
  r.idSubscription === undefined ? r.props : { ...r.props, id: armId(r, r.idSubscription) };

function refResources(world: World): RefResource[] {
  return world.resources.map((r) => {
    const p = world.providers.find((x) => x.name === r.provider);
    return {
      kind: r.kind,
      logical: r.logical,
      props: withId(r),
      ...(p ? { provider: { name: p.name, subscriptionId: p.declared } } : {}),
    };
  });
}

/** A provider's subscriptionId as the pack reads it from the provider's config. */
function providerSubscription(declared: unknown): NonNullable<GraphResource["provider"]>["subscriptionId"] {
  if (typeof declared === "string" && UNKNOWN_SENTINELS.has(declared))
    return { unknown: true, path: "subscriptionId", reason: "preview" };
  if (declared === undefined || declared === null || typeof declared === "string") return declared ?? undefined;
  return { unknown: true, path: "subscriptionId", reason: "malformed", detail: "must be a string" };
}

interface GraphExtras {
  readonly propertyDependencies?: Record<string, string[]>;
  readonly outputs?: { name?: unknown; id?: unknown };
}

function graph(world: World, extras: ReadonlyMap<string, GraphExtras> = new Map()): GraphResource[] {
  return world.resources.map((r) => {
    const p = world.providers.find((x) => x.name === r.provider);
    const extra = extras.get(r.logical) ?? {};
    const g = raw(TYPE[r.kind], r.logical, withId(r), {
      ...(extra.propertyDependencies ? { propertyDependencies: extra.propertyDependencies } : {}),
      ...(extra.outputs ? { outputs: extra.outputs } : {}),
    });
    return p
      ? { ...g, provider: { urn: urnOf(PROVIDER_TYPE, p.name), subscriptionId: providerSubscription(p.declared) } }
      : g;
  });
}

function packConfig(settings: RefSettings) {
  return {
    "ccc-organization-config": {
      licenceComplianceDeclared: settings.licenceComplianceDeclared,
      defaultUseCases: [...settings.defaultUseCases],
      acceptMicrosoftDefaultPolicy: settings.acceptMicrosoftDefaultPolicy,
      externalRaiPolicies: settings.externalRaiPolicies.map((e) => ({ ...e })),
    },
  };
}

/** The world as a program registers it; `link(r)` may replace inputs with references to other resources. */
function steps(world: World, link: (r: WorldResource) => Props = (r) => r.props): Step[] {
  return [
    ...world.providers.map((p) => ({
      type: AN.provider,
      name: p.name,
      inputs: p.declared === undefined ? {} : { subscriptionId: p.declared },
    })),
    ...world.resources.map((r) => ({
      type: STEP_TYPE[r.kind],
      name: r.logical,
      inputs: link(r),
      ...(r.provider ? { provider: r.provider } : {}),
    })),
  ];
}

const deployments = (world: World) => world.resources.filter((r) => r.kind === "deployment");

// ---------------------------------------------------------------------------------------------------------
// Generators

const pick = <T>(g: G, values: readonly T[]): T => g(constantFrom, ...values) as T;
const chance = (g: G, percent: number) => g(fc.integer, { min: 1, max: 100 }) <= percent;

const booleans = (length: number) => fc.array(fc.boolean(), { minLength: length, maxLength: length });

/** Azure names and tag keys in any case. */
function caseVariant(g: G, s: string): string {
  switch (pick(g, ["as-is", "as-is", "lower", "upper", "mixed"] as const)) {
    case "as-is":
      return s;
    case "lower":
      return s.toLowerCase();
    case "upper":
      return s.toUpperCase();
    case "mixed": {
      const flips = g(booleans, s.length);
      return [...s].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join("");
    }
  }
}

/** A filter name in varied case and separators: "protected_material-TEXT", " jailbreak", "Protected  Material". */
const nameVariant = (canonical: string) => {
  const words = canonical.split(" ");
  return fc
    .record({
      casing: fc.constantFrom("as-is", "lower", "upper", "alternating"),
      seps: fc.array(fc.constantFrom(" ", "_", "-", " ", "_", "-", "", "  ", " - ", "\t", "__"), {
        minLength: words.length - 1,
        maxLength: words.length - 1,
      }),
      pad: fc.constantFrom("", "", "", " ", "_"),
    })
    .map(({ casing, seps, pad }) => {
      const joined = words.map((w, i) => (i === 0 ? w : seps[i - 1] + w)).join("");
      const cased =
        casing === "lower"
          ? joined.toLowerCase()
          : casing === "upper"
            ? joined.toUpperCase()
            : casing === "alternating"
              ? [...joined].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join("")
              : joined;
      return pad + cased + pad;
    });
};

const REQUIRED = ["Jailbreak", "Protected Material Text", "Protected Material Code"];
const DISTRACTORS = [
  "Protected Material",
  "Protected Material Texts",
  "Jailbreaks",
  "Hate",
  "Indirect Attack",
  "Self Harm",
];
const sourceVariant = (source: string) =>
  fc.constantFrom(source, source.toLowerCase(), source.toUpperCase(), `${source[0].toLowerCase()}${source.slice(1)}`);
const anySource = fc.oneof(
  sourceVariant("Prompt"),
  sourceVariant("Completion"),
  fc.constantFrom("Completion ", "Output", ""),
);
const ACTIONS = ["BLOCKING", "blocking", "Blocking", "ANNOTATING", "annotating", "NONE", "none", "HITL", "RETRY", ""];

const anyFilter = fc.record(
  {
    name: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...REQUIRED).chain(nameVariant) },
      { weight: 1, arbitrary: fc.constantFrom(...DISTRACTORS).chain(nameVariant) },
    ),
    source: anySource,
    enabled: fc.boolean(),
    blocking: fc.boolean(),
    action: fc.constantFrom(...ACTIONS),
  },
  { requiredKeys: ["name"] },
);

/** The ways an entry says "filter mode" (and, for code, "annotate mode"), and one that only looks like it. */
const FILTER_FLAGS: Props[] = [
  { enabled: true, blocking: true },
  { enabled: true, blocking: true },
  { enabled: true, blocking: true, action: "Blocking" },
  { action: "BLOCKING" },
  { enabled: true, action: "blocking" },
];
const ANNOTATE_FLAGS: Props[] = [
  { enabled: true, blocking: false },
  { enabled: true, blocking: false, action: "ANNOTATING" },
];

const goodFilter = (canonical: string, source: string, flags: Props[]) =>
  fc
    .record({
      name: fc.oneof(
        { weight: 3, arbitrary: fc.constant(canonical) },
        { weight: 1, arbitrary: nameVariant(canonical) },
      ),
      source: sourceVariant(source),
      flags: fc.constantFrom(...flags),
    })
    .map(({ name, source: src, flags: f }): Props => ({ name, source: src, ...f }));

const filterList: fc.Arbitrary<Props[]> = fc
  .record({
    noise: fc.array(anyFilter, { maxLength: 3 }),
    jailbreak: fc.option(goodFilter("Jailbreak", "Prompt", FILTER_FLAGS), { freq: 6, nil: undefined }),
    text: fc.option(goodFilter("Protected Material Text", "Completion", FILTER_FLAGS), { freq: 5, nil: undefined }),
    code: fc.option(goodFilter("Protected Material Code", "Completion", [...FILTER_FLAGS, ...ANNOTATE_FLAGS]), {
      freq: 5,
      nil: undefined,
    }),
    order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  })
  .map(({ noise, jailbreak, text, code, order }) =>
    [jailbreak, text, code, ...noise]
      .filter((f): f is Props => f !== undefined)
      .map((f, i) => ({ f, k: order[i % order.length] * 16 + i }))
      .sort((a, b) => a.k - b.k)
      .map((e) => e.f),
  );

const filterMode = (name: string, source: string) => ({ name, source, enabled: true, blocking: true });
const COMPLIANT: Props[] = [
  filterMode("Jailbreak", "Prompt"),
  filterMode("Protected Material Text", "Completion"),
  filterMode("Protected Material Code", "Completion"),
];
const NO_TEXT: Props[] = [filterMode("Jailbreak", "Prompt"), filterMode("Protected Material Code", "Completion")];
const NO_JAILBREAK: Props[] = [
  filterMode("Protected Material Text", "Completion"),
  { name: "Protected Material Code", source: "Completion", enabled: true, blocking: false },
];

/** A ccc-use-case tag value: valid use cases in varied case and spacing, sometimes an invalid one. */
const useCaseTag: fc.Arbitrary<string> = fc
  .record({
    values: fc.subarray([...REF_USE_CASES, "chatbot"] as string[], { minLength: 0, maxLength: 3 }),
    casing: fc.constantFrom("lower", "upper", "title"),
    space: fc.constantFrom("", " ", "  "),
  })
  .map(({ values, casing, space }) =>
    values
      .map((v) => (casing === "upper" ? v.toUpperCase() : casing === "title" ? v[0].toUpperCase() + v.slice(1) : v))
      .map((v) => `${space}${v}${space}`)
      .join(","),
  );
/** Mostly text/code, so the filter rules are exercised. */
const declaredTag = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("text-generation", "code-generation", "text-generation, code-generation") },
  { weight: 2, arbitrary: useCaseTag },
);

/** Tags with the ccc-use-case tag under a key in any case, sometimes twice (same or another value). */
function tags(g: G, value: fc.Arbitrary<string>, percent: number): Props | undefined {
  if (!chance(g, percent)) return chance(g, 20) ? { team: "search" } : undefined;
  const first = draw(g, value);
  const result: Props = { [caseVariant(g, "ccc-use-case")]: first };
  if (chance(g, 20)) result[caseVariant(g, "ccc-use-case")] = chance(g, 50) ? first : draw(g, value);
  return result;
}

const MODES = ["Default", "Blocking", "Asynchronous_filter", "Deferred", "asynchronous filter", "DEFERRED", "default"];
const MODELS: readonly [string, string | undefined][] = [
  ["gpt-4o", "OpenAI"],
  ["gpt-4o", "OpenAI"],
  ["gpt-4.1-mini", "OpenAI"],
  ["gpt-4o", undefined],
  ["custom-model", "OpenAI"],
  ["text-embedding-3-small", "OpenAI"],
  ["dall-e-3", "OpenAI"],
  ["whisper", "OpenAI"],
  ["sora", "OpenAI"],
  ["Mistral-Large-2411", "Mistral AI"],
  ["gpt-4o", "meta"],
];

function deploymentProps(g: G, p: { account: string; rg: string; policy: string | undefined; tag: Props | undefined }) {
  const [model, format] = pick(g, MODELS);
  return {
    accountName: p.account,
    resourceGroupName: p.rg,
    deploymentName: pick(g, ["chat", "Chat", "code", "embed", "images", "assist"]),
    sku: { name: "Standard", capacity: 10 },
    properties: {
      model: { ...(format === undefined ? {} : { format }), name: model, version: "1" },
      ...(p.policy === undefined ? {} : { raiPolicyName: p.policy }),
    },
    ...(p.tag ? { tags: p.tag } : {}),
  };
}

function settings(g: G, external: () => RefSettings["externalRaiPolicies"]): RefSettings {
  return {
    licenceComplianceDeclared: chance(g, 50),
    defaultUseCases: chance(g, 70) ? [] : g(fc.subarray, [...REF_USE_CASES] as RefUseCase[], { maxLength: 2 }),
    acceptMicrosoftDefaultPolicy: chance(g, 50),
    externalRaiPolicies: chance(g, 30) ? external() : [],
  };
}

/** One account's content: rich filter lists, modes, use-case tags, models and policy names (one subscription). */
function contentWorld(g: G): World {
  const resources: WorldResource[] = [];
  let n = 0;
  const add = (kind: Kind, props: Props) => resources.push({ kind, logical: `${kind}-${n++}`, props });
  add("account", {
    accountName: "acct",
    resourceGroupName: "rg",
    kind: "OpenAI",
    ...opt("tags", tags(g, declaredTag, 40)),
  });
  if (chance(g, 30))
    add("account", {
      accountName: "other",
      resourceGroupName: "rg",
      kind: "OpenAI",
      ...opt("tags", tags(g, declaredTag, 60)),
    });
  const policyNames = g(fc.shuffledSubarray, ["ccc-policy", "Support-Filter"], { minLength: 1, maxLength: 2 });
  for (const name of policyNames) {
    add("rai-policy", {
      accountName: caseVariant(g, "acct"),
      resourceGroupName: "rg",
      raiPolicyName: name,
      properties: { ...opt("mode", chance(g, 80) ? pick(g, MODES) : undefined), contentFilters: draw(g, filterList) },
      ...opt("tags", tags(g, useCaseTag, 20)),
    });
  }
  const count = g(fc.integer, { min: 1, max: 3 });
  for (let i = 0; i < count; i++) {
    const own = pick(g, policyNames);
    const policy = pick(g, [
      own,
      own,
      own,
      own.toUpperCase(),
      undefined,
      "",
      "  ",
      "Microsoft.DefaultV2",
      "Microsoft.Default",
      "Microsoft.Custom",
      "corp-shared",
    ]);
    add(
      "deployment",
      deploymentProps(g, {
        account: pick(g, ["acct", "acct", "ACCT", "other", "missing"]),
        rg: "rg",
        policy,
        tag: tags(g, declaredTag, 70),
      }),
    );
  }
  return {
    providers: [],
    resources,
    settings: settings(g, () => [
      {
        name: "corp-shared",
        ...opt("accountName", chance(g, 50) ? pick(g, ["acct", "other"]) : undefined),
        ...opt("mode", chance(g, 50) ? pick(g, MODES) : undefined),
        contentFilters: draw(g, filterList),
      },
    ]),
  };
}

/** Two or three subscriptions, explicit providers with and without subscriptionId, names that collide. */
function identityWorld(g: G, ids: "some" | "none" = "some"): World {
  const subscriptions = g(fc.shuffledSubarray, SUBSCRIPTIONS, { minLength: 2, maxLength: 3 });
  const providers: Provider[] = Array.from({ length: g(fc.integer, { min: 1, max: 3 }) }, (_, i) => {
    const subscription = pick(g, subscriptions);
    const declared = pick(g, ["none", "exact", "case"] as const);
    return {
      name: `provider-${i}`,
      subscription,
      ...(declared === "none" ? {} : { declared: declared === "exact" ? subscription : subscription.toUpperCase() }),
    };
  });
  // The CLI's default provider targets the first subscription.
  const place = () => {
    const provider = pick(g, [undefined, ...providers.map((p) => p.name)]);
    const subscription = providers.find((p) => p.name === provider)?.subscription ?? subscriptions[0];
    return {
      ...(provider ? { provider } : {}),
      ...(ids === "some" && chance(g, 50) ? { idSubscription: caseVariant(g, subscription) } : {}),
    };
  };
  const resources: WorldResource[] = [];
  let n = 0;
  const add = (kind: Kind, props: Props) => resources.push({ kind, logical: `${kind}-${n++}`, props, ...place() });
  const accountName = () => caseVariant(g, pick(g, ["oai", "oai", "shared"]));
  const rg = () => caseVariant(g, pick(g, ["rg", "rg", "rg-2"]));
  const policyName = () => caseVariant(g, pick(g, ["strict", "strict", "lax"]));
  for (let i = g(fc.integer, { min: 1, max: 3 }); i > 0; i--)
    add("account", {
      accountName: accountName(),
      resourceGroupName: rg(),
      kind: "OpenAI",
      ...opt("tags", tags(g, declaredTag, 60)),
    });
  for (let i = g(fc.integer, { min: 1, max: 3 }); i > 0; i--)
    add("rai-policy", {
      accountName: accountName(),
      resourceGroupName: rg(),
      raiPolicyName: policyName(),
      properties: {
        ...opt("mode", chance(g, 20) ? pick(g, ["Asynchronous_filter", "Blocking"]) : undefined),
        contentFilters: pick(g, [COMPLIANT, COMPLIANT, NO_TEXT, NO_JAILBREAK]),
      },
      ...opt("tags", tags(g, declaredTag, 15)),
    });
  for (let i = g(fc.integer, { min: 1, max: 3 }); i > 0; i--) {
    const policy = chance(g, 85) ? policyName() : pick(g, [undefined, "Microsoft.DefaultV2", "missing"]);
    add("deployment", deploymentProps(g, { account: accountName(), rg: rg(), policy, tag: tags(g, declaredTag, 50) }));
  }
  return {
    providers,
    resources,
    settings: settings(g, () => [
      {
        name: "strict",
        ...opt("accountName", chance(g, 50) ? "oai" : undefined),
        ...opt("subscriptionId", chance(g, 30) ? pick(g, subscriptions) : undefined),
        contentFilters: pick(g, [COMPLIANT, NO_TEXT]),
      },
    ]),
  };
}

const anyWorld = (g: G, ids: "some" | "none" = "some"): World =>
  reordered(g, chance(g, 50) ? contentWorld(g) : identityWorld(g, ids));

/** Sometimes registered in another order: an account or policy after the deployments that name it. */
function reordered(g: G, world: World): World {
  if (!chance(g, 30)) return world;
  const order = g(fc.shuffledSubarray, [...world.resources.keys()], {
    minLength: world.resources.length,
    maxLength: world.resources.length,
  });
  return { ...world, resources: order.map((i) => world.resources[i]) };
}

function opt(key: string, value: unknown): Props {
  return value === undefined ? {} : { [key]: value };
}

// ---------------------------------------------------------------------------------------------------------
// Comparing verdicts

const show = (world: World) => JSON.stringify(world, null, 1).replace(/\n\s*/g, " ");

function explain(world: World, name: string, verdict: RefVerdict, findings: readonly Finding[]): string {
  const own = findings.filter((f) => f.resource.name === name && f.level === "mandatory");
  return `${name}: reference ${verdict.outcome} (${[...verdict.reasons, ...verdict.unsure].join("; ")}); pack: ${
    own.map((f) => `[${f.ruleId}] ${f.message}`).join(" | ") || "compliant"
  }\nworld: ${show(world)}`;
}

/** How many deployments each outcome had: the generators must reach both sides. */
type Tally = Record<RefVerdict["outcome"], number>;
const tally = (): Tally => ({ compliant: 0, "not compliant": 0, "cannot show": 0 });

/** The pack's stack evaluation agrees with the reference on every deployment. */
function agreesOnStack(world: World, seen: Tally): void {
  const result = evaluate(graph(world), packConfig(world.settings));
  const expected = referenceVerdicts(refResources(world), world.settings);
  for (const d of deployments(world)) {
    const verdict = expected.get(d.logical)!;
    seen[verdict.outcome]++;
    if (result.subject(d.logical).compliant !== (verdict.outcome === "compliant"))
      throw new Error(explain(world, d.logical, verdict, result.judgement.findings));
  }
}

/** Deployments with a mandatory finding reported through the protocol (any phase). */
function blocked(outcome: Awaited<ReturnType<typeof run>>): Set<string> {
  return new Set(
    outcome.mandatory.filter((d) => d.urn.includes(`::${AN.deployment}::`)).map((d) => d.urn.split("::").pop()!),
  );
}

describe("agreement with the reference", () => {
  it("stack evaluation: policies, filters, modes, use cases, models and settings of one account", () => {
    const seen = tally();
    fc.assert(
      fc.property(fc.gen(), (g) => agreesOnStack(contentWorld(g), seen)),
      params(2),
    );
    expect(seen.compliant).toBeGreaterThan(NUM_RUNS / 5);
    expect(seen["not compliant"]).toBeGreaterThan(NUM_RUNS / 5);
  });

  it("stack evaluation: identities across subscriptions, providers and ARM ids, colliding names in any case", () => {
    const seen = tally();
    fc.assert(
      fc.property(fc.gen(), (g) => agreesOnStack(identityWorld(g), seen)),
      params(2),
    );
    expect(seen.compliant).toBeGreaterThan(NUM_RUNS / 5);
    expect(seen["not compliant"]).toBeGreaterThan(NUM_RUNS / 5);
  });

  it("two resources with one identity are a finding, and a name that finds both is ambiguous, never one of them", () => {
    let collisions = 0;
    let ambiguousNames = 0;
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const world = identityWorld(g);
        const result = evaluate(graph(world), packConfig(world.settings));
        const refs = refResources(world);
        for (const a of refs) {
          const twins = refs.filter((b) => b !== a && sameIdentity(a, b)).map((b) => b.logical);
          if (twins.length === 0) continue;
          collisions++;
          const findings = result.of("ccc-well-formed-resources").filter((f) => f.resource.name === a.logical);
          if (!twins.every((t) => findings.some((f) => f.message.includes(`"${t}"`))))
            throw new Error(`${a.logical} has the identity of ${twins.join(", ")}, unreported\nworld: ${show(world)}`);
        }
        const expected = referenceVerdicts(refs, world.settings);
        for (const d of deployments(world)) {
          const verdict = expected.get(d.logical)!;
          const ambiguousPolicy = verdict.policyCandidates.length > 1;
          const ambiguousAccount = verdict.accountCandidates.length > 1 && verdict.usesAccount;
          if (!ambiguousPolicy && !ambiguousAccount) continue;
          ambiguousNames++;
          const own = result.judgement.findings.filter((f) => f.resource.name === d.logical && f.level === "mandatory");
          if (!own.some((f) => /ambiguous/.test(f.message)) || result.subject(d.logical).compliant)
            throw new Error(explain(world, d.logical, verdict, result.judgement.findings));
        }
      }),
      params(2),
    );
    expect(collisions).toBeGreaterThan(NUM_RUNS / 10);
    expect(ambiguousNames).toBeGreaterThan(NUM_RUNS / 20);
  });

  it("through the real protocol (up): resource-level verdicts in registration order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const world = anyWorld(g, "none");
        const outcome = await run(steps(world), "up", packConfig(world.settings));
        const refs = refResources(world);
        // What the resource level sees (accounts registered before too), and what the stack level adds.
        const seen = referenceVerdicts(refs, world.settings, { ordered: true, accountsBefore: true });
        const expected = referenceVerdicts(refs, world.settings, { ordered: true });
        const stopped = blocked(outcome);
        for (const d of deployments(world)) {
          const before = seen.get(d.logical)!;
          const verdict = expected.get(d.logical)!;
          const shouldStop = before.outcome !== "compliant" || verdict.outcome !== "compliant";
          if (stopped.has(d.logical) !== shouldStop)
            throw new Error(
              `${d.logical}: reference ${verdict.outcome} (${verdict.reasons}), ${before.outcome} before its account; pack: ${outcome.text}\nworld: ${show(world)}`,
            );
          // In `up` every input is known: a block comes before the step, at resource level, unless it needs an
          // account registered after the deployment (the preview `up` runs first reports it before the step).
          const accountLater = before.accountCandidates.join() !== verdict.accountCandidates.join();
          const late = outcome.stackLevel.filter(
            (x) => x.urn.endsWith(`::${d.logical}`) && x.enforcementLevel === "mandatory",
          );
          if (late.length > 0 && !accountLater)
            throw new Error(`${d.logical} blocked only at stack level: ${late[0].message}`);
        }
      }),
      protocolParams(4),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Robustness: arbitrary JSON

/** Every path to a value below the root: keys and array indexes at any depth. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...paths((value as Record<string, unknown>)[k], [...prefix, k])]);
}

/** A deep copy of `value` with the value at `path` replaced. */
function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  Object.defineProperty(copy, path[0], {
    value: replaceAt(copy[path[0]], path.slice(1), replacement),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

const TRICKY_KEYS = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "properties",
  "contentFilters",
  "tags",
  "ccc-use-case",
  "CCC-Use-Case",
  "accountName",
  "raiPolicyName",
  "name",
  "id",
  "mode",
  "source",
  "enabled",
  "blocking",
  "action",
];
const keyArb = fc.oneof(fc.constantFrom(...TRICKY_KEYS), fc.string({ unit: "grapheme", maxLength: 8 }));
const sentinel = fc.constantFrom(...UNKNOWN_SENTINELS);
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.anything({ key: keyArb, maxDepth: 3, withNullPrototype: true, withUnicodeString: true }),
  sentinel,
  fc.constantFrom(
    null,
    "",
    " ",
    "Jailbreak",
    "text-generation",
    "Microsoft.DefaultV2",
    "Asynchronous_filter",
    -1,
    0.5,
    "10",
  ),
);

const junkObject = fc.dictionary(keyArb, junkValue, { maxKeys: 5 }) as fc.Arbitrary<Props>;
const smallJson = fc.jsonValue({ maxDepth: 2 });

/** The world with 1-3 values anywhere (or a provider's subscriptionId) swapped for junk of any type. */
function junkWorld(g: G, world: World): World {
  let resources = [...world.resources];
  let providers = [...world.providers];
  for (let i = g(fc.integer, { min: 1, max: 3 }); i > 0; i--) {
    if (providers.length > 0 && chance(g, 10)) {
      const at = g(fc.nat, providers.length - 1);
      providers = providers.map((p, j) => (j === at ? { ...p, declared: draw(g, junkValue) } : p));
      continue;
    }
    const at = g(fc.nat, resources.length - 1);
    const r = resources[at];
    const all = paths(r.props);
    const props =
      chance(g, 5) || all.length === 0
        ? draw(g, junkObject)
        : (replaceAt(r.props, pick(g, all), draw(g, junkValue)) as Props);
    resources = resources.map((x, j) => (j === at ? { ...x, props } : x));
  }
  return { ...world, providers, resources };
}

const CRASH = /could not evaluate/;

describe("arbitrary JSON as props", () => {
  it("never crashes the pack, and never passes a deployment the reference cannot show compliant", () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const world = junkWorld(g, anyWorld(g));
        const result = evaluate(graph(world), packConfig(world.settings));
        const crash = result.judgement.findings.find((f) => CRASH.test(f.message));
        if (crash) throw new Error(`crash: ${crash.message}\nworld: ${show(world)}`);
        const expected = referenceVerdicts(refResources(world), world.settings);
        for (const d of deployments(world)) {
          const verdict = expected.get(d.logical)!;
          if (result.subject(d.logical).compliant && verdict.outcome !== "compliant")
            throw new Error(explain(world, d.logical, verdict, result.judgement.findings));
        }
      }),
      params(3),
    );
  });

  it("through the real protocol: JSON junk never crashes the analyzer nor the pack", async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        let world = anyWorld(g, "none");
        for (let i = 0; i < 3; i++) {
          const at = g(fc.nat, world.resources.length - 1);
          const r = world.resources[at];
          const props = replaceAt(r.props, pick(g, paths(r.props)), draw(g, smallJson)) as Props;
          world = { ...world, resources: world.resources.map((x, j) => (j === at ? { ...x, props } : x)) };
        }
        const outcome = await run(steps(world), pick(g, ["up", "preview"] as const), packConfig(world.settings));
        const crash = outcome.result.diagnostics.find((d) => CRASH.test(d.message));
        if (crash) throw new Error(`crash: ${crash.message}\nworld: ${show(world)}`);
        const expected = referenceVerdicts(refResources(world), world.settings, { ordered: true });
        const stopped = blocked(outcome);
        for (const d of deployments(world))
          if (!stopped.has(d.logical) && expected.get(d.logical)!.outcome !== "compliant")
            throw new Error(`${d.logical} passed: ${JSON.stringify(expected.get(d.logical))}\nworld: ${show(world)}`);
      }),
      protocolParams(2),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Preview unknowns never pass silently

/**
 * The preview of a world: resources that do not exist yet have no id and unknown outputs; 1-3 values anywhere
 * (or a provider's subscriptionId) are unknown; references the program makes are unknown and linked by
 * propertyDependencies: `raiPolicyName: policy.name` and `accountName: account.name` where the value is exactly
 * that resource's name, and values computed from a resource whose name is already known (it exists).
 */
function previewOf(g: G, world: World): { world: World; extras: Map<string, GraphExtras> } {
  const existing = new Set(world.resources.filter(() => chance(g, 30)).map((r) => r.logical));
  const extras = new Map<string, GraphExtras>();
  const urn = (r: WorldResource) => urnOf(TYPE[r.kind], r.logical);
  let resources = world.resources.map((r) => {
    if (existing.has(r.logical)) {
      const id = r.idSubscription === undefined ? undefined : armId(r, r.idSubscription);
      extras.set(r.logical, { outputs: { name: nameOf(r), ...(id ? { id } : {}) } });
      return r;
    }
    return { ...r, idSubscription: undefined };
  });
  const link = (r: WorldResource, key: string, targets: readonly WorldResource[], value: unknown) => {
    const exact = targets.filter((t) => nameOf(t) === value);
    const known = targets.filter((t) => existing.has(t.logical) && nameOf(t) !== value);
    const choice =
      exact.length > 0 && chance(g, 70)
        ? pick(g, exact)
        : known.length > 0 && chance(g, 30)
          ? pick(g, known)
          : undefined;
    if (choice === undefined) return false;
    const extra = extras.get(r.logical) ?? {};
    extras.set(r.logical, { ...extra, propertyDependencies: { ...extra.propertyDependencies, [key]: [urn(choice)] } });
    return true;
  };
  resources = resources.map((r, index) => {
    if (existing.has(r.logical)) return r;
    const before = resources.slice(0, index);
    let props = r.props;
    if (
      r.kind !== "account" &&
      link(
        r,
        "accountName",
        before.filter((t) => t.kind === "account"),
        props.accountName,
      )
    )
      props = { ...props, accountName: UNKNOWN_STRING };
    const policyName = (props.properties as Props | undefined)?.raiPolicyName;
    if (
      r.kind === "deployment" &&
      policyName !== undefined &&
      link(
        r,
        "properties",
        before.filter((t) => t.kind === "rai-policy"),
        policyName,
      )
    )
      props = replaceAt(props, ["properties", "raiPolicyName"], UNKNOWN_STRING) as Props;
    return { ...r, props };
  });
  let providers = [...world.providers];
  for (let i = g(fc.integer, { min: 0, max: 3 }); i > 0; i--) {
    if (providers.length > 0 && chance(g, 15)) {
      const at = g(fc.nat, providers.length - 1);
      providers = providers.map((p, j) => (j === at ? { ...p, declared: UNKNOWN_STRING } : p));
      continue;
    }
    const at = g(fc.nat, resources.length - 1);
    const all = paths(resources[at].props);
    if (all.length === 0) continue;
    const props = replaceAt(resources[at].props, pick(g, all), draw(g, sentinel)) as Props;
    resources = resources.map((x, j) => (j === at ? { ...x, props } : x));
  }
  return { world: { ...world, providers, resources }, extras };
}

describe("preview unknowns", () => {
  it("at the end of a preview, a deployment that is not compliant once every value is known never passes", () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const world = anyWorld(g);
        const known = referenceVerdicts(refResources(world), world.settings);
        const preview = previewOf(g, world);
        const result = evaluate(graph(preview.world, preview.extras), packConfig(world.settings), {
          endOfPreview: true,
        });
        for (const d of deployments(world)) {
          const verdict = known.get(d.logical)!;
          if (verdict.outcome === "compliant") continue;
          checked++;
          if (result.subject(d.logical).compliant)
            throw new Error(
              `${explain(world, d.logical, verdict, [])}\npreview: ${show(preview.world)} links ${JSON.stringify([...preview.extras])}`,
            );
        }
      }),
      params(3),
    );
    expect(checked).toBeGreaterThan(0);
  });

  it("through the real protocol (preview): references to policies and accounts never pass a non-compliant deployment", async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const world = anyWorld(g, "none");
        const expected = referenceVerdicts(refResources(world), world.settings, { ordered: true });
        const linked = (r: WorldResource): Props => {
          const before = world.resources.slice(0, world.resources.indexOf(r));
          const exact = (kind: Kind, value: unknown) => before.filter((t) => t.kind === kind && nameOf(t) === value);
          let props: Props = r.props;
          const accounts = exact("account", props.accountName);
          if (r.kind !== "account" && accounts.length > 0 && chance(g, 70))
            props = { ...props, accountName: ref(pick(g, accounts).logical) };
          const policies = exact("rai-policy", (props.properties as Props | undefined)?.raiPolicyName);
          if (r.kind === "deployment" && policies.length > 0 && chance(g, 70))
            props = {
              ...props,
              properties: { ...(props.properties as Props), raiPolicyName: ref(pick(g, policies).logical) },
            };
          return props;
        };
        const outcome = await run(steps(world, linked), "preview", packConfig(world.settings));
        const stopped = blocked(outcome);
        for (const d of deployments(world)) {
          const verdict = expected.get(d.logical)!;
          if (verdict.outcome !== "compliant" && !stopped.has(d.logical))
            throw new Error(
              `${d.logical} passed the preview: ${verdict.reasons}\n${outcome.text}\nworld: ${show(world)}`,
            );
        }
      }),
      protocolParams(4),
    );
  });
});
