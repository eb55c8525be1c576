import { LIMITS, type MetricsSection } from '@muster/protocol';
import { bool, errorMessage, num, object, objects, psDate, str, uint } from './values.js';
import { isoString } from '../../time.js';

type ProcessSummary = MetricsSection['processes']['topCpu'][number];

const KIB = 1024;
const MIB = 1024 * 1024;

function percent(part: number | null, whole: number | null): number | null {
  if (part === null || !whole) return null;
  return Math.min(100, Math.max(0, Math.round((part / whole) * 1000) / 10));
}

export function parseMetrics(raw: unknown, now: Date): MetricsSection {
  const r = object(raw) ?? {};
  const os = object(r.os);

  // Win32_OperatingSystem counts memory in KiB.
  const totalKb = uint(os?.TotalVisibleMemorySize);
  const freeKb = uint(os?.FreePhysicalMemory);
  const totalBytes = totalKb !== null ? totalKb * KIB : null;
  const usedBytes = totalKb !== null && freeKb !== null ? Math.max(0, totalKb - freeKb) * KIB : null;

  // Win32_PageFileUsage counts in MiB. No page file at all is a fact (0), a failed query is not.
  let swap: MetricsSection['swap'] = null;
  if (errorMessage(r.pageFiles) === undefined && r.pageFiles !== undefined) {
    const files = objects(r.pageFiles);
    swap = {
      totalBytes: files.reduce((t, f) => t + (uint(f.AllocatedBaseSize) ?? 0), 0) * MIB,
      usedBytes: files.reduce((t, f) => t + (uint(f.CurrentUsage) ?? 0), 0) * MIB,
    };
  }

  const disks = objects(r.logicalDisks).flatMap((d) => {
    const mountPoint = str(d.DeviceID, LIMITS.path);
    if (!mountPoint) return [];
    const size = uint(d.Size);
    const free = uint(d.FreeSpace);
    const used = size !== null && free !== null ? Math.max(0, size - free) : null;
    return [{ mountPoint, sizeBytes: size, usedBytes: used, percent: percent(used, size) }];
  });

  // Host vNICs (HardwareInterface false) repeat traffic the physical adapter already counted.
  let rx: number | null = null;
  let tx: number | null = null;
  for (const n of objects(r.network)) {
    if (bool(n.HardwareInterface) === false) continue;
    rx = (rx ?? 0) + (uint(n.ReceivedBytes) ?? 0);
    tx = (tx ?? 0) + (uint(n.SentBytes) ?? 0);
  }

  // A process's PercentProcessorTime is a share of one logical processor; divided by their number
  // it is a share of the machine, as Task Manager shows it.
  const logical = uint(r.logicalProcessors) || null;
  const topCpu: ProcessSummary[] = objects(r.topCpu).flatMap((p) => {
    const pid = uint(p.IDProcess);
    const name = str(p.Name, LIMITS.name)?.replace(/#\d+$/, '');
    const cpu = num(p.PercentProcessorTime);
    if (pid === null || !name) return [];
    return [{ pid, name, cpuPercent: cpu !== null ? Math.round((cpu / (logical ?? 1)) * 10) / 10 : null, rssBytes: uint(p.WorkingSet), user: str(p.UserName, LIMITS.name) }];
  });
  const topMemory: ProcessSummary[] = objects(r.topMemory).flatMap((p) => {
    const pid = uint(p.Id);
    const name = str(p.ProcessName, LIMITS.name);
    if (pid === null || !name) return [];
    return [{ pid, name, cpuPercent: null, rssBytes: uint(p.WorkingSet64), user: str(p.UserName, LIMITS.name) }];
  });

  const cpu = num(object(r.cpu)?.PercentProcessorTime) ?? num(r.cpuLoad);
  const boot = psDate(os?.LastBootUpTime);
  const at = psDate(os?.LocalDateTime) ?? isoString(now);
  const uptimeMs = boot ? Date.parse(at) - Date.parse(boot) : null;

  return {
    at,
    cpuPercent: cpu !== null ? Math.min(100, Math.max(0, cpu)) : null,
    // Windows has no load average.
    load: null,
    memory: { totalBytes, usedBytes, percent: percent(usedBytes, totalBytes) },
    swap,
    disks: disks.slice(0, LIMITS.volumes),
    network: { rxBytes: rx, txBytes: tx },
    processes: {
      count: uint(r.processCount) ?? uint(os?.NumberOfProcesses),
      topCpu: topCpu.slice(0, LIMITS.processes),
      topMemory: topMemory.slice(0, LIMITS.processes),
    },
    uptimeSeconds: uptimeMs !== null && uptimeMs >= 0 ? Math.floor(uptimeMs / 1000) : null,
  };
}
