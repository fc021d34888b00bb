// Fixes worded for the provider and resource family the program uses: azure-native, classic @pulumi/azure,
// or the AI Foundry hub resources.
import { FilterSpec } from "../model/filters";
import { Flavour } from "../model/model";
import { USE_CASE_TAG } from "../model/useCases";

/** A clause as a sentence: capitalized. */
export function sentence(text: string): string {
  return text.length === 0 ? text : `${text[0].toUpperCase()}${text.slice(1)}`;
}

/** How to create a policy and attach it, in the program's API. */
export function attachPolicyFix(flavour: Flavour): string {
  switch (flavour) {
    case "classic":
      return "create an azure.cognitive.AccountRaiPolicy (cognitiveAccountId: account.id) with the required filters and set the Deployment's raiPolicyName: policy.name";
    case "foundry-hub":
      return "create a machinelearningservices.RaiPolicy on the same workspace and endpoint (or a ConnectionRaiPolicy on the same connection) with the required filters and set the deployment's properties.raiPolicyName: policy.name";
    case "azure-native":
      return "create a cognitiveservices.RaiPolicy on the deployment's account with the required filters and set the deployment's properties.raiPolicyName: policy.name";
  }
}

/** The filter entry to add, in the provider's spelling. */
export function filterEntry(flavour: Flavour, spec: FilterSpec, blocking = true): string {
  if (flavour === "classic") {
    return `{name: "${spec.display}", source: "${spec.source}", filterEnabled: true, blockEnabled: ${blocking}, severityThreshold: "High"} in contentFilters`;
  }
  return `{name: "${spec.display}", source: "${spec.source}", enabled: true, blocking: ${blocking}} in properties.contentFilters`;
}

/** Where the program declares a use case. */
export function declareUseCaseFix(flavour: Flavour, values = "text-generation"): string {
  switch (flavour) {
    case "classic":
      return `azurerm deployments take no tags: tag the azure.cognitive.Account (or the AccountRaiPolicy it uses) with "${USE_CASE_TAG}": "${values}", or set ccc-organization-config.defaultUseCases`;
    case "foundry-hub":
      return `hub deployments take no tags: tag the machinelearningservices.Workspace with "${USE_CASE_TAG}": "${values}", or set ccc-organization-config.defaultUseCases`;
    case "azure-native":
      return `tag the deployment (or its account, as a default) with "${USE_CASE_TAG}": "${values}", or set ccc-organization-config.defaultUseCases`;
  }
}

/** How a program names a resource type: `azure.cognitive.AIServices`, `cognitiveservices.Account`. */
export function sdkClass(type: string): string {
  const [pkg, module, name] = type.split(":");
  const mod = module.split("/")[0];
  return pkg === "azure" ? `azure.${mod}.${name}` : `${mod}.${name}`;
}

/**
 * What to tag with a deployment's evidence: deployments of the classic and hub APIs take no tags, so their
 * account or workspace, named by its own type where the stack has it (a classic deployment may sit on an
 * AIServices or an azure-native account).
 */
export function evidenceHolder(flavour: Flavour, account?: { readonly type: string }): string {
  if (flavour === "azure-native") return "the deployment or its account";
  if (account !== undefined) return `its ${sdkClass(account.type)}`;
  return flavour === "classic" ? "its azure.cognitive.Account" : "its machinelearningservices.Workspace";
}

/** How a deployment references its account, which also registers (and creates) the account first. */
export function referenceAccountFix(flavour: Flavour): string {
  switch (flavour) {
    case "classic":
      return "cognitiveAccountId: account.id";
    case "foundry-hub":
      return "workspaceName: workspace.name";
    case "azure-native":
      return "accountName: account.name";
  }
}

/** The policy mode property. */
export function modeProperty(flavour: Flavour): string {
  return flavour === "classic" ? "mode" : "properties.mode";
}
