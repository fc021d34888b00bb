// Content filter names, entry modes and policy modes, entry by entry: the building blocks every filter rule
// stands on. A name counts only in a spelling Azure uses; `action` counts only where the API version has it; a
// policy mode Microsoft does not document is never synchronous.
import {
  FILTERS,
  FilterSpec,
  checkFilter,
  describeMode,
  filterKey,
  filterMode,
  lettersOf,
  policyModeKind,
} from "../../policy-pack/src/model/filters";
import { ContentFilter, ContentFilterPolicy, FilterMode, Unknown, unknownAt } from "../../policy-pack/src/model/model";

const entry = (over: Partial<ContentFilter> = {}): ContentFilter => {
  const name = over.name ?? "Jailbreak";
  return {
    name,
    key: filterKey(name),
    source: "Prompt",
    enabled: undefined,
    blocking: undefined,
    action: undefined,
    index: 0,
    listPath: "properties.contentFilters",
    actionHonoured: false,
    secret: new Set(),
    ...over,
  };
};

const policy = (filters: readonly ContentFilter[] | Unknown): ContentFilterPolicy => ({
  origin: { kind: "stack", ref: { urn: "urn:p", name: "p", type: "azure-native:cognitiveservices:RaiPolicy" } },
  collection: "raiPolicies",
  actionHonoured: false,
  flavour: "azure-native",
  name: "p",
  placement: {
    subscription: { kind: "provider", provider: "default" },
    resourceGroup: "rg",
    resourceGroupLink: "",
    parents: [],
  },
  mode: "Default",
  basePolicyName: undefined,
  filters,
  useCases: { raw: undefined, values: [], invalid: [], secret: false },
  problems: [],
  secret: new Set(),
});

describe("filter names: only spellings Azure uses", () => {
  it.each([
    ["Jailbreak", "jailbreak"],
    ["JAILBREAK", "jailbreak"],
    ["jailbreak", "jailbreak"],
    ["Protected Material Text", "protected material text"],
    ["protected_material_text", "protected material text"],
    ["Protected-Material-Text", "protected material text"],
    ["PROTECTED material_Code", "protected material code"],
    ["Selfharm", "selfharm"],
    ["Self Harm", "selfharm"],
    ["self-harm", "selfharm"],
    ["SelfHarm", "selfharm"],
    ["Indirect_Attack", "indirect attack"],
    ["Hate", "hate"],
    ["Sexual", "sexual"],
    ["Violence", "violence"],
    ["Profanity", "profanity"],
  ])("%s is %s", (name, key) => {
    expect(filterKey(name)).toBe(key);
  });

  it.each([
    ["J_a-i l_b-r e_a-k", "words split inside a word"],
    ["Jail break", "a word split in two"],
    ["ProtectedMaterialText", "words run together"],
    ["Protected  Material Text", "two spaces"],
    ["Protected__Material Text", "two underscores"],
    [" Jailbreak", "a leading space"],
    ["Jailbreak ", "a trailing space"],
    ["Jailbreak.", "punctuation"],
    ["Hate1", "a digit"],
    ["", "nothing"],
    ["Hatred", "another word"],
    ["Jailbrea\u212A", "a Kelvin sign for the k, though it lower-cases to k"],
    ["\u212Aailbreak", "a Kelvin sign that lower-cases to no key's letter"],
  ])("%j is not a filter (%s)", (name) => {
    expect(filterKey(name)).toBeUndefined();
  });

  it("letters only, lower case, match a name Azure does not spell to the one it resembles", () => {
    expect(lettersOf("J_a-i l_b-r e_a-k")).toBe("jailbreak");
    expect(lettersOf("Protected Material Text")).toBe("protectedmaterialtext");
  });

  it("the required filters, each on the source it counts on", () => {
    expect(FILTERS).toEqual({
      jailbreak: { key: "jailbreak", display: "Jailbreak", source: "Prompt" },
      protectedMaterialText: {
        key: "protected material text",
        display: "Protected Material Text",
        source: "Completion",
      },
      protectedMaterialCode: {
        key: "protected material code",
        display: "Protected Material Code",
        source: "Completion",
      },
    });
  });
});

describe("entry modes", () => {
  const flags: [Partial<ContentFilter>, FilterMode][] = [
    [{ enabled: true, blocking: true }, "filter"],
    [{ enabled: true, blocking: false }, "annotate"],
    [{ enabled: false, blocking: false }, "off"],
    [{ enabled: false }, "off"],
    [{ enabled: false, blocking: true }, "contradictory"],
    [{ enabled: true }, "unspecified"],
    [{ blocking: true }, "unspecified"],
    [{ blocking: false }, "unspecified"],
    [{}, "unspecified"],
  ];

  it.each(flags)("enabled/blocking %j is %s", (over, mode) => {
    expect(filterMode(entry(over))).toBe(mode);
    // The action field changes nothing when it is absent, whatever the API version.
    expect(filterMode(entry({ ...over, actionHonoured: true }))).toBe(mode);
  });

  describe("where the API version has `action` (subscription-level policies)", () => {
    it.each([
      [{ action: "BLOCKING" }, "filter"],
      [{ action: "blocking" }, "filter"],
      [{ action: "ANNOTATING" }, "annotate"],
      [{ action: "NONE" }, "off"],
      [{ action: "HITL" }, "unspecified"],
      [{ action: "RETRY" }, "unspecified"],
      [{ enabled: true, action: "BLOCKING" }, "filter"],
      [{ blocking: true, action: "ANNOTATING" }, "annotate"],
      [{ enabled: true, blocking: true, action: "BLOCKING" }, "filter"],
      [{ enabled: true, blocking: false, action: "annotating" }, "annotate"],
      [{ enabled: false, action: "NONE" }, "off"],
      [{ enabled: true, blocking: true, action: "ANNOTATING" }, "contradictory"],
      [{ enabled: false, action: "BLOCKING" }, "contradictory"],
      [{ enabled: true, blocking: true, action: "RETRY" }, "contradictory"],
    ] as [Partial<ContentFilter>, FilterMode][])("%j is %s", (over, mode) => {
      expect(filterMode(entry({ ...over, actionHonoured: true }))).toBe(mode);
    });
  });

  describe("where it does not (account policies, classic, AI Foundry hub)", () => {
    it.each([
      [{ action: "BLOCKING" }, "unspecified"],
      [{ enabled: true, action: "BLOCKING" }, "unspecified"],
      [{ action: "ANNOTATING" }, "unspecified"],
      // Full flags decide; an action that disagrees still makes the entry contradictory (fail closed).
      [{ enabled: true, blocking: true, action: "BLOCKING" }, "filter"],
      [{ enabled: true, blocking: true, action: "ANNOTATING" }, "contradictory"],
      [{ enabled: false, action: "NONE" }, "off"],
    ] as [Partial<ContentFilter>, FilterMode][])("%j is %s", (over, mode) => {
      expect(filterMode(entry({ ...over, actionHonoured: false }))).toBe(mode);
    });
  });

  it("returns the first unknown flag, in the order enabled, blocking, action", () => {
    const enabled = unknownAt("properties.contentFilters[0].enabled");
    const blocking = unknownAt("properties.contentFilters[0].blocking");
    const action = unknownAt("properties.contentFilters[0].action");
    expect(filterMode(entry({ enabled, blocking, action }))).toBe(enabled);
    expect(filterMode(entry({ enabled: true, blocking, action }))).toBe(blocking);
    expect(filterMode(entry({ enabled: true, blocking: true, action }))).toBe(action);
  });

  it.each([
    ["filter", "filter mode (enabled, blocking)"],
    ["annotate", "annotate mode (enabled: true, blocking: false)"],
    ["off", "off (enabled: false)"],
    ["unspecified", "a mode that cannot be shown to block (enabled/blocking not both set, or an unrecognised action)"],
    [
      "contradictory",
      "a contradictory state (its enabled, blocking and action fields disagree, or it is listed twice)",
    ],
  ] as const)("describes %s as the fields say it", (mode, words) => {
    expect(describeMode(mode)).toBe(words);
  });
});

describe("policy modes", () => {
  it.each(["Default", "Blocking", "default", "BLOCKING", undefined])("%p filters synchronously", (mode) => {
    expect(policyModeKind(mode)).toBe("synchronous");
  });

  it.each(["Deferred", "Asynchronous_filter", "deferred", "ASYNCHRONOUS_FILTER"])(
    "%p is the asynchronous filter",
    (mode) => {
      expect(policyModeKind(mode)).toBe("asynchronous");
    },
  );

  it.each(["Sync", "", "Asynchronous filter", "Default ", "Streaming"])(
    "%j is undocumented, never synchronous",
    (mode) => {
      expect(policyModeKind(mode)).toBe("undocumented");
    },
  );

  it("an unknown mode is returned as it is", () => {
    const mode = unknownAt("properties.mode");
    expect(policyModeKind(mode)).toBe(mode);
  });
});

describe("checkFilter", () => {
  const spec: FilterSpec = FILTERS.jailbreak;
  const on = (over: Partial<ContentFilter>) => entry({ enabled: true, blocking: true, ...over });

  it("accepts only the listed modes, on the required source, compared without case", () => {
    const filter = on({ source: "PROMPT" });
    expect(checkFilter(policy([filter]), spec, ["filter"])).toEqual({ state: "ok", mode: "filter", entries: [filter] });
    const annotated = on({ blocking: false });
    expect(checkFilter(policy([annotated]), spec, ["filter"])).toEqual({
      state: "weak",
      mode: "annotate",
      entries: [annotated],
    });
    expect(checkFilter(policy([annotated]), spec, ["filter", "annotate"])).toEqual({
      state: "ok",
      mode: "annotate",
      entries: [annotated],
    });
    expect(checkFilter(policy([on({})]), spec, ["annotate"])).toEqual({
      state: "weak",
      mode: "filter",
      entries: [on({})],
    });
  });

  it("missing: lists entries on another source (or none) and names Azure does not spell", () => {
    const wrong = on({ source: "Completion" });
    const noSource = on({ source: undefined, index: 1 });
    const lookalike = on({ name: "J_a-i l_b-r e_a-k", index: 2 });
    const other = on({ name: "Hate", index: 3 });
    expect(checkFilter(policy([wrong, noSource, lookalike, other]), spec, ["filter"])).toEqual({
      state: "missing",
      wrongSource: [wrong, noSource],
      lookalikes: [lookalike],
    });
    expect(checkFilter(policy([]), spec, ["filter"])).toEqual({ state: "missing", wrongSource: [], lookalikes: [] });
  });

  it("missing: a name Azure does not spell (a split word, a Kelvin sign for k) is a lookalike only when its letters are the filter's", () => {
    const unrelated = on({ name: "Hatred" });
    const nearly = on({ name: "Jailbreaks", index: 1 });
    const spaced = on({ name: "Jail Break", index: 2 });
    const homoglyph = on({ name: "Jailbrea\u212A", index: 3 });
    expect(checkFilter(policy([unrelated, nearly, spaced, homoglyph]), spec, ["filter"])).toEqual({
      state: "missing",
      wrongSource: [],
      lookalikes: [spaced, homoglyph],
    });
  });

  it("copies that disagree are contradictory; copies that agree are their mode", () => {
    const first = on({});
    const second = on({ blocking: false, index: 1 });
    expect(checkFilter(policy([first, second]), spec, ["filter", "annotate"])).toEqual({
      state: "weak",
      mode: "contradictory",
      entries: [first, second],
    });
    const copy = on({ name: "jailbreak", index: 1 });
    expect(checkFilter(policy([first, copy]), spec, ["filter"])).toEqual({
      state: "ok",
      mode: "filter",
      entries: [first, copy],
    });
  });

  it("is unknown when the list, a matching entry's source or a flag is", () => {
    const list = unknownAt("properties.contentFilters");
    expect(checkFilter(policy(list), spec, ["filter"])).toEqual({ state: "unknown", unknown: list });
    const source = unknownAt("properties.contentFilters[0].source");
    expect(checkFilter(policy([on({ source })]), spec, ["filter"])).toEqual({ state: "unknown", unknown: source });
    const flag = unknownAt("properties.contentFilters[0].enabled");
    expect(checkFilter(policy([on({ enabled: flag })]), spec, ["filter"])).toEqual({ state: "unknown", unknown: flag });
    // An unknown on another filter does not matter.
    expect(checkFilter(policy([on({}), on({ name: "Hate", enabled: flag })]), spec, ["filter"]).state).toBe("ok");
  });
});
