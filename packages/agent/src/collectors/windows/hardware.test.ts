import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HardwareSection } from '@muster/protocol';
import { parseHardware } from './hardware.js';
import { assertValid, copy, section } from './testFixtures.js';

const GiB = 1024 ** 3;

describe('windows hardware', () => {
  it('reads the laptop: CPU, DDR4 SODIMMs, NVMe SSD, USB stick, BitLocker volume, GPU, battery', () => {
    const hw = parseHardware(section('win11-laptop', 'hardware'));
    assertValid(HardwareSection, hw);
    assert.deepEqual(hw.cpu, { model: '13th Gen Intel(R) Core(TM) i7-1365U', vendor: 'GenuineIntel', sockets: 1, cores: 10, threads: 12, speedMhz: 1800, maxSpeedMhz: 1800, arch: 'x86_64' });

    // Installed memory (2 x 16 GiB), not the 31.75 GiB Windows can address.
    assert.equal(hw.memory.totalBytes, 32 * GiB);
    assert.equal(hw.memory.modules.length, 2);
    assert.deepEqual(hw.memory.modules[0], {
      slot: 'DIMM A',
      sizeBytes: 16 * GiB,
      type: 'DDR4',
      speedMhz: 3200,
      manufacturer: '80AD000080AD',
      serialNumber: '4A1C2B07',
      partNumber: 'HMAA2GS6CJR8N-XN', // space-padded by the firmware
      formFactor: 'SODIMM',
    });

    const [nvme, usb] = hw.disks;
    assert.equal(nvme?.name, '\\\\.\\PHYSICALDRIVE0');
    assert.equal(nvme?.type, 'ssd');
    // Win32_DiskDrive says "SCSI" for NVMe; the Storage provider knows better.
    assert.equal(nvme?.interface, 'nvme');
    assert.equal(nvme?.serialNumber, '8CE3_8E10_0157_0B7B');
    assert.equal(nvme?.sizeBytes, 512110190592);
    assert.equal(nvme?.removable, false);
    assert.equal(nvme?.firmware, 'AGDA4106');
    assert.equal(usb?.type, 'usb');
    assert.equal(usb?.interface, 'usb');
    assert.equal(usb?.removable, true);

    assert.deepEqual(hw.volumes, [{ mountPoint: 'C:', device: null, fsType: 'NTFS', label: 'Windows', sizeBytes: 510770802688, freeBytes: 201348706304, encrypted: true }]);
    assert.deepEqual(hw.bios, { vendor: 'Dell Inc.', version: '1.14.1', releaseDate: '2023-09-13', firmwareType: 'uefi' });
    assert.equal(hw.baseboard?.product, '0X2T7W');
    // The driver's 128 MiB, not AdapterRAM's 1 GiB guess.
    assert.deepEqual(hw.gpus, [{ name: 'Intel(R) Iris(R) Xe Graphics', vendor: 'Intel Corporation', driverVersion: '31.0.101.4826', memoryBytes: 134217728, pciId: '8086:a7a1' }]);

    assert.equal(hw.batteries.length, 1);
    const battery = hw.batteries[0];
    assert.equal(battery?.chemistry, 'Li-ion');
    assert.equal(battery?.designCapacityWh, 54);
    assert.equal(battery?.fullChargeCapacityWh, 48.627);
    assert.ok(battery?.healthPercent !== undefined && battery.healthPercent !== null && battery.healthPercent >= 90 && battery.healthPercent <= 90.1);
    assert.equal(battery?.cycleCount, 143);
    assert.equal(battery?.chargePercent, 87);
    assert.equal(battery?.status, 'ac power');
    assert.equal(battery?.manufacturer, 'SMP');
  });

  it('reads the Hyper-V guest: two virtual sockets, placeholders, no BitLocker, no battery', () => {
    const hw = parseHardware(section('server2022-vm', 'hardware'));
    assertValid(HardwareSection, hw);
    assert.equal(hw.cpu.model, 'Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz');
    assert.equal(hw.cpu.sockets, 2);
    assert.equal(hw.cpu.cores, 4);
    assert.equal(hw.cpu.threads, 8);
    // "None" part and serial numbers, memory type "unknown", speed 0: all unknown, not values.
    assert.deepEqual(hw.memory.modules, [{ slot: 'M0001', sizeBytes: 16 * GiB, type: null, speedMhz: null, manufacturer: 'Microsoft Corporation', serialNumber: null, partNumber: null, formFactor: null }]);
    assert.equal(hw.disks.length, 2);
    for (const disk of hw.disks) {
      assert.equal(disk.type, 'virtual');
      assert.equal(disk.interface, 'sas');
      assert.equal(disk.serialNumber, null);
      assert.equal(disk.firmware, '1.0');
    }
    // BitLocker's namespace is missing on this server: whether volumes are encrypted is unknown.
    assert.deepEqual(
      hw.volumes.map((v) => [v.mountPoint, v.label, v.encrypted]),
      [
        ['C:', null, null],
        ['D:', 'Data', null],
      ],
    );
    // The RDP session's display adapter is no hardware; the Hyper-V video size came as REG_BINARY.
    assert.deepEqual(hw.gpus, [{ name: 'Microsoft Hyper-V Video', vendor: 'Microsoft Corporation', driverVersion: '10.0.20348.1', memoryBytes: 8 * 1024 * 1024, pciId: null }]);
    assert.deepEqual(hw.batteries, []);
    assert.equal(hw.bios?.version, 'Hyper-V UEFI Release v4.1');
  });

  it('survives unrolled arrays, wrapped arrays, missing providers and enum names', () => {
    const raw = copy(section('win11-laptop', 'hardware'));
    const processors = raw.processors as unknown[];
    raw.processors = processors[0]; // one CPU, unrolled by the pipeline
    raw.memory = { value: [{ Capacity: '17179869184', SMBIOSMemoryType: 34, FormFactor: 12, DeviceLocator: 'Controller0-ChannelA' }], Count: 1 };
    raw.physicalDisks = { error: 'Access denied ' };
    raw.batteries = null;
    raw.encryption = { error: 'Access denied ' };
    const hw = parseHardware(raw);
    assertValid(HardwareSection, hw);
    assert.equal(hw.cpu.cores, 10);
    assert.equal(hw.memory.modules[0]?.type, 'DDR5');
    assert.equal(hw.memory.totalBytes, 16 * GiB);
    // Without the Storage provider: Win32_DiskDrive's view (NVMe shows as SCSI).
    assert.equal(hw.disks[0]?.interface, 'scsi');
    assert.equal(hw.disks[0]?.type, null);
    assert.equal(hw.disks[0]?.serialNumber, '8CE3_8E10_0157_0B7B');
    assert.equal(hw.disks[0]?.sizeBytes, 512105932800);
    assert.equal(hw.volumes[0]?.encrypted, null);
    // Win32_Battery missing, the driver's static data still there.
    assert.equal(hw.batteries.length, 1);
    assert.equal(hw.batteries[0]?.chemistry, 'Li-ion'); // decoded from "LION"

    const named = copy(section('win11-laptop', 'hardware'));
    named.physicalDisks = [{ DeviceId: '0', MediaType: 'SSD', BusType: 'NVMe', Size: 512110190592 }];
    const disk = parseHardware(named).disks[0];
    assert.equal(disk?.type, 'ssd');
    assert.equal(disk?.interface, 'nvme');
  });
});
