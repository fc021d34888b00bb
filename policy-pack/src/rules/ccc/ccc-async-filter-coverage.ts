import { policyModeKind } from "../../model/filters";
import { OrgSettings } from "../../config/orgSettings";
import { ContentFilterPolicy } from "../../model/model";
import { quoted } from "../../redact";
import { CLAUSES } from "../../ruleData/clauses";
import { SOURCES, cite } from "../../ruleData/sources";
import {
  dedupeOutcomes,
  flavourOf,
  policyLabel,
  policyLead,
  policyTargets,
  subjectLabel,
  useCaseScope,
} from "../common";
import { modeProperty } from "../fixes";
import { Outcome, Rule, undecided, violation } from "../types";

export const rule: Rule = {
  meta: {
    id: "ccc-async-filter-coverage",
    order: 80,
    name: "No asynchronous filter where flagged output loses coverage",
    description:
      "A text-generation deployment does not run on an asynchronous (Asynchronous_filter or Deferred) policy, nor on a mode Microsoft does not document; a code-generation deployment does so only with licence compliance declared.",
    severity: "high",
    defaultEnforcement: "mandatory",
    clauses: [CLAUSES.textAsynchronous, CLAUSES.codeAsynchronous],
    remediation:
      'Set the RAI policy\'s mode to "Default" or "Blocking" (synchronous); for code generation only, alternatively set ccc-organization-config.licenceComplianceDeclared.',
    appliesTo: ["deployment", "rai-policy"],
    snippet: "compliant-text",
  },
  check(subject, { settings }) {
    // One finding per policy: the use cases that lose coverage on it are named together.
    const outcomes: Outcome[] = [];
    const losing = new Map<ContentFilterPolicy, { via: string; useCases: LosingUseCase[] }>();
    for (const useCase of losingCoverage(settings)) {
      const found = policyTargets(subject, useCase);
      outcomes.push(...found.outcomes);
      for (const { policy, via } of found.targets) {
        const entry = losing.get(policy) ?? { via, useCases: [] };
        entry.useCases.push(useCase);
        losing.set(policy, entry);
      }
    }
    for (const [policy, { via, useCases }] of losing) {
      const kind = policyModeKind(policy.mode);
      if (typeof kind !== "string") {
        outcomes.push(undecided(kind, `the mode of ${policyLabel(policy)}`));
        continue;
      }
      if (kind === "synchronous") continue;
      const where = policyLead(subject, { policy, via });
      const mode = quoted(policy, "mode", policy.mode);
      const codeOnly = !useCases.includes("text-generation");
      const fix = `Set ${modeProperty(policy.origin.kind === "stack" ? policy.flavour : flavourOf(subject))} of ${policyLabel(policy)} to "Default" or "Blocking", which filter before output is returned${codeOnly ? "; or, for code generation, set ccc-organization-config.licenceComplianceDeclared" : ""}.`;
      if (kind === "undocumented") {
        outcomes.push(
          violation(
            `${subjectLabel(subject)}; ${where} has mode ${mode}, which is not a documented mode (Default, Blocking, Deferred, Asynchronous_filter), so it cannot be shown to filter before output is returned.`,
            fix,
          ),
        );
        continue;
      }
      const loss = useCases.map((u) => LOSS[u]).join(", and ");
      outcomes.push(
        violation(
          `${subjectLabel(subject)}; ${where} has mode ${mode} (asynchronous filter): ${loss} (${cite(SOURCES.contentStreaming)}).`,
          fix,
        ),
      );
    }
    return dedupeOutcomes(outcomes);
  },
  notApplicable: (subject, { settings }) =>
    useCaseScope(
      subject,
      (u) => losingCoverage(settings).some((lost) => u.includes(lost)),
      "asynchronous filtering loses coverage only for text, and for code without declared licence compliance",
    ),
};

type LosingUseCase = "text-generation" | "code-generation";

const LOSS: Record<LosingUseCase, string> = {
  "text-generation": "output flagged afterwards as protected material text is not covered by the CCC",
  "code-generation":
    "output flagged afterwards as protected material code is covered only with licence compliance, which ccc-organization-config does not declare",
};

/** The use cases whose output loses CCC coverage under the asynchronous filter, given the org settings. */
function losingCoverage(settings: OrgSettings): readonly LosingUseCase[] {
  return settings.licenceComplianceDeclared ? ["text-generation"] : ["text-generation", "code-generation"];
}
