// The rule catalogue, derived from the files: one file per rule, named after its id, in a folder per group
// (ccc, integrity, approvals). Adding a rule file adds its Pulumi policy, its docs and its report column.
import * as fs from "fs";
import * as path from "path";
import { Rule, RuleGroup } from "./types";

export const RULE_GROUPS: readonly RuleGroup[] = ["ccc", "integrity", "approvals"];
const RULE_FILE = /^(ccc-[a-z0-9-]+)\.(?:ts|js)$/;

function load(group: RuleGroup): Rule[] {
  const dir = path.join(__dirname, group);
  return fs
    .readdirSync(dir)
    .filter((f) => RULE_FILE.test(f) && !f.endsWith(".d.ts"))
    .map((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const rule = (require(path.join(dir, file)) as { rule?: Rule }).rule;
      const id = RULE_FILE.exec(file)![1];
      if (rule?.meta?.id !== id) throw new Error(`rules/${group}/${file} must export \`rule\` with meta.id "${id}"`);
      return rule;
    })
    .sort((a, b) => a.meta.order - b.meta.order || a.meta.id.localeCompare(b.meta.id));
}

const loaded = RULE_GROUPS.map((group) => ({ group, rules: load(group) }));

/** Every rule, by group, then by its order. */
export const RULES: readonly Rule[] = loaded.flatMap((g) => g.rules);

/** The group a rule is filed under, for docs. */
export const GROUP_OF: ReadonlyMap<string, RuleGroup> = new Map(
  loaded.flatMap((g) => g.rules.map((r) => [r.meta.id, g.group] as const)),
);
