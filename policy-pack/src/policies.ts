// Turns the rule catalogue into Pulumi policies. This module does not construct the PolicyPack (which
// starts a gRPC server on import), so tests can import it.

import type {
  Policies,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { classify, readResource, resourceKind } from "./adapters";
import { checkFilter } from "./filters";
import { requireFilterInFilterMode } from "./remediation";
import { evaluateRule, mergeInputsAndOutputs, undecidedMessage } from "./evaluate";
import { GraphResource, ResourceGraph } from "./graph";
import { RULES } from "./rules";
import { Outcome, RemediationSpec, Rule, RuleContext } from "./rules/types";
import { DEFAULT_SETTINGS, ORG_SETTINGS_SCHEMA, OrgSettings, parseOrgSettings } from "./settings";
import { validateRuleConfig } from "./ruleConfig";
import { Waiver, describeWaiver, findWaiver } from "./waivers";
import { SecretRegistry, hookPolicyRuntime } from "./secrets";

// `@pulumi/policy` ships these at run time but strips their typings (proxy.d.ts is empty).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as {
  UnknownValueError: new (sentinel: string, props: string[]) => Error;
  unknownStringValue: string;
  getSpecialProxyTarget: string;
};

// The runtime's deserializer, hooked so secret values can be redacted from every message.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeDeserialize = require("@pulumi/policy/deserialize") as Record<string, unknown>;

export const ORG_CONFIG_POLICY = "ccc-organization-config";
export const STACK_RECHECK_POLICY = "ccc-stack-recheck";
export const WAIVERS_POLICY = "ccc-waivers";

/** What the pack remembers within one analyzer process (one preview or update). */
export class RunState {
  readonly graph = new ResourceGraph();
  /** Raw inputs by URN, joined with outputs at stack level (outputs lack path parameters). */
  readonly inputs = new Map<string, unknown>();
  settings: OrgSettings = DEFAULT_SETTINGS;
  settingsErrorsReported = false;
  /** Rules the runtime invoked at resource level, i.e. not disabled. */
  readonly rulesInvoked = new Set<string>();
  /** `${ruleId} ${urn}` already reported at resource level, so the stack recheck does not repeat them. */
  readonly reported = new Set<string>();
  /** Rules whose config errors were already reported in this run: once is enough. */
  readonly configErrorsReported = new Set<string>();
  /** Findings a waiver exempted, by `${ruleId} ${urn}`, for the advisory report of ccc-waivers. */
  readonly waived = new Map<
    string,
    { readonly ruleId: string; readonly urn: string; readonly waiver: Waiver; readonly message: string }
  >();
  /** Plaintext of the secrets the engine sent in this run, redacted from every message. */
  readonly secrets = new SecretRegistry();
  /** Each rule's config as the runtime gave it at resource level, for the stack recheck. */
  readonly ruleConfigs = new Map<string, object>();
  /** Indexes of configured waivers that matched a finding in this run (expired or not). */
  readonly waiversMatched = new Set<number>();

  /**
   * Reports a finding unless a live waiver exempts it; an expired waiver is named in the message.
   */
  reportFinding(
    ruleId: string,
    urn: string,
    name: string,
    message: string,
    now: Date,
    reportViolation: ReportViolation,
  ): void {
    const match = findWaiver(this.settings.waivers, ruleId, urn, name, now);
    if (match) this.waiversMatched.add(match.index);
    if (match && !match.expired) {
      this.waived.set(`${ruleId} ${urn}`, { ruleId, urn, waiver: match.waiver, message });
      return;
    }
    const expired = match ? ` (The ${describeWaiver(match.waiver)} has expired and no longer applies.)` : "";
    this.reported.add(`${ruleId} ${urn}`);
    reportViolation(`${message}${expired}`, urn);
  }

  private lastObserved?: { urn: string; props: unknown };

  observe(args: { urn: string; name: string; type: string; props: unknown }): void {
    // Every policy of one request gets the same deserialized props (secrets.ts), so each request is read once.
    const props = rawProps(args.props);
    const last = this.lastObserved;
    if (last && last.props === props && last.urn === args.urn) return;
    this.lastObserved = { urn: args.urn, props };
    const added = this.graph.add({ ref: { urn: args.urn, name: args.name, type: args.type }, props });
    if (added) this.inputs.set(args.urn, props);
  }
}

/** The plain object behind `@pulumi/policy`'s unknown-checking proxy; reading it never throws. */
export function rawProps(props: unknown): unknown {
  if (typeof props !== "object" || props === null) return props;
  return (props as Record<string, unknown>)[proxy.getSpecialProxyTarget] ?? props;
}

export interface PackOptions {
  readonly state?: RunState;
  readonly now?: () => Date;
}

export function buildPolicies(options: PackOptions = {}): Policies {
  const state = options.state ?? new RunState();
  const now = options.now ?? (() => new Date());
  hookPolicyRuntime(state.secrets, runtimeDeserialize);
  return [
    orgConfigPolicy(state),
    ...RULES.map((rule) => rulePolicy(rule, state, now)),
    stackRecheckPolicy(state, now),
    waiversPolicy(state),
  ];
}

function orgConfigPolicy(state: RunState): ResourceValidationPolicy {
  return {
    name: ORG_CONFIG_POLICY,
    description: "Organization-wide CCC settings shared by every rule; reports invalid settings.",
    enforcementLevel: "mandatory",
    configSchema: ORG_SETTINGS_SCHEMA as unknown as PolicyConfigSchema,
    validateResource: (args, report) => {
      const reportViolation = redacting(report, state);
      // Evaluated first on every Analyze call, so the rules after it read the current settings.
      const { settings, errors } = parseOrgSettings(
        args.getConfig(),
        RULES.map((r) => r.meta.id),
      );
      state.settings = settings;
      if (errors.length > 0 && !state.settingsErrorsReported) {
        state.settingsErrorsReported = true;
        reportViolation(`Invalid pack config (the safe default is used instead): ${errors.join("; ")}`);
      }
    },
  };
}

function ruleContext(
  rule: Rule,
  config: object,
  state: RunState,
  now: () => Date,
): { context: RuleContext; errors: string[] } {
  const { values, errors } = validateRuleConfig(rule.meta.id, rule.configSchema, config);
  return { context: { settings: state.settings, now: now(), config: values }, errors };
}

function rulePolicy(rule: Rule, state: RunState, now: () => Date): ResourceValidationPolicy {
  const remediation = rule.remediation;
  return {
    ...(remediation
      ? { remediateResource: (args: ResourceValidationArgs) => remediate(remediation, args, state) }
      : {}),
    name: rule.meta.id,
    description: rule.meta.name,
    enforcementLevel: rule.meta.defaultEnforcement,
    severity: rule.meta.severity,
    configSchema: (rule.configSchema ?? { properties: {} }) as PolicyConfigSchema,
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      const reportViolation = redacting(report, state);
      state.rulesInvoked.add(rule.meta.id);
      const kind = resourceKind(args.type);
      if (kind === undefined || !rule.meta.appliesTo.includes(kind)) return;
      state.observe(args);
      const subject = state.graph.subjectFor(args.urn, state.settings);
      if (!subject) return;
      const config = args.getConfig();
      state.ruleConfigs.set(rule.meta.id, config);
      const { context, errors } = ruleContext(rule, config, state, now);
      if (errors.length > 0 && !state.configErrorsReported.has(rule.meta.id)) {
        state.configErrorsReported.add(rule.meta.id);
        reportViolation(`Invalid pack config (the default is used instead): ${errors.join(" ")}`, args.urn);
      }
      const outcomes = evaluateRule(rule, subject, context);
      const undecided: Outcome[] = [];
      for (const o of outcomes) {
        if (o.kind === "violation") {
          state.reportFinding(rule.meta.id, args.urn, args.name, o.message, context.now, reportViolation);
        } else if (o.kind === "note") {
          reportNote(reportViolation, o.message, args.urn);
        } else {
          undecided.push(o);
        }
      }
      const first = undecided[0];
      if (first && first.kind === "undecidable") {
        // The runtime reports this error as an advisory "can't run policy during preview"; the stack
        // recheck then decides with propertyDependencies. During `up` every input is known.
        const error = new proxy.UnknownValueError(proxy.unknownStringValue, first.unknown.path.split("."));
        error.message = state.secrets.redact(
          `.${first.unknown.path} is not known yet: ${first.why}. ${STACK_RECHECK_POLICY} decides it once the whole stack is known.`,
        );
        throw error;
      }
    },
  };
}

function stackRecheckPolicy(state: RunState, now: () => Date): StackValidationPolicy {
  return {
    name: STACK_RECHECK_POLICY,
    description:
      "Re-checks every mandatory rule on the whole stack, resolving preview unknowns through property dependencies.",
    enforcementLevel: "mandatory",
    severity: "critical",
    configSchema: { properties: {} },
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const reportViolation = redacting(report, state);
      // Registration order, as Analyze saw it, decides quota positions; unseen resources come last.
      const seen = new Map([...state.inputs.keys()].map((urn, i) => [urn, i]));
      const order = (urn: string) => seen.get(urn) ?? Number.MAX_SAFE_INTEGER;
      const resources = [...args.resources].sort((a, b) => order(a.urn) - order(b.urn));
      const graph = ResourceGraph.fromStack(resources.map((r) => joinInputsAndOutputs(r, state)));
      // Rules disabled in config are never invoked at resource level; when no Analyze call came at all
      // (a stack-only run), every rule counts as enabled.
      const enabled = RULES.filter(
        (rule) =>
          rule.meta.defaultEnforcement === "mandatory" &&
          (state.rulesInvoked.size === 0 || state.rulesInvoked.has(rule.meta.id)),
      );
      for (const subject of graph.subjects(state.settings)) {
        for (const rule of enabled) {
          if (!rule.meta.appliesTo.includes(subject.kind)) continue;
          if (state.reported.has(`${rule.meta.id} ${subject.ref.urn}`)) continue;
          const { context } = ruleContext(rule, state.ruleConfigs.get(rule.meta.id) ?? {}, state, now);
          for (const o of evaluateRule(rule, subject, context)) {
            // Notes are advisory and were given at resource level.
            if (o.kind === "note") continue;
            const message = o.kind === "violation" ? o.message : undecidedMessage(subject, o);
            state.reportFinding(
              rule.meta.id,
              subject.ref.urn,
              subject.ref.name,
              `[${rule.meta.id}] ${message}`,
              context.now,
              reportViolation,
            );
          }
        }
      }
    },
  };
}

/**
 * Enforcement level `remediate`: before a RAI policy is created, put the rule's filter in filter mode for
 * the use cases the policy serves. Anything that cannot be read safely is left for the rule to report.
 */
function remediate(
  spec: RemediationSpec,
  args: ResourceValidationArgs,
  state: RunState,
): Record<string, unknown> | undefined {
  const kind = classify(args.type);
  if (kind?.kind !== "rai-policy") return undefined;
  const props = rawProps(args.props);
  const node = readResource({ urn: args.urn, name: args.name, type: args.type }, props);
  if (node?.kind !== "rai-policy") return undefined;
  const useCases = state.graph.policyUseCases(node.value, state.settings);
  if (!spec.useCases.some((u) => useCases.includes(u))) return undefined;
  const accepted: ("filter" | "annotate")[] = spec.acceptsAnnotate?.(state.settings)
    ? ["filter", "annotate"]
    : ["filter"];
  const current = checkFilter(node.value, spec.filter, accepted).state;
  if (current !== "weak" && current !== "missing") return undefined;
  return requireFilterInFilterMode(props, spec.filter, kind.classic ? "classic" : "azure-native");
}

/** A reportViolation that never lets a secret value through, in string or object form. */
function redacting(report: ReportViolation, state: RunState): ReportViolation {
  return ((message: string | { message: string }, urn?: string) => {
    if (typeof message === "string") return report(state.secrets.redact(message), urn);
    const object = { ...message, message: state.secrets.redact(message.message) };
    return (report as unknown as (m: object, u?: string) => void)(object, urn);
  }) as ReportViolation;
}

/**
 * Reports at advisory level whatever the policy's level. @pulumi/policy's runtime accepts a violation
 * object with its own enforcementLevel (makeReportViolationFun), though its typings only declare strings.
 */
function reportNote(reportViolation: ReportViolation, message: string, urn: string): void {
  (reportViolation as unknown as (v: { message: string; urn: string; enforcementLevel: "advisory" }) => void)({
    message,
    urn,
    enforcementLevel: "advisory",
  });
}

/** Advisory account of waivers: what they exempted, which expired, and which match nothing (stale). */
function waiversPolicy(state: RunState): StackValidationPolicy {
  return {
    name: WAIVERS_POLICY,
    description: "Waived findings (from ccc-organization-config.waivers), and waivers that match nothing.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: { properties: {} },
    validateStack: (_args: StackValidationArgs, report: ReportViolation) => {
      const reportViolation = redacting(report, state);
      for (const w of state.waived.values()) {
        reportViolation(`[${w.ruleId}] waived by the ${describeWaiver(w.waiver)}. The finding: ${w.message}`, w.urn);
      }
      state.settings.waivers.forEach((waiver, index) => {
        if (!state.waiversMatched.has(index)) {
          reportViolation(`The ${describeWaiver(waiver)} matches nothing in this stack; remove it if it is stale.`);
        }
      });
    },
  };
}

/** Joins a stack resource's outputs with the inputs remembered from Analyze, keyed by URN. */
function joinInputsAndOutputs(r: StackValidationArgs["resources"][number], state: RunState): GraphResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) {
    propertyDependencies[key] = deps.map((d) => d.urn);
  }
  return {
    ref: { urn: r.urn, name: r.name, type: r.type },
    props: mergeInputsAndOutputs(state.inputs.get(r.urn), rawProps(r.props)),
    propertyDependencies,
  };
}
