import { LIMITS, type UsersSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { fsx } from './fsx.js';
import { adminNames, clip, isoFromSeconds, readAccounts, toInt, uidMin, type GroupEntry, type PasswdEntry } from './shared.js';
import { isoString } from '../../time.js';

type Account = UsersSection['accounts'][number];
type Session = UsersSection['loggedIn'][number];

export interface ShadowEntry {
  name: string;
  password: string;
  /** Days since the epoch of the last password change; 0 forces a change at next login. */
  lastChange: number | null;
  /** Days since the epoch when the account expires. */
  expire: number | null;
}

export function parseShadow(text: string): Map<string, ShadowEntry> {
  const out = new Map<string, ShadowEntry>();
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (!f[0] || f.length < 8) continue;
    out.set(f[0], { name: f[0], password: f[1] ?? '', lastChange: toInt(f[2]), expire: toInt(f[7]) });
  }
  return out;
}

const NO_LOGIN_SHELL = /(\/nologin|\/false|\/sync|\/shutdown|\/halt)$/;

export function buildAccounts(input: {
  users: PasswdEntry[];
  groups: GroupEntry[];
  loginDefs: Record<string, string>;
  shadow?: Map<string, ShadowEntry>;
  lastLogin?: Map<number, number>;
  nowMs: number;
}): Account[] {
  const admins = adminNames(input.users, input.groups);
  const min = uidMin(input.loginDefs);
  const gidName = new Map(input.groups.map((g) => [g.gid, g.name]));
  const today = Math.floor(input.nowMs / 86_400_000);
  return input.users.slice(0, LIMITS.users).map((u) => {
    const groups = new Set<string>();
    const primary = gidName.get(u.gid);
    if (primary) groups.add(primary);
    for (const g of input.groups) if (g.members.includes(u.name)) groups.add(g.name);
    const shadow = input.shadow?.get(u.name);
    // Disabled: a shell that refuses logins, a locked password ("!…"), or an expired account.
    // Without /etc/shadow (not root) only the shell can tell.
    const noLogin = NO_LOGIN_SHELL.test(u.shell);
    const disabled = noLogin ? true : shadow ? shadow.password.startsWith('!') || (shadow.expire !== null && shadow.expire <= today) : null;
    const last = input.lastLogin?.get(u.uid);
    return {
      name: u.name.slice(0, LIMITS.name),
      uid: String(u.uid),
      gid: String(u.gid),
      fullName: clip(u.gecos.split(',')[0], LIMITS.name),
      home: clip(u.home, LIMITS.path),
      shell: clip(u.shell, LIMITS.path),
      // root and accounts from UID_MIN on are people's accounts; 65534 is nobody.
      type: u.uid === 0 || (u.uid >= min && u.uid !== 65534) ? 'local' : 'system',
      isAdmin: admins.has(u.name),
      disabled,
      lastLoginAt: isoFromSeconds(last),
      passwordLastSetAt: shadow?.lastChange ? isoString(shadow.lastChange * 86_400_000) : null,
      groups: [...groups].slice(0, 256).map((g) => g.slice(0, LIMITS.name)),
    };
  });
}

/** struct lastlog { int32 ll_time; char ll_line[32]; char ll_host[256]; }: one record per uid, at uid × 292. */
export const LASTLOG_RECORD = 292;

export function lastlogTime(record: Uint8Array): number | null {
  if (record.length < 4) return null;
  const t = new DataView(record.buffer, record.byteOffset, 4).getInt32(0, true);
  return t > 0 ? t : null;
}

const cString = (bytes: Uint8Array) => {
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString('utf8');
};

/**
 * utmp records (glibc, 64-bit and 32-bit alike: 384 bytes). USER_PROCESS (7) entries are the
 * logged-in sessions `who` shows.
 */
export const UTMP_RECORD = 384;
export function parseUtmp(data: Uint8Array): Session[] {
  const out: Session[] = [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let off = 0; off + UTMP_RECORD <= data.length; off += UTMP_RECORD) {
    if (view.getInt16(off, true) !== 7) continue;
    const line = cString(data.subarray(off + 8, off + 40));
    const user = cString(data.subarray(off + 44, off + 76));
    const host = cString(data.subarray(off + 76, off + 332));
    const seconds = view.getInt32(off + 340, true);
    if (!user) continue;
    out.push({ name: user.slice(0, LIMITS.name), terminal: clip(line, 64), host: clip(host, LIMITS.name), since: isoFromSeconds(seconds) });
  }
  return out;
}

/** systemd-logind's session files (/run/systemd/sessions/<id>): where distributions have dropped utmp. */
export function parseLogindSession(text: string): Session | null {
  const v = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) v.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const user = v.get('USER');
  if (!user || (v.get('CLASS') ?? 'user') !== 'user' || v.get('STATE') === 'closing') return null;
  const realtimeUs = Number(v.get('REALTIME') ?? NaN);
  return {
    name: user.slice(0, LIMITS.name),
    terminal: clip(v.get('TTY') ?? v.get('DISPLAY') ?? v.get('TYPE'), 64),
    host: clip(v.get('REMOTE_HOST'), LIMITS.name),
    since: Number.isFinite(realtimeUs) ? isoFromSeconds(Math.floor(realtimeUs / 1e6)) : null,
  };
}

async function loggedIn(ctx: CollectContext): Promise<Session[]> {
  const fx = fsx(ctx);
  const utmp = fx.readBytes('/run/utmp', 0, 4 * 1024 * 1024) ?? fx.readBytes('/var/run/utmp', 0, 4 * 1024 * 1024);
  if (utmp) return parseUtmp(utmp);
  const out: Session[] = [];
  for (const id of await ctx.listDir('/run/systemd/sessions')) {
    if (id.endsWith('.ref')) continue;
    const text = await ctx.readText(`/run/systemd/sessions/${id}`);
    const session = text ? parseLogindSession(text) : null;
    if (session) out.push(session);
  }
  return out;
}

export async function collectUsers(ctx: CollectContext): Promise<UsersSection> {
  const fx = fsx(ctx);
  const accounts = await readAccounts(ctx);
  const shadowText = await ctx.readText('/etc/shadow');
  // lastlog is sparse (indexed by uid): read only the records of the accounts we list.
  const lastLogin = new Map<number, number>();
  const lastlogSize = fx.stat('/var/log/lastlog')?.size ?? 0;
  for (const u of accounts.users) {
    if ((u.uid + 1) * LASTLOG_RECORD > lastlogSize) continue;
    const record = fx.readBytes('/var/log/lastlog', u.uid * LASTLOG_RECORD, 4);
    const t = record ? lastlogTime(record) : null;
    if (t) lastLogin.set(u.uid, t);
  }
  return {
    accounts: buildAccounts({
      users: accounts.users,
      groups: accounts.groups,
      loginDefs: accounts.loginDefs,
      shadow: shadowText ? parseShadow(shadowText) : undefined,
      lastLogin,
      nowMs: ctx.now().getTime(),
    }),
    loggedIn: (await loggedIn(ctx)).slice(0, 1_000),
  };
}
