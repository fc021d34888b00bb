// Organization-wide settings shared by every rule. Pulumi gives each policy only its own config, so these
// live on the `ccc-organization-config` policy (see pulumi/runState.ts for how every rule gets them).
import { readNativeRaiPolicy } from "../adapters/azureNative";
import { placement } from "../adapters/common";
import { ContentFilterPolicy, USE_CASES, UseCase } from "../model/model";
import { isMicrosoftManagedName } from "../model/microsoftPolicies";
import { ConfigSchema, Schema, parseCalendarDate, validateConfig } from "./schema";

export const ORG_CONFIG_POLICY = "ccc-organization-config";

export interface Waiver {
  /** The rule id the waiver exempts. */
  readonly policy: string;
  /** A resource URN, or a pattern on the logical name where `*` matches any run of characters. */
  readonly resource: string;
  readonly reason: string;
  readonly approvedBy: string;
  /** Last day the waiver applies (YYYY-MM-DD, inclusive, UTC). */
  readonly expires: string;
}

export interface ExternalRaiPolicy {
  readonly name: string;
  readonly accountName?: string;
  readonly resourceGroupName?: string;
  readonly subscriptionId?: string;
  readonly mode?: string;
  readonly contentFilters: readonly Record<string, unknown>[];
}

export interface OrgSettings {
  /** Use cases assumed for a deployment that declares none anywhere. Empty: undeclared is a violation. */
  readonly defaultUseCases: readonly UseCase[];
  /** The organization complies with licences cited by Protected Material Code annotations. */
  readonly licenceComplianceDeclared: boolean;
  /** Rely on Microsoft's documentation of its managed policies (Microsoft.DefaultV2). */
  readonly acceptMicrosoftDefaultPolicy: boolean;
  /** Policies managed outside the stack, with the filters the organization vouches for, read into the model. */
  readonly externalRaiPolicies: readonly ContentFilterPolicy[];
  /** Exemptions approved by the platform team; see judgement/waivers.ts. */
  readonly waivers: readonly Waiver[];
  /** The day verdicts are taken on (waiver expiry, evidence age): YYYY-MM-DD, or undefined for today. */
  readonly asOfDate?: string;
}

const filterSchema: Schema = {
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: { type: "string", minLength: 1 },
    source: { type: "string" },
    enabled: { type: "boolean" },
    blocking: { type: "boolean" },
    action: { type: "string" },
    // Written as in a RaiPolicy; thresholds do not change what the CCC rules check.
    severityThreshold: { type: "string" },
    allowedContentLevel: { type: "string" },
  },
};

/** JSON schema of the `ccc-organization-config` policy config; `pulumi policy validate-config` checks it too. */
export const ORG_SETTINGS_SCHEMA: ConfigSchema = {
  properties: {
    defaultUseCases: {
      type: "array",
      items: { type: "string", enum: [...USE_CASES] },
      default: [],
      description: "Use cases assumed for deployments that declare none. Empty: an undeclared use case is a violation.",
    },
    licenceComplianceDeclared: {
      type: "boolean",
      default: false,
      description:
        "The organization complies with licences cited in Protected Material Code annotations (CCC code-generation clause).",
    },
    acceptMicrosoftDefaultPolicy: {
      type: "boolean",
      default: false,
      description:
        "Judge deployments on Microsoft.DefaultV2 by Microsoft's documentation of its filters (rule data, with source and date). Text generation then passes; code generation needs licenceComplianceDeclared (Protected Material Code is annotate-only there).",
    },
    externalRaiPolicies: {
      type: "array",
      default: [],
      description: "RAI policies managed outside the stack, with the content filters the organization vouches for.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "contentFilters"],
        properties: {
          name: { type: "string", minLength: 1 },
          accountName: { type: "string", minLength: 1 },
          resourceGroupName: { type: "string", minLength: 1 },
          subscriptionId: { type: "string", minLength: 1 },
          mode: { type: "string" },
          contentFilters: { type: "array", items: filterSchema },
        },
      },
    },
    waivers: {
      type: "array",
      default: [],
      description:
        "Exemptions: {policy, resource (URN or name pattern with *), reason, approvedBy, expires (YYYY-MM-DD)}. A waived finding is reported as advisory; an expired waiver stops applying after its day.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["policy", "resource", "reason", "approvedBy", "expires"],
        properties: {
          policy: { type: "string", minLength: 1 },
          resource: { type: "string", minLength: 1 },
          reason: { type: "string", minLength: 1 },
          approvedBy: { type: "string", minLength: 1 },
          expires: { type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
        },
      },
    },
    asOfDate: {
      type: "string",
      format: "date",
      pattern: "^\\d{4}-\\d{2}-\\d{2}$",
      description:
        "Judge waiver expiry and evidence age as of this day (YYYY-MM-DD), e.g. the day of a claim. Default: today.",
    },
  },
};

export const DEFAULT_SETTINGS: OrgSettings = {
  defaultUseCases: [],
  licenceComplianceDeclared: false,
  acceptMicrosoftDefaultPolicy: false,
  externalRaiPolicies: [],
  waivers: [],
};

export interface SettingsResult {
  readonly settings: OrgSettings;
  /** One message per bad key; the key falls back to its safe default. */
  readonly errors: readonly string[];
}

/** Validates the org config with the one validator, then the cross-field checks (waivers name real rules). */
export function parseOrgSettings(raw: unknown, knownRules: readonly string[] = []): SettingsResult {
  const { values, errors } = validateConfig(ORG_CONFIG_POLICY, ORG_SETTINGS_SCHEMA, raw);
  const all = [...errors];
  const waivers = (values.waivers as Waiver[]).filter((w, i) => {
    if (knownRules.length > 0 && !knownRules.includes(w.policy)) {
      all.push(
        `${ORG_CONFIG_POLICY}.waivers[${i}].policy: "${w.policy}" is not a rule of this pack; the waiver is ignored`,
      );
      return false;
    }
    if (w.resource.startsWith("urn:") && w.resource.includes("*")) {
      all.push(
        `${ORG_CONFIG_POLICY}.waivers[${i}].resource: a URN is matched exactly, so "*" in "${w.resource}" matches nothing; give the exact URN, or a pattern on the logical name (such as "pilot-*"); the waiver is ignored`,
      );
      return false;
    }
    return true;
  });
  const externals = (values.externalRaiPolicies as ExternalRaiPolicy[]).filter((p, i) => {
    if (!isMicrosoftManagedName(p.name)) return true;
    all.push(
      `${ORG_CONFIG_POLICY}.externalRaiPolicies[${i}].name: "${p.name}" is the name of a Microsoft-managed policy, which the pack judges by Microsoft's documentation (see acceptMicrosoftDefaultPolicy), never by a declaration; remove the entry`,
    );
    return false;
  });
  return {
    settings: {
      defaultUseCases: [...new Set(values.defaultUseCases as UseCase[])],
      licenceComplianceDeclared: values.licenceComplianceDeclared as boolean,
      acceptMicrosoftDefaultPolicy: values.acceptMicrosoftDefaultPolicy as boolean,
      externalRaiPolicies: externals.map(readExternalPolicy),
      waivers,
      ...(typeof values.asOfDate === "string" ? { asOfDate: values.asOfDate } : {}),
    },
    errors: all,
  };
}

/** The instant verdicts are taken at: the configured as-of day, else now. */
export function verdictTime(settings: OrgSettings, now: Date): Date {
  return settings.asOfDate === undefined ? now : new Date(parseCalendarDate(settings.asOfDate));
}

/** A policy from pack config, read through the same adapter as a stack resource. */
export function readExternalPolicy(policy: ExternalRaiPolicy): ContentFilterPolicy {
  const read = readNativeRaiPolicy(
    { urn: "", name: policy.name, type: "" },
    {
      raiPolicyName: policy.name,
      properties: { mode: policy.mode, contentFilters: policy.contentFilters },
    },
    {},
  );
  return {
    ...read,
    origin: { kind: "external" },
    placement: placement(
      policy.subscriptionId === undefined
        ? { kind: "provider", provider: "" }
        : { kind: "id", id: policy.subscriptionId },
      policy.resourceGroupName,
      "",
      [{ collection: "accounts", name: policy.accountName, link: "" }],
    ),
  };
}
