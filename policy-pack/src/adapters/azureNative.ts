// `@pulumi/azure-native` v3 cognitiveservices resources into the model. They are read in both shapes a pack
// sees (shared doc §4): the program's inputs in `Analyze` (path parameters accountName/raiPolicyName/...
// present) and azure-native's response shape in `AnalyzeStack` (path parameters absent; `name` and the ARM
// `id` present instead).
import { Account, ContentFilterPolicy, Deployment, ResourceRef } from "../model/model";
import { Reader } from "./reader";
import { CAPACITY_PATHS } from "../ruleData/quotas";
import {
  ReadContext,
  capacityOf,
  either,
  evidence,
  fromId,
  parseArmId,
  placement,
  readFilters,
  segmentOf,
  subscriptionOf,
  useCaseTag,
} from "./common";

/** The account policy API (2025-06-01) has no `action`; the subscription policy API (2025-10-01-preview) has. */
const ACCOUNT_FILTERS = {
  path: ["properties", "contentFilters"],
  enabled: "enabled",
  blocking: "blocking",
  actionHonoured: false,
};
const SUBSCRIPTION_FILTERS = { ...ACCOUNT_FILTERS, actionHonoured: true };

function reader(props: unknown, context: ReadContext): Reader {
  return new Reader(props, context.taint, [], context.unreadable);
}

export function readNativeAccount(ref: ResourceRef, props: unknown, context: ReadContext): Account {
  const r = reader(props, context);
  const id = r.string(undefined, "id");
  const name = either(r.string("name", "accountName"), () => r.string("name", "name"));
  return {
    ref,
    flavour: "azure-native",
    collection: "accounts",
    name,
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

/** The account and resource group of a child resource: inputs, else its ARM id. */
function childPlacement(r: Reader, context: ReadContext) {
  const id = r.string(undefined, "id");
  return placement(
    subscriptionOf(id, context),
    either(r.string("resourceGroup", "resourceGroupName"), () => fromId(id, (a) => a.resourceGroup)),
    "resourceGroupName",
    [
      {
        collection: "accounts",
        name: either(r.string("accountName", "accountName"), () => fromId(id, (a) => segmentOf(a, "accounts"))),
        link: "accountName",
      },
    ],
  );
}

export function readNativeDeployment(ref: ResourceRef, props: unknown, context: ReadContext): Deployment {
  const r = reader(props, context);
  const properties = r.raw(["properties"]);
  if (properties !== undefined && properties !== null && typeof properties !== "object")
    r.malformed(["properties"], "an object", properties);
  return {
    ref,
    flavour: "azure-native",
    name: either(r.string("name", "deploymentName"), () => r.string("name", "name")),
    placement: childPlacement(r, context),
    raiPolicyName: emptyAsAbsent(r.string("raiPolicyName", "properties", "raiPolicyName")),
    modelName: r.string("modelName", "properties", "model", "name"),
    modelFormat: r.string("modelFormat", "properties", "model", "format"),
    modelVersion: r.string("modelVersion", "properties", "model", "version"),
    ...capacityOf(r, CAPACITY_PATHS["azure-native"]),
    skuName: r.string("skuName", "sku", "name"),
    spilloverDeploymentName: emptyAsAbsent(
      r.string("spilloverDeploymentName", "properties", "spilloverDeploymentName"),
    ),
    useCases: useCaseTag(r),
    evidence: evidence(r),
    problems: r.problems,
    policyLink: "properties",
    secret: r.secret,
  };
}

export function readNativeRaiPolicy(ref: ResourceRef, props: unknown, context: ReadContext): ContentFilterPolicy {
  const r = reader(props, context);
  return {
    origin: { kind: "stack", ref },
    collection: "raiPolicies",
    actionHonoured: false,
    flavour: "azure-native",
    name: either(r.string("name", "raiPolicyName"), () => r.string("name", "name")),
    placement: childPlacement(r, context),
    mode: r.string("mode", "properties", "mode"),
    basePolicyName: r.string("basePolicyName", "properties", "basePolicyName"),
    filters: readFilters(r, ACCOUNT_FILTERS),
    useCases: useCaseTag(r),
    problems: r.problems,
    secret: r.secret,
  };
}

/** A subscription-scope policy (`/subscriptions/{id}/providers/Microsoft.CognitiveServices/raiPolicy/{name}`). */
export function readNativeSubscriptionRaiPolicy(
  ref: ResourceRef,
  props: unknown,
  context: ReadContext,
): ContentFilterPolicy {
  const r = reader(props, context);
  const id = r.string(undefined, "id");
  return {
    origin: { kind: "stack", ref },
    collection: "raiPolicy",
    actionHonoured: true,
    flavour: "azure-native",
    name: either(r.string("name", "raiPolicyName"), () => r.string("name", "name")),
    placement: placement(subscriptionOf(id, context), undefined, "", []),
    mode: r.string("mode", "properties", "mode"),
    basePolicyName: r.string("basePolicyName", "properties", "basePolicyName"),
    filters: readFilters(r, SUBSCRIPTION_FILTERS),
    useCases: useCaseTag(r),
    problems: r.problems,
    secret: r.secret,
  };
}

/** Azure treats an empty name like an absent one. */
export function emptyAsAbsent<T>(v: T): T | undefined {
  return typeof v === "string" && v.trim() === "" ? undefined : v;
}

export { parseArmId };
