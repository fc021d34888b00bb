// Drives a policy pack over the real analyzer gRPC protocol, the way the Pulumi engine does: it starts the
// pack with `@pulumi/pulumi/cmd/run-policy-pack` resolved from the pack directory, reads the port from the
// first line of stdout, then calls GetAnalyzerInfo, Configure, ConfigureStack, Analyze per resource (inputs,
// registration order) and AnalyzeStack (outputs). It also serves the engine's Log RPC for the pack.

import * as grpc from "@grpc/grpc-js";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";
import { readPackConfig } from "../../policy-pack/src/api";
import { CapturedResource } from "./types";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
const engineGrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const structPb = require("google-protobuf/google/protobuf/struct_pb");
const emptyPb = require("google-protobuf/google/protobuf/empty_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** @pulumi/policy's server accepts 400 MiB messages; gRPC's 4 MiB default is too small for large stacks. */
export const MAX_MESSAGE = 400 * 1024 * 1024;
const CHANNEL = { "grpc.max_receive_message_length": MAX_MESSAGE, "grpc.max_send_message_length": MAX_MESSAGE };
const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];

export interface PolicyInfo {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: number;
  readonly configSchema?: { properties: Record<string, any>; required: string[] };
}

export interface AnalyzerInfo {
  readonly name: string;
  readonly version: string;
  readonly supportsConfig: boolean;
  readonly policies: readonly PolicyInfo[];
}

export interface Diagnostic {
  readonly policyName: string;
  readonly policyPackName: string;
  readonly policyPackVersion: string;
  readonly description: string;
  readonly message: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly urn: string;
  /** Which call produced it: Analyze (resource level, before the step) or AnalyzeStack. */
  readonly phase: "analyze" | "analyzeStack";
}

const policyNamesOf = (info: AnalyzerInfo): string[] => info.policies.map((p) => p.name);

/** Pack config as users write it for `--policy-pack-config`: policy name -> level or {enforcementLevel, ...}. */
export type PackConfig = Record<string, EnforcementLevel | Record<string, unknown>>;

export interface StackInfo {
  readonly project: string;
  readonly stack: string;
  readonly organization?: string;
  readonly dryRun: boolean;
  readonly tags?: Record<string, string>;
}

/** Resolves run-policy-pack from the pack directory, as the Node language host does. */
export function runPolicyPackEntry(packDir: string): string {
  const sdk = require.resolve("@pulumi/pulumi/package.json", { paths: [path.resolve(packDir)] });
  return path.join(path.dirname(sdk), "cmd", "run-policy-pack", "index.js");
}

/** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

export class AnalyzerSession {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: any,
    private readonly engine: grpc.Server,
    readonly logs: string[],
  ) {}

  /** Spawns the pack and connects. `startupMs` measures spawn to first GetAnalyzerInfo answer elsewhere. */
  static async start(packDir: string, options: { env?: NodeJS.ProcessEnv } = {}): Promise<AnalyzerSession> {
    const dir = path.resolve(packDir);
    if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) throw new Error(`${dir} has no PulumiPolicy.yaml`);
    const logs: string[] = [];
    const engine = new grpc.Server(CHANNEL);
    engine.addService(engineGrpc.EngineService, {
      log: (call: any, cb: any) => {
        logs.push(call.request.getMessage());
        cb(null, new emptyPb.Empty());
      },
      getRootResource: (_call: any, cb: any) =>
        cb(null, new (require("@pulumi/pulumi/proto/engine_pb").GetRootResourceResponse)()), // eslint-disable-line @typescript-eslint/no-require-imports
      setRootResource: (_call: any, cb: any) =>
        cb(null, new (require("@pulumi/pulumi/proto/engine_pb").SetRootResourceResponse)()), // eslint-disable-line @typescript-eslint/no-require-imports
    });
    const enginePort = await new Promise<number>((resolve, reject) =>
      engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) =>
        err ? reject(err) : resolve(port),
      ),
    );
    const child = spawn(process.execPath, [runPolicyPackEntry(dir), `127.0.0.1:${enginePort}`, "."], {
      cwd: dir,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout! });
      lines.once("line", (line) => {
        const n = Number.parseInt(line.trim(), 10);
        if (Number.isInteger(n) && n > 0) resolve(n);
        else reject(new Error(`policy pack printed "${line}" instead of a port; stderr: ${stderr}`));
      });
      child.once("exit", (code) =>
        reject(new Error(`policy pack exited with code ${code} before it listened: ${stderr.trim()}`)),
      );
    });
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), CHANNEL);
    return new AnalyzerSession(child, client, engine, logs);
  }

  /** Peak resident set size of the pack process so far (VmHWM, Linux), in KiB. */
  peakRssKiB(): number {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  }

  /** CPU time (user + system) the pack process has used so far (Linux), in ms. */
  cpuTimeMs(): number {
    const stat = fs.readFileSync(`/proc/${this.child.pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15, in clock ticks.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  }

  private call<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) =>
      this.client[method](request, (err: Error | null, resp: T) => (err ? reject(err) : resolve(resp))),
    );
  }

  async getAnalyzerInfo(): Promise<AnalyzerInfo> {
    const info: any = await this.call("getAnalyzerInfo", new emptyPb.Empty());
    return {
      name: info.getName(),
      version: info.getVersion(),
      supportsConfig: info.getSupportsconfig(),
      policies: info.getPoliciesList().map((p: any) => ({
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: LEVELS[p.getEnforcementlevel()],
        severity: p.getSeverity(),
        configSchema: p.getConfigschema()
          ? {
              properties: p.getConfigschema().getProperties()?.toJavaScript() ?? {},
              required: p.getConfigschema().getRequiredList(),
            }
          : undefined,
      })),
    };
  }

  /**
   * Sends Configure as the CLI does: every policy with its enforcement level set explicitly, and its
   * config with the schema defaults applied under the user's values.
   */
  async configure(info: AnalyzerInfo, config: PackConfig = {}): Promise<void> {
    const request = new analyzerPb.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    const { entries, errors } = readPackConfig(config, policyNamesOf(info));
    // The engine refuses to start the pack with config it cannot read.
    if (errors.length > 0) throw new Error(errors.join("\n"));
    for (const policy of info.policies) {
      const given = entries.get(policy.name);
      const properties: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        if (schema && typeof schema === "object" && "default" in schema) properties[key] = schema.default;
      }
      Object.assign(properties, given?.config);
      const pc = new analyzerPb.PolicyConfig();
      pc.setEnforcementlevel(LEVELS.indexOf(given?.level ?? policy.enforcementLevel));
      pc.setProperties(structPb.Struct.fromJavaScript(properties));
      map.set(policy.name, pc);
    }
    await this.call("configure", request);
  }

  async configureStack(stack: StackInfo): Promise<void> {
    const request = new analyzerPb.AnalyzerStackConfigureRequest();
    request.setProject(stack.project);
    request.setStack(stack.stack);
    request.setOrganization(stack.organization ?? "organization");
    request.setDryRun(stack.dryRun);
    for (const [k, v] of Object.entries(stack.tags ?? {})) request.getTagsMap().set(k, v);
    await this.call("configureStack", request);
  }

  /** The policies the last Analyze or AnalyzeStack answer called not applicable (the engine counts them as not evaluated). */
  notApplicable: string[] = [];

  async analyze(resource: CapturedResource): Promise<Diagnostic[]> {
    const resp: any = await this.call("analyze", analyzeRequest(resource));
    this.notApplicable = resp.getNotApplicableList().map((n: any) => n.getPolicyName());
    return diagnostics(resp, "analyze");
  }

  /** Remediate, as the engine calls it before Analyze when a policy is at level `remediate`. */
  async remediate(resource: CapturedResource): Promise<Remediation[]> {
    const resp: any = await this.call("remediate", analyzeRequest(resource));
    return resp.getRemediationsList().map((r: any) => ({
      policyName: r.getPolicyname(),
      properties: r.getProperties()?.toJavaScript(),
      diagnostic: r.getDiagnostic() || undefined,
    }));
  }

  async analyzeStack(resources: readonly CapturedResource[]): Promise<Diagnostic[]> {
    const request = new analyzerPb.AnalyzeStackRequest();
    for (const r of resources) {
      const res = new analyzerPb.AnalyzerResource();
      res.setType(r.type);
      res.setName(r.name);
      res.setUrn(r.urn);
      res.setProperties(structPb.Struct.fromJavaScript(r.outputs));
      res.setOptions(resourceOptions(r));
      const provider = providerOf(r);
      if (provider) res.setProvider(provider);
      if (r.parent) res.setParent(r.parent);
      res.setDependenciesList([...r.dependencies]);
      const deps = res.getPropertydependenciesMap();
      for (const [key, urns] of Object.entries(r.propertyDependencies)) {
        const d = new analyzerPb.AnalyzerPropertyDependencies();
        d.setUrnsList([...urns]);
        deps.set(key, d);
      }
      request.addResources(res);
    }
    const resp: any = await this.call("analyzeStack", request);
    this.notApplicable = resp.getNotApplicableList().map((n: any) => n.getPolicyName());
    return diagnostics(resp, "analyzeStack");
  }

  async close(): Promise<void> {
    this.client.close();
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
    await new Promise<void>((resolve) => this.engine.tryShutdown(() => resolve()));
  }
}

function analyzeRequest(resource: CapturedResource): unknown {
  const request = new analyzerPb.AnalyzeRequest();
  request.setType(resource.type);
  request.setName(resource.name);
  request.setUrn(resource.urn);
  request.setProperties(structPb.Struct.fromJavaScript(resource.inputs));
  request.setOptions(resourceOptions(resource));
  const provider = providerOf(resource);
  if (provider) request.setProvider(provider);
  return request;
}

/** A default provider's properties when the capture did not record one (resources built by hand in tests). */
const PROVIDER_PROPERTIES = { version: "3.28.0" };

/**
 * The provider the engine sends with each resource, properties included (pulumi/pkg
 * resource/deploy/step_generator.go sets AnalyzerResource.Provider; analyzer_plugin.go marshals it). The
 * runtime deserializes it once per policy, so leaving it out would understate a pack's cost. The capture
 * records it per resource (`providerResource`): an explicit provider's inputs, or for a default provider the
 * package's stack config and version, as the engine builds it. Component resources have none.
 */
function providerOf(resource: CapturedResource): unknown {
  if (resource.type.startsWith("pulumi:providers:")) return undefined;
  const provider = new analyzerPb.AnalyzerProviderResource();
  if (resource.providerResource) {
    const p = resource.providerResource;
    provider.setType(p.type);
    provider.setUrn(p.urn);
    provider.setName(p.name);
    provider.setProperties(structPb.Struct.fromJavaScript(p.properties));
    return provider;
  }
  if (!resource.custom) return undefined;
  const pkg = resource.type.split(":")[0];
  const stackPrefix = resource.urn.split("::").slice(0, 2).join("::");
  const urn = resource.provider ? resource.provider.split("::").slice(0, -1).join("::") : undefined;
  provider.setType(`pulumi:providers:${pkg}`);
  provider.setUrn(urn || `${stackPrefix}::pulumi:providers:${pkg}::default`);
  provider.setName(urn ? urn.split("::").pop() : "default");
  provider.setProperties(structPb.Struct.fromJavaScript(PROVIDER_PROPERTIES));
  return provider;
}

function resourceOptions(resource: CapturedResource): unknown {
  const opts = new analyzerPb.AnalyzerResourceOptions();
  opts.setProtect(false);
  if (resource.parent) opts.setParent(resource.parent);
  return opts;
}

function diagnostics(resp: any, phase: Diagnostic["phase"]): Diagnostic[] {
  return resp.getDiagnosticsList().map((d: any) => ({
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    policyPackVersion: d.getPolicypackversion(),
    description: d.getDescription(),
    message: d.getMessage(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()],
    urn: d.getUrn(),
    phase,
  }));
}

export interface Remediation {
  readonly policyName: string;
  /** The resource's inputs after this remediation, when it changed them. */
  readonly properties?: Record<string, unknown>;
  readonly diagnostic?: string;
}

export interface AnalysisResult {
  readonly info: AnalyzerInfo;
  readonly diagnostics: readonly Diagnostic[];
  readonly logs: readonly string[];
  /** Remediations applied, by URN (only when some policy is at level `remediate`). */
  readonly remediations: ReadonlyMap<string, readonly Remediation[]>;
}

/** One whole engine run over captured resources: what `pulumi preview`/`up` does with a pack. */
export async function analyzeResources(
  packDir: string,
  resources: readonly CapturedResource[],
  stack: StackInfo,
  config: PackConfig = {},
): Promise<AnalysisResult> {
  // The engine tells the policy pack process whether it runs for a preview (PULUMI_DRY_RUN), as here.
  const session = await AnalyzerSession.start(packDir, { env: { PULUMI_DRY_RUN: String(stack.dryRun) } });
  try {
    const info = await session.getAnalyzerInfo();
    await session.configure(info, config);
    await session.configureStack(stack);
    const remediating = [...readPackConfig(config, policyNamesOf(info)).entries.values()].some(
      (e) => e.level === "remediate",
    );
    const found: Diagnostic[] = [];
    const remediations = new Map<string, Remediation[]>();
    const analyzed: CapturedResource[] = [];
    for (const original of resources) {
      // The engine remediates, then analyzes the remediated inputs, before each step.
      let r = original;
      if (remediating) {
        const applied = await session.remediate(r);
        const last = [...applied].reverse().find((a) => a.properties);
        if (applied.length > 0) remediations.set(r.urn, applied);
        if (last?.properties) r = { ...r, inputs: last.properties };
      }
      analyzed.push(r);
      for (const d of await session.analyze(r)) found.push({ ...d, urn: d.urn || r.urn });
    }
    // The engine does not promise dependency order in AnalyzeStack (CLI 3.259 sent the newest resource
    // first), so neither does the harness.
    found.push(...(await session.analyzeStack([...analyzed].reverse())));
    return { info, diagnostics: found, logs: session.logs, remediations };
  } finally {
    await session.close();
  }
}
