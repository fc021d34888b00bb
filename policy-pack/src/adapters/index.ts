// Picks the adapter for a resource type and reads it into the model. Every type an adapter reads is listed
// here; test/coverage.test.ts checks this list against the installed SDKs.
import { Account, ContentFilterPolicy, Deployment, Flavour, ResourceRef } from "../model/model";
import { readClassicAccount, readClassicDeployment, readClassicRaiPolicy } from "./azureClassic";
import {
  readNativeAccount,
  readNativeDeployment,
  readNativeRaiPolicy,
  readNativeSubscriptionRaiPolicy,
} from "./azureNative";
import { ReadContext } from "./common";
import { isSentinel } from "../wire";
import { isHubOpenAiDeployment, readHubDeployment, readHubRaiPolicy, readHubWorkspace } from "./foundryHub";

export type { ReadContext } from "./common";
export type ResourceKind = "account" | "deployment" | "rai-policy";

export type ModelNode =
  | { readonly kind: "account"; readonly value: Account }
  | { readonly kind: "deployment"; readonly value: Deployment }
  | { readonly kind: "rai-policy"; readonly value: ContentFilterPolicy };

interface Adapter {
  readonly kind: ResourceKind;
  readonly flavour: Flavour;
  read(ref: ResourceRef, props: unknown, context: ReadContext): ModelNode | undefined;
}

const account = (flavour: Flavour, read: (r: ResourceRef, p: unknown, c: ReadContext) => Account): Adapter => ({
  kind: "account",
  flavour,
  read: (r, p, c) => ({ kind: "account", value: read(r, p, c) }),
});
const deployment = (
  flavour: Flavour,
  read: (r: ResourceRef, p: unknown, c: ReadContext) => Deployment | undefined,
): Adapter => ({
  kind: "deployment",
  flavour,
  read: (r, p, c) => {
    const value = read(r, p, c);
    return value && { kind: "deployment", value };
  },
});
const policy = (
  flavour: Flavour,
  read: (r: ResourceRef, p: unknown, c: ReadContext) => ContentFilterPolicy,
): Adapter => ({
  kind: "rai-policy",
  flavour,
  read: (r, p, c) => ({ kind: "rai-policy", value: read(r, p, c) }),
});

/** Type tokens, without a version segment (`azure-native:cognitiveservices/v20241001:Account` reads as unversioned). */
export const ADAPTERS: Readonly<Record<string, Adapter>> = {
  "azure-native:cognitiveservices:Account": account("azure-native", readNativeAccount),
  "azure-native:cognitiveservices:Deployment": deployment("azure-native", readNativeDeployment),
  "azure-native:cognitiveservices:RaiPolicy": policy("azure-native", readNativeRaiPolicy),
  "azure-native:cognitiveservices:SubscriptionRaiPolicy": policy("azure-native", readNativeSubscriptionRaiPolicy),
  "azure-native:machinelearningservices:Workspace": account("foundry-hub", readHubWorkspace),
  "azure-native:machinelearningservices:EndpointDeployment": deployment("foundry-hub", (r, p, c) =>
    isHubOpenAiDeployment(p, c) ? readHubDeployment(r, p, c, "endpoints") : undefined,
  ),
  "azure-native:machinelearningservices:ConnectionDeployment": deployment("foundry-hub", (r, p, c) =>
    isHubOpenAiDeployment(p, c) ? readHubDeployment(r, p, c, "connections") : undefined,
  ),
  "azure-native:machinelearningservices:RaiPolicy": policy("foundry-hub", (r, p, c) =>
    readHubRaiPolicy(r, p, c, "endpoints"),
  ),
  "azure-native:machinelearningservices:ConnectionRaiPolicy": policy("foundry-hub", (r, p, c) =>
    readHubRaiPolicy(r, p, c, "connections"),
  ),
  "azure:cognitive/account:Account": account("classic", (r, p, c) => readClassicAccount(r, p, c)),
  "azure:cognitive/aIServices:AIServices": account("classic", (r, p, c) => readClassicAccount(r, p, c, "AIServices")),
  "azure:cognitive/deployment:Deployment": deployment("classic", readClassicDeployment),
  "azure:cognitive/accountRaiPolicy:AccountRaiPolicy": policy("classic", readClassicRaiPolicy),
};

/**
 * A token of one API version, as its unversioned shape (`azure-native:cognitiveservices:Account`): a versioned
 * module of azure-native v2 (`azure-native:cognitiveservices/v20241001:Account`), or a local SDK of v3, which
 * `pulumi package add azure-native cognitiveservices 2025-04-01-preview` generates with its own package name and the
 * module as the user typed it (`azure-native_CognitiveServices_v20250401preview:CognitiveServices:Account`; earlier
 * releases kept the version in the module, `…:cognitiveservices/v20250401preview:Account`). Sources:
 * pulumi-azure-native provider/pkg/provider/provider_parameterize.go (generateNewPackageName, makeToken, filterTokens
 * with strings.EqualFold) and its test, read 2026-11-26.
 */
export function unversioned(type: string): string {
  // An unversioned azure-native token has no slash (most tokens: spares a regular expression per read).
  if (type.startsWith("azure-native:")) return type.includes("/") ? type.replace(VERSIONED_MODULE, "$1:") : type;
  if (!type.startsWith("azure-native_")) return type;
  return type.replace(LOCAL_SDK, (_, module: string) => `azure-native:${module.toLowerCase()}:`);
}

const VERSIONED_MODULE = /^(azure-native:[a-z0-9]+)\/v[0-9a-z]+:/i;
// The package names the module (any case, as typed) and the version; the token repeats the module.
const LOCAL_SDK = /^azure-native_([a-z0-9]+)_v[0-9a-z]+:\1(?:\/v[0-9a-z]+)?:/i;

/** The model kind and provider family for a type token, or undefined for types the pack does not read. */
export function classify(type: string): { kind: ResourceKind; flavour: Flavour } | undefined {
  const adapter = ADAPTERS[unversioned(type)];
  return adapter && { kind: adapter.kind, flavour: adapter.flavour };
}

export function readResource(ref: ResourceRef, props: unknown, context: ReadContext = {}): ModelNode | undefined {
  return ADAPTERS[unversioned(ref.type)]?.read(ref, props, context);
}

/**
 * The name an azure-native resource group is created with (its `resourceGroupName` input), when the program
 * sets it and a preview knows it: what an account's or policy's `resourceGroupName: rg.name` is in a preview,
 * before the group exists.
 */
export function resourceGroupNameOf(ref: ResourceRef, props: unknown): string | undefined {
  if (unversioned(ref.type) !== "azure-native:resources:ResourceGroup") return undefined;
  const name =
    typeof props === "object" && props !== null ? (props as Record<string, unknown>).resourceGroupName : undefined;
  return typeof name === "string" && !isSentinel(name) ? name : undefined;
}
