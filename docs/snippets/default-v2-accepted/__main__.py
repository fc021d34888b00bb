"""A text-generation deployment on Microsoft.DefaultV2, judged by Microsoft's documentation of that policy because
the organization accepts it (policy-config.json: ccc-organization-config.acceptMicrosoftDefaultPolicy)."""
import pulumi_azure_native as azure_native

rg = azure_native.resources.ResourceGroup("rg", resource_group_name="rg-assistant", location="swedencentral")

account = azure_native.cognitiveservices.Account(
    "openai",
    account_name="oai-assistant",
    resource_group_name=rg.name,
    location=rg.location,
    kind="OpenAI",
    sku={"name": "S0"},
    properties={"custom_sub_domain_name": "oai-assistant"},
    tags={
        "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/assistant",
        "ccc-metaprompt-date": "2026-10-12",
        "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/assistant-2026-10",
        "ccc-evaluation-report-date": "2026-10-20",
    },
)

azure_native.cognitiveservices.Deployment(
    "assistant",
    account_name=account.name,
    resource_group_name=rg.name,
    deployment_name="gpt-4o-assistant",
    sku={"name": "GlobalStandard", "capacity": 50},
    properties={
        "model": {"format": "OpenAI", "name": "gpt-4o", "version": "2024-11-20"},
        # Named explicitly: a deployment that names no policy gets whatever the service assigns.
        "rai_policy_name": "Microsoft.DefaultV2",
    },
    tags={"ccc-use-case": "text-generation"},
)
