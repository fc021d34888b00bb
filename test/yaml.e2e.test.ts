// End-to-end on Pulumi YAML programs: the real CLI, the real Pulumi YAML language host (built from the Go module
// proxy by scripts/build-pulumi.sh) and the azure-native stand-in, which serves the host a schema (GetSchema) and
// answers its invokes. The pack judges a YAML program as it judges a TypeScript one: the preview of a non-compliant
// program fails with the rule's finding, `up --skip-preview` stops the Deployment before it is created, and a
// compliant program passes and is created. Expectations: examples/yaml-*/expected.yaml.json (not expected.json:
// test/examples.test.ts runs every expected.json through the TypeScript mocks, which cannot run YAML).
import * as fs from "fs";
import * as path from "path";
import { EXAMPLES_DIR, Expectation, PACK_DIR, sortFindings } from "./support/examples";
import { describeWithCli, previewPolicyFindings } from "./support/pulumiCli";

const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";
const RAI_POLICY = "azure-native:cognitiveservices:RaiPolicy";
const expectation = (example: string): Expectation =>
  JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, example, "expected.yaml.json"), "utf8")) as Expectation;

describeWithCli("Pulumi YAML end-to-end tests", ["pulumi-language-yaml"], (stackOf) => {
  describe("a non-compliant Pulumi YAML program (Jailbreak annotates)", () => {
    const example = "yaml-noncompliant-jailbreak";

    it("fails `pulumi preview --policy-pack` with the mandatory ccc-jailbreak-filter-mode finding on the Deployment", () => {
      const result = previewPolicyFindings(stackOf(example));
      expect(result.status).not.toBe(0);
      expect(result.mandatory).toEqual(sortFindings(expectation(example).mandatory));
      expect(result.mandatory).toEqual([{ policy: "ccc-jailbreak-filter-mode", resource: "support-bot" }]);
    });

    it("is blocked by `pulumi up --skip-preview` before the Deployment is created", () => {
      const stack = stackOf(example);
      const up = stack.run(["up", "--yes", "--skip-preview", "--non-interactive", "--policy-pack", PACK_DIR]);
      expect(up.status).not.toBe(0);
      expect(up.output).toMatch(/\[mandatory\].*ccc-jailbreak-filter-mode.*Deployment: support-bot/);
      const types = stack.exportState().resources.map((r) => r.type);
      expect(types).toContain(RAI_POLICY);
      expect(types).not.toContain(DEPLOYMENT);
    });
  });

  describe("a compliant Pulumi YAML program", () => {
    const example = "yaml-compliant-text";

    it("passes `pulumi preview --policy-pack` (exit 0)", () => {
      const result = previewPolicyFindings(stackOf(example));
      expect(result.mandatory).toEqual(sortFindings(expectation(example).mandatory));
      expect(result.status).toBe(0);
    });

    it("is created by `pulumi up`, deployment included, with outputs and lookups resolved by the stand-in", () => {
      const stack = stackOf(example);
      stack.run(["up", "--yes", "--non-interactive", "--policy-pack", PACK_DIR], { mustSucceed: true });
      const resources = stack.exportState().resources as {
        type: string;
        id?: string;
        outputs?: Record<string, unknown>;
      }[];
      expect(resources.map((r) => r.type)).toContain(DEPLOYMENT);
      // ${account.name} and ${policy.name} resolved to the names Azure answers with.
      const deployment = resources.find((r) => r.type === DEPLOYMENT)!;
      expect(deployment.id).toBe(
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-chat-yaml" +
          "/providers/Microsoft.CognitiveServices/accounts/oai-chat-yaml/deployments/gpt-4o-chat",
      );
      expect(deployment.outputs).toMatchObject({ properties: { raiPolicyName: "chat-ccc-filter" } });
      // The fn::invoke of getClientConfig answered in its response shape (the fake tenant).
      const account = resources.find((r) => r.type === "azure-native:cognitiveservices:Account")!;
      expect(account.outputs).toMatchObject({ tags: { "owner-tenant": "00000000-0000-0000-0000-000000000001" } });
      const outputs = JSON.parse(stack.run(["stack", "output", "--json"], { mustSucceed: true }).output);
      expect(outputs).toEqual({ endpoint: "https://oai-chat-yaml.openai.azure.com/", deploymentId: deployment.id });
    });
  });
});
