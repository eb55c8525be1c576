import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SystemSection } from '@muster/protocol';
import { assertSchema, fixture, type MachineName } from './fixture-context.js';
import { parseProfilerJson } from './profiler.js';
import { chassisFor, parseIoreg, parseSystem } from './system.js';

const NOW = new Date('2024-06-05T14:30:00Z');

function systemOf(machine: MachineName) {
  return parseSystem({
    hostname: fixture(machine, 'hostname.txt'),
    sysctl: fixture(machine, 'sysctl.txt'),
    ioreg: fixture(machine, 'ioreg.txt'),
    localtime: fixture(machine, 'readlink-localtime.txt'),
    profiler: parseProfilerJson(fixture(machine, 'system_profiler.json')),
    now: NOW,
  });
}

test('Apple-silicon MacBook Pro: identity from ioreg, model from sysctl, boot time', () => {
  const system = systemOf('sonoma-mbp');
  assertSchema(SystemSection, system);
  assert.equal(system.hostname, 'Annas-MacBook-Pro');
  assert.equal(system.fqdn, 'Annas-MacBook-Pro.local');
  assert.equal(system.hardwareUuid, '3F5C2A91-7B4E-5D6A-9C8B-1E2F3A4B5C6D');
  assert.equal(system.serialNumber, 'K7PXL3KM9J');
  assert.equal(system.vendor, 'Apple Inc.');
  assert.equal(system.model, 'Mac14,9');
  assert.equal(system.family, 'MacBook Pro');
  assert.equal(system.chassisType, 'laptop');
  assert.equal(system.timezone, 'Europe/Berlin');
  assert.equal(system.bootTime, '2024-06-03T07:33:19.000Z');
  assert.equal(system.uptimeSeconds, 2 * 86400 + 6 * 3600 + 56 * 60 + 41);
  assert.deepEqual(system.virtualization, { role: 'physical', technology: null });
  assert.equal(system.machineId, null, 'macOS has no installation id to report');
});

test('Intel iMac: desktop chassis, DHCP-given FQDN', () => {
  const system = systemOf('ventura-imac');
  assertSchema(SystemSection, system);
  assert.equal(system.hostname, 'Studio-iMac');
  assert.equal(system.fqdn, 'Studio-iMac.corp.example.com');
  assert.equal(system.serialNumber, 'C02Z10NKJV3Q');
  assert.equal(system.hardwareUuid, '6E2B7D41-0A93-5C8F-B1E4-2D7F9A3C8E10');
  assert.equal(system.model, 'iMac19,1');
  assert.equal(system.family, 'iMac');
  assert.equal(system.chassisType, 'desktop');
  assert.equal(system.timezone, 'America/New_York');
  assert.equal(system.bootTime, '2024-05-20T06:12:44.000Z');
});

test('ioreg values: plain strings, <"data strings"> and raw data', () => {
  const values = parseIoreg(fixture('ventura-imac', 'ioreg.txt'));
  assert.equal(values.get('board-id'), 'Mac-AA95B1DDAB278B95');
  assert.equal(values.get('IOPlatformSerialNumber'), 'C02Z10NKJV3Q');
  assert.equal(values.get('system-type'), '<01>');
});

test('missing tools leave fields null instead of guessing', () => {
  const system = parseSystem({ now: NOW });
  assertSchema(SystemSection, system);
  assert.equal(system.hostname, '');
  assert.equal(system.serialNumber, null);
  assert.equal(system.bootTime, null);
  assert.equal(system.virtualization, undefined);
  assert.equal(chassisFor(undefined, 'VirtualMac2,1'), 'virtual');
  assert.equal(chassisFor('Mac mini', 'Mac14,3'), 'desktop');
});
