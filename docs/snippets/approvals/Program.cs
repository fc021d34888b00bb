// A deployment within the organization's approvals (policy-config.json): an approved use case, capacity within
// the approved quota for its model, and a gated model (o3) the organization holds the approval for.
using System.Linq;
using Pulumi;
using AzureNative = Pulumi.AzureNative;
using CognitiveServices = Pulumi.AzureNative.CognitiveServices;

return await Deployment.RunAsync(() =>
{
    var rg = new AzureNative.Resources.ResourceGroup("rg", new()
    {
        ResourceGroupName = "rg-reasoning",
        Location = "swedencentral",
    });

    var account = new CognitiveServices.Account("openai", new()
    {
        AccountName = "oai-reasoning",
        ResourceGroupName = rg.Name,
        Location = rg.Location,
        Kind = "OpenAI",
        Sku = new CognitiveServices.Inputs.SkuArgs { Name = "S0" },
        Properties = new CognitiveServices.Inputs.AccountPropertiesArgs { CustomSubDomainName = "oai-reasoning" },
        // Evidence of the universal mitigations (ccc-universal-evidence), for every deployment of the account.
        Tags =
        {
            { "ccc-metaprompt", "https://wiki.contoso.com/ai/metaprompts/reasoning" },
            { "ccc-metaprompt-date", "2026-10-12" },
            { "ccc-evaluation-report", "https://wiki.contoso.com/ai/evaluations/reasoning-2026-10" },
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

    var policy = new CognitiveServices.RaiPolicy("reasoning-filter", new()
    {
        AccountName = account.Name,
        ResourceGroupName = rg.Name,
        RaiPolicyName = "reasoning-ccc-filter",
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
                    Name = "Protected Material Text", Source = "Completion", Enabled = true, Blocking = true,
                },
            }).ToArray(),
        },
    });

    // On o3 (gated, approved) for text generation, at 50 units of the 100 approved.
    new CognitiveServices.Deployment("reasoning", new()
    {
        AccountName = account.Name,
        ResourceGroupName = rg.Name,
        DeploymentName = "o3-reasoning",
        Sku = new CognitiveServices.Inputs.SkuArgs { Name = "GlobalStandard", Capacity = 50 },
        Properties = new CognitiveServices.Inputs.DeploymentPropertiesArgs
        {
            Model = new CognitiveServices.Inputs.DeploymentModelArgs
            {
                Format = "OpenAI", Name = "o3", Version = "2025-04-16",
            },
            RaiPolicyName = policy.Name,
        },
        Tags = { { "ccc-use-case", "text-generation" } },
    });
});
