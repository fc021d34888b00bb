"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FILTERS = void 0;
exports.filterKey = filterKey;
exports.isAsynchronousMode = isAsynchronousMode;
exports.filterMode = filterMode;
exports.checkFilter = checkFilter;
exports.describeEntry = describeEntry;
exports.describeMode = describeMode;
const model_1 = require("./model");
/**
 * Filter names are free strings in the ARM schema, and community samples send lower case ("jailbreak"),
 * so names are compared after lower-casing and dropping spaces, `-` and `_` (shared doc §2).
 */
function filterKey(name) {
    return name.toLowerCase().replace(/[\s\-_]/g, "");
}
exports.FILTERS = {
    jailbreak: { key: filterKey("Jailbreak"), display: "Jailbreak", source: "Prompt" },
    protectedMaterialText: {
        key: filterKey("Protected Material Text"),
        display: "Protected Material Text",
        source: "Completion",
    },
    protectedMaterialCode: {
        key: filterKey("Protected Material Code"),
        display: "Protected Material Code",
        source: "Completion",
    },
};
/** The policy modes that filter asynchronously: `Asynchronous_filter` replaced `Deferred` in 2025-06-01. */
function isAsynchronousMode(mode) {
    const normalized = filterKey(mode);
    return normalized === "asynchronousfilter" || normalized === "deferred";
}
/**
 * The mode of one filter entry. Inferred, not stated by Microsoft: filter mode is enabled+blocking,
 * annotate is enabled without blocking ("If blocking would occur"), Terraform's filter_enabled/block_enabled,
 * and the preview `action` field where BLOCKING means filter and ANNOTATING means annotate (shared doc §2).
 * Anything not spelled out is "unspecified": it cannot be shown to block.
 */
function filterMode(filter) {
    for (const v of [filter.enabled, filter.blocking, filter.action]) {
        if ((0, model_1.isUnknown)(v))
            return v;
    }
    const enabled = filter.enabled;
    const blocking = filter.blocking;
    const action = filter.action === undefined ? undefined : filter.action.toUpperCase();
    let fromFlags = "unspecified";
    if (enabled === false)
        fromFlags = blocking === true ? "contradictory" : "off";
    else if (enabled === true && blocking !== undefined)
        fromFlags = blocking ? "filter" : "annotate";
    if (action === undefined)
        return fromFlags;
    const fromAction = ACTION_MODES[action] ?? "unspecified";
    // Partial flags (enabled only, or neither) leave the mode to the action.
    if (fromFlags === "unspecified")
        return fromAction;
    return fromFlags === fromAction ? fromFlags : "contradictory";
}
/** HITL and RETRY are not shown to block protected output, so they count as unspecified. */
const ACTION_MODES = { BLOCKING: "filter", ANNOTATING: "annotate", NONE: "off" };
/**
 * Finds the entries for `spec` on its required source. Copies that disagree make the filter
 * "contradictory", so a filter listed twice never passes on its stronger copy.
 */
function checkFilter(policy, spec, accepted) {
    if ((0, model_1.isUnknown)(policy.filters))
        return { state: "unknown", unknown: policy.filters };
    const entries = [];
    const wrongSource = [];
    for (const f of policy.filters) {
        if (f.key !== spec.key)
            continue;
        if ((0, model_1.isUnknown)(f.source))
            return { state: "unknown", unknown: f.source };
        if (typeof f.source === "string" && f.source.toLowerCase() === spec.source.toLowerCase())
            entries.push(f);
        else
            wrongSource.push(f);
    }
    if (entries.length === 0)
        return { state: "missing", wrongSource };
    const modes = new Set();
    for (const f of entries) {
        const mode = filterMode(f);
        if ((0, model_1.isUnknown)(mode))
            return { state: "unknown", unknown: mode };
        modes.add(mode);
    }
    const mode = modes.size === 1 ? [...modes][0] : "contradictory";
    const isAccepted = (m) => accepted.includes(m);
    return isAccepted(mode) ? { state: "ok", mode, entries } : { state: "weak", mode, entries };
}
/** `contentFilters[2] ("jailbreak", Prompt)`: how messages point at an entry as the user wrote it. */
function describeEntry(f) {
    const source = typeof f.source === "string" ? `, ${f.source}` : "";
    return `contentFilters[${f.index}] ("${f.name}"${source})`;
}
const MODE_WORDS = {
    filter: "filter mode (enabled, blocking)",
    annotate: "annotate mode (enabled: true, blocking: false)",
    off: "off (enabled: false)",
    unspecified: "a mode that cannot be shown to block (enabled/blocking not both set, or an unrecognised action)",
    contradictory: "a contradictory state (its enabled, blocking and action fields disagree, or it is listed twice)",
};
function describeMode(mode) {
    return MODE_WORDS[mode];
}
