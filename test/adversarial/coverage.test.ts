// What a deployment runs on and what the CCC covers: Microsoft-managed policies (DefaultV2 by its documented
// contents only when the organization opts in; Default by its documented contents; no policy named is
// unverifiable), models that are not Azure OpenAI, embeddings, spillover, subscription-level policies, AI
// Foundry hub deployments and classic AI Services accounts.
import { ref } from "../support/scenario";
import {
  A,
  COMPLIANT,
  M,
  R,
  account,
  classicAccount,
  classicDeployment,
  classicPolicy,
  deployment,
  hubDeployment,
  hubPolicy,
  policy,
  subscriptionPolicy,
  verify,
  workspace,
  WEAK_JB,
  WEAK_PMT,
} from "./kit";

const ACCEPT = { [R.org]: { acceptMicrosoftDefaultPolicy: true } };
const TEXT = { tags: { "ccc-use-case": "text-generation" } };
const CODE = { tags: { "ccc-use-case": "code-generation" } };

describe("Microsoft-managed policies and no policy", () => {
  it("Microsoft.DefaultV2 without the organization's opt-in is not judged by its documentation", async () => {
    await verify(
      [
        account("oai"),
        deployment("text", "Microsoft.DefaultV2", TEXT),
        deployment("code", "microsoft.defaultv2", CODE),
      ],
      [M(R.explicit, "text"), M(R.explicit, "code")],
    );
  });

  it("Microsoft.DefaultV2 with the opt-in: text passes (with a note), code fails on annotate-only Protected Material Code", async () => {
    await verify(
      [
        account("oai"),
        deployment("text", "Microsoft.DefaultV2", TEXT),
        deployment("code", "MICROSOFT.DEFAULTV2", CODE),
      ],
      [A(R.explicit, "text"), A(R.explicit, "code"), M(R.pmCode, "code")],
      { config: ACCEPT },
    );
  });

  it("Microsoft.Default meets neither use case, even with the opt-in", async () => {
    await verify(
      [account("oai"), deployment("chat", "Microsoft.Default")],
      [A(R.explicit, "chat"), M(R.jailbreak, "chat"), M(R.pmText, "chat")],
      { config: ACCEPT },
    );
  });

  it("Microsoft names that are not documented (a new name, a trailing space) are unverifiable", async () => {
    await verify(
      [account("oai"), deployment("v3", "Microsoft.DefaultV3"), deployment("padded", "Microsoft.DefaultV2 ")],
      [M(R.explicit, "v3"), M(R.explicit, "padded")],
      { config: ACCEPT },
    );
  });

  it("no raiPolicyName, an empty one or a blank one: the service assigns an undocumented policy", async () => {
    await verify(
      [account("oai"), deployment("absent", undefined), deployment("empty", ""), deployment("blank", "   ")],
      [M(R.explicit, "absent"), M(R.explicit, "empty"), M(R.explicit, "blank")],
      { config: ACCEPT },
    );
  });
});

describe("models the CCC covers", () => {
  it("models that are not Azure OpenAI get the advisory, not filter findings", async () => {
    await verify(
      [
        account("ais", { kind: "AIServices" }),
        deployment("mistral", undefined, { account: "ais", format: "Mistral AI", model: "Mistral-Large-2411" }),
        deployment("llama", undefined, { account: "ais", format: "Meta", model: "Llama-3.3-70B-Instruct" }),
        deployment("deepseek", undefined, { account: "ais", format: "DeepSeek", model: "DeepSeek-R1" }),
      ],
      [A(R.covered, "mistral"), A(R.covered, "llama"), A(R.covered, "deepseek")],
    );
  });

  it("a missing format or OpenAI in another case is Azure OpenAI: the filter rules apply", async () => {
    await verify(
      [
        account("oai"),
        deployment("noformat", undefined, { format: null }),
        deployment("lower", undefined, { format: "openai" }),
        deployment("unknownmodel", undefined, { model: "my-custom-llm" }),
      ],
      [M(R.explicit, "noformat"), M(R.explicit, "lower"), M(R.explicit, "unknownmodel")],
    );
  });

  it("embeddings need no filter policy (narrowed, with a note); image and speech models declared text are reported", async () => {
    await verify(
      [
        account("oai"),
        deployment("emb", undefined, { model: "text-embedding-3-large" }),
        deployment("emb-code", undefined, { model: "TEXT-EMBEDDING-3-SMALL", ...CODE }),
        deployment("img", undefined, { model: "dall-e-3" }),
        deployment("stt", undefined, { model: "whisper" }),
      ],
      [A(R.covered, "emb"), A(R.covered, "emb-code"), M(R.useCase, "img"), M(R.useCase, "stt")],
    );
  });
});

describe("spillover", () => {
  it("spillover to a deployment on a weak policy, on no policy, on an asynchronous policy, or on another account", async () => {
    await verify(
      [
        account("oai"),
        account("other"),
        policy("strict", COMPLIANT),
        policy("weak", WEAK_PMT),
        policy("late", COMPLIANT, { mode: "Asynchronous_filter" }),
        policy("strict", COMPLIANT, { account: "other", logical: "other-strict" }),
        deployment("weak-target", "weak", { tags: { "ccc-use-case": "other" } }),
        deployment("bare-target", undefined, { model: "text-embedding-3-small" }),
        deployment("async-target", "late", { tags: { "ccc-use-case": "other" } }),
        deployment("far-target", "strict", { account: "other" }),
        deployment("a", "strict", { spillover: "weak-target" }),
        deployment("b", "strict", { spillover: "BARE-TARGET" }),
        deployment("c", "strict", { spillover: "async-target" }),
        deployment("d", "strict", { spillover: "far-target" }),
      ],
      [A(R.covered, "bare-target"), M(R.pmText, "a"), M(R.pmText, "b"), M(R.async, "c"), M(R.verifiable, "d")],
    );
  });

  it("spillover to a compliant deployment on the same account passes", async () => {
    await verify(
      [
        account("oai"),
        policy("strict", COMPLIANT),
        deployment("target", "strict"),
        deployment("chat", "strict", { spillover: "TARGET" }),
      ],
      [],
    );
  });
});

describe("subscription-level policies", () => {
  it("a name defined only as a SubscriptionRaiPolicy is unverifiable; an account policy of that name is used instead", async () => {
    await verify(
      [
        account("oai"),
        account("acct2"),
        subscriptionPolicy("shared", COMPLIANT),
        policy("shared", WEAK_JB, { account: "acct2", logical: "acct2-shared" }),
        deployment("chat", "shared"),
        deployment("chat2", "shared", { account: "acct2" }),
      ],
      [M(R.verifiable, "chat"), M(R.jailbreak, "chat2")],
    );
  });

  it("a subscription-level policy declared for text generation is itself checked", async () => {
    await verify(
      [
        account("oai"),
        {
          ...subscriptionPolicy("shared", WEAK_JB),
          inputs: { ...subscriptionPolicy("shared", WEAK_JB).inputs, tags: { "ccc-use-case": "text-generation" } },
        },
      ],
      [M(R.jailbreak, "shared")],
    );
  });
});

describe("AI Foundry hub deployments", () => {
  it("endpoint and connection deployments are judged on their hub policies; the workspace declares the use case", async () => {
    await verify(
      [
        workspace("hub"),
        hubPolicy("strict", COMPLIANT),
        hubPolicy("weak", WEAK_PMT, { logical: "ep-weak" }),
        hubPolicy("weak", WEAK_JB, { viaConnection: true, logical: "conn-weak" }),
        hubDeployment("ok", ref("strict")),
        hubDeployment("ep", ref("ep-weak")),
        hubDeployment("conn", ref("conn-weak"), { viaConnection: true }),
        hubDeployment("bare", undefined),
      ],
      [M(R.pmText, "ep"), M(R.jailbreak, "conn"), M(R.explicit, "bare")],
    );
  });

  it("the deployment type decides: Azure.OpenAI in any case is read, other documented types are not OpenAI deployments", async () => {
    await verify(
      [
        workspace("hub"),
        hubDeployment("lower", undefined, { type: "azure.openai" }),
        hubDeployment("safety", undefined, { type: "Azure.ContentSafety" }),
        hubDeployment("speech", undefined, { type: "azure.speech " }),
        hubDeployment("online", undefined, { type: "managedOnlineEndpoint" }),
      ],
      [M(R.explicit, "lower")],
    );
  });

  it("a type Azure does not document is read as Azure OpenAI, never passed over in silence", async () => {
    await verify(
      [
        workspace("hub"),
        hubDeployment("spaced", undefined, { type: "Azure.OpenAI " }),
        hubDeployment("joined", undefined, { type: "AzureOpenAI" }),
        hubDeployment("empty", undefined, { type: "" }),
      ],
      [M(R.explicit, "spaced"), M(R.explicit, "joined"), M(R.explicit, "empty")],
    );
  });

  it("Microsoft.DefaultV2 on a hub deployment follows the opt-in like any other", async () => {
    await verify([workspace("hub"), hubDeployment("chat", "Microsoft.DefaultV2")], [M(R.explicit, "chat")]);
  });
});

describe("classic AI Services accounts", () => {
  it("azure:cognitive/aIServices:AIServices is an account: its deployments and tags count", async () => {
    await verify(
      [
        classicAccount("ais", { aiServices: true }),
        classicAccount("misc", { aiServices: true, useCase: "other" }),
        classicPolicy("strict", ref("ais", "id"), COMPLIANT),
        classicPolicy("weak", ref("ais", "id"), WEAK_JB),
        classicPolicy("weak", ref("misc", "id"), WEAK_JB, { logical: "misc-weak" }),
        classicDeployment("ok", ref("ais", "id"), ref("strict", "name")),
        classicDeployment("bad", ref("ais", "id"), "weak"),
        classicDeployment("bare", ref("ais", "id"), undefined),
        classicDeployment("other-use", ref("misc", "id"), "weak"),
      ],
      [M(R.jailbreak, "bad"), M(R.explicit, "bare")],
    );
  });
});
