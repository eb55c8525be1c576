import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OsSection } from '@muster/protocol';
import { assertSchema, fixture } from './fixture-context.js';
import { codenameFor, machineArch, parseOs } from './os.js';
import { parseProfilerJson } from './profiler.js';

test('Sonoma on Apple silicon', () => {
  const os = parseOs({ swVers: fixture('sonoma-mbp', 'sw_vers.txt'), uname: fixture('sonoma-mbp', 'uname.txt'), sysctl: fixture('sonoma-mbp', 'sysctl.txt') });
  assertSchema(OsSection, os);
  assert.deepEqual(os, {
    platform: 'macos',
    name: 'macOS',
    version: '14.5',
    build: '23F79',
    family: null,
    codename: 'Sonoma',
    kernelName: 'Darwin',
    kernelVersion: '23.5.0',
    arch: 'arm64',
    installDate: null,
    edition: null,
  });
});

test('Ventura on Intel with a Rapid Security Response: the (c) is part of the version', () => {
  const os = parseOs({ swVers: fixture('ventura-imac', 'sw_vers.txt'), uname: fixture('ventura-imac', 'uname.txt'), sysctl: fixture('ventura-imac', 'sysctl.txt') });
  assertSchema(OsSection, os);
  assert.equal(os.version, '13.4.1 (c)');
  assert.equal(os.build, '22F770820d');
  assert.equal(os.codename, 'Ventura');
  assert.equal(os.kernelVersion, '22.5.0');
  assert.equal(os.arch, 'x86_64');
});

test('without sw_vers, system_profiler os_version answers', () => {
  const os = parseOs({ profiler: parseProfilerJson(fixture('ventura-imac', 'system_profiler.json')) });
  assertSchema(OsSection, os);
  assert.equal(os.name, 'macOS');
  assert.equal(os.version, '13.4.1 (c)');
  assert.equal(os.build, '22F770820d');
  assert.equal(os.kernelVersion, '22.5.0');
});

test('a Rosetta-translated agent still reports the arm64 machine', () => {
  // Under Rosetta, uname -m says x86_64 but the CPU brand names the Apple chip.
  assert.equal(machineArch('machdep.cpu.brand_string: Apple M1\n', '23.5.0 x86_64\n'), 'arm64');
  assert.equal(machineArch(undefined, '22.5.0 x86_64\n'), 'x86_64');
  assert.equal(codenameFor('15.0'), 'Sequoia');
  assert.equal(codenameFor('10.15.7'), 'Catalina');
  assert.equal(codenameFor('99.1'), null);
});
