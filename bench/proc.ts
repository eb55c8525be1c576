/**
 * What the benchmarks read of other processes from /proc (Linux only; elsewhere every reader
 * answers undefined).
 */
import fs from 'node:fs';

/** Clock ticks per second of /proc/PID/stat's times (USER_HZ: 100 on every Linux this runs on). */
const CLK_TCK = 100;

/**
 * The fields of /proc/PID/stat after the command name (which may hold spaces): [0] state,
 * [1] parent pid, [11] utime, [12] stime, [13] cutime, [14] cstime.
 */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) of a live process and of the children it has waited for. */
export function cpuSeconds(pid: number): number | undefined {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / CLK_TCK : undefined;
}

export function parentPid(pid: number): number | undefined {
  const f = statFields(pid);
  return f ? Number(f[1]) : undefined;
}

/** Bytes of a "Key:   123 kB" line of /proc/PID/status or smaps_rollup; undefined when absent. */
export function kibLine(text: string, key: string): number | undefined {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) * 1024 : undefined;
}
