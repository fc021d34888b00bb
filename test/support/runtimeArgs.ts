// Builds policy arguments the way @pulumi/policy's runtime does for Analyze: props wrapped in the
// unknown-checking proxy, getConfig, notApplicable and stackTags.
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import * as path from "path";

const packModules = path.join(__dirname, "..", "..", "policy-pack", "node_modules");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require(path.join(packModules, "@pulumi/policy/proxy")) as {
  unknownCheckingProxy<T extends object>(o: T): T;
  UnknownValueError: new (...args: never[]) => Error;
  unknownStringValue: string;
  unknownArrayValue: string;
  unknownBooleanValue: string;
  unknownObjectValue: string;
};

export const UNKNOWN = {
  string: proxy.unknownStringValue,
  array: proxy.unknownArrayValue,
  boolean: proxy.unknownBooleanValue,
  object: proxy.unknownObjectValue,
};

export class NotApplicable extends Error {}

export const unknownCheckingProxy = <T extends object>(o: T): T => proxy.unknownCheckingProxy(o);

export function resourceArgs(
  type: string,
  name: string,
  props: Record<string, unknown>,
  config: object = {},
): ResourceValidationArgs {
  return {
    type,
    name,
    urn: `urn:pulumi:dev::test::${type}::${name}`,
    props: proxy.unknownCheckingProxy(props),
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
}

export interface Reported {
  /** A string, or the object a policy passes to report at its own enforcement level. */
  readonly message: string | object;
  readonly urn?: string;
}

/** Runs a resource policy as the runtime would; an UnknownValueError becomes `unknown` like its advisory. */
export async function runResourcePolicy(
  policy: ResourceValidationPolicy,
  args: ResourceValidationArgs,
): Promise<{ violations: Reported[]; unknown?: string }> {
  const violations: Reported[] = [];
  const report: ReportViolation = (message: string | object, urn?: string) => violations.push({ message, urn });
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
  try {
    for (const validate of validations) if (validate) await validate(args, report);
  } catch (e) {
    if (e instanceof proxy.UnknownValueError) return { violations, unknown: (e as Error).message };
    throw e;
  }
  return { violations };
}
