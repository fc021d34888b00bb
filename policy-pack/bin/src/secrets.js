"use strict";
// Secret values must never reach a diagnostic. @pulumi/policy unwraps secrets before a policy sees its
// props (deserialize.js: "secrets must be fully unpacked"), so a policy cannot tell them apart. This module
// wraps that deserializer to remember the plaintext of every secret the engine sends in this run, and
// `redactSecrets` removes them from any message, whatever path a value took into it.
Object.defineProperty(exports, "__esModule", { value: true });
exports.SecretRegistry = exports.REDACTED = void 0;
exports.hookPolicyRuntime = hookPolicyRuntime;
/** The wire signature of a secret value (Pulumi's specialSigKey / specialSecretSig). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
exports.REDACTED = "[secret]";
class SecretRegistry {
    constructor() {
        this.values = new Set();
    }
    /** Records the plaintext leaves of every secret in a wire-form value. */
    collect(wire, insideSecret = false) {
        if (typeof wire === "string" || typeof wire === "number" || typeof wire === "boolean") {
            if (insideSecret)
                this.values.add(String(wire));
            return;
        }
        if (typeof wire !== "object" || wire === null)
            return;
        if (Array.isArray(wire)) {
            for (const v of wire)
                this.collect(v, insideSecret);
            return;
        }
        const record = wire;
        const secret = insideSecret || record[SIG_KEY] === SECRET_SIG;
        for (const [k, v] of Object.entries(record))
            if (k !== SIG_KEY)
                this.collect(v, secret);
    }
    /** The message with every known secret value replaced; longest first, so no fragment of one survives. */
    redact(message) {
        let result = message;
        const bySize = [...this.values].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
        for (const value of bySize) {
            // A very short secret ("1", "ab") is only removed where it stands alone, not inside other words.
            const pattern = value.length >= 4 ? escape(value) : `(?<![\\p{L}\\p{N}])${escape(value)}(?![\\p{L}\\p{N}])`;
            result = result.replace(new RegExp(pattern, "gu"), exports.REDACTED);
        }
        return result;
    }
}
exports.SecretRegistry = SecretRegistry;
function escape(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
/**
 * Hooks @pulumi/policy's deserializer (looked up on its module object at each call) so the registry sees
 * every resource's wire properties before they are unwrapped. Returns false if the runtime's shape changed,
 * in which case nothing is hooked and messages are not redacted.
 *
 * The runtime deserializes the same request (and its provider's properties) once per policy (server.js,
 * makeAnalyzeRpcFun). Every policy of this pack only reads props, so the hook deserializes each wire struct
 * once and hands all policies the same result: 18 policies cost one deserialization, not 18.
 */
let activeRegistry;
function hookPolicyRuntime(registry, deserializeModule) {
    activeRegistry = registry;
    const original = deserializeModule.deserializeProperties;
    if (typeof original !== "function")
        return false;
    if (original.cccHooked)
        return true;
    // Per wire struct, its deserialized value per argument list (keepUnknowns differs between Analyze and Remediate).
    const deserialized = new WeakMap();
    const hooked = function (struct, ...rest) {
        if (!struct || typeof struct.toJavaScript !== "function")
            return original.call(this, struct, ...rest);
        let byArgs = deserialized.get(struct);
        if (byArgs === undefined) {
            activeRegistry?.collect(struct.toJavaScript());
            byArgs = new Map();
            deserialized.set(struct, byArgs);
        }
        const key = JSON.stringify(rest);
        if (!byArgs.has(key))
            byArgs.set(key, original.call(this, struct, ...rest));
        return byArgs.get(key);
    };
    hooked.cccHooked = true;
    deserializeModule.deserializeProperties = hooked;
    return true;
}
