import { LIMITS, type MetricsSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { parseNetstatBytes } from './network.js';
import { BIN, clip, lines, optional, parseBootTime, parseSysctl, run } from './util.js';
import { isoString } from '../../time.js';

type Process = MetricsSection['processes']['topCpu'][number];

/** Read fresh on every sample (no sharing): load, swap and uptime are what a metric is for. */
export const SYSCTL_METRICS = ['kern.boottime', 'vm.loadavg', 'vm.swapusage', 'hw.memsize', 'hw.logicalcpu'];
const TOP = 10;

/**
 * `vm_stat`: page counts, and the page size in the header (16384 on Apple silicon, 4096 on
 * Intel): counts mean nothing without it.
 */
export function parseVmStat(text: string | undefined): { pageSize: number | null; pages: Map<string, number> } {
  const pages = new Map<string, number>();
  let pageSize: number | null = null;
  for (const line of lines(text)) {
    const size = /page size of (\d+) bytes/.exec(line);
    if (size) pageSize = Number(size[1]);
    const match = /^"?([^":]+)"?:\s+(\d+)\.?$/.exec(line.trim());
    if (match?.[1]) pages.set(match[1], Number(match[2]));
  }
  return { pageSize, pages };
}

/**
 * Memory in use the way Activity Monitor counts it: app memory (anonymous pages that cannot be
 * purged) + wired + what the compressor occupies. Cached files and free pages are available.
 */
export function usedMemoryBytes(text: string | undefined): number | null {
  const { pageSize, pages } = parseVmStat(text);
  const wired = pages.get('Pages wired down');
  const compressed = pages.get('Pages occupied by compressor') ?? 0;
  if (!pageSize || wired === undefined) return null;
  const anonymous = pages.get('Anonymous pages');
  const app = anonymous !== undefined ? anonymous - (pages.get('Pages purgeable') ?? 0) : (pages.get('Pages active') ?? 0);
  return Math.max(0, app + wired + compressed) * pageSize;
}

/** vm.swapusage: "total = 3072.00M  used = 1858.25M  free = 1213.75M  (encrypted)"; M is MiB. */
export function parseSwap(value: string | undefined): { totalBytes: number; usedBytes: number } | null {
  const total = /total = ([\d.]+)([KMG])/.exec(value ?? '');
  const used = /used = ([\d.]+)([KMG])/.exec(value ?? '');
  if (!total || !used) return null;
  const bytes = (n: string | undefined, unit: string | undefined): number => Math.round(Number(n) * 1024 ** (unit === 'G' ? 3 : unit === 'M' ? 2 : 1));
  return { totalBytes: bytes(total[1], total[2]), usedBytes: bytes(used[1], used[2]) };
}

/** `iostat -n0 -c 2`: the second sample is the last second's CPU split (the first is since boot). */
export function cpuFromIostat(text: string | undefined): number | null {
  const samples = lines(text)
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((row) => row.length >= 3 && row.every((n) => Number.isFinite(n)));
  const idle = samples[samples.length - 1]?.[2];
  return idle === undefined ? null : Math.min(100, Math.max(0, 100 - idle));
}

/** `ps -Aceo pid,pcpu,rss,user,comm`: RSS in KiB; the command (last) may contain spaces. */
export function parsePs(text: string | undefined): Process[] {
  const processes: Process[] = [];
  for (const line of lines(text).slice(1)) {
    const match = /^\s*(\d+)\s+([\d.]+)\s+(\d+)\s+(\S+)\s+(.+)$/.exec(line);
    if (!match?.[5]) continue;
    processes.push({
      pid: Number(match[1]),
      name: clip(match[5].trim(), LIMITS.name) ?? '',
      cpuPercent: Number(match[2]),
      rssBytes: Number(match[3]) * 1024,
      user: clip(match[4] ?? null, LIMITS.name),
    });
  }
  return processes;
}

type DiskUsage = MetricsSection['disks'][number];

/** The volumes people fill: the system and data volumes and anything under /Volumes, not APFS helpers or snapshots. */
function realVolume(device: string, mountPoint: string): boolean {
  if (!device.startsWith('/dev/')) return false;
  if (mountPoint.includes('com.apple.TimeMachine')) return false;
  return mountPoint === '/' || mountPoint === '/System/Volumes/Data' || mountPoint.startsWith('/Volumes/');
}

/**
 * `df -k`: "Filesystem 1024-blocks Used Available Capacity iused ifree %iused Mounted on" (the
 * inode columns are macOS's default). Filesystem and mount point may contain spaces.
 */
export function parseDf(text: string | undefined): DiskUsage[] {
  const disks: DiskUsage[] = [];
  for (const line of lines(text).slice(1)) {
    const match = /^(.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+%\s+(?:\d+\s+\d+\s+(?:\d+%|-)\s+)?(\/.*)$/.exec(line);
    if (!match?.[5] || !realVolume(match[1] ?? '', match[5])) continue;
    const used = Number(match[3]) * 1024;
    const available = Number(match[4]) * 1024;
    disks.push({
      mountPoint: clip(match[5], LIMITS.path) ?? match[5],
      sizeBytes: Number(match[2]) * 1024,
      usedBytes: used,
      // As df computes Capacity: APFS volumes share their container, so size − used ≠ available.
      percent: used + available > 0 ? Math.round((used / (used + available)) * 1000) / 10 : null,
    });
  }
  return disks.slice(0, LIMITS.volumes);
}

export interface MetricsInputs {
  now: Date;
  /** `sysctl` with SYSCTL_METRICS */
  sysctl?: string;
  vmStat?: string;
  ps?: string;
  df?: string;
  netstat?: string;
  iostat?: string;
}

export function parseMetrics(inputs: MetricsInputs): MetricsSection {
  const sysctl = parseSysctl(inputs.sysctl);
  const total = Number(sysctl.get('hw.memsize')) || null;
  const usedRaw = usedMemoryBytes(inputs.vmStat);
  const used = usedRaw !== null && total !== null ? Math.min(usedRaw, total) : usedRaw;
  const load = /\{\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\}/.exec(sysctl.get('vm.loadavg') ?? '');
  const boot = parseBootTime(sysctl.get('kern.boottime'));
  const processes = parsePs(inputs.ps);

  // Without iostat, the processes' CPU shares over the logical CPUs (ps averages over a few seconds).
  let cpu = cpuFromIostat(inputs.iostat);
  const logical = Number(sysctl.get('hw.logicalcpu'));
  if (cpu === null && processes.length && logical > 0) {
    cpu = Math.min(100, processes.reduce((sum, p) => sum + (p.cpuPercent ?? 0), 0) / logical);
  }

  // Physical ports only: utun, bridge and awdl traffic is also counted on the en* it rides on.
  let rx = 0;
  let tx = 0;
  let counted = false;
  for (const [name, bytes] of parseNetstatBytes(inputs.netstat)) {
    if (!/^en\d+$/.test(name)) continue;
    rx += bytes.rx;
    tx += bytes.tx;
    counted = true;
  }

  return {
    at: isoString(inputs.now),
    cpuPercent: cpu === null ? null : Math.round(cpu * 10) / 10,
    load: load ? [Number(load[1]), Number(load[2]), Number(load[3])] : null,
    memory: { totalBytes: total, usedBytes: used, percent: used !== null && total ? Math.round((used / total) * 1000) / 10 : null },
    swap: parseSwap(sysctl.get('vm.swapusage')),
    disks: parseDf(inputs.df),
    network: { rxBytes: counted ? rx : null, txBytes: counted ? tx : null },
    processes: {
      count: processes.length || null,
      topCpu: [...processes].sort((a, b) => (b.cpuPercent ?? 0) - (a.cpuPercent ?? 0)).slice(0, TOP),
      topMemory: [...processes].sort((a, b) => (b.rssBytes ?? 0) - (a.rssBytes ?? 0)).slice(0, TOP),
    },
    uptimeSeconds: boot !== undefined ? Math.max(0, Math.floor(inputs.now.getTime() / 1000 - boot)) : null,
  };
}

export async function collectMetrics(ctx: CollectContext): Promise<MetricsSection> {
  const [sysctl, vmStat, ps, df, netstat, iostat] = await Promise.all([
    run(ctx, BIN.sysctl, SYSCTL_METRICS),
    optional(run(ctx, BIN.vmStat, [])),
    optional(run(ctx, BIN.ps, ['-Aceo', 'pid,pcpu,rss,user,comm'])),
    optional(run(ctx, BIN.df, ['-k'])),
    optional(run(ctx, BIN.netstat, ['-ib'])),
    // Two one-second samples: the wall time is the price of a real CPU reading instead of top's.
    optional(run(ctx, BIN.iostat, ['-n0', '-c', '2'])),
  ]);
  return parseMetrics({ now: ctx.now(), sysctl, vmStat, ps, df, netstat, iostat });
}
