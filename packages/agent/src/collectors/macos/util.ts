import type { CollectContext } from '../context.js';
import { isoString } from '../../time.js';

/**
 * Helpers shared by the macOS collectors: where the tools live, how they are run, a short-lived
 * memo so one collection runs each slow command once, and readers for loosely typed output.
 */

/** Absolute paths: the agent runs from launchd with a minimal PATH, and ctx.exists needs a path. */
export const BIN = {
  systemProfiler: '/usr/sbin/system_profiler',
  swVers: '/usr/bin/sw_vers',
  uname: '/usr/bin/uname',
  sysctl: '/usr/sbin/sysctl',
  ioreg: '/usr/sbin/ioreg',
  hostname: '/bin/hostname',
  readlink: '/usr/bin/readlink',
  plutil: '/usr/bin/plutil',
  fdesetup: '/usr/bin/fdesetup',
  socketfilterfw: '/usr/libexec/ApplicationFirewall/socketfilterfw',
  spctl: '/usr/sbin/spctl',
  csrutil: '/usr/bin/csrutil',
  launchctl: '/bin/launchctl',
  dscl: '/usr/bin/dscl',
  who: '/usr/bin/who',
  ifconfig: '/sbin/ifconfig',
  networksetup: '/usr/sbin/networksetup',
  route: '/sbin/route',
  scutil: '/usr/sbin/scutil',
  lsof: '/usr/sbin/lsof',
  netstat: '/usr/sbin/netstat',
  vmStat: '/usr/bin/vm_stat',
  ps: '/bin/ps',
  df: '/bin/df',
  iostat: '/usr/sbin/iostat',
} as const;

/**
 * Runs a tool if it is installed. Returns its stdout, or undefined when the tool is missing or
 * printed nothing. A non-zero exit still returns stdout: several tools (sysctl with an unknown
 * name, route without a default) report what they could and fail for the rest.
 */
export async function run(ctx: CollectContext, file: string, args: string[], options: { timeoutMs?: number } = {}): Promise<string | undefined> {
  if (!(await ctx.exists(file))) return undefined;
  const result = await ctx.exec(file, args, options);
  return result.stdout.trim() === '' ? undefined : result.stdout;
}

/** Like run, but also returns stderr: spctl and csrutil have printed their answer on either stream across releases. */
export async function runBoth(ctx: CollectContext, file: string, args: string[]): Promise<string | undefined> {
  if (!(await ctx.exists(file))) return undefined;
  const result = await ctx.exec(file, args);
  const text = `${result.stdout}\n${result.stderr}`.trim();
  return text === '' ? undefined : text;
}

/** For the supporting commands of a section: a failure (timeout, permission) loses that detail, not the whole section. */
export function optional<T>(promise: Promise<T>): Promise<T | undefined> {
  return promise.catch(() => undefined);
}

const MEMO_TTL_MS = 60_000;
const memos = new WeakMap<CollectContext, Map<string, { expires: number; value: Promise<unknown> }>>();

/**
 * Shares a result between the sections of one collection: collect() runs the sections one after
 * another with the same context, so keying by context and expiring after a minute gives "once
 * per run" without leaking stale data into the next run. A failure is shared too: a hung
 * system_profiler should cost one timeout per collection, not one per section.
 */
export function shared<T>(ctx: CollectContext, key: string, load: () => Promise<T>): Promise<T> {
  let table = memos.get(ctx);
  if (!table) {
    table = new Map();
    memos.set(ctx, table);
  }
  const now = ctx.now().getTime();
  const hit = table.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  const value = load();
  // Every caller awaits it; this only keeps an unobserved rejection from being reported as unhandled.
  value.catch(() => undefined);
  table.set(key, { expires: now + MEMO_TTL_MS, value });
  return value;
}

/** A command several sections need (sysctl, ioreg, dscl, …), run once per collection; undefined when it fails. */
export function sharedRun(ctx: CollectContext, file: string, args: string[]): Promise<string | undefined> {
  return shared(ctx, `run:${file}\u0000${args.join('\u0000')}`, () => optional(run(ctx, file, args)));
}

/** Maps with at most `limit` calls in flight: for per-file work (plutil) that would otherwise fork hundreds of processes at once. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---- Readers for JSON of unknown shape (system_profiler) -------------------------------------

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-empty string (numbers are spelled out), else undefined. */
export function asString(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A non-negative integer, or undefined: for fields the schema types as integers. */
export function asCount(value: unknown): number | undefined {
  const n = asNumber(value);
  return n !== undefined && n >= 0 ? Math.round(n) : undefined;
}

// ---- Text helpers ----------------------------------------------------------------------------

export function lines(text: string | undefined): string[] {
  return text ? text.split(/\r?\n/) : [];
}

const UNITS: Record<string, number> = { B: 0, KB: 1, MB: 2, GB: 3, TB: 4, PB: 5 };

/**
 * "16 GB", "8 GB", "256 KB", "2048.00M" → bytes. system_profiler counts memory and VRAM in
 * binary units (its "16 GB" is 16 GiB), which is what every caller here reads.
 */
export function parseBinarySize(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const match = /^\s*([\d.]+)\s*([KMGTP]?B?)\s*$/i.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  let unit = (match[2] ?? '').toUpperCase();
  if (unit === '') unit = 'B';
  if (!unit.endsWith('B')) unit += 'B';
  const power = UNITS[unit];
  if (!Number.isFinite(value) || power === undefined) return undefined;
  return Math.round(value * 1024 ** power);
}

/** `sysctl name…` (without -n) prints "name: value" lines; read them by name, so a name a Mac lacks shifts nothing. */
export function parseSysctl(text: string | undefined): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of lines(text)) {
    const match = /^([a-z0-9_.]+): ?(.*)$/i.exec(line);
    if (match?.[1]) values.set(match[1], (match[2] ?? '').trim());
  }
  return values;
}

/** kern.boottime: "{ sec = 1717399999, usec = 123456 } Mon Jun  3 09:33:19 2024" → epoch seconds. */
export function parseBootTime(value: string | undefined): number | undefined {
  const match = value ? /sec\s*=\s*(\d+)/.exec(value) : null;
  return match ? Number(match[1]) : undefined;
}

export function isoFromEpochSeconds(seconds: number | undefined): string | null {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return null;
  return isoString(Math.round(seconds * 1000));
}

/** An ISO string when the input is a parseable date, else null: plist dates are already ISO 8601. */
export function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : isoString(time);
}

/** Keeps a string within a schema bound; the server refuses oversized fields, so trim rather than lose the record. */
export function clip(value: string | undefined | null, max: number): string | null {
  if (value === undefined || value === null) return null;
  return value.length > max ? value.slice(0, max) : value;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "Jun  3 09:35" (who, without a year) → ISO, read in the machine's local time zone. The year is
 * the latest one that does not put the moment after `now`.
 */
export function isoFromMonthDayTime(month: string, day: number, hour: number, minute: number, now: Date): string | null {
  const monthIndex = MONTHS.indexOf(month);
  if (monthIndex < 0) return null;
  let date = new Date(now.getFullYear(), monthIndex, day, hour, minute);
  // A day of slack for clock skew; beyond that the date belongs to last year.
  if (date.getTime() > now.getTime() + 86_400_000) date = new Date(now.getFullYear() - 1, monthIndex, day, hour, minute);
  return isoString(date);
}
