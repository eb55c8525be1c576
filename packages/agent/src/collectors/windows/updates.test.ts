import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpdatesSection } from '@muster/protocol';
import { parseUpdates } from './updates.js';
import { assertValid, copy, section } from './testFixtures.js';

describe('windows updates', () => {
  it('reads the laptop: hot fixes titled from the history, no reboot pending', () => {
    const updates = parseUpdates(section('win11-laptop', 'updates'));
    assertValid(UpdatesSection, updates);
    assert.deepEqual(
      updates.installed.map((u) => u.id),
      ['KB5032007', 'KB5027397', 'KB5031274', 'KB5032190'],
    );
    assert.deepEqual(updates.installed[3], {
      id: 'KB5032190',
      title: '2023-11 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5032190)',
      kind: 'security',
      installedAt: '2023-11-15',
      severity: null,
      version: null,
    });
    // The 23H2 enablement package's history entry names no KB; a failed install titles nothing.
    assert.equal(updates.installed[1]?.title, null);
    assert.equal(updates.installed[1]?.kind, 'update');
    assert.deepEqual(updates.pending, []);
    assert.equal(updates.rebootRequired, false);
    assert.equal(updates.lastCheckedAt, '2023-11-20T07:09:58.000Z');
    assert.equal(updates.lastInstalledAt, '2023-11-20T07:10:33.000Z');
  });

  it('reads the server: empty InstalledOn, a KB listed twice, a reboot pending', () => {
    const updates = parseUpdates(section('server2022-vm', 'updates'));
    assertValid(UpdatesSection, updates);
    assert.equal(updates.installed.length, 6);
    const byId = new Map(updates.installed.map((u) => [u.id, u]));
    // Serviced into the image: no date anywhere.
    assert.equal(byId.get('KB5008882')?.installedAt, null);
    // No date in QFE, but the history has the install time.
    assert.equal(byId.get('KB5032198')?.installedAt, '2023-11-15T03:12:44.000Z');
    assert.match(byId.get('KB5032198')?.title ?? '', /^2023-11 Cumulative Update for Microsoft server operating system/);
    assert.equal(byId.get('KB5012170')?.installedAt, '2022-08-10');
    assert.equal(updates.rebootRequired, true);
    assert.equal(updates.lastCheckedAt, '2023-11-21T11:01:55.000Z');
  });

  it('copes with other locales, FILETIMEs, a lone hot fix and missing history', () => {
    const raw = copy(section('server2022-vm', 'updates'));
    raw.hotfixes = { HotFixID: 'KB5031364', Description: 'Security Update', InstalledOn: '11.10.2023' };
    raw.history = { error: 'Exception from HRESULT: 0x80240FFF' };
    raw.reboot = { componentBasedServicing: false, windowsUpdate: false, pendingFileRenames: 2, systemInfo: { error: 'Access is denied.' } };
    raw.autoUpdate = { error: 'Class not registered' };
    raw.detectSuccess = '2023-11-20 06:01:13';
    raw.installSuccess = '2023-11-18 03:00:41';
    const updates = parseUpdates(raw);
    assertValid(UpdatesSection, updates);
    assert.deepEqual(updates.installed, [{ id: 'KB5031364', title: null, kind: 'security', installedAt: '2023-10-11', severity: null, version: null }]);
    // PendingFileRenameOperations alone asks for a reboot.
    assert.equal(updates.rebootRequired, true);
    assert.equal(updates.lastCheckedAt, '2023-11-20T06:01:13.000Z');
    assert.equal(updates.lastInstalledAt, '2023-11-18T03:00:41.000Z');

    raw.hotfixes = [{ HotFixID: 'KB958488', Description: 'Hotfix', InstalledOn: '01d4a2b3c5d6e7f8' }];
    raw.reboot = null;
    const old = parseUpdates(raw);
    assert.equal(old.installed[0]?.installedAt, '2019-01-02');
    assert.equal(old.installed[0]?.kind, 'hotfix');
    assert.equal(old.rebootRequired, null);
  });
});
