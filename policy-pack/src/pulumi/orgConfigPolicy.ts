// `ccc-organization-config`: carries the settings every rule shares (its config schema), reports invalid
// config once, and at the end of a run reports waivers that matched nothing. It runs first in every request
// (the runtime calls policies in array order); it asserts that, since without a Configure record the rules
// read the settings it recorded. Being first, it is also the policy that reports for all (stackReport.ts).
import type { PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ORG_CONFIG_POLICY, ORG_SETTINGS_SCHEMA } from "../config/orgSettings";
import { reportText } from "./report";
import { RunState } from "./runState";
import { ORG_CONFIG_DESCRIPTION, reportResource, reportStack } from "./stackReport";

export function orgConfigPolicy(state: RunState): ResourceValidationPolicy & StackValidationPolicy {
  return {
    name: ORG_CONFIG_POLICY,
    description: ORG_CONFIG_DESCRIPTION,
    enforcementLevel: "mandatory",
    configSchema: ORG_SETTINGS_SCHEMA as unknown as PolicyConfigSchema,
    validateResource: (args, reportViolation) => {
      if (state.rulesRanFor(args.urn)) {
        reportText(
          reportViolation,
          `Pack error: ${ORG_CONFIG_POLICY} ran after the rules for this resource, so they may have used stale settings. Report this to the pack's maintainers.`,
          args.urn,
        );
      }
      reportResource(ORG_CONFIG_POLICY, args, reportViolation, state);
    },
    validateStack: (args, reportViolation) => reportStack(ORG_CONFIG_POLICY, args, reportViolation, state),
  };
}
