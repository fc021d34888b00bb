// The two Azure stand-ins - the Go provider the real CLI runs (tools/standins) and the TypeScript fake of the offline
// check (tooling/harness/fakeAzure.ts) - read one spec (tools/standins/azureshapes/azure-shapes.json). Here they
// answer the same requests: every resource type and function of the spec, versioned and aliased tokens, a guessed
// type, explicit providers, unknown functions and the drift overrides. The Go provider is driven over its gRPC
// protocol, as the engine does. Also: the derived parts of the spec and the schema are not stale.
import * as grpc from "@grpc/grpc-js";
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as readline from "readline";
import { DRIFT_ENV, FakeAzure, SPEC, UNKNOWN, applyPatch } from "../tooling/harness/fakeAzure";
import { ROOT } from "./support/examples";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const providerGrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const providerPb = require("@pulumi/pulumi/proto/provider_pb");
const structPb = require("google-protobuf/google/protobuf/struct_pb");
const emptyPb = require("google-protobuf/google/protobuf/empty_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

type Json = Record<string, unknown>;
const BIN = path.join(ROOT, ".tools", "bin", "pulumi-resource-azure-native");
const CLASSIC_BIN = path.join(ROOT, ".tools", "bin", "pulumi-resource-azure");

/** A running Go stand-in provider and a gRPC client to it. */
class GoProvider {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: any,
    readonly stderr: () => string,
  ) {}

  static async start(env: NodeJS.ProcessEnv = {}, bin = BIN): Promise<GoProvider> {
    const child = spawn(bin, [], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once("line", (l) => resolve(Number.parseInt(l, 10)));
      child.once("exit", (code) => reject(new Error(`stand-in exited (${code}): ${stderr}`)));
    });
    const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new GoProvider(child, client, () => stderr);
  }

  private rpc<T>(method: string, req: unknown): Promise<T> {
    return new Promise((resolve, reject) =>
      this.client[method](req, (err: Error | null, resp: T) => (err ? reject(err) : resolve(resp))),
    );
  }

  async configure(args: Json = {}): Promise<void> {
    const req = new providerPb.ConfigureRequest();
    req.setArgs(structPb.Struct.fromJavaScript(args));
    await this.rpc("configure", req);
  }

  async check(urn: string, news: Json): Promise<Json> {
    const req = new providerPb.CheckRequest();
    req.setUrn(urn);
    req.setNews(structPb.Struct.fromJavaScript(news));
    req.setOlds(structPb.Struct.fromJavaScript({}));
    const resp: any = await this.rpc("check", req);
    return resp.getInputs().toJavaScript();
  }

  async create(urn: string, inputs: Json, preview: boolean): Promise<{ id: string; outputs: Json }> {
    const req = new providerPb.CreateRequest();
    req.setUrn(urn);
    req.setProperties(structPb.Struct.fromJavaScript(inputs));
    req.setPreview(preview);
    const resp: any = await this.rpc("create", req);
    return { id: resp.getId(), outputs: resp.getProperties().toJavaScript() };
  }

  async read(urn: string, id: string, outputs: Json, inputs: Json): Promise<{ outputs: Json; inputs: Json }> {
    const req = new providerPb.ReadRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(structPb.Struct.fromJavaScript(outputs));
    req.setInputs(structPb.Struct.fromJavaScript(inputs));
    const resp: any = await this.rpc("read", req);
    return { outputs: resp.getProperties().toJavaScript(), inputs: resp.getInputs().toJavaScript() };
  }

  async invoke(tok: string, args: Json): Promise<Json> {
    const req = new providerPb.InvokeRequest();
    req.setTok(tok);
    req.setArgs(structPb.Struct.fromJavaScript(args));
    const resp: any = await this.rpc("invoke", req);
    return resp.getReturn().toJavaScript();
  }

  async schema(): Promise<any> {
    const resp: any = await this.rpc("getSchema", new providerPb.GetSchemaRequest());
    return JSON.parse(resp.getSchema());
  }

  async version(): Promise<string> {
    const resp: any = await this.rpc("getPluginInfo", new emptyPb.Empty());
    return resp.getVersion();
  }

  stop(): void {
    this.client.close();
    this.child.kill();
  }
}

const urnOf = (type: string, name: string) => `urn:pulumi:dev::standins::${type}::${name}`;

/** Inputs a program would give: every path parameter, a few outputs, and one input that is not an output. */
function sampleInputs(token: string): Json {
  const shape = SPEC.resources[token];
  const inputs: Json = {};
  if (shape?.scope === "resourceGroup" || !shape) inputs.resourceGroupName = "rg-test";
  if (shape?.scopeParam) inputs[shape.scopeParam] = "/subscriptions/s-1/resourceGroups/rg-test";
  for (const p of shape?.params ?? []) inputs[p] = `${p.replace(/Name$/, "")}-1`;
  const outputs = shape?.outputs ?? ["properties"];
  if (outputs.includes("properties")) inputs.properties = { mode: "Default", nested: { a: 1 } };
  if (outputs.includes("tags")) inputs.tags = { "ccc-use-case": "text-generation" };
  if (outputs.includes("location")) inputs.location = "swedencentral";
  inputs.notAnOutputOfAnyType = "dropped";
  if (!shape) inputs.widgetName = "widget-1";
  return inputs;
}

const tools = (() => {
  if (spawnSync("go", ["version"]).status === 0) {
    // Rebuilds the stand-ins when their sources or the spec changed (the stamp hashes them); fast when up to date.
    const build = spawnSync("bash", [path.join(ROOT, "scripts", "build-pulumi.sh")], { encoding: "utf8" });
    if (build.status !== 0) return { skip: `scripts/build-pulumi.sh failed: ${build.stderr.slice(-2000)}` };
  }
  const missing = [BIN, CLASSIC_BIN].find((b) => !fs.existsSync(b));
  return missing ? { skip: `no ${path.relative(ROOT, missing)} and no Go toolchain to build it` } : { ok: true };
})();

describe("the shared spec", () => {
  it("is what generate.ts derives from the azure-native SDK (outputs, API versions, derived responses, schema)", () => {
    // In a child: the generator formats with prettier, whose dynamic imports jest's VM does not run.
    const generator = path.join(ROOT, "tools", "standins", "azureshapes", "generate.ts");
    const ts = require.resolve("ts-node/dist/bin.js");
    const check = spawnSync(process.execPath, [ts, "--transpile-only", generator, "--check"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(`${check.stderr}${check.stdout}`).toBe("");
    expect(check.status).toBe(0);
  });

  it("marks every value of a derived response as a stand-in value", () => {
    const leaves = (v: unknown): unknown[] =>
      typeof v === "object" && v !== null ? Object.values(v).flatMap(leaves) : [v];
    for (const [token, fn] of Object.entries(SPEC.functions)) {
      if (!fn.derived) continue;
      for (const leaf of leaves(fn.response)) {
        if (typeof leaf === "string") expect(`${token}: ${leaf}`).toMatch(/: standin-/);
      }
    }
  });
});

if ("skip" in tools) {
  if (process.env.CI) {
    it("has the Go stand-in provider in CI", () => {
      throw new Error(`CI must compare the stand-ins, but: ${tools.skip}`);
    });
  } else {
    console.warn(`Skipping the Go/TypeScript stand-in comparison: ${tools.skip}`);
    it.skip(`Go/TypeScript stand-in comparison (${tools.skip})`, () => undefined);
  }
} else {
  describe("the Go provider and the TypeScript fake", () => {
    let go: GoProvider;
    beforeAll(async () => {
      go = await GoProvider.start();
      await go.configure();
    });
    afterAll(() => go.stop());

    const resourceTokens = Object.keys(SPEC.resources);
    const variants: [string, string][] = [
      ...resourceTokens.map((t): [string, string] => [t, t]),
      ["azure-native:cognitiveservices/v20241001:Account", "azure-native:cognitiveservices:Account"],
      ["azure-native:cognitiveservices/v20250601:Deployment", "azure-native:cognitiveservices:Deployment"],
      ["azure-native:cognitiveservices/v20240601preview:RaiPolicy", "azure-native:cognitiveservices:RaiPolicy"],
      ["azure-native:documentdb:DatabaseAccount", "azure-native:cosmosdb:DatabaseAccount"],
      ["azure-native:contoso:Widget", "azure-native:contoso:Widget"],
    ];

    it.each(variants)("answer a create of %s alike, in preview and in update", async (token, spec) => {
      const inputs = sampleInputs(spec);
      for (const preview of [false, true]) {
        const fromGo = await go.create(urnOf(token, "res"), inputs, preview);
        const fromTs = new FakeAzure({ preview }).newResource({ type: token, name: "res", inputs });
        const { id: tsId, ...tsState } = fromTs.state;
        expect(fromGo.outputs).toEqual(tsState);
        expect(fromGo.id).toBe(fromTs.id ?? "");
        if (!preview) expect(tsId).toBe(fromGo.id);
      }
    });

    it.each(variants.filter(([t]) => t !== t.replace(/\/v\d{8}(preview)?:/, ":") || t.includes("documentdb")))(
      "give %s (a versioned or aliased token) the name, ARM id and type of its unversioned shape",
      async (token, spec) => {
        const inputs = sampleInputs(spec);
        const { id, outputs } = await go.create(urnOf(token, "res"), inputs, false);
        const shape = SPEC.resources[spec];
        expect(outputs.name).toBe(inputs[shape.params[shape.params.length - 1]]);
        expect(outputs.type).toBe(shape.armType);
        expect(id).toMatch(new RegExp(`/providers/${shape.namespace}/${shape.segments[0]}/`));
        expect(outputs).not.toHaveProperty("accountName");
      },
    );

    it("name a resource the program did not name: the Go provider in Check, from the URN", async () => {
      const inputs = await go.check(urnOf("azure-native:cognitiveservices:RaiPolicy", "filter"), {
        accountName: "a",
        resourceGroupName: "rg",
      });
      expect(inputs.raiPolicyName).toMatch(/^filter[0-9a-f]{7}$/);
      const role = await go.check(urnOf("azure-native:authorization:RoleAssignment", "r"), { scope: "/x" });
      expect(role.roleAssignmentName).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    });

    const functionArgs = (token: string): Json => {
      const lookup = SPEC.functions[token].lookup;
      return lookup
        ? sampleInputs(lookup)
        : { accountName: "acct-1", resourceGroupName: "rg-test", workspaceName: "ws-1", name: "n-1" };
    };
    const functionTokens = Object.keys(SPEC.functions);

    it.each(functionTokens)("answer %s alike, in its response shape", async (token) => {
      const args = functionArgs(token);
      const fromGo = await go.invoke(token, args);
      expect(fromGo).toEqual(new FakeAzure().call({ token, inputs: args }));
      expect(fromGo).not.toHaveProperty("standinPlaceholder");
      expect(fromGo).not.toEqual(args);
    });

    it("answer the functions programs use most with the values they read", async () => {
      const env = new FakeAzure();
      const keys = await go.invoke("azure-native:storage:listStorageAccountKeys", {
        accountName: "st",
        resourceGroupName: "rg",
      });
      expect((keys.keys as Json[])[0]).toEqual(expect.objectContaining({ keyName: "key1", value: "standin-key-1" }));
      expect(await go.invoke("azure-native:cognitiveservices:listAccountKeys", {})).toEqual({
        key1: "standin-key-1",
        key2: "standin-key-2",
      });
      const strings = await go.invoke("azure-native:documentdb:listDatabaseAccountConnectionStrings", {
        accountName: "cosmos-1",
        resourceGroupName: "rg",
      });
      expect((strings.connectionStrings as Json[])[0].connectionString).toContain(
        "https://cosmos-1.documents.azure.com",
      );
      expect(await go.invoke("azure-native:authorization:getClientConfig", {})).toEqual({
        clientId: "standin-client-id",
        objectId: "standin-object-id",
        subscriptionId: SPEC.fakeSubscriptionId,
        tenantId: SPEC.fakeTenantId,
      });
      const account = await go.invoke("azure-native:cognitiveservices/v20241001:getAccount", {
        accountName: "oai-shared",
        resourceGroupName: "rg-shared",
      });
      expect(account).toEqual(
        env.call({
          token: "azure-native:cognitiveservices:getAccount",
          inputs: { accountName: "oai-shared", resourceGroupName: "rg-shared" },
        }),
      );
      expect(account).toMatchObject({
        name: "oai-shared",
        kind: "OpenAI",
        tags: {},
        type: "Microsoft.CognitiveServices/accounts",
        id: `/subscriptions/${SPEC.fakeSubscriptionId}/resourceGroups/rg-shared/providers/Microsoft.CognitiveServices/accounts/oai-shared`,
      });
      const policy = await go.invoke("azure-native:cognitiveservices:getSubscriptionRaiPolicy", {
        raiPolicyName: "corp",
      });
      expect(policy.id).toBe(
        `/subscriptions/${SPEC.fakeSubscriptionId}/providers/Microsoft.CognitiveServices/raiPolicies/corp`,
      );
    });

    it("answer an unknown function with the same marked placeholder, and warn naming it", async () => {
      const token = "azure-native:contoso:listWidgetSecrets";
      const warnings: string[] = [];
      const fromTs = new FakeAzure({ warn: (m) => warnings.push(m) }).call({ token, inputs: { widgetName: "w" } });
      const fromGo = await go.invoke(token, { widgetName: "w" });
      expect(fromGo).toEqual(fromTs);
      expect(fromGo).toEqual({ standinPlaceholder: expect.stringMatching(/not simulated.*placeholder/) });
      expect(JSON.stringify(fromGo)).toContain(token);
      expect(warnings).toEqual([expect.stringContaining(token)]);
      for (let i = 0; i < 50 && !go.stderr().includes(token); i++) await new Promise((r) => setTimeout(r, 20));
      expect(go.stderr()).toContain(`warning: azure-native stand-in: function ${token} is not simulated`);
    });

    it("put the ids of an explicit provider's resources in its subscription", async () => {
      const subscriptionId = "11111111-2222-3333-4444-555555555555";
      const explicit = await GoProvider.start();
      try {
        await explicit.configure({ subscriptionId, tenantId: "tenant-2" });
        const fake = new FakeAzure();
        const provider = fake.newResource({
          type: "pulumi:providers:azure-native",
          name: "prod",
          inputs: { subscriptionId, tenantId: "tenant-2" },
        });
        const ref = `${urnOf("pulumi:providers:azure-native", "prod")}::${provider.id}`;
        const token = "azure-native:cognitiveservices:Account";
        const fromGo = await explicit.create(urnOf(token, "a"), sampleInputs(token), false);
        const fromTs = fake.newResource({ type: token, name: "a", inputs: sampleInputs(token), provider: ref });
        expect(fromGo.id).toBe(fromTs.id);
        expect(fromGo.id).toContain(`/subscriptions/${subscriptionId}/`);
        const config = await explicit.invoke("azure-native:authorization:getClientConfig", {});
        expect(config).toEqual(
          fake.call({ token: "azure-native:authorization:getClientConfig", inputs: {}, provider: ref }),
        );
        expect(config).toMatchObject({ subscriptionId, tenantId: "tenant-2" });
        // The default provider keeps the fixed fake subscription.
        expect((await go.create(urnOf(token, "a"), sampleInputs(token), false)).id).toContain(SPEC.fakeSubscriptionId);
      } finally {
        explicit.stop();
      }
    });

    it("serve a schema of azure-native 3.28.0 with every type and function of the spec", async () => {
      expect(await go.version()).toBe("3.28.0");
      const schema = await go.schema();
      expect(schema).toMatchObject({ name: "azure-native", version: "3.28.0" });
      expect(Object.keys(schema.resources).sort()).toEqual(Object.keys(SPEC.resources).sort());
      expect(Object.keys(schema.functions).sort()).toEqual(Object.keys(SPEC.functions).sort());
      const deployment = schema.resources["azure-native:cognitiveservices:Deployment"];
      for (const k of ["name", "type", "properties", "tags", "sku"]) expect(deployment.properties).toHaveProperty(k);
      expect(deployment.inputProperties.properties.$ref).toBe(
        "#/types/azure-native:cognitiveservices:DeploymentProperties",
      );
      for (const t of [
        "DeploymentProperties",
        "DeploymentModel",
        "RaiPolicyProperties",
        "RaiPolicyContentFilter",
        "Sku",
      ]) {
        expect(schema.types).toHaveProperty([`azure-native:cognitiveservices:${t}`]);
      }
      expect(schema.types["azure-native:cognitiveservices:RaiPolicyContentFilter"].properties).toMatchObject({
        name: { type: "string" },
        blocking: { type: "boolean" },
        enabled: { type: "boolean" },
        source: { type: "string" },
      });
      expect(schema.provider.inputProperties.subscriptionId).toEqual({ type: "string" });
    });

    it("return a portal edit on Read when AZURE_STANDIN_DRIFT names the resource (pulumi refresh)", async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "drift-")), "drift.json");
      const patch = {
        properties: { contentFilters: [{ $match: { name: "Jailbreak" }, blocking: false }] },
        tags: null,
      };
      fs.writeFileSync(file, JSON.stringify({ resources: [{ resource: "support-filter", patch }] }));
      const drifted = await GoProvider.start({ [DRIFT_ENV]: file });
      try {
        const token = "azure-native:cognitiveservices:RaiPolicy";
        const inputs = {
          accountName: "oai",
          resourceGroupName: "rg",
          raiPolicyName: "support-filter",
          tags: { "ccc-use-case": "text-generation" },
          properties: {
            mode: "Blocking",
            contentFilters: [
              { name: "Jailbreak", source: "Prompt", enabled: true, blocking: true },
              { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
            ],
          },
        };
        const created = await drifted.create(urnOf(token, "policy"), inputs, false);
        const read = await drifted.read(urnOf(token, "policy"), created.id, created.outputs, inputs);
        expect(read.outputs).toEqual(applyPatch(created.outputs, patch));
        expect(read.inputs).toEqual(applyPatch(inputs, patch));
        const filters = (read.inputs.properties as { contentFilters: Json[] }).contentFilters;
        expect(filters).toEqual([
          { name: "Jailbreak", source: "Prompt", enabled: true, blocking: false },
          { name: "Protected Material Text", source: "Completion", enabled: true, blocking: true },
        ]);
        // Another resource is read back as recorded.
        const other = await drifted.read(urnOf(token, "other"), "/x", { name: "other" }, { raiPolicyName: "other" });
        expect(other.outputs).toEqual({ name: "other" });
      } finally {
        drifted.stop();
      }
    });

    it("read a resource referenced by id (Resource.get) in the lookup shape, like the fake", async () => {
      const token = "azure-native:cognitiveservices:Account";
      const id =
        "/subscriptions/s-9/resourceGroups/rg-shared/providers/Microsoft.CognitiveServices/accounts/oai-shared";
      const fromGo = await go.read(urnOf(token, "shared"), id, {}, {});
      const fromTs = new FakeAzure().newResource({ type: token, name: "shared", inputs: {}, id });
      const { id: tsId, ...tsState } = fromTs.state;
      expect(tsId).toBe(id);
      expect(fromGo.outputs).toEqual(tsState);
      expect(fromGo.outputs).toMatchObject({ name: "oai-shared", kind: "OpenAI" });
    });

    it("leave preview outputs the program did not set unknown", async () => {
      const token = "azure-native:cognitiveservices:Deployment";
      const { outputs } = await go.create(
        urnOf(token, "d"),
        { accountName: "a", resourceGroupName: "rg", deploymentName: "d" },
        true,
      );
      expect(outputs).toMatchObject({ name: UNKNOWN, type: UNKNOWN, tags: UNKNOWN, sku: UNKNOWN });
    });
  });

  describe("the classic provider's Go stand-in and the TypeScript fake", () => {
    let go: GoProvider;
    beforeAll(async () => {
      go = await GoProvider.start({}, CLASSIC_BIN);
      await go.configure();
    });
    afterAll(() => go.stop());

    const accountId = `/subscriptions/${SPEC.fakeSubscriptionId}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/oai`;
    const classicInputs = (token: string): Json =>
      token.includes("accountRaiPolicy") || token.includes("deployment:")
        ? { cognitiveAccountId: accountId, raiPolicyName: "filter", model: { format: "OpenAI", name: "gpt-4o" } }
        : {
            resourceGroupName: "rg",
            location: "swedencentral",
            kind: "OpenAI",
            tags: { "ccc-use-case": "text-generation" },
          };

    it.each([...Object.keys(SPEC.classic.resources), "azure:storage/account:Account"])(
      "answer a create of %s alike, as a bridged provider (inputs, name, computed values, id)",
      async (token) => {
        const inputs = classicInputs(token);
        for (const preview of [false, true]) {
          const checked = await go.check(urnOf(token, "res"), inputs);
          expect(checked.name).toBe("res");
          const fromGo = await go.create(urnOf(token, "res"), checked, preview);
          const fromTs = new FakeAzure({ preview }).newResource({ type: token, name: "res", inputs });
          expect(fromGo.outputs).toEqual(fromTs.state);
          expect(fromGo.id).toBe(fromTs.id ?? "");
          if (!preview) expect(fromGo.outputs).toMatchObject({ ...inputs, name: "res", id: fromGo.id });
        }
      },
    );

    it("give classic cognitive resources ARM ids the pack can parse", async () => {
      const deployment = await go.create(
        urnOf("azure:cognitive/deployment:Deployment", "chat"),
        { name: "chat", cognitiveAccountId: accountId },
        false,
      );
      expect(deployment.id).toBe(`${accountId}/deployments/chat`);
      const account = await go.create(
        urnOf("azure:cognitive/account:Account", "oai"),
        { name: "oai", resourceGroupName: "rg" },
        false,
      );
      expect(account.id).toBe(accountId);
      expect(account.outputs).toMatchObject({
        endpoint: "https://oai.openai.azure.com/",
        primaryAccessKey: "standin-key-1",
      });
    });

    it("answer getClientConfig alike, and an unknown function with the marked placeholder", async () => {
      for (const token of ["azure:core/getClientConfig:getClientConfig", "azure:cognitive/getAccount:getAccount"]) {
        const warnings: string[] = [];
        const fromTs = new FakeAzure({ warn: (m) => warnings.push(m) }).call({ token, inputs: {} });
        expect(await go.invoke(token, {})).toEqual(fromTs);
        expect(warnings.length).toBe(token.includes("getClientConfig") ? 0 : 1);
      }
    });
  });
}
