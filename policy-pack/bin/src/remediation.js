"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireFilterInFilterMode = requireFilterInFilterMode;
// Remediation of a RAI policy before it is created: add or strengthen one required filter to filter mode.
// It never weakens a filter and never touches unrelated filters; other properties keep their values
// (and so their secretness).
const filters_1 = require("./model/filters");
const isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
/** Where the filter list lives and what its flags are called, per provider. */
const SHAPES = {
    "azure-native": { path: ["properties", "contentFilters"], enabled: "enabled", blocking: "blocking" },
    classic: { path: ["contentFilters"], enabled: "filterEnabled", blocking: "blockEnabled" },
};
/**
 * Returns new props with `spec` in filter mode on its source, or undefined when nothing can or needs to
 * change (the list is not a plain list, e.g. unknown in preview).
 */
function requireFilterInFilterMode(props, spec, flavour) {
    if (!isRecord(props))
        return undefined;
    const shape = SHAPES[flavour];
    const parent = shape.path.length === 2 ? props[shape.path[0]] : props;
    if (parent !== undefined && !isRecord(parent))
        return undefined;
    const list = parent?.[shape.path[shape.path.length - 1]];
    if (list !== undefined && !Array.isArray(list))
        return undefined;
    const filters = [...(list ?? [])];
    let matched = false;
    let changed = false;
    for (const [i, f] of filters.entries()) {
        if (!isRecord(f) || typeof f.name !== "string" || (0, filters_1.filterKey)(f.name) !== spec.key)
            continue;
        if (typeof f.source !== "string" || f.source.toLowerCase() !== spec.source.toLowerCase())
            continue;
        matched = true;
        const strengthened = { ...f, [shape.enabled]: true, [shape.blocking]: true };
        if (f.action !== undefined)
            strengthened.action = "BLOCKING";
        if (JSON.stringify(strengthened) !== JSON.stringify(f)) {
            filters[i] = strengthened;
            changed = true;
        }
    }
    if (!matched) {
        const added = {
            name: spec.display,
            source: spec.source,
            [shape.enabled]: true,
            [shape.blocking]: true,
        };
        // azurerm requires a severityThreshold on every filter; it has no effect on these models.
        if (flavour === "classic")
            added.severityThreshold = "High";
        filters.push(added);
        changed = true;
    }
    if (!changed)
        return undefined;
    const last = shape.path[shape.path.length - 1];
    if (shape.path.length === 1)
        return { ...props, [last]: filters };
    return { ...props, [shape.path[0]]: { ...(parent ?? {}), [last]: filters } };
}
