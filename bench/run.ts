// Benchmarks of the azure-openai-ccc pack against a no-op pack of the same runtime, in the same run:
//   1. start-up: spawn -> GetAnalyzerInfo answered (AnalyzerSession, as the harness starts packs);
//   2. the cost of loading @pulumi/azure-native/cognitiveservices (which the pack does not load);
//   3. throughput: Analyze per resource and one AnalyzeStack on synthetic stacks, with the pack's peak RSS.
// Writes bench/results/{results.json,results.md,throughput.svg}. Not a jest test: timings are reported, not asserted.
// Throughput runs in rounds that alternate the two packs; each row is the median round, so one noisy moment on
// a shared machine does not decide a ratio.
//   BENCH_SIZES=100,1000 BENCH_REPEAT=3 BENCH_ROUNDS=1 npm run bench
//   (defaults: sizes 100,1000,10000,50000; 7 start-ups; 3 rounds, 1 at 50,000 and above)
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { AnalyzerSession } from "../tooling/harness/analyzer";
import { syntheticStack } from "./stack";

const ROOT = path.join(__dirname, "..");
const PACKS = { ccc: path.join(ROOT, "policy-pack"), noop: path.join(__dirname, "noop-pack") } as const;
type PackName = keyof typeof PACKS;
const RESULTS = path.join(__dirname, "results");
const REPEAT = Number(process.env.BENCH_REPEAT ?? 7);
const SIZES = (process.env.BENCH_SIZES ?? "100,1000,10000,50000").split(",").map(Number);
const rounds = (size: number) => Number(process.env.BENCH_ROUNDS ?? (size >= 50000 ? 1 : 3));

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

async function main(): Promise<void> {
  fs.mkdirSync(RESULTS, { recursive: true });
  console.log(`Start-up (spawn -> GetAnalyzerInfo answered), median of ${REPEAT}:`);
  const start = await startup();
  const startMedian = { ccc: median(start.ccc), noop: median(start.noop) };
  const startRatio = startMedian.ccc / startMedian.noop;
  console.log(
    `  azure-openai-ccc ${ms(startMedian.ccc)}, no-op ${ms(startMedian.noop)}, ratio ${startRatio.toFixed(2)}`,
  );

  const load = nodeRequireTimes();
  const loadMedian = { bare: median(load.bare), azureNative: median(load.azureNative) };
  console.log(
    `Loading @pulumi/azure-native/cognitiveservices (not loaded by the pack): node -e require ${ms(loadMedian.azureNative)} vs bare node ${ms(loadMedian.bare)} (+${ms(loadMedian.azureNative - loadMedian.bare)})`,
  );

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
  const ratios: Record<string, number> = { startup: startRatio };
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
  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k}: ${v.toFixed(2)}`);

  const summary = [
    `# Benchmark results`,
    ``,
    `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}, ${require("os").cpus().length} CPUs). `, // eslint-disable-line @typescript-eslint/no-require-imports
    ``,
    `Start-up, spawn to GetAnalyzerInfo answered, median of ${REPEAT}: azure-openai-ccc ${ms(startMedian.ccc)}, no-op pack ${ms(startMedian.noop)}, **ratio ${startRatio.toFixed(2)}** (goal ≤ 1.3).`,
    ``,
    `Loading \`@pulumi/azure-native/cognitiveservices\` (which the pack does not do): \`node -e require(...)\` ${ms(loadMedian.azureNative)} vs bare \`node\` ${ms(loadMedian.bare)}, i.e. +${ms(loadMedian.azureNative - loadMedian.bare)}.`,
    ``,
    `Throughput: one Analyze per resource (inputs, with its provider as the engine sends it) and one AnalyzeStack (outputs) on a synthetic stack, in rounds alternating the two packs; each row takes the median round for each time and the highest peak RSS (VmHWM of the pack process). Wall time includes this harness and the machine's noise; pack CPU is the user and system time of the pack process alone.`,
    ``,
    ...table,
    ``,
    ...Object.entries(ratios).map(([k, v]) => `- ${k}: ${v.toFixed(2)}`),
    ``,
    `![time vs stack size](throughput.svg)`,
    ``,
  ];
  fs.writeFileSync(path.join(RESULTS, "results.md"), summary.join("\n"));
  fs.writeFileSync(
    path.join(RESULTS, "results.json"),
    JSON.stringify(
      { repeat: REPEAT, startup: { ...start, median: startMedian }, load, rows, rounds: allRounds, ratios },
      null,
      2,
    ) + "\n",
  );
  fs.writeFileSync(path.join(RESULTS, "throughput.svg"), svgPlot(rows));
  console.log(`\nWrote ${path.relative(ROOT, RESULTS)}/results.md, results.json, throughput.svg`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
