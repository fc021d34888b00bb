// The classic provider `@pulumi/azure` 6.40 (bridged from Terraform azurerm) into the model. Field names are
// from cognitive/*.d.ts: a policy's contentFilters[].filterEnabled/blockEnabled play the role of
// enabled/blocking; the account is referenced by its ARM id in cognitiveAccountId; a Deployment has no tags
// and no spillover.
import { Account, ContentFilterPolicy, Deployment, ResourceRef, Value } from "../model/model";
import { Reader } from "./reader";
import { CAPACITY_PATHS } from "../ruleData/quotas";
import {
  ReadContext,
  capacityOf,
  evidence,
  fromId,
  placement,
  readFilters,
  segmentOf,
  subscriptionOf,
  useCaseTag,
} from "./common";
import { emptyAsAbsent } from "./azureNative";

const FILTERS = { path: ["contentFilters"], enabled: "filterEnabled", blocking: "blockEnabled", actionHonoured: false };

function reader(props: unknown, context: ReadContext): Reader {
  return new Reader(props, context.taint, [], context.unreadable);
}

/** `azure:cognitive/account:Account` and `azure:cognitive/aIServices:AIServices` (whose kind is AIServices). */
export function readClassicAccount(
  ref: ResourceRef,
  props: unknown,
  context: ReadContext,
  fixedKind?: string,
): Account {
  const r = reader(props, context);
  const id = r.string(undefined, "id");
  return {
    ref,
    flavour: "classic",
    collection: "accounts",
    name: r.string("name", "name"),
    placement: placement(
      subscriptionOf(id, context),
      r.string("resourceGroup", "resourceGroupName"),
      "resourceGroupName",
      [],
    ),
    kind: fixedKind ?? r.string("kind", "kind"),
    location: r.string("location", "location"),
    useCases: useCaseTag(r),
    evidence: evidence(r),
    problems: r.problems,
    secret: r.secret,
  };
}

/** The account a child names by ARM id: subscription, resource group and account all come from it. */
function accountPlacement(r: Reader, context: ReadContext) {
  const accountId: Value<string> = r.string("accountName", "cognitiveAccountId");
  if (r.secret.has("accountName")) r.markSecret("resourceGroup");
  return {
    ...placement(
      subscriptionOf(accountId, context, "cognitiveAccountId"),
      fromId(accountId, (a) => a.resourceGroup),
      "cognitiveAccountId",
      [
        {
          collection: "accounts",
          name: fromId(accountId, (a) => segmentOf(a, "accounts")),
          link: "cognitiveAccountId",
          linkOutput: "id",
        },
      ],
    ),
    resourceGroupLinkOutput: "id" as const,
  };
}

export function readClassicDeployment(ref: ResourceRef, props: unknown, context: ReadContext): Deployment {
  const r = reader(props, context);
  return {
    ref,
    flavour: "classic",
    name: r.string("name", "name"),
    placement: accountPlacement(r, context),
    raiPolicyName: emptyAsAbsent(r.string("raiPolicyName", "raiPolicyName")),
    modelName: r.string("modelName", "model", "name"),
    modelFormat: r.string("modelFormat", "model", "format"),
    modelVersion: r.string("modelVersion", "model", "version"),
    ...capacityOf(r, CAPACITY_PATHS.classic),
    skuName: r.string("skuName", "sku", "name"),
    spilloverDeploymentName: undefined,
    useCases: { raw: undefined, values: [], invalid: [], secret: false },
    evidence: evidence(r),
    problems: r.problems,
    policyLink: "raiPolicyName",
    secret: r.secret,
  };
}

export function readClassicRaiPolicy(ref: ResourceRef, props: unknown, context: ReadContext): ContentFilterPolicy {
  const r = reader(props, context);
  return {
    origin: { kind: "stack", ref },
    collection: "raiPolicies",
    actionHonoured: false,
    flavour: "classic",
    name: r.string("name", "name"),
    placement: accountPlacement(r, context),
    mode: r.string("mode", "mode"),
    basePolicyName: r.string("basePolicyName", "basePolicyName"),
    filters: readFilters(r, FILTERS),
    useCases: useCaseTag(r),
    problems: r.problems,
    secret: r.secret,
  };
}
