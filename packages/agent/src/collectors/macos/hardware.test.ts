import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HardwareSection } from '@muster/protocol';
import { assertSchema, fixture } from './fixture-context.js';
import { decodePartNumber, parseBatteries, parseHardware } from './hardware.js';
import { parseProfilerJson } from './profiler.js';

const GiB = 1024 ** 3;

test('Apple-silicon MacBook Pro: unified memory, one NVMe SSD, Apple GPU, battery', () => {
  const hw = parseHardware({
    profiler: parseProfilerJson(fixture('sonoma-mbp', 'system_profiler.json')),
    sysctl: fixture('sonoma-mbp', 'sysctl.txt'),
    ioreg: fixture('sonoma-mbp', 'ioreg.txt'),
    uname: fixture('sonoma-mbp', 'uname.txt'),
  });
  assertSchema(HardwareSection, hw);
  assert.deepEqual(hw.cpu, { model: 'Apple M2 Pro', vendor: 'Apple', sockets: 1, cores: 10, threads: 10, speedMhz: null, maxSpeedMhz: null, arch: 'arm64' });
  assert.equal(hw.memory.totalBytes, 16 * GiB);
  // Apple silicon reports its memory as one LPDDR5 item, not slots.
  assert.deepEqual(hw.memory.modules, [
    { slot: null, sizeBytes: 16 * GiB, type: 'LPDDR5', speedMhz: null, manufacturer: 'Hynix', serialNumber: null, partNumber: null, formFactor: null },
  ]);
  assert.equal(hw.disks.length, 1);
  assert.deepEqual(hw.disks[0], {
    name: 'disk0',
    model: 'APPLE SSD AP0512Z',
    vendor: null,
    serialNumber: null,
    sizeBytes: 500277790720,
    type: 'nvme',
    interface: 'nvme',
    removable: false,
    firmware: '874.120.',
  });
  assert.deepEqual(
    hw.volumes.map((v) => [v.mountPoint, v.device, v.fsType, v.label]),
    [
      ['/System/Volumes/Data', '/dev/disk3s5', 'APFS', 'Macintosh HD - Data'],
      ['/', '/dev/disk3s1s1', 'APFS', 'Macintosh HD'],
    ],
  );
  assert.equal(hw.volumes[0]?.freeBytes, 287531130880);
  assert.deepEqual(hw.gpus, [{ name: 'Apple M2 Pro', vendor: 'Apple', driverVersion: null, memoryBytes: null, pciId: null }]);
  assert.deepEqual(hw.bios, { vendor: 'Apple Inc.', version: '10151.121.1', releaseDate: null, firmwareType: null });
  assert.equal(hw.baseboard, null);
  assert.equal(hw.batteries.length, 1);
  assert.deepEqual(hw.batteries[0], {
    name: 'bq40z651',
    manufacturer: 'SMP',
    model: null,
    serialNumber: null,
    chemistry: null,
    designCapacityWh: null,
    fullChargeCapacityWh: null,
    healthPercent: 93,
    cycleCount: 142,
    chargePercent: 78,
    status: 'charging',
  });
});

test('Intel iMac: DIMM slots (empty one skipped), Fusion Drive halves, AMD GPU, no battery', () => {
  const hw = parseHardware({
    profiler: parseProfilerJson(fixture('ventura-imac', 'system_profiler.json')),
    sysctl: fixture('ventura-imac', 'sysctl.txt'),
    sysctlIntel: fixture('ventura-imac', 'sysctl-intel.txt'),
    ioreg: fixture('ventura-imac', 'ioreg.txt'),
    uname: fixture('ventura-imac', 'uname.txt'),
  });
  assertSchema(HardwareSection, hw);
  assert.equal(hw.cpu.model, 'Intel(R) Core(TM) i5-9600K CPU @ 3.70GHz');
  assert.equal(hw.cpu.vendor, 'Intel');
  assert.equal(hw.cpu.cores, 6);
  assert.equal(hw.cpu.speedMhz, 3700);
  assert.equal(hw.cpu.arch, 'x86_64');
  assert.ok(hw.cpu.flags?.includes('avx2'));
  assert.ok(hw.cpu.flags?.includes('sse4.2'));

  assert.equal(hw.memory.totalBytes, 32 * GiB);
  assert.deepEqual(
    hw.memory.modules.map((m) => [m.slot, m.sizeBytes, m.type, m.speedMhz, m.manufacturer, m.partNumber]),
    [
      ['ChannelA-DIMM0', 8 * GiB, 'DDR4', 2667, 'SK Hynix', 'HMA81GS6CJR8N-VK'],
      ['ChannelA-DIMM1', 16 * GiB, 'DDR4', 2667, 'Crucial Technology', 'CT16G4SFRA266.M16FRS'],
      ['ChannelB-DIMM0', 8 * GiB, 'DDR4', 2667, 'SK Hynix', 'HMA81GS6CJR8N-VK'],
    ],
  );
  const sum = hw.memory.modules.reduce((total, m) => total + (m.sizeBytes ?? 0), 0);
  assert.equal(sum, hw.memory.totalBytes);

  assert.deepEqual(
    hw.disks.map((d) => [d.name, d.type, d.interface, d.sizeBytes]),
    [
      ['disk0', 'nvme', 'nvme', 121332826112],
      ['disk1', 'hdd', 'sata', 2000398934016],
    ],
  );
  assert.deepEqual(
    hw.volumes.map((v) => v.mountPoint),
    ['/System/Volumes/Data', '/', '/Volumes/Backup'],
  );
  assert.deepEqual(hw.gpus, [{ name: 'Radeon Pro 580X', vendor: 'AMD', driverVersion: null, memoryBytes: 8 * GiB, pciId: '1002:67df' }]);
  assert.deepEqual(hw.bios, { vendor: 'Apple Inc.', version: '1968.120.12.0.0', releaseDate: null, firmwareType: 'uefi' });
  assert.deepEqual(hw.baseboard, { vendor: 'Apple Inc.', product: 'Mac-AA95B1DDAB278B95', version: null, serialNumber: null });
  assert.deepEqual(hw.batteries, []);
});

test('battery status follows the charger and the charge flags', () => {
  const report = (charge: Record<string, unknown>, connected: string) =>
    parseProfilerJson(
      JSON.stringify({
        SPPowerDataType: [
          { _name: 'spbattery_information', sppower_battery_charge_info: charge, sppower_battery_health_info: { sppower_battery_cycle_count: 7 } },
          { _name: 'sppower_ac_charger_information', sppower_battery_charger_connected: connected },
        ],
      }),
    );
  assert.equal(parseBatteries(report({ sppower_battery_fully_charged: 'TRUE' }, 'TRUE'))[0]?.status, 'full');
  assert.equal(parseBatteries(report({ sppower_battery_is_charging: 'FALSE', sppower_battery_state_of_charge: 55 }, 'FALSE'))[0]?.status, 'discharging');
  assert.equal(parseBatteries(report({ sppower_battery_is_charging: 'FALSE' }, 'TRUE'))[0]?.status, 'not charging');
  assert.equal(parseBatteries(report({}, 'FALSE'))[0]?.healthPercent, null);
});

test('hex part numbers decode; others pass through', () => {
  assert.equal(decodePartNumber('0x4D34373141353134334542332D43524320'), 'M471A5143EB3-CRC');
  assert.equal(decodePartNumber('CT16G4SFRA266.M16FRS'), 'CT16G4SFRA266.M16FRS');
  assert.equal(decodePartNumber('0x0000'), '0x0000');
});

test('an empty system_profiler report still gives a valid section', () => {
  const hw = parseHardware({});
  assertSchema(HardwareSection, hw);
  assert.deepEqual(hw.disks, []);
  assert.equal(hw.bios, null);
});
