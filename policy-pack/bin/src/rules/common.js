"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OWNERS = void 0;
exports.policyLabel = policyLabel;
exports.useCaseList = useCaseList;
exports.subjectLabel = subjectLabel;
exports.flavourOf = flavourOf;
exports.lacksUseCase = lacksUseCase;
exports.noUseCase = noUseCase;
exports.policyProblem = policyProblem;
exports.policyTargets = policyTargets;
exports.requireFilter = requireFilter;
exports.dedupeOutcomes = dedupeOutcomes;
exports.useCaseScope = useCaseScope;
exports.subjectResource = subjectResource;
exports.listed = listed;
// What the rules share: how messages name things, which policies a rule must check on a subject, and the
// problems several rules meet (no policy to check, no use case), worded once and reported once.
const filters_1 = require("../model/filters");
const model_1 = require("../model/model");
const useCases_1 = require("../model/useCases");
const redact_1 = require("../redact");
const sources_1 = require("../ruleData/sources");
const microsoftPolicies_1 = require("../ruleData/microsoftPolicies");
const fixes_1 = require("./fixes");
const types_1 = require("./types");
/** The rules that own the problems several rules meet. */
exports.OWNERS = {
    useCase: "ccc-use-case-declared",
    explicitPolicy: "ccc-explicit-rai-policy",
    verifiablePolicy: "ccc-verifiable-rai-policy",
};
const problem = (key, owner) => ({ key, owner });
/** How messages name a content filter policy. */
function policyLabel(policy) {
    const name = (0, redact_1.quoted)(policy, "name", policy.name);
    switch (policy.origin.kind) {
        case "stack":
            return `RAI policy ${name} (${policy.origin.ref.name})`;
        case "external":
            return `externally managed RAI policy ${name} (pack config)`;
        case "microsoft":
            return `Microsoft-managed policy ${name} (as documented in ${policy.origin.source.title}, checked ${policy.origin.checked})`;
    }
}
function useCaseList(values, secret) {
    if (secret)
        return `${redact_1.REDACTED} use cases`;
    return values.length === 0 ? "no use case" : values.join(", ");
}
function subjectLabel(subject) {
    if (subject.kind === "deployment") {
        if (subject.useCases.kind !== "known")
            return `Deployment "${subject.ref.name}"`;
        const declared = subject.useCases.declaredOn.length
            ? ` (declared on ${subject.useCases.declaredOn.join(", ")})`
            : "";
        return `Deployment "${subject.ref.name}" serves ${useCaseList(subject.useCases.values, subject.useCases.secret)}${declared}`;
    }
    if (subject.kind === "rai-policy") {
        return `${policyLabel(subject.policy)} is declared for ${useCaseList(subject.policy.useCases.values, subject.policy.useCases.secret)}`;
    }
    return `Account "${subject.ref.name}"`;
}
/** The flavour fixes are worded in. */
function flavourOf(subject) {
    if (subject.kind === "deployment")
        return subject.deployment.flavour;
    return subject.kind === "rai-policy" ? subject.policy.flavour : subject.account.flavour;
}
/**
 * Whether a deployment that declares nothing is a problem: not for a model without content output
 * (embeddings) or one the CCC's mitigations do not address, and not when its declaration was only
 * narrowed to nothing by what the model produces.
 */
function lacksUseCase(subject) {
    if (subject.useCases.kind !== "known" || subject.useCases.values.length > 0 || subject.useCases.narrowed)
        return false;
    const produces = subject.coverage.produces;
    return subject.coverage.covered !== false && !(Array.isArray(produces) && produces.length === 0);
}
/** A deployment's use-case problem: nothing declared, so no rule can tell which mitigations apply. */
function noUseCase(subject) {
    return (0, types_1.violation)(`Deployment "${subject.ref.name}" declares no use case: no valid ${useCases_1.USE_CASE_TAG} tag on the deployment, its RAI policy or its account, and ccc-organization-config.defaultUseCases is empty. The CCC mitigations depend on the use case, so the deployment cannot be checked.`, `${(0, fixes_1.declareUseCaseFix)(subject.deployment.flavour)} (one or more of ${useCases_1.ALLOWED_USE_CASES_TEXT}).`, problem("use-case", exports.OWNERS.useCase));
}
const DEFAULT_V2 = microsoftPolicies_1.MICROSOFT_POLICY_FACTS.find((f) => f.name === "Microsoft.DefaultV2");
/** The problem a policy resolution is, when the rules cannot check the policy; undefined when they can. */
function policyProblem(subject, resolution, via = "it") {
    const flavour = subject.deployment.flavour;
    const who = via === "it" ? `Deployment "${subject.ref.name}"` : `Deployment "${subject.ref.name}" spills over to ${via}, which`;
    const key = via === "it" ? "policy" : `policy:${via}`;
    switch (resolution.kind) {
        case "resolved":
            return undefined;
        case "undecided":
            return (0, types_1.undecided)(resolution.unknown, resolution.why);
        case "service-assigned":
            return (0, types_1.violation)(`${who} names no RAI policy (${(0, fixes_1.policyProperty)(flavour)} is not set), so the service assigns one; which one has changed over time and is not documented (${(0, sources_1.cite)(microsoftPolicies_1.SERVICE_ASSIGNED_POLICY.source)}), so its filters cannot be shown to meet the CCC.`, `Name a policy in ${(0, fixes_1.policyProperty)(flavour)}: "Microsoft.DefaultV2" with ccc-organization-config.acceptMicrosoftDefaultPolicy: true (judged by ${(0, sources_1.cite)(DEFAULT_V2.source)}), or your own: ${(0, fixes_1.attachPolicyFix)(flavour)}.`, problem(key, exports.OWNERS.explicitPolicy));
        case "microsoft-unaccepted":
            return resolution.documented
                ? (0, types_1.violation)(`${who} names the Microsoft-managed policy "${resolution.name}". Microsoft documents its filters (${(0, sources_1.cite)(DEFAULT_V2.source)}), but relying on that documentation is the organization's decision, and ccc-organization-config.acceptMicrosoftDefaultPolicy is not set.`, `Set ccc-organization-config.acceptMicrosoftDefaultPolicy: true to judge it by that documentation, or ${(0, fixes_1.attachPolicyFix)(flavour)}.`, problem(key, exports.OWNERS.explicitPolicy))
                : (0, types_1.violation)(`${who} names the Microsoft-managed policy "${resolution.name}", whose filters Microsoft does not document, so they cannot be shown to meet the CCC.`, `${(0, fixes_1.attachPolicyFix)(flavour)[0].toUpperCase()}${(0, fixes_1.attachPolicyFix)(flavour).slice(1)}.`, problem(key, exports.OWNERS.explicitPolicy));
        case "unresolved": {
            const near = resolution.nearMisses.length
                ? ` ${resolution.nearMisses.map((m) => `${m.ref.type.split(":").pop()} "${m.ref.name}" has that name, but ${m.why}.`).join(" ")}`
                : "";
            return (0, types_1.violation)(`${who} names RAI policy "${resolution.name}", which cannot be verified: no RAI policy with that name is defined on its account in this stack, and ccc-organization-config.externalRaiPolicies does not list it.${near}`, `Define the policy in this stack and reference it (${(0, fixes_1.policyProperty)(flavour)}: policy.name, which also creates it first), or declare it and its filters in ccc-organization-config.externalRaiPolicies.`, problem(key, exports.OWNERS.verifiablePolicy));
        }
        case "ambiguous":
            return (0, types_1.violation)(`${who} names RAI policy "${resolution.name}", which is ambiguous: ${resolution.candidates.length
                ? `${resolution.candidates.map((c) => `"${c.name}"`).join(", ")} all have that identity (Azure compares names without case)`
                : "several entries of ccc-organization-config.externalRaiPolicies match it"}, so the pack cannot tell which filters apply.`, "Keep one policy per name on an account (names differing only in case are the same policy).", problem(key, exports.OWNERS.verifiablePolicy));
        case "subscription-level":
            return (0, types_1.violation)(`${who} names "${resolution.name}", which this stack defines only as a subscription-level RAI policy (${resolution.policy.name}). Microsoft does not document whether a deployment can run on a subscription-level policy, so its filters cannot be shown to apply.`, `Define the policy on the deployment's account: ${(0, fixes_1.attachPolicyFix)(flavour)}.`, problem(key, exports.OWNERS.verifiablePolicy));
    }
}
/**
 * The content filter policies a rule for `useCase` must check on this subject (its own, and that of the
 * deployment it spills over to), or the outcomes to report instead: none when the use case does not
 * apply; a shared problem when there is no policy to check or no use case; undecided when a value is not
 * known.
 */
function policyTargets(subject, useCase) {
    const none = { targets: [], outcomes: [] };
    if (subject.kind === "rai-policy") {
        const raw = subject.policy.useCases.raw;
        if ((0, model_1.isUnknown)(raw))
            return { targets: [], outcomes: [(0, types_1.undecided)(raw, "the use cases the policy is declared for")] };
        return subject.policy.useCases.values.includes(useCase)
            ? { targets: [{ policy: subject.policy, via: "" }], outcomes: [] }
            : none;
    }
    if (subject.kind !== "deployment")
        return none;
    if ((0, model_1.isUnknown)(subject.coverage.covered)) {
        return { targets: [], outcomes: [(0, types_1.undecided)(subject.coverage.covered, "whether its model is Azure OpenAI")] };
    }
    if (!subject.coverage.covered)
        return none;
    if (subject.useCases.kind === "undecided") {
        return { targets: [], outcomes: [(0, types_1.undecided)(subject.useCases.unknown, subject.useCases.why)] };
    }
    if (lacksUseCase(subject))
        return { targets: [], outcomes: [noUseCase(subject)] };
    if (!subject.useCases.values.includes(useCase))
        return none;
    const targets = [];
    const outcomes = [];
    const own = policyProblem(subject, subject.policy);
    if (own)
        outcomes.push(own);
    else if (subject.policy.kind === "resolved")
        targets.push({ policy: subject.policy.policy, via: "" });
    const spill = subject.spillover;
    if (spill !== undefined) {
        const name = (0, redact_1.quoted)(subject.deployment, "spilloverDeploymentName", spill.name);
        const via = `its spillover deployment ${name}`;
        if (spill.target.kind === "found" && spill.policy !== undefined) {
            const problemOutcome = policyProblem(subject, spill.policy, via);
            if (problemOutcome)
                outcomes.push(problemOutcome);
            else if (spill.policy.kind === "resolved")
                targets.push({ policy: spill.policy.policy, via });
        }
        else if (spill.target.kind === "undecided") {
            outcomes.push((0, types_1.undecided)(spill.target.unknown, `the deployment it spills over to: ${spill.target.why}`));
        }
        else {
            const why = spill.target.kind === "ambiguous"
                ? `several deployments in the stack have that identity (${spill.target.candidates.map((c) => `"${c.name}"`).join(", ")})`
                : "no deployment with that name is on its account in this stack";
            outcomes.push((0, types_1.violation)(`Deployment "${subject.ref.name}" sends overflow requests to ${via}, which cannot be verified: ${why}. Requests served there must meet this deployment's requirements too.`, `Define the spillover deployment on the same account in this stack, with a compliant policy, or remove properties.spilloverDeploymentName.`, problem("spillover", exports.OWNERS.verifiablePolicy)));
        }
    }
    return { targets, outcomes };
}
/**
 * Checks that a target policy holds `spec` in one of the `accepted` modes, and words the violation: what is
 * there (quoting the entry as the user wrote it), what the use case needs, where, and the fix.
 */
function requireFilter(subject, target, spec, accepted, because, 
/** Appended when the filter is there but too weak. */
weakHint = "") {
    const { policy, via } = target;
    const result = (0, filters_1.checkFilter)(policy, spec, accepted);
    const where = via === ""
        ? `${subjectLabel(subject)}; its ${policyLabel(policy)}`
        : `${subjectLabel(subject)}; ${via} runs on ${policyLabel(policy)}, which`;
    const needs = accepted.length === 2 ? "annotate or filter mode" : "filter mode (enabled: true, blocking: true)";
    const flavour = policy.origin.kind === "stack" ? policy.flavour : flavourOf(subject);
    const fix = policy.origin.kind === "microsoft"
        ? `${(0, fixes_1.attachPolicyFix)(flavour)[0].toUpperCase()}${(0, fixes_1.attachPolicyFix)(flavour).slice(1)}, with ${(0, fixes_1.filterEntry)(flavour, spec)}.`
        : `Set ${(0, fixes_1.filterEntry)(flavour, spec)} of ${policyLabel(policy)}.`;
    switch (result.state) {
        case "ok":
            return [];
        case "unknown":
            return [(0, types_1.undecided)(result.unknown, `the ${spec.display} filter of ${policyLabel(policy)}`)];
        case "missing": {
            const wrong = result.wrongSource.length
                ? ` It has ${result.wrongSource.map(redact_1.describeEntry).join(", ")}, but the filter counts only on source "${spec.source}".`
                : "";
            const lookalike = result.lookalikes.length
                ? ` ${result.lookalikes.map(redact_1.describeEntry).join(", ")} is not a spelling Azure uses for a filter name (any case, words separated by one space, "-" or "_"), so it does not count.`
                : "";
            const inherited = typeof policy.basePolicyName === "string"
                ? ` Filters inherited from basePolicyName ${(0, redact_1.quoted)(policy, "basePolicyName", policy.basePolicyName)} cannot be verified, so list it explicitly.`
                : "";
            return [
                (0, types_1.violation)(`${where} has no "${spec.display}" filter on ${spec.source}.${wrong}${lookalike}${inherited} ${because} needs it in ${needs}.`, fix),
            ];
        }
        case "weak":
            return [
                (0, types_1.violation)(`${where} sets ${result.entries.map(redact_1.describeEntry).join(" and ")} to ${(0, redact_1.describeModeOf)(result.entries, result.mode)}. ${because} needs "${spec.display}" on ${spec.source} in ${needs}.${weakHint}`, fix),
            ];
    }
}
/** Two use cases (or targets) that hit the same outcome report it once. */
function dedupeOutcomes(outcomes) {
    const seen = new Set();
    return outcomes.filter((o) => {
        const key = JSON.stringify(o);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
/** The use cases a subject is checked for; undefined while undecided or for accounts. */
function scopeOf(subject) {
    if (subject.kind === "deployment")
        return subject.useCases.kind === "known" ? subject.useCases.values : undefined;
    return subject.kind === "rai-policy" ? subject.policy.useCases.values : undefined;
}
/**
 * `notApplicable` for a rule that checks the policies of subjects serving some use cases: why it had nothing
 * to check (a model the CCC's mitigations do not address, a use case it does not serve).
 */
function useCaseScope(subject, applies, why) {
    if (subject.kind === "deployment" && subject.coverage.covered === false) {
        return "the deployment's model is not Azure OpenAI (see ccc-covered-model)";
    }
    const scope = scopeOf(subject);
    if (scope === undefined || applies(scope))
        return undefined;
    const serves = scope.length === 0 ? "declares no use case" : `serves ${scope.join(", ")}`;
    return `${subject.kind === "deployment" ? "the deployment" : "the policy"} ${serves}; ${why}`;
}
/** The resource a subject is about, for what every kind has (its use-case tag, its shape problems). */
function subjectResource(subject) {
    if (subject.kind === "deployment")
        return subject.deployment;
    return subject.kind === "account" ? subject.account : subject.policy;
}
/** Findings list at most this many items, then say how many more: one finding per problem, of bounded size. */
const LISTED = 10;
function listed(items, separator = ", ") {
    const shown = items.slice(0, LISTED).join(separator);
    return items.length > LISTED ? `${shown}${separator}and ${items.length - LISTED} more` : shown;
}
