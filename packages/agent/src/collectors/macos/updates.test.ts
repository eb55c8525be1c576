import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UpdatesSection } from '@muster/protocol';
import { assertSchema, fixture, type MachineName } from './fixture-context.js';
import { parsePlist } from './plist.js';
import { isSystemUpdate, parseInstallHistory, parseUpdates, updateKind } from './updates.js';

function updatesOf(machine: MachineName) {
  return parseUpdates({
    installHistory: fixture(machine, 'files/Library/Receipts/InstallHistory.plist'),
    softwareUpdate: parsePlist(fixture(machine, 'plutil/Library/Preferences/com.apple.SoftwareUpdate.plist')),
  });
}

test('install history: every event, and which of them are Apple updates', () => {
  const events = parseInstallHistory(fixture('sonoma-mbp', 'files/Library/Receipts/InstallHistory.plist'));
  assert.equal(events.length, 16);
  assert.deepEqual(events[2], {
    date: '2023-11-08T02:14:31.000Z',
    displayName: 'XProtectPlistConfigData',
    displayVersion: '2174',
    processName: 'softwareupdated',
    packageIdentifiers: ['com.apple.pkg.XProtectPlistConfigData_10_15.16U4292'],
    contentType: 'config-data',
  });
  // Installer.app, `installer`, the App Store: software, not updates.
  assert.deepEqual(
    events.filter((e) => !isSystemUpdate(e)).map((e) => e.processName),
    ['Installer', 'Installer', 'installer', 'Installer', 'installer', 'installer', 'appstoreagent'],
  );
});

test('Sonoma MacBook Pro: macOS, CLT and background security data installed, nothing pending', () => {
  const updates = updatesOf('sonoma-mbp');
  assertSchema(UpdatesSection, updates);
  assert.equal(updates.installed.length, 9);
  assert.deepEqual(updates.installed.find((u) => u.id === 'macOS Sonoma 14.5'), {
    id: 'macOS Sonoma 14.5',
    title: 'macOS Sonoma 14.5',
    kind: 'os',
    installedAt: '2024-05-14T06:58:12.000Z',
    severity: null,
    version: '14.5',
  });
  const clt = updates.installed.find((u) => u.title === 'Command Line Tools for Xcode');
  assert.equal(clt?.id, 'Command Line Tools for Xcode-15.3');
  assert.equal(clt?.kind, 'update');
  assert.equal(updates.installed.filter((u) => u.kind === 'config-data').length, 4);
  assert.deepEqual(updates.pending, []);
  assert.equal(updates.lastCheckedAt, '2024-06-05T06:12:40.000Z');
  assert.equal(updates.lastInstalledAt, '2024-06-02T02:17:26.000Z');
  assert.equal(updates.rebootRequired, null);
});

test('Ventura iMac: the RSR and a full-installer upgrade count; two updates pending from the cached list', () => {
  const updates = updatesOf('ventura-imac');
  assertSchema(UpdatesSection, updates);
  assert.deepEqual(
    updates.installed.map((u) => [u.id, u.kind]),
    [
      ['macOS Mojave 10.14.6', 'os'],
      ['macOS Ventura-13.0', 'os'],
      ['macOS Ventura 13.4.1', 'os'],
      ['XProtectPlistConfigData-2168', 'config-data'],
      ['macOS Ventura 13.4.1 (c)', 'os'],
      ['MRTConfigData-1.93', 'config-data'],
    ],
  );
  assert.deepEqual(updates.pending, [
    { id: 'MSU_UPDATE_22G720_patch_13.6.7', title: 'macOS Ventura 13.6.7', kind: 'os', installedAt: null, severity: null, version: '13.6.7' },
    { id: '062-18842', title: 'Safari', kind: 'update', installedAt: null, severity: null, version: '17.5' },
  ]);
  assert.equal(updates.lastCheckedAt, '2024-06-04T23:40:12.000Z');
  assert.equal(updates.lastInstalledAt, '2023-07-18T03:40:27.000Z');
});

test('update kinds', () => {
  assert.equal(updateKind('macOS Ventura 13.4.1 (a)', null), 'os');
  assert.equal(updateKind('Background Security Improvement 26.1 (a)', null), 'security');
  assert.equal(updateKind('XProtectPayloads', 'config-data'), 'config-data');
  assert.equal(updateKind('Safari', null), 'update');
});

test('no history and no preferences: an empty, valid section', () => {
  const updates = parseUpdates({});
  assertSchema(UpdatesSection, updates);
  assert.deepEqual(updates, { installed: [], pending: [], rebootRequired: null, lastCheckedAt: null, lastInstalledAt: null });
});
