// Builds the CCC evidence report from the pack's own pure code: the resource graph, the rule catalogue,
// evaluateRule, the org settings parser, rule config validation, waivers and the filter checks. No rule is
// restated here; each rule's own `notApplicable` tells "not applicable" from "pass", a label that never
// turns a finding into a pass.

import * as fs from "fs";
import * as path from "path";
import { evaluateRule, mergeInputsAndOutputs, undecidedMessage } from "../../policy-pack/src/evaluate";
import {
  FILTERS,
  FilterSpec,
  checkFilter,
  describeEntry,
  describeMode,
  isAsynchronousMode,
} from "../../policy-pack/src/filters";
import { resourceKind } from "../../policy-pack/src/adapters";
import { ResourceGraph } from "../../policy-pack/src/graph";
import {
  ContentFilter,
  ContentFilterPolicy,
  Evidence,
  PolicyResolution,
  ResourceRef,
  Subject,
  Value,
  isUnknown,
} from "../../policy-pack/src/model";
import { validateRuleConfig } from "../../policy-pack/src/ruleConfig";
import { RULES } from "../../policy-pack/src/rules";
import { EVIDENCE_TAGS } from "../../policy-pack/src/rules/recommendUniversalEvidence";
import { Outcome, Rule } from "../../policy-pack/src/rules/types";
import { DEFAULT_SETTINGS, OrgSettings, parseOrgSettings } from "../../policy-pack/src/settings";
import { Waiver, describeWaiver, findWaiver } from "../../policy-pack/src/waivers";
import { InputError, ReportInput, ReportResource, isSentinel } from "./input";
import {
  AccountRow,
  CccEvidenceReport,
  DeploymentRow,
  EnforcementLevel,
  EvidenceItem,
  FilterEntry,
  Finding,
  PolicyInfo,
  RaiPolicyRow,
  RequiredFilterState,
  ResourceId,
  RuleVerdict,
  WaiverInfo,
} from "./types";

export const ORG_CONFIG_ID = "ccc-organization-config";
const EVIDENCE_RULE_ID = "ccc-universal-evidence";
const DAY_MS = 24 * 60 * 60 * 1000;
const REQUIRED_FILTERS: readonly FilterSpec[] = [
  FILTERS.jailbreak,
  FILTERS.protectedMaterialText,
  FILTERS.protectedMaterialCode,
];

/** Pack config as written for `--policy-pack-config`: policy id -> level, or {enforcementLevel?, ...config}. */
export type PackConfig = Record<string, unknown>;

export interface BuildOptions {
  readonly config?: PackConfig;
  readonly configFile?: string | null;
  /** Evaluation date (waiver expiry, evidence age), YYYY-MM-DD; default: the day of `generatedAt`. */
  readonly asOf?: string;
  readonly generatedAt?: Date;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function packInfo(): { name: string; version: string } {
  const file = path.join(__dirname, "..", "..", "policy-pack", "package.json");
  const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

/** The level a policy runs at: the config's (string or {enforcementLevel}), else the default. */
export function enforcementLevel(config: PackConfig, id: string, defaultLevel: string): EnforcementLevel {
  const entry = config[id];
  const given = typeof entry === "string" ? entry : isRecord(entry) ? entry.enforcementLevel : undefined;
  const level = given ?? defaultLevel;
  if (level === "mandatory" || level === "advisory" || level === "disabled") return level;
  // The engine runs "remediate" policies like mandatory ones for a policy that cannot fix anything.
  if (level === "remediate") return "mandatory";
  throw new InputError(
    `pack config: "${id}" has enforcement level ${JSON.stringify(level)}; use advisory, mandatory, remediate or disabled`,
  );
}

/** A policy's own config, as the engine hands it to the policy (without the enforcement level). */
function policyConfig(config: PackConfig, id: string): Record<string, unknown> {
  const entry = config[id];
  if (!isRecord(entry)) return {};
  const rest: Record<string, unknown> = { ...entry };
  delete rest.enforcementLevel;
  return rest;
}

/** Checks the shape of a pack config file before anything reads it. */
export function checkPackConfig(config: unknown, file: string): PackConfig {
  if (!isRecord(config)) throw new InputError(`${file}: pack config must be a JSON object of policy id -> settings`);
  for (const [id, entry] of Object.entries(config)) {
    if (typeof entry !== "string" && !isRecord(entry)) {
      throw new InputError(`${file}: "${id}" must be an enforcement level or an object, got ${JSON.stringify(entry)}`);
    }
  }
  return config;
}

const ref = (r: ResourceRef): ResourceId => ({ urn: r.urn, name: r.name, type: r.type });
const known = (v: Value<string>): string | null => (typeof v === "string" ? v : null);
const knownBool = (v: Value<boolean>): boolean | null => (typeof v === "boolean" ? v : null);

function waiverInfo(w: Waiver, expired: boolean): WaiverInfo {
  return {
    policy: w.policy,
    resource: w.resource,
    reason: w.reason,
    approvedBy: w.approvedBy,
    expires: w.expires,
    expired,
  };
}

export function buildReport(input: ReportInput, options: BuildOptions = {}): CccEvidenceReport {
  const config = options.config ?? {};
  const generatedAt = options.generatedAt ?? new Date();
  const asOf = options.asOf ?? generatedAt.toISOString().slice(0, 10);
  const now = options.asOf ? new Date(`${options.asOf}T00:00:00Z`) : generatedAt;

  // Organization settings, exactly as the ccc-organization-config policy parses them.
  const configErrors: string[] = [];
  const orgLevel = enforcementLevel(config, ORG_CONFIG_ID, "mandatory");
  let settings: OrgSettings = DEFAULT_SETTINGS;
  if (orgLevel !== "disabled") {
    const parsed = parseOrgSettings(
      isRecord(config[ORG_CONFIG_ID]) ? config[ORG_CONFIG_ID] : undefined,
      RULES.map((r) => r.meta.id),
    );
    settings = parsed.settings;
    configErrors.push(...parsed.errors);
  }

  // Each rule's level and validated config.
  const levels = new Map<string, EnforcementLevel>();
  const ruleConfigs = new Map<string, Record<string, unknown>>();
  const configFindings: Finding[] = configErrors.map((e) => ({
    ruleId: ORG_CONFIG_ID,
    level: orgLevel,
    verdict: "violation",
    message: `Invalid pack config (the safe default is used instead): ${e}`,
  }));
  for (const rule of RULES) {
    const level = enforcementLevel(config, rule.meta.id, rule.meta.defaultEnforcement);
    levels.set(rule.meta.id, level);
    const { values, errors } = validateRuleConfig(rule.meta.id, rule.configSchema, policyConfig(config, rule.meta.id));
    ruleConfigs.set(rule.meta.id, values);
    if (errors.length > 0 && level !== "disabled") {
      configErrors.push(...errors);
      configFindings.push({
        ruleId: rule.meta.id,
        level,
        verdict: "violation",
        message: `Invalid pack config (the default is used instead): ${errors.join(" ")}`,
      });
    }
  }

  // The graph, as the stack recheck builds it: inputs joined with outputs, with property dependencies.
  const byUrn = new Map<string, ReportResource>();
  const props = new Map<string, Record<string, unknown>>();
  const modelled = input.resources.filter((r) => resourceKind(r.type) !== undefined);
  for (const r of modelled) {
    byUrn.set(r.urn, r);
    props.set(r.urn, mergeInputsAndOutputs(r.inputs, r.outputs));
  }
  const graph = ResourceGraph.fromStack(
    modelled.map((r) => ({
      ref: { urn: r.urn, name: r.name, type: r.type },
      props: props.get(r.urn)!,
      propertyDependencies: r.propertyDependencies,
    })),
  );

  const waiversMatched = new Set<number>();
  const findings: Finding[] = [...configFindings];
  const deployments: DeploymentRow[] = [];
  const raiPolicies: RaiPolicyRow[] = [];
  const accounts: AccountRow[] = [];
  const subjects = graph.subjects(settings);

  for (const subject of subjects) {
    const verdicts: RuleVerdict[] = [];
    for (const rule of RULES) {
      if (!rule.meta.appliesTo.includes(subject.kind)) continue;
      const verdict = judge(rule, subject);
      verdicts.push(verdict);
      for (const message of verdict.notes ?? []) {
        findings.push({
          ruleId: rule.meta.id,
          level: "advisory",
          verdict: "note",
          resource: ref(subject.ref),
          message,
        });
      }
      if (verdict.verdict === "violation" || verdict.verdict === "undecidable" || verdict.verdict === "waived") {
        for (const message of verdict.messages) {
          findings.push({
            ruleId: rule.meta.id,
            level: verdict.level,
            verdict: verdict.verdict,
            resource: ref(subject.ref),
            message,
            ...(verdict.waiver ? { waiver: verdict.waiver } : {}),
          });
        }
      }
    }
    const compliant = !verdicts.some(blocks);
    if (subject.kind === "deployment") deployments.push(deploymentRow(subject, verdicts, compliant));
    else if (subject.kind === "rai-policy") {
      raiPolicies.push({
        resource: ref(subject.ref),
        policy: policyInfo({ kind: "resolved", policy: subject.policy }),
        useCases: [...subject.policy.useCases.values],
        verdicts,
        compliant,
      });
    } else {
      accounts.push({
        resource: ref(subject.ref),
        name: known(subject.account.name),
        kind: known(subject.account.kind),
        useCases: [...subject.account.useCases.values],
        verdicts,
        compliant,
      });
    }
  }

  function judge(rule: Rule, subject: Subject): RuleVerdict {
    const level = levels.get(rule.meta.id)!;
    const base = {
      ruleId: rule.meta.id,
      ruleName: rule.meta.name,
      level,
      cccClause: rule.meta.cccClause,
      effectiveDate: rule.meta.effectiveDate ?? null,
    };
    if (level === "disabled") return { ...base, verdict: "disabled", messages: [] };
    const context = { settings, now, config: ruleConfigs.get(rule.meta.id)! };
    const all = evaluateRule(rule, subject, context);
    // Notes are advisory whatever the rule's level (something allowed by an approval, say) and never waived.
    const notes = all.filter((o) => !isFinding(o)).map((o) => (o as unknown as { message: string }).message);
    const withNotes = notes.length ? { notes } : {};
    const outcomes = all.filter(isFinding);
    if (outcomes.length === 0) {
      const note = rule.notApplicable?.(subject, context);
      return note === undefined || notes.length
        ? { ...base, verdict: "pass", messages: [], ...withNotes }
        : { ...base, verdict: "not applicable", messages: [], note };
    }
    const messages = outcomes.map((o) => (o.kind === "violation" ? o.message : undecided(subject, o)));
    const match = findWaiver(settings.waivers, rule.meta.id, subject.ref.urn, subject.ref.name, now);
    if (match) waiversMatched.add(match.index);
    if (match && !match.expired) {
      return { ...base, verdict: "waived", messages, ...withNotes, waiver: waiverInfo(match.waiver, false) };
    }
    const expired = match ? ` (The ${describeWaiver(match.waiver)} has expired and no longer applies.)` : "";
    const verdict = outcomes.some((o) => o.kind === "violation") ? "violation" : "undecidable";
    return {
      ...base,
      verdict,
      messages: messages.map((m) => `${m}${expired}`),
      ...withNotes,
      ...(match ? { waiver: waiverInfo(match.waiver, true) } : {}),
    };
  }

  /** The pack's wording for an unknown; a ciphertext secret gets its own, since no preview is involved. */
  function undecided(subject: Subject, o: Extract<Outcome, { kind: "undecidable" }>): string {
    const secretOwner = [subject.ref.urn, ...relatedUrns(subject)].find((urn) =>
      (byUrn.get(urn)?.secretPaths ?? []).some((p) => overlaps(p, o.unknown.path)),
    );
    if (secretOwner !== undefined) {
      const owner = byUrn.get(secretOwner)!;
      return `"${subject.ref.name}" cannot be shown compliant: .${o.unknown.path} of "${owner.name}" is a secret whose value the input does not show (${o.why}). Export the stack with \`pulumi stack export --show-secrets\` so the report can read it (it never prints secret values), or do not mark it secret.`;
    }
    return undecidedMessage(subject, o);
  }

  function deploymentRow(
    subject: Extract<Subject, { kind: "deployment" }>,
    verdicts: RuleVerdict[],
    compliant: boolean,
  ): DeploymentRow {
    const d = subject.deployment;
    const p = props.get(subject.ref.urn) ?? {};
    const useCases =
      subject.useCases.kind === "known"
        ? { values: [...subject.useCases.values], declaredOn: [...subject.useCases.declaredOn] }
        : { values: [], declaredOn: [], undecidable: subject.useCases.why };
    return {
      resource: ref(subject.ref),
      deploymentName: known(d.name),
      account: {
        name: known(subject.account?.name ?? d.accountName),
        ...(subject.account ? { resource: ref(subject.account.ref) } : {}),
      },
      model: {
        name: known(d.modelName),
        version: stringAt(p, ["properties", "model", "version"]) ?? stringAt(p, ["model", "version"]),
        format: known(d.modelFormat),
      },
      sku: { name: stringAt(p, ["sku", "name"]), capacity: numberAt(p, ["sku", "capacity"]) },
      useCases,
      policy: policyInfo(subject.policy),
      evidence: evidenceOf(subject),
      verdicts,
      compliant,
    };
  }

  function evidenceOf(subject: Extract<Subject, { kind: "deployment" }>): DeploymentRow["evidence"] {
    const own = subject.deployment.evidence;
    const account = subject.account;
    const evidenceConfig = ruleConfigs.get(EVIDENCE_RULE_ID) ?? {};
    const asOfMs = typeof evidenceConfig.asOfDate === "string" ? Date.parse(evidenceConfig.asOfDate) : now.getTime();
    const pick = (key: keyof Evidence): { value: Value<string>; on: string | null } => {
      if (own[key] !== undefined) return { value: own[key], on: "deployment" };
      if (account && account.evidence[key] !== undefined) {
        return { value: account.evidence[key], on: `account "${account.ref.name}"` };
      }
      return { value: undefined, on: null };
    };
    const item = (tag: string, key: keyof Evidence, dateTag: string, dateKey: keyof Evidence): EvidenceItem => {
      const pointer = pick(key);
      const date = pick(dateKey);
      const dateText = shown(date.value);
      const parsed = typeof date.value === "string" ? Date.parse(date.value.trim()) : NaN;
      return {
        tag,
        value: shown(pointer.value),
        dateTag,
        date: dateText,
        ageDays: Number.isNaN(parsed) ? null : Math.floor((asOfMs - parsed) / DAY_MS),
        declaredOn: pointer.on ?? date.on,
      };
    };
    return {
      metaprompt: item(EVIDENCE_TAGS.metaprompt, "metaprompt", EVIDENCE_TAGS.metapromptDate, "metapromptDate"),
      evaluationReport: item(
        EVIDENCE_TAGS.evaluationReport,
        "evaluationReport",
        EVIDENCE_TAGS.evaluationReportDate,
        "evaluationReportDate",
      ),
    };
  }

  const unusedWaivers = settings.waivers
    .map((w, i) => ({ w, i }))
    .filter(({ i }) => !waiversMatched.has(i))
    .map(({ w }) => waiverInfo(w, now.getTime() >= Date.parse(`${w.expires}T00:00:00Z`) + DAY_MS));

  const count = (pred: (f: Finding) => boolean): number => findings.filter(pred).length;
  const mandatoryViolations = count((f) => f.level === "mandatory" && f.verdict === "violation");
  const notes = count((f) => f.verdict === "note");
  const mandatoryUndecidable = count((f) => f.level === "mandatory" && f.verdict === "undecidable");
  const report: CccEvidenceReport = {
    reportVersion: 1,
    pack: packInfo(),
    input: {
      kind: input.kind,
      path: input.path,
      project: input.project,
      stack: input.stack,
      configFile: options.configFile ?? null,
      resources: input.resources.length,
      modelled: subjects.length,
    },
    generatedAt: generatedAt.toISOString(),
    asOf,
    summary: {
      compliant: mandatoryViolations === 0 && mandatoryUndecidable === 0,
      deployments: deployments.length,
      compliantDeployments: deployments.filter((d) => d.compliant).length,
      mandatoryViolations,
      advisoryViolations: count((f) => f.level === "advisory" && f.verdict === "violation"),
      undecidable: count((f) => f.verdict === "undecidable"),
      waived: count((f) => f.verdict === "waived"),
      notes,
      disabledRules: [ORG_CONFIG_ID, ...RULES.map((r) => r.meta.id)].filter(
        (id) => (id === ORG_CONFIG_ID ? orgLevel : levels.get(id)) === "disabled",
      ),
      configErrors,
      unusedWaivers,
    },
    rules: RULES.map((r) => ({
      id: r.meta.id,
      name: r.meta.name,
      level: levels.get(r.meta.id)!,
      defaultEnforcement: r.meta.defaultEnforcement,
      severity: r.meta.severity,
      cccClause: r.meta.cccClause,
      effectiveDate: r.meta.effectiveDate ?? null,
      remediation: r.meta.remediation,
      docsAnchor: r.meta.docsAnchor,
    })),
    deployments,
    raiPolicies,
    accounts,
    findings,
  };
  return redact(report, input.secrets);
}

type FindingOutcome = Extract<Outcome, { kind: "violation" | "undecidable" }>;
const isFinding = (o: Outcome): o is FindingOutcome => o.kind === "violation" || o.kind === "undecidable";

/** A verdict that makes a resource (and the report) non-compliant. */
function blocks(v: RuleVerdict): boolean {
  return v.level === "mandatory" && (v.verdict === "violation" || v.verdict === "undecidable");
}

/** The resources a deployment's verdicts read besides itself: its account and its in-stack policy. */
function relatedUrns(subject: Subject): string[] {
  if (subject.kind !== "deployment") return [];
  const urns: string[] = [];
  if (subject.account) urns.push(subject.account.ref.urn);
  if (subject.policy.kind === "resolved" && subject.policy.policy.ref) urns.push(subject.policy.policy.ref.urn);
  return urns;
}

function overlaps(a: string, b: string): boolean {
  return a === b || b.startsWith(`${a}.`) || b.startsWith(`${a}[`) || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
}

/** The policy a deployment runs on, with the exact state of each required filter. */
function policyInfo(resolution: PolicyResolution): PolicyInfo {
  switch (resolution.kind) {
    case "service-default":
      return {
        name: null,
        origin: "service-default",
        mode: null,
        asynchronous: false,
        basePolicyName: null,
        filters: [],
        note: "properties.raiPolicyName is not set: the service's default policy applies, whose filter modes Microsoft does not publish",
      };
    case "microsoft-managed":
      return {
        name: resolution.name,
        origin: "microsoft-managed",
        mode: null,
        asynchronous: false,
        basePolicyName: null,
        filters: [],
        note: "a Microsoft-managed policy: its filter modes are not published",
      };
    case "unresolved":
      return {
        name: resolution.name,
        origin: "unresolved",
        mode: null,
        asynchronous: false,
        basePolicyName: null,
        filters: [],
        note: "not defined in this stack, nor listed in ccc-organization-config.externalRaiPolicies",
      };
    case "undecidable":
      return {
        name: null,
        origin: "unknown",
        mode: null,
        asynchronous: false,
        basePolicyName: null,
        filters: [],
        note: resolution.why,
      };
    case "resolved":
      return resolvedPolicy(resolution.policy);
  }
}

function resolvedPolicy(policy: ContentFilterPolicy): PolicyInfo {
  const mode = known(policy.mode);
  return {
    name: known(policy.name),
    origin: policy.ref ? "in-stack" : "external",
    ...(policy.ref ? { resource: ref(policy.ref) } : {}),
    mode: isUnknown(policy.mode) ? "(unknown)" : mode,
    asynchronous: mode !== null && isAsynchronousMode(mode),
    basePolicyName: known(policy.basePolicyName),
    filters: REQUIRED_FILTERS.map((spec) => filterState(policy, spec)),
  };
}

function entry(f: ContentFilter): FilterEntry {
  return {
    entry: describeEntry(f),
    enabled: knownBool(f.enabled),
    blocking: knownBool(f.blocking),
    action: known(f.action),
  };
}

/** checkFilter with no accepted mode reports the mode as found (or missing/unknown), never "ok". */
function filterState(policy: ContentFilterPolicy, spec: FilterSpec): RequiredFilterState {
  const result = checkFilter(policy, spec, []);
  const base = { filter: spec.display, source: spec.source };
  switch (result.state) {
    case "unknown":
      return {
        ...base,
        state: "unknown",
        description: `not known: .${result.unknown.path} cannot be read`,
        entries: [],
        wrongSource: [],
      };
    case "missing":
      return {
        ...base,
        state: "missing",
        description: `no "${spec.display}" entry on source "${spec.source}"`,
        entries: [],
        wrongSource: result.wrongSource.map(entry),
      };
    case "weak":
    case "ok":
      return {
        ...base,
        state: result.mode,
        description: describeMode(result.mode),
        entries: result.entries.map(entry),
        wrongSource: [],
      };
  }
}

function shown(v: Value<string>): string | null {
  if (isUnknown(v)) return "(not known)";
  return v ?? null;
}

function valueAt(p: unknown, keys: readonly string[]): unknown {
  let v: unknown = p;
  for (const k of keys) {
    if (!isRecord(v)) return undefined;
    v = v[k];
  }
  return v;
}

function stringAt(p: unknown, keys: readonly string[]): string | null {
  const v = valueAt(p, keys);
  if (isSentinel(v)) return "(not known)";
  return typeof v === "string" ? v : null;
}

function numberAt(p: unknown, keys: readonly string[]): number | null {
  const v = valueAt(p, keys);
  return typeof v === "number" ? v : null;
}

/** Replaces every plaintext secret in every string of the report (and drops numbers that are secrets). */
export function redact<T>(value: T, secrets: readonly string[]): T {
  const list = secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  if (list.length === 0) return value;
  // Short secret numbers come marked with a leading NUL: they are dropped as numbers only.
  const strings = list.filter((s) => !s.startsWith("\u0000"));
  const scrub = (v: unknown): unknown => {
    if (typeof v === "string") return strings.reduce((s, secret) => s.split(secret).join("[secret]"), v);
    if (typeof v === "number") return list.includes(String(v)) || list.includes(`\u0000${v}`) ? null : v;
    if (Array.isArray(v)) return v.map(scrub);
    if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]));
    return v;
  };
  return scrub(value) as T;
}
