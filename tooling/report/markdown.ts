// Renders the evidence report as Markdown, for the people who review a CCC claim or an organization's
// rollout: a summary across stacks, then each stack's deployments in detail.
import {
  CccReport,
  DeploymentRow,
  EvidenceItem,
  Finding,
  FindingCounts,
  PolicyInfo,
  RequiredFilterState,
  RuleVerdict,
  StackReport,
  UseCases,
  VerdictKind,
} from "./types";

const ICON: Record<VerdictKind, string> = {
  pass: "✅ pass",
  violation: "❌ violation",
  waived: "⚠️ waived",
  undecided: "❓ undecided",
  "not applicable": "— not applicable",
  disabled: "⏸ disabled",
  deferred: "⏳ deferred",
};

/** Escapes text for a table cell: pipes and line breaks would break the table. */
function cell(text: string | number | boolean | null | undefined): string {
  if (text === null || text === undefined || text === "") return "—";
  return String(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Inline code: a backtick or line break in a name cannot end it or start a line of its own. */
const code = (text: string | number | null): string =>
  text === null
    ? "—"
    : `\`${String(text)
        .replace(/`/g, "'")
        .replace(/\s*[\r\n]+\s*/g, " ")}\``;
const mark = (ok: boolean): string => (ok ? "✅" : "❌");

export function stackTitle(s: StackReport): string {
  return s.input.project !== null && s.input.stack !== null ? `${s.input.project}/${s.input.stack}` : s.input.path;
}

function counts(c: FindingCounts): string {
  return `${c.mandatoryViolations} mandatory violation(s), ${c.advisoryViolations} advisory, ${c.undecided} undecided, ${c.waived} waived, ${c.notes} note(s)`;
}

function perRule(byRule: Readonly<Record<string, FindingCounts>>): string {
  const parts = Object.entries(byRule)
    .filter(([, c]) => c.mandatoryViolations + c.advisoryViolations > 0)
    .map(([id, c]) => {
      const levels = [
        ...(c.mandatoryViolations ? [`${c.mandatoryViolations} mandatory`] : []),
        ...(c.advisoryViolations ? [`${c.advisoryViolations} advisory`] : []),
      ];
      return `\`${id}\` ${levels.join(", ")}`;
    });
  return parts.length ? parts.join("; ") : "none";
}

function useCaseText(u: UseCases): string {
  if (u.state === "undecided") return u.note ?? "not known";
  const values = u.secret ? "[secret]" : u.values.length ? u.values.join(", ") : "none";
  const on = u.declaredOn.length ? ` (declared on ${u.declaredOn.join(", ")})` : "";
  return `${values}${on}${u.note ? `; ${u.note}` : ""}`;
}

function policyLine(p: PolicyInfo): string {
  const parts = [`**Content filter policy:** ${p.label}`];
  if (p.mode !== null) parts.push(`mode ${code(p.mode)}${p.modeKind ? ` (${p.modeKind})` : ""}`);
  if (p.basePolicyName !== null) parts.push(`base policy ${code(p.basePolicyName)}`);
  return parts.join("; ");
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

function findingText(f: Finding, ruleId?: string): string {
  const waiver = f.waiver
    ? ` ${f.waiver.expired ? "Expired waiver" : "Waiver"}: ${f.waiver.reason} (approved by ${f.waiver.approvedBy}, expires ${f.waiver.expires}).`
    : "";
  const under = f.ruleId === ruleId ? "" : ` [reported under \`${f.ruleId}\`]`;
  return `${f.message}${f.fix ? ` Fix: ${f.fix}` : ""}${waiver}${under}`;
}

function verdictTable(verdicts: readonly RuleVerdict[], docs: (id: string) => string): string[] {
  const lines = ["", "| rule | level | verdict | details |", "|---|---|---|---|"];
  for (const v of verdicts) {
    const details = [
      ...v.findings.map((f) => findingText(f, v.ruleId)),
      ...v.notes.map((n) => `Note: ${n.message}`),
      ...(v.notApplicable ? [v.notApplicable] : []),
    ].join(" ");
    lines.push(`| [\`${v.ruleId}\`](${docs(v.ruleId)}) | ${v.level} | ${ICON[v.verdict]} | ${cell(details)} |`);
  }
  return lines;
}

function evidenceLine(e: EvidenceItem): string {
  if (e.pointer === null && e.date === null) return `\`${e.tag}\`: none`;
  const age = e.ageDays === null ? "" : `, ${e.ageDays} days old`;
  return `\`${e.tag}\`: ${code(e.pointer)}, dated ${code(e.date)}${age} (on ${e.declaredOn ?? "—"})`;
}

function deploymentDetail(d: DeploymentRow, docs: (id: string) => string): string[] {
  const out = ["", `#### Deployment ${code(d.resource.name)} ${mark(d.compliant)}`, ""];
  out.push(`- **URN:** ${code(d.resource.urn)}`);
  out.push(`- **Azure name:** ${code(d.deploymentName)}; **account:** ${code(d.account.name)} (${d.account.lookup})`);
  out.push(
    `- **Model:** ${code(d.model.name)} version ${code(d.model.version)} format ${code(d.model.format)}${d.model.covered === false ? " (not covered by the CCC)" : ""}; **SKU:** ${code(d.sku.name)}, capacity ${d.sku.capacity ?? "—"}`,
  );
  out.push(`- **Use cases:** ${useCaseText(d.useCases)}`);
  out.push(`- ${policyLine(d.policy)}`);
  for (const e of d.evidence)
    out.push(`- **${e.what === "metaprompt" ? "Metaprompt" : "Evaluation report"}:** ${evidenceLine(e)}`);
  out.push(...filterTable(d.policy.filters));
  out.push(...verdictTable(d.verdicts, docs));
  return out;
}

function stackSection(s: StackReport, docs: (id: string) => string, unique: boolean): string[] {
  const sum = s.summary;
  const heading = `## Stack ${code(stackTitle(s))}${unique ? "" : ` (${code(s.input.path)})`} ${mark(sum.compliant)}`;
  const out = ["", heading, ""];
  const state = s.input.stateTime ? `, state written ${s.input.stateTime}` : "";
  out.push(
    `- **Input:** ${s.input.kind === "stack-export" ? "stack export" : "program"} ${code(s.input.path)}${state} (${s.input.resources} resources, ${s.input.modelled} checked)`,
    `- **Compliant:** ${sum.compliant ? "yes" : "**no**"}; **verdicts as of** ${s.asOf} (${s.verdictTime})`,
    `- **Deployments:** ${sum.deployments}, compliant ${sum.compliantDeployments}`,
    `- **Findings:** ${counts(sum)}`,
    `- **Violations per rule:** ${perRule(sum.byRule)}`,
  );
  if (s.unusedWaivers.length) {
    out.push(
      "- **Waivers that match nothing here:**",
      ...s.unusedWaivers.map(
        (w) =>
          `  - ${w.policy} on ${code(w.resource)} (${w.reason}; approved by ${w.approvedBy}, expires ${w.expires})`,
      ),
    );
  }
  out.push("", "### Deployments", "");
  if (s.deployments.length === 0) out.push("No Azure OpenAI deployment in this stack.");
  else {
    out.push(
      "| deployment | account | model | capacity | use cases | policy | Jailbreak | PM Text | PM Code | compliant |",
      "|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const d of s.deployments) {
      const state = (name: string): string => d.policy.filters.find((f) => f.filter === name)?.state ?? "—";
      const model = [d.model.name, d.model.version, d.model.format].filter((x) => x !== null).join(" / ");
      out.push(
        `| \`${cell(d.resource.name)}\` | ${cell(d.account.name)} | ${cell(model)} | ${cell(d.sku.capacity)} | ${cell(useCaseText(d.useCases))} | ${cell(d.policy.name ?? d.policy.resolution)} (${d.policy.resolution}) | ${state("Jailbreak")} | ${state("Protected Material Text")} | ${state("Protected Material Code")} | ${d.compliant ? "yes" : "**no**"} |`,
      );
    }
  }
  for (const d of s.deployments) out.push(...deploymentDetail(d, docs));

  if (s.raiPolicies.length) {
    out.push("", "### RAI policies, checked against their own `ccc-use-case` tag");
    for (const p of s.raiPolicies) {
      out.push("", `#### RAI policy ${code(p.resource.name)} ${mark(p.compliant)}`, "");
      out.push(`- **URN:** ${code(p.resource.urn)}`);
      out.push(`- **Own use cases:** ${useCaseText(p.useCases)}`);
      out.push(`- ${policyLine(p.policy)}`);
      out.push(...filterTable(p.policy.filters));
      out.push(...verdictTable(p.verdicts, docs));
    }
  }
  if (s.accounts.length) {
    out.push("", "### Accounts", "", "| account | kind | verdicts | compliant |", "|---|---|---|---|");
    for (const a of s.accounts) {
      const verdicts = a.verdicts
        .filter((v) => v.verdict !== "pass" && v.verdict !== "not applicable")
        .map((v) => `\`${v.ruleId}\`: ${v.verdict}`)
        .join("; ");
      out.push(
        `| \`${cell(a.resource.name)}\` (${cell(a.name)}) | ${cell(a.kind)} | ${cell(verdicts || "all pass")} | ${a.compliant ? "yes" : "**no**"} |`,
      );
    }
    const messages = s.accounts.flatMap((a) => a.verdicts.flatMap((v) => v.findings.map((f) => `- ${findingText(f)}`)));
    if (messages.length) out.push("", ...messages);
  }
  return out;
}

/** The report as Markdown. Rule links point at each finding's `docs` (docs/rules.md unless --docs-url). */
export function renderMarkdown(r: CccReport): string {
  const t = r.totals;
  const docsOf = new Map(r.rules.map((rule) => [rule.id, rule.docs]));
  const docs = (id: string) => docsOf.get(id) ?? `docs/rules.md#${id}`;
  const out: string[] = [
    "# CCC evidence report",
    "",
    `Customer Copyright Commitment mitigations for Azure OpenAI, judged by \`${r.pack.name}\` v${r.pack.version} with the same pipeline \`pulumi preview\`/\`up\` enforce.`,
    "",
    `- **Overall compliant:** ${t.compliant ? "yes" : "**no**"} (${t.compliantStacks} of ${t.stacks} stack(s) compliant)`,
    `- **Verdicts as of:** ${r.asOf}; **generated at:** ${r.generatedAt}; **pack:** ${r.pack.name} ${r.pack.version}`,
    `- **Pack config:** ${r.config.file ? code(r.config.file) : "none (rule defaults)"}`,
    `- **Deployments:** ${t.deployments}, compliant ${t.compliantDeployments}`,
    `- **Findings:** ${counts(t)}`,
    "",
    "## Stacks",
    "",
    "| stack | input | deployments | compliant | violations per rule | waived | undecided |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const s of r.stacks) {
    const sum = s.summary;
    out.push(
      `| \`${cell(stackTitle(s))}\` ${mark(sum.compliant)} | ${cell(s.input.path)} | ${sum.deployments} | ${sum.compliantDeployments} of ${sum.deployments} | ${cell(perRule(sum.byRule))} | ${sum.waived} | ${sum.undecided} |`,
    );
  }
  out.push(
    `| **total** (${t.stacks} stack(s)) | | ${t.deployments} | ${t.compliantDeployments} of ${t.deployments} | ${cell(perRule(t.byRule))} | ${t.waived} | ${t.undecided} |`,
  );
  const titles = r.stacks.map(stackTitle);
  for (const s of r.stacks) out.push(...stackSection(s, docs, titles.filter((t) => t === stackTitle(s)).length === 1));

  out.push("", "## Rules", "", "| rule | level | severity | clauses (effective) |", "|---|---|---|---|");
  for (const rule of r.rules) {
    const clauses = rule.clauses.map((c) => `${c.id}${c.effective ? ` (${c.effective})` : ""}`).join(", ");
    out.push(
      `| [\`${rule.id}\`](${rule.docs}) ${cell(rule.name)} | ${rule.level} | ${rule.severity} | ${cell(clauses)} |`,
    );
  }
  out.push(
    "",
    "Verdicts are the pack's own: the report runs the judgement pipeline that `pulumi preview`/`up` enforce. " +
      "What an infrastructure check cannot see (the `x-policy-id` header, filtering outages) is listed in the README.",
    "",
  );
  return out.join("\n");
}
