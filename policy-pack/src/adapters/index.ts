// Picks the adapter for a resource type and reads it into the model.
import { Account, ContentFilterPolicy, Deployment, ResourceRef } from "../model";
import { ClassicKind, classicToNative } from "./azureClassic";
import { readAccount, readDeployment, readRaiPolicy } from "./azureNative";

export type ResourceKind = ClassicKind;

export type ModelNode =
  | { readonly kind: "account"; readonly value: Account }
  | { readonly kind: "deployment"; readonly value: Deployment }
  | { readonly kind: "rai-policy"; readonly value: ContentFilterPolicy };

const NATIVE = /^azure-native:cognitiveservices(?:\/v[0-9a-z]+)?:(Account|Deployment|RaiPolicy)$/;
const CLASSIC = /^azure:cognitive\/(account|accountRaiPolicy|deployment):(Account|AccountRaiPolicy|Deployment)$/;
const KINDS: Record<string, ResourceKind> = {
  Account: "account",
  Deployment: "deployment",
  RaiPolicy: "rai-policy",
  AccountRaiPolicy: "rai-policy",
};

/** The model kind and provider for a type token, or undefined for types the pack does not model. */
export function classify(type: string): { kind: ResourceKind; classic: boolean } | undefined {
  const native = NATIVE.exec(type);
  if (native) return { kind: KINDS[native[1]], classic: false };
  const classic = CLASSIC.exec(type);
  return classic ? { kind: KINDS[classic[2]], classic: true } : undefined;
}

export function resourceKind(type: string): ResourceKind | undefined {
  return classify(type)?.kind;
}

export function readResource(ref: ResourceRef, props: unknown): ModelNode | undefined {
  const c = classify(ref.type);
  if (!c) return undefined;
  const native = c.classic ? classicToNative(c.kind, props) : props;
  if (c.kind === "account") return { kind: c.kind, value: readAccount(ref, native) };
  if (c.kind === "rai-policy") {
    const policy = readRaiPolicy(ref, native);
    return { kind: c.kind, value: c.classic ? { ...policy, accountLink: "cognitiveAccountId" } : policy };
  }
  const deployment = readDeployment(ref, native);
  const links = c.classic ? { account: "cognitiveAccountId", policy: "raiPolicyName" } : deployment.links;
  return { kind: c.kind, value: { ...deployment, links } };
}
