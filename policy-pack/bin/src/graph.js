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
        /** Accounts whose name is not known yet: a name lookup that misses them cannot call an account absent. */
        this.unnamedAccounts = new Set();
        /** Policies by `${name}|${account key}`: one lookup per deployment, however many accounts reuse a name. */
        this.policiesByNameAndAccount = new Map();
        /** Policies whose name or account is not known yet, by name ("" when the name is unknown). */
        this.unplacedPolicies = new Map();
        /** Deployments by account key, and by the lower-cased region of their account. */
        this.deploymentsByAccount = new Map();
        this.deploymentsByRegion = new Map();
        /** The index keys each resource was filed under, so a replaced resource is unfiled exactly. */
        this.filedUnder = new Map();
    }
    /**
     * A graph of a whole stack. Accounts are added first and policies next, because a resource is filed by
     * its account; within a kind the given order is kept, since quotas count in registration order. (The
     * engine's AnalyzeStack does not send resources in dependency order.)
     */
    static fromStack(resources) {
        const graph = new ResourceGraph();
        const rank = (r) => ({ account: 0, "rai-policy": 1, deployment: 2 })[(0, adapters_1.classify)(r.ref.type)?.kind ?? "deployment"];
        const ordered = [...resources].map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i);
        for (const { r } of ordered)
            graph.add(r);
        return graph;
    }
    /** Records (or replaces) a resource; returns false for types the pack does not model. */
    add(resource) {
        const node = (0, adapters_1.readResource)(resource.ref, resource.props);
        if (node === undefined)
            return false;
        const urn = resource.ref.urn;
        this.remove(urn);
        this.nodes.set(urn, node);
        if (resource.propertyDependencies)
            this.dependencies.set(urn, resource.propertyDependencies);
        const filed = [];
        const file = (map, key) => {
            if (key === undefined)
                return;
            index(map, key, urn);
            filed.push([map, key]);
        };
        if (node.kind === "account") {
            const name = lower(node.value.name);
            if (name === undefined)
                this.unnamedAccounts.add(urn);
            file(this.accountsByName, name);
        }
        else if (node.kind === "rai-policy") {
            const name = lower(node.value.name);
            const account = this.accountOf(urn, node.value.accountName, node.value.resourceGroupName, node.value.accountLink);
            if (name !== undefined && account.key !== undefined)
                file(this.policiesByNameAndAccount, `${name}|${account.key}`);
            else
                file(this.unplacedPolicies, name ?? "");
        }
        else {
            const d = node.value;
            const account = this.accountOf(urn, d.accountName, d.resourceGroupName, d.links.account);
            file(this.deploymentsByAccount, account.key);
            file(this.deploymentsByRegion, lower(account.found?.location));
        }
        this.filedUnder.set(urn, filed);
        return true;
    }
    remove(urn) {
        if (!this.nodes.delete(urn))
            return;
        this.dependencies.delete(urn);
        this.unnamedAccounts.delete(urn);
        for (const [map, key] of this.filedUnder.get(urn) ?? [])
            unindex(map, key, urn);
        this.filedUnder.delete(urn);
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
            regionDeployments: () => this.siblings(this.deploymentsByRegion, lower(account.found?.location), account.pending ??
                ((0, model_1.isUnknown)(account.found?.location) ? account.found?.location : undefined) ??
                (0, model_1.unknownAt)("location (the region of the deployment's account is not known)")),
        };
    }
    /**
     * The use cases a RAI policy is built for: its own tag, else its account's default, else the pack
     * config default. Remediation uses it, when no deployment on the policy is registered yet.
     */
    policyUseCases(policy, settings) {
        if ((0, useCases_1.declares)(policy.useCases))
            return policy.useCases.values;
        const urn = policy.ref?.urn ?? "";
        const account = this.accountOf(urn, policy.accountName, policy.resourceGroupName, policy.accountLink).found;
        if (account && (0, useCases_1.declares)(account.useCases))
            return account.useCases.values;
        return settings.defaultUseCases;
    }
    /** Deployments filed under `key`, in the order they were added; `pending` when there is no key. */
    siblings(map, key, pending) {
        if (key === undefined)
            return pending ?? (0, model_1.unknownAt)("accountName");
        return [...(map.get(key) ?? [])].map((u) => this.nodes.get(u).value);
    }
    /** The URNs of a given kind that a resource's property depends on (from propertyDependencies). */
    dependedOn(urn, property, kind) {
        const deps = this.dependencies.get(urn)?.[property] ?? [];
        return deps.filter((d) => this.nodes.get(d)?.kind === kind);
    }
    /**
     * Which account a deployment or policy is on. Found by name, or through propertyDependencies when the
     * name is not known yet; `pending` when it cannot be determined yet (the caller must not guess).
     */
    accountOf(urn, name, resourceGroup, link) {
        if ((0, model_1.isUnknown)(name)) {
            const linked = this.dependedOn(urn, link, "account");
            if (linked.length === 1) {
                const found = this.accountAt(linked[0]);
                return { found, name: found.name, key: linked[0] };
            }
            return { name, pending: name };
        }
        if (name === undefined)
            return { name };
        const candidates = [...(this.accountsByName.get(name.toLowerCase()) ?? [])].filter((u) => sameOrUnknown(this.accountAt(u).resourceGroupName, resourceGroup));
        if (candidates.length === 1)
            return { found: this.accountAt(candidates[0]), name, key: candidates[0] };
        const firstUnnamed = this.unnamedAccounts.values().next();
        if (candidates.length === 0 && !firstUnnamed.done) {
            // An account in the stack whose name is not known yet may be this one, with its default use cases.
            return { name, pending: this.accountAt(firstUnnamed.value).name };
        }
        return { name, key: `name:${lower(resourceGroup) ?? ""}/${name.toLowerCase()}` };
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
                ? `the RAI policy name is not known yet and the deployment depends on ${linked.length} RAI policies`
                : "the RAI policy name is not known yet and no RAI policy it depends on is known";
            return { kind: "undecidable", unknown: name, why };
        }
        if (name === undefined)
            return { kind: "service-default" };
        if (name.toLowerCase().startsWith(ruleData_1.MICROSOFT_POLICY_PREFIX))
            return { kind: "microsoft-managed", name };
        if (account.pending) {
            return {
                kind: "undecidable",
                unknown: account.pending,
                why: `the deployment's account is not known yet, and it decides which policy named "${name}" applies`,
            };
        }
        const key = name.toLowerCase();
        const inStack = [...(this.policiesByNameAndAccount.get(`${key}|${account.key ?? ""}`) ?? [])];
        if (inStack.length > 0)
            return { kind: "resolved", policy: this.policyAt(inStack[0]) };
        const unplaced = this.unplacedPolicies.get(key)?.values().next() ?? this.unplacedPolicies.get("")?.values().next();
        if (unplaced && !unplaced.done) {
            const policy = this.policyAt(unplaced.value);
            const unknown = [policy.name, policy.accountName].find(model_1.isUnknown) ?? (0, model_1.unknownAt)("accountName");
            return {
                kind: "undecidable",
                unknown,
                why: `a RAI policy in the stack whose name or account is not known yet may be "${name}"`,
            };
        }
        const accountName = typeof account.name === "string" ? account.name.toLowerCase() : undefined;
        const external = settings.externalRaiPolicies.find((p) => p.name.toLowerCase() === key && (p.accountName === undefined || p.accountName.toLowerCase() === accountName));
        if (external)
            return { kind: "resolved", policy: (0, azureNative_1.readExternalPolicy)(external) };
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
    else if (account.pending) {
        return {
            kind: "undecidable",
            unknown: account.pending,
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
