"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ORG_SETTINGS_SCHEMA = exports.DEFAULT_SETTINGS = void 0;
exports.parseOrgSettings = parseOrgSettings;
const model_1 = require("./model");
exports.DEFAULT_SETTINGS = {
    defaultUseCases: [],
    licenceComplianceDeclared: false,
    externalRaiPolicies: [],
    acceptMicrosoftDefaultPolicy: false,
    waivers: [],
};
const filterSchema = {
    type: "object",
    additionalProperties: false,
    required: ["name"],
    properties: {
        name: { type: "string", minLength: 1 },
        source: { type: "string" },
        enabled: { type: "boolean" },
        blocking: { type: "boolean" },
        action: { type: "string" },
    },
};
/** JSON schema of the `ccc-organization-config` policy config; the CLI validates config files against it. */
exports.ORG_SETTINGS_SCHEMA = {
    properties: {
        defaultUseCases: {
            type: "array",
            items: { type: "string", enum: [...model_1.USE_CASES] },
            default: [],
            description: "Use cases assumed for deployments that declare none. Empty: an undeclared use case is a violation.",
        },
        licenceComplianceDeclared: {
            type: "boolean",
            default: false,
            description: "The organization complies with licences cited in Protected Material Code annotations (CCC code-generation clause).",
        },
        externalRaiPolicies: {
            type: "array",
            default: [],
            description: "RAI policies managed outside the stack, with the content filters the organization vouches for.",
            items: {
                type: "object",
                additionalProperties: false,
                required: ["name", "contentFilters"],
                properties: {
                    name: { type: "string", minLength: 1 },
                    accountName: { type: "string" },
                    mode: { type: "string" },
                    contentFilters: { type: "array", items: filterSchema },
                },
            },
        },
        acceptMicrosoftDefaultPolicy: {
            type: "boolean",
            default: false,
            description: "Accept deployments on Microsoft-managed default policies. Has effect only for policies with a sourced fact in the rule data (none today).",
        },
        waivers: {
            type: "array",
            default: [],
            description: "Exemptions: {policy, resource (URN or name pattern with *), reason, approvedBy, expires (YYYY-MM-DD)}. A waived violation is reported as advisory; an expired waiver stops applying.",
            items: {
                type: "object",
                additionalProperties: false,
                required: ["policy", "resource", "reason", "approvedBy", "expires"],
                properties: {
                    policy: { type: "string", minLength: 1 },
                    resource: { type: "string", minLength: 1 },
                    reason: { type: "string", minLength: 1 },
                    approvedBy: { type: "string", minLength: 1 },
                    expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
                },
            },
        },
    },
};
const isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
/** Validates config the same way the schema does, so a harness or an old CLI cannot slip bad config through. */
function parseOrgSettings(raw, knownPolicies = []) {
    const errors = [];
    if (raw === undefined || raw === null)
        return { settings: exports.DEFAULT_SETTINGS, errors };
    if (!isRecord(raw)) {
        return { settings: exports.DEFAULT_SETTINGS, errors: ["ccc-organization-config: config must be an object"] };
    }
    const known = Object.keys(exports.ORG_SETTINGS_SCHEMA.properties);
    for (const key of Object.keys(raw)) {
        if (key !== "enforcementLevel" && !known.includes(key)) {
            errors.push(`ccc-organization-config: unknown key "${key}"; allowed keys are ${known.join(", ")}`);
        }
    }
    const bool = (key) => {
        const v = raw[key];
        if (v === undefined)
            return exports.DEFAULT_SETTINGS[key];
        if (typeof v === "boolean")
            return v;
        errors.push(`ccc-organization-config.${key}: must be true or false, got ${describe(v)}`);
        return exports.DEFAULT_SETTINGS[key];
    };
    return {
        settings: {
            defaultUseCases: parseDefaultUseCases(raw.defaultUseCases, errors),
            licenceComplianceDeclared: bool("licenceComplianceDeclared"),
            externalRaiPolicies: parseExternalPolicies(raw.externalRaiPolicies, errors),
            acceptMicrosoftDefaultPolicy: bool("acceptMicrosoftDefaultPolicy"),
            waivers: parseWaivers(raw.waivers, knownPolicies, errors),
        },
        errors,
    };
}
function parseDefaultUseCases(v, errors) {
    if (v === undefined)
        return [];
    const key = "ccc-organization-config.defaultUseCases";
    if (!Array.isArray(v)) {
        errors.push(`${key}: must be a list of use cases (${model_1.USE_CASES.join(", ")}), got ${describe(v)}`);
        return [];
    }
    const bad = v.filter((u) => typeof u !== "string" || !model_1.USE_CASES.includes(u));
    if (bad.length > 0) {
        errors.push(`${key}: ${bad.map(describe).join(", ")} not allowed; use ${model_1.USE_CASES.join(", ")}`);
        return [];
    }
    return [...new Set(v)];
}
function parseExternalPolicies(v, errors) {
    if (v === undefined)
        return [];
    const key = "ccc-organization-config.externalRaiPolicies";
    if (!Array.isArray(v)) {
        errors.push(`${key}: must be a list of {name, contentFilters}, got ${describe(v)}`);
        return [];
    }
    const result = [];
    v.forEach((entry, i) => {
        const at = `${key}[${i}]`;
        if (!isRecord(entry) || typeof entry.name !== "string" || entry.name === "") {
            errors.push(`${at}: needs a non-empty "name"`);
            return;
        }
        if (!Array.isArray(entry.contentFilters)) {
            errors.push(`${at} ("${entry.name}"): needs "contentFilters", a list of {name, source, enabled, blocking}`);
            return;
        }
        const stringOrAbsent = (field) => entry[field] === undefined || typeof entry[field] === "string";
        if (!stringOrAbsent("accountName") || !stringOrAbsent("mode")) {
            errors.push(`${at} ("${entry.name}"): "accountName" and "mode" must be strings`);
            return;
        }
        const filters = entry.contentFilters.filter((f) => isRecord(f) && typeof f.name === "string" && f.name !== "");
        if (filters.length !== entry.contentFilters.length) {
            errors.push(`${at} ("${entry.name}"): every content filter needs a non-empty "name"`);
            return;
        }
        result.push({
            name: entry.name,
            accountName: entry.accountName,
            mode: entry.mode,
            contentFilters: filters,
        });
    });
    return result;
}
function parseWaivers(v, knownPolicies, errors) {
    if (v === undefined)
        return [];
    const key = "ccc-organization-config.waivers";
    if (!Array.isArray(v)) {
        errors.push(`${key}: must be a list of {policy, resource, reason, approvedBy, expires}, got ${describe(v)}`);
        return [];
    }
    const fields = ["policy", "resource", "reason", "approvedBy", "expires"];
    const result = [];
    v.forEach((entry, i) => {
        const at = `${key}[${i}]`;
        if (!isRecord(entry)) {
            errors.push(`${at}: must be an object`);
            return;
        }
        const missing = fields.filter((f) => typeof entry[f] !== "string" || entry[f].trim() === "");
        if (missing.length > 0) {
            errors.push(`${at}: needs non-empty ${missing.join(", ")}; the waiver is ignored`);
            return;
        }
        const waiver = entry;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(waiver.expires) || Number.isNaN(Date.parse(waiver.expires))) {
            errors.push(`${at}.expires: must be a date YYYY-MM-DD, got ${describe(waiver.expires)}; the waiver is ignored`);
            return;
        }
        if (knownPolicies.length > 0 && !knownPolicies.includes(waiver.policy)) {
            errors.push(`${at}.policy: "${waiver.policy}" is not a rule of this pack; the waiver is ignored`);
            return;
        }
        result.push(waiver);
    });
    return result;
}
function describe(v) {
    if (v === null)
        return "null";
    if (Array.isArray(v))
        return "a list";
    if (typeof v === "string")
        return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
    return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}
