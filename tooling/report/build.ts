// Builds the CCC evidence report from the pack's one judgement pipeline. Each stack is judged by
// `evaluateStack` (the same pipeline the pack's policies call); this module only copies its verdicts,
// findings and compliance into rows, and shows the model's values beside them: the filter states through
// `checkFilter`/`describeMode`, evidence through `evidenceOf`, policies through `policyLabel`. It decides
// nothing. A value that came from a secret is shown as `[secret]` (the model's taint); the findings' messages
// were scrubbed by the pipeline's own net.
import * as fs from "fs";
import * as path from "path";
import {
  Account,
  ContentFilter,
  ContentFilterPolicy,
  DEFAULT_DOCS_BASE,
  DeploymentSubject,
  EffectiveUseCases,
  FILTERS,
  Finding as PackFinding,
  PolicyResolution,
  REDACTED,
  ResourceRef,
  RuleVerdict as PackVerdict,
  StackEvaluation,
  SubjectJudgement,
  Tainted,
  UseCaseTag,
  Value,
  catalogue,
  checkFilter,
  describeEntry,
  describeMode,
  evidenceOf,
  isUnknown,
  policyLabel,
  policyModeKind,
} from "../../policy-pack/src/api";
import { StackInput } from "./input";
import {
  AccountRow,
  CccReport,
  DeploymentRow,
  EnforcementLevel,
  EvidenceItem,
  FilterEntry,
  Finding,
  FindingCounts,
  PolicyInfo,
  RaiPolicyRow,
  RequiredFilterState,
  ResourceId,
  RuleSummary,
  RuleVerdict,
  SCHEMA_VERSION,
  Shown,
  StackReport,
  UseCases,
} from "./types";

const NOT_KNOWN = "(not known)";
const REQUIRED_FILTERS = [FILTERS.jailbreak, FILTERS.protectedMaterialText, FILTERS.protectedMaterialCode];

export function packInfo(): { name: string; version: string } {
  const file = path.join(__dirname, "..", "..", "policy-pack", "package.json");
  const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

const ref = (r: ResourceRef): ResourceId => ({ urn: r.urn, name: r.name, type: r.type });

/** A model value as the report shows it: `[secret]` if it came from a secret, whatever else it is. */
function shown(entity: Tainted, field: string, value: Value<string>): Shown {
  if (entity.secret.has(field)) return REDACTED;
  if (isUnknown(value)) return NOT_KNOWN;
  return value ?? null;
}

function shownFlag(entity: Tainted, field: string, value: Value<boolean>): boolean | "[secret]" | null {
  if (entity.secret.has(field)) return "[secret]";
  return typeof value === "boolean" ? value : null;
}

function finding(f: PackFinding): Finding {
  return {
    ruleId: f.ruleId,
    level: f.level,
    verdict: f.verdict,
    resource: ref(f.resource),
    message: f.message,
    fix: f.fix ?? null,
    docs: f.docs,
    ...(f.waiver
      ? {
          waiver: {
            policy: f.waiver.policy,
            resource: f.waiver.resource,
            reason: f.waiver.reason,
            approvedBy: f.waiver.approvedBy,
            expires: f.waiver.expires,
            expired: f.waiver.expired,
          },
        }
      : {}),
  };
}

function verdict(v: PackVerdict): RuleVerdict {
  return {
    ruleId: v.ruleId,
    level: v.level,
    verdict: v.verdict,
    findings: v.findings.map(finding),
    notes: v.notes.map(finding),
    ...(v.notApplicable !== undefined ? { notApplicable: v.notApplicable } : {}),
  };
}

function entry(f: ContentFilter): FilterEntry {
  return {
    entry: describeEntry(f),
    enabled: shownFlag(f, "enabled", f.enabled),
    blocking: shownFlag(f, "blocking", f.blocking),
    action: shown(f, "action", f.action),
  };
}

/** Each required filter's state, as `checkFilter` finds it with no mode accepted (so it reports the mode). */
function filterStates(policy: ContentFilterPolicy): RequiredFilterState[] {
  return REQUIRED_FILTERS.map((spec): RequiredFilterState => {
    const base = { filter: spec.display, source: spec.source };
    const check = checkFilter(policy, spec, []);
    switch (check.state) {
      case "unknown":
        return {
          ...base,
          state: "unknown",
          description: `not known: ${check.unknown.path} cannot be read`,
          entries: [],
          wrongSource: [],
        };
      case "missing":
        return {
          ...base,
          state: "missing",
          description: `no "${spec.display}" entry on source ${spec.source}`,
          entries: [],
          wrongSource: check.wrongSource.map(entry),
        };
      case "ok":
      case "weak":
        return {
          ...base,
          state: check.mode,
          description: describeMode(check.mode),
          entries: check.entries.map(entry),
          wrongSource: [],
        };
    }
  });
}

function policyDetail(policy: ContentFilterPolicy): Omit<PolicyInfo, "resolution" | "label"> {
  const kind = policyModeKind(policy.mode);
  return {
    name: shown(policy, "name", policy.name),
    origin: policy.origin.kind,
    ...(policy.origin.kind === "stack" ? { resource: ref(policy.origin.ref) } : {}),
    mode: shown(policy, "mode", policy.mode),
    modeKind: policy.secret.has("mode") ? null : isUnknown(kind) ? NOT_KNOWN : kind,
    basePolicyName: shown(policy, "basePolicyName", policy.basePolicyName),
    filters: filterStates(policy),
  };
}

const NO_DETAIL = { origin: null, mode: null, modeKind: null, basePolicyName: null, filters: [] } as const;

/** The policy a deployment runs on, as the graph resolved it (the rules judge it; this only shows it). */
function policyInfo(resolution: PolicyResolution, deployment: Tainted): PolicyInfo {
  const name = (n: string): Shown => (deployment.secret.has("raiPolicyName") ? REDACTED : n);
  switch (resolution.kind) {
    case "resolved":
      return { resolution: "resolved", label: policyLabel(resolution.policy), ...policyDetail(resolution.policy) };
    case "service-assigned":
      return {
        resolution: "service-assigned",
        label: "none named: the service assigns a policy whose contents Microsoft does not document",
        name: null,
        ...NO_DETAIL,
      };
    case "microsoft-unaccepted":
      return {
        resolution: "microsoft-unaccepted",
        label: resolution.documented
          ? `${policyLabel(resolution.documented)}, which the organization has not accepted relying on (acceptMicrosoftDefaultPolicy)`
          : `Microsoft-managed policy ${name(resolution.name) ?? ""} with no documented contents`,
        ...(resolution.documented
          ? policyDetail(resolution.documented)
          : { name: name(resolution.name), ...NO_DETAIL }),
      };
    case "unresolved":
      return {
        resolution: "unresolved",
        label: `not in the stack, nor declared in ccc-organization-config.externalRaiPolicies${resolution.nearMisses.length ? ` (near misses: ${resolution.nearMisses.map((m) => `${m.ref.name}: ${m.why}`).join("; ")})` : ""}`,
        name: name(resolution.name),
        ...NO_DETAIL,
      };
    case "subscription-level":
      return {
        resolution: "subscription-level",
        label: `found only as a subscription-level policy (${resolution.policy.name})`,
        name: name(resolution.name),
        ...NO_DETAIL,
        resource: ref(resolution.policy),
      };
    case "ambiguous":
      return {
        resolution: "ambiguous",
        label: `several policies in the stack match: ${resolution.candidates.map((c) => c.name).join(", ")}`,
        name: name(resolution.name),
        ...NO_DETAIL,
      };
    case "undecided":
      return {
        resolution: "undecided",
        label: `not known: ${resolution.unknown.path} (${resolution.why})`,
        name: NOT_KNOWN,
        ...NO_DETAIL,
      };
  }
}

function useCases(u: EffectiveUseCases): UseCases {
  if (u.kind === "undecided") {
    return {
      state: "undecided",
      values: [],
      declaredOn: [],
      secret: false,
      note: `not known: ${u.unknown.path} (${u.why})`,
    };
  }
  const notes = [
    ...(u.overridden ? [u.overridden] : []),
    ...(u.narrowed && !u.secret ? [`${u.narrowed.dropped.join(", ")} dropped: ${u.narrowed.why}`] : []),
  ];
  return {
    state: "known",
    values: u.secret ? [] : [...u.values],
    declaredOn: [...u.declaredOn],
    secret: u.secret,
    ...(notes.length ? { note: notes.join("; ") } : {}),
  };
}

function ownUseCases(tag: UseCaseTag, on: string): UseCases {
  if (isUnknown(tag.raw)) {
    return { state: "undecided", values: [], declaredOn: [], secret: tag.secret, note: `not known: ${tag.raw.path}` };
  }
  return {
    state: "known",
    values: tag.secret ? [] : [...tag.values],
    declaredOn: tag.raw === undefined ? [] : [on],
    secret: tag.secret,
    ...(tag.invalid.length && !tag.secret ? { note: `not use cases: ${tag.invalid.join(", ")}` } : {}),
  };
}

const EVIDENCE_FIELDS = {
  metaprompt: ["metaprompt", "metapromptDate"],
  "evaluation report": ["evaluationReport", "evaluationReportDate"],
} as const;

/** The evidence as the rule sees it (`evidenceOf`, ages included), each value shown with its holder's taint. */
function evidence(subject: DeploymentSubject, at: Date): EvidenceItem[] {
  const none: Tainted = { secret: new Set() };
  return evidenceOf(subject, at).map((item) => {
    const [pointerField, dateField] = EVIDENCE_FIELDS[item.what];
    const dateHolder = item.dateHolder ?? none;
    return {
      what: item.what,
      tag: item.tag,
      pointer: shown(item.pointerHolder ?? none, pointerField, item.pointer),
      dateTag: item.dateTag,
      date: shown(dateHolder, dateField, item.date),
      ageDays: dateHolder.secret.has(dateField) ? null : (item.ageDays ?? null),
      declaredOn: item.declaredOn ?? null,
    };
  });
}

function accountOf(subject: DeploymentSubject): DeploymentRow["account"] {
  const d = subject.deployment;
  const parent = d.placement.parents.find((p) => p.collection === "accounts" || p.collection === "workspaces");
  const fromPlacement: Shown = parent
    ? d.secret.has("accountName") || d.secret.has(parent.link)
      ? REDACTED
      : isUnknown(parent.name)
        ? NOT_KNOWN
        : (parent.name ?? null)
    : null;
  const a = subject.account;
  if (a === undefined) return { name: fromPlacement, lookup: "the deployment names no account" };
  switch (a.kind) {
    case "found": {
      const account: Account = a.node;
      return { name: shown(account, "name", account.name), resource: ref(account.ref), lookup: "found in the stack" };
    }
    case "none":
      return { name: fromPlacement, lookup: "not in the stack" };
    case "ambiguous":
      return { name: fromPlacement, lookup: `ambiguous: ${a.candidates.map((c) => c.name).join(", ")}` };
    case "undecided":
      return { name: fromPlacement, lookup: `not known: ${a.unknown.path} (${a.why})` };
  }
}

function deploymentRow(j: SubjectJudgement & { subject: DeploymentSubject }, at: Date): DeploymentRow {
  const s = j.subject;
  const d = s.deployment;
  const capacity = d.secret.has("capacity") ? "[secret]" : isUnknown(d.capacity) ? NOT_KNOWN : (d.capacity ?? null);
  return {
    resource: ref(s.ref),
    flavour: d.flavour,
    deploymentName: shown(d, "name", d.name),
    account: accountOf(s),
    model: {
      name: shown(d, "modelName", d.modelName),
      version: shown(d, "modelVersion", d.modelVersion),
      format: shown(d, "modelFormat", d.modelFormat),
      covered: typeof s.coverage.covered === "boolean" ? s.coverage.covered : null,
    },
    sku: { name: shown(d, "skuName", d.skuName), capacity },
    useCases: useCases(s.useCases),
    policy: policyInfo(s.policy, d),
    evidence: evidence(s, at),
    verdicts: j.verdicts.map(verdict),
    compliant: j.compliant,
  };
}

function emptyCounts(): { -readonly [K in keyof FindingCounts]: number } {
  return { mandatoryViolations: 0, advisoryViolations: 0, undecided: 0, waived: 0, notes: 0 };
}

/** Counts findings as the pipeline reported them (each problem once); rules in catalogue order. */
function count(findings: readonly Finding[]): { all: FindingCounts; byRule: Record<string, FindingCounts> } {
  const all = emptyCounts();
  const byRule: Record<string, ReturnType<typeof emptyCounts>> = {};
  for (const id of catalogue().map((c) => c.meta.id)) {
    if (findings.some((f) => f.ruleId === id)) byRule[id] = emptyCounts();
  }
  for (const f of findings) {
    const rule = (byRule[f.ruleId] ??= emptyCounts());
    for (const c of [all, rule]) {
      if (f.verdict === "violation") c[f.level === "mandatory" ? "mandatoryViolations" : "advisoryViolations"]++;
      else if (f.verdict === "undecided") c.undecided++;
      else if (f.verdict === "waived") c.waived++;
      else c.notes++;
    }
  }
  return { all, byRule };
}

/** One stack's report, from its input and the pipeline's evaluation of it. */
export function stackReport(input: StackInput, evaluation: StackEvaluation): StackReport {
  const at = evaluation.verdictTime;
  const deployments: DeploymentRow[] = [];
  const raiPolicies: RaiPolicyRow[] = [];
  const accounts: AccountRow[] = [];
  for (const j of evaluation.judgement.subjects) {
    const s = j.subject;
    if (s.kind === "deployment") deployments.push(deploymentRow({ ...j, subject: s }, at));
    else if (s.kind === "rai-policy") {
      raiPolicies.push({
        resource: ref(s.ref),
        policy: { resolution: "resolved", label: policyLabel(s.policy), ...policyDetail(s.policy) },
        useCases: ownUseCases(s.policy.useCases, "RAI policy"),
        verdicts: j.verdicts.map(verdict),
        compliant: j.compliant,
      });
    } else {
      accounts.push({
        resource: ref(s.ref),
        name: shown(s.account, "name", s.account.name),
        kind: shown(s.account, "kind", s.account.kind),
        verdicts: j.verdicts.map(verdict),
        compliant: j.compliant,
      });
    }
  }
  const findings = evaluation.judgement.findings.map(finding);
  const counts = count(findings);
  const matched = evaluation.judgement.waiversMatched;
  return {
    input: {
      kind: input.kind,
      path: input.path,
      project: input.project,
      stack: input.stack,
      stateTime: input.stateTime,
      resources: input.resources.length,
      modelled: evaluation.judgement.subjects.length,
    },
    asOf: at.toISOString().slice(0, 10),
    verdictTime: at.toISOString(),
    summary: {
      compliant: evaluation.judgement.subjects.every((j) => j.compliant),
      deployments: deployments.length,
      compliantDeployments: deployments.filter((d) => d.compliant).length,
      ...counts.all,
      byRule: counts.byRule,
    },
    deployments,
    raiPolicies,
    accounts,
    findings,
    unusedWaivers: evaluation.settings.waivers
      .filter((_, i) => !matched.has(i))
      .map((w) => ({
        policy: w.policy,
        resource: w.resource,
        reason: w.reason,
        approvedBy: w.approvedBy,
        expires: w.expires,
      })),
  };
}

export interface ReportContext {
  readonly levels: ReadonlyMap<string, EnforcementLevel>;
  readonly configFile: string | null;
  /** The day verdicts hold for, when no stack was given to take it from. */
  readonly asOf: string;
  readonly docsBase?: string;
  readonly generatedAt: Date;
}

/** The report across stacks: the rules in force, totals, and each stack's report. */
export function orgReport(stacks: readonly StackReport[], context: ReportContext): CccReport {
  const docsBase = context.docsBase ?? DEFAULT_DOCS_BASE;
  const rules: RuleSummary[] = catalogue().map((entry) => ({
    id: entry.meta.id,
    name: entry.meta.name,
    group: entry.group,
    severity: entry.meta.severity,
    defaultEnforcement: entry.meta.defaultEnforcement,
    level: context.levels.get(entry.meta.id) ?? entry.meta.defaultEnforcement,
    clauses: entry.meta.clauses.map((c) => ({
      id: c.id,
      kind: c.kind,
      quote: c.quote,
      effective: c.effective ?? null,
      source: { title: c.source.title, url: c.source.url },
    })),
    remediation: entry.meta.remediation,
    docs: `${docsBase}#${entry.meta.id}`,
  }));
  const all = count(stacks.flatMap((s) => s.findings));
  const deployments = stacks.reduce((n, s) => n + s.summary.deployments, 0);
  return {
    schemaVersion: SCHEMA_VERSION,
    pack: packInfo(),
    generatedAt: context.generatedAt.toISOString(),
    asOf: stacks[0]?.asOf ?? context.asOf,
    config: { file: context.configFile },
    rules,
    totals: {
      compliant: stacks.every((s) => s.summary.compliant),
      stacks: stacks.length,
      compliantStacks: stacks.filter((s) => s.summary.compliant).length,
      deployments,
      compliantDeployments: stacks.reduce((n, s) => n + s.summary.compliantDeployments, 0),
      ...all.all,
      byRule: all.byRule,
    },
    stacks,
  };
}
