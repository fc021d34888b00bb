// Joins the resources of one run into subjects: each deployment with its account and the content filter
// policy it actually uses. Lookups are by index, so a stack of n resources costs O(n).

import { readExternalPolicy } from "./adapters/azureNative";
import { ModelNode, classify, readResource } from "./adapters";
import {
  Account,
  ContentFilterPolicy,
  Deployment,
  EffectiveUseCases,
  PolicyResolution,
  ResourceRef,
  Subject,
  Unknown,
  UseCase,
  Value,
  isUnknown,
  unknownAt,
} from "./model";
import { MICROSOFT_POLICY_PREFIX } from "./ruleData";
import { OrgSettings } from "./settings";
import { USE_CASE_TAG, declares } from "./useCases";

/** One resource as a policy sees it, with the URNs each top-level property depends on (stack level only). */
export interface GraphResource {
  readonly ref: ResourceRef;
  readonly props: unknown;
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

type Node = ModelNode;

const lower = (v: Value<string>): string | undefined => (typeof v === "string" ? v.toLowerCase() : undefined);

export class ResourceGraph {
  private readonly nodes = new Map<string, Node>();
  private readonly dependencies = new Map<string, Readonly<Record<string, readonly string[]>>>();
  /** Lower-cased name -> URNs; Azure resource names are case-insensitive. */
  private readonly accountsByName = new Map<string, Set<string>>();
  /** Accounts whose name is not known yet: a name lookup that misses them cannot call an account absent. */
  private readonly unnamedAccounts = new Set<string>();
  /** Policies by `${name}|${account key}`: one lookup per deployment, however many accounts reuse a name. */
  private readonly policiesByNameAndAccount = new Map<string, Set<string>>();
  /** Policies whose name or account is not known yet, by name ("" when the name is unknown). */
  private readonly unplacedPolicies = new Map<string, Set<string>>();
  /** Deployments by account key, and by the lower-cased region of their account. */
  private readonly deploymentsByAccount = new Map<string, Set<string>>();
  private readonly deploymentsByRegion = new Map<string, Set<string>>();
  /** The index keys each resource was filed under, so a replaced resource is unfiled exactly. */
  private readonly filedUnder = new Map<string, [Map<string, Set<string>>, string][]>();

  /**
   * A graph of a whole stack. Accounts are added first and policies next, because a resource is filed by
   * its account; within a kind the given order is kept, since quotas count in registration order. (The
   * engine's AnalyzeStack does not send resources in dependency order.)
   */
  static fromStack(resources: Iterable<GraphResource>): ResourceGraph {
    const graph = new ResourceGraph();
    const rank = (r: GraphResource) =>
      ({ account: 0, "rai-policy": 1, deployment: 2 })[classify(r.ref.type)?.kind ?? "deployment"];
    const ordered = [...resources].map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i);
    for (const { r } of ordered) graph.add(r);
    return graph;
  }

  /** Records (or replaces) a resource; returns false for types the pack does not model. */
  add(resource: GraphResource): boolean {
    const node = readResource(resource.ref, resource.props);
    if (node === undefined) return false;
    const urn = resource.ref.urn;
    this.remove(urn);
    this.nodes.set(urn, node);
    if (resource.propertyDependencies) this.dependencies.set(urn, resource.propertyDependencies);
    const filed: [Map<string, Set<string>>, string][] = [];
    const file = (map: Map<string, Set<string>>, key: string | undefined) => {
      if (key === undefined) return;
      index(map, key, urn);
      filed.push([map, key]);
    };
    if (node.kind === "account") {
      const name = lower(node.value.name);
      if (name === undefined) this.unnamedAccounts.add(urn);
      file(this.accountsByName, name);
    } else if (node.kind === "rai-policy") {
      const name = lower(node.value.name);
      const account = this.accountOf(urn, node.value.accountName, node.value.resourceGroupName, node.value.accountLink);
      if (name !== undefined && account.key !== undefined)
        file(this.policiesByNameAndAccount, `${name}|${account.key}`);
      else file(this.unplacedPolicies, name ?? "");
    } else {
      const d = node.value;
      const account = this.accountOf(urn, d.accountName, d.resourceGroupName, d.links.account);
      file(this.deploymentsByAccount, account.key);
      file(this.deploymentsByRegion, lower(account.found?.location));
    }
    this.filedUnder.set(urn, filed);
    return true;
  }

  private remove(urn: string): void {
    if (!this.nodes.delete(urn)) return;
    this.dependencies.delete(urn);
    this.unnamedAccounts.delete(urn);
    for (const [map, key] of this.filedUnder.get(urn) ?? []) unindex(map, key, urn);
    this.filedUnder.delete(urn);
  }

  /** Every subject in the graph, in insertion order. */
  subjects(settings: OrgSettings): Subject[] {
    const result: Subject[] = [];
    for (const urn of this.nodes.keys()) {
      const subject = this.subjectFor(urn, settings);
      if (subject) result.push(subject);
    }
    return result;
  }

  subjectFor(urn: string, settings: OrgSettings): Subject | undefined {
    const node = this.nodes.get(urn);
    if (!node) return undefined;
    if (node.kind === "account") return { kind: "account", ref: node.value.ref, account: node.value };
    if (node.kind === "rai-policy") return { kind: "rai-policy", ref: node.value.ref!, policy: node.value };
    const deployment = node.value;
    const account = this.accountOf(urn, deployment.accountName, deployment.resourceGroupName, deployment.links.account);
    const policy = this.policyOf(deployment, account, settings);
    return {
      kind: "deployment",
      ref: deployment.ref,
      deployment,
      account: account.found,
      policy,
      useCases: effectiveUseCases(deployment, account, policy, settings),
      accountDeployments: () => this.siblings(this.deploymentsByAccount, account.key, account.pending),
      regionDeployments: () =>
        this.siblings(
          this.deploymentsByRegion,
          lower(account.found?.location),
          account.pending ??
            (isUnknown(account.found?.location) ? account.found?.location : undefined) ??
            unknownAt("location (the region of the deployment's account is not known)"),
        ),
    };
  }

  /**
   * The use cases a RAI policy is built for: its own tag, else its account's default, else the pack
   * config default. Remediation uses it, when no deployment on the policy is registered yet.
   */
  policyUseCases(policy: ContentFilterPolicy, settings: OrgSettings): readonly UseCase[] {
    if (declares(policy.useCases)) return policy.useCases.values;
    const urn = policy.ref?.urn ?? "";
    const account = this.accountOf(urn, policy.accountName, policy.resourceGroupName, policy.accountLink).found;
    if (account && declares(account.useCases)) return account.useCases.values;
    return settings.defaultUseCases;
  }

  /** Deployments filed under `key`, in the order they were added; `pending` when there is no key. */
  private siblings(map: Map<string, Set<string>>, key: string | undefined, pending: Unknown | undefined) {
    if (key === undefined) return pending ?? unknownAt("accountName");
    return [...(map.get(key) ?? [])].map((u) => (this.nodes.get(u) as { kind: "deployment"; value: Deployment }).value);
  }

  /** The URNs of a given kind that a resource's property depends on (from propertyDependencies). */
  private dependedOn(urn: string, property: string, kind: Node["kind"]): string[] {
    const deps = this.dependencies.get(urn)?.[property] ?? [];
    return deps.filter((d) => this.nodes.get(d)?.kind === kind);
  }

  /**
   * Which account a deployment or policy is on. Found by name, or through propertyDependencies when the
   * name is not known yet; `pending` when it cannot be determined yet (the caller must not guess).
   */
  private accountOf(urn: string, name: Value<string>, resourceGroup: Value<string>, link: string): AccountLookup {
    if (isUnknown(name)) {
      const linked = this.dependedOn(urn, link, "account");
      if (linked.length === 1) {
        const found = this.accountAt(linked[0]);
        return { found, name: found.name, key: linked[0] };
      }
      return { name, pending: name };
    }
    if (name === undefined) return { name };
    const candidates = [...(this.accountsByName.get(name.toLowerCase()) ?? [])].filter((u) =>
      sameOrUnknown(this.accountAt(u).resourceGroupName, resourceGroup),
    );
    if (candidates.length === 1) return { found: this.accountAt(candidates[0]), name, key: candidates[0] };
    const firstUnnamed = this.unnamedAccounts.values().next();
    if (candidates.length === 0 && !firstUnnamed.done) {
      // An account in the stack whose name is not known yet may be this one, with its default use cases.
      return { name, pending: this.accountAt(firstUnnamed.value).name as Unknown };
    }
    return { name, key: `name:${lower(resourceGroup) ?? ""}/${name.toLowerCase()}` };
  }

  private accountAt(urn: string): Account {
    return (this.nodes.get(urn) as { kind: "account"; value: Account }).value;
  }

  private policyAt(urn: string): ContentFilterPolicy {
    return (this.nodes.get(urn) as { kind: "rai-policy"; value: ContentFilterPolicy }).value;
  }

  private policyOf(deployment: Deployment, account: AccountLookup, settings: OrgSettings): PolicyResolution {
    const name = deployment.raiPolicyName;
    if (isUnknown(name)) {
      // `raiPolicyName: policy.name` is unknown in preview; propertyDependencies say which policy it is.
      const linked = this.dependedOn(deployment.ref.urn, deployment.links.policy, "rai-policy");
      if (linked.length === 1) return { kind: "resolved", policy: this.policyAt(linked[0]) };
      const why =
        linked.length > 1
          ? `the RAI policy name is not known yet and the deployment depends on ${linked.length} RAI policies`
          : "the RAI policy name is not known yet and no RAI policy it depends on is known";
      return { kind: "undecidable", unknown: name, why };
    }
    if (name === undefined) return { kind: "service-default" };
    if (name.toLowerCase().startsWith(MICROSOFT_POLICY_PREFIX)) return { kind: "microsoft-managed", name };
    if (account.pending) {
      return {
        kind: "undecidable",
        unknown: account.pending,
        why: `the deployment's account is not known yet, and it decides which policy named "${name}" applies`,
      };
    }
    const key = name.toLowerCase();
    const inStack = [...(this.policiesByNameAndAccount.get(`${key}|${account.key ?? ""}`) ?? [])];
    if (inStack.length > 0) return { kind: "resolved", policy: this.policyAt(inStack[0]) };
    const unplaced = this.unplacedPolicies.get(key)?.values().next() ?? this.unplacedPolicies.get("")?.values().next();
    if (unplaced && !unplaced.done) {
      const policy = this.policyAt(unplaced.value);
      const unknown = [policy.name, policy.accountName].find(isUnknown) ?? unknownAt("accountName");
      return {
        kind: "undecidable",
        unknown,
        why: `a RAI policy in the stack whose name or account is not known yet may be "${name}"`,
      };
    }
    const accountName = typeof account.name === "string" ? account.name.toLowerCase() : undefined;
    const external = settings.externalRaiPolicies.find(
      (p) =>
        p.name.toLowerCase() === key && (p.accountName === undefined || p.accountName.toLowerCase() === accountName),
    );
    if (external) return { kind: "resolved", policy: readExternalPolicy(external) };
    return { kind: "unresolved", name };
  }
}

/**
 * The account a deployment or policy is on: the stack's Account when found, its name as far as known,
 * the key it is indexed by (the account's URN, else its resource group and name), and `pending` while
 * it cannot be determined.
 */
interface AccountLookup {
  readonly found?: Account;
  readonly name: Value<string>;
  readonly key?: string;
  readonly pending?: Unknown;
}

/** True when both are known and equal (case-insensitive), or either is unknown/absent and cannot differ yet. */
function sameOrUnknown(a: Value<string>, b: Value<string>): boolean {
  if (typeof a !== "string" || typeof b !== "string") return true;
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Deployment tag wins over the account default; the policy's tag adds the use cases it is built for;
 * the pack config default applies only when nothing is declared anywhere.
 */
function effectiveUseCases(
  deployment: Deployment,
  account: AccountLookup,
  policy: PolicyResolution,
  settings: OrgSettings,
): EffectiveUseCases {
  const values = new Set<UseCase>();
  const declaredOn: string[] = [];
  const own = deployment.useCases.raw;
  if (isUnknown(own))
    return { kind: "undecidable", unknown: own, why: `the deployment's ${USE_CASE_TAG} tag is not known yet` };
  if (declares(deployment.useCases)) {
    deployment.useCases.values.forEach((v) => values.add(v));
    declaredOn.push("deployment");
  } else if (account.found) {
    const accountTag = account.found.useCases.raw;
    if (isUnknown(accountTag)) {
      return { kind: "undecidable", unknown: accountTag, why: `the account's ${USE_CASE_TAG} tag is not known yet` };
    }
    if (declares(account.found.useCases)) {
      account.found.useCases.values.forEach((v) => values.add(v));
      declaredOn.push(`account "${account.found.ref.name}"`);
    }
  } else if (account.pending) {
    return {
      kind: "undecidable",
      unknown: account.pending,
      why: "the deployment's account (and so its default use cases) is not known yet",
    };
  }
  if (policy.kind === "resolved") {
    const policyTag = policy.policy.useCases.raw;
    if (isUnknown(policyTag)) {
      return { kind: "undecidable", unknown: policyTag, why: `the RAI policy's ${USE_CASE_TAG} tag is not known yet` };
    }
    if (declares(policy.policy.useCases)) {
      policy.policy.useCases.values.forEach((v) => values.add(v));
      declaredOn.push(`RAI policy "${policy.policy.ref?.name ?? String(policy.policy.name)}"`);
    }
  }
  if (values.size === 0 && settings.defaultUseCases.length > 0) {
    settings.defaultUseCases.forEach((v) => values.add(v));
    declaredOn.push("pack config defaultUseCases");
  }
  return { kind: "known", values: [...values], declaredOn };
}

function index(map: Map<string, Set<string>>, key: string | undefined, urn: string): void {
  if (key === undefined) return;
  const set = map.get(key) ?? new Set<string>();
  set.add(urn);
  map.set(key, set);
}

function unindex(map: Map<string, Set<string>>, key: string | undefined, urn: string): void {
  if (key === undefined) return;
  map.get(key)?.delete(urn);
}
