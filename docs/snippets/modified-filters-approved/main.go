// A RAI policy with a modified content filter (Violence on completions annotates instead of blocking), under the
// organization's approval for modified content filters (policy-config.json: modifiedFiltersApproved).
package main

import (
	cognitiveservices "github.com/pulumi/pulumi-azure-native-sdk/cognitiveservices/v3"
	resources "github.com/pulumi/pulumi-azure-native-sdk/resources/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		rg, err := resources.NewResourceGroup(ctx, "rg", &resources.ResourceGroupArgs{
			ResourceGroupName: pulumi.String("rg-archive"),
			Location:          pulumi.String("swedencentral"),
		})
		if err != nil {
			return err
		}

		account, err := cognitiveservices.NewAccount(ctx, "openai", &cognitiveservices.AccountArgs{
			AccountName:       pulumi.String("oai-archive"),
			ResourceGroupName: rg.Name,
			Location:          rg.Location,
			Kind:              pulumi.String("OpenAI"),
			Sku:               &cognitiveservices.SkuArgs{Name: pulumi.String("S0")},
			Properties: &cognitiveservices.AccountPropertiesArgs{
				CustomSubDomainName: pulumi.String("oai-archive"),
			},
			// Evidence of the universal mitigations (ccc-universal-evidence), for every deployment of the account.
			Tags: pulumi.StringMap{
				"ccc-metaprompt":             pulumi.String("https://wiki.contoso.com/ai/metaprompts/archive"),
				"ccc-metaprompt-date":        pulumi.String("2026-10-12"),
				"ccc-evaluation-report":      pulumi.String("https://wiki.contoso.com/ai/evaluations/archive-2026-10"),
				"ccc-evaluation-report-date": pulumi.String("2026-10-20"),
			},
		})
		if err != nil {
			return err
		}

		// Hate, Sexual and Selfharm enabled and blocking, on prompts and completions.
		filters := cognitiveservices.RaiPolicyContentFilterArray{}
		for _, name := range []string{"Hate", "Sexual", "Selfharm"} {
			for _, source := range []string{"Prompt", "Completion"} {
				filters = append(filters, &cognitiveservices.RaiPolicyContentFilterArgs{
					Name:              pulumi.String(name),
					Source:            pulumi.String(source),
					Enabled:           pulumi.Bool(true),
					Blocking:          pulumi.Bool(true),
					SeverityThreshold: pulumi.String("Medium"),
				})
			}
		}
		filters = append(filters,
			&cognitiveservices.RaiPolicyContentFilterArgs{
				Name: pulumi.String("Violence"), Source: pulumi.String("Prompt"),
				Enabled: pulumi.Bool(true), Blocking: pulumi.Bool(true), SeverityThreshold: pulumi.String("Medium"),
			},
			// Modified: annotate only. Azure accepts it only with Microsoft's approval for modified content filters.
			&cognitiveservices.RaiPolicyContentFilterArgs{
				Name: pulumi.String("Violence"), Source: pulumi.String("Completion"),
				Enabled: pulumi.Bool(true), Blocking: pulumi.Bool(false), SeverityThreshold: pulumi.String("Medium"),
			},
			&cognitiveservices.RaiPolicyContentFilterArgs{
				Name: pulumi.String("Jailbreak"), Source: pulumi.String("Prompt"),
				Enabled: pulumi.Bool(true), Blocking: pulumi.Bool(true),
			},
			&cognitiveservices.RaiPolicyContentFilterArgs{
				Name: pulumi.String("Protected Material Text"), Source: pulumi.String("Completion"),
				Enabled: pulumi.Bool(true), Blocking: pulumi.Bool(true),
			},
		)

		policy, err := cognitiveservices.NewRaiPolicy(ctx, "archive-filter", &cognitiveservices.RaiPolicyArgs{
			AccountName:       account.Name,
			ResourceGroupName: rg.Name,
			RaiPolicyName:     pulumi.String("archive-ccc-filter"),
			Properties: &cognitiveservices.RaiPolicyPropertiesArgs{
				BasePolicyName: pulumi.String("Microsoft.DefaultV2"),
				Mode:           pulumi.String("Blocking"), // synchronous: flagged output is filtered before it is returned
				ContentFilters: filters,
			},
		})
		if err != nil {
			return err
		}

		_, err = cognitiveservices.NewDeployment(ctx, "archive", &cognitiveservices.DeploymentArgs{
			AccountName:       account.Name,
			ResourceGroupName: rg.Name,
			DeploymentName:    pulumi.String("gpt-4o-archive"),
			Sku:               &cognitiveservices.SkuArgs{Name: pulumi.String("GlobalStandard"), Capacity: pulumi.Int(50)},
			Properties: &cognitiveservices.DeploymentPropertiesArgs{
				Model: &cognitiveservices.DeploymentModelArgs{
					Format:  pulumi.String("OpenAI"),
					Name:    pulumi.String("gpt-4o"),
					Version: pulumi.String("2024-11-20"),
				},
				RaiPolicyName: policy.Name,
			},
			Tags: pulumi.StringMap{"ccc-use-case": pulumi.String("text-generation")},
		})
		return err
	})
}
