// Which copy of each package a program runs with under the offline check. The rule:
//  1. A package the program declares in its package.json (dependencies or devDependencies) must be installed
//     where Node finds it from the program's directory (its node_modules or a parent's), at a version in the
//     declared range. Otherwise the check stops (exit 2) and says to run `npm install` in the program's
//     directory: it never runs a program written for azure-native v2 against the workspace's v3.
//  2. A package the program does not declare (the examples have no package.json) comes from where Node finds
//     it, else from the workspace's node_modules (NODE_PATH is set to it for the program's process).
//  3. The mocks are set on the @pulumi/pulumi the program resolves, and on the @pulumi/pulumi each of its
//     provider packages resolves, should npm have nested a different copy there.
import * as fs from "fs";
import * as path from "path";

export const WORKSPACE = path.resolve(__dirname, "..", "..");
export const WORKSPACE_NODE_MODULES = path.join(WORKSPACE, "node_modules");

/** The packages whose copies decide how a program registers resources; reported with every capture. */
export const KEY_PACKAGES = ["@pulumi/pulumi", "@pulumi/azure-native", "@pulumi/azure"];

export interface ResolvedPackage {
  readonly name: string;
  readonly version: string;
  /** The package's directory (symlinks resolved). */
  readonly dir: string;
  /** `program`: the program's own install; `workspace`: the check's own node_modules (fallback). */
  readonly from: "program" | "workspace";
  /** The range in the program's package.json, when declared. */
  readonly declared?: string;
}

export interface DependencyProblem {
  readonly name: string;
  readonly declared: string;
  /** What Node would load instead, if anything. */
  readonly found?: { version: string; dir: string };
}

interface Semver {
  validRange(range: string): string | null;
  satisfies(version: string, range: string, options?: { includePrerelease?: boolean }): boolean;
}

// semver ships with @pulumi/pulumi (a direct dependency of the workspace); resolving it through the SDK keeps
// the workspace's package.json as it is.
const semver = (): Semver =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(
    require.resolve("semver", {
      paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [WORKSPACE] }))],
    }),
  ) as Semver;

/** The program's package.json dependencies and devDependencies, or undefined when it has no package.json. */
export function declaredDependencies(programDir: string): Record<string, string> | undefined {
  const file = path.join(programDir, "package.json");
  if (!fs.existsSync(file)) return undefined;
  let pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  try {
    pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
  return { ...pkg.devDependencies, ...pkg.dependencies };
}

/** An installed package as Node's resolution finds it from `fromDir`: node_modules of it and each parent. */
export function findInstalled(name: string, fromDir: string): { version: string; dir: string } | undefined {
  let dir = path.resolve(fromDir);
  for (;;) {
    const candidate = path.join(dir, "node_modules", name, "package.json");
    if (fs.existsSync(candidate)) {
      const version = (JSON.parse(fs.readFileSync(candidate, "utf8")) as { version?: string }).version ?? "unknown";
      return { version, dir: fs.realpathSync(path.dirname(candidate)) };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const fromOf = (dir: string): ResolvedPackage["from"] =>
  dir.startsWith(fs.realpathSync(WORKSPACE_NODE_MODULES) + path.sep) ? "workspace" : "program";

/**
 * Applies the rule above. Returns the copies of the key packages (and of every declared `@pulumi/` package) the
 * program will load, and the declared packages that are missing or at a version outside the declared range.
 */
export function resolveProgramPackages(programDir: string): {
  packages: ResolvedPackage[];
  problems: DependencyProblem[];
} {
  const dir = path.resolve(programDir);
  const declared = declaredDependencies(dir) ?? {};
  const packages: ResolvedPackage[] = [];
  const problems: DependencyProblem[] = [];
  const names = [...new Set([...KEY_PACKAGES, ...Object.keys(declared).filter((n) => n.startsWith("@pulumi/"))])];
  for (const [name, range] of Object.entries(declared)) {
    const found = findInstalled(name, dir);
    if (!found) problems.push({ name, declared: range });
    else if (semver().validRange(range) && !semver().satisfies(found.version, range, { includePrerelease: true }))
      problems.push({ name, declared: range, found });
  }
  for (const name of names) {
    const found = findInstalled(name, dir) ?? (declared[name] ? undefined : findInstalled(name, WORKSPACE));
    if (found) packages.push({ name, ...found, from: fromOf(found.dir), declared: declared[name] });
  }
  return { packages, problems };
}

/** One line per problem. */
export function describeProblems(problems: readonly DependencyProblem[]): string {
  const lines = problems.map((p) =>
    p.found
      ? `${p.name}: package.json asks for ${p.declared}, but Node would load ${p.found.version} from ${p.found.dir}`
      : `${p.name}: package.json asks for ${p.declared}, but it is not installed`,
  );
  return lines.join("\n");
}

/**
 * Every distinct @pulumi/pulumi the program can register resources through: its own, and the one each provider
 * package resolves (npm nests a second copy when the program's does not satisfy the provider's range).
 */
export function sdkCopies(programDir: string, packages: readonly ResolvedPackage[]): string[] {
  const copies = new Set<string>();
  const sdk = packages.find((p) => p.name === "@pulumi/pulumi");
  if (sdk) copies.add(sdk.dir);
  for (const p of packages) {
    if (p.name === "@pulumi/pulumi") continue;
    const own = findInstalled("@pulumi/pulumi", p.dir);
    if (own) copies.add(own.dir);
  }
  if (copies.size === 0) {
    const fallback = findInstalled("@pulumi/pulumi", programDir) ?? findInstalled("@pulumi/pulumi", WORKSPACE);
    if (fallback) copies.add(fallback.dir);
  }
  return [...copies];
}
