// A text-generation deployment on its own RAI policy: Jailbreak and Protected Material Text in filter mode.
package main

import (
	cognitiveservices "github.com/pulumi/pulumi-azure-native-sdk/cognitiveservices/v3"
	resources "github.com/pulumi/pulumi-azure-native-sdk/resources/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		rg, err := resources.NewResourceGroup(ctx, "rg", &resources.ResourceGroupArgs{
			ResourceGroupName: pulumi.String("rg-chat"),
			Location:          pulumi.String("swedencentral"),
		})
		if err != nil {
			return err
		}

		account, err := cognitiveservices.NewAccount(ctx, "openai", &cognitiveservices.AccountArgs{
			AccountName:       pulumi.String("oai-chat"),
			ResourceGroupName: rg.Name,
			Location:          rg.Location,
			Kind:              pulumi.String("OpenAI"),
			Sku:               &cognitiveservices.SkuArgs{Name: pulumi.String("S0")},
			Properties: &cognitiveservices.AccountPropertiesArgs{
				CustomSubDomainName: pulumi.String("oai-chat"),
			},
			// Evidence of the universal mitigations (ccc-universal-evidence), for every deployment of the account.
			Tags: pulumi.StringMap{
				"ccc-metaprompt":             pulumi.String("https://wiki.contoso.com/ai/metaprompts/chat"),
				"ccc-metaprompt-date":        pulumi.String("2026-10-12"),
				"ccc-evaluation-report":      pulumi.String("https://wiki.contoso.com/ai/evaluations/chat-2026-10"),
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

		policy, err := cognitiveservices.NewRaiPolicy(ctx, "chat-filter", &cognitiveservices.RaiPolicyArgs{
			AccountName:       account.Name,
			ResourceGroupName: rg.Name,
			RaiPolicyName:     pulumi.String("chat-ccc-filter"),
			Properties: &cognitiveservices.RaiPolicyPropertiesArgs{
				BasePolicyName: pulumi.String("Microsoft.DefaultV2"),
				Mode:           pulumi.String("Blocking"), // synchronous: flagged output is filtered before it is returned
				ContentFilters: filters,
			},
		})
		if err != nil {
			return err
		}

		_, err = cognitiveservices.NewDeployment(ctx, "chat", &cognitiveservices.DeploymentArgs{
			AccountName:       account.Name,
			ResourceGroupName: rg.Name,
			DeploymentName:    pulumi.String("gpt-4o-chat"),
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
