"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validateRuleConfig = validateRuleConfig;
/**
 * Checks a rule's own config against the small subset of JSON schema the rules use (integer, boolean,
 * string, minimum, pattern). The CLI validates config files too; this guards other callers. A bad key falls back to its
 * default and yields one message naming it.
 */
function validateRuleConfig(ruleId, schema, config) {
    const values = {};
    const errors = [];
    const properties = schema?.properties ?? {};
    const given = config;
    for (const key of Object.keys(given)) {
        if (!Object.prototype.hasOwnProperty.call(properties, key)) {
            const allowed = Object.keys(properties);
            errors.push(`${ruleId}: unknown config key "${key}"; ${allowed.length ? `allowed keys are ${allowed.join(", ")}` : "this rule takes no config"}.`);
        }
    }
    for (const [key, spec] of Object.entries(properties)) {
        const value = given[key];
        if (value === undefined) {
            values[key] = spec.default;
            continue;
        }
        const problem = checkValue(value, spec);
        if (problem) {
            const fallback = spec.default === undefined ? "ignoring it" : `using the default ${JSON.stringify(spec.default)}`;
            errors.push(`${ruleId}.${key}: ${problem}; ${fallback}.`);
            values[key] = spec.default;
        }
        else {
            values[key] = value;
        }
    }
    return { values, errors };
}
function checkValue(value, spec) {
    const got = `got ${JSON.stringify(value)}`;
    if (spec.type === "integer" && !(typeof value === "number" && Number.isInteger(value)))
        return `must be an integer, ${got}`;
    if (spec.type === "boolean" && typeof value !== "boolean")
        return `must be true or false, ${got}`;
    if (spec.type === "string" && typeof value !== "string")
        return `must be a string, ${got}`;
    if (spec.type === "array") {
        if (!Array.isArray(value))
            return `must be a list, ${got}`;
        const items = (spec.items ?? {});
        const bad = value.find((v) => checkValue(v, items) !== undefined);
        if (bad !== undefined)
            return `has ${JSON.stringify(bad)}: each item ${checkValue(bad, items).replace(/, got .*$/, "")}`;
    }
    if (spec.type === "object") {
        if (typeof value !== "object" || value === null || Array.isArray(value))
            return `must be a map, ${got}`;
        const values = (spec.additionalProperties ?? {});
        for (const [k, v] of Object.entries(value)) {
            const problem = checkValue(v, values);
            if (problem)
                return `entry "${k}" ${problem}`;
        }
    }
    if (Array.isArray(spec.enum) && !spec.enum.includes(value))
        return `must be one of ${spec.enum.join(", ")}, ${got}`;
    if (typeof spec.pattern === "string" && typeof value === "string" && !new RegExp(spec.pattern).test(value)) {
        return `must match ${spec.pattern}, ${got}`;
    }
    if (typeof spec.minimum === "number" && typeof value === "number" && value < spec.minimum) {
        return `must be at least ${spec.minimum}, ${got}`;
    }
    return undefined;
}
