"use strict";
// Dated, sourced facts that rules depend on. Kept as data so a change of Microsoft's terms is a data change.
Object.defineProperty(exports, "__esModule", { value: true });
exports.MICROSOFT_POLICY_PREFIX = exports.DEFAULT_POLICY_FACTS = exports.IMPLEMENTATION_GRACE_MONTHS = exports.EFFECTIVE = exports.CCC_SOURCE = void 0;
/** Microsoft, "Customer Copyright Commitment Required Mitigations" (../shared/seeds/ccc-required-mitigations.ja.md). */
exports.CCC_SOURCE = "Microsoft Learn: Customer Copyright Commitment Required Mitigations";
exports.EFFECTIVE = {
    /** Universal mitigations and the per-use-case content filter mitigations. */
    contentFilters: "2023-12-01",
    /** Coverage of output flagged afterwards by the asynchronous filter. */
    asynchronousFilter: "2024-05-21",
};
/** Customers get six months after a new mitigation is published to implement it (shared doc §1). */
exports.IMPLEMENTATION_GRACE_MONTHS = 6;
exports.DEFAULT_POLICY_FACTS = [];
/** Prefix of the policies Microsoft manages; their contents cannot be read from a stack. */
exports.MICROSOFT_POLICY_PREFIX = "microsoft.";
