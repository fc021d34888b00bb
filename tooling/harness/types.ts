/** The provider resource the engine sends with a resource's Analyze/AnalyzeStack request. */
export interface ProviderReference {
  readonly urn: string;
  /** `pulumi:providers:<package>`. */
  readonly type: string;
  readonly name: string;
  /**
   * Its properties in wire form: an explicit provider's inputs as the program gave them; for a default provider,
   * the package's stack config (`azure-native:location` -> `location`) and `version`, as the engine builds it.
   */
  readonly properties: Record<string, unknown>;
}

/** One resource registration as the engine would see it, captured from a program run. */
export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent?: string;
  /** The provider reference of the request (`<provider urn>::<provider id>`); unset for default providers. */
  readonly provider?: string;
  /** The provider package version the SDK sent with the registration (azure-native sets it). */
  readonly version?: string;
  /** The provider the engine would send with this resource (custom resources only). */
  readonly providerResource?: ProviderReference;
  /** Inputs in wire form (unknowns as sentinel strings, secrets as signature objects). */
  readonly inputs: Record<string, unknown>;
  /** Outputs in wire form, in azure-native's response shape. */
  readonly outputs: Record<string, unknown>;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** A package copy the program ran with (see tooling/harness/programDeps.ts for the rule). */
export interface LoadedPackage {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
  readonly from: "program" | "workspace";
  readonly declared?: string;
}

export interface CaptureResult {
  readonly project: string;
  readonly stack: string;
  readonly preview: boolean;
  readonly resources: readonly CapturedResource[];
  /** The copies of @pulumi/pulumi and the provider packages the program loaded. */
  readonly packages?: readonly LoadedPackage[];
  /** Config keys the program saw (values are not kept), and which are secret. */
  readonly config?: {
    readonly file?: string;
    readonly keys: readonly string[];
    readonly secretKeys: readonly string[];
  };
  /** What the program or the stand-in printed on stderr (warnings such as an unknown invoke). */
  readonly warnings?: readonly string[];
}
