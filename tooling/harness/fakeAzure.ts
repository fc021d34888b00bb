// Stands in for Azure Resource Manager and the azure-native provider when a program runs under
// `pulumi.runtime.setMocks`: Azure itself cannot be reached here. Like the real provider, it answers in
// the *response* shape (shared doc §4): path parameters are not outputs; `name`, the ARM `id` and `type`
// are. In preview, `id`, `name` and every output the program did not set (tags, sku, ...) are unknown, as
// azure-native's PreviewOutputs leaves them. It never echoes inputs whole: an echo hides the linking bugs that real stacks trigger.

/** The engine's wire sentinel for an unknown string (`UnknownStringValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

interface ArmType {
  /** The input that is the resource's own name in the ARM path. */
  readonly nameParam: string;
  readonly armType: string;
  /** Builds the id from resource group, parent account and own name. */
  readonly id: (rg: string, account: string, name: string) => string;
}

const rgId = (rg: string): string => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${rg}`;
const accountId = (rg: string, account: string): string =>
  `${rgId(rg)}/providers/Microsoft.CognitiveServices/accounts/${account}`;

const ARM_TYPES: Record<string, ArmType> = {
  "azure-native:resources:ResourceGroup": {
    nameParam: "resourceGroupName",
    armType: "Microsoft.Resources/resourceGroups",
    id: (_rg, _a, name) => rgId(name),
  },
  "azure-native:cognitiveservices:Account": {
    nameParam: "accountName",
    armType: "Microsoft.CognitiveServices/accounts",
    id: (rg, _a, name) => accountId(rg, name),
  },
  "azure-native:cognitiveservices:Deployment": {
    nameParam: "deploymentName",
    armType: "Microsoft.CognitiveServices/accounts/deployments",
    id: (rg, account, name) => `${accountId(rg, account)}/deployments/${name}`,
  },
  "azure-native:cognitiveservices:RaiPolicy": {
    nameParam: "raiPolicyName",
    armType: "Microsoft.CognitiveServices/accounts/raiPolicies",
    id: (rg, account, name) => `${accountId(rg, account)}/raiPolicies/${name}`,
  },
};

/**
 * The classic provider (@pulumi/azure, bridged from Terraform) returns every argument as an output plus the
 * ARM id; its cognitive resources name their account by `cognitiveAccountId`.
 */
const CLASSIC_IDS: Record<string, (inputs: Record<string, unknown>, name: string) => string> = {
  "azure:core/resourceGroup:ResourceGroup": (_i, name) => rgId(name),
  "azure:cognitive/account:Account": (i, name) => accountId(String(i.resourceGroupName ?? ""), name),
  "azure:cognitive/accountRaiPolicy:AccountRaiPolicy": (i, name) =>
    `${String(i.cognitiveAccountId)}/raiPolicies/${name}`,
  "azure:cognitive/deployment:Deployment": (i, name) => `${String(i.cognitiveAccountId)}/deployments/${name}`,
};

/** Path parameters of azure-native resources: inputs only, never outputs. */
const PATH_PARAMETERS = new Set([
  "resourceGroupName",
  "accountName",
  "deploymentName",
  "raiPolicyName",
  "blocklistName",
]);

export interface FakeResult {
  readonly id: string | undefined;
  readonly state: Record<string, unknown>;
}

/** The outputs Azure would return for a create with these inputs. */
export function fakeAzureCreate(
  type: string,
  logicalName: string,
  inputs: Record<string, unknown>,
  preview: boolean,
): FakeResult {
  const classic = CLASSIC_IDS[type];
  if (classic) {
    const name = typeof inputs.name === "string" ? inputs.name : logicalName;
    const id = preview ? undefined : classic(inputs, name);
    return { id, state: { ...inputs, name, ...(id ? { id } : {}) } };
  }
  const arm = ARM_TYPES[type];
  const state: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (!PATH_PARAMETERS.has(key) && value !== undefined) state[key] = value;
  }
  if (!arm) return { id: preview ? undefined : `/fake/${type}/${logicalName}`, state };
  const str = (key: string): string => (typeof inputs[key] === "string" ? (inputs[key] as string) : "");
  const name = str(arm.nameParam) || logicalName;
  state.type = arm.armType;
  if (preview) {
    // Like PreviewOutputs: what the program did not set is not known until Azure answers.
    state.name = UNKNOWN;
    for (const key of ["tags", "sku", "etag", "systemData"]) if (state[key] === undefined) state[key] = UNKNOWN;
    return { id: undefined, state };
  }
  state.name = name;
  const id = arm.id(str("resourceGroupName"), str("accountName"), name);
  state.id = id;
  return { id, state };
}
