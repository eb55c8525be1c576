import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { fakeContext } from './fake-context.js';
import { collectUpdates, newerKernelInstalled, parseAptHistory, parseDnfRpmLog, parsePacmanLog } from './updates.js';
import { assertValidSection, fixture } from './test-support.js';

test('apt history: upgrades with old and new versions; plain installs are not updates', () => {
  const { upgrades, lastUpgradeAt } = parseAptHistory(fixture('apt-history.log'));
  assert.deepEqual(
    upgrades.map((u) => [u.id, u.version]),
    [
      ['libsystemd0', '252.38-1~deb12u1'],
      ['libudev1', '252.38-1~deb12u1'],
      ['libperl5.36', '5.36.0-7+deb12u4'],
      ['perl', '5.36.0-7+deb12u4'],
      ['perl-base', '5.36.0-7+deb12u4'],
      ['perl-modules-5.36', '5.36.0-7+deb12u4'],
    ],
  );
  assert.equal(upgrades[0]?.title, 'libsystemd0:amd64 252.36-1~deb12u1 → 252.38-1~deb12u1');
  // apt writes local time; the expectation is computed the same way so the test holds in any zone.
  assert.equal(lastUpgradeAt, new Date(2026, 10, 21, 23, 40, 3).toISOString());
});

test('dnf and pacman logs', () => {
  const dnf = parseDnfRpmLog(fixture('dnf.rpm.log'));
  assert.deepEqual(dnf.upgrades.map((u) => [u.id, u.version]), [
    ['openssl-libs', '1:3.0.7-27.el9'],
    ['bash', '5.1.8-9.el9'],
  ]);
  assert.equal(dnf.lastUpgradeAt, '2024-04-25T12:05:02.000Z');
  const pacman = parsePacmanLog(fixture('pacman.log'));
  assert.deepEqual(pacman.upgrades.map((u) => [u.id, u.version]), [
    ['linux', '6.7.4.arch1-1'],
    ['pacman', '6.0.2-9'],
  ]);
  assert.equal(pacman.lastUpgradeAt, '2024-02-08T13:28:52.000Z');
});

test('newer kernel installed than the running one', () => {
  assert.equal(newerKernelInstalled('6.1.0-18-amd64', ['6.1.0-18-amd64', '6.1.0-21-amd64']), true);
  assert.equal(newerKernelInstalled('6.1.0-21-amd64', ['6.1.0-18-amd64', '6.1.0-21-amd64']), false);
  // A real-time flavour is not an upgrade of the generic kernel.
  assert.equal(newerKernelInstalled('6.1.0-18-amd64', ['6.1.0-18-amd64', '6.1.0-21-rt-amd64']), false);
  // The running kernel's modules are not here (container): no opinion.
  assert.equal(newerKernelInstalled('6.18.44-fc-v657', []), null);
});

test('collector on Debian: history with the rotated log, reboot flag, last index refresh', async () => {
  const ctx = fakeContext({
    files: {
      '/var/lib/dpkg/status': '',
      '/var/log/apt/history.log': fixture('apt-history.log').split('\n\n').slice(2).join('\n\n'),
      '/var/log/apt/history.log.1.gz': zlib.gzipSync(fixture('apt-history.log').split('\n\n').slice(0, 2).join('\n\n')),
      '/var/run/reboot-required': '*** System restart required ***\n',
      '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease': 'x',
      '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm-updates_InRelease': 'x',
      '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4': 'x',
      '/proc/sys/kernel/osrelease': '6.1.0-18-amd64\n',
    },
    mtimes: {
      '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease': Date.parse('2025-01-10T06:00:00Z'),
      '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm-updates_InRelease': Date.parse('2025-01-14T06:00:00Z'),
    },
  });
  const updates = await collectUpdates(ctx);
  assertValidSection('updates', updates);
  assert.equal(updates.installed.length, 6);
  assert.equal(updates.installed[0]?.id, 'libsystemd0');
  assert.deepEqual(updates.pending, []);
  assert.equal(updates.rebootRequired, true);
  assert.equal(updates.lastCheckedAt, '2025-01-14T06:00:00.000Z');
  assert.equal(updates.lastInstalledAt, new Date(2026, 10, 21, 23, 40, 3).toISOString());
});

test('collector in a container without any of it: unknowns, not guesses', async () => {
  const updates = await collectUpdates(fakeContext({ files: { '/proc/sys/kernel/osrelease': '6.18.44-fc-v657\n' } }));
  assertValidSection('updates', updates);
  assert.deepEqual(updates, { installed: [], pending: [], rebootRequired: null, lastCheckedAt: null, lastInstalledAt: null });
});
