import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsersSection } from '@muster/protocol';
import { assertSchema, fixture } from './fixture-context.js';
import { parseDsclRecords, parseUsers, parseWho } from './users.js';

// `who` prints local wall-clock times; read them in a fixed zone so the expected instants hold anywhere.
process.env.TZ = 'UTC';
const NOW = new Date('2024-06-05T14:30:00Z');

test('dscl records: inline values, one-value-per-line values, multi-line plists', () => {
  const records = parseDsclRecords(fixture('sonoma-mbp', 'dscl-users.txt'));
  assert.equal(records.length, 14);
  const root = records.find((r) => r.get('UniqueID')?.[0] === '0');
  assert.deepEqual(root?.get('RecordName'), ['root', 'BUILTIN\\Local System']);
  assert.deepEqual(root?.get('NFSHomeDirectory'), ['/var/root', '/private/var/root']);
  assert.deepEqual(records.find((r) => r.get('RecordName')?.[0] === '_www')?.get('RecordName'), ['_www', 'www']);
  const anna = records.find((r) => r.get('RecordName')?.[0] === 'anna');
  assert.deepEqual(anna?.get('RealName'), ['Anna Berg']);
  assert.equal(anna?.get('accountPolicyData')?.length, 14);
  // Native attributes may come with their type prefix.
  const [native] = parseDsclRecords('dsAttrTypeNative:accountPolicyData:\n <plist version="1.0">\n <dict/>\n </plist>\nRecordName: x\n');
  assert.deepEqual(native?.get('accountPolicyData'), ['<plist version="1.0">', '<dict/>', '</plist>']);
  assert.deepEqual(native?.get('RecordName'), ['x']);
});

test('Sonoma MacBook Pro: an admin, a standard user, a disabled user, service and system accounts', () => {
  const users = parseUsers({ users: fixture('sonoma-mbp', 'dscl-users.txt'), groups: fixture('sonoma-mbp', 'dscl-groups.txt'), who: fixture('sonoma-mbp', 'who.txt'), now: NOW });
  assertSchema(UsersSection, users);
  assert.equal(users.accounts.length, 14);
  const byName = new Map(users.accounts.map((a) => [a.name, a]));
  assert.deepEqual(byName.get('anna'), {
    name: 'anna',
    uid: '501',
    gid: '20',
    fullName: 'Anna Berg',
    home: '/Users/anna',
    shell: '/bin/zsh',
    type: 'local',
    isAdmin: true,
    disabled: false,
    lastLoginAt: null,
    passwordLastSetAt: '2024-04-02T08:36:11.209Z',
    groups: ['staff', '_appserveradm', '_appserverusr', '_developer', '_lpadmin', 'access_bpf', 'admin', 'com.apple.access_ssh'],
  });
  assert.equal(byName.get('tom')?.isAdmin, false);
  assert.deepEqual(byName.get('tom')?.groups, ['staff', 'com.apple.access_ssh']);
  assert.equal(byName.get('intern')?.disabled, true);
  assert.equal(byName.get('_mdnsresponder')?.type, 'service');
  assert.equal(byName.get('_mdnsresponder')?.disabled, null);
  assert.equal(byName.get('root')?.type, 'system');
  assert.equal(byName.get('root')?.home, '/var/root');
  assert.equal(byName.get('nobody')?.uid, '-2');
  assert.deepEqual(users.loggedIn, [
    { name: 'anna', terminal: 'console', host: null, since: '2024-06-03T09:35:00.000Z' },
    { name: 'anna', terminal: 'ttys000', host: null, since: '2024-06-05T09:02:00.000Z' },
    { name: 'tom', terminal: 'ttys002', host: '192.168.178.57', since: '2024-06-05T13:47:00.000Z' },
  ]);
});

test('Ventura iMac: an Active Directory mobile account and an admin hidden below uid 500', () => {
  const users = parseUsers({ users: fixture('ventura-imac', 'dscl-users.txt'), groups: fixture('ventura-imac', 'dscl-groups.txt'), who: fixture('ventura-imac', 'who.txt'), now: NOW });
  assertSchema(UsersSection, users);
  const byName = new Map(users.accounts.map((a) => [a.name, a]));
  assert.equal(byName.get('jdoe')?.type, 'domain');
  assert.equal(byName.get('jdoe')?.uid, '1347204551');
  assert.equal(byName.get('jdoe')?.isAdmin, false);
  assert.equal(byName.get('itadmin')?.type, 'local');
  assert.equal(byName.get('itadmin')?.isAdmin, true);
  assert.deepEqual(byName.get('itadmin')?.groups, ['staff', '_lpadmin', 'admin', 'com.apple.access_screensharing']);
  assert.equal(byName.get('marco')?.passwordLastSetAt, '2023-05-03T10:38:10.552Z');
  assert.equal(users.loggedIn.length, 2);
  assert.equal(users.loggedIn[1]?.host, '10.20.31.7');
});

test('who without a year: a date after now belongs to last year', () => {
  const [session] = parseWho('anna     console  Dec 30 23:10 \n', new Date('2024-01-02T10:00:00Z'));
  assert.equal(session?.since, '2023-12-30T23:10:00.000Z');
});
