// What the CCC covers for a deployment's model: a model.format other than Azure OpenAI's is outside it; an
// absent or unlisted format is treated as Azure OpenAI (fail closed), and a model the table does not know, or
// no model name at all, is taken to produce text and code, so the strictest requirements apply.
import { DeploymentSubject, ModelCoverage, unknownAt } from "../../policy-pack/src/model/model";
import { UNKNOWN, account, deployment, evaluate } from "../support/stack";

const TEXT_AND_CODE = ["text-generation", "code-generation"];
const GPT_4O_ROW = { pattern: "gpt-4o*", kind: "text and code generation", source: expect.any(String) };

const coverageOf = (model: Record<string, unknown>): ModelCoverage =>
  (
    evaluate([account("oai"), deployment("chat", { properties: { raiPolicyName: "strict", model } })]).subject("chat")
      .subject as DeploymentSubject
  ).coverage;

describe("model.format", () => {
  it("a format of another provider is not covered, in any case and with spaces around it", () => {
    expect(coverageOf({ format: "Cohere", name: "command-r" }).covered).toBe(false);
    expect(coverageOf({ format: " cohere ", name: "command-r" }).covered).toBe(false);
  });

  it("OpenAI, an unlisted format, or none at all is covered (fail closed: the filter rules apply)", () => {
    expect(coverageOf({ format: "OpenAI", name: "gpt-4o" })).toEqual({
      covered: true,
      produces: TEXT_AND_CODE,
      row: GPT_4O_ROW,
    });
    expect(coverageOf({ format: "Contoso", name: "gpt-4o" }).covered).toBe(true);
    expect(coverageOf({ name: "gpt-4o" })).toEqual({ covered: true, produces: TEXT_AND_CODE, row: GPT_4O_ROW });
  });

  it("a format not known is left undecided", () => {
    expect(coverageOf({ format: UNKNOWN, name: "gpt-4o" }).covered).toEqual(
      unknownAt("properties.model.format", "preview"),
    );
  });
});

describe("model name", () => {
  it("no model name: taken to produce text and code, with no table row", () => {
    expect(coverageOf({ format: "OpenAI" })).toEqual({ covered: true, produces: TEXT_AND_CODE });
  });

  it("a model the table does not know: taken to produce text and code, with no table row", () => {
    expect(coverageOf({ format: "OpenAI", name: "contoso-7b" })).toEqual({ covered: true, produces: TEXT_AND_CODE });
  });

  it("a model name not known: what it produces is not known either", () => {
    expect(coverageOf({ format: "OpenAI", name: UNKNOWN })).toEqual({
      covered: true,
      produces: unknownAt("properties.model.name", "preview"),
    });
  });
});
