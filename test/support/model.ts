// Builders of the normalized model (policy-pack/src/model.ts), for tests of rule logic without a runtime.
import { filterKey } from "../../policy-pack/src/filters";
import {
  Account,
  ContentFilter,
  ContentFilterPolicy,
  Deployment,
  EffectiveUseCases,
  Evidence,
  PolicyResolution,
  ResourceRef,
  Subject,
  Unknown,
  Value,
} from "../../policy-pack/src/model";
import { Outcome, RuleContext } from "../../policy-pack/src/rules/types";
import { DEFAULT_SETTINGS, OrgSettings } from "../../policy-pack/src/settings";
import { parseUseCaseTag } from "../../policy-pack/src/useCases";

export const refOf = (name: string, type: string): ResourceRef => ({
  urn: `urn:pulumi:dev::test::${type}::${name}`,
  name,
  type,
});

type Flags = Partial<Pick<ContentFilter, "enabled" | "blocking" | "action">>;

export const FILTER: Flags = { enabled: true, blocking: true };
export const ANNOTATE: Flags = { enabled: true, blocking: false };

/** One `contentFilters` entry as the adapter reads it. */
export function entry(name: string, source: Value<string>, flags: Flags, index = 0): ContentFilter {
  return {
    name,
    key: filterKey(name),
    source,
    enabled: undefined,
    blocking: undefined,
    action: undefined,
    index,
    ...flags,
  };
}

/** Entries numbered in list order, as `contentFilters[i]`. */
export const entries = (...list: [string, Value<string>, Flags][]): ContentFilter[] =>
  list.map(([name, source, flags], i) => entry(name, source, flags, i));

export function raiPolicy(
  filters: readonly ContentFilter[] | Unknown,
  over: Partial<ContentFilterPolicy> & { tag?: Value<string> } = {},
): ContentFilterPolicy {
  const { tag, ...rest } = over;
  return {
    ref: refOf("strict", "azure-native:cognitiveservices:RaiPolicy"),
    name: "ccc-policy",
    accountName: "ccc-account",
    resourceGroupName: "rg",
    mode: "Default",
    basePolicyName: undefined,
    filters,
    useCases: parseUseCaseTag(tag),
    problems: [],
    accountLink: "accountName",
    ...rest,
  };
}

export const NO_EVIDENCE: Evidence = {
  metaprompt: undefined,
  metapromptDate: undefined,
  evaluationReport: undefined,
  evaluationReportDate: undefined,
};

export function deployment(name: string, over: Partial<Deployment> = {}): Deployment {
  return {
    ref: refOf(name, "azure-native:cognitiveservices:Deployment"),
    name,
    accountName: "ccc-account",
    resourceGroupName: "rg",
    raiPolicyName: "ccc-policy",
    modelName: "gpt-4o",
    modelFormat: "OpenAI",
    capacity: 10,
    useCases: parseUseCaseTag(undefined),
    evidence: NO_EVIDENCE,
    problems: [],
    links: { account: "accountName", policy: "properties" },
    ...over,
  };
}

export function account(over: Partial<Account> = {}): Account {
  return {
    ref: refOf("acct", "azure-native:cognitiveservices:Account"),
    name: "ccc-account",
    resourceGroupName: "rg",
    kind: "OpenAI",
    location: "swedencentral",
    useCases: parseUseCaseTag(undefined),
    evidence: NO_EVIDENCE,
    problems: [],
    ...over,
  };
}

export interface DeploymentSubjectOptions {
  /** Use cases, declared on the deployment itself unless `useCases` says otherwise. */
  readonly serves?: readonly string[];
  readonly useCases?: EffectiveUseCases;
  readonly policy?: PolicyResolution;
  readonly deployment?: Deployment;
  readonly account?: Account;
  /** Deployments on the same account (or region), this one included; defaults to this one alone. */
  readonly siblings?: readonly Deployment[] | Unknown;
}

export function deploymentSubject(options: DeploymentSubjectOptions = {}): Subject & { kind: "deployment" } {
  const d = options.deployment ?? deployment("chat");
  const useCases: EffectiveUseCases = options.useCases ?? {
    kind: "known",
    values: parseUseCaseTag((options.serves ?? []).join(",")).values,
    declaredOn: [d.ref.name],
  };
  const siblings = options.siblings ?? [d];
  return {
    kind: "deployment",
    ref: d.ref,
    deployment: d,
    account: options.account,
    policy: options.policy ?? { kind: "resolved", policy: raiPolicy([]) },
    useCases,
    accountDeployments: () => siblings,
    regionDeployments: () => siblings,
  };
}

export const policySubject = (policy: ContentFilterPolicy): Subject => {
  if (!policy.ref) throw new Error("a policy subject needs a stack resource");
  return { kind: "rai-policy", ref: policy.ref, policy };
};

export const accountSubject = (a: Account = account()): Subject => ({ kind: "account", ref: a.ref, account: a });

export function context(
  settings: Partial<OrgSettings> = {},
  config: Record<string, unknown> = {},
  now = new Date("2026-11-23T12:00:00Z"),
): RuleContext {
  return { settings: { ...DEFAULT_SETTINGS, ...settings }, config, now };
}

// Expected outcomes, written out rather than built with the rule code's own factories, so a broken factory
// cannot agree with itself.
export const violated = (message: string): Outcome => ({ kind: "violation", message });
export const noted = (message: string): Outcome => ({ kind: "note", message });
export const deferred = (unknown: Unknown, why: string): Outcome => ({ kind: "undecidable", unknown, why });
