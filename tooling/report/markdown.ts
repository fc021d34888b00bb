// Renders the evidence report as Markdown, for the people who review a CCC claim.
import { CccEvidenceReport, EvidenceItem, PolicyInfo, RequiredFilterState, RuleVerdict, Verdict } from "./types";

const ICON: Record<Verdict, string> = {
  pass: "✅ pass",
  violation: "❌ violation",
  waived: "⚠️ waived",
  undecidable: "❓ undecidable",
  "not applicable": "— not applicable",
  disabled: "⏸ disabled",
};

/** Escapes text for a table cell: pipes and line breaks would break the table. */
function cell(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === "") return "—";
  return String(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

const code = (text: string | null): string => (text === null ? "—" : `\`${text.replace(/`/g, "'")}\``);

function policyLine(p: PolicyInfo): string {
  const origin: Record<PolicyInfo["origin"], string> = {
    "in-stack": `in the stack${p.resource ? ` (resource \`${p.resource.name}\`)` : ""}`,
    external: "externally managed, declared in ccc-organization-config.externalRaiPolicies",
    "service-default": "none named: the service default",
    "microsoft-managed": "Microsoft-managed",
    unresolved: "unresolved",
    unknown: "not known",
  };
  const parts = [`**Content filter policy:** ${code(p.name)}, ${origin[p.origin]}`];
  if (p.mode !== null) parts.push(`mode \`${p.mode}\`${p.asynchronous ? " (asynchronous filter)" : " (synchronous)"}`);
  if (p.basePolicyName) parts.push(`base policy \`${p.basePolicyName}\``);
  return `${parts.join("; ")}${p.note ? `. ${p.note}.` : ""}`;
}

function filterTable(filters: readonly RequiredFilterState[]): string[] {
  if (filters.length === 0) return [];
  const lines = ["", "| required filter | source | state | as written |", "|---|---|---|---|"];
  for (const f of filters) {
    const written = f.entries.length
      ? f.entries
          .map(
            (e) =>
              `${e.entry}: enabled ${String(e.enabled ?? "—")}, blocking ${String(e.blocking ?? "—")}${e.action ? `, action ${e.action}` : ""}`,
          )
          .join("; ")
      : f.wrongSource.length
        ? `only on another source: ${f.wrongSource.map((e) => e.entry).join(", ")}`
        : "";
    lines.push(`| ${cell(f.filter)} | ${cell(f.source)} | **${f.state}**: ${cell(f.description)} | ${cell(written)} |`);
  }
  return lines;
}

function verdictTable(verdicts: readonly RuleVerdict[], docs: string): string[] {
  const lines = ["", "| rule | level | verdict | CCC clause (effective) | details |", "|---|---|---|---|---|"];
  for (const v of verdicts) {
    const details = [
      ...v.messages,
      ...(v.notes ?? []).map((n) => `Note: ${n}`),
      ...(v.note ? [v.note] : []),
      ...(v.waiver
        ? [
            `${v.waiver.expired ? "Expired waiver" : "Waiver"}: ${v.waiver.reason} (approved by ${v.waiver.approvedBy}, expires ${v.waiver.expires})`,
          ]
        : []),
    ].join(" ");
    lines.push(
      `| [\`${v.ruleId}\`](${docs}#${v.ruleId}) | ${v.level} | ${ICON[v.verdict]} | ${cell(v.cccClause)} (${v.effectiveDate ?? "pack check"}) | ${cell(details)} |`,
    );
  }
  return lines;
}

function evidenceLine(e: EvidenceItem): string {
  if (e.value === null && e.date === null) return `\`${e.tag}\`: none`;
  const age = e.ageDays === null ? "" : `, ${e.ageDays} days old`;
  return `\`${e.tag}\`: ${code(e.value)}, dated ${code(e.date)}${age} (on ${e.declaredOn ?? "—"})`;
}

/** `docs`: where docs/rules.md is, as a link target (default: relative to the repository root). */
export function renderMarkdown(r: CccEvidenceReport, docs = "docs/rules.md"): string {
  const s = r.summary;
  const out: string[] = [
    "# CCC evidence report",
    "",
    `Customer Copyright Commitment mitigations for Azure OpenAI, checked by \`${r.pack.name}\` v${r.pack.version}.`,
    "",
    `- **Overall compliant:** ${s.compliant ? "yes" : "**no**"}`,
    `- **Input:** ${r.input.kind === "stack-export" ? "stack export" : "program"} \`${r.input.path}\` (project ${code(r.input.project)}, stack ${code(r.input.stack)}; ${r.input.resources} resources, ${r.input.modelled} checked)`,
    `- **Pack config:** ${r.input.configFile ? `\`${r.input.configFile}\`` : "none (rule defaults)"}`,
    `- **As of:** ${r.asOf}; **generated at:** ${r.generatedAt}`,
    `- **Deployments:** ${s.deployments}, compliant ${s.compliantDeployments}`,
    `- **Findings:** ${s.mandatoryViolations} mandatory violation(s), ${s.advisoryViolations} advisory, ${s.undecidable} undecidable, ${s.waived} waived, ${s.notes} note(s)`,
  ];
  if (s.disabledRules.length) {
    out.push(`- **Disabled in config (not evaluated):** ${s.disabledRules.map((id) => `\`${id}\``).join(", ")}`);
  }
  if (s.configErrors.length) {
    out.push("- **Pack config errors:**", ...s.configErrors.map((e) => `  - ${e}`));
  }
  if (s.unusedWaivers.length) {
    out.push(
      "- **Waivers that match nothing:**",
      ...s.unusedWaivers.map(
        (w) => `  - ${w.policy} on \`${w.resource}\` (${w.reason}; approved by ${w.approvedBy}, expires ${w.expires})`,
      ),
    );
  }

  out.push("", "## Deployments", "");
  if (r.deployments.length === 0) out.push("No Azure OpenAI deployment in the input.");
  if (r.deployments.length) {
    out.push(
      "| deployment | account | model | capacity | use cases | policy | Jailbreak | PM Text | PM Code | compliant |",
      "|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const d of r.deployments) {
      const state = (name: string): string => d.policy.filters.find((f) => f.filter === name)?.state ?? "—";
      const model = [d.model.name, d.model.version, d.model.format].filter((x) => x !== null).join(" / ");
      out.push(
        `| \`${cell(d.resource.name)}\` | ${cell(d.account.name)} | ${cell(model)} | ${cell(d.sku.capacity)} | ${cell(d.useCases.values.join(", "))} | ${cell(d.policy.name ?? d.policy.origin)} (${d.policy.origin}) | ${state("Jailbreak")} | ${state("Protected Material Text")} | ${state("Protected Material Code")} | ${d.compliant ? "yes" : "**no**"} |`,
      );
    }
  }
  for (const d of r.deployments) {
    out.push("", `### Deployment \`${d.resource.name}\` ${d.compliant ? "✅" : "❌"}`, "");
    out.push(`- **URN:** \`${d.resource.urn}\``);
    out.push(`- **Azure name:** ${code(d.deploymentName)}; **account:** ${code(d.account.name)}`);
    out.push(
      `- **Model:** ${code(d.model.name)} version ${code(d.model.version)} format ${code(d.model.format)}; **SKU:** ${code(d.sku.name)}, capacity ${d.sku.capacity ?? "—"}`,
    );
    const declared = d.useCases.undecidable
      ? `not known (${d.useCases.undecidable})`
      : d.useCases.values.length
        ? `${d.useCases.values.join(", ")} (declared on ${d.useCases.declaredOn.join(", ")})`
        : "none declared";
    out.push(`- **Use cases:** ${declared}`);
    out.push(`- ${policyLine(d.policy)}`);
    out.push(`- **Metaprompt:** ${evidenceLine(d.evidence.metaprompt)}`);
    out.push(`- **Evaluation report:** ${evidenceLine(d.evidence.evaluationReport)}`);
    out.push(...filterTable(d.policy.filters));
    out.push(...verdictTable(d.verdicts, docs));
  }

  if (r.raiPolicies.length) {
    out.push("", "## RAI policies, checked against their own `ccc-use-case` tag");
    for (const p of r.raiPolicies) {
      out.push("", `### RAI policy \`${p.resource.name}\` ${p.compliant ? "✅" : "❌"}`, "");
      out.push(`- **URN:** \`${p.resource.urn}\``);
      out.push(`- **Own use cases:** ${p.useCases.length ? p.useCases.join(", ") : "none declared"}`);
      out.push(`- ${policyLine(p.policy)}`);
      out.push(...filterTable(p.policy.filters));
      out.push(...verdictTable(p.verdicts, docs));
    }
  }

  if (r.accounts.length) {
    out.push("", "## Accounts", "", "| account | kind | use cases (default) | verdicts |", "|---|---|---|---|");
    for (const a of r.accounts) {
      const verdicts = a.verdicts.map((v) => `\`${v.ruleId}\`: ${v.verdict}`).join("; ");
      out.push(
        `| \`${cell(a.resource.name)}\` (${cell(a.name)}) | ${cell(a.kind)} | ${cell(a.useCases.join(", "))} | ${cell(verdicts)} |`,
      );
    }
    const messages = r.accounts.flatMap((a) =>
      a.verdicts.flatMap((v) => v.messages.map((m) => `- \`${v.ruleId}\`: ${m}`)),
    );
    if (messages.length) out.push("", ...messages);
  }

  out.push("", "## Rules", "", "| rule | level | severity | CCC clause | effective |", "|---|---|---|---|---|");
  for (const rule of r.rules) {
    out.push(
      `| [\`${rule.id}\`](${docs}#${rule.docsAnchor}) ${cell(rule.name)} | ${rule.level} | ${rule.severity} | ${cell(rule.cccClause)} | ${rule.effectiveDate ?? "—"} |`,
    );
  }
  out.push(
    "",
    "Verdicts are the pack's own: the report runs the same rule code that `pulumi preview`/`up` enforce. " +
      "What an infrastructure check cannot see (the `x-policy-id` header, subscription-level RAI policies, " +
      "filtering outages) is listed in the README.",
    "",
  );
  return out.join("\n");
}
