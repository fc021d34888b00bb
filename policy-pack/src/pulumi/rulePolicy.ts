// One Pulumi policy per rule. It decides at resource level (before the step, so a violation blocks the
// resource's creation), and re-checks at stack level what a preview could not decide, under its own id and
// at its configured level.
import type {
  PolicyConfigSchema,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { Rule } from "../rules/types";
import { remediate } from "./remediate";
import { report, reportText } from "./report";
import { RunState } from "./runState";

export type RulePolicy = ResourceValidationPolicy & StackValidationPolicy;

export function rulePolicy(rule: Rule, state: RunState): RulePolicy {
  const id = rule.meta.id;
  const spec = rule.remediation;
  return {
    name: id,
    description: rule.meta.name,
    enforcementLevel: rule.meta.defaultEnforcement,
    severity: rule.meta.severity,
    configSchema: (rule.configSchema ?? { properties: {} }) as PolicyConfigSchema,
    ...(spec ? { remediateResource: (args: ResourceValidationArgs) => remediate(spec, args, state) } : {}),
    validateResource: (args, reportViolation) => {
      state.ownConfig(id, args.getConfig());
      for (const error of state.configErrorsOnce(id))
        reportText(reportViolation, `Invalid pack config (the default is used instead): ${error}.`, args.urn);
      for (const f of state.resourceFindings(args, id)) report(reportViolation, f);
    },
    validateStack: (args: StackValidationArgs, reportViolation) => {
      state.ownConfig(id, args.getConfig());
      for (const error of state.configErrorsOnce(id))
        reportText(reportViolation, `Invalid pack config (the default is used instead): ${error}.`);
      for (const f of state.stackFindings(args.resources, dependencies, id)) report(reportViolation, f);
    },
  };
}

/** propertyDependencies as URNs (the runtime hands resource objects). */
export function dependencies(r: StackValidationArgs["resources"][number]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) result[key] = deps.map((d) => d.urn);
  return result;
}
