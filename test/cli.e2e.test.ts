// End-to-end with the real Pulumi CLI: `pulumi preview` fails, `pulumi up` is blocked before the violating
// deployment is created, `pulumi policy analyze` flags exported state, and pack config changes the outcome.
// Azure is replaced by the stand-in provider (tools/standins), which answers in azure-native's response shape.
import * as fs from "fs";
import * as path from "path";
import { EXAMPLES_DIR, PACK_DIR, expectation, orderInsensitive, withFixedDate } from "./support/examples";
import { CliStack, describeWithCli, previewPolicyFindings } from "./support/pulumiCli";

const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";
const RAI_POLICY = "azure-native:cognitiveservices:RaiPolicy";

describeWithCli("Pulumi CLI end-to-end tests", [], (newStack) => {
  let lastStack: CliStack | undefined;
  const stackOf = (example: string) => (lastStack = newStack(example));
  /** A config file beside the last stack's program. */
  const configFile = (name: string, config: object) => {
    const file = path.join(path.dirname(lastStack!.dir), `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
  };

  describe("pulumi preview --policy-pack", () => {
    // Every example whose program runs as it is (no own node_modules, no stack file) and whose provider has a
    // stand-in; the classic provider's plugin (pulumi-resource-azure) has none, so its examples run under mocks.
    it.each([
      "compliant-text",
      "compliant-mixed",
      "compliant-embeddings-default-text",
      "lookups-client-config-keys",
      "explicit-provider-subscriptions",
      "component-openai-service",
      "loop-model-deployments",
      "existing-account-deployment",
      "aiservices-mixed-models",
      "foundry-hub-compliant",
      "foundry-hub-noncompliant",
      "noncompliant-text-annotate-only",
      "noncompliant-jailbreak-not-blocking",
      "noncompliant-default-policy",
      "noncompliant-microsoft-default",
      "noncompliant-microsoft-default-v1",
      "noncompliant-external-policy",
      "noncompliant-async-filter",
      "noncompliant-missing-use-case",
      "noncompliant-code-annotate-unlicensed",
      "noncompliant-lowercase-names",
      "noncompliant-approvals",
      "noncompliant-spillover",
      "noncompliant-subscription-policy",
    ])("%s: exactly the expected mandatory findings, and the exit code that follows", (example) => {
      const { config, mandatory, registeredInAnyOrder } = expectation(example);
      const stack = stackOf(example);
      const result = previewPolicyFindings(
        stack,
        config ? ["--policy-pack-config", configFile(example, withFixedDate(config))] : [],
      );
      expect(orderInsensitive(result.mandatory, registeredInAnyOrder)).toEqual(
        orderInsensitive(mandatory, registeredInAnyOrder),
      );
      if (mandatory.length > 0) expect(result.status).not.toBe(0);
      else expect(result.status).toBe(0);
    });
  });

  describe("pulumi up --policy-pack", () => {
    it("is stopped by its preview on a non-compliant program: nothing is created", () => {
      const stack = stackOf("noncompliant-text-annotate-only");
      const up = stack.run(["up", "--yes", "--non-interactive", "--policy-pack", PACK_DIR]);
      expect(up.status).not.toBe(0);
      expect(up.output).toMatch(/\[mandatory\].*ccc-text-protected-material-filter.*Deployment: drafting/);
      expect(up.output).not.toContain("can't run policy");
      expect(stack.exportState().resources.map((r) => r.type)).not.toContain(DEPLOYMENT);
    });

    it("blocks the deployment at resource level when the update runs without a preview", () => {
      const stack = stackOf("noncompliant-text-annotate-only");
      const up = stack.run(["up", "--yes", "--skip-preview", "--non-interactive", "--policy-pack", PACK_DIR]);
      expect(up.status).not.toBe(0);
      expect(up.output).toMatch(/\[mandatory\].*ccc-text-protected-material-filter.*Deployment: drafting/);
      const types = stack.exportState().resources.map((r) => r.type);
      // The policy it depends on was created first; the violating deployment never was.
      expect(types).toContain(RAI_POLICY);
      expect(types).not.toContain(DEPLOYMENT);
    });

    it("runs a program with lookups and key listing through up, creating its deployments", () => {
      const stack = stackOf("lookups-client-config-keys");
      stack.run(["up", "--yes", "--non-interactive", "--policy-pack", PACK_DIR], { mustSucceed: true });
      expect(stack.exportState().resources.map((r) => r.type)).toContain(DEPLOYMENT);
    });

    it("blocks at resource level a deployment under an explicit provider in a loop/component program, without a preview", () => {
      for (const [example, blocked] of [
        ["explicit-provider-subscriptions", "dr-chat"],
        ["component-openai-service", "devtools-completion"],
      ]) {
        const stack = stackOf(example);
        const up = stack.run(["up", "--yes", "--skip-preview", "--non-interactive", "--policy-pack", PACK_DIR]);
        expect(up.status).not.toBe(0);
        expect(up.output).toMatch(new RegExp(`\\[mandatory\\].*Deployment: ${blocked}`));
        const created = stack
          .exportState()
          .resources.filter((r) => r.type === DEPLOYMENT)
          .map((r) => r.urn.split("::").pop());
        expect(created).not.toContain(blocked);
      }
    });

    it("creates a compliant program, deployment included", () => {
      const stack = stackOf("compliant-text");
      stack.run(["up", "--yes", "--non-interactive", "--policy-pack", PACK_DIR], { mustSucceed: true });
      expect(stack.exportState().resources.map((r) => r.type)).toContain(DEPLOYMENT);
    });

    it("with enforcement level remediate, creates the RAI policy with the missing filter in filter mode", () => {
      const stack = stackOf("noncompliant-policy-own-use-case");
      const config = configFile("remediate", { "ccc-text-protected-material-filter": "remediate" });
      stack.run(["up", "--yes", "--non-interactive", "--policy-pack", PACK_DIR, "--policy-pack-config", config], {
        mustSucceed: true,
      });
      const resources = stack.exportState().resources;
      expect(resources.map((r) => r.type)).toContain(DEPLOYMENT);
      const policy = resources.find((r) => r.type === RAI_POLICY)!;
      const filters = (policy.inputs!.properties as { contentFilters: Record<string, unknown>[] }).contentFilters;
      expect(filters).toContainEqual({
        name: "Protected Material Text",
        source: "Completion",
        enabled: true,
        blocking: true,
      });
    });
  });

  describe("pulumi policy analyze --file", () => {
    it("flags a non-compliant exported state, and passes a compliant one", () => {
      // Created without the pack, as a stack that predates it would be.
      const bad = stackOf("noncompliant-async-filter");
      bad.run(["up", "--yes", "--non-interactive"], { mustSucceed: true });
      const flagged = bad.run(["policy", "analyze", "--file", bad.exportState().file, "--policy-pack", PACK_DIR]);
      expect(flagged.status).not.toBe(0);
      expect(flagged.output).toMatch(/\[mandatory\].*ccc-async-filter-coverage.*Deployment: writer/);

      const good = stackOf("compliant-code");
      good.run(["up", "--yes", "--non-interactive"], { mustSucceed: true });
      const passed = good.run(["policy", "analyze", "--file", good.exportState().file, "--policy-pack", PACK_DIR]);
      expect(passed.output).not.toContain("[mandatory]");
      expect(passed.status).toBe(0);
    });
  });

  describe("--policy-pack-config", () => {
    it("declaring the external policy makes the external-policy example pass", () => {
      const stack = stackOf("noncompliant-external-policy");
      const declared = path.join(EXAMPLES_DIR, "noncompliant-external-policy", "config-declared.json");
      const config = configFile("declared", withFixedDate(JSON.parse(fs.readFileSync(declared, "utf8"))));
      const result = previewPolicyFindings(stack, ["--policy-pack-config", config]);
      expect(result.mandatory).toEqual([]);
      expect(result.status).toBe(0);
    });

    it('the rollout\'s step files: "all" makes every finding advisory; step 5 blocks', () => {
      const stack = stackOf("noncompliant-jailbreak-not-blocking");
      const step = (file: string) => ["--policy-pack-config", path.join(EXAMPLES_DIR, "rollout", file)];
      const advisory = previewPolicyFindings(stack, step("step1-advisory.json"));
      expect(advisory.mandatory).toEqual([]);
      expect(advisory.status).toBe(0);
      expect(advisory.output).toContain("ccc-jailbreak-filter-mode");
      const mandatory = previewPolicyFindings(stack, step("step5-mandatory.json"));
      expect(mandatory.mandatory).toContainEqual({ policy: "ccc-jailbreak-filter-mode", resource: "support-bot" });
      expect(mandatory.status).not.toBe(0);
    });

    it("disabling a rule removes its finding, and bad config is rejected with the key named", () => {
      const stack = stackOf("noncompliant-jailbreak-not-blocking");
      const disabled = previewPolicyFindings(stack, [
        "--policy-pack-config",
        configFile("disabled", { "ccc-jailbreak-filter-mode": "disabled" }),
      ]);
      expect(disabled.mandatory).toEqual([]);
      expect(disabled.status).toBe(0);
      const bad = stack.run([
        "preview",
        "--non-interactive",
        "--policy-pack",
        PACK_DIR,
        "--policy-pack-config",
        configFile("bad", { "ccc-fine-tuned-deployment-limit": { maxFineTunedDeploymentsPerAccount: -2 } }),
      ]);
      expect(bad.status).not.toBe(0);
      expect(bad.output).toContain("maxFineTunedDeploymentsPerAccount");
    });
  });

  describe("drift: a change made outside the program", () => {
    it("a portal edit (Jailbreak switched to annotate) shows up after pulumi refresh, in policy analyze on the export", () => {
      const stack = stackOf("compliant-text");
      stack.run(["up", "--yes", "--non-interactive", "--policy-pack", PACK_DIR], { mustSucceed: true });
      const before = stack.run(["policy", "analyze", "--file", stack.exportState().file, "--policy-pack", PACK_DIR]);
      expect(before.output).not.toContain("[mandatory]");
      // The stand-in's setting for "what Azure holds that the program does not say" (tools/standins/azureshapes).
      const drift = configFile("drift", {
        resources: [
          {
            resource: "chat-filter",
            type: "azure-native:cognitiveservices:RaiPolicy",
            patch: { properties: { contentFilters: [{ $match: { name: "Jailbreak" }, blocking: false }] } },
          },
        ],
      });
      stack.run(["refresh", "--yes", "--non-interactive"], { mustSucceed: true, env: { AZURE_STANDIN_DRIFT: drift } });
      const after = stack.run(["policy", "analyze", "--file", stack.exportState().file, "--policy-pack", PACK_DIR]);
      expect(after.status).not.toBe(0);
      expect(after.output).toMatch(/\[mandatory\].*ccc-jailbreak-filter-mode.*Deployment: chat/);
      expect(after.output).toContain("annotate mode");
    });
  });
});
