// Use cases: how the ccc-use-case tag is read, which declaration wins (deployment over account; the policy's
// tag adds; the organization's default only when nothing is declared), and how the declaration is narrowed to
// what the model can produce, or overridden when the model can produce none of it.
import {
  DeploymentSubject,
  EffectiveUseCases,
  SET_SUBSCRIPTION_IDS,
  unknownAt,
} from "../../policy-pack/src/model/model";
import { declares, effectiveUseCases, parseUseCaseTag, servesTextOrCode } from "../../policy-pack/src/model/useCases";
import {
  COMPLIANT_FILTERS,
  UNKNOWN,
  account,
  classicAccount,
  classicDeployment,
  classicPolicy,
  deployment,
  evaluate,
  policy,
  hubDeployment,
  secret,
  urnOf,
  workspace,
} from "../support/stack";

const tag = (value: unknown) => ({ tags: { "ccc-use-case": value } });
const useCasesOf = (result: ReturnType<typeof evaluate>, name = "chat"): EffectiveUseCases =>
  (result.subject(name).subject as DeploymentSubject).useCases;
const known = (values: string[], declaredOn: string[], extra: object = {}) => ({
  kind: "known",
  values,
  declaredOn,
  secret: false,
  ...extra,
});

describe("the tag", () => {
  it("splits on commas, ignores case, spaces and empty items, dedupes, and keeps invalid values as written", () => {
    const raw = " Text-Generation , code - generation,, text-generation , Chat Bot ,SPEECH";
    expect(parseUseCaseTag(raw)).toEqual({
      raw,
      values: ["text-generation", "code-generation", "speech"],
      invalid: ["Chat Bot"],
      secret: false,
    });
  });

  it("absent or not known: declares nothing; a secret tag is marked", () => {
    expect(parseUseCaseTag(undefined)).toEqual({ raw: undefined, values: [], invalid: [], secret: false });
    const u = unknownAt("tags.ccc-use-case");
    expect(parseUseCaseTag(u, true)).toEqual({ raw: u, values: [], invalid: [], secret: true });
    expect(parseUseCaseTag("other", true)).toEqual({ raw: "other", values: ["other"], invalid: [], secret: true });
  });

  it("a tag declares only when it has a valid value", () => {
    expect(declares(parseUseCaseTag("speech"))).toBe(true);
    expect(declares(parseUseCaseTag("chat, ,"))).toBe(false);
    expect(declares(parseUseCaseTag(undefined))).toBe(false);
  });

  it("text and code generation are the use cases the filter mitigations apply to", () => {
    expect(servesTextOrCode(["text-generation"])).toBe(true);
    expect(servesTextOrCode(["speech", "code-generation"])).toBe(true);
    expect(servesTextOrCode(["image-generation", "speech", "other"])).toBe(false);
    expect(servesTextOrCode([])).toBe(false);
  });
});

describe("which declaration wins", () => {
  const stack = (own?: string, onAccount?: string, onPolicy?: string, config = {}) =>
    evaluate(
      [
        account("oai", onAccount ? tag(onAccount) : {}),
        policy("strict", COMPLIANT_FILTERS, onPolicy ? tag(onPolicy) : {}),
        deployment("chat", { raiPolicyName: "strict", model: "gpt-4o-audio-preview", ...(own ? tag(own) : {}) }),
      ],
      config,
    );

  it("the deployment's own tag wins over its account's; the policy's tag adds", () => {
    expect(useCasesOf(stack("text-generation", "code-generation", "speech"))).toEqual(
      known(["text-generation", "speech"], ["deployment", 'RAI policy "strict"']),
    );
  });

  it("the account's tag is the default when the deployment declares nothing valid", () => {
    expect(useCasesOf(stack(undefined, "code-generation", "speech"))).toEqual(
      known(["code-generation", "speech"], ['account "oai"', 'RAI policy "strict"']),
    );
    expect(useCasesOf(stack("chat", "code-generation"))).toEqual(known(["code-generation"], ['account "oai"']));
  });

  it("the organization's default applies only when nothing is declared", () => {
    const config = { "ccc-organization-config": { defaultUseCases: ["speech"] } };
    expect(useCasesOf(stack(undefined, undefined, undefined, config))).toEqual(
      known(["speech"], ["pack config defaultUseCases"]),
    );
    expect(useCasesOf(stack(undefined, "text-generation", undefined, config))).toEqual(
      known(["text-generation"], ['account "oai"']),
    );
  });

  it("nothing declared anywhere: no use case", () => {
    expect(useCasesOf(stack())).toEqual(known([], []));
  });

  it("only a stack policy's tag declares: a Microsoft-managed or external policy has none", () => {
    const microsoft = evaluate([
      account("oai", tag("code-generation")),
      deployment("chat", { raiPolicyName: "Microsoft.DefaultV2" }),
    ]);
    expect(useCasesOf(microsoft)).toEqual(known(["code-generation"], ['account "oai"']));
    const external = evaluate([account("oai"), deployment("chat", { raiPolicyName: "corp" })], {
      "ccc-organization-config": { externalRaiPolicies: [{ name: "corp", contentFilters: [] }] },
    });
    expect(useCasesOf(external)).toEqual(known([], []));
  });

  it("classic deployments take no tags: the account, then the AccountRaiPolicy", () => {
    const result = evaluate([
      classicAccount("oai", tag("text-generation")),
      classicPolicy("strict", [], tag("code-generation")),
      classicDeployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(useCasesOf(result)).toEqual(
      known(["text-generation", "code-generation"], ['account "oai"', 'RAI policy "strict"']),
    );
  });

  it("AI Foundry hub deployments take no tags: the workspace's tag is the default", () => {
    const result = evaluate([workspace("hub", tag("code-generation")), hubDeployment("chat")]);
    expect(useCasesOf(result)).toEqual(known(["code-generation"], ['workspace "hub"']));
  });

  it("an account registered after the deployment is its account still: its tag is the default", () => {
    // The same Azure account wherever the program registers it; its tag is a declaration, not applied by Azure.
    const result = evaluate([deployment("chat", {}, { seq: 1 }), account("oai", tag("code-generation"), { seq: 2 })]);
    expect(useCasesOf(result)).toEqual(known(["code-generation"], ['account "oai"']));
  });

  it("with no account to look up, the deployment's tag, the policy's and the default still apply", () => {
    const onPolicy = (own?: string, onPolicy?: string) => {
      const result = evaluate([
        account("oai", tag("image-generation")),
        policy("strict", COMPLIANT_FILTERS, onPolicy ? tag(onPolicy) : {}),
        deployment("chat", { raiPolicyName: "strict", model: "gpt-4o-audio-preview", ...(own ? tag(own) : {}) }),
      ]);
      const s = result.subject("chat").subject as DeploymentSubject;
      return effectiveUseCases(s.deployment, undefined, s.policy, ["code-generation"], s.coverage);
    };
    expect(onPolicy("text-generation", "speech")).toEqual(
      known(["text-generation", "speech"], ["deployment", 'RAI policy "strict"']),
    );
    expect(onPolicy(undefined, "speech")).toEqual(known(["speech"], ['RAI policy "strict"']));
    expect(onPolicy()).toEqual(known(["code-generation"], ["pack config defaultUseCases"]));
  });

  it("a secret declaration is marked secret wherever it comes from", () => {
    expect(useCasesOf(evaluate([account("oai", tag(secret("text-generation"))), deployment("chat")]))).toEqual(
      known(["text-generation"], ['account "oai"'], { secret: true }),
    );
  });
});

describe("undecided declarations", () => {
  const undecided = (result: ReturnType<typeof evaluate>) => {
    const u = useCasesOf(result);
    return u.kind === "undecided" ? { path: u.unknown.path, reason: u.unknown.reason, why: u.why } : u;
  };

  it("the deployment's own tag not known: never falls back to the account", () => {
    expect(undecided(evaluate([account("oai", tag("text-generation")), deployment("chat", tag(UNKNOWN))]))).toEqual({
      path: "tags.ccc-use-case",
      reason: "preview",
      why: "its use cases (its ccc-use-case tag)",
    });
  });

  it("the account's tag not known, or the account not known", () => {
    expect(undecided(evaluate([account("oai", tag(UNKNOWN)), deployment("chat")]))).toEqual({
      path: "tags.ccc-use-case",
      reason: "preview",
      why: "its default use cases (its account's ccc-use-case tag)",
    });
    expect(
      undecided(evaluate([account("oai", tag("text-generation")), deployment("chat", { accountName: UNKNOWN })])),
    ).toEqual({
      path: "accountName",
      reason: "preview",
      why: "its default use cases (from its account's tag, where a resource in the stack whose identity is not known may be it)",
    });
  });

  it("two accounts with the deployment's account identity: ambiguous, never the first", () => {
    const result = evaluate([
      account("oai", tag("text-generation"), { logical: "one" }),
      account("OAI", tag("image-generation"), { logical: "two" }),
      deployment("chat"),
    ]);
    expect(undecided(result)).toEqual({
      path: "accountName",
      reason: "ambiguous",
      why: "its default use cases (from its account's tag)",
    });
  });

  it("a same-named account under another provider instance may be its account: its tag cannot be ruled out", () => {
    const provider = (name: string) => ({ urn: urnOf("pulumi:providers:azure-native", name) });
    const result = evaluate([
      account("oai", tag("text-generation"), { provider: provider("a") }),
      account("oai", tag("image-generation"), { logical: "oai-b", provider: provider("b") }),
      deployment("chat", {}, { provider: provider("c") }),
    ]);
    const u = useCasesOf(result);
    expect(u).toEqual({
      kind: "undecided",
      unknown: unknownAt(
        "accountName",
        "ambiguous",
        'may name account "oai", account "oai-b" under another provider, whose subscription cannot be shown to be the same or different',
        SET_SUBSCRIPTION_IDS,
      ),
      why: "its default use cases (from its account's tag)",
    });
  });

  it("a same-named account shown to be another one (another resource group) is not its account, nor a doubt", () => {
    const elsewhere = evaluate([
      account("oai", { ...tag("code-generation"), resourceGroupName: "other" }),
      deployment("chat"),
    ]);
    expect(useCasesOf(elsewhere).kind).not.toBe("undecided");
    expect(useCasesOf(elsewhere)).toEqual(useCasesOf(evaluate([deployment("chat")])));
  });

  it("the policy's tag not known", () => {
    const result = evaluate([
      account("oai", tag("text-generation")),
      policy("strict", [], tag(UNKNOWN)),
      deployment("chat", { raiPolicyName: "strict" }),
    ]);
    expect(undecided(result)).toEqual({
      path: "tags.ccc-use-case",
      reason: "preview",
      why: "its use cases (the ccc-use-case tag of the RAI policy it runs on)",
    });
  });

  it("a deployment tag key repeated in another case with another value is ambiguous", () => {
    const result = evaluate([
      account("oai"),
      deployment("chat", { tags: { "ccc-use-case": "speech", "Ccc-Use-Case": "other" } }),
    ]);
    expect(undecided(result)).toMatchObject({ path: "tags.ccc-use-case", reason: "ambiguous" });
  });
});

describe("narrowed to what the model can produce", () => {
  const onModel = (model: unknown, useCases: string) =>
    useCasesOf(evaluate([account("oai", tag(useCases)), deployment("chat", { model })]));
  const narrowed = (values: string[], dropped: string[], why: string) =>
    known(values, ['account "oai"'], { narrowed: { dropped, why } });

  it("embeddings produce no content output; other is always kept", () => {
    const why = "model text-embedding-* (embeddings: vectors, no content output) produces no content output";
    expect(onModel("text-embedding-3-large", "text-generation,code-generation")).toEqual(
      narrowed([], ["text-generation", "code-generation"], why),
    );
    expect(onModel("text-embedding-ada-002", "text-generation,other")).toEqual(
      narrowed(["other"], ["text-generation"], why),
    );
  });

  it("image models are image generation", () => {
    for (const model of ["dall-e-3", "gpt-image-1"]) {
      const row = model.startsWith("dall") ? "dall-e-*" : "gpt-image-*";
      expect(onModel(model, "text-generation,image-generation")).toEqual(
        narrowed(
          ["image-generation"],
          ["text-generation"],
          `model ${row} (image generation) produces image-generation only`,
        ),
      );
    }
  });

  it("whisper and text-to-speech are speech; transcription also produces text", () => {
    expect(onModel("whisper", "text-generation,speech")).toEqual(
      narrowed(["speech"], ["text-generation"], "model whisper (speech to text (OpenAI Whisper)) produces speech only"),
    );
    expect(onModel("tts", "code-generation,speech")).toEqual(
      narrowed(["speech"], ["code-generation"], "model tts (text to speech) produces speech only"),
    );
    expect(onModel("gpt-4o-transcribe", "text-generation,code-generation,speech")).toEqual(
      narrowed(
        ["text-generation", "speech"],
        ["code-generation"],
        "model gpt-4o-transcribe* (speech to text (transcripts are text)) produces speech and text-generation only",
      ),
    );
  });

  it("fine-tuned models match their base model; a declaration the model can produce is kept whole", () => {
    expect(onModel("gpt-4o-mini-2024-07-18.ft-0a1b2c", "text-generation,code-generation")).toEqual(
      known(["text-generation", "code-generation"], ['account "oai"']),
    );
    expect(onModel("GPT-4o", "code-generation")).toEqual(known(["code-generation"], ['account "oai"']));
  });

  it("a model name that is not known leaves the use cases undecided, unless other is declared", () => {
    // An image declaration on a text model is overridden: taking it as declared would pass a preview up blocks.
    for (const declared of ["image-generation", "text-generation", "speech,code-generation"]) {
      expect(onModel(UNKNOWN, declared)).toEqual({
        kind: "undecided",
        unknown: unknownAt("properties.model.name"),
        why: "its use cases (what its model can produce)",
      });
    }
    // With other (always kept) the model can only narrow the declaration: it is the most it needs.
    expect(onModel(UNKNOWN, "other")).toEqual(known(["other"], ['account "oai"']));
    expect(onModel(UNKNOWN, "")).toEqual(known([], []));
    expect(onModel(UNKNOWN, "other,text-generation")).toEqual(known(["other", "text-generation"], ['account "oai"']));
  });

  it("a secret model name is not shown through the table row it matched", () => {
    expect(onModel(secret("dall-e-3"), "text-generation,image-generation")).toEqual(
      narrowed(["image-generation"], ["text-generation"], "its model ([secret]) produces image-generation only"),
    );
  });
});

describe("overridden when the model can produce none of the declaration", () => {
  const overridden = (values: string[], dropped: string[], why: string, declared: string) =>
    known(values, ['account "oai"'], {
      narrowed: { dropped, why },
      overridden: `the declared use cases (${declared}) are none the model can produce: ${why}`,
    });
  const onModel = (model: string, useCases: unknown) =>
    useCasesOf(evaluate([account("oai", tag(useCases)), deployment("chat", { model })]));

  it("a text model declared for images is judged by what it produces (fail closed)", () => {
    const why = "model gpt-4o* (text and code generation) produces text-generation and code-generation only";
    expect(onModel("gpt-4o", "image-generation")).toEqual(
      overridden(["text-generation", "code-generation"], ["image-generation"], why, "image-generation"),
    );
  });

  it("a model the table does not know is taken to produce text and code", () => {
    const why = "a model the pack's table does not know produces text-generation and code-generation only";
    expect(onModel("contoso-7b", "image-generation,speech")).toEqual(
      overridden(
        ["text-generation", "code-generation"],
        ["image-generation", "speech"],
        why,
        "image-generation, speech",
      ),
    );
  });

  it("a video model declared for images is judged as other; a secret declaration is not quoted", () => {
    expect(onModel("sora", "image-generation")).toEqual(
      overridden(
        ["other"],
        ["image-generation"],
        "model sora* (video generation) produces other only",
        "image-generation",
      ),
    );
    expect(onModel("tts-hd", secret("text-generation") as never)).toEqual({
      ...overridden(["speech"], ["text-generation"], "model tts-hd (text to speech) produces speech only", "[secret]"),
      secret: true,
    });
  });

  it("embeddings produce nothing, so nothing overrides: the declaration is only narrowed", () => {
    expect(onModel("text-embedding-3-small", "image-generation")).not.toHaveProperty("overridden");
  });
});
