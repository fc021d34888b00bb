import { packRun } from "./support/packRun";
import {
  ACCOUNT,
  DEPLOYMENT,
  RAI_POLICY,
  accountProps,
  annotateMode,
  deploymentProps,
  filterMode,
  policyProps,
} from "./support/resources";

const EVIDENCE = { "ccc-metaprompt": "m", "ccc-evaluation-report": "r" };
const WEAK_TEXT = [filterMode("Jailbreak", "Prompt"), annotateMode("Protected Material Text", "Completion")];
const waiver = (over: Record<string, string> = {}) => ({
  policy: "ccc-text-protected-material-filter",
  resource: "chat*",
  reason: "Pilot with legal sign-off LEG-42",
  approvedBy: "platform-security",
  expires: "2026-12-31",
  ...over,
});

async function run(waivers: unknown[], tags: Record<string, string> = {}) {
  const pack = packRun({ "ccc-organization-config": { waivers } }, new Date("2026-11-23T12:00:00Z"));
  const account = await pack.analyze(ACCOUNT, "acct", accountProps(EVIDENCE));
  await pack.analyze(RAI_POLICY, "policy", policyProps(WEAK_TEXT));
  const deployment = await pack.analyze(
    DEPLOYMENT,
    "chat-prod",
    deploymentProps("ccc-policy", { "ccc-use-case": "text-generation", ...tags }),
  );
  return { account, deployment, stack: await pack.analyzeStack() };
}

describe("waivers", () => {
  it("turns a matching violation into an advisory that carries the reason and approver", async () => {
    const { deployment, stack } = await run([waiver()]);
    expect(deployment["ccc-text-protected-material-filter"]).toBeUndefined();
    expect(stack["ccc-stack-recheck"]).toBeUndefined();
    expect(stack["ccc-waivers"]).toEqual([
      {
        message: expect.stringMatching(/^\[ccc-text-protected-material-filter\] waived by .*platform-security.*LEG-42/),
        urn: "urn:pulumi:dev::test::azure-native:cognitiveservices:Deployment::chat-prod",
      },
    ]);
  });

  it("stops applying after its expiry date and says so", async () => {
    const { deployment, stack } = await run([waiver({ expires: "2026-11-22" })]);
    expect(deployment["ccc-text-protected-material-filter"].violations[0]).toContain(
      "has expired and no longer applies",
    );
    expect(stack["ccc-waivers"]).toBeUndefined();
  });

  it("applies through the last day of its expiry date", async () => {
    const { deployment } = await run([waiver({ expires: "2026-11-23" })]);
    expect(deployment["ccc-text-protected-material-filter"]).toBeUndefined();
  });

  it("reports a waiver that matches nothing, so stale waivers are found", async () => {
    const { deployment, stack } = await run([waiver({ resource: "other-*" })]);
    expect(deployment["ccc-text-protected-material-filter"].violations).toHaveLength(1);
    expect(stack["ccc-waivers"]).toEqual([{ message: expect.stringContaining("matches nothing in this stack") }]);
  });

  it("matches an exact URN, and only for its own rule", async () => {
    const urn = "urn:pulumi:dev::test::azure-native:cognitiveservices:Deployment::chat-prod";
    const exact = await run([waiver({ resource: urn })]);
    expect(exact.deployment["ccc-text-protected-material-filter"]).toBeUndefined();
    const otherRule = await run([waiver({ policy: "ccc-jailbreak-filter-mode" })]);
    expect(otherRule.deployment["ccc-text-protected-material-filter"].violations).toHaveLength(1);
  });

  it("cannot be granted by a tag in the checked program", async () => {
    const { deployment } = await run([], { "ccc-waiver": "ccc-text-protected-material-filter", waivers: "all" });
    expect(deployment["ccc-text-protected-material-filter"].violations).toHaveLength(1);
  });

  it("rejects a malformed waiver by naming the key, and ignores it", async () => {
    const { account, deployment } = await run([
      { policy: "ccc-text-protected-material-filter", resource: "*" },
      waiver({ policy: "no-such-rule" }),
    ]);
    // Config errors are reported once, on the first resource of the run.
    const message = account["ccc-organization-config"].violations[0];
    expect(message).toContain("waivers[0]: needs non-empty reason, approvedBy, expires");
    expect(message).toContain('waivers[1].policy: "no-such-rule" is not a rule of this pack');
    expect(deployment["ccc-text-protected-material-filter"].violations).toHaveLength(1);
  });
});
