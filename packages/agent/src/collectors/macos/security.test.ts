import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SecuritySection } from '@muster/protocol';
import { assertSchema, fixture, type MachineName } from './fixture-context.js';
import { parsePlist } from './plist.js';
import { parseProfilerJson } from './profiler.js';
import { parseFileVault, parseFirewall, parseGatekeeper, parseSecurity, parseSip } from './security.js';

function securityOf(machine: MachineName) {
  return parseSecurity({
    fdesetup: fixture(machine, 'fdesetup.txt'),
    firewall: fixture(machine, 'socketfilterfw.txt'),
    spctl: fixture(machine, 'spctl.txt'),
    csrutil: fixture(machine, 'csrutil.txt'),
    groups: fixture(machine, 'dscl-groups.txt'),
    softwareUpdate: parsePlist(fixture(machine, 'plutil/Library/Preferences/com.apple.SoftwareUpdate.plist')),
    installHistory: fixture(machine, 'files/Library/Receipts/InstallHistory.plist'),
  });
}

test('Sonoma MacBook Pro: FileVault on, firewall on in stealth mode, Gatekeeper and SIP on, automatic updates', () => {
  const security = securityOf('sonoma-mbp');
  assertSchema(SecuritySection, security);
  assert.deepEqual(security.diskEncryption, {
    enabled: true,
    product: 'FileVault',
    volumes: [{ volume: '/', encrypted: true, method: null, status: 'on', protection: null }],
  });
  assert.deepEqual(security.firewall, {
    enabled: true,
    product: 'macOS Application Firewall',
    profiles: [
      { name: 'global', enabled: true, defaultInbound: null },
      { name: 'stealth', enabled: true, defaultInbound: null },
    ],
    ruleCount: null,
  });
  assert.equal(security.gatekeeper, true);
  assert.equal(security.sip, true);
  assert.deepEqual(security.autoUpdate, { enabled: true, mechanism: 'softwareupdate' });
  assert.deepEqual(security.localAdmins, ['root', 'anna']);
  assert.deepEqual(security.antivirus, [
    { name: 'XProtect', enabled: null, upToDate: null, realTimeProtection: null, version: '129', signatureVersion: '2194', signatureUpdatedAt: '2024-06-02T02:17:26.000Z' },
  ]);
  // What a Mac does not have, or cannot tell without guessing.
  assert.equal(security.tpm, null);
  assert.equal(security.secureBoot, null);
  assert.equal(security.selinux, null);
});

test('Ventura iMac: FileVault off, firewall off, Gatekeeper and SIP disabled, updates not installed automatically', () => {
  const security = securityOf('ventura-imac');
  assertSchema(SecuritySection, security);
  assert.equal(security.diskEncryption.enabled, false);
  assert.deepEqual(security.diskEncryption.volumes, [{ volume: '/', encrypted: false, method: null, status: 'off', protection: null }]);
  assert.equal(security.firewall.enabled, false);
  assert.deepEqual(security.firewall.profiles, [
    { name: 'global', enabled: false, defaultInbound: null },
    { name: 'stealth', enabled: false, defaultInbound: null },
  ]);
  assert.equal(security.gatekeeper, false);
  assert.equal(security.sip, false);
  assert.deepEqual(security.autoUpdate, { enabled: false, mechanism: 'softwareupdate' });
  assert.deepEqual(security.localAdmins, ['root', 'marco', 'itadmin']);
  assert.equal(security.antivirus[0]?.signatureVersion, '2168');
  assert.equal(security.antivirus[0]?.version, null, 'no XProtectPayloads install recorded');
});

test('FileVault in transition and deferred', () => {
  assert.deepEqual(parseFileVault('Encryption in progress: Percent completed = 33.3\n'), { enabled: true, status: 'encrypting 33.3%' });
  assert.deepEqual(parseFileVault('Decryption in progress: Percent completed = 71.0\n'), { enabled: false, status: 'decrypting 71.0%' });
  assert.deepEqual(parseFileVault("FileVault is Off.\nDeferred enablement appears to be active for user 'anna'.\n"), { enabled: false, status: 'deferred' });
  assert.deepEqual(parseFileVault(undefined), { enabled: null, status: null });
});

test('firewall: block-all state and both stealth wordings', () => {
  assert.deepEqual(parseFirewall('Firewall is blocking all non-essential connections. (State = 2)\nStealth mode enabled\n'), { enabled: true, blockAll: true, stealth: true });
  assert.deepEqual(parseFirewall('Firewall is enabled. (State = 1)\nFirewall stealth mode is off\n'), { enabled: true, blockAll: false, stealth: false });
  const blockAll = parseSecurity({ firewall: 'Firewall is enabled. (State = 2)\n' });
  assert.deepEqual(blockAll.firewall.profiles, [{ name: 'global', enabled: true, defaultInbound: 'block' }]);
});

test('Gatekeeper and SIP wordings, and the system_profiler fallback for SIP', () => {
  assert.equal(parseGatekeeper('assessments enabled'), true);
  assert.equal(parseGatekeeper('assessments disabled'), false);
  assert.equal(parseGatekeeper('something else'), null);
  const custom = 'System Integrity Protection status: unknown (Custom Configuration).\n\nConfiguration:\n\tApple Internal: disabled\n\tKext Signing: disabled\n\tFilesystem Protections: enabled\n';
  assert.equal(parseSip(custom), false);
  assert.equal(parseSip(undefined, parseProfilerJson(fixture('sonoma-mbp', 'system_profiler.json'))), true);
  assert.equal(parseSip(undefined), null);
});

test('nothing answered: a valid section of unknowns', () => {
  const security = parseSecurity({});
  assertSchema(SecuritySection, security);
  assert.equal(security.firewall.enabled, null);
  assert.deepEqual(security.firewall.profiles, []);
  assert.deepEqual(security.diskEncryption.volumes, []);
  assert.equal(security.autoUpdate, null);
  assert.deepEqual(security.localAdmins, []);
});
