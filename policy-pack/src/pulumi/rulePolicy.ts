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
import { RunState } from "./runState";
import { reportResource, reportStack } from "./stackReport";

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
    validateResource: (args, reportViolation) => reportResource(id, args, reportViolation, state),
    validateStack: (args: StackValidationArgs, reportViolation) => reportStack(id, args, reportViolation, state),
  };
}
