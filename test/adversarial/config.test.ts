// Config that is wrong is an error (issue 9 §6): dates are calendar dates (2099-02-30 names its key and never
// rolls over to March), a bad value falls back to its safe default, and an error is reported once, at
// resource level, under the policy that owns the key.
import { PackConfig } from "../../tooling/harness/analyzer";
import {
  JAILBREAK,
  M,
  A,
  PM_CODE,
  PM_TEXT,
  R,
  account,
  deployment,
  messages,
  policy,
  verify,
  COMPLIANT,
  WEAK_JB,
} from "./kit";

const stack = () => [account("oai"), policy("strict", WEAK_JB), deployment("chat", "strict")];
const waiver = (expires: string, rule: string = R.jailbreak) => ({
  policy: rule,
  resource: "chat",
  reason: "pilot",
  approvedBy: "ciso",
  expires,
});
const org = (settings: Record<string, unknown>): PackConfig => ({ [R.org]: settings });

describe("dates", () => {
  it("waiver expires 2099-02-30 is a config error naming the key, and the waiver does not apply", async () => {
    const { up } = await verify(stack(), [M(R.org, "oai"), M(R.jailbreak, "chat")], {
      config: org({ waivers: [waiver("2099-02-30")] }),
    });
    const [error] = messages(up, R.org, "oai");
    expect(error).toContain(
      'ccc-organization-config.waivers[0].expires: must be a calendar date YYYY-MM-DD, got "2099-02-30"',
    );
    expect(error).not.toMatch(/2099-03/);
  });

  it("2100-02-29 (not a leap year) and 2099-2-3 (not zero-padded) are not dates either", async () => {
    const { up } = await verify(stack(), [M(R.org, "oai"), M(R.jailbreak, "chat")], {
      config: org({ waivers: [waiver("2100-02-29"), waiver("2099-2-3")] }),
    });
    const [error] = messages(up, R.org, "oai");
    expect(error).toContain("waivers[0].expires");
    expect(error).toContain("waivers[1].expires");
  });

  it("a real leap day is a date: the waiver applies (advisory under the waived rule)", async () => {
    await verify(stack(), [A(R.jailbreak, "chat")], { config: org({ waivers: [waiver("2096-02-29")] }) });
  });

  it("an expired waiver no longer applies", async () => {
    await verify(stack(), [M(R.jailbreak, "chat")], { config: org({ waivers: [waiver("2020-02-29")] }) });
  });

  it("asOfDate 2026-02-29 is a config error and verdicts are not taken on 1 March", async () => {
    const { up } = await verify(stack(), [M(R.org, "oai"), M(R.jailbreak, "chat")], {
      config: org({ asOfDate: "2026-02-29", waivers: [waiver("2026-03-01")] }),
    });
    expect(messages(up, R.org, "oai")[0]).toContain("ccc-organization-config.asOfDate: must be a calendar date");
  });

  it("an invalid date on a compliant stack is still reported (a config error is never silent)", async () => {
    await verify([account("oai"), policy("strict", COMPLIANT), deployment("chat", "strict")], [M(R.org, "oai")], {
      config: org({ waivers: [waiver("2099-02-30")] }),
    });
  });
});

describe("values that fall back to the safe default", () => {
  it("a waiver for a rule that does not exist is ignored and reported", async () => {
    const { up } = await verify(stack(), [M(R.org, "oai"), M(R.jailbreak, "chat")], {
      config: org({ waivers: [waiver("2099-01-01", "ccc-jailbreak")] }),
    });
    expect(messages(up, R.org, "oai")[0]).toContain('"ccc-jailbreak" is not a rule of this pack');
  });

  it('acceptMicrosoftDefaultPolicy as the string "true" is not an opt-in', async () => {
    await verify(
      [account("oai"), deployment("chat", "Microsoft.DefaultV2")],
      [M(R.org, "oai"), M(R.explicit, "chat")],
      {
        config: org({ acceptMicrosoftDefaultPolicy: "true" }),
      },
    );
  });

  it("a misspelt key is reported and changes nothing", async () => {
    await verify(
      [account("oai"), deployment("chat", "Microsoft.DefaultV2")],
      [M(R.org, "oai"), M(R.explicit, "chat")],
      {
        config: org({ acceptMicrosoftDefault: true }),
      },
    );
  });

  it("an unknown default use case is dropped: the undeclared deployment is still blocked", async () => {
    await verify(
      [account("oai", { useCase: undefined }), policy("strict", WEAK_JB), deployment("chat", "strict")],
      [M(R.org, "oai"), M(R.useCase, "chat")],
      { config: org({ defaultUseCases: ["text"] }) },
    );
  });

  it("a negative approved capacity is a config error of the capacity rule", async () => {
    await verify(
      [account("oai"), policy("strict", COMPLIANT), deployment("chat", "strict", { capacity: 60 })],
      [M(R.capacity, "oai")],
      { config: { [R.capacity]: { approvedCapacity: { "gpt-4o": -5 } } } },
    );
  });

  it("an external policy entry with an unknown key is dropped: the policy it declared is unverifiable", async () => {
    await verify([account("oai"), deployment("chat", "ext")], [M(R.org, "oai"), M(R.verifiable, "chat")], {
      config: org({
        externalRaiPolicies: [
          { name: "ext", contentFilters: [{ ...JAILBREAK, blockingMode: "strict" }, PM_TEXT, PM_CODE] },
        ],
      }),
    });
  });

  it("a valid external policy is verifiable only on the account it names", async () => {
    await verify(
      [
        account("oai"),
        account("other"),
        deployment("chat", "ext"),
        deployment("elsewhere", "ext", { account: "other" }),
      ],
      [M(R.verifiable, "elsewhere")],
      {
        config: org({
          externalRaiPolicies: [{ name: "ext", accountName: "oai", contentFilters: [JAILBREAK, PM_TEXT, PM_CODE] }],
        }),
      },
    );
  });
});
