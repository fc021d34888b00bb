import { isAsynchronousMode } from "../filters";
import { isUnknown } from "../model";
import { OrgSettings } from "../settings";
import { EFFECTIVE } from "../ruleData";
import { dedupeOutcomes, policyForUseCase, policyLabel, subjectLabel, useCaseScope } from "./common";
import { Outcome, Rule, undecidable, violation } from "./types";

export const forbidUncoveredAsynchronousFilter: Rule = {
  meta: {
    id: "ccc-async-filter-coverage",
    name: "No asynchronous filter where flagged output loses coverage",
    description:
      "A text-generation deployment does not run on an asynchronous (Asynchronous_filter or Deferred) policy; a code-generation deployment does so only with licence compliance declared.",
    severity: "high",
    defaultEnforcement: "mandatory",
    cccClause:
      "With the asynchronous filter, output flagged afterwards as protected material text is not covered; output flagged afterwards as protected material code is covered only if the customer complies with the cited licence.",
    effectiveDate: EFFECTIVE.asynchronousFilter,
    remediation:
      'Set the RAI policy\'s mode to "Default" or "Blocking"; for code generation only, alternatively set ccc-organization-config.licenceComplianceDeclared.',
    docsAnchor: "ccc-async-filter-coverage",
    appliesTo: ["deployment", "rai-policy"],
  },
  check(subject, { settings }) {
    const outcomes: Outcome[] = [];
    for (const useCase of losingCoverage(settings)) {
      const target = policyForUseCase(subject, useCase);
      if ("outcomes" in target) {
        outcomes.push(...target.outcomes);
        continue;
      }
      const mode = target.policy.mode;
      if (isUnknown(mode)) {
        outcomes.push(undecidable(mode, `the mode of ${policyLabel(target.policy)} is not known yet`));
      } else if (typeof mode === "string" && isAsynchronousMode(mode)) {
        const loss =
          useCase === "text-generation"
            ? "output flagged afterwards as protected material text is not covered by the CCC"
            : "output flagged afterwards as protected material code is covered only with licence compliance, which ccc-organization-config does not declare";
        outcomes.push(
          violation(
            `${subjectLabel(subject)}; its ${policyLabel(target.policy)} has mode "${mode}" (asynchronous filter): ${loss}.`,
          ),
        );
      }
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

/** The use cases whose output loses CCC coverage under the asynchronous filter, given the org settings. */
function losingCoverage(settings: OrgSettings): readonly ("text-generation" | "code-generation")[] {
  return settings.licenceComplianceDeclared ? ["text-generation"] : ["text-generation", "code-generation"];
}
