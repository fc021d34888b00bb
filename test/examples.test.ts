// Runs every example program under setMocks (fake Azure answering in azure-native's response shape),
// then drives the real pack over the analyzer gRPC protocol and checks the exact findings.
import { analyzeResources } from "../tooling/harness/analyzer";
import { captureProgram } from "../tooling/harness/capture";
import { CaptureResult } from "../tooling/harness/types";
import {
  PACK_DIR,
  exampleNames,
  expectation,
  findings,
  isPreviewDeferral,
  readConfig,
  sortFindings,
  withFixedDate,
} from "./support/examples";

const PATH_PARAMETERS = ["resourceGroupName", "accountName", "raiPolicyName", "deploymentName"];

describe.each(exampleNames())("example %s", (name) => {
  const expected = expectation(name);
  const dir = `${__dirname}/../examples/${name}`;
  let capture: CaptureResult;

  beforeAll(async () => {
    capture = await captureProgram(dir);
  });

  it("registers cognitive resources whose mocked outputs have the provider's response shape", () => {
    // Account-scoped cognitive resources (hub and subscription-scope ones have their own ARM paths).
    const cognitive = capture.resources.filter((r) =>
      /^azure-native:cognitiveservices(\/v\w+)?:(Account|Deployment|RaiPolicy)$|^azure:cognitive\//.test(r.type),
    );
    expect(
      cognitive.length + capture.resources.filter((r) => r.type.includes("machinelearningservices")).length,
    ).toBeGreaterThan(0);
    for (const r of cognitive) {
      // azure-native answers in the ARM response shape; the classic (Terraform-bridged) provider echoes arguments.
      if (r.type.startsWith("azure-native:")) {
        for (const param of PATH_PARAMETERS) expect(r.outputs).not.toHaveProperty(param);
      }
      expect(r.outputs.id).toMatch(/^\/subscriptions\/.+\/providers\/Microsoft\.CognitiveServices\/accounts\//);
      expect(typeof r.outputs.name).toBe("string");
    }
  });

  it(`reports exactly the expected findings: ${expected.description}`, async () => {
    const result = await analyzeResources(
      PACK_DIR,
      capture.resources,
      { project: capture.project, stack: capture.stack, dryRun: false },
      withFixedDate(expected.config),
    );
    expect(result.diagnostics.filter(isPreviewDeferral)).toEqual([]);
    expect(findings(result.diagnostics, "mandatory")).toEqual(sortFindings(expected.mandatory));
    expect(findings(result.diagnostics, "advisory")).toEqual(sortFindings(expected.advisory));
  });

  it("reaches the same mandatory verdict in preview, where names are unknown", async () => {
    const preview = await captureProgram(dir, { preview: true });
    const result = await analyzeResources(
      PACK_DIR,
      preview.resources,
      { project: preview.project, stack: preview.stack, dryRun: true },
      withFixedDate(expected.config),
    );
    expect(findings(result.diagnostics, "mandatory")).toEqual(sortFindings(expected.mandatory));
  });

  if (expected.withConfig) {
    const variant = expected.withConfig;
    it(`with ${variant.file}, reports exactly the findings that config leads to`, async () => {
      const result = await analyzeResources(
        PACK_DIR,
        capture.resources,
        { project: capture.project, stack: capture.stack, dryRun: false },
        withFixedDate(readConfig(name, variant.file)),
      );
      expect(findings(result.diagnostics, "mandatory")).toEqual(sortFindings(variant.mandatory));
      expect(findings(result.diagnostics, "advisory")).toEqual(sortFindings(variant.advisory));
    });
  }
});
