// A benchmark-side analyzer client. It spawns a pack exactly as src/harness/analyzer.ts does (through
// `runPolicyPackEntry`), but keeps the child's pid (for VmHWM) and opens the channel with the message-size
// limits @pulumi/policy's server uses (400 MiB), since a 50,000-resource AnalyzeStack exceeds gRPC's 4 MiB.
import * as grpc from "@grpc/grpc-js";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";
import { runPolicyPackEntry } from "../src/harness/analyzer";
import { CapturedResource } from "../src/harness/types";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
const engineGrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const enginePb = require("@pulumi/pulumi/proto/engine_pb");
const structPb = require("google-protobuf/google/protobuf/struct_pb");
const emptyPb = require("google-protobuf/google/protobuf/empty_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

/** @pulumi/policy's server: `grpc.max_receive_message_length` of 400 MiB. */
export const MAX_MESSAGE = 400 * 1024 * 1024;
const CHANNEL = { "grpc.max_receive_message_length": MAX_MESSAGE, "grpc.max_send_message_length": MAX_MESSAGE };

export class BenchSession {
  private constructor(
    readonly child: ChildProcess,
    private readonly client: any,
    private readonly engine: grpc.Server,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  static async start(packDir: string): Promise<BenchSession> {
    const dir = path.resolve(packDir);
    const engine = new grpc.Server(CHANNEL);
    engine.addService(engineGrpc.EngineService, {
      log: (_call: any, cb: any) => cb(null, new emptyPb.Empty()),
      getRootResource: (_call: any, cb: any) => cb(null, new enginePb.GetRootResourceResponse()),
      setRootResource: (_call: any, cb: any) => cb(null, new enginePb.SetRootResourceResponse()),
    });
    const enginePort = await new Promise<number>((resolve, reject) =>
      engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) =>
        err ? reject(err) : resolve(port),
      ),
    );
    const child = spawn(process.execPath, [runPolicyPackEntry(dir), `127.0.0.1:${enginePort}`, "."], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once("line", (line) => {
        const n = Number.parseInt(line.trim(), 10);
        if (n > 0) resolve(n);
        else reject(new Error(`pack printed "${line}"; stderr: ${stderr}`));
      });
      child.once("exit", (code) => reject(new Error(`pack exited (${code}): ${stderr}`)));
    });
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), CHANNEL);
    return new BenchSession(child, client, engine);
  }

  private call<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) =>
      this.client[method](request, (err: Error | null, resp: T) => (err ? reject(err) : resolve(resp))),
    );
  }

  /** GetAnalyzerInfo, then Configure with every policy at its default level and schema defaults. */
  async configure(): Promise<void> {
    const info: any = await this.call("getAnalyzerInfo", new emptyPb.Empty());
    const request = new analyzerPb.ConfigureAnalyzerRequest();
    for (const p of info.getPoliciesList()) {
      const properties: Record<string, unknown> = {};
      const schema = p.getConfigschema()?.getProperties()?.toJavaScript() ?? {};
      for (const [key, s] of Object.entries(schema as Record<string, any>)) {
        if (s && typeof s === "object" && "default" in s) properties[key] = s.default;
      }
      const pc = new analyzerPb.PolicyConfig();
      pc.setEnforcementlevel(p.getEnforcementlevel());
      pc.setProperties(structPb.Struct.fromJavaScript(properties));
      request.getPolicyconfigMap().set(p.getName(), pc);
    }
    await this.call("configure", request);
  }

  /** Analyze for one resource; returns the number of diagnostics. */
  async analyze(r: CapturedResource): Promise<number> {
    const request = new analyzerPb.AnalyzeRequest();
    request.setType(r.type);
    request.setName(r.name);
    request.setUrn(r.urn);
    request.setProperties(structPb.Struct.fromJavaScript(r.inputs));
    request.setOptions(new analyzerPb.AnalyzerResourceOptions());
    const resp: any = await this.call("analyze", request);
    return resp.getDiagnosticsList().length;
  }

  async analyzeStack(resources: readonly CapturedResource[]): Promise<number> {
    const request = new analyzerPb.AnalyzeStackRequest();
    for (const r of resources) {
      const res = new analyzerPb.AnalyzerResource();
      res.setType(r.type);
      res.setName(r.name);
      res.setUrn(r.urn);
      res.setProperties(structPb.Struct.fromJavaScript(r.outputs));
      res.setOptions(new analyzerPb.AnalyzerResourceOptions());
      res.setDependenciesList([...r.dependencies]);
      for (const [key, urns] of Object.entries(r.propertyDependencies)) {
        const d = new analyzerPb.AnalyzerPropertyDependencies();
        d.setUrnsList([...urns]);
        res.getPropertydependenciesMap().set(key, d);
      }
      request.addResources(res);
    }
    const resp: any = await this.call("analyzeStack", request);
    return resp.getDiagnosticsList().length;
  }

  /** Peak resident set size of the pack process so far (VmHWM), in KiB. */
  peakRssKiB(): number {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
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
