import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsersSection } from '@muster/protocol';
import { parseQuser, parseUsers, quserTime } from './users.js';
import { assertValid, copy, fixtureText, section } from './testFixtures.js';

describe('windows users', () => {
  it('reads the laptop: local accounts, the Entra ID user from her profile, admins from net localgroup', () => {
    const users = parseUsers(section('win11-laptop', 'users'));
    assertValid(UsersSection, users);
    assert.deepEqual(
      users.accounts.map((a) => [a.name, a.type, a.isAdmin, a.disabled]),
      [
        ['Administrator', 'local', true, true],
        ['anna', 'local', false, false],
        ['DefaultAccount', 'system', false, true],
        ['Guest', 'local', false, true],
        ['itadmin', 'local', true, false],
        ['WDAGUtilityAccount', 'system', false, true],
        ['AnnaMueller', 'domain', true, null],
      ],
    );
    const anna = users.accounts.find((a) => a.name === 'anna');
    assert.equal(anna?.fullName, 'Anna M\u00fcller'); // escaped as \u00fc by the script
    assert.equal(anna?.home, 'C:\\Users\\anna');
    assert.equal(anna?.uid, 'S-1-5-21-1845132091-2906447103-3301235871-1002');
    assert.equal(anna?.lastLoginAt, '2023-06-12T15:02:51.000Z');
    const itadmin = users.accounts.find((a) => a.name === 'itadmin');
    assert.equal(itadmin?.passwordLastSetAt, '2023-11-01T02:00:13.000Z');
    const entra = users.accounts.find((a) => a.name === 'AnnaMueller');
    assert.equal(entra?.uid, 'S-1-12-1-2835517830-1183965404-2381062800-3582713226');
    assert.equal(entra?.home, 'C:\\Users\\AnnaMueller');
    assert.equal(entra?.lastLoginAt, '2023-11-20T08:29:41.318Z');
    // quser ran as SYSTEM: no '>' marker; 8:02 AM at UTC+1.
    assert.deepEqual(users.loggedIn, [{ name: 'annamueller', terminal: 'console', host: null, since: '2023-11-20T07:02:00.000Z' }]);
  });

  it('reads the server: domain profiles, an orphaned one, an RDP and a disconnected session', () => {
    const users = parseUsers(section('server2022-vm', 'users'));
    assertValid(UsersSection, users);
    assert.deepEqual(
      users.accounts.map((a) => [a.name, a.type, a.isAdmin]),
      [
        ['Administrator', 'local', true],
        ['DefaultAccount', 'system', false],
        ['Guest', 'local', false],
        ['WDAGUtilityAccount', 'system', false],
        // Deleted from the domain: the profile no longer resolves to a name.
        ['mwilson', null, false],
        ['svc-deploy', 'domain', true],
        ['jdoe.admin', 'domain', true],
      ],
    );
    // IIS application pool identities (S-1-5-82) have profiles too, but are no users.
    assert.equal(users.accounts.some((a) => a.name.includes('.NET')), false);
    assert.deepEqual(users.loggedIn, [
      { name: 'administrator', terminal: 'rdp-tcp#12', host: null, since: '2023-11-21T14:14:00.000Z' },
      { name: 'jdoe.admin', terminal: null, host: null, since: '2023-11-19T23:01:00.000Z' },
    ]);
  });

  it('falls back to explorer.exe owners without quser, and to profiles without Get-LocalUser', () => {
    const raw = copy(section('server2022-vm', 'users'));
    raw.quser = null;
    raw.localUsers = { error: 'The term Get-LocalUser is not recognized' };
    const users = parseUsers(raw);
    assertValid(UsersSection, users);
    assert.deepEqual(users.loggedIn, [
      { name: 'Administrator', terminal: null, host: null, since: '2023-11-21T14:14:09.331Z' },
      { name: 'jdoe.admin', terminal: null, host: null, since: '2023-11-19T23:01:40.017Z' },
    ]);
    assert.deepEqual(
      users.accounts.map((a) => [a.name, a.type, a.isAdmin]),
      [
        ['mwilson', null, false],
        ['svc-deploy', 'domain', true],
        ['jdoe.admin', 'domain', true],
        ['Administrator', 'local', true],
      ],
    );
  });

  it('parses quser run in a console session (">" marker, CRLF)', () => {
    assert.deepEqual(parseQuser(fixtureText('quser-console.txt'), -300), [
      { name: 'jsmith', session: 'console', id: 1, state: 'Active', logonTime: '2024-03-04T12:52:00.000Z' },
      { name: 'helpdesk.tmp', session: null, id: 2, state: 'Disc', logonTime: '2024-03-03T21:17:00.000Z' },
    ]);
  });

  it('parses quser on a session host (spaces in names, long ids, noon and midnight)', () => {
    const sessions = parseQuser(fixtureText('quser-rdsh.txt'), 0);
    assert.deepEqual(
      sessions.map((s) => [s.name, s.session, s.id, s.state, s.logonTime]),
      [
        ['administrator', 'rdp-tcp#12', 2, 'Active', '2023-11-21T09:14:00.000Z'],
        ['jdoe.admin', null, 3, 'Disc', '2023-11-19T18:01:00.000Z'],
        ['front desk', 'rdp-tcp#31', 14, 'Active', '2023-11-21T08:45:00.000Z'],
        ['svc-reporting-longna', 'rdp-tcp#40', 105, 'Active', '2023-11-21T12:30:00.000Z'],
        ['kiosk01', null, 106, 'Disc', '2023-11-21T00:07:00.000Z'],
      ],
    );
  });

  it('parses quser in German', () => {
    assert.deepEqual(parseQuser(fixtureText('quser-de.txt'), 60), [{ name: 'mmustermann', session: 'console', id: 1, state: 'Aktiv', logonTime: '2023-11-20T07:02:00.000Z' }]);
    assert.deepEqual(parseQuser(null), []);
    assert.deepEqual(parseQuser(''), []);
  });

  it('reads logon times in several locales', () => {
    assert.equal(quserTime('2023/11/20 8:02', 540), '2023-11-19T23:02:00.000Z'); // ja-JP
    assert.equal(quserTime('20/11/2023 08:02', 0), '2023-11-20T08:02:00.000Z'); // en-GB
    assert.equal(quserTime('11/20/2023 12:15 AM', 0), '2023-11-20T00:15:00.000Z');
    assert.equal(quserTime('yesterday', 0), null);
  });
});
