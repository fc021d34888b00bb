// `ccc-organization-config`: carries the settings every rule shares (its config schema), reports invalid
// config once, and at the end of a run reports waivers that matched nothing. It runs first in every request
// (the runtime calls policies in array order); it asserts that, since without a Configure record the rules
// read the settings it recorded.
import type {
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { ORG_CONFIG_POLICY, ORG_SETTINGS_SCHEMA } from "../config/orgSettings";
import { describeWaiver } from "../judgement/waivers";
import { reportText } from "./report";
import { dependencies } from "./rulePolicy";
import { RunState } from "./runState";

export function orgConfigPolicy(state: RunState): ResourceValidationPolicy & StackValidationPolicy {
  const errors = (reportViolation: ReportViolation, urn?: string) => {
    const list = state.configErrorsOnce(ORG_CONFIG_POLICY);
    if (list.length > 0) {
      reportText(reportViolation, `Invalid pack config (the safe default is used instead): ${list.join("; ")}.`, urn);
    }
  };
  return {
    name: ORG_CONFIG_POLICY,
    description: "Organization-wide CCC settings shared by every rule; reports invalid settings and stale waivers.",
    enforcementLevel: "mandatory",
    configSchema: ORG_SETTINGS_SCHEMA as unknown as PolicyConfigSchema,
    validateResource: (args, reportViolation) => {
      if (state.rulesRanFor(args.urn) > 0) {
        reportText(
          reportViolation,
          `Pack error: ${ORG_CONFIG_POLICY} ran after the rules for this resource, so they may have used stale settings. Report this to the pack's maintainers.`,
          args.urn,
        );
      }
      state.ownConfig(ORG_CONFIG_POLICY, args.getConfig());
      state.judgeResource(args);
      errors(reportViolation, args.urn);
    },
    validateStack: (args, reportViolation) => {
      state.ownConfig(ORG_CONFIG_POLICY, args.getConfig());
      errors(reportViolation);
      // The stack's verdicts decide which waivers matched; the rules report them after this policy.
      state.judgeStack(args.resources, dependencies);
      for (const waiver of state.staleWaivers()) {
        reportText(
          reportViolation,
          `The ${describeWaiver(waiver)} matches nothing in this stack; remove it if it is stale.`,
          undefined,
          true,
        );
      }
    },
  };
}
