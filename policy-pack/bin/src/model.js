"use strict";
// The normalized model that every rule reads. It has no Pulumi imports: adapters fill it in.
Object.defineProperty(exports, "__esModule", { value: true });
exports.USE_CASES = void 0;
exports.unknownAt = unknownAt;
exports.isUnknown = isUnknown;
function unknownAt(path) {
    return { unknown: true, path };
}
function isUnknown(value) {
    return typeof value === "object" && value !== null && value.unknown === true;
}
exports.USE_CASES = ["text-generation", "code-generation", "image-generation", "speech", "other"];
