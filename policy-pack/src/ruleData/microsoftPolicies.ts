// What Microsoft documents about the content filter policies it manages. Rules judge a deployment that names
// one of these against its documented contents, exactly like a policy in the stack.
import { SOURCES, Source } from "./sources";

export interface DocumentedFilter {
  readonly name: string;
  readonly source: "Prompt" | "Completion";
  readonly enabled: boolean;
  readonly blocking: boolean;
}

export interface MicrosoftPolicyFact {
  readonly name: string;
  readonly quote: string;
  readonly source: Source;
  /** When the pack's maintainers last checked the source. */
  readonly checked: string;
  /**
   * A verdict that passes a deployment on documentation alone needs the organization's opt-in
   * (ccc-organization-config.acceptMicrosoftDefaultPolicy): documentation can change while the policy stays in use.
   */
  readonly relianceNeedsAcceptance: boolean;
  /** Documented filters relevant to the CCC; a filter not listed is one the documentation does not turn on. */
  readonly contentFilters: readonly DocumentedFilter[];
  /** How the documented wording maps to the filters, where it is inferred rather than stated. */
  readonly inference?: string;
}

export const MICROSOFT_POLICY_FACTS: readonly MicrosoftPolicyFact[] = [
  {
    name: "Microsoft.DefaultV2",
    quote:
      'DefaultV2 "delivers the latest safety and security mitigations for the GPT model series (text), including: Prompt Shields for jailbreak attacks on user prompts (filter), Protected material detection for text (filter) on model completions, Protected material detection for code (annotate) on model completions"',
    source: SOURCES.whatsNewDefaultV2,
    checked: "2026-11-25",
    relianceNeedsAcceptance: true,
    contentFilters: [
      { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
      { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
      { name: "Protected Material Code", source: "Completion", enabled: true, blocking: false },
    ],
  },
  {
    name: "Microsoft.Default",
    quote:
      '"Jailbreak risk detection and protected text and code models are optional and off by default." (the default policy before DefaultV2 was introduced in July 2024)',
    source: SOURCES.contentFilterConcept2023,
    checked: "2026-11-25",
    relianceNeedsAcceptance: false,
    contentFilters: [
      { name: "Jailbreak", source: "Prompt", enabled: false, blocking: false },
      { name: "Protected Material Text", source: "Completion", enabled: false, blocking: false },
      { name: "Protected Material Code", source: "Completion", enabled: false, blocking: false },
    ],
    inference:
      "Microsoft's page does not name Microsoft.Default; the wording describes the default policy that DefaultV2 replaced for new resources.",
  },
];

/** Prefix of the names of policies Microsoft manages; no stack can define one. */
export const MICROSOFT_POLICY_PREFIX = "microsoft.";

/**
 * A deployment that names no policy: the service assigns one, and which one has changed over time with no
 * page saying which (Terraform azurerm issue 32061, 2026-03: "rai_policy default is no longer the default").
 */
export const SERVICE_ASSIGNED_POLICY = {
  source: SOURCES.terraformRaiPolicyDefault,
  checked: "2026-11-25",
} as const;
