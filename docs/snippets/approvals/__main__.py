"""A deployment within the organization's approvals (policy-config.json): an approved use case, capacity within
the approved quota for its model, and a gated model (o3) the organization holds the approval for."""
import pulumi_azure_native as azure_native

rg = azure_native.resources.ResourceGroup("rg", resource_group_name="rg-reasoning", location="swedencentral")

account = azure_native.cognitiveservices.Account(
    "openai",
    account_name="oai-reasoning",
    resource_group_name=rg.name,
    location=rg.location,
    kind="OpenAI",
    sku={"name": "S0"},
    properties={"custom_sub_domain_name": "oai-reasoning"},
    tags={
        # Evidence of the universal mitigations (ccc-universal-evidence), for every deployment of the account.
        "ccc-metaprompt": "https://wiki.contoso.com/ai/metaprompts/reasoning",
        "ccc-metaprompt-date": "2026-10-12",
        "ccc-evaluation-report": "https://wiki.contoso.com/ai/evaluations/reasoning-2026-10",
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
    "reasoning-filter",
    account_name=account.name,
    resource_group_name=rg.name,
    rai_policy_name="reasoning-ccc-filter",
    properties={
        "base_policy_name": "Microsoft.DefaultV2",
        "mode": "Blocking",  # synchronous: flagged output is filtered before it is returned
        "content_filters": [
            *harm_filters,
            {"name": "Jailbreak", "source": "Prompt", "enabled": True, "blocking": True},
            {"name": "Protected Material Text", "source": "Completion", "enabled": True, "blocking": True},
        ],
    },
)

# On o3 (gated, approved) for text generation, at 50 units of the 100 approved.
azure_native.cognitiveservices.Deployment(
    "reasoning",
    account_name=account.name,
    resource_group_name=rg.name,
    deployment_name="o3-reasoning",
    sku={"name": "GlobalStandard", "capacity": 50},
    properties={
        "model": {"format": "OpenAI", "name": "o3", "version": "2025-04-16"},
        "rai_policy_name": policy.name,
    },
    tags={"ccc-use-case": "text-generation"},
)
