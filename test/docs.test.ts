import * as fs from "fs";
import * as path from "path";
import {
  README,
  RULES_DOC,
  SNIPPETS_DIR,
  SNIPPET_LANGUAGES,
  renderReadme,
  rulesDoc,
  snippetSection,
} from "../scripts/generate-docs";
import { catalogue } from "../policy-pack/src/api";

describe("generated docs", () => {
  it("README's rule table matches the catalogue (run npm run docs)", () => {
    const readme = fs.readFileSync(README, "utf8");
    expect(renderReadme(readme)).toBe(readme);
  });

  it("docs/rules.md matches the catalogue (run npm run docs)", () => {
    expect(fs.readFileSync(RULES_DOC, "utf8")).toBe(rulesDoc());
  });

  it("every rule has a unique id, its file named after it, and complete metadata", () => {
    const ids = catalogue().map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { meta, group } of catalogue()) {
      expect(meta.id).toMatch(/^ccc-[a-z0-9-]+$/);
      expect(fs.existsSync(`${__dirname}/../policy-pack/src/rules/${group}/${meta.id}.ts`)).toBe(true);
      expect(meta.remediation.length).toBeGreaterThan(20);
      expect(meta.clauses.length).toBeGreaterThan(0);
      for (const c of meta.clauses) if (c.effective) expect(c.effective).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("every rule's section shows a snippet of docs/snippets/ that exists, in every language, linked", () => {
    const doc = rulesDoc();
    const sections = new Map(
      doc
        .split('<a id="')
        .slice(1)
        .map((part) => [part.slice(0, part.indexOf('"')), part] as const),
    );
    for (const { meta } of catalogue()) {
      const snippet = meta.snippet;
      expect([meta.id, typeof snippet]).toEqual([meta.id, "string"]);
      const dir = path.join(SNIPPETS_DIR, snippet!);
      for (const { file } of SNIPPET_LANGUAGES)
        expect([meta.id, file, fs.existsSync(path.join(dir, file))]).toEqual([meta.id, file, true]);
      const section = sections.get(meta.id)!;
      expect(section).toContain(`[\`docs/snippets/${snippet}\`](snippets/${snippet}/)`);
      for (const { language, file } of SNIPPET_LANGUAGES) {
        expect(section).toContain(`<summary>${language} (${file})</summary>`);
        expect(section).toContain(fs.readFileSync(path.join(dir, file), "utf8").trimEnd());
      }
    }
  });

  it("a rule naming a snippet that does not exist fails the docs generation, naming the rule", () => {
    expect(() => snippetSection("no-such-snippet", "ccc-example-rule")).toThrow(
      /rule ccc-example-rule names snippet "no-such-snippet", but docs\/snippets\/no-such-snippet\/ lacks index\.ts/,
    );
  });
});
