/** One resource registration as the engine would see it, captured from a program run. */
export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent?: string;
  readonly provider?: string;
  /** Inputs in wire form (unknowns as sentinel strings, secrets as signature objects). */
  readonly inputs: Record<string, unknown>;
  /** Outputs in wire form, in azure-native's response shape. */
  readonly outputs: Record<string, unknown>;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

export interface CaptureResult {
  readonly project: string;
  readonly stack: string;
  readonly preview: boolean;
  readonly resources: readonly CapturedResource[];
}
