// A RAI policy with a modified content filter (Violence on completions annotates instead of blocking), under the
// organization's approval for modified content filters (policy-config.json: modifiedFiltersApproved).
using System.Linq;
using Pulumi;
using AzureNative = Pulumi.AzureNative;
using CognitiveServices = Pulumi.AzureNative.CognitiveServices;

return await Deployment.RunAsync(() =>
{
    var rg = new AzureNative.Resources.ResourceGroup("rg", new()
    {
        ResourceGroupName = "rg-archive",
        Location = "swedencentral",
    });

    var account = new CognitiveServices.Account("openai", new()
    {
        AccountName = "oai-archive",
        ResourceGroupName = rg.Name,
        Location = rg.Location,
        Kind = "OpenAI",
        Sku = new CognitiveServices.Inputs.SkuArgs { Name = "S0" },
        Properties = new CognitiveServices.Inputs.AccountPropertiesArgs { CustomSubDomainName = "oai-archive" },
        // Evidence of the universal mitigations (ccc-universal-evidence), for every deployment of the account.
        Tags =
        {
            { "ccc-metaprompt", "https://wiki.contoso.com/ai/metaprompts/archive" },
            { "ccc-metaprompt-date", "2026-10-12" },
            { "ccc-evaluation-report", "https://wiki.contoso.com/ai/evaluations/archive-2026-10" },
            { "ccc-evaluation-report-date", "2026-10-20" },
        },
    });

    // Hate, Sexual and Selfharm enabled and blocking, on prompts and completions.
    var harmFilters =
        from name in new[] { "Hate", "Sexual", "Selfharm" }
        from source in new[] { "Prompt", "Completion" }
        select new CognitiveServices.Inputs.RaiPolicyContentFilterArgs
        {
            Name = name, Source = source, Enabled = true, Blocking = true, SeverityThreshold = "Medium",
        };

    var policy = new CognitiveServices.RaiPolicy("archive-filter", new()
    {
        AccountName = account.Name,
        ResourceGroupName = rg.Name,
        RaiPolicyName = "archive-ccc-filter",
        Properties = new CognitiveServices.Inputs.RaiPolicyPropertiesArgs
        {
            BasePolicyName = "Microsoft.DefaultV2",
            Mode = "Blocking", // synchronous: flagged output is filtered before it is returned
            ContentFilters = harmFilters.Concat(new[]
            {
                new CognitiveServices.Inputs.RaiPolicyContentFilterArgs
                {
                    Name = "Violence", Source = "Prompt", Enabled = true, Blocking = true, SeverityThreshold = "Medium",
                },
                // Modified: annotate only. Azure accepts it only with Microsoft's approval for modified content filters.
                new CognitiveServices.Inputs.RaiPolicyContentFilterArgs
                {
                    Name = "Violence", Source = "Completion", Enabled = true, Blocking = false, SeverityThreshold = "Medium",
                },
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

    new CognitiveServices.Deployment("archive", new()
    {
        AccountName = account.Name,
        ResourceGroupName = rg.Name,
        DeploymentName = "gpt-4o-archive",
        Sku = new CognitiveServices.Inputs.SkuArgs { Name = "GlobalStandard", Capacity = 50 },
        Properties = new CognitiveServices.Inputs.DeploymentPropertiesArgs
        {
            Model = new CognitiveServices.Inputs.DeploymentModelArgs
            {
                Format = "OpenAI", Name = "gpt-4o", Version = "2024-11-20",
            },
            RaiPolicyName = policy.Name,
        },
        Tags = { { "ccc-use-case", "text-generation" } },
    });
});
