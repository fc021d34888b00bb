import { FilterSpec, checkFilter, describeEntry, describeMode } from "../filters";
import { Account, ContentFilterPolicy, Deployment, Subject, UseCase, isUnknown } from "../model";
import { Outcome, undecidable, violation } from "./types";

/** How messages name the policy that was checked. */
export function policyLabel(policy: ContentFilterPolicy): string {
  const name = typeof policy.name === "string" ? `"${policy.name}"` : "(name not known yet)";
  return policy.ref ? `RAI policy ${name} (${policy.ref.name})` : `externally managed RAI policy ${name} (pack config)`;
}

/**
 * The content filter policy a rule for `useCase` must check on this subject, or the outcomes to report
 * instead: none when the use case does not apply or another rule owns the problem (no policy, unresolved
 * policy), "undecidable" when a preview unknown hides the answer.
 */
export function policyForUseCase(
  subject: Subject,
  useCase: UseCase,
): { readonly policy: ContentFilterPolicy } | { readonly outcomes: Outcome[] } {
  if (subject.kind === "rai-policy") {
    const raw = subject.policy.useCases.raw;
    if (isUnknown(raw)) return { outcomes: [undecidable(raw, "the policy's declared use cases are not known yet")] };
    return subject.policy.useCases.values.includes(useCase) ? { policy: subject.policy } : { outcomes: [] };
  }
  if (subject.kind !== "deployment") return { outcomes: [] };
  if (subject.useCases.kind === "undecidable") {
    return { outcomes: [undecidable(subject.useCases.unknown, subject.useCases.why)] };
  }
  if (!subject.useCases.values.includes(useCase)) return { outcomes: [] };
  const resolution = subject.policy;
  if (resolution.kind === "undecidable") return { outcomes: [undecidable(resolution.unknown, resolution.why)] };
  if (resolution.kind !== "resolved") return { outcomes: [] };
  return { policy: resolution.policy };
}

export function subjectLabel(subject: Subject): string {
  if (subject.kind === "deployment") {
    const declared =
      subject.useCases.kind === "known" ? ` (declared on ${subject.useCases.declaredOn.join(", ")})` : "";
    return `Deployment "${subject.ref.name}" serves ${useCaseList(subject)}${declared}`;
  }
  if (subject.kind === "rai-policy") return `${policyLabel(subject.policy)} is declared for ${useCaseList(subject)}`;
  return `Account "${subject.ref.name}"`;
}

function useCaseList(subject: Subject): string {
  if (subject.kind === "deployment" && subject.useCases.kind === "known") return subject.useCases.values.join(", ");
  if (subject.kind === "rai-policy") return subject.policy.useCases.values.join(", ");
  return "unknown use cases";
}

/**
 * Checks that `policy` holds `spec` in one of the `accepted` modes and words the violation: what is
 * there (quoting the entry as the user wrote it), what the use case needs, and where.
 */
export function requireFilter(
  subject: Subject,
  policy: ContentFilterPolicy,
  spec: FilterSpec,
  accepted: readonly ("filter" | "annotate")[],
  because: string,
  /** Appended when the filter is there but too weak. */
  weakHint = "",
): Outcome[] {
  const result = checkFilter(policy, spec, accepted);
  const where = `${subjectLabel(subject)}; its ${policyLabel(policy)}`;
  const needs = accepted.length === 2 ? "annotate or filter mode" : "filter mode (enabled: true, blocking: true)";
  switch (result.state) {
    case "ok":
      return [];
    case "unknown":
      return [undecidable(result.unknown, `the ${spec.display} filter of ${policyLabel(policy)} is not known yet`)];
    case "missing": {
      const wrong = result.wrongSource.length
        ? ` It has ${result.wrongSource.map(describeEntry).join(", ")}, but the filter counts only on source "${spec.source}".`
        : "";
      const inherited =
        typeof policy.basePolicyName === "string"
          ? ` Filters inherited from basePolicyName "${policy.basePolicyName}" cannot be verified, so list it explicitly.`
          : "";
      return [
        violation(
          `${where} has no "${spec.display}" filter on ${spec.source}.${wrong}${inherited} ${because} needs it in ${needs}.`,
        ),
      ];
    }
    case "weak":
      return [
        violation(
          `${where} sets ${result.entries.map(describeEntry).join(" and ")} to ${describeMode(result.mode)}. ${because} needs "${spec.display}" on ${spec.source} in ${needs}.${weakHint}`,
        ),
      ];
  }
}

/** Text and code generation are the use cases the CCC's content filter mitigations apply to. */
export function servesTextOrCode(useCases: readonly UseCase[]): boolean {
  return useCases.includes("text-generation") || useCases.includes("code-generation");
}

/** The use cases a subject is checked for, and whether its policy was found; undefined while undecided. */
function scopeOf(subject: Subject): { useCases: readonly UseCase[]; resolved: boolean } | undefined {
  if (subject.kind === "deployment") {
    if (subject.useCases.kind !== "known") return undefined;
    return { useCases: subject.useCases.values, resolved: subject.policy.kind === "resolved" };
  }
  if (subject.kind === "rai-policy") return { useCases: subject.policy.useCases.values, resolved: true };
  return undefined;
}

/**
 * `notApplicable` for a rule that checks the policy of subjects serving some use cases: out of scope when
 * `applies` is false (saying why), or when the policy to check was not found (another rule reports that).
 */
export function useCaseScope(
  subject: Subject,
  applies: (useCases: readonly UseCase[]) => boolean,
  why: string,
  options: { readonly needsPolicy?: boolean } = {},
): string | undefined {
  const scope = scopeOf(subject);
  if (scope === undefined) return undefined;
  if (applies(scope.useCases)) {
    return scope.resolved || options.needsPolicy === false
      ? undefined
      : "no content filter policy to check (see ccc-explicit-rai-policy and ccc-verifiable-rai-policy)";
  }
  const serves = scope.useCases.length === 0 ? "declares no use case" : `serves ${scope.useCases.join(", ")}`;
  return `${subject.kind === "deployment" ? "the deployment" : "the policy"} ${serves}; ${why}`;
}

/** Two use cases that hit the same unknown report it once. */
export function dedupeOutcomes(outcomes: readonly Outcome[]): Outcome[] {
  const seen = new Set<string>();
  return outcomes.filter((o) => {
    const key = JSON.stringify(o);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The resource a subject is about, for what every kind has (its use-case tag, its shape problems). */
export function subjectResource(subject: Subject): Deployment | Account | ContentFilterPolicy {
  if (subject.kind === "deployment") return subject.deployment;
  return subject.kind === "account" ? subject.account : subject.policy;
}
