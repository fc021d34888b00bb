import { USE_CASES, UseCase } from "./model";
import { Waiver } from "./waivers";

/**
 * Organization-wide settings shared by every rule. Pulumi gives each policy only its own config, so these
 * live on the `ccc-organization-config` policy, which the pack evaluates first on every call.
 */
export interface OrgSettings {
  /** Use cases assumed for a deployment that declares none anywhere. Empty: undeclared is a violation. */
  readonly defaultUseCases: readonly UseCase[];
  /** The organization complies with licences cited by Protected Material Code annotations. */
  readonly licenceComplianceDeclared: boolean;
  /** Policies managed outside the stack, with the filters the organization vouches for. */
  readonly externalRaiPolicies: readonly ExternalRaiPolicy[];
  /** Accept Microsoft-managed default policies, where rule data holds a sourced fact that they comply. */
  readonly acceptMicrosoftDefaultPolicy: boolean;
  /** Exemptions approved by the platform team; see waivers.ts. */
  readonly waivers: readonly Waiver[];
}

export interface ExternalFilter {
  readonly name: string;
  readonly source?: string;
  readonly enabled?: boolean;
  readonly blocking?: boolean;
  readonly action?: string;
}

export interface ExternalRaiPolicy {
  readonly name: string;
  /** Limits the entry to one account; absent means any account. */
  readonly accountName?: string;
  readonly mode?: string;
  readonly contentFilters: readonly ExternalFilter[];
}

export const DEFAULT_SETTINGS: OrgSettings = {
  defaultUseCases: [],
  licenceComplianceDeclared: false,
  externalRaiPolicies: [],
  acceptMicrosoftDefaultPolicy: false,
  waivers: [],
};

const filterSchema = {
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: { type: "string", minLength: 1 },
    source: { type: "string" },
    enabled: { type: "boolean" },
    blocking: { type: "boolean" },
    action: { type: "string" },
  },
};

/** JSON schema of the `ccc-organization-config` policy config; the CLI validates config files against it. */
export const ORG_SETTINGS_SCHEMA = {
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
          accountName: { type: "string" },
          mode: { type: "string" },
          contentFilters: { type: "array", items: filterSchema },
        },
      },
    },
    acceptMicrosoftDefaultPolicy: {
      type: "boolean",
      default: false,
      description:
        "Accept deployments on Microsoft-managed default policies. Has effect only for policies with a sourced fact in the rule data (none today).",
    },
    waivers: {
      type: "array",
      default: [],
      description:
        "Exemptions: {policy, resource (URN or name pattern with *), reason, approvedBy, expires (YYYY-MM-DD)}. A waived violation is reported as advisory; an expired waiver stops applying.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["policy", "resource", "reason", "approvedBy", "expires"],
        properties: {
          policy: { type: "string", minLength: 1 },
          resource: { type: "string", minLength: 1 },
          reason: { type: "string", minLength: 1 },
          approvedBy: { type: "string", minLength: 1 },
          expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
        },
      },
    },
  },
} as const;

export interface SettingsResult {
  readonly settings: OrgSettings;
  /** One message per bad key; the key falls back to its safe default. */
  readonly errors: readonly string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Validates config the same way the schema does, so a harness or an old CLI cannot slip bad config through. */
export function parseOrgSettings(raw: unknown, knownPolicies: readonly string[] = []): SettingsResult {
  const errors: string[] = [];
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, errors };
  if (!isRecord(raw)) {
    return { settings: DEFAULT_SETTINGS, errors: ["ccc-organization-config: config must be an object"] };
  }
  const known = Object.keys(ORG_SETTINGS_SCHEMA.properties);
  for (const key of Object.keys(raw)) {
    if (key !== "enforcementLevel" && !known.includes(key)) {
      errors.push(`ccc-organization-config: unknown key "${key}"; allowed keys are ${known.join(", ")}`);
    }
  }
  const bool = (key: "licenceComplianceDeclared" | "acceptMicrosoftDefaultPolicy"): boolean => {
    const v = raw[key];
    if (v === undefined) return DEFAULT_SETTINGS[key];
    if (typeof v === "boolean") return v;
    errors.push(`ccc-organization-config.${key}: must be true or false, got ${describe(v)}`);
    return DEFAULT_SETTINGS[key];
  };
  return {
    settings: {
      defaultUseCases: parseDefaultUseCases(raw.defaultUseCases, errors),
      licenceComplianceDeclared: bool("licenceComplianceDeclared"),
      externalRaiPolicies: parseExternalPolicies(raw.externalRaiPolicies, errors),
      acceptMicrosoftDefaultPolicy: bool("acceptMicrosoftDefaultPolicy"),
      waivers: parseWaivers(raw.waivers, knownPolicies, errors),
    },
    errors,
  };
}

function parseDefaultUseCases(v: unknown, errors: string[]): UseCase[] {
  if (v === undefined) return [];
  const key = "ccc-organization-config.defaultUseCases";
  if (!Array.isArray(v)) {
    errors.push(`${key}: must be a list of use cases (${USE_CASES.join(", ")}), got ${describe(v)}`);
    return [];
  }
  const bad = v.filter((u) => typeof u !== "string" || !(USE_CASES as readonly string[]).includes(u));
  if (bad.length > 0) {
    errors.push(`${key}: ${bad.map(describe).join(", ")} not allowed; use ${USE_CASES.join(", ")}`);
    return [];
  }
  return [...new Set(v as UseCase[])];
}

function parseExternalPolicies(v: unknown, errors: string[]): ExternalRaiPolicy[] {
  if (v === undefined) return [];
  const key = "ccc-organization-config.externalRaiPolicies";
  if (!Array.isArray(v)) {
    errors.push(`${key}: must be a list of {name, contentFilters}, got ${describe(v)}`);
    return [];
  }
  const result: ExternalRaiPolicy[] = [];
  v.forEach((entry, i) => {
    const at = `${key}[${i}]`;
    if (!isRecord(entry) || typeof entry.name !== "string" || entry.name === "") {
      errors.push(`${at}: needs a non-empty "name"`);
      return;
    }
    if (!Array.isArray(entry.contentFilters)) {
      errors.push(`${at} ("${entry.name}"): needs "contentFilters", a list of {name, source, enabled, blocking}`);
      return;
    }
    const stringOrAbsent = (field: string): boolean => entry[field] === undefined || typeof entry[field] === "string";
    if (!stringOrAbsent("accountName") || !stringOrAbsent("mode")) {
      errors.push(`${at} ("${entry.name}"): "accountName" and "mode" must be strings`);
      return;
    }
    const filters = entry.contentFilters.filter(
      (f): f is Record<string, unknown> => isRecord(f) && typeof f.name === "string" && f.name !== "",
    );
    if (filters.length !== entry.contentFilters.length) {
      errors.push(`${at} ("${entry.name}"): every content filter needs a non-empty "name"`);
      return;
    }
    result.push({
      name: entry.name,
      accountName: entry.accountName as string | undefined,
      mode: entry.mode as string | undefined,
      contentFilters: filters as unknown as ExternalFilter[],
    });
  });
  return result;
}

function parseWaivers(v: unknown, knownPolicies: readonly string[], errors: string[]): Waiver[] {
  if (v === undefined) return [];
  const key = "ccc-organization-config.waivers";
  if (!Array.isArray(v)) {
    errors.push(`${key}: must be a list of {policy, resource, reason, approvedBy, expires}, got ${describe(v)}`);
    return [];
  }
  const fields = ["policy", "resource", "reason", "approvedBy", "expires"] as const;
  const result: Waiver[] = [];
  v.forEach((entry, i) => {
    const at = `${key}[${i}]`;
    if (!isRecord(entry)) {
      errors.push(`${at}: must be an object`);
      return;
    }
    const missing = fields.filter((f) => typeof entry[f] !== "string" || (entry[f] as string).trim() === "");
    if (missing.length > 0) {
      errors.push(`${at}: needs non-empty ${missing.join(", ")}; the waiver is ignored`);
      return;
    }
    const waiver = entry as unknown as Waiver;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(waiver.expires) || Number.isNaN(Date.parse(waiver.expires))) {
      errors.push(`${at}.expires: must be a date YYYY-MM-DD, got ${describe(waiver.expires)}; the waiver is ignored`);
      return;
    }
    if (knownPolicies.length > 0 && !knownPolicies.includes(waiver.policy)) {
      errors.push(`${at}.policy: "${waiver.policy}" is not a rule of this pack; the waiver is ignored`);
      return;
    }
    result.push(waiver);
  });
  return result;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}
