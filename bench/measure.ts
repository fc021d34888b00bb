// Wall time and peak memory of a command and all its descendants (Linux). Two measures of memory:
//   - maxRssKiB: the largest single process, from GNU time's `-v` report (getrusage of the waited children)
//     when /usr/bin/time exists, else the largest VmHWM seen while polling;
//   - treePeakKiB: the highest sum of VmRSS over the whole process tree, polled every POLL_MS (a sum the
//     kernel does not keep; short peaks between two polls are missed).
// `byLabel` keeps the highest VmHWM seen for processes whose command line matches a label's pattern (the
// policy pack process, the program, the provider), so a row can say which process held the memory.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";

const POLL_MS = 100;
const GNU_TIME = "/usr/bin/time";

export interface Measured {
  readonly wallMs: number;
  readonly exitCode: number;
  readonly maxRssKiB: number;
  readonly treePeakKiB: number;
  readonly byLabel: Readonly<Record<string, number>>;
  readonly output: string;
  readonly memorySource: "gnu-time" | "proc-poll";
}

interface ProcInfo {
  readonly ppid: number;
  readonly rssKiB: number;
  readonly hwmKiB: number;
  readonly cmdline: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    return { ppid, rssKiB: kib("VmRSS"), hwmKiB: kib("VmHWM"), cmdline };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** The process tree under `root` (root included) at one instant. */
function tree(root: number): Map<number, ProcInfo> {
  const all = new Map<number, ProcInfo>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProc(Number(entry));
    if (info) all.set(Number(entry), info);
  }
  const children = new Map<number, number[]>();
  for (const [pid, info] of all) children.set(info.ppid, [...(children.get(info.ppid) ?? []), pid]);
  const result = new Map<number, ProcInfo>();
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    const info = all.get(pid);
    if (!info) continue;
    result.set(pid, info);
    stack.push(...(children.get(pid) ?? []));
  }
  return result;
}

export async function measure(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; labels?: Readonly<Record<string, RegExp>>; timeoutMs?: number },
): Promise<Measured> {
  const useTime = fs.existsSync(GNU_TIME);
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-time-")), "time.txt");
  const [cmd, argv] = useTime ? [GNU_TIME, ["-v", "-o", report, command, ...args]] : [command, [...args]];
  const t0 = performance.now();
  const child = spawn(cmd, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  let treePeakKiB = 0;
  let polledMax = 0;
  const byLabel: Record<string, number> = {};
  const poll = () => {
    const procs = tree(child.pid!);
    let sum = 0;
    for (const info of procs.values()) {
      // GNU time itself is not the command.
      if (useTime && info.cmdline.startsWith(GNU_TIME)) continue;
      sum += info.rssKiB;
      polledMax = Math.max(polledMax, info.hwmKiB);
      for (const [label, pattern] of Object.entries(options.labels ?? {})) {
        if (pattern.test(info.cmdline)) byLabel[label] = Math.max(byLabel[label] ?? 0, info.hwmKiB);
      }
    }
    treePeakKiB = Math.max(treePeakKiB, sum);
  };
  const timer = setInterval(poll, POLL_MS);
  const killer = options.timeoutMs ? setTimeout(() => child.kill("SIGTERM"), options.timeoutMs) : undefined;
  const exitCode = await new Promise<number>((resolve) => child.once("close", (code) => resolve(code ?? -1)));
  const wallMs = performance.now() - t0;
  clearInterval(timer);
  if (killer) clearTimeout(killer);
  let maxRssKiB = polledMax;
  if (useTime && fs.existsSync(report)) {
    const text = fs.readFileSync(report, "utf8");
    maxRssKiB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1] ?? polledMax);
    const status = /Exit status: (\d+)/.exec(text);
    fs.rmSync(path.dirname(report), { recursive: true, force: true });
    return {
      wallMs,
      exitCode: status ? Number(status[1]) : exitCode,
      maxRssKiB,
      treePeakKiB,
      byLabel,
      output,
      memorySource: "gnu-time",
    };
  }
  fs.rmSync(path.dirname(report), { recursive: true, force: true });
  return { wallMs, exitCode, maxRssKiB, treePeakKiB, byLabel, output, memorySource: "proc-poll" };
}
