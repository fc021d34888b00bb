import { Diagnostic } from "./analyzer";

/** The resource's logical name and type from its URN (urn:pulumi:stack::project::type::name). */
export function describeUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const typeChain = parts[2] ?? "";
  return { type: typeChain.split("$").pop() ?? typeChain, name: parts.slice(3).join("::") };
}

/** Prints diagnostics the way `pulumi preview` lays out its Policies section. */
export function formatReport(packName: string, packVersion: string, diagnostics: readonly Diagnostic[]): string {
  const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory");
  const lines: string[] = ["Policies:", `    ${mandatory.length > 0 ? "❌" : "✅"} ${packName}@v${packVersion}`];
  const order = ["mandatory", "advisory"];
  const sorted = [...diagnostics].sort((a, b) => order.indexOf(a.enforcementLevel) - order.indexOf(b.enforcementLevel));
  for (const d of sorted) {
    const where = d.urn ? (({ type, name }) => `  (${type}: ${name})`)(describeUrn(d.urn)) : "";
    lines.push(`        - [${d.enforcementLevel}]  ${d.policyName}${where}`);
    for (const text of d.message.split("\n")) lines.push(`          ${text}`);
  }
  const advisory = diagnostics.filter((d) => d.enforcementLevel === "advisory").length;
  lines.push("", `${mandatory.length} mandatory violation(s), ${advisory} advisory`);
  return lines.join("\n");
}
