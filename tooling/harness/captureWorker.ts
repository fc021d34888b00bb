// Child process: runs one Pulumi program under setMocks with the fake Azure, and writes every resource
// registration (inputs, outputs, dependencies) as JSON. A child per program keeps the SDK's global state
// and the require cache clean. Usage: captureWorker <programDir> <preview 0|1> <outFile> <stack> [stackFile]
// The stack config comes in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS, as the language host passes it.
// If the program fails, the worker writes {"failure": ProgramFailure} to <outFile> and exits with code 3.
import * as fs from "fs";
import * as path from "path";
import { FakeAzure } from "./fakeAzure";
import { ProgramFailure, describeFailure } from "./programError";
import { resolveProgramPackages, sdkCopies } from "./programDeps";
import { packageConfig, programEntry, readProject } from "./stackConfig";
import { CaptureResult, CapturedResource, ProviderReference } from "./types";

/** Exit code of a worker whose program failed (the failure is in the out file). */
export const PROGRAM_FAILED = 3;

interface Struct {
  toJavaScript(): Record<string, unknown>;
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getProvider(): string;
  getVersion(): string;
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

const [programDir, previewFlag, outFile, stackArg, stackFile] = process.argv.slice(2);
const dir = path.resolve(programDir);
const stack = stackArg || "dev";
const packages = resolveProgramPackages(dir).packages;

async function main(): Promise<void> {
  const preview = previewFlag === "1";
  // The program's own @pulumi/pulumi (tooling/harness/programDeps.ts): the mocks must be installed in the
  // instance it registers with, and in any other copy its provider packages load.
  const [sdkDir, ...otherSdkDirs] = sdkCopies(dir, packages);
  if (!sdkDir) throw new Error(`@pulumi/pulumi is installed neither in ${dir} nor in the workspace`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pulumi = require(sdkDir) as typeof import("@pulumi/pulumi");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const settings = require(path.join(sdkDir, "runtime", "settings")) as {
    getMonitor(): Monitor;
    waitForRPCs(): Promise<void>;
  };
  const projectInfo = readProject(dir);
  const project = projectInfo.name;
  // Azure's answers to resources and invokes, in azure-native's response shapes (tools/standins/azureshapes).
  const azure = new FakeAzure({ preview });
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => azure.newResource(args),
      call: (args) => azure.call(args),
    },
    project,
    stack,
    preview,
  );

  // Another copy of the SDK that does not share the first one's state gets the same mocks.
  const mocks = (settings.getMonitor() as unknown as { mocks: Parameters<typeof pulumi.runtime.setMocks>[0] }).mocks;
  const monitors = new Set<Monitor>([settings.getMonitor()]);
  for (const other of otherSdkDirs) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const otherSettings = require(path.join(other, "runtime", "settings")) as { getMonitor(): Monitor };
    if (otherSettings.getMonitor() === settings.getMonitor()) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await (require(other) as typeof import("@pulumi/pulumi")).runtime.setMocks(mocks, project, stack, preview);
    monitors.add(otherSettings.getMonitor());
  }

  const resources: CapturedResource[] = [];
  const providers = new Map<string, ProviderReference>();
  for (const monitor of monitors) {
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) =>
      register(req, (err, resp) => {
        if (!err && resp) {
          const propertyDependencies: Record<string, string[]> = {};
          req.getPropertydependenciesMap().forEach((v, k) => (propertyDependencies[k] = v.getUrnsList()));
          const inputs = req.getObject()?.toJavaScript() ?? {};
          const type = req.getType();
          const version = req.getVersion() || undefined;
          if (type.startsWith("pulumi:providers:")) {
            const properties = version && inputs.version === undefined ? { ...inputs, version } : inputs;
            providers.set(resp.getUrn(), { urn: resp.getUrn(), type, name: req.getName(), properties });
          }
          const provider = req.getProvider() || undefined;
          resources.push({
            urn: resp.getUrn(),
            type,
            name: req.getName(),
            custom: req.getCustom(),
            parent: req.getParent() || undefined,
            provider,
            version,
            providerResource: providerFor(type, req.getCustom(), provider, version, resp.getUrn(), providers),
            inputs,
            outputs: resp.getObject()?.toJavaScript() ?? {},
            dependencies: req.getDependenciesList(),
            propertyDependencies,
          });
        }
        cb(err, resp);
      });
  }

  // As the Node language host does: a program whose module exports a function is that function's run.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported: unknown = require(programEntry(dir, projectInfo));
  if (typeof exported === "function") await (exported as () => unknown)();
  // Registrations are asynchronous: wait until the SDK has no RPC in flight.
  await settings.waitForRPCs();
  const secretKeys = JSON.parse(process.env.PULUMI_CONFIG_SECRET_KEYS || "[]") as string[];
  const result: CaptureResult = {
    project,
    stack,
    preview,
    resources,
    // The copies the program actually loaded.
    packages: packages.filter((p) => Object.keys(require.cache).some((f) => f.startsWith(p.dir + path.sep))),
    config: { file: stackFile || undefined, keys: Object.keys(configValues()).sort(), secretKeys },
  };
  fs.writeFileSync(outFile, JSON.stringify(result));
}

function configValues(): Record<string, string> {
  return JSON.parse(process.env.PULUMI_CONFIG || "{}") as Record<string, string>;
}

/**
 * The provider the engine sends with a custom resource: the explicit provider it names (`<urn>::<id>`), else
 * the package's default provider, whose inputs the engine builds from the package's stack config and version.
 */
function providerFor(
  type: string,
  custom: boolean,
  reference: string | undefined,
  version: string | undefined,
  urn: string,
  providers: ReadonlyMap<string, ProviderReference>,
): ProviderReference | undefined {
  if (!custom || type.startsWith("pulumi:providers:")) return undefined;
  if (reference) {
    const providerUrn = reference.split("::").slice(0, -1).join("::");
    const known = providers.get(providerUrn);
    if (known) return known;
    return { urn: providerUrn, type: providerUrn.split("::")[2], name: providerUrn.split("::")[3], properties: {} };
  }
  const pkg = type.split(":")[0];
  const name = version ? `default_${version.replace(/[^A-Za-z0-9_]/g, "_")}` : "default";
  const secretKeys = JSON.parse(process.env.PULUMI_CONFIG_SECRET_KEYS || "[]") as string[];
  const properties = { ...packageConfig(configValues(), secretKeys, pkg), ...(version ? { version } : {}) };
  const stackPrefix = urn.split("::").slice(0, 2).join("::");
  return { urn: `${stackPrefix}::pulumi:providers:${pkg}::${name}`, type: `pulumi:providers:${pkg}`, name, properties };
}

/** Reports the program's failure as one ProgramFailure (see programError.ts) and ends the worker. */
function fail(e: unknown): never {
  const failure: ProgramFailure = describeFailure(e, {
    programDir: dir,
    stack,
    stackFile: stackFile || undefined,
    workspaceFallback: packages.some((p) => p.from === "workspace"),
    hasPackageJson: fs.existsSync(path.join(dir, "package.json")),
    entry: programEntry(dir, readProject(dir)),
    harnessDirs: [__dirname],
  });
  fs.writeFileSync(outFile, JSON.stringify({ failure }));
  process.exit(PROGRAM_FAILED);
}

// Deep stacks through a provider package must still reach the program's own frame.
Error.stackTraceLimit = 100;
// A program can fail after its module has loaded: in an apply, or in a promise nobody awaits.
process.on("unhandledRejection", fail);
process.on("uncaughtException", fail);
main().catch(fail);
