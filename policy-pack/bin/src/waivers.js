"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.waiverMatches = waiverMatches;
exports.findWaiver = findWaiver;
exports.describeWaiver = describeWaiver;
const glob_1 = require("./glob");
const DAY_MS = 24 * 60 * 60 * 1000;
function waiverMatches(waiver, ruleId, urn, name) {
    if (waiver.policy !== ruleId)
        return false;
    if (waiver.resource.startsWith("urn:"))
        return waiver.resource === urn;
    return (0, glob_1.globMatches)(waiver.resource, name);
}
/** The first waiver for this finding; an expired one is returned too, so it can be reported as expired. */
function findWaiver(waivers, ruleId, urn, name, now) {
    let expiredMatch;
    for (let index = 0; index < waivers.length; index++) {
        const waiver = waivers[index];
        if (!waiverMatches(waiver, ruleId, urn, name))
            continue;
        const expired = now.getTime() >= Date.parse(`${waiver.expires}T00:00:00Z`) + DAY_MS;
        if (!expired)
            return { waiver, index, expired };
        expiredMatch ?? (expiredMatch = { waiver, index, expired });
    }
    return expiredMatch;
}
function describeWaiver(w) {
    return `waiver for ${w.policy} on "${w.resource}", approved by ${w.approvedBy}, expires ${w.expires}: ${w.reason}`;
}
