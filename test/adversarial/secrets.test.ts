// Secrets cannot leak in any form (issue 9 §5). Every place a value can be quoted holds a secret here:
// names, tags (values and keys), model names, filter names and flags, dates, capacities, modes, locations,
// ARM ids, whole objects. No message or log may hold any part of one longer than 3 characters, trimmed,
// split, re-cased or formatted as a number; and the secret still counts for the verdict.
import { secret } from "../support/scenario";
import {
  A,
  COMPLIANT,
  DEFAULT_SUB,
  EVIDENCE,
  HARM,
  M,
  PM_TEXT,
  R,
  account,
  armAccountId,
  classicAccount,
  classicDeployment,
  classicPolicy,
  deployment,
  filter,
  hubDeployment,
  hubPolicy,
  messages,
  policy,
  replacing,
  subscriptionPolicy,
  verify,
  workspace,
  WEAK_JB,
} from "./kit";

const QUOTA = { "ccc-approved-capacity": { approvedCapacity: { "gpt-4o": 50 } } };

describe("secrets in names", () => {
  it("a secret policy name that is unresolved, padded and comma-split, ambiguous, subscription-level or Microsoft's", async () => {
    const secrets = ["Qv7pXk-Zr9wLm", "Zr9w Hm3t,Jq2b", "tz6wpq", "Jm2vLs", "Kw9zQv"];
    const { up } = await verify(
      [
        account("oai"),
        policy("Tz6wPq", COMPLIANT, { logical: "p1" }),
        policy("TZ6WPQ", COMPLIANT, { logical: "p2" }),
        subscriptionPolicy("Jm2vLs", COMPLIANT, { logical: "sub-policy" }),
        deployment("missing", secret("Qv7pXk-Zr9wLm")),
        deployment("padded", secret("  Zr9w Hm3t,Jq2b  ")),
        deployment("twice", secret("tz6wpq")),
        deployment("subscription", secret("Jm2vLs")),
        deployment("microsoft", secret("Microsoft.Kw9zQv")),
      ],
      [
        M(R.wellFormed, "p2"),
        M(R.verifiable, "missing"),
        M(R.verifiable, "padded"),
        M(R.verifiable, "twice"),
        M(R.verifiable, "subscription"),
        M(R.explicit, "microsoft"),
      ],
      { secrets },
    );
    expect(messages(up, R.verifiable, "missing")[0]).toContain('names RAI policy "[secret]"');
  });

  it("a secret spillover name and a secret policy name on the policy itself", async () => {
    await verify(
      [
        account("oai"),
        policy(secret("Rb5nKqTw"), WEAK_JB, { logical: "weak" }),
        policy("strict", COMPLIANT),
        deployment("chat", "Rb5nKqTw"),
        deployment("spiller", "strict", { spillover: secret("Nd8rTq-Wv3k") }),
      ],
      [M(R.jailbreak, "chat"), M(R.verifiable, "spiller")],
      { secrets: ["Rb5nKqTw", "Nd8rTq-Wv3k"] },
    );
  });

  it("a secret account name and resource group are quoted as [secret] where capacity names the account", async () => {
    const { up } = await verify(
      [
        account(secret("Wm4zQx7"), { logical: "oai", rg: secret("Pf6tYr2") }),
        policy("strict", COMPLIANT, { account: "Wm4zQx7", rg: "Pf6tYr2" }),
        deployment("chat", "strict", { account: secret("Wm4zQx7"), rg: secret("Pf6tYr2"), capacity: 60 }),
      ],
      [M(R.capacity, "chat")],
      { secrets: ["Wm4zQx7", "Pf6tYr2"], config: QUOTA },
    );
    expect(messages(up, R.capacity, "chat")[0]).toContain("on account [secret]");
  });

  it("a classic cognitiveAccountId given as a secret hides the account and group it names", async () => {
    const id = armAccountId(DEFAULT_SUB, "Hq4rgZ", "Vx3kMn");
    await verify(
      [
        classicAccount("Vx3kMn", { logical: "oai", rg: "Hq4rgZ" }),
        classicPolicy("strict", secret(id), WEAK_JB),
        classicDeployment("chat", secret(id), "strict"),
      ],
      // A literal id pins a subscription the preview cannot compare with the new account's (its id is an output).
      { up: [M(R.jailbreak, "chat")], preview: [M(R.jailbreak, "chat"), M(R.useCase, "chat")] },
      { secrets: ["Vx3kMn", "Hq4rgZ"] },
    );
  });

  it("a hub deployment's secret policy name", async () => {
    await verify(
      [workspace("hub"), hubPolicy("Gk2vNb", COMPLIANT, { logical: "p" }), hubDeployment("chat", secret("Gk2vNbX"))],
      [M(R.verifiable, "chat")],
      { secrets: ["Gk2vNbX"] },
    );
  });
});

describe("secrets in tags", () => {
  it("a secret use case with an invalid part, a secret stale evidence date, a secret invalid deployment tag", async () => {
    await verify(
      [
        account("oai", {
          useCase: secret("text-generation,Yh6qKp"),
          tags: { "ccc-metaprompt-date": secret("2019-03-14") },
        }),
        policy("strict", COMPLIANT),
        deployment("chat", "strict"),
        deployment("tagged", "strict", { tags: { "ccc-use-case": secret("Lw4xPz,Gk7mQr") } }),
      ],
      [M(R.useCase, "oai"), A(R.evidence, "chat"), M(R.useCase, "tagged"), A(R.evidence, "tagged")],
      { secrets: ["Yh6qKp", "2019-03-14", "Lw4xPz", "Gk7mQr"] },
    );
  });

  it("a secret tags map whose keys differ only in case: neither the keys nor the values are shown", async () => {
    const acct = account("oai");
    const tags = { ...EVIDENCE, "CcC-UsE-CaSe": "text-generation", "ccc-use-case": "Fz8kRw" };
    await verify(
      [
        { ...acct, inputs: { ...acct.inputs, tags: secret(tags) } },
        policy("strict", COMPLIANT),
        deployment("chat", "strict"),
      ],
      [M(R.wellFormed, "oai"), M(R.useCase, "chat")],
      { secrets: ["Fz8kRw"], caseSensitiveSecrets: ["CcC-UsE-CaSe"] },
    );
  });

  it("a secret tag value of the wrong type, and secret evidence on a deployment (not a date, stale, padded)", async () => {
    await verify(
      [
        account("oai", { tags: { "ccc-use-case": secret(987654321) } }),
        account("ev", { evidence: false }),
        policy("strict", COMPLIANT, { account: "ev" }),
        deployment("chat", "strict", {
          account: "ev",
          tags: {
            "ccc-metaprompt": secret("kb://Lp2mRz"),
            "ccc-metaprompt-date": secret("2024-02-30"),
            "ccc-evaluation-report": "kb://report",
            "ccc-evaluation-report-date": secret(" 2011-01-01 "),
          },
        }),
      ],
      [M(R.wellFormed, "oai"), A(R.evidence, "chat"), A(R.evidence, "chat")],
      { secrets: [987654321, "kb://Lp2mRz", "2024-02-30", "2011-01-01"] },
    );
  });
});

describe("secrets in models, filters, modes, capacities and locations", () => {
  it("a secret model name is judged by the table row it matches, which messages do not name", async () => {
    // dall-e-3 declared for text: overridden by what it produces; text-embedding-3-large: narrowed (a note).
    const { up } = await verify(
      [
        account("oai"),
        policy("p", COMPLIANT),
        deployment("img", "p", { model: secret("dall-e-3") }),
        deployment("emb", "p", { model: secret("text-embedding-3-large") }),
      ],
      [M(R.useCase, "img"), A(R.covered, "emb")],
      // "text-" is also in "text-generation": only the rest of that name is checked.
      { secrets: ["dall-e-3", "embedding-3-large"] },
    );
    expect(messages(up, R.useCase, "img")[0]).toContain("its model ([secret]) produces image-generation only");
    expect(messages(up, R.covered, "emb")[0]).toContain(
      "its model ([secret]) produces no content output (the model table)",
    );
  });

  it("a secret fine-tuned model name is still gated and counted against the fine-tuned limit, and never shown", async () => {
    await verify(
      [
        account("oai"),
        policy("strict", COMPLIANT),
        ...[1, 2, 3].map((i) => deployment(`ft${i}`, "strict", { model: secret(`GPT-4O-MINI.FT-Wq${i}x9Lm`) })),
      ],
      [M(R.gated, "ft1"), M(R.gated, "ft2"), M(R.gated, "ft3"), M(R.fineTuned, "ft3")],
      {
        config: {
          "ccc-fine-tuned-deployment-limit": { maxFineTunedDeploymentsPerAccount: 2 },
          "ccc-gated-models": { gatedModels: ["gpt-4o-mini*"] },
        },
        secrets: ["Wq1x9Lm", "Wq2x9Lm", "Wq3x9Lm"],
        caseSensitiveSecrets: ["GPT-4O-MINI.FT-Wq1x9Lm"],
      },
    );
  });

  it("secret filter names count by their meaning: a valid spelling passes, a lookalike does not", async () => {
    await verify(
      [
        account("oai"),
        policy("valid", replacing("Jailbreak", filter(secret("jAiLbReAk"), "Prompt"))),
        policy(
          "lookalike",
          replacing("Jailbreak", filter(secret("J_a-i l_b-r e_a-k"), "Prompt"), filter(secret("Pz5vQmNr"), "Prompt")),
        ),
        deployment("ok", "valid"),
        deployment("bad", "lookalike"),
      ],
      [A(R.wellFormed, "lookalike"), M(R.jailbreak, "bad")],
      { secrets: ["Pz5vQmNr"], caseSensitiveSecrets: ["jAiLbReAk", "J_a-i l_b-r e_a-k"] },
    );
  });

  it("secret filter flags, a secret source and a whole secret filter list", async () => {
    await verify(
      [
        account("oai"),
        policy("flags", replacing("Jailbreak", filter("Jailbreak", "Prompt", secret(true), secret(false)))),
        policy("source", replacing("Jailbreak", filter("Jailbreak", secret("Rw2mKq")))),
        policy("list", secret([...HARM, filter("Qk5vNmXz", "Prompt"), PM_TEXT])),
        deployment("a", "flags"),
        deployment("b", "source"),
        deployment("c", "list"),
      ],
      [M(R.jailbreak, "a"), M(R.jailbreak, "b"), A(R.wellFormed, "list"), M(R.jailbreak, "c")],
      { secrets: ["Rw2mKq", "Qk5vNmXz"] },
    );
  });

  it("a secret undocumented mode and secret model format and name", async () => {
    await verify(
      [
        account("oai"),
        policy("strict", COMPLIANT, { mode: secret("Hx4kQzMd") }),
        policy("plain", COMPLIANT),
        deployment("chat", "strict"),
        deployment("vendor", "plain", { format: secret("Zt5qVnd"), model: secret("Yp3kMdl") }),
      ],
      [M(R.async, "chat")],
      { secrets: ["Hx4kQzMd", "Zt5qVnd", "Yp3kMdl"] },
    );
  });

  it("secret capacities: negative, fractional, and over quota (number and formatted number forms)", async () => {
    await verify(
      [
        account("oai"),
        policy("strict", COMPLIANT),
        deployment("negative", "strict", { capacity: secret(-7391) }),
        deployment("half", "strict", { capacity: secret(2.5) }),
        deployment("over", "strict", { capacity: secret(8317) }),
      ],
      [M(R.wellFormed, "negative"), M(R.wellFormed, "half"), M(R.capacity, "half"), M(R.capacity, "over")],
      { secrets: [-7391, 7391, 8317], config: QUOTA },
    );
  });

  it("a secret account location named by a region quota", async () => {
    const acct = account("oai");
    await verify(
      [
        { ...acct, inputs: { ...acct.inputs, location: secret("Qm8zLoc7") } },
        policy("strict", COMPLIANT),
        deployment("chat", "strict", { capacity: 60 }),
      ],
      [M(R.capacity, "chat")],
      {
        secrets: ["Qm8zLoc7"],
        config: { "ccc-approved-capacity": { approvedCapacity: { "gpt-4o": 50 }, scope: "region" } },
      },
    );
  });

  it("a whole secret properties object: model and policy name are judged and hidden", async () => {
    const chat = deployment("chat", undefined);
    await verify(
      [
        account("oai"),
        policy("strict", COMPLIANT),
        {
          ...chat,
          inputs: {
            ...chat.inputs,
            properties: secret({
              model: { format: "OpenAI", name: "gpt-4o-Vb3kJx", version: "1" },
              raiPolicyName: "Gw7xRt",
            }),
          },
        },
      ],
      [M(R.verifiable, "chat")],
      { secrets: ["Vb3kJx", "Gw7xRt"] },
    );
  });
});
