"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.globMatches = globMatches;
/** Whether `name` matches `pattern`, where `*` matches any run of characters and nothing else is special. */
function globMatches(pattern, name, options = {}) {
    const body = pattern
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*");
    return new RegExp(`^${body}$`, options.ignoreCase ? "i" : "").test(name);
}
