// Other paths to the same deployment (from an attack round on 65891ee): classic provider shapes, AI Foundry hub
// nesting, explicit providers across provider packages, reads, odd registration orders, and the evidence report
// against what the pack enforces (a policy the program only reads counts in neither, as before the step).
import { Step, ref, runTraced, secret } from "../support/scenario";
import {
  COMPLIANT,
  EVIDENCE,
  HARM,
  JAILBREAK,
  Json,
  M,
  PM_TEXT,
  R,
  SUB_A,
  SUB_B,
  account,
  classicAccount,
  classicDeployment,
  classicPolicy,
  classicProvider,
  deployment,
  findingsOf,
  hubDeployment,
  hubPolicy,
  policy,
  provider,
  verify,
  workspace,
  WEAK_JB,
  WEAK_PMT,
  reportVsPack,
} from "./kit";

const TEXT_ONLY = [...HARM, JAILBREAK, PM_TEXT];

/** A step with its inputs changed. */
const withInputs = (s: Step, change: (inputs: Json) => Json): Step => ({ ...s, inputs: change({ ...s.inputs }) });

// ---- 1. classic provider -----------------------------------------------------------------------------------

describe("classic provider shapes", () => {
  it("classic policy modes Deferred and Asynchronous_filter (any case) lose text coverage", async () => {
    await verify(
      [
        classicAccount("oai"),
        classicPolicy("late", ref("oai", "id"), COMPLIANT, { mode: "deferred" }),
        classicPolicy("later", ref("oai", "id"), COMPLIANT, { mode: "ASYNCHRONOUS_FILTER" }),
        classicDeployment("a", ref("oai", "id"), ref("late", "name")),
        classicDeployment("b", ref("oai", "id"), ref("later", "name")),
      ],
      [M(R.async, "a"), M(R.async, "b")],
    );
  });

  it("classic policy entries whose flags are spelt the azure-native way (enabled/blocking) are not filter mode", async () => {
    // The classic provider only knows filterEnabled/blockEnabled: entries with other keys do not set them.
    const p = withInputs(classicPolicy("p", ref("oai", "id"), COMPLIANT), (i) => ({
      ...i,
      contentFilters: (i.contentFilters as Json[]).map((f) => ({
        name: f.name,
        source: f.source,
        enabled: f.filterEnabled,
        blocking: f.blockEnabled,
        severityThreshold: "Medium",
      })),
    }));
    const steps = [classicAccount("oai"), p, classicDeployment("d", ref("oai", "id"), ref("p", "name"))];
    for (const mode of ["up", "preview"] as const) {
      const f = findingsOf(await runTraced(steps, mode));
      expect({ mode, blocksD: f.some((x) => x.startsWith("[mandatory]") && x.endsWith(" d")) }).toEqual({
        mode,
        blocksD: true,
      });
    }
  });

  it("a classic deployment on an azure-native account, providers without subscriptionId: blocked (documented limit)", async () => {
    // Before the step the pack has the account's inputs only: whether the subscription in the id is the azure-native
    // provider's cannot be shown, so the same-named account and its policy are not taken for the deployment's.
    const { up } = await verify(
      [account("oai"), policy("strict", COMPLIANT), classicDeployment("d", ref("oai", "id"), ref("strict", "name"))],
      [M(R.useCase, "d"), M(R.verifiable, "d")],
    );
    expect(up.result.diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining(
        "Fix: Set subscriptionId on both providers, so the pack can tell their subscriptions apart.",
      ),
      expect.stringContaining(
        "it is under another provider, whose subscription cannot be shown to be the same (set subscriptionId on both providers)",
      ),
    ]);
  });

  it("a classic AIServices account's code-generation tag holds a classic deployment to the code filter", async () => {
    await verify(
      [
        classicAccount("ais", { aiServices: true, useCase: "code-generation" }),
        classicPolicy("textonly", ref("ais", "id"), TEXT_ONLY),
        classicDeployment("d", ref("ais", "id"), ref("textonly", "name")),
      ],
      [M(R.pmCode, "d")],
    );
  });

  it("a classic deployment's raiPolicyName in another case finds the classic policy (weak and compliant alike)", async () => {
    await verify(
      [
        classicAccount("oai"),
        classicPolicy("Weak-Policy", ref("oai", "id"), WEAK_PMT),
        classicPolicy("Strict-Policy", ref("oai", "id"), COMPLIANT),
        classicDeployment("w", ref("oai", "id"), "weak-policy"),
        classicDeployment("s", ref("oai", "id"), "STRICT-POLICY"),
      ],
      [M(R.pmText, "w")],
    );
  });

  it("classic versionUpgradeOption and dynamicThrottlingEnabled change nothing; a legacy scale block over quota is reported", async () => {
    const quota = { [R.capacity]: { approvedCapacity: { "gpt-4o": 50, "gpt-4o-mini": 50 } } };
    const legacy = withInputs(classicDeployment("old", ref("oai", "id"), ref("strict", "name")), (i) => {
      const { sku: _sku, ...rest } = i;
      void _sku;
      return {
        ...rest,
        scale: { type: "Standard", capacity: 80 },
        versionUpgradeOption: "OnceNewDefaultVersionAvailable",
      };
    });
    const modern = withInputs(
      classicDeployment("new", ref("oai", "id"), ref("strict", "name"), { model: "gpt-4o-mini" }),
      (i) => ({
        ...i,
        versionUpgradeOption: "NoAutoUpgrade",
        dynamicThrottlingEnabled: true,
      }),
    );
    await verify(
      [classicAccount("oai"), classicPolicy("strict", ref("oai", "id"), COMPLIANT), legacy, modern],
      [M(R.capacity, "old")],
      { config: quota },
    );
  });
});

describe("links to a policy on another account", () => {
  it("a classic deployment whose raiPolicyName references a compliant classic policy on another account", async () => {
    await verify(
      [
        classicAccount("oai"),
        classicAccount("other"),
        classicPolicy("strict", ref("other", "id"), COMPLIANT),
        classicDeployment("d", ref("oai", "id"), ref("strict", "name")),
      ],
      [M(R.verifiable, "d")],
    );
  });

  it("an azure-native deployment whose raiPolicyName references a compliant classic policy on another account", async () => {
    await verify(
      [
        classicProvider("pc", SUB_A),
        provider("pn", SUB_A),
        classicAccount("other", { provider: "pc" }),
        account("oai", { provider: "pn" }),
        classicPolicy("strict", ref("other", "id"), COMPLIANT, { provider: "pc" }),
        deployment("d", ref("strict", "name"), { provider: "pn" }),
      ],
      [M(R.verifiable, "d")],
    );
  });

  it("a hub deployment whose raiPolicyName references a compliant policy of another workspace", async () => {
    await verify(
      [
        workspace("hub"),
        workspace("hub2"),
        hubPolicy("strict", COMPLIANT, { workspace: "hub2" }),
        hubDeployment("d", ref("strict")),
      ],
      [M(R.verifiable, "d")],
    );
  });
});

// ---- 2. AI Foundry hub -------------------------------------------------------------------------------------

describe("AI Foundry hub nesting", () => {
  it("a hub policy with no properties has no filters: its deployments are blocked", async () => {
    const bare = withInputs(hubPolicy("bare", COMPLIANT), (i) => {
      const { properties: _p, ...rest } = i;
      void _p;
      return rest;
    });
    await verify([workspace("hub"), bare, hubDeployment("d", ref("bare"))], [M(R.jailbreak, "d"), M(R.pmText, "d")]);
  });

  it("hub filters written at the top level (not under properties) do not count", async () => {
    const flat = withInputs(hubPolicy("flat", COMPLIANT), (i) => {
      const props = i.properties as Json;
      return { ...i, properties: { mode: props.mode }, contentFilters: props.contentFilters };
    });
    await verify([workspace("hub"), flat, hubDeployment("d", ref("flat"))], [M(R.jailbreak, "d"), M(R.pmText, "d")]);
  });

  it("a hub deployment's raiPolicyName at the top level (not under properties) names no policy", async () => {
    const top = withInputs(hubDeployment("d", undefined), (i) => ({ ...i, raiPolicyName: "strict" }));
    await verify([workspace("hub"), hubPolicy("strict", COMPLIANT), top], [M(R.explicit, "d")]);
  });

  it("an endpoint name in another case is the same endpoint: the weak policy there is the deployment's", async () => {
    await verify(
      [
        workspace("hub"),
        hubPolicy("weak", WEAK_JB, { endpoint: "Azure.OpenAI" }),
        hubDeployment("d", "weak", { endpoint: "azure.openai" }),
      ],
      [M(R.jailbreak, "d")],
    );
  });

  it("a connection deployment naming a policy that exists only on an endpoint of the workspace is unverifiable", async () => {
    await verify(
      [
        workspace("hub"),
        hubPolicy("strict", COMPLIANT, { endpoint: "aoai" }),
        hubDeployment("d", "strict", { viaConnection: true, connection: "aoai" }),
      ],
      [M(R.verifiable, "d")],
    );
  });

  it("a hub policy in Deferred mode loses text coverage", async () => {
    await verify(
      [workspace("hub"), hubPolicy("late", COMPLIANT, { mode: "Deferred" }), hubDeployment("d", ref("late"))],
      [M(R.async, "d")],
    );
  });

  it("a hub policy on a workspace of the same name in another resource group is not the deployment's", async () => {
    await verify(
      [
        workspace("hub"),
        workspace("hub", { rg: "rg2", logical: "hub2" }),
        hubPolicy("strict", COMPLIANT, { rg: "rg2" }),
        hubDeployment("d", "strict"),
      ],
      [M(R.verifiable, "d")],
    );
  });

  it("a hub deployment whose workspace is a Project, not a Hub, still reads the workspace's use case", async () => {
    const project = withInputs(workspace("proj", { useCase: "code-generation" }), (i) => ({ ...i, kind: "Project" }));
    await verify(
      [
        project,
        hubPolicy("textonly", TEXT_ONLY, { workspace: "proj" }),
        hubDeployment("d", "textonly", { workspace: "proj" }),
      ],
      [M(R.pmCode, "d")],
    );
  });
});

// ---- 3. explicit providers across provider packages -------------------------------------------------------

describe("providers and subscriptions across provider packages", () => {
  it("a classic provider and an azure-native provider in one subscription: the native deployment uses the classic weak policy", async () => {
    await verify(
      [
        classicProvider("pc", SUB_A),
        provider("pn", SUB_A),
        classicAccount("oai", { provider: "pc" }),
        classicPolicy("weak", ref("oai", "id"), WEAK_JB, { provider: "pc" }),
        deployment("d", "weak", { provider: "pn" }),
      ],
      [M(R.jailbreak, "d")],
    );
  });

  it("a classic weak policy in subscription B does not serve an azure-native deployment in A, whose A policy is compliant", async () => {
    await verify(
      [
        classicProvider("pc", SUB_B),
        provider("pn", SUB_A),
        classicAccount("oai", { provider: "pc", logical: "oai-b" }),
        classicPolicy("strict", ref("oai-b", "id"), WEAK_JB, { provider: "pc", logical: "strict-b" }),
        account("oai", { provider: "pn" }),
        policy("strict", COMPLIANT, { provider: "pn" }),
        deployment("d", "strict", { provider: "pn" }),
      ],
      [],
    );
  });

  it("a secret subscriptionId on provider B: B's deployment is not judged on A's compliant same-named policy", async () => {
    await verify(
      [
        provider("pa", SUB_A),
        provider("pb", secret(SUB_B)),
        account("oai", { provider: "pa", logical: "oai-a" }),
        policy("strict", COMPLIANT, { provider: "pa", logical: "strict-a" }),
        deployment("d", "strict", { provider: "pb" }),
      ],
      [M(R.useCase, "d"), M(R.verifiable, "d")],
      { secrets: [SUB_B] },
    );
  });

  it("a deployment under the default provider naming a policy that exists only under an explicit provider is not shown to run on it", async () => {
    await verify(
      [
        provider("pa", SUB_A),
        account("oai", { provider: "pa" }),
        policy("strict", COMPLIANT, { provider: "pa" }),
        deployment("d", "strict", { logical: "d" }),
      ],
      [M(R.useCase, "d"), M(R.verifiable, "d")],
    );
  });
});

// ---- 4. reads, replacements and order ----------------------------------------------------------------------

describe("reads and registration order", () => {
  it("a deployment the program reads (Deployment.get) on a weak policy is reported at stack level", async () => {
    const read = { ...deployment("shared", "weak"), existing: true, read: true };
    for (const mode of ["up", "preview"] as const) {
      const outcome = await runTraced([account("oai"), policy("weak", WEAK_JB), read], mode);
      expect({ mode, f: findingsOf(outcome) }).toEqual({ mode, f: [M(R.jailbreak, "shared")] });
    }
  });

  it("a weak RAI policy the program only reads never makes its deployment pass", async () => {
    const read = { ...policy("weak", WEAK_JB), existing: true, read: true };
    for (const mode of ["up", "preview"] as const) {
      const outcome = await runTraced([account("oai"), read, deployment("d", "weak")], mode);
      const f = findingsOf(outcome);
      expect({ mode, blocked: f.some((x) => x.startsWith("[mandatory]") && x.endsWith(" d")) }).toEqual({
        mode,
        blocked: true,
      });
    }
  });

  it("account last, policy after deployment: blocked (policy not yet there), never passed", async () => {
    await verify(
      [deployment("d", "p"), policy("p", COMPLIANT), account("oai")],
      [M(R.useCase, "d"), M(R.verifiable, "d")],
    );
  });
});

// ---- 5. the evidence report against enforcement -----------------------------------------------------------

describe("the evidence report says what the pack enforces", () => {
  it("a read weak RAI policy", async () => {
    await reportVsPack([
      account("oai"),
      { ...policy("weak", WEAK_JB), existing: true, read: true },
      deployment("d", "weak"),
    ]);
  });

  it("a read weak deployment (Deployment.get)", async () => {
    await reportVsPack([
      account("oai"),
      policy("weak", WEAK_JB),
      { ...deployment("shared", "weak"), existing: true, read: true },
      policy("strict", COMPLIANT),
      deployment("mine", ref("strict")),
    ]);
  });

  it("classic provider and azure-native provider with one subscription", async () => {
    await reportVsPack([
      classicProvider("pc", SUB_A),
      provider("pn", SUB_A),
      classicAccount("oai", { provider: "pc" }),
      classicPolicy("weak", ref("oai", "id"), WEAK_JB, { provider: "pc" }),
      classicPolicy("strict", ref("oai", "id"), COMPLIANT, { provider: "pc" }),
      deployment("bad", "weak", { provider: "pn" }),
      deployment("good", "strict", { provider: "pn" }),
    ]);
  });

  it("hub deployments on endpoint and connection policies", async () => {
    await reportVsPack([
      workspace("hub"),
      hubPolicy("strict", COMPLIANT),
      hubPolicy("weak", WEAK_JB, { viaConnection: true, logical: "conn-weak" }),
      hubDeployment("ok", ref("strict")),
      hubDeployment("conn", ref("conn-weak"), { viaConnection: true }),
    ]);
  });

  it("two azure-native providers in two subscriptions with same-named policies", async () => {
    await reportVsPack([
      provider("pa", SUB_A),
      provider("pb", SUB_B),
      account("oai", { provider: "pa", logical: "oai-a" }),
      account("oai", { provider: "pb", logical: "oai-b" }),
      policy("strict", COMPLIANT, { provider: "pa", logical: "strict-a" }),
      policy("strict", WEAK_JB, { provider: "pb", logical: "strict-b" }),
      deployment("da", "strict", { provider: "pa", logical: "da" }),
      deployment("db", "strict", { provider: "pb", logical: "db" }),
    ]);
  });

  it("a read RAI policy", async () => {
    await reportVsPack([
      account("oai"),
      { ...policy("strict", COMPLIANT), existing: true, read: true },
      deployment("d", "strict"),
    ]);
  });

  it("an account registered after its deployment, with defaults", async () => {
    await reportVsPack(
      [
        policy("p", TEXT_ONLY),
        deployment("d", "p", { tags: EVIDENCE }),
        account("oai", { useCase: "code-generation" }),
      ],
      { "ccc-organization-config": { defaultUseCases: ["text-generation"] } },
    );
  });

  it("a policy registered after the deployment that names it", async () => {
    await reportVsPack([account("oai"), deployment("d", "p"), policy("p", COMPLIANT)]);
  });
});
