// The suite's own checks can fail: the leak check finds re-cased and formatted parts of a secret, the
// late-block check flags a block reported at stack level or while another resource is analyzed, and the
// scenario helpers produce the wire shapes the other tests rely on (no pack run: fast).
import { Diagnostic } from "../../tooling/harness/analyzer";
import { TracedOutcome, capture, computedLate, ref } from "../support/scenario";
import { account, classicAccount, lateBlocks, leaks, policy } from "./kit";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const diagnostic = (over: Partial<Diagnostic>): Diagnostic => ({
  policyName: "ccc-jailbreak-filter-mode",
  policyPackName: "azure-openai-ccc",
  policyPackVersion: "0",
  description: "",
  message: "",
  enforcementLevel: "mandatory",
  urn: "urn:pulumi:dev::scenario::t::chat",
  phase: "analyze",
  ...over,
});

const traced = (diagnostics: Diagnostic[], reportedDuring: (string | undefined)[]): TracedOutcome =>
  ({ result: { diagnostics }, reportedDuring }) as unknown as TracedOutcome;

describe("the leak check", () => {
  it("finds any 4-character part of a secret in any case, and a number's formatted form", () => {
    expect(leaks('names RAI policy "qv7pxk"', ["Qv7pXk-Zr9w"])).toEqual(["qv7p", "v7px", "7pxk"]);
    expect(leaks("adds up to 8,317 units", [8317])).toEqual(["8,31", ",317"]);
    expect(leaks("nothing here", ["Qv7pXk"])).toEqual([]);
  });

  it("case-sensitive mode ignores the pack's own wording of a secret the pack must read", () => {
    expect(leaks('has no "Jailbreak" filter', ["jAiLbReAk"], true)).toEqual([]);
    expect(leaks('entry ("jAiLbReAk", Prompt)', ["jAiLbReAk"], true)).not.toEqual([]);
  });
});

describe("the late-block check", () => {
  const chat = "urn:pulumi:dev::scenario::t::chat";
  it("accepts a mandatory finding reported while its own resource is analyzed", () => {
    expect(lateBlocks(traced([diagnostic({})], [chat]))).toEqual([]);
  });

  it("flags one reported at stack level, or while a later resource is analyzed", () => {
    const later = "urn:pulumi:dev::scenario::t::policy";
    const outcome = traced(
      [
        diagnostic({ phase: "analyzeStack" }),
        diagnostic({}),
        diagnostic({ enforcementLevel: "advisory", phase: "analyzeStack" }),
      ],
      [undefined, later, undefined],
    );
    expect(lateBlocks(outcome)).toHaveLength(2);
  });
});

describe("scenario helpers", () => {
  it("a late value is unknown in a preview even when the output it is computed from is known", () => {
    const steps = [
      classicAccount("oai"),
      { ...policy("p", []), inputs: { ...policy("p", []).inputs, accountName: computedLate("oai", (n) => n) } },
    ];
    const [, preview] = capture(steps, true);
    const [, up] = capture(steps, false);
    expect(preview.inputs.accountName).toBe(UNKNOWN);
    expect(preview.propertyDependencies.accountName).toEqual([
      "urn:pulumi:dev::scenario::azure:cognitive/account:Account::oai",
    ]);
    expect(up.inputs.accountName).toBe("oai");
  });

  it("an existing resource has known outputs in a preview; a new one does not", () => {
    const [existing, created] = capture([account("oai", { existing: true }), account("new")], true);
    expect(existing.outputs.name).toBe("oai");
    expect(created.outputs.name).toBe(UNKNOWN);
  });

  it("a reference resolves to the output in up and to the unknown sentinel in a preview", () => {
    const steps = [account("oai"), policy("p", [], { account: ref("oai") })];
    expect(capture(steps, false)[1].inputs.accountName).toBe("oai");
    expect(capture(steps, true)[1].inputs.accountName).toBe(UNKNOWN);
  });
});
