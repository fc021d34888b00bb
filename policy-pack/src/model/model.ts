// The normalized model that every rule reads. It has no Pulumi imports: adapters fill it in.
import type { Source } from "../ruleData/sources";
import { ResourceRef, Unknown, Value } from "./values";

export * from "./values";

export const USE_CASES = ["text-generation", "code-generation", "image-generation", "speech", "other"] as const;
export type UseCase = (typeof USE_CASES)[number];

/** The provider and resource family a resource was written with: fixes name that API. */
export type Flavour = "azure-native" | "classic" | "foundry-hub";

/**
 * Which subscription a resource is in: a known id (from an ARM id or the provider's `subscriptionId`), or
 * only "the subscription of provider instance X" when the provider does not say. A provider instance
 * targets one subscription, so the same instance means the same subscription.
 */
export type SubscriptionRef =
  | {
      readonly kind: "id";
      readonly id: string;
      readonly provider?: string;
      /**
       * The input holding the ARM id the subscription was read from, when that id names another resource (a
       * classic `cognitiveAccountId`): it need not be the provider's subscription, which the resource's own id
       * or the provider's `subscriptionId` always is.
       */
      readonly referencedBy?: string;
    }
  | {
      readonly kind: "provider";
      readonly provider: string;
      /** The provider's `subscriptionId`, set but not known yet (a preview): it may equal another instance's. */
      readonly pending?: Unknown;
    }
  | Unknown;

/** One parent segment of an ARM path below the resource group (`accounts/oai`), and the input naming it. */
export interface ParentName {
  readonly collection: string;
  readonly name: Value<string>;
  /** Top-level input property that holds the name: where propertyDependencies point. */
  readonly link: string;
  /** The output of the linked resource the value is, in a program written as usual: `name`, or `id` (classic ids). */
  readonly linkOutput?: "name" | "id";
}

/** Where a resource lives, the way Azure identifies it. */
export interface Placement {
  readonly subscription: SubscriptionRef;
  /** undefined for subscription-scope resources. */
  readonly resourceGroup: Value<string>;
  readonly resourceGroupLink: string;
  /** The linked resource's output the resource group is read from (`id` for a classic account id). */
  readonly resourceGroupLinkOutput?: "name" | "id";
  /** Parent segments below the resource group, outermost first (`accounts/oai`; `workspaces/w, endpoints/e`). */
  readonly parents: readonly ParentName[];
}

/** Collections that hold deployments and policies: an account, or an AI Foundry hub workspace. */
const CONTAINERS = new Set(["accounts", "workspaces"]);

/** The account or hub workspace segment of a placement; undefined for subscription-scope resources. */
export function containerOf(placement: Placement): ParentName | undefined {
  return placement.parents.find((p) => CONTAINERS.has(p.collection));
}

/** A name as Azure compares it (case-insensitive); undefined when it is not a known string. */
export function lowerCased(name: Value<string> | undefined): string | undefined {
  return typeof name === "string" ? name.toLowerCase() : undefined;
}

/** The input property that names the account or workspace (accountName, cognitiveAccountId, workspaceName). */
export function accountLink(placement: Placement): string {
  return containerOf(placement)?.link ?? "accountName";
}

/** How messages name what holds deployments, by its ARM collection: `account "oai"`, `workspace "hub"` (AI Foundry hub). */
export function containerNoun(collection: string): "account" | "workspace" {
  return collection === "workspaces" ? "workspace" : "account";
}

/** The property that names a deployment's content filter policy. */
export function policyProperty(flavour: Flavour): string {
  return flavour === "classic" ? "raiPolicyName" : "properties.raiPolicyName";
}

/** Model fields whose value arrived as a secret: messages show `[secret]` for them, never the value. */
export interface Tainted {
  readonly secret: ReadonlySet<string>;
}

/** The `ccc-use-case` tag of one resource. `raw` undefined means the tag is absent. */
export interface UseCaseTag {
  readonly raw: Value<string>;
  readonly values: readonly UseCase[];
  readonly invalid: readonly string[];
  readonly secret: boolean;
}

/** The mode a single content filter entry is in (see filters.ts for the mapping). */
export type FilterMode = "filter" | "annotate" | "off" | "unspecified" | "contradictory";

export interface ContentFilter extends Tainted {
  /** The name as the user wrote it, for messages. */
  readonly name: string;
  /** The known filter this name spells (its catalogue key), or undefined for an unrecognised name. */
  readonly key: string | undefined;
  readonly source: Value<string>;
  readonly enabled: Value<boolean>;
  readonly blocking: Value<boolean>;
  readonly action: Value<string>;
  /** Position in the provider's filter list, for messages. */
  readonly index: number;
  /** How the list is written for this provider (`properties.contentFilters`, `contentFilter`). */
  readonly listPath: string;
  /** Whether the API version in use has the preview `action` field; otherwise `action` cannot make it block. */
  readonly actionHonoured: boolean;
}

/** Where a content filter policy comes from: the stack, pack config, or Microsoft's documentation. */
export type PolicyOrigin =
  | { readonly kind: "stack"; readonly ref: ResourceRef }
  | { readonly kind: "external" }
  | { readonly kind: "microsoft"; readonly source: Source; readonly checked: string };

export interface ContentFilterPolicy extends Tainted {
  readonly origin: PolicyOrigin;
  /** The ARM collection it is named in: `raiPolicies` under a parent, `raiPolicy` at subscription scope. */
  readonly collection: "raiPolicies" | "raiPolicy";
  /** Whether the API version the provider uses has the preview `action` field (else `action` cannot make a filter block). */
  readonly actionHonoured: boolean;
  readonly flavour: Flavour;
  readonly name: Value<string>;
  readonly placement: Placement;
  readonly mode: Value<string>;
  readonly basePolicyName: Value<string>;
  readonly filters: readonly ContentFilter[] | Unknown;
  readonly useCases: UseCaseTag;
  /** Shape problems found while reading the resource (wrong types and the like). */
  readonly problems: readonly string[];
}

/** Pointers to the universal-mitigation evidence (metaprompt, evaluation report). */
export interface Evidence extends Tainted {
  readonly metaprompt: Value<string>;
  readonly metapromptDate: Value<string>;
  readonly evaluationReport: Value<string>;
  readonly evaluationReportDate: Value<string>;
}

export interface Account extends Tainted {
  readonly ref: ResourceRef;
  readonly flavour: Flavour;
  /** The ARM collection it is named in: `accounts` (Cognitive Services) or `workspaces` (AI Foundry hub). */
  readonly collection: "accounts" | "workspaces";
  readonly name: Value<string>;
  readonly placement: Placement;
  readonly kind: Value<string>;
  readonly location: Value<string>;
  readonly useCases: UseCaseTag;
  readonly evidence: Evidence;
  readonly problems: readonly string[];
}

export interface Deployment extends Tainted {
  readonly ref: ResourceRef;
  readonly flavour: Flavour;
  readonly name: Value<string>;
  readonly placement: Placement;
  /** undefined: the deployment names no policy and runs on a policy the service assigns. */
  readonly raiPolicyName: Value<string>;
  readonly modelName: Value<string>;
  readonly modelFormat: Value<string>;
  readonly modelVersion: Value<string>;
  /** `sku.capacity`, in the model's capacity units (not tokens per minute). */
  readonly capacity: Value<number>;
  /** The property capacity is read from in the program's shape (`sku.capacity`, `scale.capacity`, ...), for fixes. */
  readonly capacityProperty: string;
  readonly skuName: Value<string>;
  /** Where requests beyond capacity go (`properties.spilloverDeploymentName`). */
  readonly spilloverDeploymentName: Value<string>;
  readonly useCases: UseCaseTag;
  readonly evidence: Evidence;
  readonly problems: readonly string[];
  /** Top-level input property that holds the policy name: where propertyDependencies point. */
  readonly policyLink: string;
}

/** What a lookup in the stack found. */
export type Lookup<T> =
  | { readonly kind: "found"; readonly node: T }
  /** Nothing matches. `nearMisses` name what almost matched and why it does not count. */
  | { readonly kind: "none"; readonly nearMisses: readonly NearMiss[] }
  | { readonly kind: "ambiguous"; readonly candidates: readonly ResourceRef[] }
  | { readonly kind: "undecided"; readonly unknown: Unknown; readonly why: string };

export interface NearMiss {
  readonly ref: ResourceRef;
  readonly why: string;
  /** Under another provider instance whose subscription cannot be shown to be the same (or different). */
  readonly otherProvider?: true;
  /** Registered after the resource that looks it up: Azure has it (and its definition) once it is created. */
  readonly registeredLater?: true;
  /** Not registered in the run (a read): it exists in Azure, but the resource level never saw it. */
  readonly notInRun?: true;
  /** A near miss registered later, or read, that certainly has the identity looked up (not another resource). */
  readonly sameIdentity?: true;
}

/** Which content filter policy a deployment actually runs on. */
export type PolicyResolution =
  | { readonly kind: "resolved"; readonly policy: ContentFilterPolicy }
  /** No raiPolicyName: the service assigns a policy that Microsoft does not document. */
  | { readonly kind: "service-assigned" }
  /** A Microsoft-managed policy that the organization has not accepted relying on (or with no documented contents). */
  | { readonly kind: "microsoft-unaccepted"; readonly name: string; readonly documented?: ContentFilterPolicy }
  | {
      readonly kind: "unresolved";
      readonly name: string;
      readonly nearMisses: readonly NearMiss[];
      /** An externalRaiPolicies entry matches, but a near miss may be that very policy, as the stack defines it. */
      readonly listedExternally?: true;
    }
  /** Found only as a subscription-scope policy: whether a deployment can use one is not documented. */
  | { readonly kind: "subscription-level"; readonly name: string; readonly policy: ResourceRef }
  | { readonly kind: "ambiguous"; readonly name: string; readonly candidates: readonly ResourceRef[] }
  | { readonly kind: "undecided"; readonly unknown: Unknown; readonly why: string };

/** The use cases that apply to a subject, and where they were declared. */
export type EffectiveUseCases =
  | {
      readonly kind: "known";
      readonly values: readonly UseCase[];
      readonly declaredOn: readonly string[];
      /** Declared use cases the model cannot produce, dropped, with the reason. */
      readonly narrowed?: { readonly dropped: readonly UseCase[]; readonly why: string };
      /** The declaration could not be taken as it stands (see `why`); the model's own capabilities apply. */
      readonly overridden?: string;
      /** Whether a secret declared them: messages then do not list them. */
      readonly secret: boolean;
    }
  | { readonly kind: "undecided"; readonly unknown: Unknown; readonly why: string };

/** What the CCC covers for a deployment's model (rule data: the model table). */
export interface ModelCoverage {
  /** False for models that are not Azure OpenAI (`model.format` other than OpenAI): no CCC coverage. */
  readonly covered: boolean | Unknown;
  /** The use cases this model can produce output for; all of them when the model is not in the table. */
  readonly produces: readonly UseCase[] | Unknown;
  /** The table row that matched, for messages; undefined for an unknown model and a secret name. */
  readonly row?: { readonly pattern: string; readonly kind: string; readonly source: string };
  /** Set when a table row matched a secret model name: messages do not name the row. */
  readonly secretName?: true;
}

/** A deployment that receives another's overflow, and the policy it runs on. */
export interface SpilloverTarget {
  readonly name: Value<string>;
  readonly target: Lookup<Deployment>;
  readonly policy?: PolicyResolution;
}

export interface DeploymentSubject {
  readonly kind: "deployment";
  readonly ref: ResourceRef;
  readonly deployment: Deployment;
  readonly account: Lookup<Account> | undefined;
  readonly policy: PolicyResolution;
  readonly useCases: EffectiveUseCases;
  readonly coverage: ModelCoverage;
  readonly spillover?: SpilloverTarget;
  /** Other deployments in the stack with the same Azure identity. */
  readonly duplicates: readonly ResourceRef[];
  /** Set when another deployment may have the same identity (a part not known yet, or another provider's subscription not shown): why. */
  readonly possibleDuplicate?: Unknown;
  /** Deployments on the same account registered up to this one, in order; Unknown if the account is. */
  readonly accountDeployments: () => readonly Deployment[] | Unknown;
  /** Deployments on accounts in the same region registered up to this one; Unknown if the region is. */
  readonly regionDeployments: () => readonly Deployment[] | Unknown;
  /** Whether a deployment in its region sits on an account whose location is secret: messages do not name it. */
  readonly regionLocationSecret: () => boolean;
}

export interface PolicySubject {
  readonly kind: "rai-policy";
  readonly ref: ResourceRef;
  readonly policy: ContentFilterPolicy;
  /** Other policies in the stack with the same Azure identity. */
  readonly duplicates: readonly ResourceRef[];
}

export interface AccountSubject {
  readonly kind: "account";
  readonly ref: ResourceRef;
  readonly account: Account;
  readonly duplicates: readonly ResourceRef[];
}

/** What a rule is evaluated on: one deployment, one RAI policy (against its own tag) or one account. */
export type Subject = DeploymentSubject | PolicySubject | AccountSubject;
export type SubjectKind = Subject["kind"];
