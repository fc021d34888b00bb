import { ResourceGraph } from "../policy-pack/src/graph";
import { DEFAULT_SETTINGS } from "../policy-pack/src/settings";
import {
  ACCOUNT,
  DEPLOYMENT,
  RAI_POLICY,
  TEXT_FILTERS,
  accountProps,
  deploymentProps,
  policyProps,
} from "./support/resources";

const urn = (type: string, name: string) => `urn:pulumi:dev::test::${type}::${name}`;
const resource = (type: string, name: string, props: Record<string, unknown>) => ({
  ref: { urn: urn(type, name), name, type },
  props,
});

describe("ResourceGraph.fromStack", () => {
  it("links deployments to their account and policy whatever order the engine sends resources in", () => {
    const stack = [
      resource(ACCOUNT, "acct", accountProps({ "ccc-use-case": "text-generation" })),
      resource(RAI_POLICY, "policy", policyProps(TEXT_FILTERS)),
      resource(DEPLOYMENT, "a", { ...deploymentProps("ccc-policy"), deploymentName: "a" }),
      resource(DEPLOYMENT, "b", { ...deploymentProps("ccc-policy"), deploymentName: "b" }),
    ];
    for (const order of [stack, [...stack].reverse()]) {
      const subject = ResourceGraph.fromStack(order).subjectFor(urn(DEPLOYMENT, "b"), DEFAULT_SETTINGS);
      if (subject?.kind !== "deployment") throw new Error("no deployment subject");
      expect(subject.account?.ref.name).toBe("acct");
      expect(subject.policy.kind).toBe("resolved");
      expect(subject.useCases).toEqual({ kind: "known", values: ["text-generation"], declaredOn: ['account "acct"'] });
      const siblings = subject.accountDeployments();
      expect(Array.isArray(siblings) && siblings.map((d) => d.ref.name)).toEqual(
        order === stack ? ["a", "b"] : ["b", "a"],
      );
    }
  });
});
