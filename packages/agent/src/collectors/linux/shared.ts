import type { CollectContext } from '../context.js';
import { isoString } from '../../time.js';

/** Helpers and small parsers shared by several Linux sections. */

/** Trimmed, length-bounded string, or null when empty or absent (every wire string has a bound). */
export function clip(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  return trimmed.length > max ? trimmed.slice(0, max) : trimmed;
}

export function isoFromSeconds(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return null;
  return isoString(seconds * 1000);
}

export function isoFromMs(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0) return null;
  return isoString(ms);
}

/** A non-negative integer from text, or null. */
export function toInt(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? n : null;
}

export async function readTrimmed(ctx: CollectContext, path: string): Promise<string | undefined> {
  const text = await ctx.readText(path, 1024 * 1024);
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Per-collect memo: several sections need /etc/passwd, os-release, …; the context lives for one collect. */
const memos = new WeakMap<CollectContext, Map<string, Promise<unknown>>>();
export function memo<T>(ctx: CollectContext, key: string, compute: () => Promise<T>): Promise<T> {
  let map = memos.get(ctx);
  if (!map) {
    map = new Map();
    memos.set(ctx, map);
  }
  let value = map.get(key) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    map.set(key, value);
  }
  return value;
}

const PROGRAM_DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin'];

/** Full path of a program in the usual places, so a missing tool costs a few access() calls and no spawn. */
export async function findProgram(ctx: CollectContext, name: string): Promise<string | undefined> {
  for (const dir of PROGRAM_DIRS) {
    const path = `${dir}/${name}`;
    if (await ctx.exists(path)) return path;
  }
  return undefined;
}

/** Runs a program that exists, with a short timeout; undefined when it cannot run, times out or fails. */
export async function run(ctx: CollectContext, file: string, args: string[], timeoutMs = 5_000, maxBytes = 16 * 1024 * 1024): Promise<string | undefined> {
  try {
    const result = await ctx.exec(file, args, { timeoutMs, maxBytes });
    return result.code === 0 ? result.stdout : undefined;
  } catch {
    return undefined;
  }
}

/** KEY=value files with optional shell quoting: os-release, /etc/default/*, ufw.conf. */
export function parseKeyValue(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
      value = value.slice(1, -1);
      if (line[eq + 1] === '"') value = value.replace(/\\(["\\$`])/g, '$1');
    }
    out[key] = value;
  }
  return out;
}

export async function readOsRelease(ctx: CollectContext): Promise<Record<string, string>> {
  return memo(ctx, 'os-release', async () => {
    const text = (await ctx.readText('/etc/os-release')) ?? (await ctx.readText('/usr/lib/os-release'));
    return text ? parseKeyValue(text) : {};
  });
}

/** /etc/login.defs: whitespace-separated KEY VALUE lines. */
export function parseLoginDefs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(\S+)\s+(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) out[match[1]] = match[2].trim();
  }
  return out;
}

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const f = line.split(':');
    if (f.length < 7) continue;
    const uid = toInt(f[2]);
    const gid = toInt(f[3]);
    if (!f[0] || uid === null || gid === null) continue;
    out.push({ name: f[0], uid, gid, gecos: f[4] ?? '', home: f[5] ?? '', shell: f[6] ?? '' });
  }
  return out;
}

export function parseGroup(text: string): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const f = line.split(':');
    if (f.length < 4) continue;
    const gid = toInt(f[2]);
    if (!f[0] || gid === null) continue;
    out.push({ name: f[0], gid, members: (f[3] ?? '').split(',').map((m) => m.trim()).filter(Boolean) });
  }
  return out;
}

export interface Accounts {
  users: PasswdEntry[];
  groups: GroupEntry[];
  userByUid: Map<number, string>;
  loginDefs: Record<string, string>;
}

/** Local accounts from /etc/passwd and /etc/group (directory users are not enumerated: that would mean network calls). */
export async function readAccounts(ctx: CollectContext): Promise<Accounts> {
  return memo(ctx, 'accounts', async () => {
    const [passwd, group, loginDefs] = await Promise.all([ctx.readText('/etc/passwd'), ctx.readText('/etc/group'), ctx.readText('/etc/login.defs')]);
    const users = passwd ? parsePasswd(passwd) : [];
    const userByUid = new Map<number, string>();
    for (const u of users) if (!userByUid.has(u.uid)) userByUid.set(u.uid, u.name);
    return { users, groups: group ? parseGroup(group) : [], userByUid, loginDefs: loginDefs ? parseLoginDefs(loginDefs) : {} };
  });
}

/** Groups whose members may become root through sudo/polkit on the common distributions. */
export const ADMIN_GROUPS = ['sudo', 'wheel', 'admin'];

/** Names of accounts with administrative rights: uid 0, or member (listed or primary) of an admin group. */
export function adminNames(users: PasswdEntry[], groups: GroupEntry[]): Set<string> {
  const admins = new Set<string>();
  const adminGids = new Set<number>();
  for (const g of groups) {
    if (!ADMIN_GROUPS.includes(g.name)) continue;
    adminGids.add(g.gid);
    for (const m of g.members) admins.add(m);
  }
  for (const u of users) if (u.uid === 0 || adminGids.has(u.gid)) admins.add(u.name);
  return admins;
}

/** First uid of regular accounts (login.defs UID_MIN, 1000 by default). */
export function uidMin(loginDefs: Record<string, string>): number {
  return toInt(loginDefs.UID_MIN) ?? 1000;
}

export interface MountEntry {
  device: string;
  mountPoint: string;
  fsType: string;
  options: string[];
}

/** /proc/self/mounts, with the kernel's octal escapes (\040 for a space) undone. */
export function parseMounts(text: string): MountEntry[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f.length < 4 || !f[0] || !f[1] || !f[2]) continue;
    out.push({ device: unescape(f[0]), mountPoint: unescape(f[1]), fsType: f[2], options: (f[3] ?? '').split(',') });
  }
  return out;
}

/** Version strings compared the way humans read them: numeric runs as numbers ("6.1.0-18" > "6.1.0-9"). */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xNum = /^\d/.test(x);
    const yNum = /^\d/.test(y);
    if (xNum && yNum) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff < 0 ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/** A file read once per collect, for files several sections parse (/proc/cpuinfo, /proc/self/mounts). */
export function readCached(ctx: CollectContext, path: string): Promise<string | undefined> {
  return memo(ctx, `file:${path}`, () => ctx.readText(path));
}
