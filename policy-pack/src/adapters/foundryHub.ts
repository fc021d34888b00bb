// Azure OpenAI deployments made through an AI Foundry hub (`@pulumi/azure-native` machinelearningservices,
// API 2025-01-01-preview): EndpointDeployment and ConnectionDeployment are deployments; RaiPolicy
// (workspaces/endpoints/raiPolicies) and ConnectionRaiPolicy are content filter policies. Their filters use
// `allowedContentLevel` instead of `severityThreshold` and have no `action`; the policy mode has no
// `Asynchronous_filter`. None of them takes tags: the hub Workspace's tag gives the default use cases.
import { Account, ContentFilterPolicy, Deployment, ParentName, ResourceRef } from "../model/model";
import { Reader } from "./reader";
import { CAPACITY_PATHS } from "../ruleData/quotas";
import {
  ReadContext,
  capacityOf,
  either,
  evidence,
  fromId,
  placement,
  readFilters,
  segmentOf,
  subscriptionOf,
  useCaseTag,
} from "./common";
import { emptyAsAbsent } from "./azureNative";

const FILTERS = {
  path: ["properties", "contentFilters"],
  enabled: "enabled",
  blocking: "blocking",
  actionHonoured: false,
};

/** The endpoint or connection a hub deployment or policy sits under. */
export type HubParent = "endpoints" | "connections";

function reader(props: unknown, context: ReadContext): Reader {
  return new Reader(props, context.taint, [], context.unreadable);
}

function hubPlacement(r: Reader, context: ReadContext, parent: HubParent) {
  const id = r.string(undefined, "id");
  const param = parent === "endpoints" ? "endpointName" : "connectionName";
  const parents: ParentName[] = [
    {
      collection: "workspaces",
      name: either(r.string("workspaceName", "workspaceName"), () => fromId(id, (a) => segmentOf(a, "workspaces"))),
      link: "workspaceName",
    },
    {
      collection: parent,
      name: either(r.string(param, param), () => fromId(id, (a) => segmentOf(a, parent))),
      link: param,
    },
  ];
  return placement(
    subscriptionOf(id, context),
    either(r.string("resourceGroup", "resourceGroupName"), () => fromId(id, (a) => a.resourceGroup)),
    "resourceGroupName",
    parents,
  );
}

/**
 * The other kinds of hub endpoint deployment, by `properties.type` (`@pulumi/azure-native` 3.28
 * `machinelearningservices` EndpointDeploymentResourceProperties: "Azure.OpenAI", "Azure.ContentSafety",
 * "Azure.Speech", "managedOnlineEndpoint"), compared as Azure compares enum values, without case.
 */
const NOT_OPENAI = new Set(["azure.contentsafety", "azure.speech", "managedonlineendpoint"]);

/**
 * A hub deployment unless it is another documented kind: "Azure.OpenAI", a type not known yet, or one Azure does
 * not document (which it would reject; read, so it is never passed over in silence).
 */
export function isHubOpenAiDeployment(props: unknown, context: ReadContext): boolean {
  const type = reader(props, context).string(undefined, "properties", "type");
  return typeof type !== "string" || !NOT_OPENAI.has(type.trim().toLowerCase());
}

export function readHubDeployment(
  ref: ResourceRef,
  props: unknown,
  context: ReadContext,
  parent: HubParent,
): Deployment {
  const r = reader(props, context);
  return {
    ref,
    flavour: "foundry-hub",
    name: either(r.string("name", "deploymentName"), () => r.string("name", "name")),
    placement: hubPlacement(r, context, parent),
    raiPolicyName: emptyAsAbsent(r.string("raiPolicyName", "properties", "raiPolicyName")),
    modelName: r.string("modelName", "properties", "model", "name"),
    modelFormat: r.string("modelFormat", "properties", "model", "format"),
    modelVersion: r.string("modelVersion", "properties", "model", "version"),
    ...capacityOf(r, CAPACITY_PATHS["foundry-hub"]),
    skuName: r.string("skuName", "properties", "sku", "name"),
    spilloverDeploymentName: undefined,
    useCases: { raw: undefined, values: [], invalid: [], secret: false },
    evidence: evidence(r),
    problems: r.problems,
    policyLink: "properties",
    secret: r.secret,
  };
}

export function readHubRaiPolicy(
  ref: ResourceRef,
  props: unknown,
  context: ReadContext,
  parent: HubParent,
): ContentFilterPolicy {
  const r = reader(props, context);
  return {
    origin: { kind: "stack", ref },
    collection: "raiPolicies",
    actionHonoured: false,
    flavour: "foundry-hub",
    name: either(r.string("name", "raiPolicyName"), () => r.string("name", "name")),
    placement: hubPlacement(r, context, parent),
    mode: r.string("mode", "properties", "mode"),
    basePolicyName: r.string("basePolicyName", "properties", "basePolicyName"),
    filters: readFilters(r, FILTERS),
    useCases: { raw: undefined, values: [], invalid: [], secret: false },
    problems: r.problems,
    secret: r.secret,
  };
}

/** The hub workspace: its `ccc-use-case` tag is the default for the deployments under it. */
export function readHubWorkspace(ref: ResourceRef, props: unknown, context: ReadContext): Account {
  const r = reader(props, context);
  const id = r.string(undefined, "id");
  return {
    ref,
    flavour: "foundry-hub",
    collection: "workspaces",
    name: either(r.string("name", "workspaceName"), () => r.string("name", "name")),
    placement: placement(
      subscriptionOf(id, context),
      either(r.string("resourceGroup", "resourceGroupName"), () => fromId(id, (a) => a.resourceGroup)),
      "resourceGroupName",
      [],
    ),
    kind: r.string("kind", "kind"),
    location: r.string("location", "location"),
    useCases: useCaseTag(r),
    evidence: evidence(r),
    problems: r.problems,
    secret: r.secret,
  };
}
