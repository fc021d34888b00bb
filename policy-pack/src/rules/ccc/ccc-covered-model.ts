import { isUnknown } from "../../model/model";
import { quoted } from "../../redact";
import { CLAUSES } from "../../ruleData/clauses";
import { FORMATS_SOURCE } from "../../ruleData/models";
import { cite } from "../../ruleData/sources";
import { Outcome, Rule, note, violation } from "../types";

export const rule: Rule = {
  meta: {
    id: "ccc-covered-model",
    order: 20,
    name: "Model the CCC's mitigations cover",
    description:
      "Advisory: a deployment whose model is not Azure OpenAI (model.format other than OpenAI) is outside the CCC's required mitigations, so no copyright indemnity can be shown for its output; and declared use cases the model cannot produce are narrowed away.",
    severity: "medium",
    defaultEnforcement: "advisory",
    clauses: [CLAUSES.scope],
    remediation:
      'Use an Azure OpenAI model (model.format "OpenAI") where the output needs the CCC\'s indemnity; check the Microsoft Product Terms for other models.',
    appliesTo: ["deployment"],
    snippet: "compliant-text",
  },
  check(subject) {
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent, the pipeline calls check only on appliesTo kinds; the test narrows the type
    if (subject.kind !== "deployment") return [];
    const outcomes: Outcome[] = [];
    const d = subject.deployment;
    if (subject.coverage.covered === false) {
      outcomes.push(
        violation(
          `Deployment "${subject.ref.name}" deploys ${quoted(d, "modelName", d.modelName)} with model.format ${quoted(d, "modelFormat", d.modelFormat)}, which is not Azure OpenAI: the CCC's required mitigations address Azure OpenAI only, so no copyright indemnity can be shown for this deployment's output (coverage of other models is set by the Microsoft Product Terms; formats per ${cite(FORMATS_SOURCE)}). The pack's content filter rules do not apply to it.`,
          "Deploy an Azure OpenAI model for output that needs the CCC's indemnity, or accept this advisory for models outside it.",
        ),
      );
    }
    const useCases = subject.useCases;
    if (
      // Stryker disable next-line ConditionalExpression: equivalent, undecided use cases have no `narrowed`; the test narrows the type
      useCases.kind === "known" &&
      useCases.narrowed &&
      useCases.overridden === undefined &&
      !isUnknown(subject.coverage.produces)
    ) {
      const dropped = useCases.secret ? "[secret] use cases" : useCases.narrowed.dropped.join(", ");
      outcomes.push(
        note(
          `Deployment "${subject.ref.name}": the declared ${dropped} ${useCases.secret || useCases.narrowed.dropped.length > 1 ? "do" : "does"} not apply, because ${useCases.narrowed.why} (${subject.coverage.row?.source ?? "the model table"}). It is checked for ${useCases.values.length ? useCases.values.join(", ") : "no use case with a content filter requirement"}.`,
        ),
      );
    }
    return outcomes;
  },
};
