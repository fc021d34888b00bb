// Builders and the one check of the adversarial suite. Every scenario runs in `up` and in `preview` through
// the real analyzer protocol (test/support/scenario.ts) and is held to four properties:
// - exact findings: `[level] rule logical-name`, every diagnostic counted (a repeated finding fails);
// - no leak: no message or log holds a secret value, or any part of it longer than 3 characters (any case);
// - in `up`, every mandatory finding comes at resource level, during the Analyze call of the resource it is
//   about (before its step), never only at stack level or when a later resource registers;
// - the run itself: the pack answers every call (a crash fails the run).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PackConfig } from "../../tooling/harness/analyzer";
import { produceReport } from "../../tooling/report/run";
import { CccReport } from "../../tooling/report/types";
import { exportFromSteps } from "../support/exportFromCapture";
import { AN, CLASSIC, HUB, Step, TracedOutcome, computedLate, runTraced } from "../support/scenario";

export type Json = Record<string, unknown>;

/** Today, so evidence tags are never stale: compliant stacks then have no finding at all. */
export const TODAY = new Date().toISOString().slice(0, 10);
export const EVIDENCE: Json = {
  "ccc-metaprompt": "kb://prompts/copyright-v3",
  "ccc-metaprompt-date": TODAY,
  "ccc-evaluation-report": "kb://reports/redteam-latest",
  "ccc-evaluation-report-date": TODAY,
};
export const SUB_A = "aaaaaaaa-0000-0000-0000-00000000000a";
export const SUB_B = "bbbbbbbb-0000-0000-0000-00000000000b";
export const SUB_C = "cccccccc-0000-0000-0000-00000000000c";
/** The stand-in's subscription for resources under the default provider. */
export const DEFAULT_SUB = "00000000-0000-0000-0000-000000000000";

// ---- content filters -------------------------------------------------------------------------------------

export const filter = (name: unknown, source: unknown, enabled: unknown = true, blocking: unknown = true): Json => ({
  name,
  source,
  enabled,
  blocking,
});
export const JAILBREAK = filter("Jailbreak", "Prompt");
export const PM_TEXT = filter("Protected Material Text", "Completion");
export const PM_CODE = filter("Protected Material Code", "Completion");
export const HARM: Json[] = ["Hate", "Sexual", "Violence", "Selfharm"].flatMap((n) =>
  ["Prompt", "Completion"].map((s) => ({ ...filter(n, s), severityThreshold: "Medium" })),
);
export const COMPLIANT: Json[] = [...HARM, JAILBREAK, PM_TEXT, PM_CODE];
/** COMPLIANT with the entries for `name` (any of its spellings) replaced by `replacement`. */
export const replacing = (
  key: "Jailbreak" | "Protected Material Text" | "Protected Material Code",
  ...replacement: Json[]
) => [...COMPLIANT.filter((f) => f.name !== key), ...replacement];
/** COMPLIANT with Jailbreak, or Protected Material Text, in annotate mode (enabled, not blocking). */
export const WEAK_JB = replacing("Jailbreak", filter("Jailbreak", "Prompt", true, false));
export const WEAK_PMT = replacing(
  "Protected Material Text",
  filter("Protected Material Text", "Completion", true, false),
);

// ---- values a preview does not know ---------------------------------------------------------------------

/** A resource the pack does not read; values computed from it (`late`) are unknown in a preview, known in up. */
export const seed: Step = {
  type: "azure-native:resources:ResourceGroup",
  name: "seed",
  inputs: { resourceGroupName: "seed", location: "swedencentral" },
};
export const late = (v: unknown) => computedLate("seed", () => v);

// ---- expected findings -----------------------------------------------------------------------------------

export const M = (rule: string, resource: string) => `[mandatory] ${rule} ${resource}`;
export const A = (rule: string, resource: string) => `[advisory] ${rule} ${resource}`;
export const R = {
  org: "ccc-organization-config",
  useCase: "ccc-use-case-declared",
  wellFormed: "ccc-well-formed-resources",
  approvedUseCases: "ccc-approved-use-cases",
  covered: "ccc-covered-model",
  modified: "ccc-modified-content-filters",
  capacity: "ccc-approved-capacity",
  explicit: "ccc-explicit-rai-policy",
  verifiable: "ccc-verifiable-rai-policy",
  fineTuned: "ccc-fine-tuned-deployment-limit",
  pmText: "ccc-text-protected-material-filter",
  gated: "ccc-gated-models",
  jailbreak: "ccc-jailbreak-filter-mode",
  pmCode: "ccc-code-protected-material-filter",
  async: "ccc-async-filter-coverage",
  licence: "ccc-code-licence-notice",
  evidence: "ccc-universal-evidence",
} as const;

// ---- steps -----------------------------------------------------------------------------------------------

interface Placed {
  /** Logical (Pulumi) name; defaults to the Azure name. */
  readonly logical?: string;
  /** Logical name of an explicit provider step. */
  readonly provider?: string;
  readonly rg?: unknown;
  readonly existing?: boolean;
}

const step = (type: string, name: string, inputs: Json, o: Placed): Step => ({
  type,
  name,
  inputs,
  ...(o.provider ? { provider: o.provider } : {}),
  ...(o.existing ? { existing: true } : {}),
});

export const provider = (logical: string, subscriptionId?: unknown): Step => ({
  type: AN.provider,
  name: logical,
  inputs: subscriptionId === undefined ? { location: "swedencentral" } : { location: "swedencentral", subscriptionId },
});

export const classicProvider = (logical: string, subscriptionId?: unknown): Step => ({
  type: CLASSIC.provider,
  name: logical,
  inputs: subscriptionId === undefined ? { features: {} } : { features: {}, subscriptionId },
});

export interface AccountOptions extends Placed {
  /** The `ccc-use-case` tag; undefined leaves it out. */
  readonly useCase?: unknown;
  /** Extra tags (or overrides). */
  readonly tags?: Json;
  readonly kind?: string;
  /** Evidence tags (default: current ones). */
  readonly evidence?: boolean;
}

function accountTags(o: AccountOptions): Json {
  const useCase = "useCase" in o ? o.useCase : "text-generation";
  return {
    ...(o.evidence === false ? {} : EVIDENCE),
    ...(useCase === undefined ? {} : { "ccc-use-case": useCase }),
    ...o.tags,
  };
}

export const account = (name: unknown, o: AccountOptions = {}): Step =>
  step(
    AN.account,
    o.logical ?? String(name),
    {
      accountName: name,
      resourceGroupName: o.rg ?? "rg",
      kind: o.kind ?? "OpenAI",
      location: "swedencentral",
      sku: { name: "S0" },
      tags: accountTags(o),
    },
    o,
  );

export interface PolicyOptions extends Placed {
  /** The account's name, or a reference to it (default "oai"). */
  readonly account?: unknown;
  readonly mode?: unknown;
  readonly tags?: Json;
  readonly basePolicyName?: string;
}

export const policy = (name: unknown, filters: unknown, o: PolicyOptions = {}): Step =>
  step(
    AN.policy,
    o.logical ?? String(name),
    {
      raiPolicyName: name,
      accountName: o.account ?? "oai",
      resourceGroupName: o.rg ?? "rg",
      properties: {
        ...("mode" in o ? (o.mode === undefined ? {} : { mode: o.mode }) : { mode: "Default" }),
        ...(o.basePolicyName ? { basePolicyName: o.basePolicyName } : {}),
        contentFilters: filters,
      },
      ...(o.tags ? { tags: o.tags } : {}),
    },
    o,
  );

export const subscriptionPolicy = (name: unknown, filters: unknown, o: PolicyOptions = {}): Step =>
  step(
    AN.subscriptionPolicy,
    o.logical ?? String(name),
    { raiPolicyName: name, properties: { mode: o.mode ?? "Default", contentFilters: filters } },
    o,
  );

export interface DeploymentOptions extends Placed {
  readonly account?: unknown;
  readonly model?: unknown;
  readonly format?: unknown;
  readonly version?: unknown;
  readonly capacity?: unknown;
  readonly tags?: Json;
  readonly spillover?: unknown;
}

/** A deployment; `raiPolicyName` undefined leaves the property out (the service assigns a policy). */
export const deployment = (name: unknown, raiPolicyName: unknown, o: DeploymentOptions = {}): Step =>
  step(
    AN.deployment,
    o.logical ?? String(name),
    {
      deploymentName: name,
      accountName: o.account ?? "oai",
      resourceGroupName: o.rg ?? "rg",
      sku: { name: "GlobalStandard", capacity: "capacity" in o ? o.capacity : 10 },
      properties: {
        model: { format: o.format ?? "OpenAI", name: o.model ?? "gpt-4o", version: o.version ?? "2024-11-20" },
        ...(raiPolicyName === undefined ? {} : { raiPolicyName }),
        ...(o.spillover === undefined ? {} : { spilloverDeploymentName: o.spillover }),
      },
      ...(o.tags ? { tags: o.tags } : {}),
    },
    o,
  );

// ---- classic provider (@pulumi/azure) --------------------------------------------------------------------

export const classicAccount = (name: string, o: AccountOptions & { aiServices?: boolean } = {}): Step =>
  step(
    o.aiServices ? CLASSIC.aiServices : CLASSIC.account,
    o.logical ?? name,
    {
      name,
      resourceGroupName: o.rg ?? "rg",
      location: "swedencentral",
      skuName: "S0",
      ...(o.aiServices ? {} : { kind: o.kind ?? "OpenAI" }),
      tags: accountTags(o),
    },
    o,
  );

/** A classic child names its account by ARM id: a reference to the account's `id`, or a literal id. */
export const armAccountId = (subscription: string, rg: string, accountName: string) =>
  `/subscriptions/${subscription}/resourceGroups/${rg}/providers/Microsoft.CognitiveServices/accounts/${accountName}`;

export const classicPolicy = (
  name: string,
  cognitiveAccountId: unknown,
  filters: Json[],
  o: Placed & { mode?: string } = {},
): Step =>
  step(
    CLASSIC.policy,
    o.logical ?? name,
    {
      name,
      cognitiveAccountId,
      basePolicyName: "Microsoft.Default",
      ...(o.mode ? { mode: o.mode } : {}),
      contentFilters: filters.map((f) => ({
        name: f.name,
        source: f.source,
        filterEnabled: f.enabled,
        blockEnabled: f.blocking,
        severityThreshold: "Medium",
      })),
    },
    o,
  );

export const classicDeployment = (
  name: string,
  cognitiveAccountId: unknown,
  raiPolicyName: unknown,
  o: Placed & { model?: string; format?: string } = {},
): Step =>
  step(
    CLASSIC.deployment,
    o.logical ?? name,
    {
      name,
      cognitiveAccountId,
      model: { format: o.format ?? "OpenAI", name: o.model ?? "gpt-4o", version: "2024-11-20" },
      sku: { name: "GlobalStandard", capacity: 10 },
      ...(raiPolicyName === undefined ? {} : { raiPolicyName }),
    },
    o,
  );

// ---- AI Foundry hub (machinelearningservices) ------------------------------------------------------------

export const workspace = (name: string, o: AccountOptions = {}): Step =>
  step(
    HUB.workspace,
    o.logical ?? name,
    {
      workspaceName: name,
      resourceGroupName: o.rg ?? "rg",
      kind: "Hub",
      location: "swedencentral",
      tags: accountTags(o),
    },
    o,
  );

type HubParent = { readonly workspace?: unknown; readonly endpoint?: unknown; readonly connection?: unknown };

const hubParent = (o: HubParent, connection: boolean): Json => ({
  workspaceName: o.workspace ?? "hub",
  ...(connection ? { connectionName: o.connection ?? "aoai" } : { endpointName: o.endpoint ?? "Azure.OpenAI" }),
});

export const hubPolicy = (
  name: string,
  filters: Json[],
  o: Placed & HubParent & { viaConnection?: boolean; mode?: string } = {},
): Step =>
  step(
    o.viaConnection ? HUB.connectionPolicy : HUB.policy,
    o.logical ?? name,
    {
      ...hubParent(o, o.viaConnection === true),
      raiPolicyName: name,
      resourceGroupName: o.rg ?? "rg",
      properties: {
        mode: o.mode ?? "Default",
        basePolicyName: "Microsoft.Default",
        contentFilters: filters.map((f) => ({ ...f, allowedContentLevel: "Medium" })),
      },
    },
    o,
  );

export const hubDeployment = (
  name: string,
  raiPolicyName: unknown,
  o: Placed & HubParent & { viaConnection?: boolean; model?: string; format?: string; type?: string } = {},
): Step =>
  step(
    o.viaConnection ? HUB.connectionDeployment : HUB.endpointDeployment,
    o.logical ?? name,
    {
      ...hubParent(o, o.viaConnection === true),
      deploymentName: name,
      resourceGroupName: o.rg ?? "rg",
      properties: {
        type: o.type ?? "Azure.OpenAI",
        model: { format: o.format ?? "OpenAI", name: o.model ?? "gpt-4o", version: "2024-11-20" },
        sku: { name: "GlobalStandard", capacity: 10 },
        ...(raiPolicyName === undefined ? {} : { raiPolicyName }),
      },
    },
    o,
  );

// ---- the check -------------------------------------------------------------------------------------------

export type Mode = "up" | "preview";
export interface PerMode {
  readonly up: readonly string[];
  readonly preview: readonly string[];
}
export type Expected = readonly string[] | PerMode;

const isPerMode = (e: Expected): e is PerMode => !Array.isArray(e);

export interface VerifyOptions {
  readonly config?: PackConfig;
  /** Secret values the stack holds: no message may show any part of one longer than 3 characters, in any case. */
  readonly secrets?: readonly unknown[];
  /**
   * Secrets whose meaning the pack must read (a filter name, a use case): their words also occur in the pack's
   * own wording ("Jailbreak"), so they are written in odd case and checked case-sensitively.
   */
  readonly caseSensitiveSecrets?: readonly string[];
  /**
   * Mandatory `up` findings that can only come at stack level (`lateBlocks` wording): what the resource level
   * of `up` cannot see. The preview `pulumi up` runs first reports them, so they still block before creation.
   */
  readonly lateInUp?: readonly string[];
}

/** Every diagnostic as `[level] rule resource`, sorted, repeats kept. */
export function findingsOf(outcome: TracedOutcome): string[] {
  return outcome.result.diagnostics
    .map((d) => `[${d.enforcementLevel}] ${d.policyName} ${d.urn ? d.urn.split("::").pop() : "(stack)"}`)
    .sort();
}

/** The forms a secret may take in text: the value, and a number's formatted form. */
function secretForms(secret: unknown): string[] {
  if (typeof secret === "number") return [String(secret), secret.toLocaleString("en-US")];
  if (typeof secret === "string") return [secret];
  return [JSON.stringify(secret)];
}

/** Parts of a secret longer than 3 characters that occur in `text` (case-insensitive unless `exactCase`). */
export function leaks(text: string, secrets: readonly unknown[], exactCase = false): string[] {
  const fold = (t: string) => (exactCase ? t : t.toLowerCase());
  const haystack = fold(text);
  const found = new Set<string>();
  for (const s of secrets) {
    for (const form of secretForms(s).map(fold)) {
      for (let i = 0; i + 4 <= form.length; i++) {
        const part = form.slice(i, i + 4);
        if (haystack.includes(part)) found.add(part);
      }
    }
  }
  return [...found];
}

/** What a mandatory `up` finding must satisfy: reported at resource level, while its own resource is analyzed. */
export function lateBlocks(outcome: TracedOutcome): string[] {
  return outcome.result.diagnostics.flatMap((d, i) => {
    if (d.enforcementLevel !== "mandatory") return [];
    const during = outcome.reportedDuring[i];
    if (d.phase === "analyze" && during === d.urn) return [];
    const where = during === undefined ? "at stack level (after every step)" : `while analyzing ${during}`;
    return [`${d.policyName} ${d.urn || "(stack)"} reported ${where}`];
  });
}

export interface Verified {
  readonly up: TracedOutcome;
  readonly preview: TracedOutcome;
}

/**
 * Runs the scenario in both modes (concurrently: two pack processes) and checks the four properties.
 * `expected` is the exact multiset of findings, the same for both modes unless given per mode.
 */
export async function verify(
  steps: readonly Step[],
  expected: Expected,
  options: VerifyOptions = {},
): Promise<Verified> {
  const [up, preview] = await Promise.all(
    (["up", "preview"] as const).map((mode) => runTraced(steps, mode, options.config ?? {})),
  );
  const outcomes = { up, preview };
  for (const mode of ["up", "preview"] as const) {
    const outcome = outcomes[mode];
    const wanted: readonly string[] = isPerMode(expected) ? expected[mode] : (expected as readonly string[]);
    expect({ mode, findings: findingsOf(outcome) }).toEqual({ mode, findings: [...wanted].sort() });
    const text = [...outcome.result.diagnostics.map((d) => d.message), ...outcome.result.logs].join("\n");
    const leaked = [...leaks(text, options.secrets ?? []), ...leaks(text, options.caseSensitiveSecrets ?? [], true)];
    expect({ mode, leaked }).toEqual({ mode, leaked: [] });
    expect({ mode, noRuntimeNoise: /can't run policy|UnknownValueError|TypeError/.test(text) }).toEqual({
      mode,
      noRuntimeNoise: false,
    });
  }
  expect(lateBlocks(up)).toEqual(options.lateInUp ?? []);
  return outcomes;
}

/** The messages of one rule's diagnostics on one resource, in a run. */
export function messages(outcome: TracedOutcome, rule: string, resource: string): string[] {
  return outcome.result.diagnostics
    .filter((d) => d.policyName === rule && d.urn.split("::").pop() === resource)
    .map((d) => d.message);
}

/**
 * The evidence report of the stack export `up` of these steps leaves says what the pack enforced in that `up`:
 * the same deployments blocked, the same rule, level and resource for every finding.
 */
export async function reportVsPack(steps: readonly Step[], config: PackConfig = {}): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-report-vs-pack-"));
  try {
    const file = path.join(dir, "stack.json");
    fs.writeFileSync(file, JSON.stringify(exportFromSteps(steps)));
    const configFile = path.join(dir, "config.json");
    fs.writeFileSync(configFile, JSON.stringify(config));
    const out = await produceReport({ format: "json", inputs: [file], configFile });
    const stack = (JSON.parse(out.text) as CccReport).stacks[0];
    const up = await runTraced(steps, "up", config);
    const blocked = new Set(
      up.result.diagnostics.filter((d) => d.enforcementLevel === "mandatory" && d.urn).map((d) => d.urn),
    );
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const verdicts = stack.deployments.map((d) => ({ name: d.resource.name, compliant: d.compliant })).sort(byName);
    const enforced = stack.deployments
      .map((d) => ({ name: d.resource.name, compliant: !blocked.has(d.resource.urn) }))
      .sort(byName);
    expect(verdicts).toEqual(enforced);
    const packPairs = new Set(
      up.result.diagnostics
        .filter((d) => d.urn)
        .map((d) => `${d.enforcementLevel} ${d.policyName} ${d.urn.split("::").pop()}`),
    );
    const reportPairs = new Set(stack.findings.map((f) => `${f.level} ${f.ruleId} ${f.resource.name}`));
    expect([...reportPairs].sort()).toEqual([...packPairs].sort());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
