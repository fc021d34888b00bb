// An independent reference for the CCC rules, written from Microsoft's "Customer Copyright Commitment Required
// Mitigations" table, Azure's rules for resource identity and the pack's documented semantics (README,
// docs/rules.md, research/architecture.md). It reads azure-native resources (Account, RaiPolicy, Deployment) as a
// program writes them and deliberately imports nothing from policy-pack/src, so a property test can compare the
// two. It answers, for each deployment, "compliant", "not compliant" or "cannot show" (a value the verdict
// depends on is not known, has the wrong type, or is ambiguous).
//
// CCC table, per use case:
//   text generation: Protected Material Text (on completions) in filter mode, Jailbreak (on prompts) in filter
//                    mode; no asynchronous filter (flagged text output is not covered).
//   code generation: Protected Material Code (on completions) in filter mode, or annotate mode if the customer
//                    complies with cited licences; Jailbreak in filter mode; asynchronous filter only if the
//                    customer complies with cited licences.
//   image generation, speech, other: no content-filter requirement, but the use case must be declared.
//   Only Azure OpenAI models are covered (model.format other than OpenAI: the filter requirements do not apply).
//
// Identity (Azure): a resource is its subscription, resource group, account and name, names compared without
// case. The subscription is known from an ARM id, else from the provider's subscriptionId; otherwise it is only
// "the subscription of that provider instance" (one instance targets one subscription). Two resources under
// different provider instances are the same only when both subscriptions are known and equal; a subscriptionId
// set but not known yet (a preview) may still equal the other's. A deployment whose use cases would come from its
// account's tag, with a same-named account under another provider instance (not shown the same, nor different),
// cannot be shown compliant: that tag cannot be ruled out; such a resource beside the one match of a lookup
// leaves the lookup undecided. Two candidates with one identity are ambiguous, never one of
// them; a candidate that may or may not match leaves the lookup undecided.
//
// Reading (documented: the reader never throws): null is absent; a wrong type, a preview unknown and two tag
// keys that differ only in case with different values cannot be read. A filter entry that is not an object or
// has no name is no filter; an entry whose name cannot be read makes the whole list unreadable. A filter entry
// is in filter mode when enabled and blocking are both true, in annotate mode when enabled is true and blocking
// false, off when enabled is false; on an account RAI policy (API 2025-06-01) `action` does not exist, so it
// cannot make an entry block, and when it disagrees with the flags the entry contradicts itself. Copies of one
// filter on one source count only when they are all in the same mode. Filter names count only in a spelling
// Azure uses: letters, words separated by exactly one space, "-" or "_", any case. A policy mode other than
// Default or Blocking (any case; absent is Default) cannot be shown to filter synchronously.
//
// Policies: no raiPolicyName (or a blank one) means the service assigns an undocumented policy; a name starting
// with "Microsoft." is Microsoft-managed: Microsoft.DefaultV2 is judged by its documented filters (Jailbreak and
// Protected Material Text in filter mode, Protected Material Code annotate) only when the organization accepts
// that documentation; Microsoft.Default by its documented filters (all three off); any other Microsoft.* name
// cannot be shown. Either way a text or code deployment on a policy that cannot be checked is not compliant; a
// name that finds no policy in the stack (nor in ccc-organization-config.externalRaiPolicies), or two, is not
// compliant whatever the use case. Two deployments with one identity are not compliant; one that may have
// another's identity (under another provider instance, subscriptions not shown the same) cannot be shown.
//
// Use cases: the deployment's own ccc-use-case tag wins over its account's; the tag of the stack RAI policy it
// runs on adds; defaultUseCases apply when nothing is declared. Then they are narrowed to what the model can
// produce ("other" always stays); when nothing declared is producible but the model produces something, the
// declaration is wrong (not compliant). A declared value that is not a use case is not compliant. A covered
// deployment whose use cases come to nothing (and whose model produces output) is not compliant.

export type RefUseCase = "text-generation" | "code-generation" | "image-generation" | "speech" | "other";
export const REF_USE_CASES: readonly RefUseCase[] = [
  "text-generation",
  "code-generation",
  "image-generation",
  "speech",
  "other",
];

/** Pulumi's sentinels for values not known during a preview (SDK rpc.ts and @pulumi/policy proxy). */
const SENTINELS = new Set([
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export interface RefResource {
  readonly kind: "account" | "rai-policy" | "deployment";
  /** Logical (Pulumi) name, unique per kind. */
  readonly logical: string;
  /** Inputs as the program wrote them (plaintext), plus `id` where an output ARM id is known. */
  readonly props: unknown;
  /** An explicit provider instance; undefined: the default provider. */
  readonly provider?: { readonly name: string; readonly subscriptionId?: unknown };
}

export interface RefExternalPolicy {
  readonly name: string;
  readonly accountName?: string;
  readonly resourceGroupName?: string;
  readonly subscriptionId?: string;
  readonly mode?: string;
  readonly contentFilters: readonly Record<string, unknown>[];
}

export interface RefSettings {
  readonly licenceComplianceDeclared: boolean;
  readonly defaultUseCases: readonly RefUseCase[];
  readonly acceptMicrosoftDefaultPolicy: boolean;
  readonly externalRaiPolicies: readonly RefExternalPolicy[];
}

export type RefOutcome = "compliant" | "not compliant" | "cannot show";

export interface RefVerdict {
  readonly outcome: RefOutcome;
  /** Why it is not compliant. */
  readonly reasons: readonly string[];
  /** What cannot be read or decided. */
  readonly unsure: readonly string[];
  /** Stack policies (logical names) with the identity the deployment's raiPolicyName names. */
  readonly policyCandidates: readonly string[];
  /** Accounts (logical names) with the identity of the deployment's account. */
  readonly accountCandidates: readonly string[];
  /** Whether the verdict needs the account's tag (the deployment's own tag declares no use case). */
  readonly usesAccount: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/** A value that cannot be read: not known yet, of the wrong type, or ambiguous. */
interface Bad {
  readonly bad: string;
}
type Read<T> = T | undefined | Bad;
const isBad = (v: unknown): v is Bad =>
  typeof v === "object" && v !== null && typeof (v as Bad).bad === "string" && Object.keys(v).length === 1;
const bad = (why: string): Bad => ({ bad: why });
const isSentinel = (v: unknown) => typeof v === "string" && SENTINELS.has(v);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The value at `path`; a sentinel on the way cannot be read; a path through a non-object is absent. */
function at(props: unknown, path: readonly (string | number)[]): unknown {
  let current = props;
  for (const segment of path) {
    if (isSentinel(current)) return bad(`${path.join(".")} is not known`);
    const fits = typeof segment === "number" ? Array.isArray(current) : isPlainObject(current);
    if (!fits || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment as string];
  }
  return isSentinel(current) ? bad(`${path.join(".")} is not known`) : current;
}

function str(props: unknown, ...path: (string | number)[]): Read<string> {
  const v = at(props, path);
  if (isBad(v) || v === undefined || v === null) return v === null ? undefined : (v as Read<string>);
  return typeof v === "string" ? v : bad(`${path.join(".")} is not a string`);
}

function bool(props: unknown, ...path: (string | number)[]): Read<boolean> {
  const v = at(props, path);
  if (isBad(v) || v === undefined || v === null) return v === null ? undefined : (v as Read<boolean>);
  return typeof v === "boolean" ? v : bad(`${path.join(".")} is not a boolean`);
}

/** A tag; tag names compare without case, so keys differing only in case must agree. */
function tag(props: unknown, key: string): Read<string> {
  const tags = at(props, ["tags"]);
  if (isBad(tags) || tags === undefined || tags === null) return tags === null ? undefined : (tags as Bad);
  if (!isPlainObject(tags)) return bad("tags is not a map");
  const keys = Object.keys(tags).filter((k) => k.toLowerCase() === key);
  const values = keys.map((k) => str(tags, k));
  const unreadable = values.find(isBad);
  if (unreadable) return unreadable;
  if (values.some((v) => v !== values[0])) return bad(`tag ${key} is given with different values`);
  return values[0];
}

const text = (v: Read<string>): string | undefined => (typeof v === "string" ? v : undefined);
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
/** A name, else the fallback when the name is absent (not when it cannot be read). */
const either = (v: Read<string>, fallback: () => Read<string>): Read<string> => (v === undefined ? fallback() : v);

// ---------------------------------------------------------------------------------------------------------
// Identity

/** A known id, or only "that provider instance's subscription" (`pending`: set but not known yet). */
type Subscription = { readonly id: string } | { readonly instance: string; readonly pending?: true };

interface Address {
  readonly subscription: Subscription;
  readonly resourceGroup: Read<string>;
  readonly account: Read<string>;
  /** The resource's own name (undefined for the address a deployment names). */
  readonly name: Read<string>;
}

function armPart(id: Read<string>, pattern: RegExp): string | undefined {
  return typeof id === "string" ? pattern.exec(id)?.[1] : undefined;
}

function subscriptionOf(r: RefResource): Subscription {
  const fromId = armPart(str(r.props, "id"), /\/subscriptions\/([^/]+)/i);
  if (fromId !== undefined) return { id: fromId.toLowerCase() };
  const instance = r.provider?.name ?? "(default provider)";
  const configured = r.provider?.subscriptionId;
  if (typeof configured === "string" && isSentinel(configured)) return { instance, pending: true };
  if (typeof configured === "string" && configured.trim() !== "") return { id: configured.trim().toLowerCase() };
  return { instance }; // absent, blank, or not a string: names no subscription
}

function addressOf(r: RefResource): Address {
  const id = str(r.props, "id");
  const resourceGroup = either(str(r.props, "resourceGroupName"), () =>
    isBad(id) ? id : armPart(id, /\/resourceGroups\/([^/]+)/i),
  );
  const own = (input: string) => either(str(r.props, input), () => str(r.props, "name"));
  if (r.kind === "account") {
    const name = own("accountName");
    return { subscription: subscriptionOf(r), resourceGroup, account: name, name };
  }
  const account = either(str(r.props, "accountName"), () => (isBad(id) ? id : armPart(id, /\/accounts\/([^/]+)/i)));
  return {
    subscription: subscriptionOf(r),
    resourceGroup,
    account,
    name: own(r.kind === "rai-policy" ? "raiPolicyName" : "deploymentName"),
  };
}

type Match = "same" | "different" | "maybe" | "unprovable";

function compareNames(a: Read<string>, b: Read<string>): Match {
  if (isBad(a) || isBad(b)) return "maybe";
  if (a === undefined || b === undefined) return a === b ? "same" : "different";
  return same(a, b) ? "same" : "different";
}

function compareSubscriptions(a: Subscription, b: Subscription, sameInstance: boolean): Match {
  if ("id" in a && "id" in b) return a.id === b.id ? "same" : "different";
  if (sameInstance) return "same"; // one provider instance targets one subscription
  if (("pending" in a && a.pending) || ("pending" in b && b.pending)) return "maybe";
  return "unprovable"; // different provider instances, no subscription shown: not the same resource
}

function compare(a: Address, aProvider: string, b: Address, bProvider: string, names: [Read<string>, Read<string>]) {
  const parts = [
    compareNames(names[0], names[1]),
    compareNames(a.account, b.account),
    compareNames(a.resourceGroup, b.resourceGroup),
    compareSubscriptions(a.subscription, b.subscription, aProvider === bProvider),
  ];
  if (parts.includes("different")) return "different";
  if (parts.includes("maybe")) return "maybe";
  return parts.includes("unprovable") ? "unprovable" : "same";
}

type Lookup =
  | { kind: "found"; found: RefResource; matches: string[]; unprovable: string[] }
  | { kind: "none" | "ambiguous" | "undecided"; matches: string[]; unprovable: string[] };

/** The candidates of `kind` with the identity `address` + `name`. */
function lookup(candidates: readonly RefResource[], from: RefResource, address: Address, name: Read<string>): Lookup {
  const definite: RefResource[] = [];
  const unprovable: string[] = [];
  let maybe = false;
  const provider = from.provider?.name ?? "(default provider)";
  for (const c of candidates) {
    const ca = addressOf(c);
    const r = compare(address, provider, ca, c.provider?.name ?? "(default provider)", [name, ca.name]);
    if (r === "same") definite.push(c);
    else if (r === "maybe") maybe = true;
    else if (r === "unprovable") unprovable.push(c.logical);
  }
  const matches = definite.map((d) => d.logical);
  if (definite.length > 1) return { kind: "ambiguous", matches, unprovable };
  if (maybe) return { kind: "undecided", matches, unprovable };
  // Not shown the same nor different: beside one match it leaves the lookup undecided (never a guess).
  if (definite.length === 1 && unprovable.length > 0) return { kind: "undecided", matches, unprovable };
  if (definite.length === 1) return { kind: "found", found: definite[0], matches, unprovable };
  return { kind: "none", matches, unprovable };
}

/**
 * Whether two resources of one kind have the same Azure identity (for the duplicate check); with `unprovable`,
 * whether they have it but for subscriptions under two provider instances that are not shown the same.
 */
export function sameIdentity(a: RefResource, b: RefResource, unprovable = false): boolean {
  if (a.kind !== b.kind) return false;
  const aa = addressOf(a);
  const ba = addressOf(b);
  if (typeof aa.name !== "string" || typeof ba.name !== "string") return false; // no name, no identity
  return (
    compare(aa, a.provider?.name ?? "(default provider)", ba, b.provider?.name ?? "(default provider)", [
      aa.name,
      ba.name,
    ]) === (unprovable ? "unprovable" : "same")
  );
}

// ---------------------------------------------------------------------------------------------------------
// Use cases and models

function parseUseCases(raw: string | undefined): { values: RefUseCase[]; invalid: boolean } {
  const values: RefUseCase[] = [];
  let invalid = false;
  for (const part of (raw ?? "").split(",")) {
    const word = [...part]
      .filter((c) => c.trim() !== "")
      .join("")
      .toLowerCase();
    if (word === "") continue;
    const known = REF_USE_CASES.find((u) => u === word);
    if (known === undefined) invalid = true;
    else if (!values.includes(known)) values.push(known);
  }
  return { values, invalid };
}

/** What a model can produce, for the models the generators use (Azure OpenAI model catalogue). */
export function referenceProduces(model: string | undefined): readonly RefUseCase[] {
  const name = (model ?? "").toLowerCase();
  if (name.startsWith("text-embedding-")) return [];
  if (name.startsWith("dall-e-") || name.startsWith("gpt-image-")) return ["image-generation"];
  if (name === "whisper" || name === "tts" || name === "tts-hd") return ["speech"];
  if (name.startsWith("sora")) return ["other"];
  return ["text-generation", "code-generation"]; // gpt-*, o-series, and any model not known: the strictest
}

const NOT_AZURE_OPENAI = [
  "ai21 labs",
  "black forest labs",
  "cohere",
  "core42",
  "deepseek",
  "meta",
  "microsoft",
  "mistral ai",
  "xai",
  "anthropic",
];

// ---------------------------------------------------------------------------------------------------------
// Content filters

interface Entry {
  readonly name: string;
  readonly source: Read<string>;
  readonly enabled: Read<boolean>;
  readonly blocking: Read<boolean>;
  readonly action: Read<string>;
}

const KNOWN_FILTERS = [
  "hate",
  "sexual",
  "violence",
  "selfharm",
  "self harm",
  "profanity",
  "jailbreak",
  "indirect attack",
  "protected material text",
  "protected material code",
];

/** The filter a name spells in a spelling Azure uses, lower case with single spaces, or undefined. */
function spelled(name: string): string | undefined {
  const words: string[] = [];
  let word = "";
  for (const c of name) {
    if (/[A-Za-z]/.test(c)) word += c.toLowerCase();
    else if ((c === " " || c === "-" || c === "_") && word !== "") {
      words.push(word);
      word = "";
    } else return undefined;
  }
  if (word === "") return undefined;
  words.push(word);
  const key = words.join(" ");
  return KNOWN_FILTERS.includes(key) ? (key === "self harm" ? "selfharm" : key) : undefined;
}

function entries(filters: unknown): readonly Entry[] | Bad {
  if (isSentinel(filters)) return bad("contentFilters is not known");
  if (filters === undefined || filters === null) return [];
  if (!Array.isArray(filters)) return bad("contentFilters is not a list");
  const result: Entry[] = [];
  for (const f of filters) {
    if (isSentinel(f)) return bad("a content filter entry is not known");
    if (!isPlainObject(f)) continue;
    const name = str(f, "name");
    if (isBad(name)) return name;
    if (name === undefined || name.trim() === "") continue;
    result.push({
      name,
      source: str(f, "source"),
      enabled: bool(f, "enabled"),
      blocking: bool(f, "blocking"),
      action: str(f, "action"),
    });
  }
  return result;
}

type Mode = "filter" | "annotate" | "other";

function modeOfEntry(e: Entry): Mode | Bad {
  for (const v of [e.enabled, e.blocking, e.action]) if (isBad(v)) return v;
  const flags =
    e.enabled === false ? "off/contradictory" : e.enabled === true && e.blocking !== undefined ? e.blocking : "none";
  if (flags === "none" || flags === "off/contradictory") return "other";
  const mode: Mode = flags ? "filter" : "annotate";
  if (e.action === undefined) return mode;
  const action = { BLOCKING: "filter", ANNOTATING: "annotate" }[(e.action as string).toUpperCase()];
  return action === mode ? mode : "other";
}

/** The mode of `filter` on `source`: undefined when absent, "other" when its copies disagree. */
function filterModeIn(list: readonly Entry[], filter: string, source: string): Mode | undefined | Bad {
  const modes = new Set<Mode>();
  for (const e of list) {
    if (spelled(e.name) !== filter) continue;
    if (isBad(e.source)) return e.source;
    if (e.source === undefined || !same(e.source, source)) continue;
    const m = modeOfEntry(e);
    if (isBad(m)) return m;
    modes.add(m);
  }
  if (modes.size === 0) return undefined;
  return modes.size === 1 ? [...modes][0] : "other";
}

interface PolicyContent {
  readonly label: string;
  readonly mode: Read<string>;
  readonly filters: readonly Entry[] | Bad;
}

const DEFAULT_V2: PolicyContent = {
  label: "Microsoft.DefaultV2 (documented)",
  mode: "Default",
  filters: [
    { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true, action: undefined },
    { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true, action: undefined },
    { name: "Protected Material Code", source: "Completion", enabled: true, blocking: false, action: undefined },
  ],
};
const DEFAULT_V1: PolicyContent = { label: "Microsoft.Default (documented: all off)", mode: "Default", filters: [] };

// ---------------------------------------------------------------------------------------------------------
// Verdicts

export interface ReferenceOptions {
  /**
   * Only resources registered before a deployment count for it (Azure may not have a later policy when the
   * deployment is created), except its account: the same Azure account wherever the program registers it.
   */
  readonly ordered?: boolean;
  /** With `ordered`, only accounts registered before it count too: what the resource level of a run sees. */
  readonly accountsBefore?: boolean;
}

/** The verdict on every deployment, by logical name. */
export function referenceVerdicts(
  resources: readonly RefResource[],
  settings: RefSettings,
  options: ReferenceOptions = {},
): Map<string, RefVerdict> {
  const result = new Map<string, RefVerdict>();
  resources.forEach((r, index) => {
    if (r.kind !== "deployment") return;
    const visible = options.ordered ? resources.slice(0, index) : resources;
    const verdict = deploymentVerdict(r, visible, options.accountsBefore ? visible : resources, settings);
    // Two deployments with one identity are one Azure resource defined twice: neither can be shown compliant.
    const twins = visible.filter((o) => o !== r && sameIdentity(r, o)).map((o) => o.logical);
    // One under another provider, not shown the same nor different, may be it: that cannot be ruled out.
    const maybe = visible.filter((o) => o !== r && sameIdentity(r, o, true)).map((o) => o.logical);
    let final: RefVerdict = verdict;
    if (twins.length > 0)
      final = { ...verdict, outcome: "not compliant", reasons: [...verdict.reasons, `same identity as ${twins}`] };
    else if (maybe.length > 0 && verdict.outcome === "compliant")
      final = { ...verdict, outcome: "cannot show", unsure: [`${maybe} may have its identity`] };
    result.set(r.logical, final);
  });
  return result;
}

/** `stack`: the resources the deployment sees; `accountsIn`: those its account is looked up in. */
function deploymentVerdict(
  d: RefResource,
  stack: readonly RefResource[],
  accountsIn: readonly RefResource[],
  settings: RefSettings,
): RefVerdict {
  const reasons: string[] = [];
  const unsure: string[] = [];
  const need = <T>(v: Read<T>, what: string): T | undefined => {
    if (isBad(v)) {
      unsure.push(`${what}: ${v.bad}`);
      return undefined;
    }
    return v;
  };
  const address = addressOf(d);
  const accounts = accountsIn.filter((r) => r.kind === "account" && r !== d);
  const policies = stack.filter((r) => r.kind === "rai-policy");

  // Which account, for its default use cases.
  const account = lookup(accounts, d, { ...address, name: undefined }, address.account);

  // Which policy.
  let policy: { kind: "content"; content: PolicyContent; stack?: RefResource } | { kind: RefOutcome | "none" };
  let policyCandidates: string[] = [];
  const rawName = str(d.props, "properties", "raiPolicyName");
  const policyName = typeof rawName === "string" && rawName.trim() === "" ? undefined : rawName;
  let policyProblem: string | undefined;
  let unchecked: string | undefined;
  if (isBad(policyName)) {
    policy = { kind: "cannot show" };
    unsure.push(`raiPolicyName: ${policyName.bad}`);
  } else if (policyName === undefined) {
    policy = { kind: "none" };
    unchecked = "runs on the policy the service assigns";
  } else if (policyName.toLowerCase().startsWith("microsoft.")) {
    policy = { kind: "none" };
    if (same(policyName, "Microsoft.DefaultV2") && settings.acceptMicrosoftDefaultPolicy)
      policy = { kind: "content", content: DEFAULT_V2 };
    else if (same(policyName, "Microsoft.Default")) policy = { kind: "content", content: DEFAULT_V1 };
    else unchecked = `runs on ${policyName}, which cannot be checked`;
  } else {
    const found = lookup(policies, d, address, policyName);
    policyCandidates = found.matches ?? [];
    if (found.kind === "found") {
      const p = found.found;
      policy = {
        kind: "content",
        content: {
          label: `RaiPolicy ${p.logical}`,
          mode: str(p.props, "properties", "mode"),
          filters: entries(at(p.props, ["properties", "contentFilters"])),
        },
        stack: p,
      };
    } else if (found.kind === "ambiguous") {
      policy = { kind: "not compliant" };
      policyProblem = `raiPolicyName is ambiguous: ${found.matches.join(", ")}`;
    } else if (found.kind === "undecided") {
      policy = { kind: "cannot show" };
      unsure.push("which RAI policy raiPolicyName names");
    } else {
      // The deployment's account, when found, is where it lives; its ARM id or the deployment's shows the subscription.
      const where =
        account.kind === "found"
          ? {
              ...addressOf(account.found),
              subscription:
                !("id" in addressOf(account.found).subscription) && "id" in address.subscription
                  ? address.subscription
                  : addressOf(account.found).subscription,
            }
          : address;
      // A same-named stack policy under another provider may be this one: config cannot stand in for it.
      const external = settings.externalRaiPolicies.filter(
        (e) =>
          found.unprovable.length === 0 &&
          same(e.name, policyName) &&
          (e.accountName === undefined ||
            (text(where.account) !== undefined && same(e.accountName, text(where.account)!))) &&
          (e.resourceGroupName === undefined ||
            (text(where.resourceGroup) !== undefined && same(e.resourceGroupName, text(where.resourceGroup)!))) &&
          (e.subscriptionId === undefined ||
            ("id" in where.subscription && where.subscription.id === e.subscriptionId.toLowerCase())),
      );
      if (external.length === 1) {
        policy = {
          kind: "content",
          content: {
            label: `external ${external[0].name}`,
            mode: external[0].mode,
            filters: entries(external[0].contentFilters),
          },
        };
      } else {
        policy = { kind: "not compliant" };
        policyProblem =
          external.length > 1
            ? "raiPolicyName matches several external policies"
            : "raiPolicyName names no policy in the stack or in config";
      }
    }
  }
  // A policy that cannot be identified is not a pass, whatever the use case.
  if (policyProblem !== undefined) reasons.push(policyProblem);

  // Use cases.
  const own = need(tag(d.props, "ccc-use-case"), "the deployment's ccc-use-case tag");
  const ownParsed = parseUseCases(own);
  if (ownParsed.invalid) reasons.push("its ccc-use-case tag has a value that is not a use case");
  const declared = new Set<RefUseCase>(ownParsed.values);
  const usesAccount = declared.size === 0 && !isBad(tag(d.props, "ccc-use-case"));
  if (usesAccount) {
    if (account.kind === "found") {
      parseUseCases(need(tag(account.found.props, "ccc-use-case"), "its account's ccc-use-case tag")).values.forEach(
        (u) => declared.add(u),
      );
    } else if (account.kind === "ambiguous" || account.kind === "undecided") {
      unsure.push(`its account is ${account.kind}`);
    } else if (account.unprovable.length > 0) {
      // Not shown to be its account, nor shown not to be: that account's tag cannot be ruled out.
      unsure.push(`its account may be ${account.unprovable.join(", ")} under another provider`);
    }
  }
  if (policy.kind === "content" && policy.stack !== undefined) {
    parseUseCases(need(tag(policy.stack.props, "ccc-use-case"), "its RAI policy's ccc-use-case tag")).values.forEach(
      (u) => declared.add(u),
    );
  }
  if (declared.size === 0) settings.defaultUseCases.forEach((u) => declared.add(u));

  // The model: covered or not, and what it produces.
  const format = need(str(d.props, "properties", "model", "format"), "model.format");
  const covered =
    isBad(str(d.props, "properties", "model", "format")) || format === undefined
      ? true
      : !NOT_AZURE_OPENAI.includes(format.trim().toLowerCase());
  const modelName = str(d.props, "properties", "model", "name");
  let useCases: RefUseCase[];
  if (isBad(modelName)) {
    // What the model produces decides the requirements (and whether the declaration fits): not known.
    if (declared.size > 0 || covered) unsure.push(`the model: ${modelName.bad}`);
    useCases = [...declared];
  } else {
    const produces = referenceProduces(modelName);
    const kept = [...declared].filter((u) => u === "other" || produces.includes(u));
    if (declared.size > 0 && kept.length === 0 && produces.length > 0) {
      reasons.push("it declares no use case its model can produce");
      useCases = [...produces];
    } else {
      useCases = kept;
      if (declared.size === 0 && covered && produces.length > 0) reasons.push("it declares no use case");
    }
  }

  // The content filter requirements.
  const textGen = useCases.includes("text-generation");
  const codeGen = useCases.includes("code-generation");
  if (covered && (textGen || codeGen)) {
    if (unchecked !== undefined) reasons.push(unchecked);
    if (policy.kind === "content") {
      const content = policy.content;
      const list = need(content.filters, `the filters of ${content.label}`);
      if (list !== undefined) {
        const require = (filter: string, source: string, accepted: Mode[], what: string) => {
          const mode = filterModeIn(list, filter, source);
          if (isBad(mode)) unsure.push(`${what}: ${mode.bad}`);
          else if (mode === undefined || !accepted.includes(mode)) reasons.push(`${what} not in ${accepted.join("/")}`);
        };
        require("jailbreak", "Prompt", ["filter"], "Jailbreak");
        if (textGen) require("protected material text", "Completion", ["filter"], "Protected Material Text");
        if (codeGen)
          require("protected material code", "Completion", settings.licenceComplianceDeclared
            ? ["filter", "annotate"]
            : ["filter"], "Protected Material Code");
      }
      if (textGen || (codeGen && !settings.licenceComplianceDeclared)) {
        const mode = need(content.mode, `the mode of ${content.label}`);
        if (!isBad(content.mode) && mode !== undefined && !["default", "blocking"].includes(mode.toLowerCase()))
          reasons.push(`mode ${mode} is not shown to filter synchronously`);
      }
    }
  }

  const outcome: RefOutcome = reasons.length > 0 ? "not compliant" : unsure.length > 0 ? "cannot show" : "compliant";
  return {
    outcome,
    reasons,
    unsure,
    policyCandidates,
    accountCandidates: account.kind === "found" ? [account.found.logical] : account.matches,
    usesAccount,
  };
}
