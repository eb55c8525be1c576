import { LIMITS, type UsersSection } from '@muster/protocol';
import { adminMembers } from './security.js';
import { accountLeaf, bool, errorMessage, num, object, objects, psDate, str, type RawObject } from './values.js';
import { isoString } from '../../time.js';

type Account = UsersSection['accounts'][number];
type LoggedIn = UsersSection['loggedIn'][number];

export interface QuserSession {
  name: string;
  session: string | null;
  id: number | null;
  state: string | null;
  /** ISO 8601 UTC, when the logon time could be read. */
  logonTime: string | null;
}

/**
 * A quser logon time ("11/20/2023 8:02 AM", "20.11.2023 08:02", "2023/11/20 8:02") is local time
 * in the machine's locale; utcOffsetMinutes (the script's) turns it into UTC. Slashes without
 * AM/PM are day-first: that is en-GB, fr-FR and the like, as en-US always writes AM/PM.
 */
export function quserTime(text: string, utcOffsetMinutes: number): string | null {
  const m = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?/.exec(text.trim());
  if (!m) return null;
  const [, a, b, c, hh, mm, ss, ampm] = m;
  let year: number;
  let month: number;
  let day: number;
  if ((a ?? '').length === 4) [year, month, day] = [Number(a), Number(b), Number(c)];
  else if (ampm || (text.includes('/') && Number(a) <= 12 && Number(b) > 12)) [month, day, year] = [Number(a), Number(b), Number(c)];
  else [day, month, year] = [Number(a), Number(b), Number(c)];
  let hour = Number(hh);
  if (ampm) hour = (hour % 12) + (/p/i.test(ampm) ? 12 : 0);
  if (year < 100) year += 2000;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23) return null;
  const ms = Date.UTC(year, month - 1, day, hour, Number(mm), Number(ss ?? 0)) - utcOffsetMinutes * 60_000;
  return Number.isFinite(ms) ? isoString(ms) : null;
}

/**
 * quser's fixed-width table. The first column is a marker ('>' for the session quser runs in;
 * none when it runs as a service), then USERNAME; SESSIONNAME is empty for disconnected sessions.
 * Column starts are read from the header, whose words are translated but keep their places;
 * whatever follows the session name is split on spaces: ID, STATE, IDLE TIME, LOGON TIME.
 */
export function parseQuser(text: string | null, utcOffsetMinutes = 0): QuserSession[] {
  if (!text) return [];
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const header = lines[0];
  if (!header) return [];
  const starts = [...header.matchAll(/\S+/g)].map((m) => m.index ?? 0);
  const sessionStart = starts[1];
  const idStart = starts[2];
  const sessions: QuserSession[] = [];
  for (const line of lines.slice(1)) {
    let name: string;
    let session: string | null;
    let rest: string[];
    if (sessionStart !== undefined && idStart !== undefined && line.length > idStart) {
      name = line.slice(0, sessionStart).trim().replace(/^>/, '');
      // IDs are right-aligned under the "ID" header and may reach two characters left of it.
      session = line.slice(sessionStart, idStart - 2).trim() || null;
      rest = line.slice(idStart - 2).trim().split(/\s+/);
    } else {
      // No usable header: user names have no spaces here, and a number right after one means no session name.
      const tokens = line.trim().replace(/^>/, '').split(/\s+/);
      name = tokens.shift() ?? '';
      session = tokens[0] !== undefined && !/^\d+$/.test(tokens[0]) ? (tokens.shift() ?? null) : null;
      rest = tokens;
    }
    if (!name) continue;
    const [id, state, , ...logon] = rest;
    sessions.push({
      name,
      session,
      id: id !== undefined && /^\d+$/.test(id) ? Number(id) : null,
      state: state ?? null,
      logonTime: logon.length ? quserTime(logon.join(' '), utcOffsetMinutes) : null,
    });
  }
  return sessions;
}

/** Well-known relative ids of accounts Windows creates and manages itself. */
const SYSTEM_RIDS = new Set(['503', '504']); // DefaultAccount, WDAGUtilityAccount

function isAdmin(admins: ReturnType<typeof adminMembers>, sid: string | null, names: string[]): boolean | null {
  if (!admins) return null;
  if (sid && admins.sids.has(sid)) return true;
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return admins.names.some((member) => wanted.has(member.toLowerCase()));
}

export function parseUsers(raw: unknown): UsersSection {
  const r = object(raw) ?? {};
  const admins = adminMembers(r.admins);
  const computer = str(r.computerName) ?? '';
  const profiles = objects(r.profiles).filter((p) => bool(p.Special) !== true);
  const profileBySid = new Map(profiles.map((p) => [str(p.SID)?.toUpperCase(), p] as const));

  const accounts: Account[] = [];
  const listed = new Set<string>();
  for (const u of objects(r.localUsers)) {
    const name = str(u.Name, LIMITS.name);
    if (!name) continue;
    const sid = str(u.SID, 256);
    if (sid) listed.add(sid.toUpperCase());
    const enabled = bool(u.Enabled);
    const rid = sid?.split('-').pop() ?? '';
    accounts.push({
      name,
      uid: sid,
      gid: null,
      fullName: str(u.FullName, LIMITS.name),
      home: str(profileBySid.get(sid?.toUpperCase())?.LocalPath, LIMITS.path),
      shell: null,
      type: SYSTEM_RIDS.has(rid) ? 'system' : 'local',
      // Local members are listed as "HOST\name" by Get-LocalGroupMember and as "name" by net localgroup.
      isAdmin: isAdmin(admins, sid, [name, `${computer}\\${name}`]),
      disabled: enabled === null ? null : !enabled,
      lastLoginAt: psDate(u.LastLogon),
      passwordLastSetAt: psDate(u.PasswordLastSet),
    });
  }
  // Domain and Entra ID accounts are known by the profiles they left on this machine.
  for (const p of profiles) {
    const sid = str(p.SID, 256);
    if (!sid || listed.has(sid.toUpperCase()) || !/^S-1-(5-21|12-1)-/i.test(sid)) continue;
    const account = str(p.Account);
    const home = str(p.LocalPath, LIMITS.path);
    const name = (account ? accountLeaf(account) : home?.split('\\').pop()) ?? sid;
    accounts.push({
      name: name.slice(0, LIMITS.name),
      uid: sid,
      gid: null,
      fullName: null,
      home,
      shell: null,
      // "HOST\name" is a local account (listed here only when Get-LocalUser failed); an orphaned
      // profile (its account deleted) no longer resolves, and what it was is unknown.
      type: account ? (computer && account.toLowerCase().startsWith(`${computer.toLowerCase()}\\`) ? 'local' : 'domain') : null,
      isAdmin: isAdmin(admins, sid, account ? [account] : []),
      disabled: null,
      // The profile's last use: the closest Windows keeps locally to a domain user's last logon.
      lastLoginAt: psDate(p.LastUseTime),
      passwordLastSetAt: null,
    });
  }

  const offset = num(r.utcOffsetMinutes) ?? 0;
  let loggedIn: LoggedIn[] = parseQuser(str(r.quser), offset).map((s) => ({
    name: s.name.slice(0, LIMITS.name),
    // Disconnected sessions have no session name: they are signed in, attached to no terminal.
    terminal: s.session?.slice(0, 64) ?? null,
    host: null,
    since: s.logonTime,
  }));
  if (!loggedIn.length && errorMessage(r.explorerOwners) === undefined) {
    // quser is absent on Home editions: every signed-in user runs an explorer.exe.
    const seen = new Set<string>();
    loggedIn = objects(r.explorerOwners).flatMap((o: RawObject): LoggedIn[] => {
      const user = str(o.User, LIMITS.name);
      if (!user || seen.has(user.toLowerCase())) return [];
      seen.add(user.toLowerCase());
      return [{ name: user, terminal: null, host: null, since: psDate(o.CreationDate) }];
    });
  }
  return { accounts: accounts.slice(0, LIMITS.users), loggedIn: loggedIn.slice(0, 1_000) };
}
