// Child process: runs one Pulumi program under setMocks with the fake Azure, and writes every resource
// registration (inputs, outputs, dependencies) as JSON. A child per program keeps the SDK's global state
// and the require cache clean. Usage: captureWorker <programDir> <preview 0|1> <outFile>
import * as fs from "fs";
import * as path from "path";
import { fakeAzureCreate } from "./fakeAzure";
import { CaptureResult, CapturedResource } from "./types";

interface Struct {
  toJavaScript(): Record<string, unknown>;
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getProvider(): string;
  getObject(): Struct | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void };
}
interface RegisterResponse {
  getUrn(): string;
  getObject(): Struct | undefined;
}
type Callback = (err: Error | null, resp?: RegisterResponse) => void;
interface Monitor {
  registerResource(req: RegisterRequest, cb: Callback): void;
}

async function main(): Promise<void> {
  const [programDir, previewFlag, outFile] = process.argv.slice(2);
  const dir = path.resolve(programDir);
  const preview = previewFlag === "1";
  // The program's own @pulumi/pulumi: the mocks must be installed in the instance it registers with.
  const sdkPath = require.resolve("@pulumi/pulumi", { paths: [dir] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pulumi = require(sdkPath) as typeof import("@pulumi/pulumi");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const settings = require(path.join(path.dirname(sdkPath), "runtime", "settings")) as {
    getMonitor(): Monitor;
    waitForRPCs(): Promise<void>;
  };
  const project = readProjectName(dir);
  const stack = "dev";
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => fakeAzureCreate(args.type, args.name, args.inputs, preview),
      call: (args) => args.inputs,
    },
    project,
    stack,
    preview,
  );

  const resources: CapturedResource[] = [];
  const monitor = settings.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) =>
    register(req, (err, resp) => {
      if (!err && resp) {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((v, k) => (propertyDependencies[k] = v.getUrnsList()));
        resources.push({
          urn: resp.getUrn(),
          type: req.getType(),
          name: req.getName(),
          custom: req.getCustom(),
          parent: req.getParent() || undefined,
          provider: req.getProvider() || undefined,
          inputs: req.getObject()?.toJavaScript() ?? {},
          outputs: resp.getObject()?.toJavaScript() ?? {},
          dependencies: req.getDependenciesList(),
          propertyDependencies,
        });
      }
      cb(err, resp);
    });

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(programEntry(dir));
  // Registrations are asynchronous: wait until the SDK has no RPC in flight.
  await settings.waitForRPCs();
  const result: CaptureResult = { project, stack, preview, resources };
  fs.writeFileSync(outFile, JSON.stringify(result));
}

function readProjectName(dir: string): string {
  const yaml = path.join(dir, "Pulumi.yaml");
  if (!fs.existsSync(yaml)) return path.basename(dir);
  return /^name:\s*(\S+)/m.exec(fs.readFileSync(yaml, "utf8"))?.[1] ?? path.basename(dir);
}

/** The program's entry as Pulumi finds it: Pulumi.yaml `main`, else the directory's index. */
function programEntry(dir: string): string {
  const yaml = path.join(dir, "Pulumi.yaml");
  const main = fs.existsSync(yaml) ? /^main:\s*(\S+)/m.exec(fs.readFileSync(yaml, "utf8"))?.[1] : undefined;
  return path.resolve(dir, main ?? ".");
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
