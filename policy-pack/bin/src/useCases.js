"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ALLOWED_USE_CASES_TEXT = exports.USE_CASE_TAG = void 0;
exports.parseUseCaseTag = parseUseCaseTag;
exports.declares = declares;
const model_1 = require("./model");
/** The tag that declares a resource's use cases (issue contract: comma-separated, case and spaces ignored). */
exports.USE_CASE_TAG = "ccc-use-case";
function parseUseCaseTag(raw) {
    if (raw === undefined || (0, model_1.isUnknown)(raw))
        return { raw, values: [], invalid: [] };
    const values = [];
    const invalid = [];
    for (const part of raw.split(",")) {
        const item = part.replace(/\s/g, "").toLowerCase();
        if (item === "")
            continue;
        if (model_1.USE_CASES.includes(item)) {
            if (!values.includes(item))
                values.push(item);
        }
        else {
            invalid.push(part.trim());
        }
    }
    return { raw, values, invalid };
}
/** A tag that is present but lists no valid value still counts as not declaring anything. */
function declares(tag) {
    return tag.values.length > 0;
}
exports.ALLOWED_USE_CASES_TEXT = model_1.USE_CASES.join(", ");
