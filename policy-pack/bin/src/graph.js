"use strict";
// Joins the resources of one run into subjects: each deployment with its account and the content filter
// policy it actually uses. Lookups are by index, so a stack of n resources costs O(n).
Object.defineProperty(exports, "__esModule", { value: true });
exports.ResourceGraph = void 0;
const azureNative_1 = require("./adapters/azureNative");
const adapters_1 = require("./adapters");
const model_1 = require("./model");
const ruleData_1 = require("./ruleData");
const useCases_1 = require("./useCases");
const lower = (v) => (typeof v === "string" ? v.toLowerCase() : undefined);
class ResourceGraph {
    constructor() {
        this.nodes = new Map();
        this.dependencies = new Map();
        /** Lower-cased name -> URNs; Azure resource names are case-insensitive. */
        this.accountsByName = new Map();
        this.policiesByName = new Map();
        /** Deployments by the account they are on: its URN when the stack defines it, else its name. */
        this.deploymentsByAccount = new Map();
        this.deploymentAccountKey = new Map();
        this.deploymentsByRegion = new Map();
        this.deploymentRegion = new Map();
        /** Policies whose name is not known yet: a name lookup that misses them cannot call a policy absent. */
        this.unnamedPolicies = new Set();
    }
    /** Records (or replaces) a resource; returns false for types the pack does not model. */
    add(resource) {
        const node = (0, adapters_1.readResource)(resource.ref, resource.props);
        if (node === undefined)
            return false;
        this.remove(resource.ref.urn);
        this.nodes.set(resource.ref.urn, node);
        if (resource.propertyDependencies)
            this.dependencies.set(resource.ref.urn, resource.propertyDependencies);
        if (node.kind === "account")
            index(this.accountsByName, lower(node.value.name), resource.ref.urn);
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
            if (name === undefined)
                this.unnamedPolicies.add(resource.ref.urn);
            else
                index(this.policiesByName, name, resource.ref.urn);
        }
        return true;
    }
    remove(urn) {
        const old = this.nodes.get(urn);
        if (!old)
            return;
        this.nodes.delete(urn);
        this.dependencies.delete(urn);
        this.unnamedPolicies.delete(urn);
        if (old.kind === "account")
            unindex(this.accountsByName, lower(old.value.name), urn);
        unindex(this.deploymentsByAccount, this.deploymentAccountKey.get(urn), urn);
        this.deploymentAccountKey.delete(urn);
        unindex(this.deploymentsByRegion, this.deploymentRegion.get(urn), urn);
        this.deploymentRegion.delete(urn);
        if (old.kind === "rai-policy")
            unindex(this.policiesByName, lower(old.value.name), urn);
    }
    /** Every subject in the graph, in insertion order. */
    subjects(settings) {
        const result = [];
        for (const urn of this.nodes.keys()) {
            const subject = this.subjectFor(urn, settings);
            if (subject)
                result.push(subject);
        }
        return result;
    }
    subjectFor(urn, settings) {
        const node = this.nodes.get(urn);
        if (!node)
            return undefined;
        if (node.kind === "account")
            return { kind: "account", ref: node.value.ref, account: node.value };
        if (node.kind === "rai-policy")
            return { kind: "rai-policy", ref: node.value.ref, policy: node.value };
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
    policyUseCases(policy, settings) {
        if ((0, useCases_1.declares)(policy.useCases))
            return policy.useCases.values;
        const candidates = [...(this.accountsByName.get(lower(policy.accountName) ?? "") ?? [])]
            .map((u) => this.accountAt(u))
            .filter((a) => sameOrUnknown(a.resourceGroupName, policy.resourceGroupName));
        const account = candidates.length === 1 ? candidates[0] : undefined;
        if (account && (0, useCases_1.declares)(account.useCases))
            return account.useCases.values;
        return settings.defaultUseCases;
    }
    accountKey(deployment, account) {
        if (account.found)
            return account.found.ref.urn;
        const name = lower(account.name);
        const rg = lower(deployment.resourceGroupName) ?? "";
        return name === undefined ? undefined : `name:${rg}/${name}`;
    }
    /** Deployments on the same account, in the order they were added; Unknown while the account is. */
    deploymentsOn(deployment, account) {
        if ((0, model_1.isUnknown)(account.name) && !account.found)
            return account.name;
        const key = this.deploymentAccountKey.get(deployment.ref.urn);
        if (key === undefined)
            return [deployment];
        return [...(this.deploymentsByAccount.get(key) ?? [])].map((u) => this.nodes.get(u).value);
    }
    deploymentsInRegion(deployment, account) {
        const location = account.found?.location;
        if ((0, model_1.isUnknown)(location))
            return location;
        if ((0, model_1.isUnknown)(account.name) && !account.found)
            return account.name;
        const region = this.deploymentRegion.get(deployment.ref.urn);
        if (region === undefined)
            return (0, model_1.unknownAt)("location (the deployment's account is not in the stack)");
        return [...(this.deploymentsByRegion.get(region) ?? [])].map((u) => this.nodes.get(u).value);
    }
    /** The URNs of a given kind that a deployment's property depends on (from propertyDependencies). */
    dependedOn(urn, property, kind) {
        const deps = this.dependencies.get(urn)?.[property] ?? [];
        return deps.filter((d) => this.nodes.get(d)?.kind === kind);
    }
    accountOf(deployment) {
        const name = deployment.accountName;
        if ((0, model_1.isUnknown)(name)) {
            const linked = this.dependedOn(deployment.ref.urn, deployment.links.account, "account");
            if (linked.length === 1)
                return { found: this.accountAt(linked[0]), name: this.accountAt(linked[0]).name };
            return { name };
        }
        const candidates = [...(name === undefined ? [] : (this.accountsByName.get(name.toLowerCase()) ?? []))]
            .map((u) => this.accountAt(u))
            .filter((a) => sameOrUnknown(a.resourceGroupName, deployment.resourceGroupName));
        return { found: candidates.length === 1 ? candidates[0] : undefined, name };
    }
    accountAt(urn) {
        return this.nodes.get(urn).value;
    }
    policyAt(urn) {
        return this.nodes.get(urn).value;
    }
    policyOf(deployment, account, settings) {
        const name = deployment.raiPolicyName;
        if ((0, model_1.isUnknown)(name)) {
            // `raiPolicyName: policy.name` is unknown in preview; propertyDependencies say which policy it is.
            const linked = this.dependedOn(deployment.ref.urn, deployment.links.policy, "rai-policy");
            if (linked.length === 1)
                return { kind: "resolved", policy: this.policyAt(linked[0]) };
            const why = linked.length > 1
                ? `properties.raiPolicyName is not known yet and the deployment depends on ${linked.length} RAI policies`
                : "properties.raiPolicyName is not known yet and no RAI policy it depends on is known";
            return { kind: "undecidable", unknown: name, why };
        }
        if (name === undefined)
            return { kind: "service-default" };
        if (name.toLowerCase().startsWith(ruleData_1.MICROSOFT_POLICY_PREFIX))
            return { kind: "microsoft-managed", name };
        const accountName = account.name;
        const inStack = [...(this.policiesByName.get(name.toLowerCase()) ?? [])]
            .map((u) => this.policyAt(u))
            .filter((p) => sameOrUnknown(p.accountName, accountName))
            .filter((p) => sameOrUnknown(p.resourceGroupName, deployment.resourceGroupName));
        if (inStack.length === 1)
            return { kind: "resolved", policy: inStack[0] };
        if (inStack.length > 1) {
            const unknown = (0, model_1.isUnknown)(accountName) ? accountName : inStack.map((p) => p.accountName).find(model_1.isUnknown);
            if (unknown) {
                return {
                    kind: "undecidable",
                    unknown,
                    why: `several RAI policies are named "${name}" and the account is not known yet`,
                };
            }
        }
        const external = settings.externalRaiPolicies.filter((p) => p.name.toLowerCase() === name.toLowerCase() && sameOrUnknown(p.accountName, accountName));
        if (external.length > 0) {
            if ((0, model_1.isUnknown)(accountName) && external.some((p) => p.accountName !== undefined)) {
                return { kind: "undecidable", unknown: accountName, why: "the account of the deployment is not known yet" };
            }
            return { kind: "resolved", policy: (0, azureNative_1.readExternalPolicy)(external[0]) };
        }
        const firstUnnamed = this.unnamedPolicies.values().next();
        const unnamed = firstUnnamed.done ? undefined : this.policyAt(firstUnnamed.value).name;
        if ((0, model_1.isUnknown)(unnamed)) {
            return {
                kind: "undecidable",
                unknown: unnamed,
                why: `a RAI policy in the stack whose name is not known yet may be "${name}"`,
            };
        }
        return { kind: "unresolved", name };
    }
}
exports.ResourceGraph = ResourceGraph;
/** True when both are known and equal (case-insensitive), or either is unknown/absent and cannot differ yet. */
function sameOrUnknown(a, b) {
    if (typeof a !== "string" || typeof b !== "string")
        return true;
    return a.toLowerCase() === b.toLowerCase();
}
/**
 * Deployment tag wins over the account default; the policy's tag adds the use cases it is built for;
 * the pack config default applies only when nothing is declared anywhere.
 */
function effectiveUseCases(deployment, account, policy, settings) {
    const values = new Set();
    const declaredOn = [];
    const own = deployment.useCases.raw;
    if ((0, model_1.isUnknown)(own))
        return { kind: "undecidable", unknown: own, why: `the deployment's ${useCases_1.USE_CASE_TAG} tag is not known yet` };
    if ((0, useCases_1.declares)(deployment.useCases)) {
        deployment.useCases.values.forEach((v) => values.add(v));
        declaredOn.push("deployment");
    }
    else if (account.found) {
        const accountTag = account.found.useCases.raw;
        if ((0, model_1.isUnknown)(accountTag)) {
            return { kind: "undecidable", unknown: accountTag, why: `the account's ${useCases_1.USE_CASE_TAG} tag is not known yet` };
        }
        if ((0, useCases_1.declares)(account.found.useCases)) {
            account.found.useCases.values.forEach((v) => values.add(v));
            declaredOn.push(`account "${account.found.ref.name}"`);
        }
    }
    else if ((0, model_1.isUnknown)(account.name)) {
        return {
            kind: "undecidable",
            unknown: account.name,
            why: "the deployment's account (and so its default use cases) is not known yet",
        };
    }
    if (policy.kind === "resolved") {
        const policyTag = policy.policy.useCases.raw;
        if ((0, model_1.isUnknown)(policyTag)) {
            return { kind: "undecidable", unknown: policyTag, why: `the RAI policy's ${useCases_1.USE_CASE_TAG} tag is not known yet` };
        }
        if ((0, useCases_1.declares)(policy.policy.useCases)) {
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
function index(map, key, urn) {
    if (key === undefined)
        return;
    const set = map.get(key) ?? new Set();
    set.add(urn);
    map.set(key, set);
}
function unindex(map, key, urn) {
    if (key === undefined)
        return;
    map.get(key)?.delete(urn);
}
