// What the rules share: how messages name things, which policies a rule must check on a subject, and the
// problems several rules meet (no policy to check, no use case), worded once and reported once.
import { FilterSpec, checkFilter } from "../model/filters";
import {
  ContentFilterPolicy,
  DeploymentSubject,
  Flavour,
  PolicyResolution,
  Subject,
  UseCase,
  UseCaseTag,
  containerNoun,
  containerOf,
  isUnknown,
  policyProperty,
} from "../model/model";
import { ALLOWED_USE_CASES_TEXT, DEFAULT_USE_CASES, USE_CASE_TAG } from "../model/useCases";
import { REDACTED, describeEntry, describeModeOf, quoted } from "../redact";
import { cite } from "../ruleData/sources";
import { MICROSOFT_POLICY_FACTS, SERVICE_ASSIGNED_POLICY } from "../ruleData/microsoftPolicies";
import { attachPolicyFix, declareUseCaseFix, filterEntry, referenceAccountFix, sentence } from "./fixes";
import { Outcome, SharedProblem, undecided, violation } from "./types";

/** The rules that own the problems several rules meet. */
export const OWNERS = {
  useCase: "ccc-use-case-declared",
  explicitPolicy: "ccc-explicit-rai-policy",
  verifiablePolicy: "ccc-verifiable-rai-policy",
} as const;

const problem = (key: string, owner: string): SharedProblem => ({ key, owner });

/** How messages name a content filter policy. */
export function policyLabel(policy: ContentFilterPolicy): string {
  const name = quoted(policy, "name", policy.name);
  switch (policy.origin.kind) {
    case "stack":
      return `RAI policy ${name} (${policy.origin.ref.name})`;
    case "external":
      return `externally managed RAI policy ${name} (pack config)`;
    case "microsoft":
      return `Microsoft-managed policy ${name} (as documented in ${policy.origin.source.title}, checked ${policy.origin.checked})`;
  }
}

export function useCaseList(values: readonly UseCase[], secret: boolean): string {
  if (secret) return `${REDACTED} use cases`;
  return values.length === 0 ? "no use case" : values.join(", ");
}

export function subjectLabel(subject: Subject): string {
  if (subject.kind === "deployment") {
    if (subject.useCases.kind !== "known") return `Deployment "${subject.ref.name}"`;
    const declaredOn = subject.useCases.declaredOn;
    // Defaults stand in for the account's tag when no account was seen: say so, the account may come later.
    const notBefore = declaredOn.includes(DEFAULT_USE_CASES) ? accountNotBefore(subject) : undefined;
    const declared = declaredOn.length
      ? ` (declared on ${declaredOn.join(", ")}${notBefore ? `, as ${notBefore}` : ""})`
      : "";
    return `Deployment "${subject.ref.name}" serves ${useCaseList(subject.useCases.values, subject.useCases.secret)}${declared}`;
  }
  if (subject.kind === "rai-policy") {
    return `${policyLabel(subject.policy)} is declared for ${useCaseList(subject.policy.useCases.values, subject.policy.useCases.secret)}`;
  }
  return `Account "${subject.ref.name}"`;
}

/** The flavour fixes are worded in. */
export function flavourOf(subject: Subject): Flavour {
  if (subject.kind === "deployment") return subject.deployment.flavour;
  return subject.kind === "rai-policy" ? subject.policy.flavour : subject.account.flavour;
}

/**
 * Whether a deployment that declares nothing is a problem: not for a model without content output
 * (embeddings) or one the CCC's mitigations do not address, and not when its declaration was only
 * narrowed to nothing by what the model produces.
 */
export function lacksUseCase(subject: DeploymentSubject): boolean {
  if (subject.useCases.kind !== "known" || subject.useCases.values.length > 0 || subject.useCases.narrowed)
    return false;
  // The RAI policy it runs on is not known yet (a preview's `raiPolicyName: policy.name`): its tag may declare
  // one. Which policy it is stays undecided (ccc-verifiable-rai-policy), so nothing passes on this.
  if (subject.policy.kind === "undecided") return false;
  const produces = subject.coverage.produces;
  return subject.coverage.covered !== false && !(Array.isArray(produces) && produces.length === 0);
}

/** The values of a use-case tag that are not use cases, as messages quote them (a secret tag's are not shown). */
export function invalidUseCases(tag: UseCaseTag): string {
  return tag.secret ? REDACTED : tag.invalid.map((v) => `"${v}"`).join(", ");
}

/** "which is not a use case" or "which are not use cases", for `count` values. */
export const notUseCases = (count: number) => (count > 1 ? "which are not use cases" : "which is not a use case");

/**
 * What a deployment without a use case has instead, when a tag it could take one from holds only values that
 * are not use cases: the reason it declares none, so that is one finding, not two.
 */
function invalidDeclarations(subject: DeploymentSubject): string {
  const sources: [string, UseCaseTag][] = [["the deployment's tag", subject.deployment.useCases]];
  if (subject.policy.kind === "resolved") {
    const policy = subject.policy.policy;
    sources.push([`RAI policy ${quoted(policy, "name", policy.name)}'s tag`, policy.useCases]);
  }
  // Stryker disable next-line OptionalChaining: equivalent, a deployment's account lookup is never undefined (its placement always has an account or workspace)
  if (subject.account?.kind === "found")
    sources.push([
      `${containerNoun(subject.account.node.collection)} "${subject.account.node.ref.name}"'s tag`,
      subject.account.node.useCases,
    ]);
  const found = sources.filter(([, tag]) => tag.invalid.length > 0);
  if (found.length === 0) return "";
  const count = found.reduce((n, [, tag]) => n + tag.invalid.length, 0);
  const has = found.map(([who, tag]) => `${who} has ${invalidUseCases(tag)}`).join(", ");
  return ` (${has}, ${notUseCases(count)}; allowed values: ${ALLOWED_USE_CASES_TEXT})`;
}

/**
 * When no account in the stack is the deployment's, "account "x" is not in the stack before the deployment":
 * it may be one the program defines after the deployment, which the resource level cannot see yet.
 */
export function accountNotBefore(subject: DeploymentSubject): string | undefined {
  // Stryker disable next-line OptionalChaining: equivalent, a deployment's account lookup is never undefined (its placement always has an account or workspace)
  if (subject.account?.kind !== "none") return undefined;
  const d = subject.deployment;
  // A deployment's placement always has its account or workspace (accountOf found none by its name).
  const container = containerOf(d.placement)!;
  // A name not known yet names no account the user could look for.
  if (isUnknown(container.name)) return undefined;
  const noun = container.collection === "workspaces" ? "workspace" : "account";
  return `${noun} ${quoted(d, container.link, container.name)} is not in the stack before the deployment`;
}

/** The fix for a deployment registered before its account: reference the account, which orders them. */
function accountNotSeen(subject: DeploymentSubject): string {
  const notBefore = accountNotBefore(subject);
  if (notBefore === undefined) return "";
  return ` ${sentence(notBefore)}; if the program defines it later, reference it (${referenceAccountFix(subject.deployment.flavour)}), so it and its tag come first.`;
}

/** A deployment's use-case problem: nothing declared, so no rule can tell which mitigations apply. */
export function noUseCase(subject: DeploymentSubject): Outcome {
  return violation(
    `Deployment "${subject.ref.name}" declares no use case: no valid ${USE_CASE_TAG} tag on the deployment, its RAI policy or its account${invalidDeclarations(subject)}, and ccc-organization-config.defaultUseCases is empty. The CCC mitigations depend on the use case, so the deployment cannot be checked.${accountNotSeen(subject)}`,
    `${sentence(declareUseCaseFix(subject.deployment.flavour))} (one or more of ${ALLOWED_USE_CASES_TEXT}).`,
    // Stryker disable next-line StringLiteral: a problem key is only an identity, distinct from the others whatever its text
    problem("use-case", OWNERS.useCase),
  );
}

const DEFAULT_V2 = MICROSOFT_POLICY_FACTS.find((f) => f.name === "Microsoft.DefaultV2")!;

/** The problem a policy resolution is, when the rules cannot check the policy; undefined when they can. */
export function policyProblem(
  subject: DeploymentSubject,
  resolution: PolicyResolution,
  via = "it",
): Outcome | undefined {
  const flavour = subject.deployment.flavour;
  const who =
    via === "it" ? `Deployment "${subject.ref.name}"` : `Deployment "${subject.ref.name}" spills over to ${via}, which`;
  const key = `policy:${via}`;
  switch (resolution.kind) {
    // Stryker disable next-line StringLiteral,ConditionalExpression: an unmatched "resolved" falls out of the switch, which returns undefined too
    case "resolved":
      return undefined;
    case "undecided":
      return undecided(resolution.unknown, resolution.why);
    case "service-assigned":
      return violation(
        `${who} names no RAI policy (${policyProperty(flavour)} is not set), so the service assigns one; which one has changed over time and is not documented (${cite(SERVICE_ASSIGNED_POLICY.source)}), so its filters cannot be shown to meet the CCC.`,
        `Name a policy in ${policyProperty(flavour)}: "Microsoft.DefaultV2" with ccc-organization-config.acceptMicrosoftDefaultPolicy: true (judged by ${cite(DEFAULT_V2.source)}), or your own: ${attachPolicyFix(flavour)}.`,
        problem(key, OWNERS.explicitPolicy),
      );
    case "microsoft-unaccepted":
      return resolution.documented
        ? violation(
            `${who} names the Microsoft-managed policy "${resolution.name}". Microsoft documents its filters (${cite(DEFAULT_V2.source)}), but relying on that documentation is the organization's decision, and ccc-organization-config.acceptMicrosoftDefaultPolicy is not set.`,
            `Set ccc-organization-config.acceptMicrosoftDefaultPolicy: true to judge it by that documentation, or ${attachPolicyFix(flavour)}.`,
            problem(key, OWNERS.explicitPolicy),
          )
        : violation(
            `${who} names the Microsoft-managed policy "${resolution.name}", whose filters Microsoft does not document, so they cannot be shown to meet the CCC.`,
            `${sentence(attachPolicyFix(flavour))}.`,
            problem(key, OWNERS.explicitPolicy),
          );
    case "unresolved": {
      const near = resolution.nearMisses.length
        ? ` ${resolution.nearMisses.map((m) => `${m.ref.type.split(":").pop()} "${m.ref.name}" has that name, but ${m.why}.`).join(" ")}`
        : "";
      const listed = resolution.listedExternally
        ? "ccc-organization-config.externalRaiPolicies lists it, but a policy of this stack may be that very policy, and Azure holds the stack's definition"
        : "ccc-organization-config.externalRaiPolicies does not list it";
      return violation(
        `${who} names RAI policy "${resolution.name}", which cannot be verified: no RAI policy with that name is defined on its account in this stack, and ${listed}.${near}`,
        `Define the policy in this stack and reference it (${policyProperty(flavour)}: policy.name, which also creates it first), or declare it and its filters in ccc-organization-config.externalRaiPolicies (also for a policy the program only reads with .get: a read reaches the pack after the deployment's step).`,
        problem(key, OWNERS.verifiablePolicy),
      );
    }
    case "ambiguous":
      return violation(
        `${who} names RAI policy "${resolution.name}", which is ambiguous: ${
          resolution.candidates.length
            ? `${resolution.candidates.map((c) => `"${c.name}"`).join(", ")} all have that identity (Azure compares names without case)`
            : "several entries of ccc-organization-config.externalRaiPolicies match it"
        }, so the pack cannot tell which filters apply.`,
        "Keep one policy per name on an account (names differing only in case are the same policy).",
        problem(key, OWNERS.verifiablePolicy),
      );
    case "subscription-level":
      return violation(
        `${who} names "${resolution.name}", which this stack defines only as a subscription-level RAI policy (${resolution.policy.name}). Microsoft does not document whether a deployment can run on a subscription-level policy, so its filters cannot be shown to apply.`,
        `Define the policy on the deployment's account: ${attachPolicyFix(flavour)}.`,
        problem(key, OWNERS.verifiablePolicy),
      );
  }
}

/** A policy a rule must check, and how messages say where it comes from. */
export interface PolicyTarget {
  readonly policy: ContentFilterPolicy;
  /** "" for the subject's own policy; `its spillover deployment "x"` otherwise. */
  readonly via: string;
}

/**
 * The content filter policies a rule for `useCase` must check on this subject (its own, and that of the
 * deployment it spills over to), or the outcomes to report instead: none when the use case does not
 * apply; a shared problem when there is no policy to check or no use case; undecided when a value is not
 * known.
 */
export function policyTargets(subject: Subject, useCase: UseCase): PolicyTargets {
  // Several rules ask the same subject for the same use case: work it out once.
  let byUseCase = targetsCache.get(subject);
  // Stryker disable next-line ConditionalExpression: a cache; working the targets out again gives the same ones
  if (byUseCase === undefined) targetsCache.set(subject, (byUseCase = new Map()));
  let found = byUseCase.get(useCase);
  // Stryker disable next-line ConditionalExpression: a cache; working the targets out again gives the same ones
  if (found === undefined) byUseCase.set(useCase, (found = findTargets(subject, useCase)));
  return found;
}

type PolicyTargets = { readonly targets: readonly PolicyTarget[]; readonly outcomes: readonly Outcome[] };
const targetsCache = new WeakMap<Subject, Map<UseCase, PolicyTargets>>();

function findTargets(subject: Subject, useCase: UseCase): { targets: PolicyTarget[]; outcomes: Outcome[] } {
  const none = { targets: [], outcomes: [] };
  if (subject.kind === "rai-policy") {
    const raw = subject.policy.useCases.raw;
    if (isUnknown(raw)) return { targets: [], outcomes: [undecided(raw, "the use cases the policy is declared for")] };
    return subject.policy.useCases.values.includes(useCase)
      ? { targets: [{ policy: subject.policy, via: "" }], outcomes: [] }
      : none;
  }
  if (subject.kind !== "deployment") return none;
  if (isUnknown(subject.coverage.covered)) {
    return { targets: [], outcomes: [undecided(subject.coverage.covered, "whether its model is Azure OpenAI")] };
  }
  if (!subject.coverage.covered) return none;
  if (subject.useCases.kind === "undecided") {
    return { targets: [], outcomes: [undecided(subject.useCases.unknown, subject.useCases.why)] };
  }
  if (lacksUseCase(subject)) return { targets: [], outcomes: [noUseCase(subject)] };
  if (!subject.useCases.values.includes(useCase)) return none;
  const targets: PolicyTarget[] = [];
  const outcomes: Outcome[] = [];
  // policyProblem has a problem for every resolution but "resolved".
  if (subject.policy.kind === "resolved") targets.push({ policy: subject.policy.policy, via: "" });
  else outcomes.push(policyProblem(subject, subject.policy)!);
  const spill = subject.spillover;
  if (spill !== undefined) {
    // Named by the logical name of the deployment found (its Azure name may be secret or not known in a preview).
    const name =
      spill.target.kind === "found"
        ? `"${spill.target.node.ref.name}"`
        : quoted(subject.deployment, "spilloverDeploymentName", spill.name as string);
    const via = `its spillover deployment ${name}`;
    if (spill.target.kind === "found") {
      // The graph resolves the policy of every spillover deployment it finds.
      const policy = spill.policy!;
      if (policy.kind !== "resolved") outcomes.push(policyProblem(subject, policy, via)!);
      // On the deployment's own policy, the spillover adds nothing to check (one finding per problem).
      else if (!targets.some((t) => t.policy === policy.policy)) targets.push({ policy: policy.policy, via });
    } else if (spill.target.kind === "undecided") {
      outcomes.push(undecided(spill.target.unknown, `the deployment it spills over to (${spill.target.why})`));
    } else {
      const why =
        spill.target.kind === "ambiguous"
          ? `several deployments in the stack have that identity (${spill.target.candidates.map((c) => `"${c.name}"`).join(", ")})`
          : "no deployment with that name is on its account in this stack";
      outcomes.push(
        violation(
          `Deployment "${subject.ref.name}" sends overflow requests to ${via}, which cannot be verified: ${why}. Requests served there must meet this deployment's requirements too.`,
          `Define the spillover deployment on the same account in this stack, with a compliant policy, or remove properties.spilloverDeploymentName.`,
          // Stryker disable next-line StringLiteral: a problem key is only an identity, distinct from the others whatever its text
          problem("spillover", OWNERS.verifiablePolicy),
        ),
      );
    }
  }
  return { targets, outcomes };
}

/**
 * Checks that a target policy holds `spec` in one of the `accepted` modes, and words the violation: what is
 * there (quoting the entry as the user wrote it), what the use case needs, where, and the fix.
 */
export function requireFilter(
  subject: Subject,
  target: PolicyTarget,
  spec: FilterSpec,
  accepted: readonly ("filter" | "annotate")[],
  because: string,
  /** Appended when the filter is there but too weak. */
  weakHint = "",
): Outcome[] {
  const { policy } = target;
  const result = checkFilter(policy, spec, accepted);
  // Most policies hold the filter: word nothing for them.
  if (result.state === "ok") return [];
  const where = `${subjectLabel(subject)}; ${policyLead(subject, target)}`;
  const needs = accepted.length === 2 ? "annotate or filter mode" : "filter mode (enabled: true, blocking: true)";
  const flavour = policy.origin.kind === "stack" ? policy.flavour : flavourOf(subject);
  const fix =
    policy.origin.kind === "microsoft"
      ? `${sentence(attachPolicyFix(flavour))}, with ${filterEntry(flavour, spec)}.`
      : `Set ${filterEntry(flavour, spec)} of ${policyLabel(policy)}.`;
  switch (result.state) {
    case "unknown":
      return [undecided(result.unknown, `the ${spec.display} filter of ${policyLabel(policy)}`)];
    case "missing": {
      const wrong = result.wrongSource.length
        ? ` It has ${result.wrongSource.map(describeEntry).join(", ")}, but the filter counts only on source "${spec.source}".`
        : "";
      const lookalike = result.lookalikes.length
        ? ` ${result.lookalikes.map(describeEntry).join(", ")} is not a spelling Azure uses for a filter name (any case, words separated by one space, "-" or "_"), so it does not count.`
        : "";
      const inherited =
        typeof policy.basePolicyName === "string"
          ? ` Filters inherited from basePolicyName ${quoted(policy, "basePolicyName", policy.basePolicyName)} cannot be verified, so list it explicitly.`
          : "";
      return [
        violation(
          `${where} has no "${spec.display}" filter on ${spec.source}.${wrong}${lookalike}${inherited} ${because} needs it in ${needs}.`,
          fix,
        ),
      ];
    }
    case "weak":
      return [
        violation(
          `${where} sets ${result.entries.map(describeEntry).join(" and ")} to ${describeModeOf(result.entries, result.mode)}. ${because} needs "${spec.display}" on ${spec.source} in ${needs}.${weakHint}`,
          fix,
        ),
      ];
  }
}

/**
 * How a message names the policy it checks, after the subject's label: "its RAI policy …", "it" (the subject is
 * that policy, checked against its own tag), or "its spillover deployment … runs on RAI policy …, which".
 */
export function policyLead(subject: Subject, target: PolicyTarget): string {
  if (target.via !== "") return `${target.via} runs on ${policyLabel(target.policy)}, which`;
  return subject.kind === "rai-policy" ? "it" : `its ${policyLabel(target.policy)}`;
}

/** Two use cases (or targets) that hit the same outcome report it once. */
export function dedupeOutcomes(outcomes: readonly Outcome[]): Outcome[] {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, one outcome has no twin (spares a JSON text per outcome)
  if (outcomes.length < 2) return [...outcomes];
  const seen = new Set<string>();
  return outcomes.filter((o) => {
    const key = JSON.stringify(o);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The use cases a subject is checked for, and whether declared ones were narrowed away (the model cannot
 * produce them); undefined while undecided or for accounts.
 */
function scopeOf(subject: Subject): { readonly useCases: readonly UseCase[]; readonly narrowed: boolean } | undefined {
  if (subject.kind === "deployment") {
    const { useCases } = subject;
    return useCases.kind === "known"
      ? { useCases: useCases.values, narrowed: useCases.narrowed !== undefined }
      : undefined;
  }
  return subject.kind === "rai-policy" ? { useCases: subject.policy.useCases.values, narrowed: false } : undefined;
}

/**
 * `notApplicable` for a rule that checks the policies of subjects serving some use cases: why it had nothing
 * to check (a model the CCC's mitigations do not address, a use case it does not serve).
 */
export function useCaseScope(
  subject: Subject,
  applies: (useCases: readonly UseCase[]) => boolean,
  why: string,
): string | undefined {
  if (subject.kind === "deployment" && subject.coverage.covered === false) {
    return "the deployment's model is not Azure OpenAI (see ccc-covered-model)";
  }
  const scope = scopeOf(subject);
  if (scope === undefined || applies(scope.useCases)) return undefined;
  // Declared use cases the model cannot produce are narrowed away: the deployment did declare something.
  const serves =
    scope.useCases.length > 0
      ? `serves ${scope.useCases.join(", ")}`
      : scope.narrowed
        ? "declares only use cases its model cannot produce (see ccc-covered-model)"
        : "declares no use case";
  return `${subject.kind === "deployment" ? "the deployment" : "the policy"} ${serves}; ${why}`;
}

/** The resource a subject is about, for what every kind has (its use-case tag, its shape problems). */
export function subjectResource(subject: Subject) {
  if (subject.kind === "deployment") return subject.deployment;
  return subject.kind === "account" ? subject.account : subject.policy;
}

/** Findings list at most this many items, then say how many more: one finding per problem, of bounded size. */
const LISTED = 10;

export function listed(items: readonly string[], separator = ", "): string {
  const shown = items.slice(0, LISTED).join(separator);
  return items.length > LISTED ? `${shown}${separator}and ${items.length - LISTED} more` : shown;
}
