import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeContext } from './fake-context.js';
import { parseGroup, parsePasswd } from './shared.js';
import { buildAccounts, collectUsers, LASTLOG_RECORD, parseLogindSession, parseShadow, parseUtmp } from './users.js';
import { assertValidSection, fixture, fixtureBytes } from './test-support.js';

test('utmp: USER_PROCESS records only', () => {
  const sessions = parseUtmp(fixtureBytes('utmp'));
  assert.deepEqual(sessions, [
    { name: 'alice', terminal: 'pts/0', host: '192.0.2.10', since: '2025-01-15T08:30:00.000Z' },
    { name: 'bob', terminal: 'tty2', host: null, since: '2025-01-15T09:00:00.000Z' },
  ]);
});

test('logind session files, where utmp is gone', () => {
  assert.deepEqual(parseLogindSession('# This is private data. Do not parse.\nUID=1000\nUSER=alice\nACTIVE=1\nIS_DISPLAY=1\nSTATE=active\nREMOTE=0\nTYPE=wayland\nCLASS=user\nSEAT=seat0\nTTY=tty2\nREALTIME=1736929800123456\n'), {
    name: 'alice',
    terminal: 'tty2',
    host: null,
    since: '2025-01-15T08:30:00.000Z',
  });
  assert.equal(parseLogindSession('USER=gdm\nCLASS=greeter\nSTATE=online\n'), null);
});

test('accounts: types, admins, disabled, password age, groups', () => {
  const accounts = buildAccounts({
    users: parsePasswd(fixture('passwd')),
    groups: parseGroup(fixture('group')),
    loginDefs: { UID_MIN: '1000' },
    shadow: parseShadow(fixture('shadow')),
    lastLogin: new Map([[1000, 1736929800]]),
    nowMs: Date.parse('2025-01-15T12:00:00Z'),
  });
  const byName = new Map(accounts.map((a) => [a.name, a]));
  assert.deepEqual(byName.get('alice'), {
    name: 'alice',
    uid: '1000',
    gid: '1000',
    fullName: 'Alice Martin',
    home: '/home/alice',
    shell: '/bin/bash',
    type: 'local',
    isAdmin: true,
    disabled: false,
    lastLoginAt: '2025-01-15T08:30:00.000Z',
    // 20000 days after the epoch.
    passwordLastSetAt: '2024-10-04T00:00:00.000Z',
    groups: ['alice', 'adm', 'sudo', 'audio'],
  });
  assert.equal(byName.get('root')?.type, 'local');
  assert.equal(byName.get('root')?.isAdmin, true);
  assert.equal(byName.get('daemon')?.type, 'system');
  assert.equal(byName.get('daemon')?.disabled, true);
  assert.equal(byName.get('nobody')?.type, 'system');
  // Locked password.
  assert.equal(byName.get('bob')?.disabled, true);
  assert.equal(byName.get('bob')?.isAdmin, true);
  // Expired on day 20000 (2024-10-04).
  assert.equal(byName.get('carol')?.disabled, true);
  assert.equal(byName.get('carol')?.isAdmin, false);
  // Primary group wheel; last change 0 means "change at next login", not a date.
  assert.equal(byName.get('wheelie')?.isAdmin, true);
  assert.equal(byName.get('wheelie')?.passwordLastSetAt, null);
});

test('collector without root: no shadow, so only the shell says disabled; lastlog read per uid', async () => {
  const lastlog = Buffer.alloc(LASTLOG_RECORD * 1001);
  lastlog.writeInt32LE(1736929800, 1000 * LASTLOG_RECORD);
  const ctx = fakeContext({
    files: { '/etc/passwd': fixture('passwd'), '/etc/group': fixture('group'), '/etc/login.defs': fixture('login.defs'), '/var/run/utmp': fixtureBytes('utmp'), '/var/log/lastlog': lastlog },
  });
  const users = await collectUsers(ctx);
  assertValidSection('users', users);
  assert.equal(users.accounts.length, 12);
  assert.equal(users.accounts.find((a) => a.name === 'bob')?.disabled, null);
  assert.equal(users.accounts.find((a) => a.name === 'daemon')?.disabled, true);
  assert.equal(users.accounts.find((a) => a.name === 'alice')?.lastLoginAt, '2025-01-15T08:30:00.000Z');
  assert.equal(users.accounts.find((a) => a.name === 'root')?.lastLoginAt, null);
  assert.equal(users.loggedIn.length, 2);
});
