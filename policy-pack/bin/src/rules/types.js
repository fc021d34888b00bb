"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.violation = violation;
exports.note = note;
exports.undecided = undecided;
function violation(message, fix, problem) {
    return problem ? { kind: "violation", message, fix, problem } : { kind: "violation", message, fix };
}
function note(message) {
    return { kind: "note", message };
}
function undecided(unknown, why) {
    return { kind: "undecided", unknown, why };
}
