// What the adapters read, and how: tokens of one API version read as the unversioned type (azure-native v2's
// versioned modules and v3's local SDKs from `pulumi package add azure-native <module> <version>`, whose resources
// carry the package's own name); which AI Foundry hub deployment types are Azure OpenAI; and a value on a path
// that cannot hold the rest of it, which is malformed, never absent.
import { classify, readResource, unversioned } from "../../policy-pack/src/adapters";
import { Reader } from "../../policy-pack/src/adapters/reader";
import { UNKNOWN as SENTINEL } from "../support/stack";
import { COMPLIANT_FILTERS, JAILBREAK, T, account, deployment, evaluate, policy } from "../support/stack";

const LOCAL = "azure-native_cognitiveservices_v20250401preview:cognitiveservices:";
/** The same resource, made through a v3 local SDK. */
const local = <R extends { ref: { type: string; urn: string } }>(r: R): R => {
  const type = r.ref.type.replace("azure-native:cognitiveservices:", LOCAL);
  return { ...r, ref: { ...r.ref, type, urn: r.ref.urn.replace(r.ref.type, type) } };
};

describe("type tokens of one API version", () => {
  it.each([
    ["azure-native:cognitiveservices/v20241001:Deployment", T.deployment],
    ["azure-native:cognitiveservices/v20250701preview:RaiPolicy", T.policy],
    [`${LOCAL}Deployment`, T.deployment],
    ["azure-native_cognitiveservices_v20221201:cognitiveservices:Account", T.account],
    ["azure-native_machinelearningservices_v20250401preview:machinelearningservices:Workspace", T.workspace],
    ["azure-native_resources_v20240301:resources:ResourceGroup", "azure-native:resources:ResourceGroup"],
    // The module as the user typed it to `pulumi package add` (the provider matches it without case).
    ["azure-native_CognitiveServices_v20250401preview:CognitiveServices:Deployment", T.deployment],
    // Earlier releases kept the version in the token's module.
    ["azure-native_cognitiveservices_v20250401preview:cognitiveservices/v20250401preview:RaiPolicy", T.policy],
  ])("%s reads as %s", (token, expected) => {
    expect(unversioned(token)).toBe(expected);
  });

  it.each([
    // A package whose name names another module is not that module's local SDK.
    "azure-native_storage_v20240101:cognitiveservices:Deployment",
    "azure-nativex:cognitiveservices:Deployment",
    "azure-native_cognitiveservices:cognitiveservices:Deployment",
  ])("%s is not read", (token) => {
    expect(classify(token)).toBeUndefined();
  });

  it("a local SDK's deployment is judged as the unversioned one: no policy, or a weak one, is blocked", () => {
    const weak = COMPLIANT_FILTERS.filter((f) => f !== JAILBREAK);
    const tagged = { tags: { "ccc-use-case": "text-generation" } };
    const unnamed = evaluate([local(account("oai", tagged)), local(deployment("chat"))]);
    expect(unnamed.pairs()).toEqual(["ccc-explicit-rai-policy chat"]);
    const onWeak = evaluate([
      local(account("oai", tagged)),
      local(policy("weak", weak)),
      local(deployment("chat", { raiPolicyName: "weak" })),
    ]);
    expect(onWeak.pairs()).toEqual(["ccc-jailbreak-filter-mode chat"]);
    const compliant = evaluate([
      local(account("oai", tagged)),
      local(policy("strict", COMPLIANT_FILTERS)),
      local(deployment("chat", { raiPolicyName: "strict" })),
    ]);
    expect(compliant.pairs()).toEqual([]);
  });
});

describe("AI Foundry hub deployment types", () => {
  const endpointDeployment = (type: unknown) =>
    readResource(
      { urn: "urn:x", name: "d", type: T.endpointDeployment },
      {
        workspaceName: "hub",
        endpointName: "aoai",
        resourceGroupName: "rg",
        deploymentName: "d",
        properties: { type, model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" } },
      },
    );

  it.each(["Azure.ContentSafety", "azure.speech ", "MANAGEDONLINEENDPOINT"])("%p is another kind: not read", (type) => {
    expect(endpointDeployment(type)).toBeUndefined();
  });

  it.each(["Azure.OpenAI", "AzureOpenAI", "Azure.OpenAI ", "", SENTINEL, undefined])(
    "%p is read as an Azure OpenAI deployment",
    (type) => {
      expect(endpointDeployment(type)?.kind).toBe("deployment");
    },
  );
});

describe("a value on the way that cannot hold the rest of the path", () => {
  it("is malformed, named at that value, never absent; an absent or null one is absent", () => {
    const r = new Reader(
      { sku: [{ capacity: 5 }], properties: { contentFilters: { name: "x" } }, tags: null },
      undefined,
    );
    expect(r.count("capacity", 1, "sku", "capacity")).toMatchObject({ path: "sku", reason: "malformed" });
    expect(r.raw(["properties", "contentFilters", 0])).toMatchObject({
      path: "properties.contentFilters",
      reason: "malformed",
      detail: "must be a list, got an object",
    });
    expect(r.problems).toEqual([
      "sku must be an object, got a list.",
      "properties.contentFilters must be a list, got an object.",
    ]);
    expect(r.raw(["tags", "ccc-use-case"])).toBeUndefined();
    expect(r.raw(["missing", "x"])).toBeUndefined();
  });

  it("a value not known yet on the way is unknown at that value", () => {
    const r = new Reader({ sku: SENTINEL }, undefined);
    expect(r.count("capacity", 1, "sku", "capacity")).toMatchObject({ path: "sku", reason: "preview" });
  });
});
