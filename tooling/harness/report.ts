// The offline check's human output: findings grouped by resource, as `pulumi preview` shows a resource and
// then what applies to it, and one summary line at the end.
import type { CheckFinding, Counts } from "../cli/output";

/** The resource's logical name and type from its URN (urn:pulumi:stack::project::type::name). */
export function describeUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const typeChain = parts[2] ?? "";
  return { type: typeChain.split("$").pop() ?? typeChain, name: parts.slice(3).join("::") };
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** `N mandatory, M advisory across K resources`. */
export function summaryLine(counts: Counts): string {
  return `${counts.mandatory} mandatory, ${counts.advisory} advisory across ${plural(counts.resources, "resource", "resources")}`;
}

/**
 * The pack's findings, one block per resource (in `order`, the program's registration order; stack-level
 * messages last), mandatory before advisory within a resource, each with its rule id, message, fix and docs.
 */
export function formatReport(
  pack: { readonly name: string; readonly version: string },
  findings: readonly CheckFinding[],
  counts: Counts,
  order: readonly string[] = [],
): string {
  const lines: string[] = ["Policies:", `    ${counts.mandatory > 0 ? "❌" : "✅"} ${pack.name}@v${pack.version}`];
  const groups = new Map<string, CheckFinding[]>();
  for (const f of findings) {
    const key = f.resource?.urn ?? "";
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const rank = (urn: string) => (urn === "" ? Infinity : order.indexOf(urn) < 0 ? order.length : order.indexOf(urn));
  const keys = [...groups.keys()].sort((a, b) => rank(a) - rank(b));
  for (const key of keys) {
    const group = groups.get(key)!;
    const resource = group[0].resource;
    lines.push("", resource ? `    ${resource.type}: ${resource.name}` : "    (stack)");
    const sorted = [...group].sort((a, b) => Number(a.level === "advisory") - Number(b.level === "advisory"));
    for (const f of sorted) {
      lines.push(`        - [${f.level}]  ${f.ruleId}`);
      for (const text of f.message.split("\n")) lines.push(`          ${text}`);
      if (f.fix !== null) lines.push(`          Fix: ${f.fix.replace(/\n/g, "\n          ")}`);
      if (f.docs !== null) lines.push(`          Docs: ${f.docs}`);
    }
  }
  lines.push("", summaryLine(counts));
  return lines.join("\n");
}
