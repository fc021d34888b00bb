import { isUnknown } from "../model";
import { EFFECTIVE } from "../ruleData";
import { ALLOWED_USE_CASES_TEXT, USE_CASE_TAG } from "../useCases";
import { subjectResource } from "./common";
import { Outcome, Rule, undecidable, violation } from "./types";

export const requireDeclaredUseCase: Rule = {
  meta: {
    id: "ccc-use-case-declared",
    name: "Declared use case",
    description: `Every deployment declares its use cases with the "${USE_CASE_TAG}" tag (on the deployment, its RAI policy or its account), and every tag value is one the pack knows.`,
    severity: "high",
    defaultEnforcement: "mandatory",
    cccClause:
      "The required mitigations depend on the use case; image generation, Whisper (speech) and other use cases add no filter requirement but must still be identified.",
    effectiveDate: EFFECTIVE.contentFilters,
    remediation: `Tag the deployment (or its account, as a default) with ${USE_CASE_TAG}: a comma-separated list of ${ALLOWED_USE_CASES_TEXT}; or set ccc-organization-config.defaultUseCases.`,
    docsAnchor: "ccc-use-case-declared",
    appliesTo: ["deployment", "rai-policy", "account"],
  },
  check(subject) {
    const outcomes: Outcome[] = [];
    const tag = subjectResource(subject).useCases;
    if (tag.invalid.length > 0) {
      outcomes.push(
        violation(
          `The ${USE_CASE_TAG} tag of "${subject.ref.name}" has ${tag.invalid.map((v) => `"${v}"`).join(", ")}, which is not a use case. Allowed values: ${ALLOWED_USE_CASES_TEXT}.`,
        ),
      );
    }
    if (subject.kind !== "deployment") {
      if (isUnknown(tag.raw)) outcomes.push(undecidable(tag.raw, `the ${USE_CASE_TAG} tag is not known yet`));
      return outcomes;
    }
    if (subject.useCases.kind === "undecidable") {
      outcomes.push(undecidable(subject.useCases.unknown, subject.useCases.why));
    } else if (subject.useCases.values.length === 0) {
      outcomes.push(
        violation(
          `Deployment "${subject.ref.name}" declares no use case: no valid ${USE_CASE_TAG} tag on the deployment, its RAI policy or its account, and ccc-organization-config.defaultUseCases is empty. The CCC mitigations depend on the use case, so the deployment cannot be checked. Tag it with ${ALLOWED_USE_CASES_TEXT}.`,
        ),
      );
    }
    return outcomes;
  },
};
