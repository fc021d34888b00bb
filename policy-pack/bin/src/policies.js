"use strict";
// Turns the rule catalogue into Pulumi policies. This module does not construct the PolicyPack (which
// starts a gRPC server on import), so tests can import it.
Object.defineProperty(exports, "__esModule", { value: true });
exports.RunState = exports.WAIVERS_POLICY = exports.STACK_RECHECK_POLICY = exports.ORG_CONFIG_POLICY = void 0;
exports.rawProps = rawProps;
exports.buildPolicies = buildPolicies;
const adapters_1 = require("./adapters");
const filters_1 = require("./filters");
const remediation_1 = require("./remediation");
const evaluate_1 = require("./evaluate");
const graph_1 = require("./graph");
const rules_1 = require("./rules");
const settings_1 = require("./settings");
const ruleConfig_1 = require("./ruleConfig");
const waivers_1 = require("./waivers");
const secrets_1 = require("./secrets");
// `@pulumi/policy` ships these at run time but strips their typings (proxy.d.ts is empty).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy");
// The runtime's deserializer, hooked so secret values can be redacted from every message.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeDeserialize = require("@pulumi/policy/deserialize");
exports.ORG_CONFIG_POLICY = "ccc-organization-config";
exports.STACK_RECHECK_POLICY = "ccc-stack-recheck";
exports.WAIVERS_POLICY = "ccc-waivers";
/** What the pack remembers within one analyzer process (one preview or update). */
class RunState {
    constructor() {
        this.graph = new graph_1.ResourceGraph();
        /** Raw inputs by URN, joined with outputs at stack level (outputs lack path parameters). */
        this.inputs = new Map();
        this.settings = settings_1.DEFAULT_SETTINGS;
        this.settingsErrorsReported = false;
        /** Rules the runtime invoked at resource level, i.e. not disabled. */
        this.rulesInvoked = new Set();
        /** `${ruleId} ${urn}` already reported at resource level, so the stack recheck does not repeat them. */
        this.reported = new Set();
        /** Rules whose config errors were already reported in this run: once is enough. */
        this.configErrorsReported = new Set();
        /** Findings a waiver exempted, by `${ruleId} ${urn}`, for the advisory report of ccc-waivers. */
        this.waived = new Map();
        /** Plaintext of the secrets the engine sent in this run, redacted from every message. */
        this.secrets = new secrets_1.SecretRegistry();
        /** Each rule's config as the runtime gave it at resource level, for the stack recheck. */
        this.ruleConfigs = new Map();
        /** Indexes of configured waivers that matched a finding in this run (expired or not). */
        this.waiversMatched = new Set();
    }
    /**
     * Reports a finding unless a live waiver exempts it; an expired waiver is named in the message.
     */
    reportFinding(ruleId, urn, name, message, now, reportViolation) {
        const match = (0, waivers_1.findWaiver)(this.settings.waivers, ruleId, urn, name, now);
        if (match)
            this.waiversMatched.add(match.index);
        if (match && !match.expired) {
            this.waived.set(`${ruleId} ${urn}`, { ruleId, urn, waiver: match.waiver, message });
            return;
        }
        const expired = match ? ` (The ${(0, waivers_1.describeWaiver)(match.waiver)} has expired and no longer applies.)` : "";
        this.reported.add(`${ruleId} ${urn}`);
        reportViolation(`${message}${expired}`, urn);
    }
    observe(args) {
        // Every policy of one request gets the same deserialized props (secrets.ts), so each request is read once.
        const props = rawProps(args.props);
        const last = this.lastObserved;
        if (last && last.props === props && last.urn === args.urn)
            return;
        this.lastObserved = { urn: args.urn, props };
        const added = this.graph.add({ ref: { urn: args.urn, name: args.name, type: args.type }, props });
        if (added)
            this.inputs.set(args.urn, props);
    }
}
exports.RunState = RunState;
/** The plain object behind `@pulumi/policy`'s unknown-checking proxy; reading it never throws. */
function rawProps(props) {
    if (typeof props !== "object" || props === null)
        return props;
    return props[proxy.getSpecialProxyTarget] ?? props;
}
function buildPolicies(options = {}) {
    const state = options.state ?? new RunState();
    const now = options.now ?? (() => new Date());
    (0, secrets_1.hookPolicyRuntime)(state.secrets, runtimeDeserialize);
    return [
        orgConfigPolicy(state),
        ...rules_1.RULES.map((rule) => rulePolicy(rule, state, now)),
        stackRecheckPolicy(state, now),
        waiversPolicy(state),
    ];
}
function orgConfigPolicy(state) {
    return {
        name: exports.ORG_CONFIG_POLICY,
        description: "Organization-wide CCC settings shared by every rule; reports invalid settings.",
        enforcementLevel: "mandatory",
        configSchema: settings_1.ORG_SETTINGS_SCHEMA,
        validateResource: (args, report) => {
            const reportViolation = redacting(report, state);
            // Evaluated first on every Analyze call, so the rules after it read the current settings.
            const { settings, errors } = (0, settings_1.parseOrgSettings)(args.getConfig(), rules_1.RULES.map((r) => r.meta.id));
            state.settings = settings;
            if (errors.length > 0 && !state.settingsErrorsReported) {
                state.settingsErrorsReported = true;
                reportViolation(`Invalid pack config (the safe default is used instead): ${errors.join("; ")}`);
            }
        },
    };
}
function ruleContext(rule, config, state, now) {
    const { values, errors } = (0, ruleConfig_1.validateRuleConfig)(rule.meta.id, rule.configSchema, config);
    return { context: { settings: state.settings, now: now(), config: values }, errors };
}
function rulePolicy(rule, state, now) {
    const remediation = rule.remediation;
    return {
        ...(remediation
            ? { remediateResource: (args) => remediate(remediation, args, state) }
            : {}),
        name: rule.meta.id,
        description: rule.meta.name,
        enforcementLevel: rule.meta.defaultEnforcement,
        severity: rule.meta.severity,
        configSchema: (rule.configSchema ?? { properties: {} }),
        validateResource: (args, report) => {
            const reportViolation = redacting(report, state);
            state.rulesInvoked.add(rule.meta.id);
            const kind = (0, adapters_1.resourceKind)(args.type);
            if (kind === undefined || !rule.meta.appliesTo.includes(kind))
                return;
            state.observe(args);
            const subject = state.graph.subjectFor(args.urn, state.settings);
            if (!subject)
                return;
            const config = args.getConfig();
            state.ruleConfigs.set(rule.meta.id, config);
            const { context, errors } = ruleContext(rule, config, state, now);
            if (errors.length > 0 && !state.configErrorsReported.has(rule.meta.id)) {
                state.configErrorsReported.add(rule.meta.id);
                reportViolation(`Invalid pack config (the default is used instead): ${errors.join(" ")}`, args.urn);
            }
            const outcomes = (0, evaluate_1.evaluateRule)(rule, subject, context);
            const undecided = [];
            for (const o of outcomes) {
                if (o.kind === "violation") {
                    state.reportFinding(rule.meta.id, args.urn, args.name, o.message, context.now, reportViolation);
                }
                else if (o.kind === "note") {
                    reportNote(reportViolation, o.message, args.urn);
                }
                else {
                    undecided.push(o);
                }
            }
            const first = undecided[0];
            if (first && first.kind === "undecidable") {
                // The runtime reports this error as an advisory "can't run policy during preview"; the stack
                // recheck then decides with propertyDependencies. During `up` every input is known.
                const error = new proxy.UnknownValueError(proxy.unknownStringValue, first.unknown.path.split("."));
                error.message = state.secrets.redact(`.${first.unknown.path} is not known yet: ${first.why}. ${exports.STACK_RECHECK_POLICY} decides it once the whole stack is known.`);
                throw error;
            }
        },
    };
}
function stackRecheckPolicy(state, now) {
    return {
        name: exports.STACK_RECHECK_POLICY,
        description: "Re-checks every mandatory rule on the whole stack, resolving preview unknowns through property dependencies.",
        enforcementLevel: "mandatory",
        severity: "critical",
        configSchema: { properties: {} },
        validateStack: (args, report) => {
            const reportViolation = redacting(report, state);
            // Registration order, as Analyze saw it, decides quota positions; unseen resources come last.
            const seen = new Map([...state.inputs.keys()].map((urn, i) => [urn, i]));
            const order = (urn) => seen.get(urn) ?? Number.MAX_SAFE_INTEGER;
            const resources = [...args.resources].sort((a, b) => order(a.urn) - order(b.urn));
            const graph = graph_1.ResourceGraph.fromStack(resources.map((r) => joinInputsAndOutputs(r, state)));
            // Rules disabled in config are never invoked at resource level; when no Analyze call came at all
            // (a stack-only run), every rule counts as enabled.
            const enabled = rules_1.RULES.filter((rule) => rule.meta.defaultEnforcement === "mandatory" &&
                (state.rulesInvoked.size === 0 || state.rulesInvoked.has(rule.meta.id)));
            for (const subject of graph.subjects(state.settings)) {
                for (const rule of enabled) {
                    if (!rule.meta.appliesTo.includes(subject.kind))
                        continue;
                    if (state.reported.has(`${rule.meta.id} ${subject.ref.urn}`))
                        continue;
                    const { context } = ruleContext(rule, state.ruleConfigs.get(rule.meta.id) ?? {}, state, now);
                    for (const o of (0, evaluate_1.evaluateRule)(rule, subject, context)) {
                        // Notes are advisory and were given at resource level.
                        if (o.kind === "note")
                            continue;
                        const message = o.kind === "violation" ? o.message : (0, evaluate_1.undecidedMessage)(subject, o);
                        state.reportFinding(rule.meta.id, subject.ref.urn, subject.ref.name, `[${rule.meta.id}] ${message}`, context.now, reportViolation);
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
function remediate(spec, args, state) {
    const kind = (0, adapters_1.classify)(args.type);
    if (kind?.kind !== "rai-policy")
        return undefined;
    const props = rawProps(args.props);
    const node = (0, adapters_1.readResource)({ urn: args.urn, name: args.name, type: args.type }, props);
    if (node?.kind !== "rai-policy")
        return undefined;
    const useCases = state.graph.policyUseCases(node.value, state.settings);
    if (!spec.useCases.some((u) => useCases.includes(u)))
        return undefined;
    const accepted = spec.acceptsAnnotate?.(state.settings)
        ? ["filter", "annotate"]
        : ["filter"];
    const current = (0, filters_1.checkFilter)(node.value, spec.filter, accepted).state;
    if (current !== "weak" && current !== "missing")
        return undefined;
    return (0, remediation_1.requireFilterInFilterMode)(props, spec.filter, kind.classic ? "classic" : "azure-native");
}
/** A reportViolation that never lets a secret value through, in string or object form. */
function redacting(report, state) {
    return ((message, urn) => {
        if (typeof message === "string")
            return report(state.secrets.redact(message), urn);
        const object = { ...message, message: state.secrets.redact(message.message) };
        return report(object, urn);
    });
}
/**
 * Reports at advisory level whatever the policy's level. @pulumi/policy's runtime accepts a violation
 * object with its own enforcementLevel (makeReportViolationFun), though its typings only declare strings.
 */
function reportNote(reportViolation, message, urn) {
    reportViolation({
        message,
        urn,
        enforcementLevel: "advisory",
    });
}
/** Advisory account of waivers: what they exempted, which expired, and which match nothing (stale). */
function waiversPolicy(state) {
    return {
        name: exports.WAIVERS_POLICY,
        description: "Waived findings (from ccc-organization-config.waivers), and waivers that match nothing.",
        enforcementLevel: "advisory",
        severity: "medium",
        configSchema: { properties: {} },
        validateStack: (_args, report) => {
            const reportViolation = redacting(report, state);
            for (const w of state.waived.values()) {
                reportViolation(`[${w.ruleId}] waived by the ${(0, waivers_1.describeWaiver)(w.waiver)}. The finding: ${w.message}`, w.urn);
            }
            state.settings.waivers.forEach((waiver, index) => {
                if (!state.waiversMatched.has(index)) {
                    reportViolation(`The ${(0, waivers_1.describeWaiver)(waiver)} matches nothing in this stack; remove it if it is stale.`);
                }
            });
        },
    };
}
/** Joins a stack resource's outputs with the inputs remembered from Analyze, keyed by URN. */
function joinInputsAndOutputs(r, state) {
    const propertyDependencies = {};
    for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) {
        propertyDependencies[key] = deps.map((d) => d.urn);
    }
    return {
        ref: { urn: r.urn, name: r.name, type: r.type },
        props: (0, evaluate_1.mergeInputsAndOutputs)(state.inputs.get(r.urn), rawProps(r.props)),
        propertyDependencies,
    };
}
