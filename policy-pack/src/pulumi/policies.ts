// The CCC rules as Pulumi policies: the org-config policy first (its settings, asserted to run first), then
// one policy per rule. This module does not construct the PolicyPack (which starts a gRPC server on import).
import type { Policies } from "@pulumi/policy";
import { RULES } from "../rules";
import { Rule } from "../rules/types";
import { orgConfigPolicy } from "./orgConfigPolicy";
import { rulePolicy } from "./rulePolicy";
import { RunState } from "./runState";
import { hookConfigure, hookDeserializer, onConfigure, onConfigureStack } from "./runtime";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeDeserialize = require("@pulumi/policy/deserialize") as Record<string, unknown>;

export interface CccPolicyOptions {
  /** The rules to include (default: all); ids not in the catalogue are an error. */
  readonly rules?: readonly string[];
  /** The clock verdicts are taken at (tests). */
  readonly now?: () => Date;
  /** Base of the rule documentation links in findings. */
  readonly docsBase?: string;
  /** Whether the run is a preview; default: what the engine tells the analyzer process (PULUMI_DRY_RUN). */
  readonly dryRun?: boolean;
  /** The run state to use (tests read it). */
  readonly state?: RunState;
}

/**
 * The pack's policies, to serve standalone or to add to an organization's own pack. They keep their ids,
 * config schemas and default levels. Call before constructing the PolicyPack: it hooks the runtime so the
 * pack learns every policy's configured level from the engine's Configure request.
 */
export function cccPolicies(options: CccPolicyOptions = {}): Policies {
  const rules = selectRules(options.rules);
  const state =
    options.state ?? new RunState({ rules, now: options.now, docsBase: options.docsBase, dryRun: options.dryRun });
  hookDeserializer(runtimeDeserialize);
  const policies = [orgConfigPolicy(state), ...state.rules.map((rule) => rulePolicy(rule, state))];
  if (hookConfigure()) {
    onConfigure((configured) => {
      state.configure(configured);
      skipExceptReporter(policies, state.stackReporter());
    });
    onConfigureStack((stack) => state.configureStack(stack));
  }
  return policies;
}

/**
 * Every policy but the reporter declares, through `__pulumiType` on its validate functions, that it applies to
 * no resource type in the stack: the runtime then skips it (policy.js getPulumiType) instead of building every
 * resource's arguments once per policy; the reporter reports every rule's findings under the rule's own name
 * and configured level (stackReport.ts). Remediation is untouched.
 */
function skipExceptReporter(
  policies: readonly { name: string; validateResource?: unknown; validateStack?: unknown }[],
  reporter: string | undefined,
): void {
  for (const policy of policies) {
    for (const validate of [policy.validateStack] as ({ __pulumiType?: string } | undefined)[]) {
      if (validate === undefined) continue;
      if (reporter === undefined || policy.name === reporter) delete validate.__pulumiType;
      else validate.__pulumiType = `azure-openai-ccc:findings-reported-by:${reporter}`;
    }
  }
}

function selectRules(ids: readonly string[] | undefined): readonly Rule[] {
  if (ids === undefined) return RULES;
  const unknown = ids.filter((id) => !RULES.some((r) => r.meta.id === id));
  if (unknown.length > 0)
    throw new Error(
      `cccPolicies: unknown rule ids ${unknown.join(", ")}; known: ${RULES.map((r) => r.meta.id).join(", ")}`,
    );
  return RULES.filter((r) => ids.includes(r.meta.id));
}
