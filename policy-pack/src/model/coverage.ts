// What the CCC covers for a deployment's model: its format (Azure OpenAI or not) and what it can produce.
import { globMatches } from "../glob";
import {
  FORMATS_SOURCE,
  MODEL_TABLE,
  ModelRow,
  NON_AZURE_OPENAI_FORMATS,
  UNKNOWN_MODEL_PRODUCES,
} from "../ruleData/models";
import { Deployment, ModelCoverage, isUnknown } from "./model";

const NON_OPENAI = new Set(NON_AZURE_OPENAI_FORMATS.map((f) => f.toLowerCase()));

export function coverageOf(deployment: Deployment): ModelCoverage {
  const format = deployment.modelFormat;
  const covered = isUnknown(format)
    ? format
    : !(typeof format === "string" && NON_OPENAI.has(format.trim().toLowerCase()));
  const name = deployment.modelName;
  if (isUnknown(name)) return { covered, produces: name };
  if (name === undefined) return { covered, produces: UNKNOWN_MODEL_PRODUCES };
  const found = modelRow(name);
  if (found === undefined) return { covered, produces: UNKNOWN_MODEL_PRODUCES };
  // The row a secret name matched would show part of it (its pattern) in messages.
  if (deployment.secret.has("modelName")) return { covered, produces: found.row.produces, secretName: true };
  return {
    covered,
    produces: found.row.produces,
    row: { pattern: found.pattern, kind: found.row.kind, source: found.row.source.title },
  };
}

type RowMatch = { readonly row: ModelRow; readonly pattern: string } | undefined;
/** By model name: a stack names few models, many times. */
const rowOf = new Map<string, RowMatch>();

/** The first row of the model table whose pattern matches the model (a fine-tuned model by its base). */
export function modelRow(name: string): RowMatch {
  // Stryker disable next-line ConditionalExpression: a cache; matching the table again gives the same row
  if (rowOf.has(name)) return rowOf.get(name);
  const base = name.toLowerCase().split(".ft-")[0];
  let match: RowMatch;
  for (const row of MODEL_TABLE) {
    const pattern = row.patterns.find((p) => globMatches(p, base));
    if (pattern !== undefined) {
      // Frozen: every caller gets this one object (modelRow is public API).
      match = Object.freeze({ row, pattern });
      break;
    }
  }
  rowOf.set(name, match);
  return match;
}

export { FORMATS_SOURCE };
