// A deployment within the organization's approvals (policy-config.json): an approved use case, capacity within
// the approved quota for its model, and a gated model (o3) the organization holds the approval for.
package main

import (
	cognitiveservices "github.com/pulumi/pulumi-azure-native-sdk/cognitiveservices/v3"
	resources "github.com/pulumi/pulumi-azure-native-sdk/resources/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		rg, err := resources.NewResourceGroup(ctx, "rg", &resources.ResourceGroupArgs{
			ResourceGroupName: pulumi.String("rg-reasoning"),
			Location:          pulumi.String("swedencentral"),
		})
		if err != nil {
			return err
		}

		account, err := cognitiveservices.NewAccount(ctx, "openai", &cognitiveservices.AccountArgs{
			AccountName:       pulumi.String("oai-reasoning"),
			ResourceGroupName: rg.Name,
			Location:          rg.Location,
			Kind:              pulumi.String("OpenAI"),
			Sku:               &cognitiveservices.SkuArgs{Name: pulumi.String("S0")},
			Properties: &cognitiveservices.AccountPropertiesArgs{
				CustomSubDomainName: pulumi.String("oai-reasoning"),
			},
			// Evidence of the universal mitigations (ccc-universal-evidence), for every deployment of the account.
			Tags: pulumi.StringMap{
				"ccc-metaprompt":             pulumi.String("https://wiki.contoso.com/ai/metaprompts/reasoning"),
				"ccc-metaprompt-date":        pulumi.String("2026-10-12"),
				"ccc-evaluation-report":      pulumi.String("https://wiki.contoso.com/ai/evaluations/reasoning-2026-10"),
				"ccc-evaluation-report-date": pulumi.String("2026-10-20"),
			},
		})
		if err != nil {
			return err
		}

		// Hate, Sexual, Violence and Selfharm enabled and blocking, on prompts and completions.
		filters := cognitiveservices.RaiPolicyContentFilterArray{}
		for _, name := range []string{"Hate", "Sexual", "Violence", "Selfharm"} {
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
				Name: pulumi.String("Jailbreak"), Source: pulumi.String("Prompt"),
				Enabled: pulumi.Bool(true), Blocking: pulumi.Bool(true),
			},
			&cognitiveservices.RaiPolicyContentFilterArgs{
				Name: pulumi.String("Protected Material Text"), Source: pulumi.String("Completion"),
				Enabled: pulumi.Bool(true), Blocking: pulumi.Bool(true),
			},
		)

		policy, err := cognitiveservices.NewRaiPolicy(ctx, "reasoning-filter", &cognitiveservices.RaiPolicyArgs{
			AccountName:       account.Name,
			ResourceGroupName: rg.Name,
			RaiPolicyName:     pulumi.String("reasoning-ccc-filter"),
			Properties: &cognitiveservices.RaiPolicyPropertiesArgs{
				BasePolicyName: pulumi.String("Microsoft.DefaultV2"),
				Mode:           pulumi.String("Blocking"), // synchronous: flagged output is filtered before it is returned
				ContentFilters: filters,
			},
		})
		if err != nil {
			return err
		}

		// On o3 (gated, approved) for text generation, at 50 units of the 100 approved.
		_, err = cognitiveservices.NewDeployment(ctx, "reasoning", &cognitiveservices.DeploymentArgs{
			AccountName:       account.Name,
			ResourceGroupName: rg.Name,
			DeploymentName:    pulumi.String("o3-reasoning"),
			Sku:               &cognitiveservices.SkuArgs{Name: pulumi.String("GlobalStandard"), Capacity: pulumi.Int(50)},
			Properties: &cognitiveservices.DeploymentPropertiesArgs{
				Model: &cognitiveservices.DeploymentModelArgs{
					Format:  pulumi.String("OpenAI"),
					Name:    pulumi.String("o3"),
					Version: pulumi.String("2025-04-16"),
				},
				RaiPolicyName: policy.Name,
			},
			Tags: pulumi.StringMap{"ccc-use-case": pulumi.String("text-generation")},
		})
		return err
	})
}
