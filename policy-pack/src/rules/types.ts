import { FilterSpec } from "../filters";
import { Subject, Unknown, UseCase } from "../model";
import { OrgSettings } from "../settings";

export type Severity = "low" | "medium" | "high" | "critical";
export type EnforcementDefault = "mandatory" | "advisory";

/** The single source of truth for a rule: the pack, the README table and docs/rules.md are built from it. */
export interface RuleMetadata {
  /** Stable id; also the Pulumi policy name users configure. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly defaultEnforcement: EnforcementDefault;
  /** The CCC requirement enforced, as Microsoft's page words it (shared doc §1). */
  readonly cccClause: string;
  /** When the CCC requirement took effect (ISO date), or undefined for pack-internal checks. */
  readonly effectiveDate?: string;
  readonly remediation: string;
  /** Anchor in docs/rules.md. */
  readonly docsAnchor: string;
  readonly appliesTo: readonly Subject["kind"][];
}

/**
 * A rule's verdict on one subject: a violation; a note (reported at advisory level whatever the rule's
 * level, e.g. something allowed by an approval); or "cannot decide yet" with the unknown property.
 */
export type Outcome =
  | { readonly kind: "violation"; readonly message: string }
  | { readonly kind: "note"; readonly message: string }
  | { readonly kind: "undecidable"; readonly unknown: Unknown; readonly why: string };

export interface RuleContext {
  readonly settings: OrgSettings;
  readonly now: Date;
  /** The rule's own config (schema in `configSchema`), already validated. */
  readonly config: Readonly<Record<string, unknown>>;
}

export interface RuleConfigSchema {
  readonly properties: Record<string, Record<string, unknown>>;
}

/** What enforcement level `remediate` fixes on a RAI policy serving one of `useCases`. */
export interface RemediationSpec {
  readonly filter: FilterSpec;
  readonly useCases: readonly UseCase[];
  /** Annotate mode already satisfies the rule under these settings, so it is left alone. */
  readonly acceptsAnnotate?: (settings: OrgSettings) => boolean;
}

export interface Rule {
  readonly meta: RuleMetadata;
  readonly configSchema?: RuleConfigSchema;
  readonly remediation?: RemediationSpec;
  check(subject: Subject, context: RuleContext): Outcome[];
  /**
   * Why the rule had nothing to check on a subject it reported nothing for, so a report can tell "not
   * applicable" from "passed". Consulted only after `check` found nothing, so it can never hide a finding.
   */
  notApplicable?(subject: Subject, context: RuleContext): string | undefined;
}

export function violation(message: string): Outcome {
  return { kind: "violation", message };
}

export function note(message: string): Outcome {
  return { kind: "note", message };
}

export function undecidable(unknown: Unknown, why: string): Outcome {
  return { kind: "undecidable", unknown, why };
}
