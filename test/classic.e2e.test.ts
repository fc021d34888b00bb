// End-to-end on the classic provider's programs (@pulumi/azure, examples/classic-*): the real CLI with the classic
// provider's stand-in (pulumi-resource-azure, tools/standins), which answers like a Terraform-bridged provider.
// The pack reads classic deployments as it reads azure-native ones: preview fails on a violation, `up
// --skip-preview` stops the deployment before it is created, a compliant program passes.
import { PACK_DIR, expectation, sortFindings } from "./support/examples";
import { describeWithCli, previewPolicyFindings } from "./support/pulumiCli";

describeWithCli("classic provider end-to-end tests", ["pulumi-resource-azure"], (stackOf) => {
  it("passes classic-compliant-text in preview (exit 0) and creates it, deployment included", () => {
    const preview = previewPolicyFindings(stackOf("classic-compliant-text"));
    expect(preview.mandatory).toEqual([]);
    expect(preview.status).toBe(0);
    const stack = stackOf("classic-compliant-text");
    stack.run(["up", "--yes", "--non-interactive", "--policy-pack", PACK_DIR], { mustSucceed: true });
    expect(stack.exportState().resources.map((r) => r.type)).toContain("azure:cognitive/deployment:Deployment");
  });

  it("fails classic-noncompliant-jailbreak in preview with its expected mandatory findings", () => {
    const result = previewPolicyFindings(stackOf("classic-noncompliant-jailbreak"));
    expect(result.status).not.toBe(0);
    expect(result.mandatory).toEqual(sortFindings(expectation("classic-noncompliant-jailbreak").mandatory));
  });

  it("blocks the classic deployment at resource level when the update runs without a preview", () => {
    const stack = stackOf("classic-noncompliant-jailbreak");
    const up = stack.run(["up", "--yes", "--skip-preview", "--non-interactive", "--policy-pack", PACK_DIR]);
    expect(up.status).not.toBe(0);
    expect(up.output).toMatch(/\[mandatory\].*ccc-jailbreak-filter-mode.*Deployment: chat/);
    const types = stack.exportState().resources.map((r) => r.type);
    expect(types).toContain("azure:cognitive/accountRaiPolicy:AccountRaiPolicy");
    expect(types).not.toContain("azure:cognitive/deployment:Deployment");
  });
});
