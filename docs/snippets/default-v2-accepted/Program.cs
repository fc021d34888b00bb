// A text-generation deployment on Microsoft.DefaultV2, judged by Microsoft's documentation of that policy because
// the organization accepts it (policy-config.json: ccc-organization-config.acceptMicrosoftDefaultPolicy).
using Pulumi;
using AzureNative = Pulumi.AzureNative;
using CognitiveServices = Pulumi.AzureNative.CognitiveServices;

return await Deployment.RunAsync(() =>
{
    var rg = new AzureNative.Resources.ResourceGroup("rg", new()
    {
        ResourceGroupName = "rg-assistant",
        Location = "swedencentral",
    });

    var account = new CognitiveServices.Account("openai", new()
    {
        AccountName = "oai-assistant",
        ResourceGroupName = rg.Name,
        Location = rg.Location,
        Kind = "OpenAI",
        Sku = new CognitiveServices.Inputs.SkuArgs { Name = "S0" },
        Properties = new CognitiveServices.Inputs.AccountPropertiesArgs { CustomSubDomainName = "oai-assistant" },
        Tags =
        {
            { "ccc-metaprompt", "https://wiki.contoso.com/ai/metaprompts/assistant" },
            { "ccc-metaprompt-date", "2026-10-12" },
            { "ccc-evaluation-report", "https://wiki.contoso.com/ai/evaluations/assistant-2026-10" },
            { "ccc-evaluation-report-date", "2026-10-20" },
        },
    });

    new CognitiveServices.Deployment("assistant", new()
    {
        AccountName = account.Name,
        ResourceGroupName = rg.Name,
        DeploymentName = "gpt-4o-assistant",
        Sku = new CognitiveServices.Inputs.SkuArgs { Name = "GlobalStandard", Capacity = 50 },
        Properties = new CognitiveServices.Inputs.DeploymentPropertiesArgs
        {
            Model = new CognitiveServices.Inputs.DeploymentModelArgs
            {
                Format = "OpenAI", Name = "gpt-4o", Version = "2024-11-20",
            },
            // Named explicitly: a deployment that names no policy gets whatever the service assigns.
            RaiPolicyName = "Microsoft.DefaultV2",
        },
        Tags = { { "ccc-use-case", "text-generation" } },
    });
});
