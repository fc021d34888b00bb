// globMatches: the patterns of the model table, waivers and ccc-gated-models config. `*` matches any run of
// characters; every other character, regex syntax included, matches only itself.
import { globMatches } from "../../policy-pack/src/glob";

describe("globMatches", () => {
  it("`*` matches any run of characters, the whole name must match", () => {
    expect(globMatches("gpt-4o*", "gpt-4o-mini")).toBe(true);
    expect(globMatches("gpt-4o*", "gpt-4o")).toBe(true);
    expect(globMatches("*-mini", "gpt-4o-mini")).toBe(true);
    expect(globMatches("gpt-4o", "gpt-4o-mini")).toBe(false);
    expect(globMatches("gpt-4o*", "my-gpt-4o")).toBe(false);
  });

  it("regex syntax in a pattern matches only itself", () => {
    expect(globMatches("gpt-4.1", "gpt-4.1")).toBe(true);
    expect(globMatches("gpt-4.1", "gpt-401")).toBe(false);
    for (const literal of ["a+b", "a?b", "^ab$", "a{2}", "(ab)", "a|b", "[ab]", "a\\b"]) {
      expect(globMatches(literal, literal)).toBe(true);
    }
    expect(globMatches("a+b", "aab")).toBe(false);
    expect(globMatches("a|b", "a")).toBe(false);
    expect(globMatches("[ab]", "a")).toBe(false);
  });

  it("case matters unless ignoreCase is set, for the same pattern asked both ways", () => {
    expect(globMatches("GPT-5*", "gpt-5-pro")).toBe(false);
    expect(globMatches("GPT-5*", "gpt-5-pro", { ignoreCase: true })).toBe(true);
    expect(globMatches("GPT-5*", "gpt-5-pro")).toBe(false);
  });
});
