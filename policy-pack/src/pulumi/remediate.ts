// Enforcement level `remediate`: before a RAI policy is created, put the rule's filter in filter mode for
// the use cases the policy serves. Anything that cannot be read safely is left for the rule to report.
import type { ResourceValidationArgs } from "@pulumi/policy";
import { classify, readResource } from "../adapters";
import { checkFilter } from "../model/filters";
import { requireFilterInFilterMode } from "../remediation";
import { RemediationSpec } from "../rules/types";
import { RunState, providerOf } from "./runState";
import { rawProps, taintOf } from "./runtime";

export function remediate(
  spec: RemediationSpec,
  args: ResourceValidationArgs,
  state: RunState,
): Record<string, unknown> | undefined {
  const kind = classify(args.type);
  if (kind?.kind !== "rai-policy" || kind.flavour === "foundry-hub") return undefined;
  const props = rawProps(args.props);
  const node = readResource({ urn: args.urn, name: args.name, type: args.type }, props, {
    taint: taintOf(args.props),
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
  return requireFilterInFilterMode(props, spec.filter, kind.flavour === "classic" ? "classic" : "azure-native");
}
