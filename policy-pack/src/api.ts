// The pack's public API. The policies to serve or to compose into an organization's own pack, and what the
// tooling (offline check, evidence report, docs) needs: the rule catalogue, the one pack-config reader and
// the one judgement pipeline over a whole stack. Tooling imports only from here (eslint enforces it).
import {
  ORG_CONFIG_POLICY,
  ORG_SETTINGS_SCHEMA,
  OrgSettings,
  parseOrgSettings,
  verdictTime,
} from "./config/orgSettings";
import { EnforcementLevel, RawPackConfig, readPackConfig, reportingLevel } from "./config/packConfig";
import { ConfigSchema, validateConfig } from "./config/schema";
import { Judgement, Level, judge } from "./judgement/pipeline";
import { GraphResource, ResourceGraph, resolutionSettings } from "./model/graph";
import { SecretNet } from "./redact";
import { MicrosoftPolicies } from "./model/microsoftPolicies";
import { RULES, RULE_GROUPS, GROUP_OF } from "./rules";
import { RemediationSpec, RuleMetadata } from "./rules/types";

export { cccPolicies } from "./pulumi/policies";
export type { CccPolicyOptions } from "./pulumi/policies";
export { diagnosticText } from "./pulumi/report";
export { ORG_CONFIG_POLICY, ORG_SETTINGS_SCHEMA, readPackConfig, reportingLevel };
export type { EnforcementLevel, RawPackConfig, OrgSettings, ConfigSchema, Level };
export { ENFORCEMENT_LEVELS } from "./config/packConfig";
export { isCalendarDate } from "./config/schema";
export type { Schema } from "./config/schema";
export type { Finding, Judgement, RuleVerdict, SubjectJudgement, VerdictKind, WaiverInfo } from "./judgement/pipeline";
export { DEFAULT_DOCS_BASE } from "./judgement/pipeline";
export type * from "./model/model";
export { isUnknown } from "./model/model";
export type { GraphResource } from "./model/graph";
export { FILTERS, checkFilter, describeMode, policyModeKind } from "./model/filters";
export type { FilterCheck, FilterSpec } from "./model/filters";
export { USE_CASE_TAG } from "./model/useCases";
export { EVIDENCE_TAGS } from "./adapters/common";
export { classify, unversioned, ADAPTERS } from "./adapters";
export { describeEntry, REDACTED } from "./redact";
export { evidenceOf } from "./rules/ccc/ccc-universal-evidence";
export type { EvidenceItem } from "./rules/ccc/ccc-universal-evidence";
export { policyLabel } from "./rules/common";
export { requireFilterInFilterMode } from "./remediation";
export type { RemediationSpec } from "./rules/types";
/** Each rule's `remediate` spec (the filter it puts in filter mode, for which use cases), in catalogue order: the offline check's fix suggestions build policies from the same specs. */
export function remediationSpecs(): readonly { readonly ruleId: string; readonly spec: RemediationSpec }[] {
  return RULES.flatMap((r) => (r.remediation ? [{ ruleId: r.meta.id, spec: r.remediation }] : []));
}
export { SIG_KEY, SECRET_SIG, UNKNOWN_STRING, UNKNOWN_SENTINELS, isSentinel, unwrapSecrets } from "./wire";
export type { Taint } from "./wire";
export { mergeInputsAndOutputs } from "./pulumi/runState";
/** Reads a value of a resource the way the adapters do (sentinels, secrets, wrong types): tooling reads provider config and outputs with it. */
export { Reader } from "./adapters/reader";
export { SOURCES, cite } from "./ruleData/sources";
export { CLAUSES } from "./ruleData/clauses";
export type { Clause } from "./ruleData/clauses";
export { MICROSOFT_POLICY_FACTS } from "./ruleData/microsoftPolicies";
export { MODEL_TABLE } from "./ruleData/models";
export { modelRow } from "./model/coverage";

/** A rule as documentation and reports show it. */
export interface CatalogueEntry {
  readonly meta: RuleMetadata;
  readonly group: string;
  readonly configSchema: ConfigSchema;
  readonly remediable: boolean;
}

/** Every rule, in catalogue order, with its group and config schema. */
export function catalogue(): readonly CatalogueEntry[] {
  return RULES.map((r) => ({
    meta: r.meta,
    group: GROUP_OF.get(r.meta.id)!,
    configSchema: r.configSchema ?? { properties: {} },
    remediable: r.remediation !== undefined,
  }));
}

export { RULE_GROUPS };

/** Every policy name the pack serves, org config first. */
export function policyNames(): string[] {
  return [ORG_CONFIG_POLICY, ...RULES.map((r) => r.meta.id)];
}

export interface StackEvaluationOptions {
  /** Pack config as users write it (policy id -> level or settings). */
  readonly config?: RawPackConfig;
  /** Where the config came from, for messages. */
  readonly configSource?: string;
  /** Overrides ccc-organization-config.asOfDate (YYYY-MM-DD). */
  readonly asOf?: string;
  readonly now?: Date;
  /** A preview's stack: what is unknown is unknown "at the end of the preview". */
  readonly endOfPreview?: boolean;
  readonly docsBase?: string;
}

export interface StackEvaluation {
  readonly judgement: Judgement;
  readonly settings: OrgSettings;
  readonly levels: ReadonlyMap<string, EnforcementLevel>;
  /** Config problems, each naming its key. */
  readonly configErrors: readonly string[];
  /** The instant verdicts were taken at. */
  readonly verdictTime: Date;
}

/**
 * Judges a whole stack (a state export, or a captured program run) exactly as the pack's stack level does,
 * with the same pipeline: the evidence report and the offline tools call this.
 */
export function evaluateStack(
  resources: readonly GraphResource[],
  options: StackEvaluationOptions = {},
): StackEvaluation {
  const { entries, errors } = readPackConfig(options.config, policyNames(), options.configSource);
  const configErrors = [...errors];
  const orgEntry = entries.get(ORG_CONFIG_POLICY);
  const org = parseOrgSettings(
    options.asOf ? { ...(orgEntry?.config ?? {}), asOfDate: options.asOf } : orgEntry?.config,
    RULES.map((r) => r.meta.id),
  );
  configErrors.push(...org.errors);
  const levels = new Map<string, EnforcementLevel>();
  const reporting = new Map<string, Level>();
  const configs = new Map<string, Readonly<Record<string, unknown>>>();
  for (const rule of RULES) {
    const entry = entries.get(rule.meta.id);
    const level = entry?.level ?? rule.meta.defaultEnforcement;
    levels.set(rule.meta.id, level);
    reporting.set(rule.meta.id, reportingLevel(level));
    const validated = validateConfig(rule.meta.id, rule.configSchema ?? { properties: {} }, entry?.config);
    configs.set(rule.meta.id, validated.values);
    if (level !== "disabled") configErrors.push(...validated.errors);
  }
  const time = verdictTime(org.settings, options.now ?? new Date());
  const graph = ResourceGraph.fromStack(resources);
  const microsoft = new MicrosoftPolicies(org.settings.acceptMicrosoftDefaultPolicy);
  const secrets = new SecretNet();
  for (const r of resources) secrets.record(r.ref.urn, r.props, r.taint);
  const judgement = judge(graph.subjects(resolutionSettings(org.settings, microsoft)), {
    rules: RULES,
    levels: reporting,
    configs,
    settings: org.settings,
    microsoft,
    now: time,
    deferPreviewUnknowns: false,
    endOfPreview: options.endOfPreview ?? false,
    secrets,
    dependenciesOf: (urn, path) => graph.dependenciesOf(urn, path),
    ...(options.docsBase ? { docsBase: options.docsBase } : {}),
  });
  return { judgement, settings: org.settings, levels, configErrors, verdictTime: time };
}
