// A guard that keeps coverage complete: every resource type of the installed @pulumi/azure-native and
// @pulumi/azure whose inputs hold a raiPolicyName, content filters, content safety settings or a model
// deployment is either read by an adapter or listed here as out of scope, with the reason. An SDK upgrade
// that adds a new path to an Azure OpenAI deployment fails CI instead of passing silently.
import * as path from "path";
import { ADAPTERS } from "../policy-pack/src/api";
import { scanPackage } from "../tooling/sdk/scan";

const MODULES = path.join(__dirname, "..", "node_modules", "@pulumi");

/** Types out of scope, each with why. Keep this list short. */
export const OUT_OF_SCOPE: Readonly<Record<string, string>> = {
  "azure-native:machinelearningservices:ServerlessEndpoint":
    "A serverless (models-as-a-service) endpoint for non-Azure-OpenAI models, with only a content-safety on/off switch; the CCC's required mitigations address Azure OpenAI only.",
  "azure-native:discovery:ChatModelDeployment":
    "Microsoft Discovery binds a model family to a name inside a Discovery workspace; it has no content filter or RAI policy setting to check, and Microsoft documents no CCC terms for it.",
  "azure-native:manufacturingplatform:ManufacturingDataService":
    "Creates an Azure OpenAI deployment inside a Microsoft-managed resource (openAIProfile) with no content filter setting exposed; listed as a blind spot in the README.",
};

describe.each(["azure-native", "azure"])("@pulumi/%s", (pkg) => {
  const scanned = scanPackage(path.join(MODULES, pkg));

  it("has resource types to scan (the scanner still understands the SDK's layout)", () => {
    expect(scanned.length).toBeGreaterThan(pkg === "azure-native" ? 1000 : 500);
    expect(
      scanned.find((t) =>
        t.token.endsWith(pkg === "azure-native" ? "cognitiveservices:Deployment" : "cognitive/deployment:Deployment"),
      )?.signals,
    ).toContain("raiPolicyName");
  });

  it("every type that can deploy a model or hold content filters is read by an adapter or out of scope", () => {
    const uncovered = scanned
      .filter((t) => t.signals.length > 0)
      .filter((t) => ADAPTERS[t.token] === undefined && OUT_OF_SCOPE[t.token] === undefined)
      .map((t) => `${t.token} (${t.signals.join(", ")})`);
    expect(uncovered).toEqual([]);
  });
});

it("the out-of-scope list names only types that exist and carry a signal, so it cannot go stale", () => {
  const flagged = new Set(
    ["azure-native", "azure"].flatMap((pkg) =>
      scanPackage(path.join(MODULES, pkg))
        .filter((t) => t.signals.length > 0)
        .map((t) => t.token),
    ),
  );
  expect(Object.keys(OUT_OF_SCOPE).filter((t) => !flagged.has(t))).toEqual([]);
});

it("every adapter type exists in the installed SDKs", () => {
  const all = new Set(
    ["azure-native", "azure"].flatMap((pkg) => scanPackage(path.join(MODULES, pkg)).map((t) => t.token)),
  );
  expect(Object.keys(ADAPTERS).filter((t) => !all.has(t))).toEqual([]);
});
