import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OsSection } from '@muster/protocol';
import { parseOs, windowsArch } from './os.js';
import { assertValid, copy, section } from './testFixtures.js';

describe('windows os', () => {
  it('reads Windows 11 23H2', () => {
    const os = parseOs(section('win11-laptop', 'os'));
    assertValid(OsSection, os);
    // The caption, not the registry's ProductName, which still says "Windows 10 Pro".
    assert.equal(os.name, 'Windows 11 Pro');
    assert.equal(os.platform, 'windows');
    assert.equal(os.version, '23H2');
    assert.equal(os.build, '22631.2715');
    assert.equal(os.kernelName, 'Windows NT');
    assert.equal(os.kernelVersion, '10.0.22631');
    assert.equal(os.arch, 'x86_64');
    assert.equal(os.edition, 'Professional');
    assert.equal(os.family, 'client');
    assert.equal(os.installDate, '2023-06-12T14:21:07.000Z');
  });

  it('reads Windows Server 2022', () => {
    const os = parseOs(section('server2022-vm', 'os'));
    assertValid(OsSection, os);
    assert.equal(os.name, 'Windows Server 2022 Standard');
    assert.equal(os.version, '21H2');
    assert.equal(os.build, '20348.2113');
    assert.equal(os.edition, 'ServerStandard');
    assert.equal(os.family, 'server');
  });

  it('falls back for older builds and missing values', () => {
    const raw = copy(section('win11-laptop', 'os'));
    const cv = raw.currentVersion as Record<string, unknown>;
    // Windows 10 1909 has no DisplayVersion; a UBR read as a string.
    delete cv.DisplayVersion;
    cv.ReleaseId = '1909';
    cv.UBR = '2251';
    cv.CurrentBuildNumber = '18363';
    raw.processorArchitecture = null;
    (raw.os as Record<string, unknown>).OSArchitecture = '64-Bit';
    const os = parseOs(raw);
    assertValid(OsSection, os);
    assert.equal(os.version, '1909');
    assert.equal(os.build, '18363.2251');
    assert.equal(os.arch, 'x86_64');
  });

  it('names the machine architecture', () => {
    assert.equal(windowsArch('ARM64'), 'arm64');
    assert.equal(windowsArch('x86'), 'x86');
    assert.equal(windowsArch(null, 'ARM 64-bit Processor'), 'arm64');
    assert.equal(windowsArch(null, '32-bit'), 'x86');
    assert.equal(windowsArch(null, null), null);
  });
});
