"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.violation = violation;
exports.undecidable = undecidable;
function violation(message) {
    return { kind: "violation", message };
}
function undecidable(unknown, why) {
    return { kind: "undecidable", unknown, why };
}
