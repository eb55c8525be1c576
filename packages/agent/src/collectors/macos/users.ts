import { LIMITS, type UsersSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { plistDict, tryParsePlist } from './plist.js';
import { BIN, clip, isoFromEpochSeconds, isoFromMonthDayTime, lines, optional, run, sharedRun } from './util.js';

type Account = UsersSection['accounts'][number];
type Session = UsersSection['loggedIn'][number];

/** The attributes read per user: naming them keeps JPEGPhoto and other bulky ones out of the output. */
export const USER_ATTRIBUTES = ['RecordName', 'UniqueID', 'PrimaryGroupID', 'RealName', 'NFSHomeDirectory', 'UserShell', 'AuthenticationAuthority', 'accountPolicyData'];

export function loadUsers(ctx: CollectContext): Promise<string | undefined> {
  return sharedRun(ctx, BIN.dscl, ['.', '-readall', '/Users', ...USER_ATTRIBUTES]);
}

/** All local groups with their members: group names for users, and the admin group for security. */
export function loadGroups(ctx: CollectContext): Promise<string | undefined> {
  return sharedRun(ctx, BIN.dscl, ['.', '-readall', '/Groups', 'RecordName', 'PrimaryGroupID', 'GroupMembership']);
}

export type DsclRecord = Map<string, string[]>;

/**
 * `dscl . -readall`: records separated by a line holding "-". An attribute whose values contain
 * no spaces is printed on one line, values separated by spaces ("RecordName: _www www"); otherwise
 * the name line ends at the colon and each value follows on its own line, indented by one space
 * (RealName, or a multi-line XML plist for accountPolicyData). Native attributes may carry a
 * "dsAttrTypeNative:" prefix.
 */
export function parseDsclRecords(text: string | undefined): DsclRecord[] {
  const records: DsclRecord[] = [];
  let current: DsclRecord = new Map();
  let lastKey: string | undefined;
  for (const line of lines(text)) {
    if (line === '-') {
      if (current.size) records.push(current);
      current = new Map();
      lastKey = undefined;
      continue;
    }
    if (line.startsWith(' ') && lastKey) {
      current.get(lastKey)?.push(line.slice(1));
      continue;
    }
    const match = /^(?:dsAttrType(?:Native|Standard):)?([^\s:]+):(?: (.*))?$/.exec(line);
    if (!match?.[1]) continue;
    lastKey = match[1];
    const inline = match[2]?.trim();
    current.set(lastKey, inline ? inline.split(/\s+/) : []);
  }
  if (current.size) records.push(current);
  return records;
}

/** `who`: "anna  ttys001  Jun  5 14:02 (192.168.1.50)"; the time carries no year and no zone. */
export function parseWho(text: string | undefined, now: Date): Session[] {
  const sessions: Session[] = [];
  for (const line of lines(text)) {
    const match = /^(\S+)\s+(\S+)\s+([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?:\s+\(([^)]*)\))?/.exec(line);
    if (!match?.[1]) continue;
    sessions.push({
      name: clip(match[1], LIMITS.name) ?? match[1],
      terminal: clip(match[2] ?? null, 64),
      host: clip(match[7] || null, LIMITS.name),
      since: isoFromMonthDayTime(match[3] ?? '', Number(match[4]), Number(match[5]), Number(match[6]), now),
    });
  }
  return sessions.slice(0, 1_000);
}

/** accountPolicyData is an XML plist; passwordLastSetTime is in epoch seconds. */
function passwordLastSet(record: DsclRecord): string | null {
  const policy = plistDict(tryParsePlist(record.get('accountPolicyData')?.join('\n')));
  const seconds = policy?.passwordLastSetTime;
  return typeof seconds === 'number' ? isoFromEpochSeconds(seconds) : null;
}

/**
 * Service accounts start with "_"; root, daemon, nobody and the like sit below uid 500 without a
 * password hash; network (Active Directory mobile) accounts are cached locally as LocalCachedUser.
 * An admin an MDM created below 500 (to hide it) has a password hash and counts as local.
 */
function accountType(name: string, uid: number, authority: string): string {
  if (authority.includes('LocalCachedUser')) return 'domain';
  if (name.startsWith('_')) return 'service';
  if (uid < 500 && !authority.includes('ShadowHash')) return 'system';
  return 'local';
}

export interface UsersInputs {
  /** `dscl . -readall /Users` with USER_ATTRIBUTES */
  users?: string;
  /** `dscl . -readall /Groups RecordName PrimaryGroupID GroupMembership` */
  groups?: string;
  /** `who` */
  who?: string;
  now: Date;
}

export function parseUsers(inputs: UsersInputs): UsersSection {
  const groupById = new Map<string, string>();
  const memberOf = new Map<string, string[]>();
  for (const group of parseDsclRecords(inputs.groups)) {
    const name = group.get('RecordName')?.[0];
    if (!name) continue;
    const gid = group.get('PrimaryGroupID')?.[0];
    if (gid !== undefined) groupById.set(gid, name);
    for (const member of group.get('GroupMembership') ?? []) memberOf.set(member, [...(memberOf.get(member) ?? []), name]);
  }

  const accounts: Account[] = [];
  for (const record of parseDsclRecords(inputs.users)) {
    const name = record.get('RecordName')?.[0];
    if (!name) continue;
    const uid = record.get('UniqueID')?.[0] ?? null;
    const gid = record.get('PrimaryGroupID')?.[0] ?? null;
    const authority = (record.get('AuthenticationAuthority') ?? []).join(' ');
    const primaryGroup = gid !== null ? groupById.get(gid) : undefined;
    const groups = [...new Set([...(primaryGroup ? [primaryGroup] : []), ...(memberOf.get(name) ?? []).sort()])];
    const realName = record.get('RealName')?.[0];
    accounts.push({
      name: clip(name, LIMITS.name) ?? name,
      uid,
      gid,
      fullName: clip(realName ?? null, LIMITS.name),
      home: clip(record.get('NFSHomeDirectory')?.[0] ?? null, LIMITS.path),
      shell: clip(record.get('UserShell')?.[0] ?? null, LIMITS.path),
      type: accountType(name, Number(uid ?? NaN), authority),
      isAdmin: memberOf.get(name)?.includes('admin') ?? false,
      // Accounts without an authentication authority (service accounts) have no enabled state to report.
      disabled: authority ? authority.includes('DisabledUser') : null,
      lastLoginAt: null,
      passwordLastSetAt: passwordLastSet(record),
      groups: groups.map((g) => clip(g, LIMITS.name) ?? g).slice(0, 256),
    });
  }
  return { accounts: accounts.slice(0, LIMITS.users), loggedIn: parseWho(inputs.who, inputs.now) };
}

export async function collectUsers(ctx: CollectContext): Promise<UsersSection> {
  const [users, groups, who] = await Promise.all([loadUsers(ctx), loadGroups(ctx), optional(run(ctx, BIN.who, []))]);
  if (users === undefined) throw new Error('dscl could not list the local users');
  return parseUsers({ users, groups, who, now: ctx.now() });
}
