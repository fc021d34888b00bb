// A text-generation deployment on Microsoft.DefaultV2, judged by Microsoft's documentation of that policy because
// the organization accepts it (policy-config.json: ccc-organization-config.acceptMicrosoftDefaultPolicy).
package main

import (
	cognitiveservices "github.com/pulumi/pulumi-azure-native-sdk/cognitiveservices/v3"
	resources "github.com/pulumi/pulumi-azure-native-sdk/resources/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		rg, err := resources.NewResourceGroup(ctx, "rg", &resources.ResourceGroupArgs{
			ResourceGroupName: pulumi.String("rg-assistant"),
			Location:          pulumi.String("swedencentral"),
		})
		if err != nil {
			return err
		}

		account, err := cognitiveservices.NewAccount(ctx, "openai", &cognitiveservices.AccountArgs{
			AccountName:       pulumi.String("oai-assistant"),
			ResourceGroupName: rg.Name,
			Location:          rg.Location,
			Kind:              pulumi.String("OpenAI"),
			Sku:               &cognitiveservices.SkuArgs{Name: pulumi.String("S0")},
			Properties: &cognitiveservices.AccountPropertiesArgs{
				CustomSubDomainName: pulumi.String("oai-assistant"),
			},
			Tags: pulumi.StringMap{
				"ccc-metaprompt":             pulumi.String("https://wiki.contoso.com/ai/metaprompts/assistant"),
				"ccc-metaprompt-date":        pulumi.String("2026-10-12"),
				"ccc-evaluation-report":      pulumi.String("https://wiki.contoso.com/ai/evaluations/assistant-2026-10"),
				"ccc-evaluation-report-date": pulumi.String("2026-10-20"),
			},
		})
		if err != nil {
			return err
		}

		_, err = cognitiveservices.NewDeployment(ctx, "assistant", &cognitiveservices.DeploymentArgs{
			AccountName:       account.Name,
			ResourceGroupName: rg.Name,
			DeploymentName:    pulumi.String("gpt-4o-assistant"),
			Sku:               &cognitiveservices.SkuArgs{Name: pulumi.String("GlobalStandard"), Capacity: pulumi.Int(50)},
			Properties: &cognitiveservices.DeploymentPropertiesArgs{
				Model: &cognitiveservices.DeploymentModelArgs{
					Format:  pulumi.String("OpenAI"),
					Name:    pulumi.String("gpt-4o"),
					Version: pulumi.String("2024-11-20"),
				},
				// Named explicitly: a deployment that names no policy gets whatever the service assigns.
				RaiPolicyName: pulumi.String("Microsoft.DefaultV2"),
			},
			Tags: pulumi.StringMap{"ccc-use-case": pulumi.String("text-generation")},
		})
		return err
	})
}
