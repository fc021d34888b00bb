"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.violation = violation;
exports.note = note;
exports.undecidable = undecidable;
function violation(message) {
    return { kind: "violation", message };
}
function note(message) {
    return { kind: "note", message };
}
function undecidable(unknown, why) {
    return { kind: "undecidable", unknown, why };
}
