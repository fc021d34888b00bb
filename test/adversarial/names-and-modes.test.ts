// Recognize only what Azure recognizes (issue 9 §3): filter names count only in a spelling Azure uses (any
// case, words separated by exactly one space, "-" or "_"); a policy mode outside the documented ones is
// never synchronous; a capacity that is negative, fractional or not a number is malformed. Several variants
// share a stack where each has its own policy and deployment.
import { Step, ref } from "../support/scenario";
import {
  A,
  COMPLIANT,
  HARM,
  JAILBREAK,
  Json,
  M,
  PM_CODE,
  PM_TEXT,
  R,
  account,
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
  verify,
  workspace,
} from "./kit";

/** One policy and one deployment on it per variant, named after the variant. */
const variants = (list: Record<string, { filters: Json[]; mode?: unknown }>): Step[] =>
  Object.entries(list).flatMap(([name, v]) => [
    policy(`${name}-policy`, v.filters, "mode" in v ? { mode: v.mode } : {}),
    deployment(name, `${name}-policy`),
  ]);

const CODE = { tags: { "ccc-use-case": "code-generation" } };

describe("filter names", () => {
  it("`J_a-i l_b-r e_a-k` is not Jailbreak and `ProtectedMaterialText` is not Protected Material Text", async () => {
    const { up } = await verify(
      [
        account("oai"),
        ...variants({
          spaced: { filters: replacing("Jailbreak", filter("J_a-i l_b-r e_a-k", "Prompt")) },
          joined: { filters: replacing("Protected Material Text", filter("ProtectedMaterialText", "Completion")) },
        }),
      ],
      [
        A(R.wellFormed, "spaced-policy"),
        M(R.jailbreak, "spaced"),
        A(R.wellFormed, "joined-policy"),
        M(R.pmText, "joined"),
      ],
    );
    expect(messages(up, R.jailbreak, "spaced")[0]).toContain(
      '("J_a-i l_b-r e_a-k", Prompt) is not a spelling Azure uses for a filter name',
    );
  });

  it("spellings Azure uses, in any case with one space, `-` or `_` between words, all count (no false block)", async () => {
    await verify(
      [
        account("oai", { useCase: "text-generation,code-generation" }),
        ...variants({
          upper: {
            filters: [
              ...HARM,
              filter("JAILBREAK", "PROMPT"),
              filter("PROTECTED MATERIAL TEXT", "completion"),
              filter("protected material code", "Completion"),
            ],
          },
          snake: {
            filters: [
              ...HARM,
              filter("jailbreak", "prompt"),
              filter("protected_material_text", "Completion"),
              filter("Protected_Material_Code", "Completion"),
            ],
          },
          kebab: {
            filters: [
              ...HARM,
              filter("JailBreak", "Prompt"),
              filter("protected-material-TEXT", "Completion"),
              filter("Protected-material_code", "Completion"),
            ],
          },
        }),
      ],
      [],
    );
  });

  it("near misses do not count: trailing space, two spaces, a homoglyph, a zero-width space, run-together words", async () => {
    await verify(
      [
        account("oai"),
        ...variants({
          trailing: { filters: replacing("Jailbreak", filter("Jailbreak ", "Prompt")) },
          doubled: { filters: replacing("Protected Material Text", filter("Protected  Material Text", "Completion")) },
          cyrillic: { filters: replacing("Jailbreak", filter("J\u0430ilbreak", "Prompt")) },
          zerowidth: {
            filters: replacing("Protected Material Text", filter("Protected\u200bMaterial Text", "Completion")),
          },
          camel: { filters: replacing("Jailbreak", filter("JailBreak-", "Prompt")) },
        }),
      ],
      [
        A(R.wellFormed, "trailing-policy"),
        M(R.jailbreak, "trailing"),
        A(R.wellFormed, "doubled-policy"),
        M(R.pmText, "doubled"),
        A(R.wellFormed, "cyrillic-policy"),
        M(R.jailbreak, "cyrillic"),
        A(R.wellFormed, "zerowidth-policy"),
        M(R.pmText, "zerowidth"),
        A(R.wellFormed, "camel-policy"),
        M(R.jailbreak, "camel"),
      ],
    );
  });

  it("a right name on the wrong source, flags written as strings, or a disagreeing second copy does not count", async () => {
    await verify(
      [
        account("oai"),
        ...variants({
          source: { filters: replacing("Jailbreak", filter("Jailbreak", "Completion")) },
          strings: { filters: replacing("Jailbreak", filter("Jailbreak", "Prompt", "true", "true")) },
          twice: { filters: [...COMPLIANT, filter("jailbreak", "Prompt", true, false)] },
          action: { filters: replacing("Jailbreak", { name: "Jailbreak", source: "Prompt", action: "BLOCKING" }) },
        }),
      ],
      [
        M(R.jailbreak, "source"),
        M(R.wellFormed, "strings-policy"),
        M(R.jailbreak, "strings"),
        M(R.wellFormed, "twice-policy"),
        M(R.jailbreak, "twice"),
        M(R.jailbreak, "action"),
      ],
    );
  });

  it("classic and hub filter lists follow the same spelling rule", async () => {
    await verify(
      [
        classicAccount("classic-oai", { logical: "classic-oai" }),
        classicPolicy("odd", ref("classic-oai", "id"), replacing("Jailbreak", filter("Jail break", "Prompt"))),
        classicDeployment("classic-chat", ref("classic-oai", "id"), "odd"),
        workspace("hub"),
        hubPolicy("odd", replacing("Protected Material Text", filter("Protected.Material.Text", "Completion")), {
          logical: "hub-odd",
        }),
        hubDeployment("hub-chat", "odd"),
      ],
      [A(R.wellFormed, "odd"), M(R.jailbreak, "classic-chat"), A(R.wellFormed, "hub-odd"), M(R.pmText, "hub-chat")],
    );
  });
});

describe("policy modes", () => {
  it("modes outside Default, Deferred, Blocking and Asynchronous_filter are never synchronous", async () => {
    await verify(
      [
        account("oai"),
        ...variants({
          synchronous: { filters: COMPLIANT, mode: "Synchronous" },
          padded: { filters: COMPLIANT, mode: " Default" },
          empty: { filters: COMPLIANT, mode: "" },
          sync: { filters: COMPLIANT, mode: "Default_sync" },
        }),
      ],
      [M(R.async, "synchronous"), M(R.async, "padded"), M(R.async, "empty"), M(R.async, "sync")],
    );
  });

  it("a mode that is not a string is malformed and fails closed", async () => {
    await verify(
      [
        account("oai"),
        ...variants({ numeric: { filters: COMPLIANT, mode: 0 }, listed: { filters: COMPLIANT, mode: ["Default"] } }),
      ],
      [
        M(R.wellFormed, "numeric-policy"),
        M(R.async, "numeric"),
        M(R.wellFormed, "listed-policy"),
        M(R.async, "listed"),
      ],
    );
  });

  it("documented modes in any case: synchronous pass, asynchronous lose text coverage", async () => {
    await verify(
      [
        account("oai"),
        ...variants({
          lower: { filters: COMPLIANT, mode: "blocking" },
          shout: { filters: COMPLIANT, mode: "DEFAULT" },
          absent: { filters: COMPLIANT, mode: undefined },
          deferred: { filters: COMPLIANT, mode: "deferred" },
          async: { filters: COMPLIANT, mode: "ASYNCHRONOUS_FILTER" },
        }),
      ],
      [M(R.async, "deferred"), M(R.async, "async")],
    );
  });

  it("an undocumented mode is not synchronous for code generation either (without declared licence compliance)", async () => {
    await verify(
      [
        account("oai", { useCase: "code-generation" }),
        policy("odd", [...HARM, JAILBREAK, PM_TEXT, PM_CODE], { mode: "Streaming" }),
        deployment("coder", "odd", CODE),
      ],
      [M(R.async, "coder")],
    );
  });
});

describe("capacity", () => {
  const quota = { "ccc-approved-capacity": { approvedCapacity: { "gpt-4o": 50 } } };
  const capacities = (list: Record<string, unknown>): Step[] =>
    Object.entries(list).map(([name, capacity]) => deployment(name, "strict", { capacity }));

  // A malformed capacity is one finding on its own deployment (ccc-well-formed-resources); the deployments after
  // it on the account cannot be summed against the quota, so each of them is undecided.
  it("negative, zero, fractional and string capacities are malformed and cannot be summed against the quota", async () => {
    await verify(
      [account("oai"), policy("strict", COMPLIANT), ...capacities({ negative: -1, zero: 0, half: 2.5, text: "50" })],
      [
        M(R.wellFormed, "negative"),
        M(R.wellFormed, "zero"),
        M(R.capacity, "zero"),
        M(R.wellFormed, "half"),
        M(R.capacity, "half"),
        M(R.wellFormed, "text"),
        M(R.capacity, "text"),
      ],
      { config: quota },
    );
  });

  it("without a quota the malformed capacity is still reported, and a later valid deployment is unaffected", async () => {
    await verify(
      [account("oai"), policy("strict", COMPLIANT), ...capacities({ negative: -40, fine: 40 })],
      [M(R.wellFormed, "negative")],
    );
  });

  it("a negative capacity cannot offset another deployment's excess", async () => {
    await verify(
      [account("oai"), policy("strict", COMPLIANT), ...capacities({ big: 80, refund: -40 })],
      [M(R.capacity, "big"), M(R.wellFormed, "refund")],
      { config: quota },
    );
  });
});
