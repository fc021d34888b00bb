// The normalized model that every rule reads. It has no Pulumi imports: adapters fill it in.

/** A value that Pulumi has not computed yet (a preview unknown), with the property path it came from. */
export interface Unknown {
  readonly unknown: true;
  readonly path: string;
}

/** A property as read from a resource: known, absent (undefined) or not yet known. */
export type Value<T> = T | Unknown | undefined;

export function unknownAt(path: string): Unknown {
  return { unknown: true, path };
}

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === "object" && value !== null && (value as Unknown).unknown === true;
}

export const USE_CASES = ["text-generation", "code-generation", "image-generation", "speech", "other"] as const;
export type UseCase = (typeof USE_CASES)[number];

/** The `ccc-use-case` tag of one resource. `raw` undefined means the tag is absent. */
export interface UseCaseTag {
  readonly raw: Value<string>;
  readonly values: readonly UseCase[];
  readonly invalid: readonly string[];
}

export interface ResourceRef {
  readonly urn: string;
  /** The Pulumi logical name. */
  readonly name: string;
  readonly type: string;
}

/** The mode a single content filter entry is in (see filters.ts for the mapping). */
export type FilterMode = "filter" | "annotate" | "off" | "unspecified" | "contradictory";

export interface ContentFilter {
  /** The name as the user wrote it, for messages. */
  readonly name: string;
  /** Lower case, without spaces, `-` and `_`: the key filters are compared by. */
  readonly key: string;
  readonly source: Value<string>;
  readonly enabled: Value<boolean>;
  readonly blocking: Value<boolean>;
  readonly action: Value<string>;
  /** Position in `contentFilters`, for messages. */
  readonly index: number;
}

export interface ContentFilterPolicy {
  /** The stack resource, or undefined for a policy declared in pack config (externally managed). */
  readonly ref?: ResourceRef;
  readonly name: Value<string>;
  readonly accountName: Value<string>;
  readonly resourceGroupName: Value<string>;
  readonly mode: Value<string>;
  readonly basePolicyName: Value<string>;
  readonly filters: readonly ContentFilter[] | Unknown;
  readonly useCases: UseCaseTag;
  /** Shape problems found while reading the resource (wrong types and the like). */
  readonly problems: readonly string[];
  /** Top-level input property that names the account: where propertyDependencies point. */
  readonly accountLink: string;
}

/** Pointers to the universal-mitigation evidence (metaprompt, evaluation report). */
export interface Evidence {
  readonly metaprompt: Value<string>;
  readonly metapromptDate: Value<string>;
  readonly evaluationReport: Value<string>;
  readonly evaluationReportDate: Value<string>;
}

export interface Account {
  readonly ref: ResourceRef;
  readonly name: Value<string>;
  readonly resourceGroupName: Value<string>;
  readonly kind: Value<string>;
  readonly location: Value<string>;
  readonly useCases: UseCaseTag;
  readonly evidence: Evidence;
  readonly problems: readonly string[];
}

export interface Deployment {
  readonly ref: ResourceRef;
  readonly name: Value<string>;
  readonly accountName: Value<string>;
  readonly resourceGroupName: Value<string>;
  /** undefined: the deployment names no policy and runs on the service default. */
  readonly raiPolicyName: Value<string>;
  readonly modelName: Value<string>;
  readonly modelFormat: Value<string>;
  /** `sku.capacity`, in the model's capacity units (not tokens per minute). */
  readonly capacity: Value<number>;
  readonly useCases: UseCaseTag;
  readonly evidence: Evidence;
  readonly problems: readonly string[];
  /** Top-level input properties that name the account and the policy: where propertyDependencies point. */
  readonly links: { readonly account: string; readonly policy: string };
}

/** Which content filter policy a deployment actually runs on. */
export type PolicyResolution =
  | { readonly kind: "resolved"; readonly policy: ContentFilterPolicy }
  | { readonly kind: "service-default" }
  | { readonly kind: "microsoft-managed"; readonly name: string }
  | { readonly kind: "unresolved"; readonly name: string }
  | { readonly kind: "undecidable"; readonly unknown: Unknown; readonly why: string };

/** The use cases that apply to a subject, and where they were declared. */
export type EffectiveUseCases =
  | {
      readonly kind: "known";
      readonly values: readonly UseCase[];
      readonly declaredOn: readonly string[];
    }
  | { readonly kind: "undecidable"; readonly unknown: Unknown; readonly why: string };

/** What a rule is evaluated on: one deployment, one RAI policy (against its own tag) or one account. */
export type Subject =
  | {
      readonly kind: "deployment";
      readonly ref: ResourceRef;
      readonly deployment: Deployment;
      readonly account?: Account;
      readonly policy: PolicyResolution;
      readonly useCases: EffectiveUseCases;
      /**
       * Deployments on the same account seen so far in the run, this one included; Unknown if the account is.
       * A function, so only the rules that need it pay for the list.
       */
      readonly accountDeployments: () => readonly Deployment[] | Unknown;
      /** Deployments in the stack on accounts in the same Azure region; Unknown if the region is. */
      readonly regionDeployments: () => readonly Deployment[] | Unknown;
    }
  | {
      readonly kind: "rai-policy";
      readonly ref: ResourceRef;
      readonly policy: ContentFilterPolicy;
    }
  | {
      readonly kind: "account";
      readonly ref: ResourceRef;
      readonly account: Account;
    };
