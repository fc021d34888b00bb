"""A code-generation deployment on its own RAI policy: Jailbreak and Protected Material Code in filter mode."""
import pulumi_azure_native as azure_native

rg = azure_native.resources.ResourceGroup("rg", resource_group_name="rg-code", location="swedencentral")

account = azure_native.cognitiveservices.Account(
    "openai",
    account_name="oai-code",
    resource_group_name=rg.name,
    location=rg.location,
    kind="OpenAI",
    sku={"name": "S0"},
    properties={"custom_sub_domain_name": "oai-code"},
    tags={
        # Evidence of the universal mitigations (ccc-universal-evidence), for every deployment of the account.
        "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/code",
        "ccc-metaprompt-date": "2026-10-12",
        "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/code-2026-10",
        "ccc-evaluation-report-date": "2026-10-20",
    },
)

# Hate, Sexual, Violence and Selfharm enabled and blocking, on prompts and completions.
harm_filters = [
    {"name": name, "source": source, "enabled": True, "blocking": True, "severity_threshold": "Medium"}
    for name in ["Hate", "Sexual", "Violence", "Selfharm"]
    for source in ["Prompt", "Completion"]
]

policy = azure_native.cognitiveservices.RaiPolicy(
    "code-filter",
    account_name=account.name,
    resource_group_name=rg.name,
    rai_policy_name="code-ccc-filter",
    properties={
        "base_policy_name": "Microsoft.DefaultV2",
        "mode": "Blocking",  # synchronous: flagged output is filtered before it is returned
        "content_filters": [
            *harm_filters,
            {"name": "Jailbreak", "source": "Prompt", "enabled": True, "blocking": True},
            {"name": "Protected Material Code", "source": "Completion", "enabled": True, "blocking": True},
        ],
    },
)

azure_native.cognitiveservices.Deployment(
    "codegen",
    account_name=account.name,
    resource_group_name=rg.name,
    deployment_name="gpt-4o-code",
    sku={"name": "GlobalStandard", "capacity": 50},
    properties={
        "model": {"format": "OpenAI", "name": "gpt-4o", "version": "2024-11-20"},
        "rai_policy_name": policy.name,
    },
    tags={"ccc-use-case": "code-generation"},
)
