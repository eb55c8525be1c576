import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeContext } from './fake-context.js';
import { fsx } from './fsx.js';
import { collectSoftware, parseApkInstalled, parseDpkgStatus, parseFlatpakList, parsePacmanDesc, parseRpmQuery, parseSnapList, readDpkgStatus, RPM_QUERYFORMAT } from './software.js';
import { assertValidSection, fixture, fixtureBytes } from './test-support.js';

test('dpkg status: installed packages only, with epoch, arch and Installed-Size', () => {
  const packages = parseDpkgStatus(fixture('dpkg-status'));
  // The fixture holds 9 installed packages and nano removed with its configuration left behind.
  assert.equal(packages.length, 9);
  assert.ok(!packages.some((p) => p.name === 'nano'));
  const ssh = packages.find((p) => p.name === 'openssh-client');
  assert.equal(ssh?.version, '1:9.2p1-2+deb12u6');
  assert.equal(ssh?.arch, 'amd64');
  const libc = packages.find((p) => p.name === 'libc6');
  assert.equal(libc?.multiArch, 'same');
  assert.ok((libc?.installedSizeKiB ?? 0) > 1000);
});

test('dpkg status read in pieces: the same packages wherever the pieces cut the stanzas', () => {
  const bytes = fixtureBytes('dpkg-status');
  const fx = fsx(fakeContext({ files: { '/var/lib/dpkg/status': bytes } }));
  const whole = parseDpkgStatus(Buffer.from(bytes).toString('latin1'));
  assert.equal(whole.length, 9);
  for (const pieceBytes of [1, 7, 100, 1000, bytes.length - 1, bytes.length, 64 * 1024]) {
    assert.deepEqual(readDpkgStatus(fx, '/var/lib/dpkg/status', pieceBytes), whole, `pieces of ${pieceBytes} bytes`);
  }
  assert.deepEqual(readDpkgStatus(fx, '/var/lib/dpkg/missing'), []);
});

test('dpkg collector: size in bytes, purl with the epoch escaped, install date from the .list file, UTF-8 maintainer', async () => {
  const ctx = fakeContext({
    files: {
      '/etc/os-release': fixture('os-release-debian'),
      '/var/lib/dpkg/status': fixtureBytes('dpkg-status'),
      '/var/lib/dpkg/info/libc6:amd64.list': '/.\n',
      '/var/lib/dpkg/info/openssh-client.list': '/.\n',
    },
    mtimes: { '/var/lib/dpkg/info/libc6:amd64.list': Date.parse('2025-06-24T14:36:25Z'), '/var/lib/dpkg/info/openssh-client.list': Date.parse('2025-06-24T14:36:30Z') },
  });
  const { items } = await collectSoftware(ctx);
  assertValidSection('software', { items });
  assert.equal(items.length, 9);
  const ssh = items.find((i) => i.name === 'openssh-client');
  assert.equal(ssh?.source, 'deb');
  assert.equal(ssh?.purl, 'pkg:deb/debian/openssh-client@1%3A9.2p1-2%2Bdeb12u6?arch=amd64&distro=debian-12');
  assert.equal(ssh?.installDate, '2025-06-24T14:36:30.000Z');
  assert.equal(ssh?.publisher, 'Debian OpenSSH Maintainers');
  const libc = items.find((i) => i.name === 'libc6');
  // Multi-Arch: same packages keep their file list as <name>:<arch>.list.
  assert.equal(libc?.installDate, '2025-06-24T14:36:25.000Z');
  assert.equal(libc?.sizeBytes, (parseDpkgStatus(fixture('dpkg-status')).find((p) => p.name === 'libc6')?.installedSizeKiB ?? 0) * 1024);
  // Read as Latin-1 for memory, re-decoded: the name keeps its accent.
  assert.equal(items.find((i) => i.name === 'libgif7')?.publisher, 'David Suárez');
  // No file list, no date: never invented.
  assert.equal(items.find((i) => i.name === 'vim')?.installDate, null);
  // No rpm, snap or flatpak here: nothing was spawned.
  assert.deepEqual(ctx.execCalls, []);
});

test('rpm query output: epoch and release in the version, gpg-pubkey skipped', () => {
  const items = parseRpmQuery(fixture('rpm-qa.txt'), { id: 'rhel', versionId: '9.4' });
  assert.equal(items.length, 5);
  const ssl = items.find((i) => i.name === 'openssl-libs');
  assert.equal(ssl?.version, '1:3.0.7-27.el9');
  assert.equal(ssl?.purl, 'pkg:rpm/rhel/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rhel-9.4&epoch=1');
  assert.equal(ssl?.installDate, '2024-04-25T12:05:05.000Z');
  assert.equal(ssl?.publisher, 'Red Hat, Inc.');
  assert.equal(items.find((i) => i.name === 'bash')?.version, '5.1.8-9.el9');
  assert.equal(items.find((i) => i.name === 'tzdata')?.arch, 'noarch');
});

test('rpm collector runs rpm only when it and its database exist', async () => {
  const withRpm = fakeContext({
    files: { '/etc/os-release': fixture('os-release-rhel9'), '/usr/bin/rpm': '', '/usr/lib/sysimage/rpm/rpmdb.sqlite': '' },
    programs: { [`/usr/bin/rpm -qa --nodigest --nosignature --queryformat ${RPM_QUERYFORMAT}`]: fixture('rpm-qa.txt') },
  });
  const { items } = await collectSoftware(withRpm);
  assertValidSection('software', { items });
  assert.equal(items.length, 5);
  assert.equal(withRpm.execCalls.length, 1);

  const noDb = fakeContext({ files: { '/etc/os-release': fixture('os-release-debian'), '/usr/bin/rpm': '' } });
  await collectSoftware(noDb);
  assert.deepEqual(noDb.execCalls, []);
});

test('apk installed database', () => {
  const items = parseApkInstalled(fixture('apk-installed'), { id: 'alpine', versionId: '3.19.1' });
  assert.deepEqual(
    items.map((i) => [i.name, i.version, i.arch, i.sizeBytes]),
    [
      ['musl', '1.2.4_git20230717-r4', 'x86_64', 667648],
      ['busybox', '1.36.1-r15', 'x86_64', 946176],
      ['ca-certificates-bundle', '20240226-r0', 'x86_64', 228864],
    ],
  );
  assert.equal(items[0]?.publisher, 'Timo Teräs');
  assert.equal(items[0]?.purl, 'pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1');
});

test('pacman local database, through the collector', async () => {
  const desc = parsePacmanDesc(fixture('pacman-local/linux-6.7.4.arch1-1/desc'), { id: 'arch' });
  assert.equal(desc?.name, 'linux');
  assert.equal(desc?.version, '6.7.4.arch1-1');
  assert.equal(desc?.installDate, '2024-02-08T14:28:51.000Z');
  assert.equal(desc?.publisher, 'Jan Alexander Steffens (heftig)');
  assert.equal(desc?.purl, 'pkg:alpm/arch/linux@6.7.4.arch1-1?arch=x86_64&distro=arch');

  const ctx = fakeContext({
    files: {
      '/etc/os-release': fixture('os-release-arch'),
      '/var/lib/pacman/local/linux-6.7.4.arch1-1/desc': fixture('pacman-local/linux-6.7.4.arch1-1/desc'),
      '/var/lib/pacman/local/pacman-6.0.2-9/desc': fixture('pacman-local/pacman-6.0.2-9/desc'),
      '/var/lib/pacman/local/ALPM_DB_VERSION': '9\n',
    },
  });
  const { items } = await collectSoftware(ctx);
  assertValidSection('software', { items });
  assert.deepEqual(items.map((i) => `${i.source}:${i.name}`), ['pacman:linux', 'pacman:pacman']);
});

test('snap list and flatpak list', () => {
  const snaps = parseSnapList(fixture('snap-list.txt'));
  assert.equal(snaps.length, 6);
  const firefox = snaps.find((s) => s.name === 'firefox');
  assert.equal(firefox?.version, '122.0.1-1');
  assert.equal(firefox?.publisher, 'mozilla');
  assert.equal(firefox?.installLocation, '/snap/firefox/3779');
  assert.equal(snaps.find((s) => s.name === 'my-tool')?.publisher, null);

  const flatpaks = parseFlatpakList(fixture('flatpak-list.txt'), 'alice');
  assert.equal(flatpaks.length, 4);
  assert.equal(flatpaks.find((f) => f.name === 'org.gnome.Platform')?.version, '45');
  assert.equal(flatpaks.find((f) => f.name === 'com.spotify.Client')?.user, 'alice');
  assert.equal(flatpaks.find((f) => f.name === 'org.mozilla.firefox')?.user, null);
});

test('snap and flatpak run only when their daemons or stores exist', async () => {
  const ctx = fakeContext({
    files: { '/etc/os-release': fixture('os-release-ubuntu'), '/usr/bin/snap': '', '/run/snapd.socket': '', '/usr/bin/flatpak': '', '/var/lib/flatpak/repo/config': '' },
    programs: {
      '/usr/bin/snap list --unicode=never --color=never': fixture('snap-list.txt'),
      '/usr/bin/flatpak list --columns=application,version,arch,branch,origin,installation': fixture('flatpak-list.txt'),
    },
  });
  const { items } = await collectSoftware(ctx);
  assertValidSection('software', { items });
  assert.equal(items.filter((i) => i.source === 'snap').length, 6);
  assert.equal(items.filter((i) => i.source === 'flatpak').length, 4);
});
