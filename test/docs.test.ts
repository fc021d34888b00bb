import * as fs from "fs";
import { README, RULES_DOC, renderReadme, rulesDoc } from "../scripts/generate-docs";
import { RULES } from "../policy-pack/src/rules";

describe("generated docs", () => {
  it("README's rule table matches the rule metadata (run npm run docs)", () => {
    const readme = fs.readFileSync(README, "utf8");
    expect(renderReadme(readme)).toBe(readme);
  });

  it("docs/rules.md matches the rule metadata (run npm run docs)", () => {
    expect(fs.readFileSync(RULES_DOC, "utf8")).toBe(rulesDoc());
  });

  it("every rule has a unique id, anchor and complete metadata", () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { meta } of RULES) {
      expect(meta.id).toMatch(/^ccc-[a-z0-9-]+$/);
      expect(meta.docsAnchor).toBe(meta.id);
      expect(meta.remediation.length).toBeGreaterThan(20);
      expect(meta.cccClause.length).toBeGreaterThan(20);
      if (meta.effectiveDate) expect(meta.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
