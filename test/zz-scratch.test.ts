import { packRun } from "./support/packRun";
import { ACCOUNT, DEPLOYMENT, accountProps, deploymentProps } from "./support/resources";
import { UNKNOWN } from "./support/runtimeArgs";
import { runStackRecheck } from "./support/stackRun";
it("repro", async () => {
  const run = packRun();
  await run.analyze(ACCOUNT, "acct", accountProps());
  const known = await run.analyze(
    DEPLOYMENT,
    "chat",
    deploymentProps("corp-shared", { "ccc-use-case": "image-generation" }),
  );
  console.log("known", JSON.stringify(known));
  const run2 = packRun();
  await run2.analyze(ACCOUNT, "acct", accountProps());
  const props = deploymentProps(UNKNOWN.string, { "ccc-use-case": "image-generation" });
  const r = await run2.analyze(DEPLOYMENT, "chat", props);
  console.log("preview", JSON.stringify(r));
  const stack = await runStackRecheck(
    [
      {
        type: ACCOUNT,
        name: "acct",
        props: {
          name: "acct",
          id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct",
        },
      },
      {
        type: DEPLOYMENT,
        name: "chat",
        props: {
          name: "chat",
          id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct/deployments/chat",
          properties: { raiPolicyName: UNKNOWN.string },
          tags: { "ccc-use-case": "image-generation" },
        },
        propertyDependencies: { accountName: ["acct"] },
      },
    ],
    run2.state,
  );
  console.log("stack", JSON.stringify(stack));
});
