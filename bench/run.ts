// Benchmarks of the azure-openai-ccc pack against a no-op pack of the same runtime, in the same run:
//   1. start-up: spawn -> GetAnalyzerInfo answered (AnalyzerSession, as the harness starts packs);
//   2. the cost of loading @pulumi/azure-native/cognitiveservices (which the pack does not load);
//   3. throughput: Analyze per resource and one AnalyzeStack on synthetic stacks, with the pack's peak RSS;
//   4. adversarial inputs (issue 9 §7): 40,000 content filters, 10,000 secret values in several shapes; the
//      slowest Analyze, AnalyzeStack and peak RSS of each pack (bench/adversarial.ts);
//   5. programs (issue 11 §5): `npm run check` and the real CLI's `pulumi preview` (no pack, no-op pack,
//      azure-openai-ccc) on examples/compliant-text and a generated program, wall time and peak memory
//      (bench/programs.ts).
// Writes bench/results/{results.json,results.md,throughput.svg}. Not a jest test: timings are reported, not asserted.
// Throughput runs in rounds that alternate the two packs; each row is the median round, so one noisy moment on
// a shared machine does not decide a ratio.
// Both packs start the same way: compiled JavaScript from bin/ (the pack is built first by
// `npm --prefix policy-pack run build`), with @pulumi/policy and @pulumi/pulumi from policy-pack/node_modules
// (bench/noop-pack/node_modules is linked to it).
//   BENCH_SIZES=100,1000 BENCH_ROUNDS=1 BENCH_REPEAT=3 BENCH_ADV_ROUNDS=1 BENCH_PROGRAM_RESOURCES=50 \
//     BENCH_PROGRAM_ROUNDS=1 npm run bench                              (a short run that proves the code)
//   (defaults: sizes 100,1000,10000,50000; 7 start-ups; 3 rounds, 1 at 50,000 and above; 3 adversarial
//   rounds; a 500-resource program, 3 rounds; BENCH_SECTIONS=startup,throughput,adversarial,programs;
//   BENCH_ADV_CASES=<ids> picks adversarial cases; BENCH_BUILD=0 skips building the pack; BENCH_OUT=<dir>
//   writes the results elsewhere)
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as os from "os";
import { performance } from "perf_hooks";
import { AnalyzerSession, runPolicyPackEntry } from "../tooling/harness/analyzer";
import { ADVERSARIAL, AdversarialRun, harnessEncodingMs, runAdversarial } from "./adversarial";
import { ProgramRun, TOOLS, Tool, programBench, programSpecs } from "./programs";
import { syntheticStack } from "./stack";

const ROOT = path.join(__dirname, "..");
const PACKS = { ccc: path.join(ROOT, "policy-pack"), noop: path.join(__dirname, "noop-pack") } as const;
type PackName = keyof typeof PACKS;
const RESULTS = process.env.BENCH_OUT ? path.resolve(process.env.BENCH_OUT) : path.join(__dirname, "results");
const REPEAT = Number(process.env.BENCH_REPEAT ?? 7);
const SIZES = (process.env.BENCH_SIZES ?? "100,1000,10000,50000").split(",").map(Number);
const rounds = (size: number) => Number(process.env.BENCH_ROUNDS ?? (size >= 50000 ? 1 : 3));
const ADV_ROUNDS = Number(process.env.BENCH_ADV_ROUNDS ?? 3);
const PROGRAM_RESOURCES = Number(process.env.BENCH_PROGRAM_RESOURCES ?? 500);
const PROGRAM_ROUNDS = Number(process.env.BENCH_PROGRAM_ROUNDS ?? 3);
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? "startup,throughput,adversarial,programs").split(","));

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

async function startupOnce(pack: PackName): Promise<number> {
  const t0 = performance.now();
  const session = await AnalyzerSession.start(PACKS[pack]);
  await session.getAnalyzerInfo();
  const elapsed = performance.now() - t0;
  await session.close();
  return elapsed;
}

async function startup(): Promise<Record<PackName, number[]>> {
  const times: Record<PackName, number[]> = { ccc: [], noop: [] };
  await startupOnce("ccc"); // warm the file system cache for both
  await startupOnce("noop");
  for (let i = 0; i < REPEAT; i++) {
    // Alternate the order so drift affects both packs alike.
    for (const pack of (i % 2 ? ["noop", "ccc"] : ["ccc", "noop"]) as PackName[]) {
      times[pack].push(await startupOnce(pack));
    }
  }
  return times;
}

function nodeRequireTimes(): { bare: number[]; azureNative: number[] } {
  const run = (code: string) => {
    const t0 = performance.now();
    execFileSync(process.execPath, ["-e", code], { cwd: ROOT, stdio: "ignore" });
    return performance.now() - t0;
  };
  const bare: number[] = [];
  const azureNative: number[] = [];
  run("require('@pulumi/azure-native/cognitiveservices')");
  for (let i = 0; i < REPEAT; i++) {
    bare.push(run(""));
    azureNative.push(run("require('@pulumi/azure-native/cognitiveservices')"));
  }
  return { bare, azureNative };
}

interface Throughput {
  readonly pack: PackName;
  readonly size: number;
  readonly analyzeMs: number;
  readonly analyzeStackMs: number;
  readonly totalMs: number;
  readonly perResourceMs: number;
  /** CPU time of the pack process over the same span: what the pack costs, less sensitive to a busy machine. */
  readonly cpuMs: number;
  readonly cpuPerResourceMs: number;
  readonly peakRssMiB: number;
  readonly diagnostics: number;
}

async function throughput(pack: PackName, size: number): Promise<Throughput> {
  const stack = syntheticStack(size);
  const session = await AnalyzerSession.start(PACKS[pack]);
  try {
    await session.configure(await session.getAnalyzerInfo());
    let diagnostics = 0;
    const cpu0 = session.cpuTimeMs();
    const t0 = performance.now();
    // The engine sends Analyze for one resource at a time, in registration order.
    for (const r of stack) diagnostics += (await session.analyze(r)).length;
    const t1 = performance.now();
    diagnostics += (await session.analyzeStack(stack)).length;
    const t2 = performance.now();
    const cpuMs = session.cpuTimeMs() - cpu0;
    return {
      pack,
      size,
      analyzeMs: t1 - t0,
      analyzeStackMs: t2 - t1,
      totalMs: t2 - t0,
      perResourceMs: (t2 - t0) / size,
      cpuMs,
      cpuPerResourceMs: cpuMs / size,
      peakRssMiB: session.peakRssKiB() / 1024,
      diagnostics,
    };
  } finally {
    await session.close();
  }
}

function svgPlot(rows: readonly Throughput[]): string {
  const W = 640;
  const H = 400;
  const M = { l: 70, r: 20, t: 30, b: 50 };
  const xs = rows.map((r) => r.size);
  const ys = rows.map((r) => r.totalMs);
  const lx = (v: number) => Math.log10(v);
  const [x0, x1] = [Math.floor(lx(Math.min(...xs))), Math.ceil(lx(Math.max(...xs)))];
  const [y0, y1] = [Math.floor(lx(Math.min(...ys))), Math.ceil(lx(Math.max(...ys)))];
  const px = (v: number) => M.l + ((lx(v) - x0) / (x1 - x0 || 1)) * (W - M.l - M.r);
  const py = (v: number) => H - M.b - ((lx(v) - y0) / (y1 - y0 || 1)) * (H - M.t - M.b);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">Analyze (per resource) + AnalyzeStack: total time vs stack size (log-log)</text>`,
  ];
  for (let e = x0; e <= x1; e++) {
    const x = px(10 ** e);
    out.push(`<line x1="${x}" y1="${M.t}" x2="${x}" y2="${H - M.b}" stroke="#ddd"/>`);
    out.push(`<text x="${x}" y="${H - M.b + 16}" text-anchor="middle">${(10 ** e).toLocaleString("en")}</text>`);
  }
  for (let e = y0; e <= y1; e++) {
    const y = py(10 ** e);
    out.push(`<line x1="${M.l}" y1="${y}" x2="${W - M.r}" y2="${y}" stroke="#ddd"/>`);
    out.push(`<text x="${M.l - 6}" y="${y + 4}" text-anchor="end">${(10 ** e).toLocaleString("en")} ms</text>`);
  }
  out.push(`<text x="${W / 2}" y="${H - 12}" text-anchor="middle">resources in the stack</text>`);
  const colours: Record<PackName, string> = { ccc: "#c0392b", noop: "#2471a3" };
  (["ccc", "noop"] as PackName[]).forEach((pack, i) => {
    const pts = rows.filter((r) => r.pack === pack).sort((a, b) => a.size - b.size);
    const d = pts.map((r) => `${px(r.size).toFixed(1)},${py(r.totalMs).toFixed(1)}`).join(" ");
    out.push(`<polyline points="${d}" fill="none" stroke="${colours[pack]}" stroke-width="2"/>`);
    for (const r of pts) {
      out.push(
        `<circle cx="${px(r.size).toFixed(1)}" cy="${py(r.totalMs).toFixed(1)}" r="3" fill="${colours[pack]}"/>`,
      );
    }
    const label = pack === "ccc" ? "azure-openai-ccc" : "no-op pack";
    out.push(`<rect x="${M.l + 10}" y="${M.t + 8 + i * 18}" width="12" height="3" fill="${colours[pack]}"/>`);
    out.push(`<text x="${M.l + 28}" y="${M.t + 13 + i * 18}">${label}</text>`);
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}

/** One row per pack and size from its rounds: the median of each time, the highest peak memory. */
function medianRound(runs: readonly Throughput[]): Throughput {
  const mid = (pick: (t: Throughput) => number) => median(runs.map(pick));
  const size = runs[0].size;
  const totalMs = mid((t) => t.totalMs);
  const cpuMs = mid((t) => t.cpuMs);
  return {
    ...runs[0],
    analyzeMs: mid((t) => t.analyzeMs),
    analyzeStackMs: mid((t) => t.analyzeStackMs),
    totalMs,
    perResourceMs: totalMs / size,
    cpuMs,
    cpuPerResourceMs: cpuMs / size,
    peakRssMiB: Math.max(...runs.map((t) => t.peakRssMiB)),
  };
}

/** Builds the pack into policy-pack/bin and links the no-op pack to the same node_modules; says how each starts. */
interface PackSetup {
  readonly ccc: { readonly main: string; readonly runPolicyPack: string };
  readonly noop: { readonly main: string; readonly runPolicyPack: string };
  readonly sameRuntime: boolean;
}

function preparePacks(): PackSetup {
  if (process.env.BENCH_BUILD !== "0") {
    console.log("Building the pack (npm --prefix policy-pack run build)...");
    execFileSync("npm", ["--prefix", PACKS.ccc, "run", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  const shared = path.join(PACKS.ccc, "node_modules");
  const link = path.join(PACKS.noop, "node_modules");
  if (fs.existsSync(shared)) {
    const current = fs.lstatSync(link, { throwIfNoEntry: false });
    if (!current?.isSymbolicLink() || fs.realpathSync(link) !== fs.realpathSync(shared)) {
      fs.rmSync(link, { recursive: true, force: true });
      fs.symlinkSync(path.relative(PACKS.noop, shared), link, "dir");
    }
  }
  const entry = (dir: string) => fs.realpathSync(runPolicyPackEntry(dir));
  const main = (dir: string) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { main: string };
    return path.relative(ROOT, path.join(dir, pkg.main));
  };
  const setup = {
    ccc: { main: main(PACKS.ccc), runPolicyPack: path.relative(ROOT, entry(PACKS.ccc)) },
    noop: { main: main(PACKS.noop), runPolicyPack: path.relative(ROOT, entry(PACKS.noop)) },
  };
  const same = setup.ccc.runPolicyPack === setup.noop.runPolicyPack;
  console.log(
    `Both packs start with ${setup.ccc.runPolicyPack}${same ? "" : ` / ${setup.noop.runPolicyPack} (NOT the same copy: start-up does not compare fairly)`}; entry points ${setup.ccc.main}, ${setup.noop.main}`,
  );
  return { ...setup, sameRuntime: same };
}

interface AdversarialRow {
  readonly case: string;
  readonly description: string;
  readonly resources: number;
  readonly secretValues: number;
  readonly encoding: { analyzeMaxMs: number; stackMs: number };
  readonly ccc: AdversarialRun;
  readonly noop: AdversarialRun;
}

/** One row per case and pack from its rounds: the median of each time, the highest peak memory. */
function medianAdversarial(runs: readonly AdversarialRun[]): AdversarialRun {
  const mid = (pick: (r: AdversarialRun) => number) => median(runs.map(pick));
  const slowest = [...runs].sort((a, b) => b.maxAnalyzeMs - a.maxAnalyzeMs)[0];
  return {
    ...runs[0],
    maxAnalyzeMs: mid((r) => r.maxAnalyzeMs),
    maxAnalyzeCpuMs: mid((r) => r.maxAnalyzeCpuMs),
    slowest: slowest.slowest,
    analyzeTotalMs: mid((r) => r.analyzeTotalMs),
    analyzeStackMs: mid((r) => r.analyzeStackMs),
    analyzeStackCpuMs: mid((r) => r.analyzeStackCpuMs),
    cpuMs: mid((r) => r.cpuMs),
    peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)),
  };
}

async function adversarial(): Promise<{ rows: AdversarialRow[]; runs: AdversarialRun[] }> {
  const wanted = process.env.BENCH_ADV_CASES?.split(",");
  const rows: AdversarialRow[] = [];
  const all: AdversarialRun[] = [];
  for (const c of ADVERSARIAL.filter((x) => !wanted || wanted.includes(x.id))) {
    const resources = c.resources();
    const encoding = harnessEncodingMs(resources);
    const runs: Record<PackName, AdversarialRun[]> = { noop: [], ccc: [] };
    for (let round = 1; round <= ADV_ROUNDS; round++) {
      for (const pack of (round % 2 ? ["noop", "ccc"] : ["ccc", "noop"]) as PackName[]) {
        const run = await runAdversarial(pack, PACKS[pack], c, resources, round);
        runs[pack].push(run);
        all.push(run);
        console.log(
          `  ${pack.padEnd(4)} ${c.id.padEnd(20)} round ${round}: slowest Analyze ${ms(run.maxAnalyzeMs)} (pack CPU ${ms(run.maxAnalyzeCpuMs)}, ${run.slowest}), AnalyzeStack ${ms(run.analyzeStackMs)} (pack CPU ${ms(run.analyzeStackCpuMs)}), pack CPU ${ms(run.cpuMs)}, peak RSS ${run.peakRssMiB.toFixed(0)} MiB, ${run.diagnostics} diagnostics`,
        );
      }
    }
    rows.push({
      case: c.id,
      description: c.description,
      resources: resources.length,
      secretValues: c.secretValues,
      encoding,
      ccc: medianAdversarial(runs.ccc),
      noop: medianAdversarial(runs.noop),
    });
  }
  return { rows, runs: all };
}

interface ProgramRow {
  readonly program: string;
  readonly resources: number;
  readonly tool: Tool;
  readonly rounds: number;
  readonly wallMs: number;
  readonly exitCodes: readonly number[];
  readonly maxRssMiB: number;
  readonly treePeakMiB: number;
  readonly packPeakMiB?: number;
}

function programRows(runs: readonly ProgramRun[]): ProgramRow[] {
  const rows: ProgramRow[] = [];
  for (const program of [...new Set(runs.map((r) => r.program))]) {
    for (const tool of TOOLS) {
      const these = runs.filter((r) => r.program === program && r.tool === tool);
      if (these.length === 0) continue;
      const packPeaks = these.flatMap((r) => (r.packPeakKiB === undefined ? [] : [r.packPeakKiB]));
      rows.push({
        program,
        resources: these[0].resources,
        tool,
        rounds: these.length,
        wallMs: median(these.map((r) => r.wallMs)),
        exitCodes: [...new Set(these.map((r) => r.exitCode))],
        maxRssMiB: Math.max(...these.map((r) => r.maxRssKiB)) / 1024,
        treePeakMiB: Math.max(...these.map((r) => r.treePeakKiB)) / 1024,
        ...(packPeaks.length ? { packPeakMiB: Math.max(...packPeaks) / 1024 } : {}),
      });
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const began = performance.now();
  fs.mkdirSync(RESULTS, { recursive: true });
  const setup = preparePacks();
  const ratios: Record<string, number> = {};
  const md: string[] = [
    `# Benchmark results`,
    ``,
    `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} at the start). `,
    ``,
    `Both packs start the same way: JavaScript from \`bin/\` (\`${setup.ccc.main}\`, built by \`npm --prefix policy-pack run build\`; \`${setup.noop.main}\`), with \`${setup.ccc.runPolicyPack}\` and the same \`@pulumi/policy\` copy${setup.sameRuntime ? "" : " (**not** the same copy in this run)"}.`,
    ``,
  ];
  const json: Record<string, unknown> = { setup };
  const sectionMinutes: Record<string, number> = {};
  let sectionStart = performance.now();
  const sectionDone = (name: string) => {
    sectionMinutes[name] = (performance.now() - sectionStart) / 60000;
    sectionStart = performance.now();
  };

  if (SECTIONS.has("startup")) {
    console.log(`Start-up (spawn -> GetAnalyzerInfo answered), median of ${REPEAT}:`);
    const start = await startup();
    const startMedian = { ccc: median(start.ccc), noop: median(start.noop) };
    const startRatio = startMedian.ccc / startMedian.noop;
    ratios.startup = startRatio;
    console.log(
      `  azure-openai-ccc ${ms(startMedian.ccc)}, no-op ${ms(startMedian.noop)}, ratio ${startRatio.toFixed(2)}`,
    );
    const load = nodeRequireTimes();
    const loadMedian = { bare: median(load.bare), azureNative: median(load.azureNative) };
    console.log(
      `Loading @pulumi/azure-native/cognitiveservices (not loaded by the pack): node -e require ${ms(loadMedian.azureNative)} vs bare node ${ms(loadMedian.bare)} (+${ms(loadMedian.azureNative - loadMedian.bare)})`,
    );
    md.push(
      `Start-up, spawn to GetAnalyzerInfo answered, median of ${REPEAT}: azure-openai-ccc ${ms(startMedian.ccc)}, no-op pack ${ms(startMedian.noop)}, **ratio ${startRatio.toFixed(2)}** (goal ≤ 1.1).`,
      ``,
      `Loading \`@pulumi/azure-native/cognitiveservices\` (which the pack does not do): \`node -e require(...)\` ${ms(loadMedian.azureNative)} vs bare \`node\` ${ms(loadMedian.bare)}, i.e. +${ms(loadMedian.azureNative - loadMedian.bare)}.`,
      ``,
    );
    Object.assign(json, { repeat: REPEAT, startup: { ...start, median: startMedian }, load });
    sectionDone("startup");
  }

  if (SECTIONS.has("throughput")) {
    console.log(`Throughput:`);
    const rows: Throughput[] = [];
    const allRounds: Throughput[] = [];
    for (const size of SIZES) {
      const runs: Record<PackName, Throughput[]> = { noop: [], ccc: [] };
      for (let round = 0; round < rounds(size); round++) {
        for (const pack of ["noop", "ccc"] as PackName[]) {
          const row = await throughput(pack, size);
          runs[pack].push(row);
          allRounds.push(row);
          console.log(
            `  ${pack.padEnd(4)} ${String(size).padStart(6)} round ${round + 1}: ${ms(row.totalMs)} (${row.perResourceMs.toFixed(3)} ms/resource, pack CPU ${row.cpuPerResourceMs.toFixed(3)} ms/resource, AnalyzeStack ${ms(row.analyzeStackMs)}), peak RSS ${row.peakRssMiB.toFixed(0)} MiB`,
          );
        }
      }
      for (const pack of ["noop", "ccc"] as PackName[]) rows.push(medianRound(runs[pack]));
    }
    const get = (pack: PackName, size: number) => rows.find((r) => r.pack === pack && r.size === size);
    const table = [
      "| resources | rounds | ccc ms/resource (wall) | ccc pack CPU ms/resource | ccc AnalyzeStack | ccc peak RSS | no-op ms/resource (wall) | no-op pack CPU ms/resource | no-op peak RSS | wall ratio | CPU ratio |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
      ...SIZES.map((size) => {
        const c = get("ccc", size)!;
        const n = get("noop", size)!;
        return `| ${size.toLocaleString("en")} | ${rounds(size)} | ${c.perResourceMs.toFixed(3)} | ${c.cpuPerResourceMs.toFixed(3)} | ${ms(c.analyzeStackMs)} | ${c.peakRssMiB.toFixed(0)} MiB | ${n.perResourceMs.toFixed(3)} | ${n.cpuPerResourceMs.toFixed(3)} | ${n.peakRssMiB.toFixed(0)} MiB | ${(c.totalMs / n.totalMs).toFixed(2)} | ${(c.cpuMs / n.cpuMs).toFixed(2)} |`;
      }),
    ];
    for (const size of SIZES) {
      ratios[`throughput@${size} (wall)`] = get("ccc", size)!.totalMs / get("noop", size)!.totalMs;
      ratios[`throughput@${size} (pack CPU)`] = get("ccc", size)!.cpuMs / get("noop", size)!.cpuMs;
    }
    if (get("ccc", 1000) && get("ccc", 50000)) {
      ratios["ccc ms/resource 50k vs 1k (wall)"] = get("ccc", 50000)!.perResourceMs / get("ccc", 1000)!.perResourceMs;
      ratios["ccc ms/resource 50k vs 1k (pack CPU)"] =
        get("ccc", 50000)!.cpuPerResourceMs / get("ccc", 1000)!.cpuPerResourceMs;
    }
    console.log("\n" + table.join("\n") + "\n");
    md.push(
      `## Throughput`,
      ``,
      `One Analyze per resource (inputs, with its provider as the engine sends it) and one AnalyzeStack (outputs) on a synthetic stack, in rounds alternating the two packs; each row takes the median round for each time and the highest peak RSS (VmHWM of the pack process). Wall time includes this harness and the machine's noise; pack CPU is the user and system time of the pack process alone. Goal: pack CPU ratio at 10,000 resources ≤ 1.4.`,
      ``,
      ...table,
      ``,
      `![time vs stack size](throughput.svg)`,
      ``,
    );
    Object.assign(json, { rows, rounds: allRounds });
    fs.writeFileSync(path.join(RESULTS, "throughput.svg"), svgPlot(rows));
    sectionDone("throughput");
  }

  if (SECTIONS.has("adversarial")) {
    console.log(`Adversarial inputs (issue 9 §7), ${ADV_ROUNDS} round(s), as \`pulumi up\` sends them:`);
    const { rows, runs } = await adversarial();
    const table = [
      "| case | resources | secret values | ccc slowest Analyze (its pack CPU) | no-op slowest Analyze (its pack CPU) | ratio | ccc AnalyzeStack (pack CPU) | no-op AnalyzeStack (pack CPU) | ratio | pack CPU, all calls: ccc / no-op | CPU ratio | ccc peak RSS | no-op peak RSS | harness encoding: largest Analyze / AnalyzeStack | ccc diagnostics | each call < 2 s |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
      ...rows.map((r) => {
        const { ccc: c, noop: n } = r;
        const under = Math.max(c.maxAnalyzeMs, c.analyzeStackMs) < 2000;
        return `| ${r.case} | ${r.resources.toLocaleString("en")} | ${r.secretValues.toLocaleString("en")} | ${ms(c.maxAnalyzeMs)} (${ms(c.maxAnalyzeCpuMs)}) | ${ms(n.maxAnalyzeMs)} (${ms(n.maxAnalyzeCpuMs)}) | ${(c.maxAnalyzeMs / n.maxAnalyzeMs).toFixed(2)} | ${ms(c.analyzeStackMs)} (${ms(c.analyzeStackCpuMs)}) | ${ms(n.analyzeStackMs)} (${ms(n.analyzeStackCpuMs)}) | ${(c.analyzeStackMs / n.analyzeStackMs).toFixed(2)} | ${ms(c.cpuMs)} / ${ms(n.cpuMs)} | ${(c.cpuMs / n.cpuMs).toFixed(2)} | ${c.peakRssMiB.toFixed(0)} MiB | ${n.peakRssMiB.toFixed(0)} MiB | ${ms(r.encoding.analyzeMaxMs)} / ${ms(r.encoding.stackMs)} | ${c.diagnostics} | ${under ? "yes" : "**no**"} |`;
      }),
    ];
    for (const r of rows) {
      ratios[`adversarial ${r.case} slowest Analyze (wall)`] = r.ccc.maxAnalyzeMs / r.noop.maxAnalyzeMs;
      ratios[`adversarial ${r.case} AnalyzeStack (wall)`] = r.ccc.analyzeStackMs / r.noop.analyzeStackMs;
      ratios[`adversarial ${r.case} (pack CPU)`] = r.ccc.cpuMs / r.noop.cpuMs;
    }
    console.log("\n" + table.join("\n") + "\n");
    md.push(
      `## Adversarial inputs (issue 9 §7)`,
      ``,
      `Each case through the analyzer protocol as \`pulumi up\` sends it (ConfigureStack with dryRun false, Analyze per resource, then AnalyzeStack), ${ADV_ROUNDS} round(s) alternating the two packs; medians of each time, highest peak RSS. Goal: each call under 2 s on this machine. Wall times include this harness building and encoding the request (shown apart, the same for both packs) and the pack decoding it (\`@pulumi/policy\`; the no-op pack pays it too).`,
      ``,
      ...rows.map((r) => `- **${r.case}**: ${r.description}.`),
      ``,
      ...table,
      ``,
    );
    json.adversarial = { rounds: ADV_ROUNDS, rows, runs };
    sectionDone("adversarial");
  }

  if (SECTIONS.has("programs")) {
    console.log(
      `Programs (issue 11 §5): npm run check and pulumi preview, ${PROGRAM_ROUNDS} round(s), generated program of ${PROGRAM_RESOURCES} resources:`,
    );
    const runs = await programBench(programSpecs(PROGRAM_RESOURCES), PACKS, PROGRAM_ROUNDS, console.log);
    const rows = programRows(runs);
    const mib = (x: number | undefined) => (x === undefined ? "–" : `${x.toFixed(0)} MiB`);
    const table = [
      "| program | resources | command | rounds | wall (median) | exit | largest process | process tree (sum) | policy pack process |",
      "|---|---:|---|---:|---:|---|---:|---:|---:|",
      ...rows.map(
        (r) =>
          `| ${r.program} | ${r.resources} | ${r.tool === "check" ? "`npm run check`" : `\`pulumi preview\`, ${r.tool.replace("preview, ", "")}`} | ${r.rounds} | ${(r.wallMs / 1000).toFixed(1)} s | ${r.exitCodes.join(", ")} | ${mib(r.maxRssMiB)} | ${mib(r.treePeakMiB)} | ${mib(r.packPeakMiB)} |`,
      ),
    ];
    for (const program of [...new Set(rows.map((r) => r.program))]) {
      const wall = (tool: Tool) => rows.find((r) => r.program === program && r.tool === tool)?.wallMs;
      const ccc = wall("preview, azure-openai-ccc");
      const noop = wall("preview, no-op pack");
      const none = wall("preview, no pack");
      if (ccc && noop) ratios[`preview ${program}: ccc vs no-op pack (wall)`] = ccc / noop;
      if (ccc && none) ratios[`preview ${program}: ccc vs no pack (wall)`] = ccc / none;
    }
    console.log("\n" + table.join("\n") + "\n");
    md.push(
      `## Programs (issue 11 §5)`,
      ``,
      `\`npm run check -- <program>\` (offline: the program with the stand-in, then the pack over the analyzer protocol) and the real CLI's \`pulumi preview --non-interactive\` with the stand-ins from \`.tools/bin\` (without a policy pack, with the no-op pack, with \`--policy-pack policy-pack\`), in rounds alternating the commands, after one preview to warm caches; median wall time, highest memory. Memory: the largest single process (GNU time \`-v\`, else polled VmHWM), the highest sum of VmRSS over the process tree (polled every 100 ms) and the policy pack process's VmHWM. The generated program (bench/program.ts) has a resource group and accounts in a loop, each with a RAI policy and 3–4 deployments.`,
      ``,
      ...table,
      ``,
    );
    json.programs = { rounds: PROGRAM_ROUNDS, generatedResources: PROGRAM_RESOURCES, rows, runs };
    sectionDone("programs");
  }

  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k}: ${v.toFixed(2)}`);
  const minutes = (performance.now() - began) / 60000;
  md.push(`## Ratios`, ``, ...Object.entries(ratios).map(([k, v]) => `- ${k}: ${v.toFixed(2)}`), ``);
  const took = Object.entries(sectionMinutes).map(([k, v]) => `${k} ${v.toFixed(1)} min`);
  md.push(`The whole run took ${minutes.toFixed(1)} min (${took.join(", ")}).`, ``);
  json.ratios = ratios;
  json.minutes = minutes;
  json.sectionMinutes = sectionMinutes;
  fs.writeFileSync(path.join(RESULTS, "results.md"), md.join("\n"));
  fs.writeFileSync(path.join(RESULTS, "results.json"), JSON.stringify(json, null, 2) + "\n");
  console.log(`\nWrote ${path.relative(ROOT, RESULTS)}/results.md, results.json (${minutes.toFixed(1)} min)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
