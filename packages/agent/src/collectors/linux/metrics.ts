import { LIMITS, type MetricsSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { fsx, type FsExtras } from './fsx.js';
import { parseMeminfo } from './hardware.js';
import { parseProcNetDev } from './network.js';
import { clip, readAccounts, toInt } from './shared.js';
import { listVolumes } from './storage.js';
import { isoString } from '../../time.js';

type ProcessSummary = MetricsSection['processes']['topCpu'][number];

/** Length of the CPU sampling window: long enough for a stable reading, short enough not to hold the check-in. */
export const CPU_WINDOW_MS = 250;

export interface CpuTimes {
  /** All jiffies of all CPUs. */
  total: number;
  /** Idle and I/O-wait jiffies. */
  idle: number;
  cpus: number;
}

/** The aggregate "cpu" line of /proc/stat, and how many cpuN lines follow it. */
export function parseProcStatCpu(text: string): CpuTimes | null {
  const line = /^cpu\s+(.+)$/m.exec(text)?.[1];
  if (!line) return null;
  // user nice system idle iowait irq softirq steal (guest and guest_nice are already in user and nice).
  const f = line.trim().split(/\s+/).map(Number).slice(0, 8);
  const total = f.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  const cpus = (text.match(/^cpu\d+\s/gm) ?? []).length || 1;
  return { total, idle, cpus };
}

export interface ProcStat {
  pid: number;
  name: string;
  /** utime + stime, in clock ticks. */
  ticks: number;
  /** Start time after boot, in clock ticks: tells a reused pid from the same process. */
  start: number;
  rssPages: number;
}

/** /proc/<pid>/stat. The command name sits in parentheses and may itself contain spaces and parentheses. */
export function parsePidStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const f = text.slice(close + 2).split(' ');
  // f[0] is field 3 (state): utime is field 14, stime 15, starttime 22, rss 24.
  const utime = Number(f[11]);
  const stime = Number(f[12]);
  const start = Number(f[19]);
  const rss = Number(f[21]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return { pid: Number(text.slice(0, open).trim()), name: text.slice(open + 1, close), ticks: utime + stime, start, rssPages: Number.isFinite(rss) ? rss : 0 };
}

/** AT_PAGESZ (6) from the auxiliary vector: pairs of native words. */
export function pageSizeFromAuxv(auxv: Uint8Array | undefined, wordBytes: 4 | 8): number | null {
  if (!auxv) return null;
  const view = new DataView(auxv.buffer, auxv.byteOffset, auxv.byteLength);
  for (let off = 0; off + 2 * wordBytes <= auxv.length; off += 2 * wordBytes) {
    const type = wordBytes === 8 ? Number(view.getBigUint64(off, true)) : view.getUint32(off, true);
    if (type === 0) break;
    if (type === 6) return wordBytes === 8 ? Number(view.getBigUint64(off + 8, true)) : view.getUint32(off + 4, true);
  }
  return null;
}

function sampleProcesses(fx: FsExtras, pids: string[]): Map<number, ProcStat> {
  const out = new Map<number, ProcStat>();
  for (const pid of pids) {
    const text = fx.readSmall(`/proc/${pid}/stat`);
    const stat = text ? parsePidStat(text) : null;
    if (stat) out.set(stat.pid, stat);
  }
  return out;
}

/** CPU share of each process over the window, in percent of one CPU (as top and ps show it; a busy 4-thread process can reach 400). */
export function processCpu(before: Map<number, ProcStat>, after: Map<number, ProcStat>, before0: CpuTimes, after0: CpuTimes): Map<number, number> {
  const out = new Map<number, number>();
  // Elapsed ticks of one CPU: total jiffies over all CPUs divided by their number (no need to know CLK_TCK).
  const elapsed = (after0.total - before0.total) / after0.cpus;
  if (elapsed <= 0) return out;
  for (const [pid, now] of after) {
    const then = before.get(pid);
    // A process that started within the window used all its ticks in it.
    const delta = then && then.start === now.start ? now.ticks - then.ticks : now.ticks;
    out.set(pid, Math.max(0, (delta / elapsed) * 100));
  }
  return out;
}

export async function collectMetrics(ctx: CollectContext, windowMs = CPU_WINDOW_MS): Promise<MetricsSection> {
  const fx = fsx(ctx);
  const at = isoString(ctx.now());
  const pids = (await ctx.listDir('/proc')).filter((p) => /^\d+$/.test(p));

  const cpuBefore = parseProcStatCpu(fx.readSmall('/proc/stat') ?? '');
  const procsBefore = sampleProcesses(fx, pids);
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const cpuAfter = parseProcStatCpu(fx.readSmall('/proc/stat') ?? '');
  // Processes born during the window are counted too.
  const pidsAfter = (await ctx.listDir('/proc')).filter((p) => /^\d+$/.test(p));
  const procsAfter = sampleProcesses(fx, pidsAfter);

  let cpuPercent: number | null = null;
  if (cpuBefore && cpuAfter && cpuAfter.total > cpuBefore.total) {
    const busy = 1 - (cpuAfter.idle - cpuBefore.idle) / (cpuAfter.total - cpuBefore.total);
    cpuPercent = Math.round(Math.min(100, Math.max(0, busy * 100)) * 10) / 10;
  }
  const perProcess = cpuBefore && cpuAfter ? processCpu(procsBefore, procsAfter, cpuBefore, cpuAfter) : new Map<number, number>();

  const is64 = ['x64', 'arm64', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'].includes(process.arch);
  const pageSize = pageSizeFromAuxv(fx.readBytes('/proc/self/auxv', 0, 1024), is64 ? 8 : 4) ?? 4096;
  const { userByUid } = await readAccounts(ctx);
  const summary = (p: ProcStat): ProcessSummary => {
    // Only the 20 or so reported processes pay for a status read (for the owner's uid).
    const uid = toInt(/^Uid:\s+(\d+)/m.exec(fx.readSmall(`/proc/${p.pid}/status`) ?? '')?.[1]);
    const cpu = perProcess.get(p.pid);
    return {
      pid: p.pid,
      name: clip(p.name, LIMITS.name) ?? String(p.pid),
      cpuPercent: cpu === undefined ? null : Math.round(cpu * 10) / 10,
      rssBytes: p.rssPages * pageSize,
      user: uid === null ? null : clip(userByUid.get(uid) ?? String(uid), LIMITS.name),
    };
  };
  const all = [...procsAfter.values()];
  const topN = 10;
  // Idle processes are not "top" consumers: an idle machine may list fewer than ten.
  const topCpu = all
    .filter((p) => (perProcess.get(p.pid) ?? 0) > 0)
    .sort((a, b) => (perProcess.get(b.pid) ?? 0) - (perProcess.get(a.pid) ?? 0))
    .slice(0, topN)
    .map(summary);
  const topMemory = [...all].sort((a, b) => b.rssPages - a.rssPages).slice(0, topN).map(summary);

  const [meminfoText, loadavg, uptime, netDev] = await Promise.all([ctx.readText('/proc/meminfo'), ctx.readText('/proc/loadavg'), ctx.readText('/proc/uptime'), ctx.readText('/proc/net/dev')]);
  const mem = meminfoText ? parseMeminfo(meminfoText) : new Map<string, number>();
  const total = mem.get('MemTotal') ?? null;
  // MemAvailable (kernel ≥ 3.14) counts reclaimable cache as available, as `free` does.
  const available = mem.get('MemAvailable') ?? (mem.get('MemFree') ?? 0) + (mem.get('Buffers') ?? 0) + (mem.get('Cached') ?? 0);
  const used = total !== null ? Math.max(0, total - available) : null;
  const swapTotal = mem.get('SwapTotal');
  const swapFree = mem.get('SwapFree');

  const load = loadavg?.trim().split(/\s+/).slice(0, 3).map(Number);
  let rx = 0;
  let tx = 0;
  for (const [name, c] of netDev ? parseProcNetDev(netDev) : new Map<string, { rx: number; tx: number }>()) {
    if (name === 'lo') continue;
    rx += c.rx;
    tx += c.tx;
  }
  const uptimeSeconds = Math.floor(Number(uptime?.split(' ')[0] ?? NaN));

  const volumes = await listVolumes(ctx, { details: false });
  return {
    at,
    cpuPercent,
    load: load && load.length === 3 && load.every(Number.isFinite) ? [load[0] ?? 0, load[1] ?? 0, load[2] ?? 0] : null,
    memory: { totalBytes: total, usedBytes: used, percent: total && used !== null ? Math.round((used / total) * 1000) / 10 : null },
    swap: swapTotal !== undefined ? { totalBytes: swapTotal, usedBytes: Math.max(0, swapTotal - (swapFree ?? 0)) } : null,
    disks: volumes
      .filter((v) => v.sizeBytes)
      .slice(0, LIMITS.volumes)
      .map((v) => {
        const avail = v.freeBytes ?? 0;
        const usedBytes = v.usedBytes;
        // df's Use%: used over what users can have (used + available), so root's reserve does not hide a full disk.
        const percent = usedBytes !== null && usedBytes + avail > 0 ? Math.round((usedBytes / (usedBytes + avail)) * 1000) / 10 : null;
        return { mountPoint: v.mountPoint.slice(0, LIMITS.path), sizeBytes: v.sizeBytes, usedBytes, percent };
      }),
    network: netDev ? { rxBytes: rx, txBytes: tx } : { rxBytes: null, txBytes: null },
    processes: { count: pids.length ? pidsAfter.length : null, topCpu: topCpu.slice(0, LIMITS.processes), topMemory: topMemory.slice(0, LIMITS.processes) },
    uptimeSeconds: Number.isFinite(uptimeSeconds) && uptimeSeconds >= 0 ? uptimeSeconds : null,
  };
}
