import { FilterSpec } from "../model/filters";
import { MicrosoftPolicies } from "../model/microsoftPolicies";
import { Subject, SubjectKind, Unknown, UseCase } from "../model/model";
import { Clause } from "../ruleData/clauses";
import { OrgSettings } from "../config/orgSettings";
import { ConfigSchema } from "../config/schema";

export type Severity = "low" | "medium" | "high" | "critical";
export type EnforcementDefault = "mandatory" | "advisory";
/** How rules are grouped on disk and in the docs. */
export type RuleGroup = "ccc" | "integrity" | "approvals";

/** The single source of truth for a rule: the pack, the README table and docs/rules.md are built from it. */
export interface RuleMetadata {
  /** Stable id; also the Pulumi policy name users configure, and the file name. */
  readonly id: string;
  /** Position within its group: docs, reports, and which rule reports a problem several rules meet. */
  readonly order: number;
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly defaultEnforcement: EnforcementDefault;
  /** The CCC clauses (or organization approvals) enforced. */
  readonly clauses: readonly Clause[];
  /** What to change, in general terms; each finding also carries a fix for the provider in use. */
  readonly remediation: string;
  readonly appliesTo: readonly SubjectKind[];
  /**
   * The minimal compliant program docs/rules.md shows for this rule: a directory of docs/snippets/ (TypeScript,
   * Python, Go, C#, Pulumi YAML, and the pack config it needs). Several rules share one. test/docs.test.ts
   * requires it of every rule of the pack; test/snippets.test.ts compiles and previews each snippet.
   */
  readonly snippet?: string;
}

/**
 * A problem several rules meet on one resource (no policy to check, no use case, a value that is not
 * known): the pipeline reports it once, under the highest-level rule that met it, preferring `owner`.
 */
export interface SharedProblem {
  readonly key: string;
  readonly owner: string;
}

/**
 * A rule's verdict on one subject: a violation with its fix; a note (reported at advisory level whatever
 * the rule's level, e.g. something allowed by an approval); or "cannot decide" with the property and why.
 */
export type Outcome =
  | {
      readonly kind: "violation";
      readonly message: string;
      readonly fix: string;
      readonly problem?: SharedProblem;
      /**
       * This finding already reports every malformed or ambiguous property of the subject: a rule that cannot
       * decide because of one of them (at no higher level) is reported through it, once.
       */
      readonly coversOwnMalformedValues?: true;
    }
  | { readonly kind: "note"; readonly message: string }
  | { readonly kind: "undecided"; readonly unknown: Unknown; readonly why: string };

export interface RuleContext {
  readonly settings: OrgSettings;
  readonly microsoft: MicrosoftPolicies;
  readonly now: Date;
  /** The rule's own config (schema in `configSchema`), already validated, defaults applied. */
  readonly config: Readonly<Record<string, unknown>>;
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
  readonly configSchema?: ConfigSchema;
  readonly remediation?: RemediationSpec;
  check(subject: Subject, context: RuleContext): readonly Outcome[];
  /**
   * Why the rule had nothing to check on a subject it reported nothing for, so a report can tell "not
   * applicable" from "passed". Consulted only after `check` found nothing, so it can never hide a finding.
   */
  notApplicable?(subject: Subject, context: RuleContext): string | undefined;
}

export function violation(message: string, fix: string, problem?: SharedProblem): Outcome {
  return problem ? { kind: "violation", message, fix, problem } : { kind: "violation", message, fix };
}

export function note(message: string): Outcome {
  return { kind: "note", message };
}

export function undecided(unknown: Unknown, why: string): Outcome {
  return { kind: "undecided", unknown, why };
}
