// `--suggest-fixes` as people read it: per suggestion, where to paste the policy, the code, and the line that
// attaches it to each deployment; then the deployments that get none, and why.
import * as path from "path";
import { Place, SuggestionReport } from "./suggest";

const where = (p: Place, cwd: string): string => `${path.relative(cwd, p.file) || p.file}:${p.line}`;
const indent = (text: string, n: number): string =>
  text
    .split("\n")
    .map((l) => (l === "" ? l : `${" ".repeat(n)}${l}`))
    .join("\n");

export function formatSuggestions(report: SuggestionReport, cwd = process.cwd()): string {
  const lines: string[] = [];
  const { policies: suggestions, skipped } = report;
  lines.push(
    suggestions.length === 0
      ? "Fix suggestions: none (no deployment lacks a compliant content filter policy, or none can get one here)."
      : `Fix suggestions (${suggestions.length}):`,
  );
  suggestions.forEach((s, i) => {
    const names = s.deployments.map((d) => `"${d.name}"`).join(", ");
    lines.push(
      "",
      `  ${i + 1}. A RAI policy on account "${s.account}" for ${s.useCases.join(" and ")} (${s.filters.map((f) => f.name).join(", ")} in filter mode, synchronous), for deployment${s.deployments.length > 1 ? "s" : ""} ${names}.`,
    );
    if (s.importLine) lines.push(`     Import (if the program does not yet): ${s.importLine}`);
    lines.push(
      s.pasteBefore
        ? `     Paste before ${where(s.pasteBefore, cwd)}:`
        : "     Paste before the deployment is created:",
    );
    lines.push("", indent(s.code, 7), "");
    for (const d of s.deployments) {
      const at = d.at ? ` (${where(d.at, cwd)})` : "";
      const container = d.property === "raiPolicyName" ? "in its arguments" : "in its properties";
      lines.push(
        d.replaces
          ? `     In deployment "${d.name}"${at}, replace \`${d.replaces}\` with:`
          : `     In deployment "${d.name}"${at}, ${d.at ? "add" : "set"} ${d.line.startsWith("properties:") ? "in its arguments" : container}:`,
        `       ${d.line}`,
      );
    }
    for (const note of s.notes) lines.push(`     Note: ${note}`);
  });
  if (skipped.length > 0) {
    lines.push("", "  No suggestion for:");
    for (const s of skipped) lines.push(`    - deployment "${s.name}": ${s.reason}.`);
  }
  return lines.join("\n");
}
