// Synthetic stacks in the shape a real azure-native program produces: per OpenAI account 1-2 RAI policies
// and 3-5 deployments (inputs with path parameters, outputs in response shape with `name` and the ARM `id`,
// propertyDependencies as `accountName: account.name` / `raiPolicyName: policy.name` record them), plus
// about 30% unrelated storage accounts.
import { CapturedResource } from "../tooling/harness/types";

const ACCOUNT = "azure-native:cognitiveservices:Account";
const RAI_POLICY = "azure-native:cognitiveservices:RaiPolicy";
const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";
const STORAGE = "azure-native:storage:StorageAccount";
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same stack. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A builder of custom resources of the bench project `project`, as the harness sends them. */
export const resourceIn =
  (project: string) =>
  (
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    outputs: Record<string, unknown>,
    propertyDependencies: Record<string, string[]> = {},
  ): CapturedResource => {
    const dependencies = [...new Set(Object.values(propertyDependencies).flat())];
    const urn = `urn:pulumi:bench::${project}::${type}::${name}`;
    return { urn, type, name, custom: true, inputs, outputs, dependencies, propertyDependencies };
  };

const resource = resourceIn("ccc-bench");

const FILTERS = [
  { name: "Hate", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Medium" },
  { name: "Hate", source: "Completion", enabled: true, blocking: true, severityThreshold: "Medium" },
  { name: "Violence", source: "Prompt", enabled: true, blocking: true, severityThreshold: "Medium" },
  { name: "Violence", source: "Completion", enabled: true, blocking: true, severityThreshold: "Medium" },
  { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
  { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
  { name: "Protected Material Code", source: "Completion", enabled: true, blocking: true },
];
const USE_CASES = ["text-generation", "code-generation", "text-generation,code-generation", "image-generation"];

export function syntheticStack(size: number, seed = 42): CapturedResource[] {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const resources: CapturedResource[] = [];
  let a = 0;
  while (resources.length < size) {
    if (rand() < 0.3) {
      const name = `st${resources.length}`;
      const rg = `rg-${a % 50}`;
      resources.push(
        resource(
          STORAGE,
          name,
          { accountName: name, resourceGroupName: rg, kind: "StorageV2", sku: { name: "Standard_LRS" } },
          {
            name,
            id: `${SUB}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${name}`,
            kind: "StorageV2",
            sku: { name: "Standard_LRS", tier: "Standard" },
            provisioningState: "Succeeded",
          },
        ),
      );
      continue;
    }
    const rg = `rg-${a % 50}`;
    const accountName = `oai-${a}`;
    const accountId = `${SUB}/resourceGroups/${rg}/providers/Microsoft.CognitiveServices/accounts/${accountName}`;
    const account = resource(
      ACCOUNT,
      accountName,
      {
        accountName,
        resourceGroupName: rg,
        kind: "OpenAI",
        sku: { name: "S0" },
        properties: { customSubDomainName: accountName, publicNetworkAccess: "Enabled" },
        tags: {
          "ccc-metaprompt": "https://wiki.example.com/metaprompt",
          "ccc-metaprompt-date": "2026-10-01",
          "ccc-evaluation-report": "https://wiki.example.com/eval",
          "ccc-evaluation-report-date": "2026-10-15",
        },
      },
      {
        name: accountName,
        id: accountId,
        kind: "OpenAI",
        location: "swedencentral",
        sku: { name: "S0" },
        properties: {
          customSubDomainName: accountName,
          endpoint: `https://${accountName}.openai.azure.com/`,
          provisioningState: "Succeeded",
        },
        tags: {},
      },
    );
    resources.push(account);
    const policies: CapturedResource[] = [];
    for (let p = 0, n = 1 + Math.floor(rand() * 2); p < n; p++) {
      const policyName = `ccc-policy-${p}`;
      const body = { mode: pick(["Default", "Blocking", "Asynchronous_filter"]), contentFilters: FILTERS };
      const policy = resource(
        RAI_POLICY,
        `${accountName}-${policyName}`,
        { accountName, resourceGroupName: rg, raiPolicyName: policyName, properties: body },
        { name: policyName, id: `${accountId}/raiPolicies/${policyName}`, properties: body },
        { accountName: [account.urn], resourceGroupName: [] },
      );
      policies.push(policy);
      resources.push(policy);
    }
    for (let d = 0, n = 3 + Math.floor(rand() * 3); d < n; d++) {
      const deploymentName = `chat-${d}`;
      const policy = pick(policies);
      const properties = {
        model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
        raiPolicyName: (policy.inputs as { raiPolicyName: string }).raiPolicyName,
        versionUpgradeOption: "OnceNewDefaultVersionAvailable",
      };
      const tags = { "ccc-use-case": pick(USE_CASES) };
      resources.push(
        resource(
          DEPLOYMENT,
          `${accountName}-${deploymentName}`,
          {
            accountName,
            resourceGroupName: rg,
            deploymentName,
            sku: { name: "Standard", capacity: 10 },
            properties,
            tags,
          },
          {
            name: deploymentName,
            id: `${accountId}/deployments/${deploymentName}`,
            sku: { name: "Standard", capacity: 10 },
            properties: { ...properties, provisioningState: "Succeeded" },
            tags,
          },
          { accountName: [account.urn], resourceGroupName: [], properties: [policy.urn] },
        ),
      );
    }
    a++;
  }
  return resources.slice(0, size);
}
