// The filter-mode mapping and name matching, entry by entry (the rules' building blocks).
import {
  FILTERS,
  checkFilter,
  describeEntry,
  describeMode,
  filterKey,
  filterMode,
  isAsynchronousMode,
} from "../policy-pack/src/filters";
import { ContentFilter, ContentFilterPolicy, unknownAt } from "../policy-pack/src/model";
import { parseUseCaseTag } from "../policy-pack/src/useCases";

const entry = (over: Partial<ContentFilter>): ContentFilter => ({
  name: "Jailbreak",
  key: filterKey("Jailbreak"),
  source: "Prompt",
  enabled: undefined,
  blocking: undefined,
  action: undefined,
  index: 0,
  ...over,
});

const policy = (filters: ContentFilter[]): ContentFilterPolicy => ({
  name: "p",
  accountName: "a",
  resourceGroupName: "rg",
  mode: "Default",
  basePolicyName: undefined,
  filters,
  useCases: parseUseCaseTag(undefined),
  problems: [],
  accountLink: "accountName",
});

describe("filterMode", () => {
  it.each([
    [{ enabled: true, blocking: true }, "filter"],
    [{ enabled: true, blocking: false }, "annotate"],
    [{ enabled: false, blocking: false }, "off"],
    [{ enabled: false }, "off"],
    [{ enabled: false, blocking: true }, "contradictory"],
    [{ enabled: true }, "unspecified"],
    [{ blocking: true }, "unspecified"],
    [{}, "unspecified"],
    [{ action: "BLOCKING" }, "filter"],
    [{ action: "blocking" }, "filter"],
    [{ action: "ANNOTATING" }, "annotate"],
    [{ action: "NONE" }, "off"],
    [{ action: "HITL" }, "unspecified"],
    [{ action: "RETRY", enabled: true, blocking: true }, "contradictory"],
    [{ enabled: true, action: "BLOCKING" }, "filter"],
    [{ enabled: true, blocking: true, action: "BLOCKING" }, "filter"],
    [{ enabled: true, blocking: false, action: "ANNOTATING" }, "annotate"],
    [{ enabled: true, blocking: true, action: "ANNOTATING" }, "contradictory"],
    [{ enabled: false, action: "NONE" }, "off"],
    [{ enabled: false, action: "BLOCKING" }, "contradictory"],
  ] as [Partial<ContentFilter>, string][])("%j is %s", (flags, mode) => {
    expect(filterMode(entry(flags))).toBe(mode);
  });

  it("returns the unknown of the first unknown flag", () => {
    const u = unknownAt("properties.contentFilters[0].blocking");
    expect(filterMode(entry({ enabled: true, blocking: u }))).toBe(u);
    const a = unknownAt("properties.contentFilters[0].action");
    expect(filterMode(entry({ enabled: true, blocking: true, action: a }))).toBe(a);
  });
});

describe("names and modes", () => {
  it("normalises names by case, spaces, - and _", () => {
    expect(filterKey(" Protected_Material-Text ")).toBe("protectedmaterialtext");
    expect(FILTERS.protectedMaterialCode.key).toBe("protectedmaterialcode");
  });

  it.each([
    ["Asynchronous_filter", true],
    ["asynchronous filter", true],
    ["Deferred", true],
    ["Default", false],
    ["Blocking", false],
  ])("isAsynchronousMode(%s) is %s", (mode, expected) => {
    expect(isAsynchronousMode(mode)).toBe(expected);
  });

  it("describes an entry as written, with its source when known", () => {
    expect(describeEntry(entry({ name: "jailbreak", index: 3 }))).toBe('contentFilters[3] ("jailbreak", Prompt)');
    expect(describeEntry(entry({ source: undefined }))).toBe('contentFilters[0] ("Jailbreak")');
  });
});

describe("checkFilter", () => {
  const spec = FILTERS.jailbreak;

  it("accepts only the listed modes, on the required source, case-insensitively", () => {
    const filter = policy([entry({ source: "PROMPT", enabled: true, blocking: true })]);
    expect(checkFilter(filter, spec, ["filter"])).toMatchObject({ state: "ok", mode: "filter" });
    const annotated = policy([entry({ enabled: true, blocking: false })]);
    expect(checkFilter(annotated, spec, ["filter"])).toMatchObject({ state: "weak", mode: "annotate" });
    expect(checkFilter(annotated, spec, ["filter", "annotate"])).toMatchObject({ state: "ok", mode: "annotate" });
  });

  it("reports a filter only on another source as missing, listing it", () => {
    const wrong = entry({ source: "Completion", enabled: true, blocking: true });
    expect(checkFilter(policy([wrong]), spec, ["filter"])).toEqual({ state: "missing", wrongSource: [wrong] });
    expect(checkFilter(policy([]), spec, ["filter"])).toEqual({ state: "missing", wrongSource: [] });
  });

  it("treats copies that disagree as contradictory, and agreeing copies as their mode", () => {
    const on = entry({ enabled: true, blocking: true });
    const off = entry({ enabled: true, blocking: false, index: 1 });
    expect(checkFilter(policy([on, off]), spec, ["filter", "annotate"])).toMatchObject({
      state: "weak",
      mode: "contradictory",
    });
    expect(checkFilter(policy([on, { ...on, index: 1 }]), spec, ["filter"])).toMatchObject({
      state: "ok",
      entries: [on, { ...on, index: 1 }],
    });
  });

  it("is unknown when the list, a source or a flag is", () => {
    const list = unknownAt("properties.contentFilters");
    expect(checkFilter({ ...policy([]), filters: list }, spec, ["filter"])).toEqual({
      state: "unknown",
      unknown: list,
    });
    const source = unknownAt("properties.contentFilters[0].source");
    expect(checkFilter(policy([entry({ source })]), spec, ["filter"])).toEqual({ state: "unknown", unknown: source });
    const flag = unknownAt("properties.contentFilters[0].enabled");
    expect(checkFilter(policy([entry({ enabled: flag })]), spec, ["filter"])).toEqual({
      state: "unknown",
      unknown: flag,
    });
  });
});

describe("parseUseCaseTag", () => {
  it("splits on commas, ignores case, spaces and empty items, dedupes, and keeps invalid values as written", () => {
    expect(parseUseCaseTag(" Text-Generation , code - generation,, text-generation , Chat Bot ")).toEqual({
      raw: " Text-Generation , code - generation,, text-generation , Chat Bot ",
      values: ["text-generation", "code-generation"],
      invalid: ["Chat Bot"],
    });
  });

  it("declares nothing when absent or unknown", () => {
    expect(parseUseCaseTag(undefined)).toEqual({ raw: undefined, values: [], invalid: [] });
    const u = unknownAt("tags.ccc-use-case");
    expect(parseUseCaseTag(u)).toEqual({ raw: u, values: [], invalid: [] });
  });
});

describe("describeMode", () => {
  it.each([
    ["filter", "filter mode (enabled, blocking)"],
    ["annotate", "annotate mode (enabled: true, blocking: false)"],
    ["off", "off (enabled: false)"],
    ["unspecified", "a mode that cannot be shown to block (enabled/blocking not both set, or an unrecognised action)"],
    [
      "contradictory",
      "a contradictory state (its enabled, blocking and action fields disagree, or it is listed twice)",
    ],
  ] as const)("words %s as the user's fields say it", (mode, words) => {
    expect(describeMode(mode)).toBe(words);
  });
});
