import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeContext } from './fake-context.js';
import { collectHardware, countCpuList, describeDisk, parseBatteryUevent, parseCpuinfo, parseMeminfo, parseSmbiosMemoryDevices, parseUdevData, pciIdsName } from './hardware.js';
import { assertValidSection, fixture } from './test-support.js';

test('x86 cpuinfo (recorded on a 2-vCPU AMD EPYC VM)', () => {
  const cpu = parseCpuinfo(fixture('proc-cpuinfo-x86_64'), { arch: 'x86_64' });
  assert.equal(cpu.vendor, 'AMD');
  assert.equal(cpu.model, 'AMD EPYC');
  assert.equal(cpu.sockets, 1);
  assert.equal(cpu.cores, 2);
  assert.equal(cpu.threads, 2);
  assert.equal(cpu.speedMhz, 2596);
  assert.ok(cpu.flags?.includes('avx2'));
  assert.ok(cpu.flags?.includes('hypervisor'));
});

test('Intel model names carry the nominal speed; cpufreq gives the maximum', () => {
  const text = ['processor\t: 0', 'vendor_id\t: GenuineIntel', 'model name\t: Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz', 'physical id\t: 0', 'core id\t\t: 0', 'cpu cores\t: 4', 'cpu MHz\t\t: 800.012', 'flags\t\t: fpu vme ht'].join('\n');
  const cpu = parseCpuinfo(`${text}\n`, { maxFreqKhz: 4200000 });
  assert.equal(cpu.vendor, 'Intel');
  assert.equal(cpu.speedMhz, 1900);
  assert.equal(cpu.maxSpeedMhz, 4200);
  assert.equal(cpu.cores, 4);
});

test('arm64 cpuinfo: no model name, part table instead; cores from sysfs topology', () => {
  const cpu = parseCpuinfo(fixture('proc-cpuinfo-arm64'), { threadsPerCore: 1, arch: 'arm64' });
  assert.equal(cpu.vendor, 'ARM');
  assert.equal(cpu.model, 'Neoverse-N1');
  assert.equal(cpu.threads, 4);
  assert.equal(cpu.cores, 4);
  // cpuinfo names no sockets on arm64: unknown, not invented.
  assert.equal(cpu.sockets, null);
  assert.equal(cpu.speedMhz, null);
  assert.ok(cpu.flags?.includes('asimd'));
});

test('cpu lists and meminfo', () => {
  assert.equal(countCpuList('0-3,8-11\n'), 8);
  assert.equal(countCpuList('0'), 1);
  const mem = parseMeminfo(fixture('proc-meminfo'));
  assert.ok((mem.get('MemTotal') ?? 0) > 1024 * 1024 * 1024);
  assert.equal((mem.get('MemTotal') ?? 0) % 1024, 0);
});

/** An SMBIOS type 17 structure as DSP0134 3.x lays it out (0x54 bytes formatted area + strings). */
function memoryDevice(handle: number, sizeField: number, extendedMb: number, strings: string[], type = 0x1a, speed = 3200): Buffer {
  const f = Buffer.alloc(0x54);
  f[0] = 17;
  f[1] = 0x54;
  f.writeUInt16LE(handle, 2);
  f.writeUInt16LE(64, 0x08);
  f.writeUInt16LE(64, 0x0a);
  f.writeUInt16LE(sizeField, 0x0c);
  f[0x0e] = 0x0d; // SODIMM
  f[0x10] = 1; // device locator: string 1
  f[0x11] = 2; // bank locator: string 2
  f[0x12] = type;
  f.writeUInt16LE(speed, 0x15);
  f[0x17] = 3; // manufacturer
  f[0x18] = 4; // serial
  f[0x1a] = 5; // part number
  f.writeUInt32LE(extendedMb, 0x1c);
  const strs = Buffer.from(`${strings.join('\0')}\0\0`, 'latin1');
  return Buffer.concat([f, strs]);
}

test('SMBIOS memory devices: sizes in MB, KB and extended, empty slots skipped', () => {
  const bios = Buffer.concat([Buffer.from([0, 0x18, 0, 0, 1, 2]), Buffer.alloc(0x12), Buffer.from('LENOVO\0N2IET99W\0\0', 'latin1')]);
  const table = Buffer.concat([
    bios,
    memoryDevice(0x40, 16384, 0, ['DIMM A', 'BANK 0', 'Samsung', '12345678', 'M471A2K43EB1-CWE']),
    memoryDevice(0x41, 0, 0, ['DIMM B', 'BANK 1', 'Not Specified', 'Not Specified', 'Not Specified']),
    memoryDevice(0x42, 0x7fff, 65536, ['DIMM C', 'BANK 2', 'Micron', 'ABCDEF01', 'MTC20C2085S1EC48BA1'], 0x22, 4800),
    Buffer.from([127, 4, 0xff, 0xfe, 0, 0]),
  ]);
  const modules = parseSmbiosMemoryDevices(table);
  assert.equal(modules.length, 2);
  assert.deepEqual(modules[0], {
    slot: 'DIMM A',
    sizeBytes: 16 * 1024 ** 3,
    type: 'DDR4',
    speedMhz: 3200,
    manufacturer: 'Samsung',
    serialNumber: '12345678',
    partNumber: 'M471A2K43EB1-CWE',
    formFactor: 'SODIMM',
  });
  assert.equal(modules[1]?.sizeBytes, 64 * 1024 ** 3);
  assert.equal(modules[1]?.type, 'DDR5');
});

test('disks: NVMe, SATA via udev, USB, virtio', () => {
  const nvme = describeDisk({ name: 'nvme0n1', sysPath: '../devices/pci0000:00/0000:00:06.0/0000:02:00.0/nvme/nvme0/nvme0n1', sizeSectors: '1000215216', rotational: '0', removable: '0', model: 'SAMSUNG MZVL21T0HCLR-00BL2', serial: 'S64PNX0T123456', firmware: '7L2QFXV7' });
  assert.deepEqual(nvme, { name: 'nvme0n1', model: 'SAMSUNG MZVL21T0HCLR-00BL2', vendor: null, serialNumber: 'S64PNX0T123456', sizeBytes: 512110190592, type: 'nvme', interface: 'nvme', removable: false, firmware: '7L2QFXV7' });

  const udev = parseUdevData('S:disk/by-id/ata-WDC_WD10EZEX-08WN4A0_WD-WCC6Y0ABCDEF\nE:ID_BUS=ata\nE:ID_MODEL=WDC_WD10EZEX-08WN4A0\nE:ID_MODEL_ENC=WDC\\x20WD10EZEX-08WN4A0\\x20\\x20\nE:ID_REVISION=01.01A01\nE:ID_SERIAL_SHORT=WD-WCC6Y0ABCDEF\n');
  const sata = describeDisk({ name: 'sda', sysPath: '../devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda', sizeSectors: '1953525168', rotational: '1', removable: '0', model: 'WDC WD10EZEX-08W', vendor: 'ATA', udev });
  assert.equal(sata.model, 'WDC WD10EZEX-08WN4A0');
  assert.equal(sata.serialNumber, 'WD-WCC6Y0ABCDEF');
  assert.equal(sata.type, 'hdd');
  assert.equal(sata.interface, 'sata');
  assert.equal(sata.firmware, '01.01A01');

  const usb = describeDisk({ name: 'sdb', sysPath: '../devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host1/target1:0:0/1:0:0:0/block/sdb', sizeSectors: '61440000', rotational: '0', removable: '1', model: 'Ultra Fit', vendor: 'SanDisk' });
  assert.equal(usb.type, 'usb');
  assert.equal(usb.removable, true);

  // Recorded on this project's CI VM: a virtio disk exposes its vendor as a PCI id and a serial.
  const vda = describeDisk({ name: 'vda', sysPath: '../devices/pci0000:00/0000:00:02.0/virtio1/block/vda', sizeSectors: '536870912', rotational: '1', removable: '0', vendor: '0x1af4', serial: 'overlayblk' });
  assert.equal(vda.type, 'virtual');
  assert.equal(vda.interface, 'virtio');
  assert.equal(vda.vendor, 'Red Hat');
  assert.equal(vda.sizeBytes, 274877906944);
});

test('batteries: energy and charge units, peripherals skipped', () => {
  const bat0 = parseBatteryUevent(fixture('battery-uevent'));
  assert.equal(bat0?.designCapacityWh, 57);
  assert.equal(bat0?.fullChargeCapacityWh, 48.62);
  assert.equal(bat0?.healthPercent, 85.3);
  assert.equal(bat0?.cycleCount, 412);
  assert.equal(bat0?.chargePercent, 74);
  assert.equal(bat0?.status, 'discharging');
  assert.equal(bat0?.serialNumber, '1234');
  const bat1 = parseBatteryUevent(fixture('battery-charge-uevent'));
  // 4.4 Ah at 11.4 V.
  assert.equal(bat1?.designCapacityWh, 50.16);
  assert.equal(bat1?.status, 'charging');
  assert.equal(parseBatteryUevent(fixture('mouse-battery-uevent')), null);
  assert.equal(parseBatteryUevent('POWER_SUPPLY_NAME=AC\nPOWER_SUPPLY_TYPE=Mains\nPOWER_SUPPLY_ONLINE=1\n'), null);
});

test('pci.ids lookup', () => {
  const ids = '# comment\n10de  NVIDIA Corporation\n\t1eb8  TU104GL [Tesla T4]\n\t\t10de 12a2  Tesla T4\n\t2204  GA102 [GeForce RTX 3090]\n1002  Advanced Micro Devices, Inc. [AMD/ATI]\n\t1eb8  Not this one\n';
  assert.deepEqual(pciIdsName(ids, '10de', '2204'), { vendor: 'NVIDIA Corporation', device: 'GA102 [GeForce RTX 3090]' });
  assert.deepEqual(pciIdsName(ids, '10de', 'ffff'), { vendor: 'NVIDIA Corporation' });
  assert.deepEqual(pciIdsName(ids, '8086', '1234'), {});
});

test('collector on a laptop: DMI, volumes, GPU, battery; and in a container without DMI', async () => {
  const laptop = fakeContext({
    files: {
      '/proc/cpuinfo': fixture('proc-cpuinfo-x86_64'),
      '/proc/meminfo': fixture('proc-meminfo'),
      '/proc/self/mounts': fixture('laptop-mounts'),
      '/sys/class/dmi/id/bios_vendor': 'LENOVO\n',
      '/sys/class/dmi/id/bios_version': 'N2IET99W (1.77 )\n',
      '/sys/class/dmi/id/bios_date': '03/14/2024\n',
      '/sys/class/dmi/id/board_vendor': 'LENOVO\n',
      '/sys/class/dmi/id/board_name': '20QDCTO1WW\n',
      '/sys/class/dmi/id/board_serial': 'Not Available\n',
      '/sys/firmware/efi/systab': '',
      '/sys/block/nvme0n1/size': '1000215216\n',
      '/sys/block/nvme0n1/queue/rotational': '0\n',
      '/sys/block/nvme0n1/removable': '0\n',
      '/sys/block/nvme0n1/device/model': 'SAMSUNG MZVL21T0HCLR-00BL2\n',
      '/sys/block/loop0/size': '1000\n',
      '/sys/block/dm-0/dm/name': 'nvme0n1p3_crypt\n',
      '/sys/block/dm-0/dm/uuid': 'CRYPT-LUKS2-6f5e0a1b2c3d4e5f6a7b8c9d0e1f2a3b-nvme0n1p3_crypt\n',
      '/sys/block/dm-0/slaves/nvme0n1p3': '',
      '/sys/block/dm-1/dm/name': 'vgubuntu-root\n',
      '/sys/block/dm-1/dm/uuid': 'LVM-Jk1lLkUuIdxJkIj0abcdefGhIjKlMnOpQrStUvWxYz0123456789abcdef\n',
      '/sys/block/dm-1/slaves/dm-0': '',
      '/sys/bus/pci/devices/0000:00:02.0/class': '0x030000\n',
      '/sys/bus/pci/devices/0000:00:02.0/vendor': '0x8086\n',
      '/sys/bus/pci/devices/0000:00:02.0/device': '0x3ea0\n',
      '/sys/bus/pci/devices/0000:00:1f.3/class': '0x040380\n',
      '/usr/share/misc/pci.ids': '8086  Intel Corporation\n\t3ea0  WhiskeyLake-U GT2 [UHD Graphics 620]\n',
      '/sys/class/power_supply/AC/uevent': 'POWER_SUPPLY_NAME=AC\nPOWER_SUPPLY_TYPE=Mains\n',
      '/sys/class/power_supply/BAT0/uevent': fixture('battery-uevent'),
    },
    links: {
      '/sys/block/nvme0n1': '../devices/pci0000:00/0000:00:06.0/0000:02:00.0/nvme/nvme0/nvme0n1',
      '/dev/disk/by-label/My\\x20Backup': '../../sda1',
      '/sys/bus/pci/devices/0000:00:02.0/driver': '../../../bus/pci/drivers/i915',
    },
    dirs: { '/sys/class/dmi/id': ['bios_vendor'] },
    statfs: {
      '/': { totalBytes: 500e9, freeBytes: 200e9, availableBytes: 175e9 },
      '/boot': { totalBytes: 1e9, freeBytes: 0.5e9, availableBytes: 0.45e9 },
      '/boot/efi': { totalBytes: 0.5e9, freeBytes: 0.4e9, availableBytes: 0.4e9 },
      '/media/alice/My Backup': { totalBytes: 2e12, freeBytes: 1e12, availableBytes: 1e12 },
    },
  });
  const hw = await collectHardware(laptop);
  assertValidSection('hardware', hw);
  assert.deepEqual(hw.disks.map((d) => d.name), ['nvme0n1']);
  assert.deepEqual(
    hw.volumes.map((v) => [v.mountPoint, v.encrypted, v.label]),
    [
      ['/', true, null],
      ['/boot', false, null],
      ['/boot/efi', false, null],
      ['/media/alice/My Backup', false, 'My Backup'],
      // A network file system: listed, but never asked for its size (a dead server would hang statfs).
      ['/mnt/nas', null, null],
    ],
  );
  assert.equal(hw.volumes.find((v) => v.mountPoint === '/mnt/nas')?.sizeBytes, null);
  assert.deepEqual(hw.bios, { vendor: 'LENOVO', version: 'N2IET99W (1.77 )', releaseDate: '2024-03-14', firmwareType: 'uefi' });
  assert.equal(hw.baseboard?.serialNumber, null);
  assert.deepEqual(hw.gpus, [{ name: 'Intel WhiskeyLake-U GT2 [UHD Graphics 620]', vendor: 'Intel', driverVersion: null, memoryBytes: null, pciId: '8086:3ea0' }]);
  assert.equal(hw.batteries.length, 1);
  assert.equal(hw.memory.modules.length, 0);

  const container = fakeContext({ files: { '/proc/cpuinfo': fixture('proc-cpuinfo-arm64'), '/proc/meminfo': fixture('proc-meminfo'), '/sys/devices/system/cpu/online': '0-3\n' } });
  const bare = await collectHardware(container);
  assertValidSection('hardware', bare);
  assert.equal(bare.bios, null);
  assert.equal(bare.baseboard, null);
  assert.deepEqual([bare.disks, bare.volumes, bare.gpus, bare.batteries], [[], [], [], []]);
});
