import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SecuritySection } from '@muster/protocol';
import { decodeProductState, parseNetAccounts, parseNetLocalGroup, parseSecurity } from './security.js';
import { assertValid, copy, fixtureText, section } from './testFixtures.js';

describe('windows security', () => {
  it('reads the laptop: firewall, BitLocker, Defender and McAfee, TPM, UAC, admins, policies', () => {
    const security = parseSecurity(section('win11-laptop', 'security'));
    assertValid(SecuritySection, security);
    assert.deepEqual(security.firewall, {
      enabled: true,
      product: 'Windows Defender Firewall',
      profiles: [
        { name: 'Domain', enabled: true, defaultInbound: 'not configured' },
        { name: 'Private', enabled: true, defaultInbound: 'not configured' },
        { name: 'Public', enabled: true, defaultInbound: 'block' },
      ],
      ruleCount: 412,
    });
    assert.deepEqual(security.diskEncryption, {
      enabled: true,
      product: 'BitLocker',
      volumes: [
        { volume: 'C:', encrypted: true, method: 'XTS-AES-128', status: 'fully encrypted', protection: 'on' },
        { volume: 'E:', encrypted: false, method: 'none', status: 'fully decrypted', protection: 'off' },
      ],
    });
    assert.deepEqual(security.antivirus, [
      {
        name: 'Microsoft Defender Antivirus',
        enabled: true,
        upToDate: true,
        realTimeProtection: true,
        version: '4.18.23100.2009',
        signatureVersion: '1.401.1166.0',
        signatureUpdatedAt: '2023-11-20T07:10:31.000Z',
      },
      // The expired trial: registered, off, out of date; Security Center tells no more.
      { name: 'McAfee LiveSafe', enabled: false, upToDate: false, realTimeProtection: null, version: null, signatureVersion: null, signatureUpdatedAt: null },
    ]);
    assert.equal(security.secureBoot, true);
    assert.deepEqual(security.tpm, { present: true, enabled: true, version: '2.0', manufacturer: 'Nuvoton' });
    assert.deepEqual(security.uac, { enabled: true, level: 'notify on app changes' });
    assert.deepEqual(security.autoUpdate, { enabled: true, mechanism: 'Windows Update' });
    // The machine inactivity limit (900 s) locks idle sessions.
    assert.equal(security.screenLock, true);
    // From the net localgroup fallback: Get-LocalGroupMember choked on the Entra ID role SIDs.
    assert.deepEqual(security.localAdmins, ['Administrator', 'AzureAD\\AnnaMueller', 'itadmin', 'S-1-12-1-3617239452-1307734839-2164398214-1826583937', 'S-1-12-1-1294712083-1116938540-1755231370-4025390612']);
    // "Unlimited" maximum age is Windows' 0.
    assert.deepEqual(security.passwordPolicy, { minLength: 0, maxAgeDays: 0, lockoutThreshold: 10 });
    assert.equal(security.selinux, null);
    assert.equal(security.gatekeeper, null);
  });

  it('reads the server: a profile off, no BitLocker, no Security Center, no TPM, WSUS', () => {
    const security = parseSecurity(section('server2022-vm', 'security'));
    assertValid(SecuritySection, security);
    assert.equal(security.firewall.enabled, false);
    assert.equal(security.firewall.profiles.find((p) => p.name === 'Public')?.enabled, false);
    assert.deepEqual(security.diskEncryption, { enabled: null, product: null, volumes: [] });
    assert.deepEqual(security.antivirus, [
      {
        name: 'Microsoft Defender Antivirus',
        enabled: true,
        upToDate: true,
        realTimeProtection: true,
        version: '4.18.23090.2008',
        signatureVersion: '1.401.1332.0',
        signatureUpdatedAt: '2023-11-21T11:02:08.000Z',
      },
    ]);
    assert.deepEqual(security.tpm, { present: false, enabled: false, version: null, manufacturer: null });
    // AUOptions 2 only notifies.
    assert.deepEqual(security.autoUpdate, { enabled: false, mechanism: 'WSUS' });
    // The administrator's screen saver is not password-protected (jdoe.admin's is, by policy).
    assert.equal(security.screenLock, false);
    assert.deepEqual(security.localAdmins, ['APP-SRV-02\\Administrator', 'CORP\\APP-Server-Admins', 'CORP\\Domain Admins', 'CORP\\jdoe.admin', 'CORP\\svc-deploy']);
    assert.deepEqual(security.passwordPolicy, { minLength: 14, maxAgeDays: 60, lockoutThreshold: 5 });
  });

  it('handles BIOS firmware, refused access and odd values', () => {
    const raw = copy(section('win11-laptop', 'security'));
    raw.secureBoot = { error: 'Cmdlet not supported on this platform: 0xC0000002' };
    raw.secureBootState = null;
    raw.firewall = [{ Name: 'Domain', Enabled: 2, DefaultInboundAction: 'Block' }];
    raw.uac = { EnableLUA: 0, ConsentPromptBehaviorAdmin: 0, InactivityTimeoutSecs: '900' };
    raw.tpm = { IsEnabled_InitialValue: false, SpecVersion: '1.2, 2, 3', ManufacturerId: 1229870147 };
    raw.securityCenter = { error: 'Invalid namespace ' };
    raw.defender = { error: '0x800106ba' };
    raw.screenSaver = [];
    raw.bitlocker = { error: 'Access denied ' };
    let security = parseSecurity(raw);
    assertValid(SecuritySection, security);
    assert.equal(security.secureBoot, null);
    assert.deepEqual(security.firewall.profiles, [{ name: 'Domain', enabled: null, defaultInbound: 'block' }]);
    assert.equal(security.firewall.enabled, null);
    assert.deepEqual(security.uac, { enabled: false, level: 'disabled' });
    assert.deepEqual(security.tpm, { present: true, enabled: false, version: '1.2', manufacturer: 'Intel' });
    assert.deepEqual(security.antivirus, []);
    assert.deepEqual(security.diskEncryption, { enabled: null, product: null, volumes: [] });
    // The inactivity limit still locks.
    assert.equal(security.screenLock, true);

    // Not elevated: Confirm-SecureBootUEFI is refused, the registry still says.
    raw.secureBoot = { error: 'Access was denied.' };
    raw.secureBootState = 1;
    raw.uac = null;
    security = parseSecurity(raw);
    assert.equal(security.secureBoot, true);
    assert.equal(security.uac, null);
    assert.equal(security.screenLock, null);
  });

  it('decodes Security Center product states', () => {
    assert.deepEqual(decodeProductState(397568), { enabled: true, upToDate: true }); // 0x061100
    assert.deepEqual(decodeProductState(393472), { enabled: false, upToDate: true }); // 0x060100
    assert.deepEqual(decodeProductState(397584), { enabled: true, upToDate: false }); // 0x061110
    assert.deepEqual(decodeProductState(266240), { enabled: true, upToDate: true }); // 0x041000
    assert.deepEqual(decodeProductState(null), { enabled: null, upToDate: null });
  });

  it('parses net accounts, English and translated', () => {
    assert.deepEqual(parseNetAccounts(fixtureText('net-accounts-workstation.txt')), { minLength: 0, maxAgeDays: 0, lockoutThreshold: 10 });
    // German labels: values by position; "Nie" (never) is 0.
    assert.deepEqual(parseNetAccounts(fixtureText('net-accounts-de.txt')), { minLength: 12, maxAgeDays: 90, lockoutThreshold: 0 });
    assert.equal(parseNetAccounts('System error 5 has occurred.'), null);
    assert.equal(parseNetAccounts(null), null);
  });

  it('parses net localgroup, English and translated', () => {
    assert.deepEqual(parseNetLocalGroup(fixtureText('net-localgroup-entra.txt')), [
      'Administrator',
      'AzureAD\\AnnaMueller',
      'itadmin',
      'S-1-12-1-3617239452-1307734839-2164398214-1826583937',
      'S-1-12-1-1294712083-1116938540-1755231370-4025390612',
    ]);
    assert.deepEqual(parseNetLocalGroup(fixtureText('net-localgroup-dc-de.txt')), ['Administrator', 'Dom\u00e4nen-Admins', 'Organisations-Admins']);
    assert.deepEqual(parseNetLocalGroup('System error 1376 has occurred.'), []);
  });
});
