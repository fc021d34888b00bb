// A code-generation deployment on its own RAI policy: Jailbreak and Protected Material Code in filter mode.
using System.Linq;
using Pulumi;
using AzureNative = Pulumi.AzureNative;
using CognitiveServices = Pulumi.AzureNative.CognitiveServices;

return await Deployment.RunAsync(() =>
{
    var rg = new AzureNative.Resources.ResourceGroup("rg", new()
    {
        ResourceGroupName = "rg-code",
        Location = "swedencentral",
    });

    var account = new CognitiveServices.Account("openai", new()
    {
        AccountName = "oai-code",
        ResourceGroupName = rg.Name,
        Location = rg.Location,
        Kind = "OpenAI",
        Sku = new CognitiveServices.Inputs.SkuArgs { Name = "S0" },
        Properties = new CognitiveServices.Inputs.AccountPropertiesArgs { CustomSubDomainName = "oai-code" },
        // Evidence of the universal mitigations (ccc-universal-evidence), for every deployment of the account.
        Tags =
        {
            { "ccc-metaprompt", "https://wiki.contoso.com/ai/metaprompts/code" },
            { "ccc-metaprompt-date", "2026-10-12" },
            { "ccc-evaluation-report", "https://wiki.contoso.com/ai/evaluations/code-2026-10" },
            { "ccc-evaluation-report-date", "2026-10-20" },
        },
    });

    // Hate, Sexual, Violence and Selfharm enabled and blocking, on prompts and completions.
    var harmFilters =
        from name in new[] { "Hate", "Sexual", "Violence", "Selfharm" }
        from source in new[] { "Prompt", "Completion" }
        select new CognitiveServices.Inputs.RaiPolicyContentFilterArgs
        {
            Name = name, Source = source, Enabled = true, Blocking = true, SeverityThreshold = "Medium",
        };

    var policy = new CognitiveServices.RaiPolicy("code-filter", new()
    {
        AccountName = account.Name,
        ResourceGroupName = rg.Name,
        RaiPolicyName = "code-ccc-filter",
        Properties = new CognitiveServices.Inputs.RaiPolicyPropertiesArgs
        {
            BasePolicyName = "Microsoft.DefaultV2",
            Mode = "Blocking", // synchronous: flagged output is filtered before it is returned
            ContentFilters = harmFilters.Concat(new[]
            {
                new CognitiveServices.Inputs.RaiPolicyContentFilterArgs
                {
                    Name = "Jailbreak", Source = "Prompt", Enabled = true, Blocking = true,
                },
                new CognitiveServices.Inputs.RaiPolicyContentFilterArgs
                {
                    Name = "Protected Material Code", Source = "Completion", Enabled = true, Blocking = true,
                },
            }).ToArray(),
        },
    });

    new CognitiveServices.Deployment("codegen", new()
    {
        AccountName = account.Name,
        ResourceGroupName = rg.Name,
        DeploymentName = "gpt-4o-code",
        Sku = new CognitiveServices.Inputs.SkuArgs { Name = "GlobalStandard", Capacity = 50 },
        Properties = new CognitiveServices.Inputs.DeploymentPropertiesArgs
        {
            Model = new CognitiveServices.Inputs.DeploymentModelArgs
            {
                Format = "OpenAI", Name = "gpt-4o", Version = "2024-11-20",
            },
            RaiPolicyName = policy.Name,
        },
        Tags = { { "ccc-use-case", "code-generation" } },
    });
});
