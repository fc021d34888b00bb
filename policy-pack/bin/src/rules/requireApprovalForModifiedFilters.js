"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireApprovalForModifiedFilters = void 0;
const filters_1 = require("../filters");
const model_1 = require("../model");
const ruleData_1 = require("../ruleData");
const types_1 = require("./types");
const HARM_KEYS = new Set(ruleData_1.HARM_CATEGORY_FILTERS.map(filters_1.filterKey));
exports.requireApprovalForModifiedFilters = {
    meta: {
        id: "ccc-modified-content-filters",
        name: "Approval for modified content filters",
        description: "A content filter policy that turns off, or sets to annotate only, Hate, Sexual, Violence or Selfharm needs the organization's approval for modified content filters.",
        severity: "high",
        defaultEnforcement: "mandatory",
        cccClause: "Organization approval (not a CCC clause): modified content filters and abuse-monitoring opt-out need an approval; without it Azure rejects such a policy at apply time.",
        remediation: "Keep Hate, Sexual, Violence and Selfharm enabled and blocking, or record the approval in this rule's modifiedFiltersApproved.",
        docsAnchor: "ccc-modified-content-filters",
        appliesTo: ["rai-policy"],
    },
    configSchema: {
        properties: {
            modifiedFiltersApproved: {
                type: "boolean",
                default: false,
                description: "The organization holds the approval for modified content filters; such policies are then reported as advisory notes.",
            },
        },
    },
    check(subject, { config }) {
        if (subject.kind !== "rai-policy")
            return [];
        const filters = subject.policy.filters;
        if ((0, model_1.isUnknown)(filters))
            return [(0, types_1.undecidable)(filters, "the policy's content filters are not known yet")];
        const outcomes = [];
        for (const f of filters) {
            if (!HARM_KEYS.has(f.key))
                continue;
            const mode = (0, filters_1.filterMode)(f);
            if ((0, model_1.isUnknown)(mode)) {
                outcomes.push((0, types_1.undecidable)(mode, `the mode of ${(0, filters_1.describeEntry)(f)} is not known yet`));
                continue;
            }
            if (mode === "filter")
                continue;
            const what = `RAI policy "${subject.ref.name}" sets ${(0, filters_1.describeEntry)(f)} to ${(0, filters_1.describeMode)(mode)}`;
            outcomes.push(config.modifiedFiltersApproved === true
                ? (0, types_1.note)(`${what}; allowed by the organization's approval for modified content filters.`)
                : (0, types_1.violation)(`${what}. That is a modified content filter, which needs Microsoft's approval; Azure rejects it at apply time without one.`));
        }
        return outcomes;
    },
};
