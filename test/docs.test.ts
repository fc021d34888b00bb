import * as fs from "fs";
import { README, RULES_DOC, renderReadme, rulesDoc } from "../scripts/generate-docs";
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
});
