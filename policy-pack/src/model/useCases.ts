// Use cases: the `ccc-use-case` tag, which declaration wins, and what the deployment's model can produce.
import {
  Account,
  Deployment,
  accountLink,
  EffectiveUseCases,
  Lookup,
  ModelCoverage,
  PolicyResolution,
  SET_SUBSCRIPTION_IDS,
  USE_CASES,
  UseCase,
  UseCaseTag,
  Value,
  containerNoun,
  isUnknown,
  unknownAt,
} from "./model";
import { REDACTED } from "../redact";

/** The tag that declares a resource's use cases: comma-separated, case and spaces ignored. */
export const USE_CASE_TAG = "ccc-use-case";
/** Where use cases came from when the organization's defaults stand in (a `declaredOn` entry). */
export const DEFAULT_USE_CASES = "pack config defaultUseCases";
export const ALLOWED_USE_CASES_TEXT = USE_CASES.join(", ");

export function parseUseCaseTag(raw: Value<string>, secret = false): UseCaseTag {
  if (raw === undefined || isUnknown(raw)) return { raw, values: [], invalid: [], secret };
  const values: UseCase[] = [];
  const invalid: string[] = [];
  for (const part of raw.split(",")) {
    const item = part.replace(/\s/g, "").toLowerCase();
    if (item === "") continue;
    if ((USE_CASES as readonly string[]).includes(item)) {
      if (!values.includes(item as UseCase)) values.push(item as UseCase);
    } else {
      invalid.push(part.trim());
    }
  }
  return { raw, values, invalid, secret };
}

/** A tag that is present but lists no valid value still counts as not declaring anything. */
export function declares(tag: UseCaseTag): boolean {
  return tag.values.length > 0;
}

/** Text and code generation are the use cases the CCC's content filter mitigations apply to. */
export function servesTextOrCode(useCases: readonly UseCase[]): boolean {
  return useCases.includes("text-generation") || useCases.includes("code-generation");
}

/**
 * The deployment's own tag wins over its account's default; the tag of the policy it runs on adds the use
 * cases that policy is built for; pack config `defaultUseCases` applies only when nothing is declared. Then
 * the declaration is narrowed to what the model can produce.
 */
export function effectiveUseCases(
  deployment: Deployment,
  account: Lookup<Account> | undefined,
  policy: PolicyResolution,
  defaults: readonly UseCase[],
  coverage: ModelCoverage,
): EffectiveUseCases {
  const values = new Set<UseCase>();
  const declaredOn: string[] = [];
  let secret = false;
  const take = (tag: UseCaseTag, where: string) => {
    tag.values.forEach((v) => values.add(v));
    declaredOn.push(where);
    secret ||= tag.secret;
  };
  const own = deployment.useCases.raw;
  if (isUnknown(own)) return { kind: "undecided", unknown: own, why: `its use cases (its ${USE_CASE_TAG} tag)` };
  if (declares(deployment.useCases)) take(deployment.useCases, "deployment");
  else if (account?.kind === "found") {
    const accountTag = account.node.useCases.raw;
    if (isUnknown(accountTag)) {
      return {
        kind: "undecided",
        unknown: accountTag,
        why: `its default use cases (its account's ${USE_CASE_TAG} tag)`,
      };
    }
    if (declares(account.node.useCases))
      take(account.node.useCases, `${containerNoun(account.node.collection)} "${account.node.ref.name}"`);
  } else if (account?.kind === "undecided") {
    return {
      kind: "undecided",
      unknown: account.unknown,
      why: `its default use cases (from its account's tag, where ${account.why})`,
    };
  } else if (account?.kind === "ambiguous") {
    const link = accountLink(deployment.placement);
    const unknown = unknownAt(link, "ambiguous", `names ${account.candidates.length} accounts in the stack`);
    return { kind: "undecided", unknown, why: "its default use cases (from its account's tag)" };
  } else if (account?.kind === "none") {
    // A same-named account under another provider may be this one (its subscription is not shown different):
    // its tag cannot be ruled out, so neither can the use cases it declares.
    // Stryker disable next-line MethodExpression: equivalent today, an account lookup ignores registration order, so its only near misses are under another provider
    const other = account.nearMisses.filter((m) => m.otherProvider);
    if (other.length > 0) {
      const unknown = unknownAt(
        accountLink(deployment.placement),
        "ambiguous",
        `may name ${other.map((m) => `account "${m.ref.name}"`).join(", ")} under another provider, whose subscription cannot be shown to be the same or different`,
        SET_SUBSCRIPTION_IDS,
      );
      return { kind: "undecided", unknown, why: "its default use cases (from its account's tag)" };
    }
  }
  const stackPolicy = stackPolicyOf(policy);
  if (stackPolicy !== undefined) {
    const policyTag = stackPolicy.useCases;
    if (isUnknown(policyTag.raw)) {
      return {
        kind: "undecided",
        unknown: policyTag.raw,
        why: `its use cases (the ${USE_CASE_TAG} tag of the RAI policy it runs on)`,
      };
    }
    if (declares(policyTag)) take(policyTag, `RAI policy "${stackPolicy.name}"`);
  }
  if (values.size === 0 && defaults.length > 0) {
    defaults.forEach((v) => values.add(v));
    declaredOn.push(DEFAULT_USE_CASES);
  }
  return narrow([...values], declaredOn, secret, coverage);
}

/** The tag and logical name of the stack policy a deployment runs on: only a stack policy's tag declares use cases. */
function stackPolicyOf(policy: PolicyResolution): { useCases: UseCaseTag; name: string } | undefined {
  return policy.kind === "resolved" && policy.policy.origin.kind === "stack"
    ? { useCases: policy.policy.useCases, name: policy.policy.origin.ref.name }
    : undefined;
}

/**
 * Keeps the declared use cases the model can produce. When none of them is, but the model produces
 * content, the declaration cannot be right: the model's own capabilities apply (fail closed), and
 * ccc-use-case-declared reports it.
 */
function narrow(
  declared: readonly UseCase[],
  declaredOn: readonly string[],
  secret: boolean,
  coverage: ModelCoverage,
): EffectiveUseCases {
  const produces = coverage.produces;
  if (isUnknown(produces)) {
    // What the model produces may override the declaration (an image tag on a text model). With `other`, which
    // is always kept, it cannot: it only narrows, so the declaration is the most it needs.
    if (declared.length === 0 || declared.includes("other"))
      return { kind: "known", values: declared, declaredOn, secret };
    return { kind: "undecided", unknown: produces, why: "its use cases (what its model can produce)" };
  }
  const can = (u: UseCase) => u === "other" || produces.includes(u);
  const kept = declared.filter(can);
  const dropped = declared.filter((u) => !can(u));
  if (dropped.length === 0) return { kind: "known", values: declared, declaredOn, secret };
  const model = coverage.secretName
    ? `its model (${REDACTED})`
    : coverage.row
      ? `model ${coverage.row.pattern} (${coverage.row.kind})`
      : "a model the pack's table does not know";
  const what = produces.length === 0 ? "produces no content output" : `produces ${produces.join(" and ")} only`;
  const why = `${model} ${what}`;
  if (kept.length === 0 && produces.length > 0) {
    return {
      kind: "known",
      values: [...produces],
      declaredOn,
      secret,
      narrowed: { dropped, why },
      overridden: `the declared use cases (${secret ? "[secret]" : declared.join(", ")}) are none the model can produce: ${why}`,
    };
  }
  return { kind: "known", values: kept, declaredOn, secret, narrowed: { dropped, why } };
}
