// Joins the resources of one run into subjects: each deployment with its account and the content filter
// policy it actually uses. Lookups are by index, so a stack of n resources costs O(n).

import { readExternalPolicy } from "./adapters/azureNative";
import { ModelNode, readResource } from "./adapters";
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
  private readonly policiesByName = new Map<string, Set<string>>();
  /** Deployments by the account they are on: its URN when the stack defines it, else its name. */
  private readonly deploymentsByAccount = new Map<string, Set<string>>();
  private readonly deploymentAccountKey = new Map<string, string>();
  private readonly deploymentsByRegion = new Map<string, Set<string>>();
  private readonly deploymentRegion = new Map<string, string>();
  /** Policies whose name is not known yet: a name lookup that misses them cannot call a policy absent. */
  private readonly unnamedPolicies = new Set<string>();

  /** Records (or replaces) a resource; returns false for types the pack does not model. */
  add(resource: GraphResource): boolean {
    const node = readResource(resource.ref, resource.props);
    if (node === undefined) return false;
    this.remove(resource.ref.urn);
    this.nodes.set(resource.ref.urn, node);
    if (resource.propertyDependencies) this.dependencies.set(resource.ref.urn, resource.propertyDependencies);
    if (node.kind === "account") index(this.accountsByName, lower(node.value.name), resource.ref.urn);
    if (node.kind === "deployment") {
      const key = this.accountKey(node.value, this.accountOf(node.value));
      if (key !== undefined) {
        index(this.deploymentsByAccount, key, resource.ref.urn);
        this.deploymentAccountKey.set(resource.ref.urn, key);
      }
      const region = lower(this.accountOf(node.value).found?.location);
      if (region !== undefined) {
        index(this.deploymentsByRegion, region, resource.ref.urn);
        this.deploymentRegion.set(resource.ref.urn, region);
      }
    }
    if (node.kind === "rai-policy") {
      const name = lower(node.value.name);
      if (name === undefined) this.unnamedPolicies.add(resource.ref.urn);
      else index(this.policiesByName, name, resource.ref.urn);
    }
    return true;
  }

  private remove(urn: string): void {
    const old = this.nodes.get(urn);
    if (!old) return;
    this.nodes.delete(urn);
    this.dependencies.delete(urn);
    this.unnamedPolicies.delete(urn);
    if (old.kind === "account") unindex(this.accountsByName, lower(old.value.name), urn);
    unindex(this.deploymentsByAccount, this.deploymentAccountKey.get(urn), urn);
    this.deploymentAccountKey.delete(urn);
    unindex(this.deploymentsByRegion, this.deploymentRegion.get(urn), urn);
    this.deploymentRegion.delete(urn);
    if (old.kind === "rai-policy") unindex(this.policiesByName, lower(old.value.name), urn);
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
    const account = this.accountOf(deployment);
    const policy = this.policyOf(deployment, account, settings);
    return {
      kind: "deployment",
      ref: deployment.ref,
      deployment,
      account: account.found,
      policy,
      useCases: effectiveUseCases(deployment, account, policy, settings),
      accountDeployments: this.deploymentsOn(deployment, account),
      regionDeployments: this.deploymentsInRegion(deployment, account),
    };
  }

  /**
   * The use cases a RAI policy is built for: its own tag, else its account's default, else the pack
   * config default. Remediation uses it, when no deployment on the policy is registered yet.
   */
  policyUseCases(policy: ContentFilterPolicy, settings: OrgSettings): readonly UseCase[] {
    if (declares(policy.useCases)) return policy.useCases.values;
    const candidates = [...(this.accountsByName.get(lower(policy.accountName) ?? "") ?? [])]
      .map((u) => this.accountAt(u))
      .filter((a) => sameOrUnknown(a.resourceGroupName, policy.resourceGroupName));
    const account = candidates.length === 1 ? candidates[0] : undefined;
    if (account && declares(account.useCases)) return account.useCases.values;
    return settings.defaultUseCases;
  }

  private accountKey(deployment: Deployment, account: AccountLookup): string | undefined {
    if (account.found) return account.found.ref.urn;
    const name = lower(account.name);
    const rg = lower(deployment.resourceGroupName) ?? "";
    return name === undefined ? undefined : `name:${rg}/${name}`;
  }

  /** Deployments on the same account, in the order they were added; Unknown while the account is. */
  private deploymentsOn(deployment: Deployment, account: AccountLookup): readonly Deployment[] | Unknown {
    if (isUnknown(account.name) && !account.found) return account.name;
    const key = this.deploymentAccountKey.get(deployment.ref.urn);
    if (key === undefined) return [deployment];
    return [...(this.deploymentsByAccount.get(key) ?? [])].map(
      (u) => (this.nodes.get(u) as { kind: "deployment"; value: Deployment }).value,
    );
  }

  private deploymentsInRegion(deployment: Deployment, account: AccountLookup): readonly Deployment[] | Unknown {
    const location = account.found?.location;
    if (isUnknown(location)) return location;
    if (isUnknown(account.name) && !account.found) return account.name;
    const region = this.deploymentRegion.get(deployment.ref.urn);
    if (region === undefined) return unknownAt("location (the deployment's account is not in the stack)");
    return [...(this.deploymentsByRegion.get(region) ?? [])].map(
      (u) => (this.nodes.get(u) as { kind: "deployment"; value: Deployment }).value,
    );
  }

  /** The URNs of a given kind that a deployment's property depends on (from propertyDependencies). */
  private dependedOn(urn: string, property: string, kind: Node["kind"]): string[] {
    const deps = this.dependencies.get(urn)?.[property] ?? [];
    return deps.filter((d) => this.nodes.get(d)?.kind === kind);
  }

  private accountOf(deployment: Deployment): AccountLookup {
    const name = deployment.accountName;
    if (isUnknown(name)) {
      const linked = this.dependedOn(deployment.ref.urn, deployment.links.account, "account");
      if (linked.length === 1) return { found: this.accountAt(linked[0]), name: this.accountAt(linked[0]).name };
      return { name };
    }
    const candidates = [...(name === undefined ? [] : (this.accountsByName.get(name.toLowerCase()) ?? []))]
      .map((u) => this.accountAt(u))
      .filter((a) => sameOrUnknown(a.resourceGroupName, deployment.resourceGroupName));
    return { found: candidates.length === 1 ? candidates[0] : undefined, name };
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
          ? `properties.raiPolicyName is not known yet and the deployment depends on ${linked.length} RAI policies`
          : "properties.raiPolicyName is not known yet and no RAI policy it depends on is known";
      return { kind: "undecidable", unknown: name, why };
    }
    if (name === undefined) return { kind: "service-default" };
    if (name.toLowerCase().startsWith(MICROSOFT_POLICY_PREFIX)) return { kind: "microsoft-managed", name };

    const accountName = account.name;
    const inStack = [...(this.policiesByName.get(name.toLowerCase()) ?? [])]
      .map((u) => this.policyAt(u))
      .filter((p) => sameOrUnknown(p.accountName, accountName))
      .filter((p) => sameOrUnknown(p.resourceGroupName, deployment.resourceGroupName));
    if (inStack.length === 1) return { kind: "resolved", policy: inStack[0] };
    if (inStack.length > 1) {
      const unknown = isUnknown(accountName) ? accountName : inStack.map((p) => p.accountName).find(isUnknown);
      if (unknown) {
        return {
          kind: "undecidable",
          unknown,
          why: `several RAI policies are named "${name}" and the account is not known yet`,
        };
      }
    }
    const external = settings.externalRaiPolicies.filter(
      (p) => p.name.toLowerCase() === name.toLowerCase() && sameOrUnknown(p.accountName, accountName),
    );
    if (external.length > 0) {
      if (isUnknown(accountName) && external.some((p) => p.accountName !== undefined)) {
        return { kind: "undecidable", unknown: accountName, why: "the account of the deployment is not known yet" };
      }
      return { kind: "resolved", policy: readExternalPolicy(external[0]) };
    }
    const firstUnnamed = this.unnamedPolicies.values().next();
    const unnamed = firstUnnamed.done ? undefined : this.policyAt(firstUnnamed.value).name;
    if (isUnknown(unnamed)) {
      return {
        kind: "undecidable",
        unknown: unnamed,
        why: `a RAI policy in the stack whose name is not known yet may be "${name}"`,
      };
    }
    return { kind: "unresolved", name };
  }
}

/** The deployment's account if the stack defines it, and the account name as far as it is known. */
interface AccountLookup {
  readonly found?: Account;
  readonly name: Value<string>;
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
  } else if (isUnknown(account.name)) {
    return {
      kind: "undecidable",
      unknown: account.name,
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
