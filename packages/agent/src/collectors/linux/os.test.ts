import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOsSection, normalizeArch, osFamily } from './os.js';
import { parseKeyValue } from './shared.js';
import { assertValidSection, fixture } from './test-support.js';

const release = (name: string) => parseKeyValue(fixture(name));

test('os-release of Debian (recorded), Ubuntu, RHEL, Fedora, Alpine and Arch', () => {
  const debian = buildOsSection({ release: release('os-release-debian'), debianVersion: '12.11', kernelVersion: '6.1.0-18-amd64', machine: 'x86_64' });
  assertValidSection('os', debian);
  assert.deepEqual(
    { name: debian.name, version: debian.version, build: debian.build, family: debian.family, codename: debian.codename, arch: debian.arch },
    { name: 'Debian GNU/Linux', version: '12', build: '12.11', family: 'debian', codename: 'bookworm', arch: 'x86_64' },
  );

  const ubuntu = buildOsSection({ release: release('os-release-ubuntu'), debianVersion: 'trixie/sid', machine: 'aarch64' });
  assert.equal(ubuntu.version, '24.04');
  assert.equal(ubuntu.build, null);
  assert.equal(ubuntu.family, 'debian');
  assert.equal(ubuntu.arch, 'arm64');

  const rhel = buildOsSection({ release: release('os-release-rhel9'), machine: 'x86_64' });
  assert.deepEqual([rhel.name, rhel.version, rhel.family, rhel.codename], ['Red Hat Enterprise Linux', '9.4', 'rhel', null]);

  const fedora = buildOsSection({ release: release('os-release-fedora-workstation'), machine: 'x86_64' });
  assert.equal(fedora.edition, 'Workstation Edition');
  assert.equal(fedora.family, 'rhel');
  assert.equal(fedora.codename, null);

  const alpine = buildOsSection({ release: release('os-release-alpine'), machine: 'x86_64' });
  assert.deepEqual([alpine.version, alpine.family], ['3.19.1', 'alpine']);

  const arch = buildOsSection({ release: release('os-release-arch'), machine: 'x86_64' });
  assertValidSection('os', arch);
  assert.deepEqual([arch.version, arch.build, arch.family], ['rolling', null, 'arch']);
});

test('families from ID_LIKE, arch names', () => {
  assert.equal(osFamily({ ID: 'rocky', ID_LIKE: 'rhel centos fedora' }), 'rhel');
  assert.equal(osFamily({ ID: 'linuxmint', ID_LIKE: 'ubuntu debian' }), 'debian');
  assert.equal(osFamily({ ID: 'opensuse-tumbleweed', ID_LIKE: 'opensuse suse' }), 'suse');
  assert.equal(osFamily({ ID: 'chimera' }), 'chimera');
  assert.equal(osFamily({}), null);
  assert.equal(normalizeArch('aarch64'), 'arm64');
  assert.equal(normalizeArch('riscv64'), 'riscv64');
});
