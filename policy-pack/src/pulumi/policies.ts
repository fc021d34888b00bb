// The CCC rules as Pulumi policies: the org-config policy first (its settings, asserted to run first), then
// one policy per rule. This module does not construct the PolicyPack (which starts a gRPC server on import).
import type { Policies } from "@pulumi/policy";
import * as path from "path";
import { RULES } from "../rules";
import { Rule } from "../rules/types";
import { orgConfigPolicy } from "./orgConfigPolicy";
import { rulePolicy } from "./rulePolicy";
import { RunState } from "./runState";
import {
  hookConfigure,
  hookDeserializer,
  onAnalyzeStack,
  onConfigure,
  onConfigureStack,
  onServed,
  policyRuntimes,
} from "./runtime";

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
  const runtimes = policyRuntimes();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  for (const dir of runtimes) hookDeserializer(require(path.join(dir, "deserialize")) as Record<string, unknown>);
  const policies = [orgConfigPolicy(state), ...state.rules.map((rule) => rulePolicy(rule, state))];
  if (runtimes.map((dir) => hookConfigure(dir)).some(Boolean)) {
    hookedStates.push(state);
    state.sharePeers(hookedStates);
    onServed((served) => {
      state.serve(new Set(served), hookedStates.length > 1);
      skipExceptReporter(policies, state.stackReporter());
    });
    onConfigure((configured) => {
      state.configure(configured);
      skipExceptReporter(policies, state.stackReporter());
    });
    onConfigureStack((stack) => state.configureStack(stack));
    onAnalyzeStack((resources) => {
      let work = true;
      try {
        work = resources === undefined || state.stackHasWork(resources);
      } finally {
        skipExceptReporter(policies, state.stackReporter(), work);
      }
    });
  }
  return policies;
}

/**
 * Every policy but the reporter steps aside, so the runtime does not build every resource's arguments once per
 * policy; the reporter reports every rule's findings under the rule's own name and configured level
 * (stackReport.ts). At resource level the others hold no validation (see below); at stack level their validate
 * functions declare, through `__pulumiType`, a type no stack has (policy.js getPulumiType). Remediation is
 * untouched. `stackWork` false (an AnalyzeStack with nothing left to judge or report, see
 * RunState.stackHasWork): the reporting policies step aside at stack level too, so the runtime does not build
 * the stack's arguments for nothing. They swap their own validateStack for one that declares no stack's type,
 * so a copy a composing pack made of them (which holds the function itself) still runs: a renamed copy is
 * still told apart when it is called.
 */
function skipExceptReporter(policies: readonly Policy[], reporter: string | undefined, stackWork = true): void {
  for (const policy of policies) {
    const own = ownValidation.get(policy) ?? { resource: policy.validateResource, stack: policy.validateStack };
    ownValidation.set(policy, own);
    const reports = reporter === undefined || policy.name === reporter;
    // Without validations (nor a remediation) a policy is no resource policy, which the runtime passes over
    // at once (policy.js isResourcePolicy); a remediating one keeps an empty list, which it runs without a word.
    policy.validateResource = reports ? own.resource : policy.remediateResource === undefined ? undefined : [];
    const stack = own.stack as { __pulumiType?: string } | undefined;
    if (stack === undefined) continue;
    if (reports) delete stack.__pulumiType;
    else stack.__pulumiType = `azure-openai-ccc:findings-reported-by:${reporter}`;
    policy.validateStack = reports && !stackWork ? NOTHING_LEFT : own.stack;
  }
}

/** A stack validation for no stack's type: the runtime calls the policy not applicable and builds nothing. */
const NOTHING_LEFT = Object.assign(() => undefined, {
  __pulumiType: "azure-openai-ccc:nothing-left-for-the-stack-level",
});

type Policy = { name: string; validateResource?: unknown; validateStack?: unknown; remediateResource?: unknown };
/**
 * The run states of the cccPolicies() calls that hooked the runtime in this process. They share waiver matches
 * (one org config serves them all); with more than one, policy names do not say whose.
 */
const hookedStates: RunState[] = [];
/** Each policy's own validations, while another policy reports for it or nothing is left for the stack level. */
const ownValidation = new WeakMap<Policy, { readonly resource: unknown; readonly stack: unknown }>();

function selectRules(ids: readonly string[] | undefined): readonly Rule[] {
  if (ids === undefined) return RULES;
  const unknown = ids.filter((id) => !RULES.some((r) => r.meta.id === id));
  if (unknown.length > 0)
    throw new Error(
      `cccPolicies: unknown rule ids ${unknown.join(", ")}; known: ${RULES.map((r) => r.meta.id).join(", ")}`,
    );
  return RULES.filter((r) => ids.includes(r.meta.id));
}
