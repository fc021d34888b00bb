// Demonstrates: a `ComponentResource` that wraps an account with its content filter policy and deployments,
// the way teams package Azure OpenAI for reuse. Child resources are registered with `parent: this`, so their
// URNs carry the component's type. Intent: the "support" instance serves text generation on a compliant
// policy; the "devtools" instance serves code generation, but the component's filter list only knows the text
// filters, so Protected Material Code is missing: non-compliant (ccc-code-protected-material-filter).
import * as pulumi from "@pulumi/pulumi";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

interface ModelDeployment {
  name: string;
  model: string;
  version: string;
  capacity: number;
}

interface OpenAiServiceArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  /** The `ccc-use-case` of the account: the default for its deployments. */
  useCase: string;
  deployments: ModelDeployment[];
}

class OpenAiService extends pulumi.ComponentResource {
  readonly accountName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;

  constructor(name: string, args: OpenAiServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("contoso:ai:OpenAiService", name, {}, opts);
    const account = new cognitiveservices.Account(
      `${name}-account`,
      {
        accountName: `oai-${name}-prod`,
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        kind: "OpenAI",
        sku: { name: "S0" },
        properties: { customSubDomainName: `oai-${name}-prod`, publicNetworkAccess: "Enabled" },
        tags: {
          "ccc-use-case": args.useCase,
          "ccc-metaprompt": `https://wiki.contoso.com/ai/metaprompts/${name}`,
          "ccc-metaprompt-date": "2026-10-10",
          "ccc-evaluation-report": `https://wiki.contoso.com/ai/evaluations/${name}-2026-10`,
          "ccc-evaluation-report-date": "2026-10-14",
        },
      },
      { parent: this },
    );
    const policy = new cognitiveservices.RaiPolicy(
      `${name}-filter`,
      {
        accountName: account.name,
        resourceGroupName: args.resourceGroupName,
        raiPolicyName: `${name}-filter`,
        properties: {
          basePolicyName: "Microsoft.DefaultV2",
          mode: "Blocking",
          // Written for the first (chat) user of the component.
          contentFilters: [
            { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
            { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
          ],
        },
      },
      { parent: this },
    );
    for (const d of args.deployments) {
      new cognitiveservices.Deployment(
        `${name}-${d.name}`,
        {
          accountName: account.name,
          resourceGroupName: args.resourceGroupName,
          deploymentName: d.name,
          sku: { name: "GlobalStandard", capacity: d.capacity },
          properties: {
            model: { format: "OpenAI", name: d.model, version: d.version },
            raiPolicyName: policy.name,
          },
        },
        { parent: this },
      );
    }
    this.accountName = account.name;
    this.endpoint = account.properties.endpoint;
    this.registerOutputs({ accountName: this.accountName, endpoint: this.endpoint });
  }
}

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-ai-services-prod", location: "eastus2" });

const support = new OpenAiService("support", {
  resourceGroupName: rg.name,
  location: rg.location,
  useCase: "text-generation",
  deployments: [{ name: "chat", model: "gpt-4o", version: "2024-11-20", capacity: 50 }],
});

const devtools = new OpenAiService("devtools", {
  resourceGroupName: rg.name,
  location: rg.location,
  useCase: "code-generation",
  deployments: [{ name: "completion", model: "gpt-4.1", version: "2025-04-14", capacity: 80 }],
});

export const supportEndpoint = support.endpoint;
export const devtoolsEndpoint = devtools.endpoint;
