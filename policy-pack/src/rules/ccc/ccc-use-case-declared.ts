import { isUnknown } from "../../model/model";
import { ALLOWED_USE_CASES_TEXT, USE_CASE_TAG } from "../../model/useCases";
import { CLAUSES } from "../../ruleData/clauses";
import {
  flavourOf,
  invalidUseCases,
  lacksUseCase,
  noUseCase,
  notUseCases,
  subjectResource,
  useCaseList,
} from "../common";
import { declareUseCaseFix, sentence } from "../fixes";
import { Outcome, Rule, undecided, violation } from "../types";

export const rule: Rule = {
  meta: {
    id: "ccc-use-case-declared",
    order: 10,
    name: "Declared use case",
    description: `Every deployment declares its use cases with the "${USE_CASE_TAG}" tag (on the deployment, its RAI policy or its account), every tag value is one the pack knows, and the declaration fits what the model can produce.`,
    severity: "high",
    defaultEnforcement: "mandatory",
    clauses: [CLAUSES.otherUseCases, CLAUSES.textProtectedMaterial, CLAUSES.codeProtectedMaterial],
    remediation: `Tag the deployment (or its account, as a default) with ${USE_CASE_TAG}: a comma-separated list of ${ALLOWED_USE_CASES_TEXT}; or set ccc-organization-config.defaultUseCases.`,
    appliesTo: ["deployment", "rai-policy", "account"],
    snippet: "compliant-text",
  },
  check(subject) {
    const outcomes: Outcome[] = [];
    const tag = subjectResource(subject).useCases;
    // A deployment that declares no use case because of its own tag's values says so in that one finding.
    if (tag.invalid.length > 0 && !(subject.kind === "deployment" && lacksUseCase(subject))) {
      outcomes.push(
        violation(
          `The ${USE_CASE_TAG} tag of "${subject.ref.name}" has ${invalidUseCases(tag)}, ${notUseCases(tag.invalid.length)}. Allowed values: ${ALLOWED_USE_CASES_TEXT}.`,
          subject.kind === "deployment"
            ? `${sentence(declareUseCaseFix(flavourOf(subject)))}, with only ${ALLOWED_USE_CASES_TEXT}.`
            : `Set the ${USE_CASE_TAG} tag of "${subject.ref.name}" to one or more of ${ALLOWED_USE_CASES_TEXT}, comma-separated.`,
        ),
      );
    }
    if (subject.kind !== "deployment") {
      if (isUnknown(tag.raw)) outcomes.push(undecided(tag.raw, `the ${USE_CASE_TAG} tag`));
      return outcomes;
    }
    const useCases = subject.useCases;
    if (useCases.kind === "undecided") outcomes.push(undecided(useCases.unknown, useCases.why));
    else if (lacksUseCase(subject)) outcomes.push(noUseCase(subject));
    else if (useCases.overridden !== undefined) {
      outcomes.push(
        violation(
          `Deployment "${subject.ref.name}": ${useCases.overridden}. The pack judges it by what the model produces (${useCaseList(useCases.values, false)}) instead.`,
          `Declare the use cases the deployment serves: ${declareUseCaseFix(subject.deployment.flavour, useCases.values.join(","))}.`,
        ),
      );
    }
    return outcomes;
  },
};
