// Demonstrates: an account looked up from outside the stack. The platform team owns the shared account
// "oai-shared-prod" and its content filter "corp-shared-filter"; this team stack reads the account with
// `cognitiveservices.getAccountOutput` and `cognitiveservices.Account.get`, and adds its own deployments to it.
// Intent: "team-chat" names the shared filter, which is neither in the stack nor declared in pack config:
// non-compliant (ccc-verifiable-rai-policy); with config-declared.json the shared filter is declared with its
// CCC filters and the stack passes. The account's own tags are not in the stack, so the use case is declared
// on the deployment.
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";

const sharedResourceGroup = "rg-shared-ai";
const shared = cognitiveservices.getAccountOutput({
  resourceGroupName: sharedResourceGroup,
  accountName: "oai-shared-prod",
});

new cognitiveservices.Deployment("team-chat", {
  accountName: shared.name,
  resourceGroupName: sharedResourceGroup,
  deploymentName: "team-search-gpt-4o",
  sku: { name: "GlobalStandard", capacity: 20 },
  properties: {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: "corp-shared-filter",
  },
  tags: {
    "ccc-use-case": "text-generation",
    "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/team-search",
    "ccc-metaprompt-date": "2026-10-07",
    "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/team-search-2026-10",
    "ccc-evaluation-report-date": "2026-10-21",
  },
});

// The same account, read as a resource (by its ARM id) for its endpoint.
const sharedAccount = cognitiveservices.Account.get(
  "shared-account",
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared-ai/providers/Microsoft.CognitiveServices/accounts/oai-shared-prod",
);

export const endpoint = sharedAccount.properties.endpoint;
export const sharedAccountId = shared.id;
