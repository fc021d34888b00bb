// Enforcement level `remediate`: before a RAI policy is created, put the rule's filter in filter mode for
// the use cases the policy serves. Anything that cannot be read safely is left for the rule to report.
import type { ResourceValidationArgs } from "@pulumi/policy";
import { Secret } from "@pulumi/policy";
import { classify, readResource } from "../adapters";
import { checkFilter } from "../model/filters";
import { requireFilterInFilterMode } from "../remediation";
import { RemediationSpec } from "../rules/types";
import { Taint } from "../wire";
import { RunState, providerOf } from "./runState";
import { rawProps } from "./runtime";

export function remediate(
  spec: RemediationSpec,
  args: ResourceValidationArgs,
  state: RunState,
): Record<string, unknown> | undefined {
  const kind = classify(args.type);
  if (kind?.kind !== "rai-policy" || kind.flavour === "foundry-hub") return undefined;
  // Remediate hands the props with their secrets as `Secret` values (behind a proxy that unwraps them on
  // read; a previous remediation's result holds them bare). Edit plain values, then mark the same places
  // secret again: a remediation must never turn a secret into plaintext in the engine's state.
  const { value: props, taint, make } = unwrapPolicySecrets(rawProps(rawProps(args.props)));
  const node = readResource({ urn: args.urn, name: args.name, type: args.type }, props, {
    taint,
    provider: providerOf(args.provider),
  });
  if (node?.kind !== "rai-policy") return undefined;
  const useCases = state.policyUseCases(node.value);
  if (!spec.useCases.some((u) => useCases.includes(u))) return undefined;
  const accepted: ("filter" | "annotate")[] = spec.acceptsAnnotate?.(state.settings)
    ? ["filter", "annotate"]
    : ["filter"];
  const current = checkFilter(node.value, spec.filter, accepted).state;
  if (current !== "weak" && current !== "missing") return undefined;
  const result = requireFilterInFilterMode(props, spec.filter, kind.flavour === "classic" ? "classic" : "azure-native");
  return result === undefined ? undefined : (rewrapSecrets(result, taint, make) as Record<string, unknown>);
}

type MakeSecret = (value: unknown) => unknown;

/** A `Secret` of whichever copy of @pulumi/policy made the props (a composing pack may bring its own). */
function isPolicySecret(v: unknown): v is { value: unknown; constructor: new (value: unknown) => unknown } {
  return (
    v instanceof Secret || (typeof v === "object" && v !== null && v.constructor?.name === "Secret" && "value" in v)
  );
}

/** Plain props, where their `Secret` values were, and how to make a secret the way the runtime serializes it. */
export function unwrapPolicySecrets(v: unknown): { value: unknown; taint?: Taint; make: MakeSecret } {
  let make: MakeSecret = (value) => new Secret(value);
  const walk = (x: unknown): { value: unknown; taint?: Taint } => {
    if (isPolicySecret(x)) {
      const Made = x.constructor;
      make = (value) => new Made(value);
      return { value: walk(x.value).value, taint: true };
    }
    if (typeof x !== "object" || x === null) return { value: x };
    const entries: [string, unknown][] = Array.isArray(x) ? x.map((e, i) => [String(i), e]) : Object.entries(x);
    const taint = new Map<string, Taint>();
    const values = entries.map(([k, e]) => {
      const inner = walk(e);
      if (inner.taint !== undefined) taint.set(k, inner.taint);
      return [k, inner.value] as const;
    });
    const value = Array.isArray(x) ? values.map(([, e]) => e) : Object.fromEntries(values);
    return taint.size > 0 ? { value, taint } : { value };
  };
  const { value, taint } = walk(v);
  return { value, taint, make };
}

/** Marks the values at the tainted paths secret again. */
export function rewrapSecrets(v: unknown, taint: Taint | undefined, make: MakeSecret): unknown {
  if (taint === undefined) return v;
  if (taint === true) return make(v);
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map((e, i) => rewrapSecrets(e, taint.get(String(i)), make));
  return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, rewrapSecrets(e, taint.get(k), make)]));
}
