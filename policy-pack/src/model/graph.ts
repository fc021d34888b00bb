// Joins the resources of one run into subjects: each deployment with its account and the content filter
// policy it actually uses, resolved the way Azure identifies resources (subscription, resource group, parent,
// name; names compared case-insensitively). A lookup never guesses: two candidates are ambiguous, a candidate
// that may or may not match is undecided, and a candidate under a provider whose subscription cannot be shown
// to be the same is no match. Lookups go through name indexes, so a stack of n resources costs O(n).
import { ModelNode, ReadContext, readResource, resourceGroupNameOf } from "../adapters";
import { coverageOf } from "./coverage";
import { MicrosoftPolicies } from "./microsoftPolicies";
import {
  Account,
  ContentFilterPolicy,
  Deployment,
  DeploymentSubject,
  Lookup,
  NearMiss,
  ParentName,
  Placement,
  PolicyResolution,
  ResourceRef,
  SET_SUBSCRIPTION_IDS,
  Subject,
  SubscriptionRef,
  Unknown,
  UseCase,
  Value,
  accountLink,
  containerOf,
  lowerCased,
  isUnknown,
  policyProperty,
  unknownAt,
} from "./model";
import { declares, effectiveUseCases } from "./useCases";
import { REGION_NAMES } from "../ruleData/quotas";
import { Taint } from "../wire";

/** One resource as the pack sees it: properties with where their secrets are, and what the engine adds. */
export interface GraphResource {
  readonly ref: ResourceRef;
  readonly props: unknown;
  readonly taint?: Taint;
  /** Secrets whose plaintext the input does not hold (ciphertext in a state file). */
  readonly unreadable?: Taint;
  /** The URNs each top-level input property depends on (stack level only). */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  /** The provider instance and the subscription its config names, if any. */
  readonly provider?: ReadContext["provider"];
  /** The resource's own `name` and `id` outputs, where outputs are known (stack level). */
  readonly outputs?: { readonly name: Value<string>; readonly id: Value<string> };
  /** Registration order in this run; undefined for a resource that existed before it (a read, a state file). */
  readonly seq?: number;
}

/** What resolution needs from the organization's settings. */
export interface ResolutionSettings {
  readonly defaultUseCases: readonly UseCase[];
  readonly externalPolicies: readonly ContentFilterPolicy[];
  readonly microsoftPolicies: MicrosoftPolicies;
}

export function resolutionSettings(
  settings: {
    readonly defaultUseCases: readonly UseCase[];
    readonly externalRaiPolicies: readonly ContentFilterPolicy[];
  },
  microsoftPolicies: MicrosoftPolicies,
): ResolutionSettings {
  return {
    defaultUseCases: settings.defaultUseCases,
    externalPolicies: settings.externalRaiPolicies,
    microsoftPolicies,
  };
}

interface Node {
  readonly model: ModelNode;
  readonly ref: ResourceRef;
  readonly seq: number;
  readonly deps: Readonly<Record<string, readonly string[]>>;
  readonly outputs?: { readonly name: Value<string>; readonly id: Value<string> };
  /** When it was (last) added: the order of the name indexes, kept when two of them are merged. */
  readonly added: number;
}

const NO_NODES: readonly Node[] = [];

/**
 * Nodes of each kind by one or two lower-cased names ("" for a name not known), in the order they were filed.
 * Names are looked up as they are (no key is built per lookup); a node is filed under one pair per index.
 */
class NameIndex {
  private readonly byKind: Record<ModelNode["kind"], Map<string, Map<string, Node[]>>> = {
    account: new Map(),
    deployment: new Map(),
    "rai-policy": new Map(),
  };

  get(kind: ModelNode["kind"], first: string, second = ""): readonly Node[] {
    return this.byKind[kind].get(first)?.get(second) ?? NO_NODES;
  }

  file(kind: ModelNode["kind"], first: string, second: string, node: Node): void {
    const byFirst = this.byKind[kind];
    let bySecond = byFirst.get(first);
    if (bySecond === undefined) byFirst.set(first, (bySecond = new Map()));
    const filed = bySecond.get(second);
    if (filed === undefined) bySecond.set(second, [node]);
    else filed.push(node);
  }

  unfile(kind: ModelNode["kind"], first: string, second: string, node: Node): void {
    const filed = this.byKind[kind].get(first)?.get(second);
    const at = filed?.indexOf(node) ?? -1;
    if (at >= 0) filed!.splice(at, 1);
  }
}

/** The nodes of several filed lists, each once: a list read twice (a name that is "") is the same list. */
function union(...lists: (readonly Node[])[]): readonly Node[] {
  let found = NO_NODES;
  for (let i = 0; i < lists.length; i++) {
    if (lists[i].length === 0 || lists.indexOf(lists[i]) < i) continue;
    // Most lookups find one filed list: it is read as it is, with no list made for the union.
    found = found.length === 0 ? lists[i] : found.concat(lists[i]);
  }
  return found;
}

/** How two addresses compare: certainly the same, certainly not, not provably the same, or not known yet. */
type Same = "same" | "different" | "unprovable" | Unknown;

const PRE_EXISTING = -1;
/** The kind of resource the pack reads for each ARM collection a name is looked up in. */
const KIND_OF_COLLECTION: Readonly<Record<string, ModelNode["kind"]>> = {
  accounts: "account",
  workspaces: "account",
  deployments: "deployment",
  raiPolicies: "rai-policy",
  raiPolicy: "rai-policy",
};

export class ResourceGraph {
  private readonly nodes = new Map<string, Node>();
  /** Each kind by lower-cased own name ("" when not known). */
  private readonly byName = new NameIndex();
  /** Policies and deployments by own name and parent name, and by parent name alone ("" when not known). */
  private readonly byNameInParent = new NameIndex();
  private readonly byParent = new NameIndex();
  private added = 0;
  /** Deployments by the account (and region) they resolve to, filed when first asked about (see fileDeployments). */
  private readonly byAccount = new Map<string, string[]>();
  private readonly byRegion = new Map<string, string[]>();
  /** Regions (keys of byRegion) where a filed deployment's account holds its location as a secret. */
  private readonly secretRegions = new Set<string>();
  private readonly accountKeyOf = new Map<string, string>();
  /** Deployments whose account cannot be determined: they may count on any account. */
  private readonly unplaced = new Map<string, Unknown>();
  /** Deployments filed while no account in the graph was theirs, by lower-cased account name: one added later may be. */
  private readonly accountless = new Map<string, Set<string>>();
  private pending: string[] = [];
  private readonly accountCache = new Map<string, Lookup<Account> | undefined>();
  /** Every URN in the stack (modelled or not): propertyDependencies may point at any of them (links only). */
  private readonly known = new Set<string>();
  /** Resource groups a preview creates with a name the program sets, by URN: what a link to one names. */
  private readonly groupNames = new Map<string, string>();
  /** Resources judged on a pinned subscription taken to be their provider's (resource level only). */
  private readonly assumed = new Set<string>();

  /** `followLinks`: at stack level, unknown names are resolved through propertyDependencies. */
  constructor(private readonly followLinks = false) {}

  /** A graph of a whole stack, as AnalyzeStack or a state file gives it. */
  static fromStack(resources: Iterable<GraphResource>): ResourceGraph {
    const graph = new ResourceGraph(true);
    for (const r of resources) graph.add(r);
    return graph;
  }

  /**
   * Records (or replaces) a resource; returns whether the graph keeps it: a resource it models, or a resource
   * group whose name a preview link may stand for.
   */
  add(resource: GraphResource): boolean {
    // Only links are followed through it (stack level): the resource level spares a set of every URN.
    if (this.followLinks) this.known.add(resource.ref.urn);
    const model = readResource(resource.ref, resource.props, {
      taint: resource.taint,
      unreadable: resource.unreadable,
      provider: resource.provider,
    });
    if (model === undefined) {
      const group = resourceGroupNameOf(resource.ref, resource.props);
      // A group whose name output is known already exists: a value still unknown is not exactly its name.
      const exists = typeof resource.outputs?.name === "string";
      if (group === undefined || exists) return false;
      this.groupNames.set(resource.ref.urn, group);
      return true;
    }
    const urn = resource.ref.urn;
    this.remove(urn);
    const node: Node = {
      model,
      ref: resource.ref,
      seq: resource.seq ?? PRE_EXISTING,
      deps: resource.propertyDependencies ?? {},
      outputs: resource.outputs,
      added: this.added++,
    };
    this.nodes.set(urn, node);
    this.file(node, "file");
    if (model.kind === "deployment") this.pending.push(urn);
    else if (model.kind === "account") this.fileAgainUnder(model.value);
    // clear() makes a new table even for an empty map.
    if (this.accountCache.size > 0) this.accountCache.clear();
    return true;
  }

  private remove(urn: string): void {
    this.assumed.delete(urn);
    const removed = this.nodes.get(urn);
    if (removed === undefined) return;
    // A node's model does not change, so it is filed where its model says (nothing is kept per resource for it).
    this.file(removed, "unfile");
    this.nodes.delete(urn);
    // A replaced resource can change what others resolve to: file every deployment again.
    this.byAccount.clear();
    this.byRegion.clear();
    this.accountKeyOf.clear();
    this.unplaced.clear();
    this.accountless.clear();
    this.pending = [...this.nodes.values()].filter((n) => n.model.kind === "deployment").map((n) => n.ref.urn);
  }

  /**
   * Files again the deployments filed without an account that `account` may be: those naming it, or every one
   * when its name is not known.
   */
  private fileAgainUnder(account: Account): void {
    if (this.accountless.size === 0) return;
    const own = lowerCased(account.name);
    const names = own === undefined ? [...this.accountless.keys()] : [own];
    for (const name of names) {
      for (const urn of this.accountless.get(name) ?? []) {
        const k = this.accountKeyOf.get(urn);
        // A key by value holds only deployments without an account, all of them filed again here.
        if (k !== undefined) this.byAccount.delete(k);
        this.accountKeyOf.delete(urn);
        this.unplaced.delete(urn);
        this.pending.push(urn);
      }
      this.accountless.delete(name);
    }
  }

  /** Files a node in each index under its names (`file`), or takes it out of them (`unfile`). */
  private file(node: Node, how: "file" | "unfile"): void {
    const model = node.model;
    const own = lowerCased(model.value.name) ?? "";
    this.byName[how](model.kind, own, "", node);
    if (model.kind === "account") return;
    const parent = lowerCased(lastParent(model.value.placement)?.name) ?? "";
    this.byNameInParent[how](model.kind, own, parent, node);
    this.byParent[how](model.kind, parent, "", node);
  }

  node(urn: string): ModelNode | undefined {
    return this.nodes.get(urn)?.model;
  }

  /** Every subject in the graph, in insertion order. */
  subjects(settings: ResolutionSettings): Subject[] {
    const result: Subject[] = [];
    for (const urn of this.nodes.keys()) {
      const subject = this.subjectFor(urn, settings);
      if (subject) result.push(subject);
    }
    return result;
  }

  subjectFor(urn: string, settings: ResolutionSettings): Subject | undefined {
    const node = this.nodes.get(urn);
    if (!node) return undefined;
    const model = node.model;
    if (model.kind === "account") {
      return { kind: "account", ref: node.ref, account: model.value, duplicates: this.duplicates(node) };
    }
    if (model.kind === "rai-policy") {
      return { kind: "rai-policy", ref: node.ref, policy: model.value, duplicates: this.duplicates(node) };
    }
    return this.deploymentSubject(node, model.value, settings);
  }

  /** The resources an unknown property is computed from (its propertyDependencies). */
  dependenciesOf(urn: string, path: string): readonly ResourceRef[] {
    const node = this.nodes.get(urn);
    const top = path.split(/[.[]/)[0];
    return (node?.deps[top] ?? []).map((u) => this.nodes.get(u)?.ref ?? refFromUrn(u));
  }

  private deploymentSubject(node: Node, deployment: Deployment, settings: ResolutionSettings): DeploymentSubject {
    const account = this.accountOf(node, deployment.placement);
    const policy = this.policyOf(node, deployment, settings);
    const coverage = coverageOf(deployment);
    let spillover: DeploymentSubject["spillover"];
    if (deployment.spilloverDeploymentName !== undefined) {
      const target = this.inParent(
        node,
        "deployment",
        deployment.placement,
        deployment.spilloverDeploymentName,
        "properties",
      ) as Lookup<Deployment>;
      const targetNode = target.kind === "found" ? this.nodes.get(target.node.ref.urn) : undefined;
      spillover = {
        name: deployment.spilloverDeploymentName,
        target,
        ...(targetNode ? { policy: this.policyOf(targetNode, targetNode.model.value as Deployment, settings) } : {}),
      };
    }
    return {
      kind: "deployment",
      ref: node.ref,
      deployment,
      account,
      policy,
      useCases: effectiveUseCases(deployment, account, policy, settings.defaultUseCases, coverage),
      coverage,
      ...(spillover ? { spillover } : {}),
      duplicates: this.duplicates(node),
      ...optional("possibleDuplicate", this.possibleDuplicate(node)),
      accountDeployments: () => this.siblings(node),
      regionDeployments: () => this.regionSiblings(node, account),
      regionLocationSecret: () => this.regionLocationSecret(account),
    };
  }

  /**
   * The use cases a RAI policy is built for: its own tag, else its account's default, else `defaults`.
   * Remediation asks before the policy is registered, so it is looked up as a resource that existed before.
   */
  policyUseCases(policy: ContentFilterPolicy, defaults: readonly UseCase[]): readonly UseCase[] {
    if (declares(policy.useCases)) return policy.useCases.values;
    const probe: Node = {
      model: { kind: "rai-policy", value: policy },
      ref: { urn: "", name: "", type: "" },
      seq: PRE_EXISTING,
      deps: {},
      outputs: undefined,
      added: this.added,
    };
    const account = this.accountOf(probe, policy.placement, false);
    if (account?.kind === "found" && declares(account.node.useCases)) return account.node.useCases.values;
    return defaults;
  }

  /**
   * The account (or hub workspace) a deployment or policy sits under; undefined if it has none. One registered
   * after it counts too: it is the same Azure account wherever the program registers it, and what the pack reads
   * of it (use cases, evidence, region) is declared, not something Azure applies when the deployment is created.
   */
  private accountOf(node: Node, placement: Placement, cache = true): Lookup<Account> | undefined {
    if (cache && this.accountCache.has(node.ref.urn)) return this.accountCache.get(node.ref.urn);
    const container = containerOf(placement);
    let result: Lookup<Account> | undefined;
    if (container !== undefined) {
      const name = lowerCased(container.name);
      const candidates = name === undefined ? this.all("account") : this.namedOrUnknown("account", name);
      const path = placement.parents.slice(0, placement.parents.indexOf(container) + 1);
      const compare = (c: Node) =>
        this.compareAddress(node, placement, path, c, c.model.value.placement, [ownSegment(c)]);
      result = this.lookup<Account>(node, candidates, compare, false);
    }
    if (cache) this.accountCache.set(node.ref.urn, result);
    return result;
  }

  /** A policy or deployment named `name` in the same parent as `placement`. */
  private inParent(
    node: Node,
    kind: "rai-policy" | "deployment",
    placement: Placement,
    name: Value<string>,
    link: string,
  ): Lookup<ContentFilterPolicy | Deployment> {
    const own = lowerCased(name);
    const parent = lowerCased(lastParent(placement)?.name);
    let candidates: readonly Node[];
    if (own !== undefined && parent !== undefined) {
      candidates = this.inParentOrUnknown(kind, own, parent);
    } else if (own !== undefined) candidates = this.namedOrUnknown(kind, own);
    else candidates = this.all(kind);
    const collection = kind === "rai-policy" ? "raiPolicies" : "deployments";
    const reference: ParentName[] = [...placement.parents, { collection, name, link }];
    return this.lookup(node, candidates, (c) =>
      this.compareAddress(node, placement, reference, c, c.model.value.placement, [
        ...c.model.value.placement.parents,
        ownSegment(c),
      ]),
    );
  }

  private policyOf(node: Node, deployment: Deployment, settings: ResolutionSettings): PolicyResolution {
    const name = deployment.raiPolicyName;
    if (name === undefined) return { kind: "service-assigned" };
    if (isUnknown(name)) {
      const linked = this.followPolicyLink(node, deployment);
      if (linked === undefined)
        return { kind: "undecided", unknown: this.owned(node, name), why: "the name of the RAI policy it runs on" };
      // A link to a stack policy with a Microsoft-managed name is that name, as if written.
      const policy = linked.kind === "resolved" ? linked.policy : undefined;
      if (typeof policy?.name === "string" && settings.microsoftPolicies.resolve(policy.name) !== undefined)
        return this.microsoftNamesake(node, deployment, stackRefs([policy]));
      return linked;
    }
    const found = this.inParent(node, "rai-policy", deployment.placement, name, deployment.policyLink);
    const microsoft = settings.microsoftPolicies.resolve(name);
    if (microsoft !== undefined && found.kind !== "undecided") {
      // Any stack policy by that name that is, or may come to be, where the deployment looks it up.
      const inAccount =
        found.kind === "found"
          ? stackRefs([found.node as ContentFilterPolicy])
          : found.kind === "ambiguous"
            ? found.candidates
            : found.nearMisses.map((m) => m.ref);
      const subscriptionLevel = this.subscriptionPolicy(node, deployment, name);
      const namesakes = subscriptionLevel === undefined ? inAccount : [...inAccount, subscriptionLevel];
      return namesakes.length === 0 ? microsoft : this.microsoftNamesake(node, deployment, namesakes);
    }
    if (found.kind === "found") return { kind: "resolved", policy: found.node as ContentFilterPolicy };
    if (found.kind === "ambiguous") return { kind: "ambiguous", name, candidates: found.candidates };
    if (found.kind === "undecided") {
      return { kind: "undecided", unknown: found.unknown, why: `which RAI policy "${name}" is (${found.why})` };
    }
    // The account as resolved (links followed), so an external policy declared for an account matches in a preview too.
    const account = this.accountOf(node, deployment.placement);
    // The subscription is known if either the account's or the deployment's own ARM id shows it (they are one).
    const known = (s: SubscriptionRef) => !isUnknown(s) && s.kind === "id";
    const where =
      account?.kind === "found"
        ? {
            ...account.node.placement,
            parents: [ownSegment(this.nodes.get(account.node.ref.urn)!)],
            subscription:
              !known(account.node.placement.subscription) && known(deployment.placement.subscription)
                ? deployment.placement.subscription
                : account.node.placement.subscription,
          }
        : deployment.placement;
    const external = externalPolicy(settings.externalPolicies, name, where, (u) => this.owned(node, u));
    // The declared policy's own definition in the stack (registered later, which replaces it in Azure, or read,
    // which shows what Azure holds) is what the deployment runs on: it is judged on that. A policy that may or may
    // not be it (another provider, an identity not known yet, registered later) leaves the declaration unusable.
    const definitions = found.nearMisses.filter((m) => m.sameIdentity);
    const doubtful = found.nearMisses.some((m) => m.otherProvider || (m.registeredLater && !m.sameIdentity));
    if (external !== undefined && !doubtful) {
      if (definitions.length === 0) return external;
      if (definitions.length === 1)
        return { kind: "resolved", policy: this.nodes.get(definitions[0].ref.urn)!.model.value as ContentFilterPolicy };
      return { kind: "ambiguous", name, candidates: definitions.map((m) => m.ref) };
    }
    const subscriptionLevel = this.subscriptionPolicy(node, deployment, name);
    if (subscriptionLevel !== undefined) return { kind: "subscription-level", name, policy: subscriptionLevel };
    const listed = external?.kind === "resolved" ? { listedExternally: true as const } : {};
    return { kind: "unresolved", name, nearMisses: found.nearMisses, ...listed };
  }

  /**
   * Policies in the stack with the name of a Microsoft-managed policy where the deployment may find that name (its
   * account, then or later, or its subscription): Azure's docs do not say whether one can be created, nor which of
   * the two a deployment naming it runs on.
   */
  private microsoftNamesake(node: Node, deployment: Deployment, policies: readonly ResourceRef[]): PolicyResolution {
    const which = policies.map((r) => `RaiPolicy "${r.name}"`).join(", ");
    const detail = `${which} in this stack has the name of the Microsoft-managed policy it names, and Azure does not document which of the two it runs on`;
    const fix = `Give the stack's policy a name that does not start with "Microsoft.", and name that in ${policyProperty(deployment.flavour)}.`;
    const unknown = unknownAt(policyProperty(deployment.flavour), "ambiguous", detail, fix);
    return { kind: "undecided", unknown: this.owned(node, unknown), why: "the RAI policy it runs on" };
  }

  /** A subscription-scope policy with that name in the deployment's subscription, if the stack has one. */
  private subscriptionPolicy(node: Node, deployment: Deployment, name: string): ResourceRef | undefined {
    for (const c of this.named("rai-policy", name.toLowerCase())) {
      const policy = c.model.value as ContentFilterPolicy;
      if (policy.collection !== "raiPolicy") continue;
      const same = this.compareSubscriptions(node, deployment.placement.subscription, c, policy.placement.subscription);
      if (same === "same") return c.ref;
    }
    return undefined;
  }

  /**
   * In a preview, `raiPolicyName: policy.name` is unknown; its propertyDependencies name the policy. The link
   * counts only when the value can be exactly that policy's name: one RaiPolicy among the dependencies, whose
   * own `name` output is not known either (were it known, the value would be too), on the deployment's account.
   */
  private followPolicyLink(node: Node, deployment: Deployment): PolicyResolution | undefined {
    if (!this.followLinks) return undefined;
    const linked = (node.deps[deployment.policyLink] ?? []).filter(
      (u) => this.nodes.get(u)?.model.kind === "rai-policy",
    );
    if (linked.length === 0) return undefined;
    const unknown = this.owned(node, deployment.raiPolicyName as Unknown);
    if (linked.length > 1) {
      return {
        kind: "undecided",
        unknown,
        why: `the RAI policy name (it is computed from ${linked.length} RAI policies)`,
      };
    }
    const target = this.nodes.get(linked[0])!;
    const policy = target.model.value as ContentFilterPolicy;
    const label = `RaiPolicy "${target.ref.name}"`;
    if (typeof target.outputs?.name === "string") {
      return {
        kind: "undecided",
        unknown,
        why: `the RAI policy name (it is computed from ${label}, but is not that policy's name, which is known)`,
      };
    }
    if (later(target, node)) {
      return { kind: "undecided", unknown, why: `the RAI policy name (${label} is registered after the deployment)` };
    }
    const same = this.compareAddress(
      node,
      deployment.placement,
      deployment.placement.parents,
      target,
      policy.placement,
      policy.placement.parents,
    );
    if (same === "same" && policy.collection === "raiPolicies") {
      // The name is that policy's, so it finds what that name finds: another policy with the same identity
      // makes it ambiguous (or undecided), exactly as the lookup by name does once the value is known.
      const identity = [...policy.placement.parents, ownSegment(target)];
      const own = lowerCased(policy.name);
      const candidates = own === undefined ? this.all("rai-policy") : this.namedOrUnknown("rai-policy", own);
      const found = this.lookup<ContentFilterPolicy>(node, candidates, (c) =>
        c === target
          ? "same"
          : this.compareAddress(target, policy.placement, identity, c, c.model.value.placement, [
              ...c.model.value.placement.parents,
              ownSegment(c),
            ]),
      );
      if (found.kind === "found") return { kind: "resolved", policy };
      if (found.kind === "ambiguous") {
        const name = typeof policy.name === "string" && !policy.secret.has("name") ? policy.name : "[secret]";
        return { kind: "ambiguous", name, candidates: found.candidates };
      }
      const why = found.kind === "undecided" ? found.why : "no policy has its identity";
      return { kind: "undecided", unknown, why: `the RAI policy name (it is the name of ${label}, but ${why})` };
    }
    const why =
      same === "different" || same === "unprovable" || policy.collection !== "raiPolicies"
        ? `the RAI policy name (it is computed from ${label}, which is not on the deployment's account, so the name would find a different policy)`
        : `the RAI policy name (it is computed from ${label}, which may be on another account)`;
    return { kind: "undecided", unknown, why };
  }

  /**
   * Files the deployments not filed yet by the account they resolve to (and its region). Each is filed once,
   * unless it was filed without an account and one it may be is added later (see fileAgainUnder).
   */
  private fileDeployments(): void {
    for (const urn of this.pending.splice(0)) {
      const n = this.nodes.get(urn);
      if (!n || n.model.kind !== "deployment") continue;
      const d = n.model.value;
      const account = this.accountOf(n, d.placement);
      let k: string | Unknown;
      if (account?.kind === "found") k = `urn:${account.node.ref.urn}`;
      else if (account?.kind === "undecided") k = account.unknown;
      else if (account?.kind === "ambiguous")
        k = unknownAt(
          accountLink(d.placement),
          "ambiguous",
          `names ${account.candidates.length} accounts in the stack`,
        );
      else k = placementKey(d.placement) ?? unknownAt(accountLink(d.placement));
      // An account registered later is its account too (see accountOf): it files the deployment again. One whose
      // account name is not known stays unplaced whatever account comes.
      const accountName = lowerCased(containerOf(d.placement)?.name);
      if (account?.kind === "none" && accountName !== undefined) {
        const filed = this.accountless.get(accountName) ?? new Set();
        this.accountless.set(accountName, filed.add(urn));
      }
      if (isUnknown(k)) {
        this.unplaced.set(urn, this.owned(n, k));
        continue;
      }
      const list = this.byAccount.get(k) ?? [];
      list.push(urn);
      this.byAccount.set(k, list);
      this.accountKeyOf.set(urn, k);
      const region = regionOf(account);
      if (region !== "") {
        const inRegion = this.byRegion.get(region) ?? [];
        inRegion.push(urn);
        this.byRegion.set(region, inRegion);
        if (account?.kind === "found" && account.node.secret.has("location")) this.secretRegions.add(region);
      }
    }
  }

  /** Deployments up to `node` (in registration order) among `urns`; Unknown if one may be among them. */
  private upTo(node: Node, urns: readonly string[], mayInclude: boolean): readonly Deployment[] | Unknown {
    if (mayInclude) {
      for (const [urn, unknown] of this.unplaced)
        if (urn !== node.ref.urn && !later(this.nodes.get(urn)!, node)) return unknown;
    }
    return urns
      .map((u) => this.nodes.get(u)!)
      .filter((n) => n === node || !later(n, node))
      .sort((a, b) => from(a) - from(b))
      .map((n) => n.model.value as Deployment);
  }

  /** Deployments on the same account, registered up to this one, in registration order. */
  private siblings(node: Node): readonly Deployment[] | Unknown {
    this.fileDeployments();
    const own = this.unplaced.get(node.ref.urn);
    if (own !== undefined) return own;
    const k = this.accountKeyOf.get(node.ref.urn);
    return this.upTo(node, k === undefined ? [] : (this.byAccount.get(k) ?? []), true);
  }

  /** Whether a deployment filed in the account's region sits on an account whose location is secret. */
  private regionLocationSecret(account: Lookup<Account> | undefined): boolean {
    const region = regionOf(account);
    if (region === "") return false;
    this.fileDeployments();
    return this.secretRegions.has(region);
  }

  /** Deployments whose accounts are in the same region, registered up to this one. */
  private regionSiblings(node: Node, account: Lookup<Account> | undefined): readonly Deployment[] | Unknown {
    if (account?.kind === "undecided") return account.unknown;
    if (account?.kind !== "found") {
      return this.owned(
        node,
        unknownAt(
          accountLink((node.model.value as Deployment).placement),
          "malformed",
          "names an account that is not in the stack before the deployment (its region is not known)",
        ),
      );
    }
    const location = account.node.location;
    if (isUnknown(location)) return location;
    const region = regionOf(account);
    if (region === "") {
      const detail = location === undefined ? "is not set" : "is empty";
      return { ...unknownAt("location", "malformed", detail), owner: account.node.ref };
    }
    this.fileDeployments();
    return this.upTo(node, this.byRegion.get(region) ?? [], true);
  }

  /**
   * Another deployment that may have this one's identity, because a part of either is not known (a preview) or
   * it is under another provider whose subscription is not shown to be the same or different: its Unknown, else
   * undefined. Candidates come from the name indexes (same or unknown name and parent).
   */
  private possibleDuplicate(node: Node): Unknown | undefined {
    const model = node.model;
    const own = lowerCased(model.value.name);
    const parent = lowerCased(lastParent(model.value.placement)?.name);
    const kind = model.kind;
    let candidates: readonly Node[];
    if (own !== undefined && parent !== undefined) {
      candidates = this.inParentOrUnknown(kind, own, parent);
    } else if (parent !== undefined) {
      candidates = union(this.byParent.get(kind, parent), this.byParent.get(kind, ""));
    } else if (own !== undefined) candidates = this.namedOrUnknown(kind, own);
    else candidates = this.all(kind);
    if (candidates.every((c) => c === node)) return undefined;
    const reference = [...model.value.placement.parents, ownSegment(node)];
    for (const c of candidates) {
      if (c === node) continue;
      const same = this.compareAddress(node, model.value.placement, reference, c, c.model.value.placement, [
        ...c.model.value.placement.parents,
        ownSegment(c),
      ]);
      if (isUnknown(same)) return same;
      if (same === "unprovable") {
        const detail = `Deployment "${c.ref.name}" under another provider has its name, account and resource group, and its subscription cannot be shown to be the same or different`;
        return this.owned(node, unknownAt("subscriptionId", "ambiguous", detail, SET_SUBSCRIPTION_IDS));
      }
    }
    return undefined;
  }

  /** Other resources of the same kind with the same Azure identity. */
  private duplicates(node: Node): ResourceRef[] {
    const model = node.model;
    const own = lowerCased(model.value.name);
    if (own === undefined) return [];
    // A candidate under another parent whose name is known is a different resource: compare only those under
    // the same parent or one not known, not every same-named resource in the stack (a policy named "strict"
    // on each of n accounts made this quadratic). In the order the name index has them.
    const parent = model.kind === "account" ? undefined : lowerCased(lastParent(model.value.placement)?.name);
    const filed =
      parent === undefined || parent === ""
        ? this.named(model.kind, own)
        : union(this.byNameInParent.get(model.kind, own, parent), this.byNameInParent.get(model.kind, own, ""));
    const result: ResourceRef[] = [];
    // Most resources have no namesake: nothing to compare.
    if (filed.every((c) => c === node)) return result;
    const candidates = [...filed].sort((a, b) => a.added - b.added);
    const reference = [...model.value.placement.parents, ownSegment(node)];
    for (const c of candidates) {
      if (c === node) continue;
      const same = this.compareAddress(node, model.value.placement, reference, c, c.model.value.placement, [
        ...c.model.value.placement.parents,
        ownSegment(c),
      ]);
      if (same === "same") result.push(c.ref);
    }
    return result;
  }

  /**
   * Compares candidates with a reference. When `ordered`, only resources registered before `origin` count
   * (what Azure has when it is created). Exactly one certain match is found; more are ambiguous; one that may
   * match makes the lookup undecided; one under a provider whose subscription cannot be shown equal is no match,
   * but it is not ruled out either: beside one certain match it makes the lookup undecided.
   */
  private lookup<T>(origin: Node, candidates: Iterable<Node>, compare: (c: Node) => Same, ordered = true): Lookup<T> {
    const definite: Node[] = [];
    const nearMisses: NearMiss[] = [];
    let possible: Unknown | undefined;
    for (const c of candidates) {
      if (c === origin) continue;
      const same = compare(c);
      if (same === "different") continue;
      const identity = same === "same" ? { sameIdentity: true as const } : {};
      if (ordered && later(c, origin)) {
        nearMisses.push({
          ref: c.ref,
          why: "it is registered after this resource, so Azure may not have it yet when this one is created",
          registeredLater: true,
          ...identity,
        });
      } else if (ordered && unseenBefore(c, origin)) {
        // What the pack enforced before the step (the resource level never sees it) is what every verdict says.
        nearMisses.push({
          ref: c.ref,
          why: "the program does not register it in this run (it reads it), so the pack cannot check it before this resource is created",
          notInRun: true,
          ...identity,
        });
      } else if (same === "unprovable") {
        nearMisses.push({
          ref: c.ref,
          why: "it is under another provider, whose subscription cannot be shown to be the same (set subscriptionId on both providers)",
          otherProvider: true,
        });
      } else if (same === "same") definite.push(c);
      else possible ??= same;
    }
    if (definite.length > 1) return { kind: "ambiguous", candidates: definite.map((d) => d.ref) };
    if (possible !== undefined) {
      const why =
        definite.length === 1
          ? "another resource in the stack may have the same identity"
          : "a resource in the stack whose identity is not known may be it";
      return { kind: "undecided", unknown: possible, why };
    }
    // Under another provider, not shown to be the same subscription nor a different one: not a match, but
    // not ruled out either, so it cannot leave the one definite match as the answer (that would be a guess).
    const other = nearMisses.filter((m) => m.otherProvider);
    if (definite.length === 1 && other.length > 0) {
      const names = other.map((m) => `${m.ref.type.split(":").pop()} "${m.ref.name}"`).join(", ");
      const detail = `${names} under another provider may have the same identity: its subscription cannot be shown to be the same or different`;
      return {
        kind: "undecided",
        unknown: this.owned(origin, unknownAt("subscriptionId", "ambiguous", detail, SET_SUBSCRIPTION_IDS)),
        why: "another resource in the stack may have the same identity",
      };
    }
    if (definite.length === 1) return { kind: "found", node: definite[0].model.value as T };
    return { kind: "none", nearMisses };
  }

  /** Compares two addresses segment by segment (collection and name), then resource group and subscription. */
  private compareAddress(
    a: Node,
    aPlacement: Placement,
    aSegments: readonly ParentName[],
    b: Node,
    bPlacement: Placement,
    bSegments: readonly ParentName[],
  ): Same {
    if (aSegments.length !== bSegments.length) return "different";
    const pending: Same[] = [];
    for (let i = aSegments.length - 1; i >= 0; i--) {
      if (aSegments[i].collection !== bSegments[i].collection) return "different";
      const r = this.compareValue(a, aSegments[i], b, bSegments[i]);
      if (r === "different") return r;
      pending.push(r);
    }
    const rg = this.compareValue(
      a,
      {
        collection: "resourceGroups",
        name: aPlacement.resourceGroup,
        link: aPlacement.resourceGroupLink,
        linkOutput: aPlacement.resourceGroupLinkOutput,
      },
      b,
      {
        collection: "resourceGroups",
        name: bPlacement.resourceGroup,
        link: bPlacement.resourceGroupLink,
        linkOutput: bPlacement.resourceGroupLinkOutput,
      },
    );
    if (rg === "different") return rg;
    const sub = this.compareSubscriptions(a, aPlacement.subscription, b, bPlacement.subscription);
    if (sub === "different") return sub;
    pending.push(rg, sub);
    const unknown = pending.find(isUnknown);
    if (unknown !== undefined) return unknown;
    return pending.includes("unprovable") ? "unprovable" : "same";
  }

  /**
   * Subscriptions of `a` (the resource being judged) and `b`. An ARM id a classic child names its account by
   * pins its subscription, which the provider instance of a same-named account in the stack need not have. At
   * resource level that account's own id is not known yet (it is an output), so the two are taken to be the
   * same and `a` is judged again at stack level, where the id is known; there, not knowing it is undecided.
   */
  private compareSubscriptions(a: Node, as: SubscriptionRef, b: Node, bs: SubscriptionRef): Same {
    const same = compareSubscriptionRefs(as, bs);
    if (same !== "pinned") return same;
    if (!this.followLinks) {
      this.assumed.add(a.ref.urn);
      return "same";
    }
    const pinnedBy = [as, bs].map((s) => (!isUnknown(s) && s.kind === "id" ? s.referencedBy : undefined));
    const [own, other] = pinnedBy[0] !== undefined ? [a, b] : [b, a];
    const detail = `it names a subscription, and ${other.ref.type.split(":").pop()} "${other.ref.name}", under the same provider, is in the provider's subscription, which the provider does not set and is not known until it is created`;
    return this.owned(
      own,
      unknownAt(
        pinnedBy[0] ?? pinnedBy[1] ?? "subscriptionId",
        "ambiguous",
        detail,
        "Reference the account (cognitiveAccountId: account.id), or set subscriptionId on the provider.",
      ),
    );
  }

  /**
   * Whether a resource's verdicts rest on an assumption that only the stack level can check (see
   * compareSubscriptions): then it is not decided at resource level.
   */
  restsOnAssumption(urn: string): boolean {
    return this.assumed.has(urn);
  }

  /** One name: known names compare case-insensitively; at stack level an unknown compares by what it links to. */
  private compareValue(a: Node, as: ParentName, b: Node, bs: ParentName): Same {
    const av = as.name;
    const bv = bs.name;
    if (typeof av === "string" && typeof bv === "string")
      return av.toLowerCase() === bv.toLowerCase() ? "same" : "different";
    if (av === undefined && bv === undefined) return "same";
    if (!isUnknown(av) && !isUnknown(bv)) return "different";
    const unknown = isUnknown(av) ? this.owned(a, av) : this.owned(b, bv as Unknown);
    if (!this.followLinks || unknown.reason !== "preview") return unknown;
    const aTarget = isUnknown(av) ? this.linkTarget(a, as, as.linkOutput) : undefined;
    const bTarget = isUnknown(bv) ? this.linkTarget(b, bs, bs.linkOutput) : undefined;
    // Both computed from the same resource, or one computed from the other (classic ids name the account).
    if (aTarget !== undefined && (aTarget === bTarget || aTarget === b.ref.urn)) return "same";
    if (bTarget !== undefined && bTarget === a.ref.urn) return "same";
    // A link to a resource the pack reads (a resource group, for a group's name) whose name is known compares by it.
    const nameOf = (from: Node, target: string | undefined, v: Value<string>, segment: ParentName) => {
      if (target === undefined) return lowerCased(v);
      const linked = this.nodes.get(target);
      // An ARM id names its resource's subscription too: its names stand for the link only where that subscription
      // is provably the linking resource's own (else a same-named resource in another subscription passes as it).
      const subscription = linked?.model.value.placement.subscription;
      const own = from.model.value.placement.subscription;
      if (segment.linkOutput === "id" && subscription && compareSubscriptionRefs(own, subscription) !== "same")
        return undefined;
      if (segment.collection === "resourceGroups") return this.linkedGroupName(target, segment.linkOutput);
      return lowerCased(linked?.model.value.name);
    };
    const an = isUnknown(av) ? nameOf(a, aTarget, av, as) : lowerCased(av);
    const bn = isUnknown(bv) ? nameOf(b, bTarget, bv, bs) : lowerCased(bv);
    if (an !== undefined && bn !== undefined) return an === bn ? "same" : "different";
    return unknown;
  }

  /**
   * The lower-cased resource group a link names, when known: a group's own name, or, for an ARM id (a classic
   * `cognitiveAccountId: account.id`), the linked resource's group, itself followed through its own link.
   */
  private linkedGroupName(target: string, output: ParentName["linkOutput"]): string | undefined {
    const group = this.groupNames.get(target);
    if (group !== undefined) return lowerCased(group);
    const node = this.nodes.get(target);
    if (node === undefined || output !== "id") return undefined;
    const { resourceGroup, resourceGroupLink, resourceGroupLinkOutput } = node.model.value.placement;
    if (!isUnknown(resourceGroup)) return lowerCased(resourceGroup);
    const segment = { collection: "resourceGroups", name: resourceGroup, link: resourceGroupLink };
    const next = this.linkTarget(node, segment, resourceGroupLinkOutput);
    // Dependencies form no cycle: the chain ends at a group, or at a resource whose group is known.
    return next === undefined ? undefined : this.linkedGroupName(next, resourceGroupLinkOutput ?? "name");
  }

  /**
   * The one resource an unknown name is exactly the name of, by the propertyDependencies of its top-level
   * property: a single dependency whose own `name` output is not known either (a value computed from a known
   * name would be known). One top-level property can hold several names (azure-native's `properties` holds
   * raiPolicyName and spilloverDeploymentName), so a resource the pack reads as another kind than the segment
   * names is what a sibling value is computed from, not this one.
   */
  private linkTarget(node: Node, segment: ParentName, output: "name" | "id" = "name"): string | undefined {
    const kind = KIND_OF_COLLECTION[segment.collection];
    const deps = (node.deps[segment.link] ?? []).filter(
      (u) => kind === undefined || (this.nodes.get(u)?.model.kind ?? kind) === kind,
    );
    if (deps.length !== 1 || !this.known.has(deps[0])) return undefined;
    const target = this.nodes.get(deps[0]);
    if (target !== undefined && typeof target.outputs?.[output] === "string") return undefined;
    return deps[0];
  }

  private owned(node: Node, unknown: Unknown): Unknown {
    return unknown.owner ? unknown : { ...unknown, owner: node.ref };
  }

  private named(kind: ModelNode["kind"], name: string): readonly Node[] {
    return this.byName.get(kind, name);
  }

  /** Resources of a kind named `name` or with a name not known. */
  private namedOrUnknown(kind: ModelNode["kind"], name: string): Node[] {
    return this.named(kind, name).concat(this.named(kind, ""));
  }

  /** Policies or deployments named `own` in parent `parent`, each name or one not known. */
  private inParentOrUnknown(kind: ModelNode["kind"], own: string, parent: string): readonly Node[] {
    const index = this.byNameInParent;
    return union(index.get(kind, own, parent), index.get(kind, own), index.get(kind, "", parent), index.get(kind, ""));
  }

  private all(kind: ModelNode["kind"]): Node[] {
    return [...this.nodes.values()].filter((n) => n.model.kind === kind);
  }
}

/** The stack resources of policies (a lookup in the graph finds only those). */
function stackRefs(policies: readonly ContentFilterPolicy[]): ResourceRef[] {
  return policies.flatMap((p) => (p.origin.kind === "stack" ? [p.origin.ref] : []));
}

/**
 * The region a found account is in, as Azure compares regions (REGION_NAMES); "" when it names none: no account,
 * a location not known, or a blank one (Azure rejects it, so it is neither a region of its own nor a shared one).
 */
function regionOf(account: Lookup<Account> | undefined): string {
  const location = account?.kind === "found" ? account.node.location : undefined;
  return typeof location === "string" ? REGION_NAMES.key(location) : "";
}

/** Registration position: resources that existed before the run come first. */
function from(node: Node): number {
  return node.seq;
}

/** Registered after `origin` in this run (a resource that existed before the run sees everything). */
function later(node: Node, origin: Node): boolean {
  return origin.seq !== PRE_EXISTING && node.seq > origin.seq;
}

/** Not registered in this run (a read), while `origin` is: the resource level judged `origin` without it. */
function unseenBefore(node: Node, origin: Node): boolean {
  return origin.seq !== PRE_EXISTING && node.seq === PRE_EXISTING;
}

function lastParent(placement: Placement): ParentName | undefined {
  return placement.parents[placement.parents.length - 1];
}

/** A deployment's account by value, when the account is not in the stack and every part is known. */
function placementKey(placement: Placement): string | undefined {
  const sub = placement.subscription;
  const subKey = isUnknown(sub)
    ? undefined
    : sub.kind === "id"
      ? `id:${sub.id.toLowerCase()}`
      : `provider:${sub.provider}`;
  const parts = [subKey, lowerCased(placement.resourceGroup), ...placement.parents.map((p) => lowerCased(p.name))];
  return parts.every((p) => p !== undefined) ? `value:${parts.join("\u0000")}` : undefined;
}

function ownSegment(node: Node): ParentName {
  const m = node.model;
  const collection =
    m.kind === "account" ? m.value.collection : m.kind === "rai-policy" ? m.value.collection : "deployments";
  return { collection, name: m.value.name, link: "" };
}

function refFromUrn(urn: string): ResourceRef {
  const parts = urn.split("::");
  return { urn, name: parts.slice(3).join("::"), type: (parts[2] ?? "").split("$").pop() ?? "" };
}

/**
 * Known ids compare as ids. The same provider instance has one subscription, unless one side's comes from an
 * ARM id naming another resource ("pinned": see ResourceGraph.compareSubscriptions). Otherwise it cannot be shown.
 */
function compareSubscriptionRefs(a: SubscriptionRef, b: SubscriptionRef): Same | "pinned" {
  if (isUnknown(a)) return a;
  if (isUnknown(b)) return b;
  if (a.kind === "id" && b.kind === "id") return a.id.toLowerCase() === b.id.toLowerCase() ? "same" : "different";
  if (a.provider !== undefined && a.provider === b.provider) {
    const pinned = (a.kind === "id" && a.referencedBy) || (b.kind === "id" && b.referencedBy);
    return pinned ? "pinned" : "same";
  }
  // A subscriptionId a preview does not know yet may equal the other's: undecided, not a different resource.
  const pending = (a.kind === "provider" ? a.pending : undefined) ?? (b.kind === "provider" ? b.pending : undefined);
  return pending ?? "unprovable";
}

/** A policy from pack config, matched by name and by whatever placement it declares. */
function externalPolicy(
  policies: readonly ContentFilterPolicy[],
  name: string,
  placement: Placement,
  owned: (unknown: Unknown) => Unknown,
): PolicyResolution | undefined {
  let pending: Unknown | undefined;
  /** What the entry declares must equal the deployment's value; a value not known yet cannot be matched yet. */
  const declared = (v: Value<string>, own: Value<string>): boolean => {
    if (typeof v !== "string") return true;
    if (isUnknown(own)) {
      pending ??= owned(own);
      return false;
    }
    return lowerCased(own) === v.toLowerCase();
  };
  const matches = policies.filter((p) => {
    if (lowerCased(p.name) !== name.toLowerCase()) return false;
    if (!declared(lastParent(p.placement)?.name, lastParent(placement)?.name)) return false;
    if (!declared(p.placement.resourceGroup, placement.resourceGroup)) return false;
    const sub = p.placement.subscription;
    if (!isUnknown(sub) && sub.kind === "id") {
      const own = placement.subscription;
      if (isUnknown(own)) {
        pending ??= owned(own);
        return false;
      }
      if (own.kind !== "id" || own.id.toLowerCase() !== sub.id.toLowerCase()) return false;
    }
    return true;
  });
  if (matches.length === 1) return { kind: "resolved", policy: matches[0] };
  if (matches.length > 1) return { kind: "ambiguous", name, candidates: [] };
  if (pending !== undefined) {
    return {
      kind: "undecided",
      unknown: pending,
      why: `whether the externally managed RAI policy "${name}" declared in pack config is this deployment's`,
    };
  }
  return undefined;
}

/** `{[key]: value}`, or nothing when the value is undefined. */
function optional<K extends string, V>(k: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [k]: value }) as { [P in K]?: V };
}
