// What the pack remembers within one analyzer process (one preview or update): the resources registered so
// far, the configuration the engine sent, and what was already reported. Every policy of one request shares
// one judgement, computed once.
import type { PolicyProviderResource } from "@pulumi/policy";
import { classify } from "../adapters";
import { Reader } from "../adapters/reader";
import { ORG_CONFIG_POLICY, OrgSettings, Waiver, parseOrgSettings, verdictTime } from "../config/orgSettings";
import { EnforcementLevel, reportingLevel } from "../config/packConfig";
import { validateConfig } from "../config/schema";
import { Finding, Judgement, JudgeSetup, Level, judge } from "../judgement/pipeline";
import { GraphResource, ResourceGraph, resolutionSettings } from "../model/graph";
import { MicrosoftPolicies } from "../model/microsoftPolicies";
import { ContentFilterPolicy, ResourceRef, Subject, UseCase, Value, containerOf, lowerCased } from "../model/model";
import { SecretNet } from "../redact";
import { RULES } from "../rules";
import { Rule } from "../rules/types";
import { Taint, isSentinel } from "../wire";
import { ConfiguredPolicies, isDryRun, rawProps, sourceOf, taintOf } from "./runtime";

/** A resource as a policy callback receives it (ResourceValidationArgs, or one of StackValidationArgs.resources). */
export interface SeenResource {
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  readonly props: unknown;
  readonly provider?: PolicyProviderResource;
}

interface Remembered {
  readonly props: unknown;
  readonly taint?: Taint;
  readonly provider?: GraphResource["provider"];
  readonly seq: number;
}

interface Settled {
  readonly settings: OrgSettings;
  readonly microsoft: MicrosoftPolicies;
  readonly levels: ReadonlyMap<string, Level>;
  readonly configs: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** Config problems, by the policy that reports them. */
  readonly errors: ReadonlyMap<string, readonly string[]>;
}

export interface RunStateOptions {
  readonly rules: readonly Rule[];
  readonly now?: () => Date;
  readonly dryRun?: boolean;
  readonly docsBase?: string;
}

export class RunState {
  readonly rules: readonly Rule[];
  private readonly now: () => Date;
  private dryRunValue: boolean;
  private readonly docsBase?: string;
  // What one run (one preview or update) has seen and said, set by startRun: a new run in the same process
  // starts afresh.
  private graph!: ResourceGraph;
  private remembered!: Map<string, Remembered>;
  private net!: SecretNet;
  private seq!: number;

  /** Each policy's level and config, from the engine's Configure request (see runtime.ts). */
  private configured?: ConfiguredPolicies;
  /** Without a Configure record: each policy's config as its own callback received it. */
  private readonly ownConfigs = new Map<string, unknown>();
  /** The names the pack serves, from GetAnalyzerInfo (undefined: not recorded, every policy taken as served). */
  private served?: ReadonlySet<string>;
  /** Whether another cccPolicies() in this process serves policies of the same names: each reports its own. */
  private sharedNames = false;
  /** The first policy of ours called under a name the pack does not serve it under: its config cannot be read. */
  private renamed?: string;
  private settled?: Settled;

  private request?: { key: unknown; urn: string; judgement: Judgement; rulesRan: boolean };
  private stack?: { key: unknown; judgement: Judgement };
  /** Subjects whose verdicts were all decided at resource level: the stack level does not repeat them. */
  private decided!: Set<string>;
  /** Deployments judged at resource level while no account in the stack was theirs yet. */
  private accountUnseen!: Set<string>;
  /** The lower-cased account names those deployments give ("" when not known). */
  private unseenAccountNames!: Set<string>;
  /** Deployments judged at resource level on an external policy (pack config), their own or their spillover's. */
  private onExternalPolicy!: Set<string>;
  /** The lower-cased names of those external policies ("" when not known). */
  private externalPolicyNames!: Set<string>;
  /**
   * Whether a resource a decided deployment may rest on was registered after it: an account it may name, or a
   * stack policy that may replace the external policy it was judged on.
   */
  private cameLate!: boolean;
  /** How strongly each problem was reported (see strength). */
  private reported!: Map<string, number>;
  /** Rule and resource of every finding reported. */
  private rulesHeard!: Set<string>;
  private staleReported!: boolean;
  private waiversMatched!: Set<number>;
  /** The run states of every cccPolicies() call serving this pack (this one alone unless shared). */
  private peers: readonly RunState[] = [this];
  /** Config problems already reported, by policy and message. */
  private errorsReported!: Set<string>;

  constructor(options: RunStateOptions) {
    this.rules = options.rules;
    this.now = options.now ?? (() => new Date());
    this.dryRunValue = options.dryRun ?? isDryRun();
    this.docsBase = options.docsBase;
    this.startRun();
  }

  /**
   * Whether the run is a preview: from the engine's ConfigureStack request, else PULUMI_DRY_RUN, else not
   * (which reports an unknown at resource level rather than deferring it: fail closed).
   */
  get dryRun(): boolean {
    return this.dryRunValue;
  }

  /** The engine's ConfigureStack request: a run starts (the engine sends it before any Analyze of the run). */
  configureStack(stack: { readonly dryRun: boolean }): void {
    this.dryRunValue = stack.dryRun;
    if (this.seq > 0 || this.stack !== undefined) this.startRun();
  }

  /** Starts with nothing seen or said: each run reports its own findings. */
  private startRun(): void {
    this.graph = new ResourceGraph(false);
    this.remembered = new Map();
    this.net = new SecretNet();
    this.seq = 0;
    this.request = undefined;
    this.stack = undefined;
    this.stackGraph = undefined;
    this.decided = new Set();
    this.accountUnseen = new Set();
    this.unseenAccountNames = new Set();
    this.onExternalPolicy = new Set();
    this.externalPolicyNames = new Set();
    this.cameLate = false;
    this.reported = new Map();
    this.rulesHeard = new Set();
    this.staleReported = false;
    this.waiversMatched = new Set();
    this.errorsReported = new Set();
    this.setups.clear();
  }

  /** The engine's Configure request: every policy's level and config. */
  configure(policies: ConfiguredPolicies): void {
    this.configured = policies;
    this.settled = undefined;
    this.reporters = undefined;
  }

  /**
   * The names the pack serves (GetAnalyzerInfo): a rule not served is off. `shared`: another cccPolicies()
   * in this process may own some of these names, so which policy object is served is not known.
   */
  serve(names: ReadonlySet<string>, shared: boolean): void {
    this.served = names;
    this.sharedNames = shared;
    this.settled = undefined;
    this.reporters = undefined;
  }

  /**
   * A policy of ours called under a name the pack does not serve is a renamed copy: from then on every rule
   * runs at its default level and each copy reports every rule; the request is judged again on that basis.
   */
  private noteCalledAs(policy: string): void {
    if (this.served === undefined || this.served.has(policy) || this.renamed !== undefined) return;
    this.renamed = policy;
    this.settled = undefined;
    this.reporters = undefined;
    this.request = undefined;
    this.stack = undefined;
  }

  private isServed(id: string): boolean {
    return this.served === undefined || this.renamed !== undefined || this.served.has(id);
  }

  /** A policy's own config as its callback received it; used when no Configure request was recorded. */
  ownConfig(policy: string, read: () => unknown): void {
    if (this.configured !== undefined) return;
    const config = read();
    if (JSON.stringify(this.ownConfigs.get(policy)) === JSON.stringify(config)) return;
    this.ownConfigs.set(policy, config);
    this.settled = undefined;
  }

  private settle(): Settled {
    if (this.settled) return this.settled;
    const configOf = (id: string) => this.configured?.get(id)?.config ?? this.ownConfigs.get(id);
    // Any rule of the catalogue: another cccPolicies() call in the pack may serve it (a waiver of a rule no
    // call serves matches nothing, and is reported so).
    const org = parseOrgSettings(
      configOf(ORG_CONFIG_POLICY),
      RULES.map((r) => r.meta.id),
    );
    const levels = new Map<string, Level>();
    const configs = new Map<string, Readonly<Record<string, unknown>>>();
    const errors = new Map<string, readonly string[]>([[ORG_CONFIG_POLICY, [...org.errors, ...this.renamedErrors()]]]);
    for (const rule of this.rules) {
      const level = this.configured?.get(rule.meta.id)?.level as EnforcementLevel | undefined;
      const served = this.isServed(rule.meta.id);
      levels.set(rule.meta.id, served ? reportingLevel(level ?? rule.meta.defaultEnforcement) : "disabled");
      const validated = validateConfig(rule.meta.id, rule.configSchema ?? { properties: {} }, configOf(rule.meta.id));
      configs.set(rule.meta.id, validated.values);
      errors.set(rule.meta.id, validated.errors);
    }
    this.settled = {
      settings: org.settings,
      microsoft: new MicrosoftPolicies(org.settings.acceptMicrosoftDefaultPolicy),
      levels,
      configs,
      errors,
    };
    return this.settled;
  }

  private renamedErrors(): string[] {
    if (this.renamed === undefined) return [];
    return [
      `the pack serves ${this.renamed} under another name, so the configured levels and settings of renamed policies cannot be read and every rule runs at its default level under its own id; add cccPolicies() to the pack without renaming its policies (choose rules with its rules option)`,
    ];
  }

  private resolution() {
    const s = this.settle();
    return resolutionSettings(s.settings, s.microsoft);
  }

  get settings(): OrgSettings {
    return this.settle().settings;
  }

  /** The configured level of a rule (its default without a Configure request). */
  levelOf(ruleId: string): Level {
    return this.settle().levels.get(ruleId) ?? "mandatory";
  }

  /** Config problems of one policy not yet reported in this run (from now on, reported). */
  configErrorsOnce(policy: string): readonly string[] {
    const left = this.configErrorsLeft(policy);
    return left.length === 0 ? left : left.filter((e) => firstTime(this.errorsReported, errorKey(policy, e)));
  }

  /** Config problems of one policy not yet reported in this run. */
  private configErrorsLeft(policy: string): readonly string[] {
    const errors = this.settle().errors.get(policy);
    if (errors === undefined || errors.length === 0) return NO_ERRORS;
    // A peer (another cccPolicies() call) may have reported the same org-config problem.
    return errors.filter((e) => !this.peers.some((peer) => peer.errorsReported.has(errorKey(policy, e))));
  }

  private setups = new Map<
    string,
    { readonly settled: Settled; readonly dryRun: boolean; readonly setup: JudgeSetup }
  >();

  /** The judgement setup of a phase, made once per configuration (the time verdicts are taken at included). */
  private setup(phase: "resource" | "stack"): JudgeSetup {
    const s = this.settle();
    const cached = this.setups.get(phase);
    if (cached && cached.settled === s && cached.dryRun === this.dryRun) return cached.setup;
    const setup: JudgeSetup = {
      rules: this.rules,
      levels: s.levels,
      configs: s.configs,
      settings: s.settings,
      microsoft: s.microsoft,
      now: verdictTime(s.settings, this.now()),
      deferPreviewUnknowns: phase === "resource" && this.dryRun,
      explain: false,
      endOfPreview: phase === "stack" && this.dryRun,
      secrets: this.net,
      dependenciesOf: (urn, path) => this.stackGraph?.dependenciesOf(urn, path) ?? [],
      ...(this.docsBase ? { docsBase: this.docsBase } : {}),
    };
    this.setups.set(phase, { settled: s, dryRun: this.dryRun, setup });
    return setup;
  }

  private stackGraph?: ResourceGraph;

  /**
   * Resource level: records the resource (once per request, whichever policy comes first, so disabling a
   * rule never stops resources being recorded) and judges it; every policy of the request gets this judgement.
   * `forRules`: the rules (and org config) whose findings are asked for.
   */
  private judgeResource(args: SeenResource, forRules: readonly string[]): Judgement {
    const key = sourceOf(args.props);
    let request = this.request;
    if (request === undefined || request.key !== key || request.urn !== args.urn) {
      this.observe(args);
      const subject = this.graph.subjectFor(args.urn, this.resolution());
      const judgement = judge(subject ? [subject] : [], this.setup("resource"));
      judgement.waiversMatched.forEach((i) => this.waiversMatched.add(i));
      const decided = subject && !judgement.subjects.some((s) => s.deferred) && !this.graph.restsOnAssumption(args.urn);
      if (decided) this.decided.add(args.urn);
      if (subject !== undefined) this.noteLateResources(args.urn, subject);
      request = { key, urn: args.urn, judgement, rulesRan: false };
      this.request = request;
    }
    if (forRules.some((id) => id !== ORG_CONFIG_POLICY)) request.rulesRan = true;
    return request.judgement;
  }

  /**
   * Notes a deployment judged without its account or on an external policy, and a resource registered after it
   * that may change that: an account that may be its account, a stack policy that may replace the external one.
   */
  private noteLateResources(urn: string, subject: Subject): void {
    // A name not known may be any; a name noted as not known may be this one.
    const mayBe = (names: ReadonlySet<string>, name = "") => name === "" || names.has(name) || names.has("");
    if (subject.kind === "deployment") {
      if (subject.account?.kind === "none") {
        this.accountUnseen.add(urn);
        this.unseenAccountNames.add(lowerCased(containerOf(subject.deployment.placement)?.name) ?? "");
      }
      // Its own policy, or its spillover deployment's, as declared in pack config.
      for (const resolution of [subject.policy, subject.spillover?.policy]) {
        const policy = resolution?.kind === "resolved" ? resolution.policy : undefined;
        if (policy?.origin.kind !== "external") continue;
        this.onExternalPolicy.add(urn);
        this.externalPolicyNames.add(lowerCased(policy.name) ?? "");
      }
    } else if (subject.kind === "account" && this.unseenAccountNames.size > 0) {
      this.cameLate ||= mayBe(this.unseenAccountNames, lowerCased(subject.account.name));
    } else if (subject.kind === "rai-policy" && this.externalPolicyNames.size > 0) {
      this.cameLate ||= mayBe(this.externalPolicyNames, lowerCased(subject.policy.name));
    }
  }

  /** Whether a rule already judged the current request (the org-config policy asserts it comes first). */
  rulesRanFor(urn: string): boolean {
    return this.request?.urn === urn && this.request.rulesRan;
  }

  /** Findings of the rules `ids` at resource level, in their order, each reported once in the run. */
  resourceFindings(args: SeenResource, ids: readonly string[]): readonly Finding[] {
    const { findings } = this.judgeResource(args, ids);
    // Most resources meet no rule: nothing to filter for each of them.
    if (findings.length === 0) return findings;
    const rank = (f: Finding) => ids.indexOf(f.ruleId);
    return this.once(findings.filter((f) => rank(f) >= 0).sort((a, b) => rank(a) - rank(b)));
  }

  /** Stack level: the whole stack, outputs joined with the inputs remembered from Analyze; judged once. */
  judgeStack<R extends SeenResource>(
    resources: readonly R[],
    dependencies: (r: R) => Record<string, string[]>,
  ): Judgement {
    const first = resources[0];
    const key = first !== undefined ? sourceOf(first.props) : resources;
    if (this.stack !== undefined && this.stack.key === key) return this.stack.judgement;
    if (!this.undecided(resources)) {
      const judgement = { subjects: [], findings: [], waiversMatched: new Set<number>() };
      this.stack = { key, judgement };
      return judgement;
    }
    const graph = ResourceGraph.fromStack(resources.map((r) => this.joined(r, dependencies(r))));
    this.stackGraph = graph;
    const subjects = graph
      .subjects(this.resolution())
      .filter((s) => !this.decided.has(s.ref.urn) || this.restsOnUnseen(s));
    const judgement = judge(subjects, this.setup("stack"));
    judgement.waiversMatched.forEach((i) => this.waiversMatched.add(i));
    this.stack = { key, judgement };
    return judgement;
  }

  /**
   * Whether the stack level has a deployment to judge: a resource the pack reads that the resource level did
   * not decide (a preview, a read), or one it decided before an account that may be its account was registered.
   */
  private undecided(resources: readonly { readonly type: string; readonly urn: string }[]): boolean {
    return this.cameLate || resources.some((r) => classify(r.type) !== undefined && !this.decided.has(r.urn));
  }

  /**
   * Whether an AnalyzeStack of these resources has anything to judge or report: a resource the resource level
   * did not decide, a config error not yet reported, or waivers not yet reported as stale.
   */
  stackHasWork(resources: readonly { readonly type: string; readonly urn: string }[]): boolean {
    // Without a Configure record, each policy's config is known only from its own callbacks.
    if (this.configured === undefined || this.undecided(resources)) return true;
    const errorLeft = this.reporting().enabled.some((id) => this.configErrorsLeft(id).length > 0);
    return errorLeft || (!this.staleDone() && this.unmatchedWaivers().length > 0);
  }

  /**
   * A deployment decided at resource level is judged again when its account or policy is a resource the
   * resource level did not see when it judged it: one the program reads (`.get`), which the engine sends only to
   * AnalyzeStack, an account registered after the deployment, or a stack policy registered after it that may
   * replace the external policy it was judged on.
   */
  private restsOnUnseen(subject: Subject): boolean {
    if (subject.kind !== "deployment") return false;
    // A policy the stack registers later with the identity of the external one may replace it in Azure.
    if (this.onExternalPolicy.has(subject.ref.urn)) return true;
    // Without its account at resource level; at stack level an account is, or may be, its own.
    const stillNone = subject.account?.kind === "none" && subject.account.nearMisses.length === 0;
    if (this.accountUnseen.has(subject.ref.urn) && !stillNone) return true;
    const account = subject.account?.kind === "found" ? subject.account.node.ref.urn : undefined;
    const origin = subject.policy.kind === "resolved" ? subject.policy.policy.origin : undefined;
    const policy = origin?.kind === "stack" ? origin.ref.urn : undefined;
    return [account, policy].some((urn) => urn !== undefined && !this.remembered.has(urn));
  }

  /**
   * The one policy that reports every rule's findings (each under its own rule's name and level), once the
   * engine's Configure request says which policies are enabled: the first enabled one, in pack order. The
   * others then skip Analyze and AnalyzeStack (see policies.ts), so the runtime does not build every resource's
   * arguments once per policy. Undefined without a Configure record: each policy reports its own.
   */
  stackReporter(): string | undefined {
    return this.reporting().reporter;
  }

  /**
   * The policies whose findings and config errors `policy` reports. When a policy of ours is served under
   * another name, which copies the engine calls is not known: each reports every rule (once in the run).
   */
  reportedBy(policy: string): readonly string[] {
    this.noteCalledAs(policy);
    const { reporter, enabled } = this.reporting();
    if (this.renamed !== undefined) return enabled;
    if (reporter === undefined) return [policy];
    return reporter === policy ? enabled : [];
  }

  private reporters?: { readonly reporter: string | undefined; readonly enabled: readonly string[] };

  private reporting(): { readonly reporter: string | undefined; readonly enabled: readonly string[] } {
    if (this.reporters) return this.reporters;
    const order = [ORG_CONFIG_POLICY, ...this.rules.map((r) => r.meta.id)];
    const enabled = order.filter((id) => this.isServed(id) && this.levelOfPolicy(id) !== "disabled");
    const known = this.configured !== undefined && this.renamed === undefined && !this.sharedNames;
    this.reporters = { reporter: known ? enabled[0] : undefined, enabled };
    return this.reporters;
  }

  private levelOfPolicy(id: string): string {
    return (
      this.configured?.get(id)?.level ??
      this.rules.find((r) => r.meta.id === id)?.meta.defaultEnforcement ??
      "mandatory"
    );
  }

  stackFindings<R extends SeenResource>(
    resources: readonly R[],
    dependencies: (r: R) => Record<string, string[]>,
    ruleId: string,
  ): Finding[] {
    const findings = this.judgeStack(resources, dependencies).findings;
    return this.once(findings.filter((f) => f.ruleId === ruleId && !this.saidAtResourceLevel(f)));
  }

  /**
   * A deployment judged again at stack level (restsOnUnseen, or judged first without its account) keeps what a
   * rule said of it at resource level: the rule's problem may be worded for another use case now, but it is the
   * same problem, at the same level (a rule's level and waivers are per rule and resource).
   */
  private saidAtResourceLevel(f: Finding): boolean {
    const urn = f.resource.urn;
    return (this.decided.has(urn) || this.accountUnseen.has(urn)) && this.rulesHeard.has(ruleOn(f));
  }

  /** The use cases a RAI policy serves (its tag, its account's, the defaults), for remediation. */
  policyUseCases(policy: ContentFilterPolicy): readonly UseCase[] {
    return this.graph.policyUseCases(policy, this.settings.defaultUseCases);
  }

  /** Configured waivers that matched no finding in this run, the first time they are asked for. */
  staleWaiversOnce(): Waiver[] {
    if (this.staleDone()) return [];
    this.staleReported = true;
    return this.unmatchedWaivers();
  }

  /** Whether this run state or a peer reported the stale waivers of this run: they are reported once. */
  private staleDone(): boolean {
    return this.peers.some((peer) => peer.staleReported);
  }

  /**
   * Shares what was said with the run states of the other cccPolicies() calls serving the same pack: a waiver
   * of a rule another call serves is matched there, and a problem, config error or stale waiver one of them
   * reported is not reported again.
   */
  sharePeers(peers: readonly RunState[]): void {
    this.peers = peers;
  }

  /** Stack level: every peer judges the stack first, so the waivers it matches there are known. */
  judgeStackWithPeers<R extends SeenResource>(
    resources: readonly R[],
    dependencies: (r: R) => Record<string, string[]>,
  ): void {
    for (const peer of this.peers) peer.judgeStack(resources, dependencies);
  }

  /** Configured waivers that matched no finding in this run, in this call or another serving the pack. */
  private unmatchedWaivers(): Waiver[] {
    const waivers = this.settle().settings.waivers;
    const unmatched = waivers.filter((_, i) => !this.waiversMatched.has(i));
    if (unmatched.length === 0 || this.peers.length === 1) return unmatched;
    const elsewhere = new Set(this.peers.flatMap((peer) => peer.matchedWaivers().map(waiverKey)));
    return unmatched.filter((w) => !elsewhere.has(waiverKey(w)));
  }

  private matchedWaivers(): Waiver[] {
    const waivers = this.settle().settings.waivers;
    return [...this.waiversMatched].map((i) => waivers[i]);
  }

  private once(findings: readonly Finding[]): Finding[] {
    return findings.filter((f) => {
      // One problem is one finding in the run, even if another rule meets it when the resource is judged again,
      // unless that rule holds it more strongly (mandatory, or not waived).
      const before = this.strongestReported(f.key);
      if (before !== undefined && before >= strength(f)) return false;
      this.reported.set(f.key, strength(f));
      this.rulesHeard.add(ruleOn(f));
      return true;
    });
  }

  /** How strongly this run state or a peer reported a problem, if one did. */
  private strongestReported(key: string): number | undefined {
    let strongest: number | undefined;
    for (const peer of this.peers) {
      const said = peer.reported.get(key);
      if (said !== undefined && (strongest === undefined || said > strongest)) strongest = said;
    }
    return strongest;
  }

  private observe(args: SeenResource): void {
    const props = rawProps(args.props);
    const taint = taintOf(args.props);
    const provider = providerOf(args.provider);
    const seq = this.seq++;
    // Kept inputs include a resource group's name, which its outputs lack: the stack level follows links to it.
    if (this.graph.add({ ref: refOf(args), props, taint, provider, seq })) {
      this.remembered.set(args.urn, { props, taint, provider, seq });
      this.net.record(args.urn, props, taint);
    }
  }

  /** A stack resource with the inputs remembered from Analyze; inputs win, outputs add what they lack. */
  private joined(r: SeenResource, propertyDependencies: Record<string, string[]>): GraphResource {
    const outputs = rawProps(r.props);
    const outputTaint = taintOf(r.props);
    const inputs = this.remembered.get(r.urn);
    const merged = mergeInputsAndOutputs(inputs?.props, inputs?.taint, outputs, outputTaint);
    this.net.record(r.urn, outputs, outputTaint);
    const read = new Reader(outputs, outputTaint);
    const identity = { name: read.string(undefined, "name"), id: read.string(undefined, "id") };
    return {
      ref: refOf(r),
      props: merged.props,
      ...(merged.taint ? { taint: merged.taint } : {}),
      propertyDependencies,
      provider: inputs?.provider ?? providerOf(r.provider),
      outputs: identity,
      ...(inputs ? { seq: inputs.seq } : {}),
    };
  }
}

const refOf = (r: SeenResource): ResourceRef => ({ urn: r.urn, name: r.name, type: r.type });
/** A waiver's identity across run states (each parses the same org config). */
const waiverKey = (w: Waiver): string => JSON.stringify(w);
/** How strongly a finding holds its problem: a waived one least, a mandatory one most. */
const strength = (f: Finding): number => (f.verdict === "waived" ? 0 : f.level === "mandatory" ? 2 : 1);
const NO_ERRORS: readonly string[] = [];
const errorKey = (policy: string, error: string) => `${policy}\u0000${error}`;
/** A finding's rule and resource: what "a rule said something of this resource" is kept by. */
const ruleOn = (f: Finding) => `${f.ruleId}\u0000${f.resource.urn}`;

/** Whether `key` is new to `seen` (then it is added). */
function firstTime(seen: Set<string>, key: string): boolean {
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

/** The provider instance and the subscription its config names, for the resource's identity. */
export function providerOf(provider: PolicyProviderResource | undefined): GraphResource["provider"] {
  if (provider === undefined) return undefined;
  const subscriptionId: Value<string> = new Reader(rawProps(provider.props), taintOf(provider.props)).string(
    undefined,
    "subscriptionId",
  );
  return { urn: provider.urn, subscriptionId };
}

/**
 * Outputs (azure-native's response shape) lack the path parameters, and in preview every output the program
 * did not set is unknown. The inputs the pack saw in Analyze are what the program asked for, so they win;
 * outputs add only what the inputs lack and is known (`name`, `id`). Each top-level key keeps its taint.
 */
export function mergeInputsAndOutputs(
  inputs: unknown,
  inputTaint: Taint | undefined,
  outputs: unknown,
  outputTaint: Taint | undefined,
): { props: Record<string, unknown>; taint?: Taint } {
  const record = (v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const props: Record<string, unknown> = { ...record(inputs) };
  const taint = new Map<string, Taint>();
  const taintFrom = (t: Taint | undefined, k: string): Taint | undefined =>
    t === true || t === undefined ? t : t.get(k);
  for (const k of Object.keys(props)) {
    const t = taintFrom(inputTaint, k);
    if (t !== undefined) taint.set(k, t);
  }
  for (const [k, value] of Object.entries(record(outputs))) {
    const take =
      (props[k] === undefined && !isSentinel(value)) ||
      (isSentinel(props[k]) && value !== undefined && !isSentinel(value));
    if (!take) continue;
    props[k] = value;
    const t = taintFrom(outputTaint, k);
    if (t !== undefined) taint.set(k, t);
    else taint.delete(k);
  }
  return taint.size > 0 ? { props, taint } : { props };
}
