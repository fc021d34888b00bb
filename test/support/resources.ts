// Input props of azure-native cognitiveservices resources, as a program writes them.
export const ACCOUNT = "azure-native:cognitiveservices:Account";
export const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";
export const RAI_POLICY = "azure-native:cognitiveservices:RaiPolicy";

export interface FilterInput {
  name: string;
  source?: string;
  enabled?: unknown;
  blocking?: unknown;
  action?: string;
}

export const filterMode = (name: string, source: string): FilterInput => ({
  name,
  source,
  enabled: true,
  blocking: true,
});
export const annotateMode = (name: string, source: string): FilterInput => ({
  name,
  source,
  enabled: true,
  blocking: false,
});

export const TEXT_FILTERS: FilterInput[] = [
  filterMode("Jailbreak", "Prompt"),
  filterMode("Protected Material Text", "Completion"),
];
export const CODE_FILTERS: FilterInput[] = [
  filterMode("Jailbreak", "Prompt"),
  filterMode("Protected Material Code", "Completion"),
];

export function accountProps(tags: Record<string, string> = {}, name = "acct"): Record<string, unknown> {
  return { accountName: name, resourceGroupName: "rg", kind: "OpenAI", tags };
}

export function policyProps(
  filters: unknown,
  options: { name?: string; mode?: string; tags?: Record<string, string>; account?: unknown } = {},
): Record<string, unknown> {
  return {
    accountName: options.account ?? "acct",
    resourceGroupName: "rg",
    raiPolicyName: options.name ?? "ccc-policy",
    properties: { mode: options.mode ?? "Default", contentFilters: filters },
    ...(options.tags ? { tags: options.tags } : {}),
  };
}

export function deploymentProps(
  raiPolicyName: unknown,
  tags: Record<string, string> = {},
  options: { account?: unknown } = {},
): Record<string, unknown> {
  return {
    accountName: options.account ?? "acct",
    resourceGroupName: "rg",
    deploymentName: "chat",
    sku: { name: "Standard", capacity: 10 },
    properties: {
      model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
      ...(raiPolicyName === undefined ? {} : { raiPolicyName }),
    },
    tags,
  };
}
