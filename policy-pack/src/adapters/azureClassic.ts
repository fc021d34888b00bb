// Adapter for the classic provider `@pulumi/azure` (bridged from Terraform azurerm): its cognitive Account,
// AccountRaiPolicy and Deployment are rewritten into the azure-native property shape, so the same readers,
// the same model and the same rules apply. Field names are from @pulumi/azure 6.40 (cognitive/*.d.ts):
// contentFilters[].filterEnabled/blockEnabled play the role of enabled/blocking; the account is referenced
// by its ARM id in cognitiveAccountId; a Deployment has no tags in azurerm.

import { UNKNOWN_SENTINELS, parseArmId } from "./azureNative";

type Json = unknown;
export type ClassicKind = "account" | "deployment" | "rai-policy";

const isRecord = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Account name and resource group from `cognitiveAccountId`; an unknown id makes both unknown. */
function accountFromId(id: Json): Record<string, Json> {
  if (typeof id !== "string") return {};
  if (UNKNOWN_SENTINELS.has(id)) return { accountName: id, resourceGroupName: id };
  return parseArmId(id);
}

function nativeFilters(filters: Json): Json {
  if (!Array.isArray(filters)) return filters;
  return filters.map((f: Json) =>
    isRecord(f) ? { name: f.name, source: f.source, enabled: f.filterEnabled, blocking: f.blockEnabled } : f,
  );
}

export function classicToNative(kind: ClassicKind, props: Json): Record<string, Json> {
  const p = isRecord(props) ? props : {};
  if (kind === "account") {
    return {
      accountName: p.name,
      resourceGroupName: p.resourceGroupName,
      kind: p.kind,
      location: p.location,
      tags: p.tags,
      id: p.id,
    };
  }
  if (kind === "rai-policy") {
    return {
      raiPolicyName: p.name,
      ...accountFromId(p.cognitiveAccountId),
      tags: p.tags,
      id: p.id,
      properties: { mode: p.mode, basePolicyName: p.basePolicyName, contentFilters: nativeFilters(p.contentFilters) },
    };
  }
  return {
    deploymentName: p.name,
    ...accountFromId(p.cognitiveAccountId),
    id: p.id,
    sku: p.sku,
    properties: { model: p.model, raiPolicyName: p.raiPolicyName },
  };
}
