// Policies Microsoft manages, judged by what Microsoft documents about them (rule data).
import { filterKey } from "./filters";
import { ContentFilterPolicy, PolicyResolution } from "./model";
import { MICROSOFT_POLICY_FACTS, MICROSOFT_POLICY_PREFIX, MicrosoftPolicyFact } from "../ruleData/microsoftPolicies";

const NO_SECRETS: ReadonlySet<string> = new Set();

/** The documented contents of a Microsoft-managed policy as a policy the rules can read. */
export function documentedPolicy(fact: MicrosoftPolicyFact): ContentFilterPolicy {
  return {
    origin: { kind: "microsoft", source: fact.source, checked: fact.checked },
    flavour: "azure-native",
    collection: "raiPolicies",
    actionHonoured: false,
    name: fact.name,
    placement: {
      subscription: { kind: "provider", provider: "microsoft" },
      resourceGroup: undefined,
      resourceGroupLink: "",
      parents: [],
    },
    mode: "Default",
    basePolicyName: undefined,
    filters: fact.contentFilters.map((f, index) => ({
      ...f,
      key: filterKey(f.name),
      action: undefined,
      index,
      listPath: "documented filters",
      actionHonoured: false,
      secret: NO_SECRETS,
    })),
    useCases: { raw: undefined, values: [], invalid: [], secret: false },
    problems: [],
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
    if (!name.toLowerCase().startsWith(MICROSOFT_POLICY_PREFIX)) return undefined;
    const known = this.byName.get(name.toLowerCase());
    if (known === undefined) return { kind: "microsoft-unaccepted", name };
    if (known.fact.relianceNeedsAcceptance && !this.accepted) {
      return { kind: "microsoft-unaccepted", name, documented: known.policy };
    }
    return { kind: "resolved", policy: known.policy };
  }

  fact(name: string): MicrosoftPolicyFact | undefined {
    return this.byName.get(name.toLowerCase())?.fact;
  }
}
