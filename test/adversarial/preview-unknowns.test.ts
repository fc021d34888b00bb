// Values a preview does not know yet, in every position a rule reads (a filter's flags, source and name, a list
// element, the mode, the model, tags, capacity): the preview blocks what up blocks, once, and passes nothing up
// would block. From an attack round on 65891ee.
import {
  COMPLIANT,
  HARM,
  JAILBREAK,
  M,
  PM_CODE,
  PM_TEXT,
  R,
  A,
  account,
  deployment,
  filter,
  messages,
  policy,
  replacing,
  verify,
  late,
  seed,
} from "./kit";

describe("values a preview does not know yet", () => {
  it("Jailbreak's blocking flag unknown in a preview (false in up): one mandatory finding in both modes", async () => {
    await verify(
      [
        seed,
        account("oai"),
        policy("p", replacing("Jailbreak", filter("Jailbreak", "Prompt", true, late(false)))),
        deployment("chat", "p"),
      ],
      [M(R.jailbreak, "chat")],
    );
  });

  it("Jailbreak's source unknown in a preview (Completion in up)", async () => {
    await verify(
      [
        seed,
        account("oai"),
        policy("p", replacing("Jailbreak", filter("Jailbreak", late("Completion")))),
        deployment("chat", "p"),
      ],
      [M(R.jailbreak, "chat")],
    );
  });

  it("the Jailbreak element of the list unknown in a preview, compliant in up: one finding in the preview, none in up", async () => {
    await verify(
      [seed, account("oai"), policy("p", [...HARM, late(JAILBREAK), PM_TEXT, PM_CODE]), deployment("chat", "p")],
      // The undecided list is one finding on the deployment (under the first rule that meets it) and one on the
      // policy (its harm filters cannot be checked either): fail closed, by design.
      { up: [], preview: [M(R.pmText, "chat"), M(R.modified, "p")] },
    );
  });

  it("a filter name unknown in a preview (a lookalike in up): blocked in both", async () => {
    await verify(
      [
        seed,
        account("oai"),
        policy("p", replacing("Jailbreak", filter(late("JailBreakShield"), "Prompt"))),
        deployment("chat", "p"),
      ],
      { up: [A(R.wellFormed, "p"), M(R.jailbreak, "chat")], preview: [M(R.pmText, "chat"), M(R.modified, "p")] },
    );
  });

  it("the policy mode unknown in a preview (Asynchronous_filter in up): blocked in both", async () => {
    await verify(
      [seed, account("oai"), policy("p", COMPLIANT, { mode: late("Asynchronous_filter") }), deployment("chat", "p")],
      [M(R.async, "chat")],
    );
  });

  it("a model name unknown in a preview, declared image-generation, gpt-4o in up: up blocks, so does the preview", async () => {
    const { preview } = await verify(
      [
        seed,
        account("oai", { useCase: "image-generation" }),
        policy("p", replacing("Jailbreak")),
        deployment("chat", "p", { model: late("gpt-4o") }),
      ],
      // One problem (the model), met by the use-case, filter and fine-tuned rules: reported once.
      { up: [M(R.useCase, "chat"), M(R.jailbreak, "chat")], preview: [M(R.useCase, "chat")] },
    );
    expect(messages(preview, R.useCase, "chat")).toEqual([
      expect.stringContaining(
        '"chat" cannot be shown compliant: properties.model.name is still unknown at the end of the preview (it is computed from ResourceGroup "seed"), so its use cases (what its model can produce) cannot be checked.',
      ),
    ]);
  });

  it("the same with ccc-fine-tuned-deployment-limit advisory: the preview must still block what up blocks", async () => {
    await verify(
      [
        seed,
        account("oai", { useCase: "image-generation" }),
        policy("p", replacing("Jailbreak")),
        deployment("chat", "p", { model: late("gpt-4o") }),
      ],
      {
        up: [M(R.useCase, "chat"), M(R.jailbreak, "chat")],
        // Before, an unknown model was taken to produce what was declared: the filter rules passed the preview.
        preview: [M(R.useCase, "chat")],
      },
      { config: { "ccc-fine-tuned-deployment-limit": { enforcementLevel: "advisory" } } },
    );
  });

  it("the same with ccc-fine-tuned-deployment-limit disabled: the preview must still block what up blocks", async () => {
    await verify(
      [
        seed,
        account("oai", { useCase: "image-generation" }),
        policy("p", replacing("Jailbreak")),
        deployment("chat", "p", { model: late("gpt-4o") }),
      ],
      { up: [M(R.useCase, "chat"), M(R.jailbreak, "chat")], preview: [M(R.useCase, "chat")] },
      { config: { "ccc-fine-tuned-deployment-limit": { enforcementLevel: "disabled" } } },
    );
  });

  it("a model format unknown in a preview (OpenAI in up) on a weak policy", async () => {
    await verify(
      [seed, account("oai"), policy("p", replacing("Jailbreak")), deployment("chat", "p", { format: late("OpenAI") })],
      { up: [M(R.jailbreak, "chat")], preview: [M(R.pmText, "chat")] },
    );
  });

  it("the deployment's tag map unknown in a preview (declares other in up): one finding in the preview, none in up", async () => {
    await verify(
      [
        seed,
        account("oai"),
        policy("p", replacing("Jailbreak")),
        deployment("chat", "p", { tags: late({ "ccc-use-case": "other" }) as never }),
      ],
      { up: [], preview: [M(R.useCase, "chat")] },
    );
  });

  it("one tag value unknown in a preview (text-generation in up) on a weak policy", async () => {
    await verify(
      [
        seed,
        account("oai", { useCase: "other" }),
        policy("p", replacing("Jailbreak")),
        deployment("chat", "p", { tags: { "ccc-use-case": late("text-generation") } }),
      ],
      { up: [M(R.jailbreak, "chat")], preview: [M(R.useCase, "chat")] },
    );
  });

  it("the capacity unknown in a preview (over quota in up)", async () => {
    await verify(
      [seed, account("oai"), policy("p", COMPLIANT), deployment("chat", "p", { capacity: late(60) })],
      [M(R.capacity, "chat")],
      { config: { "ccc-approved-capacity": { approvedCapacity: { "gpt-4o": 50 } } } },
    );
  });
});
