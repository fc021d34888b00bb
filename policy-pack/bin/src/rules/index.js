"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.GROUP_OF = exports.RULES = exports.RULE_GROUPS = void 0;
// The rule catalogue, derived from the files: one file per rule, named after its id, in a folder per group
// (ccc, integrity, approvals). Adding a rule file adds its Pulumi policy, its docs and its report column.
const fs = __importStar(require("fs"));
const path = __importStar(require("path"));
exports.RULE_GROUPS = ["ccc", "integrity", "approvals"];
const RULE_FILE = /^(ccc-[a-z0-9-]+)\.(?:ts|js)$/;
function load(group) {
    const dir = path.join(__dirname, group);
    return fs
        .readdirSync(dir)
        .filter((f) => RULE_FILE.test(f) && !f.endsWith(".d.ts"))
        .sort()
        .map((file) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const rule = require(path.join(dir, file)).rule;
        const id = RULE_FILE.exec(file)[1];
        if (rule?.meta?.id !== id)
            throw new Error(`rules/${group}/${file} must export \`rule\` with meta.id "${id}"`);
        return rule;
    });
}
/** Every rule, by group, then by id. */
exports.RULES = exports.RULE_GROUPS.flatMap(load);
/** The group a rule is filed under, for docs. */
exports.GROUP_OF = new Map(exports.RULE_GROUPS.flatMap((g) => load(g).map((r) => [r.meta.id, g])));
