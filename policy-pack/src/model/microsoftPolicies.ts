// Policies Microsoft manages, judged by what Microsoft documents about them (rule data).
import { filterKey } from "./filters";
import { ContentFilterPolicy, PolicyResolution } from "./model";
import { MICROSOFT_POLICY_FACTS, MICROSOFT_POLICY_PREFIX, MicrosoftPolicyFact } from "../ruleData/microsoftPolicies";

const NO_SECRETS: ReadonlySet<string> = new Set();

/**
 * What a documented policy holds in place of a stack resource's provider flavour, ARM collection, address,
 * tags and read problems. Only a stack policy's are ever read (flavourOf and the fix texts check the origin,
 * use cases come from stack policies only, the graph looks up and checks stack resources only), so none of
 * these reaches a finding, note or report.
 */
// Stryker disable StringLiteral,BooleanLiteral,ObjectLiteral,ArrayDeclaration: equivalent, nothing reads these fields of a Microsoft-managed policy (see above)
const NOT_A_STACK_RESOURCE = {
  flavour: "azure-native",
  collection: "raiPolicies",
  actionHonoured: false,
  placement: {
    subscription: { kind: "provider", provider: "microsoft" },
    resourceGroup: undefined,
    resourceGroupLink: "",
    parents: [],
  },
  useCases: { raw: undefined, values: [], invalid: [], secret: false },
  problems: [],
} as const;
// Stryker restore StringLiteral,BooleanLiteral,ObjectLiteral,ArrayDeclaration

/** The documented contents of a Microsoft-managed policy as a policy the rules can read. */
export function documentedPolicy(fact: MicrosoftPolicyFact): ContentFilterPolicy {
  return {
    origin: { kind: "microsoft", source: fact.source, checked: fact.checked },
    ...NOT_A_STACK_RESOURCE,
    name: fact.name,
    mode: "Default",
    basePolicyName: undefined,
    filters: fact.contentFilters.map((f, index) => ({
      ...f,
      key: filterKey(f.name),
      action: undefined,
      index,
      listPath: "documented filters",
      // Stryker disable next-line BooleanLiteral: equivalent, a documented filter has no action (above), and filterMode reads this only beside an action
      actionHonoured: false,
      secret: NO_SECRETS,
    })),
    secret: NO_SECRETS,
  };
}

export class MicrosoftPolicies {
  private readonly byName = new Map<string, { fact: MicrosoftPolicyFact; policy: ContentFilterPolicy }>();

  constructor(
    private readonly accepted: boolean,
    facts: readonly MicrosoftPolicyFact[] = MICROSOFT_POLICY_FACTS,
  ) {
    for (const fact of facts) this.byName.set(fact.name.toLowerCase(), { fact, policy: documentedPolicy(fact) });
  }

  /** The resolution of a Microsoft-managed name, or undefined for a name no stack-defined policy can have. */
  resolve(name: string): PolicyResolution | undefined {
    if (!isMicrosoftManagedName(name)) return undefined;
    const known = this.byName.get(name.toLowerCase());
    if (known === undefined) return { kind: "microsoft-unaccepted", name };
    if (known.fact.relianceNeedsAcceptance && !this.accepted) {
      return { kind: "microsoft-unaccepted", name, documented: known.policy };
    }
    return { kind: "resolved", policy: known.policy };
  }
}

/** Whether a policy name is one Microsoft manages (any case): no stack or declaration can define it. */
export function isMicrosoftManagedName(name: string): boolean {
  return name.toLowerCase().startsWith(MICROSOFT_POLICY_PREFIX);
}
