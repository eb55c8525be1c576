import os from 'node:os';
import { LIMITS, type HardwareSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { dmiDate, readDmi } from './dmi.js';
import { fsx } from './fsx.js';
import { normalizeArch } from './os.js';
import { clip, readCached, readTrimmed, toInt } from './shared.js';
import { listVolumes } from './storage.js';

type Cpu = HardwareSection['cpu'];
type MemoryModule = HardwareSection['memory']['modules'][number];
type Disk = HardwareSection['disks'][number];
type Gpu = HardwareSection['gpus'][number];
type Battery = HardwareSection['batteries'][number];

// ---------------------------------------------------------------------------------------------
// CPU

const X86_VENDORS: Record<string, string> = {
  GenuineIntel: 'Intel',
  AuthenticAMD: 'AMD',
  HygonGenuine: 'Hygon',
  CentaurHauls: 'Centaur',
  '  Shanghai  ': 'Zhaoxin',
};

/** ARM "CPU implementer" codes (arch/arm64/include/asm/cputype.h). */
const ARM_IMPLEMENTERS: Record<string, string> = {
  '0x41': 'ARM',
  '0x42': 'Broadcom',
  '0x43': 'Cavium',
  '0x46': 'Fujitsu',
  '0x48': 'HiSilicon',
  '0x4e': 'NVIDIA',
  '0x50': 'Applied Micro',
  '0x51': 'Qualcomm',
  '0x53': 'Samsung',
  '0x61': 'Apple',
  '0x6d': 'Microsoft',
  '0xc0': 'Ampere',
};

/** Common "CPU part" codes of the ARM implementer; others are reported by number. */
const ARM_PARTS: Record<string, string> = {
  '0xd03': 'Cortex-A53',
  '0xd04': 'Cortex-A35',
  '0xd05': 'Cortex-A55',
  '0xd07': 'Cortex-A57',
  '0xd08': 'Cortex-A72',
  '0xd09': 'Cortex-A73',
  '0xd0a': 'Cortex-A75',
  '0xd0b': 'Cortex-A76',
  '0xd0c': 'Neoverse-N1',
  '0xd0d': 'Cortex-A77',
  '0xd40': 'Neoverse-V1',
  '0xd41': 'Cortex-A78',
  '0xd44': 'Cortex-X1',
  '0xd46': 'Cortex-A510',
  '0xd47': 'Cortex-A710',
  '0xd48': 'Cortex-X2',
  '0xd49': 'Neoverse-N2',
  '0xd4f': 'Neoverse-V2',
  '0xd80': 'Cortex-A520',
  '0xd81': 'Cortex-A720',
  '0xd82': 'Cortex-X4',
  '0xd84': 'Neoverse-V3',
  '0xd8e': 'Neoverse-N3',
};

/** /proc/cpuinfo as a list of processor blocks (key → value). */
export function cpuinfoBlocks(text: string): Map<string, string>[] {
  const blocks: Map<string, string>[] = [];
  let current = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) {
      if (!line.trim() && current.size) {
        blocks.push(current);
        current = new Map();
      }
      continue;
    }
    current.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  if (current.size) blocks.push(current);
  return blocks;
}

/**
 * CPU description from /proc/cpuinfo. x86 names the model and topology there; arm64 only gives
 * implementer/part codes (no model name, no sockets), so those fields come from tables or stay null.
 * `threadsPerCore` (from sysfs topology) fills in cores where cpuinfo has no "cpu cores".
 */
export function parseCpuinfo(text: string, extra: { threadsPerCore?: number | null; maxFreqKhz?: number | null; baseFreqKhz?: number | null; arch?: string } = {}): Cpu {
  const blocks = cpuinfoBlocks(text);
  const processors = blocks.filter((b) => b.has('processor'));
  const first = processors[0] ?? blocks[0] ?? new Map<string, string>();
  const threads = processors.length || null;

  let vendor: string | null = null;
  let model: string | null = first.get('model name') ?? first.get('cpu model') ?? first.get('cpu') ?? null;
  const vendorId = first.get('vendor_id');
  if (vendorId) vendor = X86_VENDORS[vendorId] ?? vendorId;
  const implementer = first.get('CPU implementer');
  if (implementer) {
    vendor = ARM_IMPLEMENTERS[implementer.toLowerCase()] ?? implementer;
    // 32-bit kernels print "ARMv7 Processor rev 3 (v7l)" as model name, which names no core: prefer the part table.
    const parts = [...new Set(processors.map((p) => p.get('CPU part')).filter((p): p is string => Boolean(p)))];
    const names = parts.map((p) => (implementer.toLowerCase() === '0x41' ? ARM_PARTS[p.toLowerCase()] : undefined) ?? `${vendor} ${p}`);
    if (names.length) model = names.join(' / ');
  }

  // Sockets and cores: x86 lists "physical id" and per-socket "cpu cores".
  const physicalIds = new Set(processors.map((p) => p.get('physical id')).filter((v): v is string => v !== undefined));
  const sockets = physicalIds.size || null;
  let cores: number | null = null;
  if (physicalIds.size) {
    const perSocket = new Map<string, number>();
    for (const p of processors) {
      const id = p.get('physical id');
      const n = toInt(p.get('cpu cores'));
      if (id !== undefined && n !== null) perSocket.set(id, n);
    }
    if (perSocket.size) cores = [...perSocket.values()].reduce((a, b) => a + b, 0);
    else cores = new Set(processors.map((p) => `${p.get('physical id')}:${p.get('core id')}`)).size;
  } else if (threads && extra.threadsPerCore) {
    cores = Math.max(1, Math.round(threads / extra.threadsPerCore));
  }

  // Nominal speed: Intel writes it in the model name ("@ 2.40GHz"); else the base frequency from
  // cpufreq; else the current "cpu MHz" (which moves with load, hence the last resort).
  const nominal = model ? /@\s*([\d.]+)\s*GHz/i.exec(model) : null;
  const current = Number(first.get('cpu MHz') ?? NaN);
  const speedMhz = nominal?.[1]
    ? Math.round(Number(nominal[1]) * 1000)
    : extra.baseFreqKhz
      ? Math.round(extra.baseFreqKhz / 1000)
      : Number.isFinite(current) && current > 0
        ? Math.round(current)
        : null;
  const flags = (first.get('flags') ?? first.get('Features') ?? '').split(/\s+/).filter(Boolean);

  return {
    model: clip(model?.replace(/\s+/g, ' '), LIMITS.name),
    vendor: clip(vendor, LIMITS.name),
    sockets,
    cores,
    threads,
    speedMhz,
    maxSpeedMhz: extra.maxFreqKhz ? Math.round(extra.maxFreqKhz / 1000) : null,
    arch: extra.arch ?? null,
    flags: flags.slice(0, 512).map((f) => f.slice(0, 32)),
  };
}

/** "0-3,8-11" (sysfs cpu lists) → number of CPUs. */
export function countCpuList(list: string): number {
  let n = 0;
  for (const part of list.trim().split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-');
    const start = Number(a);
    const end = b === undefined ? start : Number(b);
    if (Number.isInteger(start) && Number.isInteger(end) && end >= start) n += end - start + 1;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Memory

/** /proc/meminfo → bytes per key (kB values scaled; counts such as HugePages_Total kept as is). */
export function parseMeminfo(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([^:]+):\s+(\d+)(\s+kB)?/.exec(line);
    if (match?.[1] && match[2]) out.set(match[1], Number(match[2]) * (match[3] ? 1024 : 1));
  }
  return out;
}

const SMBIOS_MEMORY_TYPES: Record<number, string> = {
  0x01: 'Other',
  0x03: 'DRAM',
  0x07: 'RAM',
  0x0f: 'SDRAM',
  0x12: 'DDR',
  0x13: 'DDR2',
  0x14: 'DDR2 FB-DIMM',
  0x18: 'DDR3',
  0x1a: 'DDR4',
  0x1b: 'LPDDR',
  0x1c: 'LPDDR2',
  0x1d: 'LPDDR3',
  0x1e: 'LPDDR4',
  0x20: 'HBM',
  0x21: 'HBM2',
  0x22: 'DDR5',
  0x23: 'LPDDR5',
  0x24: 'HBM3',
};

const SMBIOS_FORM_FACTORS: Record<number, string> = {
  0x01: 'Other',
  0x03: 'SIMM',
  0x04: 'SIP',
  0x05: 'Chip',
  0x06: 'DIP',
  0x07: 'ZIP',
  0x08: 'Proprietary Card',
  0x09: 'DIMM',
  0x0a: 'TSOP',
  0x0b: 'Row of chips',
  0x0c: 'RIMM',
  0x0d: 'SODIMM',
  0x0e: 'SRIMM',
  0x0f: 'FB-DIMM',
  0x10: 'Die',
};

/**
 * Memory Device (type 17) structures of a raw SMBIOS table (/sys/firmware/dmi/tables/DMI, root
 * only). Offsets from DMTF DSP0134; fields past a structure's length are absent in older versions.
 * Empty slots (size 0) are left out.
 */
export function parseSmbiosMemoryDevices(table: Uint8Array): MemoryModule[] {
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const modules: MemoryModule[] = [];
  let offset = 0;
  while (offset + 4 <= table.length) {
    const type = table[offset] ?? 0;
    const length = table[offset + 1] ?? 0;
    if (length < 4 || offset + length > table.length) break;
    // The string set follows the formatted area: NUL-terminated strings, ended by an extra NUL.
    const strings: string[] = [];
    let cursor = offset + length;
    if (table[cursor] === 0 && table[cursor + 1] === 0) cursor += 2;
    else {
      while (cursor < table.length && table[cursor] !== 0) {
        const end = table.indexOf(0, cursor);
        if (end < 0) break;
        strings.push(Buffer.from(table.subarray(cursor, end)).toString('latin1').trim());
        cursor = end + 1;
      }
      cursor += 1;
    }
    if (type === 17 && length >= 0x15) {
      const byte = (at: number) => (at < length ? (table[offset + at] ?? 0) : 0);
      const word = (at: number) => (at + 1 < length ? view.getUint16(offset + at, true) : 0);
      const dword = (at: number) => (at + 3 < length ? view.getUint32(offset + at, true) : 0);
      const str = (at: number) => {
        const index = byte(at);
        return index > 0 ? clip(strings[index - 1], LIMITS.name) : null;
      };
      const size = word(0x0c);
      let sizeBytes: number | null = null;
      if (size === 0x7fff) sizeBytes = (dword(0x1c) & 0x7fffffff) * 1024 * 1024;
      else if (size !== 0xffff) sizeBytes = (size & 0x8000 ? (size & 0x7fff) * 1024 : size * 1024 * 1024) || 0;
      if (sizeBytes !== 0) {
        const speed = word(0x15);
        const speedMhz = speed === 0xffff ? dword(0x54) || null : speed || null;
        const junk = (v: string | null) => (v && !/^(unknown|not specified|none|0+|no dimm|\[empty\])$/i.test(v) ? v : null);
        modules.push({
          slot: str(0x10),
          sizeBytes,
          type: SMBIOS_MEMORY_TYPES[byte(0x12)] ?? null,
          speedMhz,
          manufacturer: junk(str(0x17)),
          serialNumber: junk(str(0x18)),
          partNumber: junk(str(0x1a)),
          formFactor: SMBIOS_FORM_FACTORS[byte(0x0e)] ?? null,
        });
      }
    }
    if (type === 127) break;
    offset = cursor;
  }
  return modules;
}

// ---------------------------------------------------------------------------------------------
// Disks

/** Block devices that are not disks: loop files, RAM disks, device-mapper, md RAID, network and ZFS volumes. */
const NOT_DISKS = /^(loop|ram|zram|dm-|md|nbd|fd|zd|drbd|rbd)/;

/** udev's database entry (/run/udev/data/b<maj>:<min>): E:KEY=value lines. */
export function parseUdevData(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('E:')) continue;
    const eq = line.indexOf('=');
    if (eq > 2) out.set(line.slice(2, eq), line.slice(eq + 1));
  }
  return out;
}

const decodeUdev = (s: string | undefined) => s?.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).trim();

/** PCI-style vendor ids some block drivers expose instead of a name. */
const BLOCK_VENDOR_IDS: Record<string, string> = { '0x1af4': 'Red Hat', '0x1b36': 'Red Hat', '0x15ad': 'VMware', '0x1414': 'Microsoft' };

export interface DiskFacts {
  name: string;
  /** /sys/block/<name> link target: ../devices/pci0000:00/…/usb1/…/block/sdb */
  sysPath?: string;
  sizeSectors?: string;
  rotational?: string;
  removable?: string;
  model?: string;
  vendor?: string;
  serial?: string;
  firmware?: string;
  udev?: Map<string, string>;
}

/** One disk from what sysfs and udev say about it. */
export function describeDisk(f: DiskFacts): Disk {
  const path = f.sysPath ?? '';
  const udev = f.udev ?? new Map<string, string>();
  const model = decodeUdev(udev.get('ID_MODEL_ENC')) ?? f.model;
  const vendorRaw = decodeUdev(udev.get('ID_VENDOR_ENC')) ?? f.vendor;
  const vendor = vendorRaw && /^0x[0-9a-f]{4}$/i.test(vendorRaw) ? BLOCK_VENDOR_IDS[vendorRaw.toLowerCase()] : vendorRaw;
  const bus = udev.get('ID_BUS');
  const iface = /\/usb\d/.test(path) || bus === 'usb'
    ? 'usb'
    : f.name.startsWith('nvme')
      ? 'nvme'
      : /\/virtio\d/.test(path)
        ? 'virtio'
        : /\/ata\d/.test(path) || bus === 'ata'
          ? 'sata'
          : f.name.startsWith('mmcblk')
            ? 'mmc'
            : /\/vbd-|xen/.test(path) || f.name.startsWith('xvd')
              ? 'xen'
              : /\/host\d+\/target/.test(path) || bus === 'scsi'
                ? 'scsi'
                : null;
  const virtualModel = /QEMU|VBOX|VMware|Virtual (disk|HD)|Msft Virtual|Google PersistentDisk|Amazon Elastic Block/i.test(`${vendor ?? ''} ${model ?? ''}`);
  const type =
    f.name.startsWith('sr')
      ? 'optical'
      : iface === 'usb'
        ? 'usb'
        : iface === 'nvme'
          ? 'nvme'
          : iface === 'virtio' || iface === 'xen' || virtualModel
            ? 'virtual'
            : f.name.startsWith('mmcblk')
              ? 'mmc'
              : f.rotational === '1'
                ? 'hdd'
                : f.rotational === '0'
                  ? 'ssd'
                  : null;
  const sectors = toInt(f.sizeSectors);
  return {
    name: f.name,
    model: clip(model, LIMITS.name),
    vendor: clip(vendor, LIMITS.name),
    serialNumber: clip(udev.get('ID_SERIAL_SHORT') ?? f.serial, LIMITS.name),
    // sysfs counts 512-byte sectors whatever the device's own sector size.
    sizeBytes: sectors === null ? null : sectors * 512,
    type,
    interface: iface,
    removable: f.removable === undefined ? null : f.removable === '1',
    firmware: clip(udev.get('ID_REVISION') ?? f.firmware, LIMITS.version),
  };
}

async function listDisks(ctx: CollectContext): Promise<Disk[]> {
  const fx = fsx(ctx);
  const names = (await ctx.listDir('/sys/block')).filter((n) => !NOT_DISKS.test(n)).sort();
  return Promise.all(
    names.map(async (name) => {
      const base = `/sys/block/${name}`;
      const [sizeSectors, rotational, removable, model, vendor, serial, devSerial, firmwareRev, rev, dev] = await Promise.all([
        readTrimmed(ctx, `${base}/size`),
        readTrimmed(ctx, `${base}/queue/rotational`),
        readTrimmed(ctx, `${base}/removable`),
        readTrimmed(ctx, `${base}/device/model`),
        readTrimmed(ctx, `${base}/device/vendor`),
        readTrimmed(ctx, `${base}/serial`),
        readTrimmed(ctx, `${base}/device/serial`),
        readTrimmed(ctx, `${base}/device/firmware_rev`),
        readTrimmed(ctx, `${base}/device/rev`),
        readTrimmed(ctx, `${base}/dev`),
      ]);
      const udevText = dev ? await ctx.readText(`/run/udev/data/b${dev}`) : undefined;
      return describeDisk({
        name,
        sysPath: fx.readlink(base),
        sizeSectors,
        rotational,
        removable,
        model,
        vendor,
        serial: devSerial ?? serial,
        firmware: firmwareRev ?? rev,
        udev: udevText ? parseUdevData(udevText) : undefined,
      });
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// GPUs

const PCI_VENDORS: Record<string, string> = {
  '10de': 'NVIDIA',
  '1002': 'AMD',
  '1022': 'AMD',
  '8086': 'Intel',
  '1af4': 'Red Hat (virtio)',
  '1234': 'QEMU',
  '15ad': 'VMware',
  '1414': 'Microsoft',
  '80ee': 'VirtualBox',
  '102b': 'Matrox',
  '1a03': 'ASPEED',
  '5143': 'Qualcomm',
  '13b5': 'ARM',
};

/** Device name from pci.ids (the hwdata database, when installed): vendor line, then its tab-indented device lines. */
export function pciIdsName(pciIds: string, vendorId: string, deviceId: string): { vendor?: string; device?: string } {
  const header = `${vendorId}  `;
  // Start of the vendor's line (indexOf's -1 becomes 0, which only counts if the file starts with it).
  const vendorAt = pciIds.indexOf(`\n${header}`) + 1;
  if (vendorAt === 0 && !pciIds.startsWith(header)) return {};
  const vendorEnd = pciIds.indexOf('\n', vendorAt);
  const vendor = pciIds.slice(vendorAt + header.length, vendorEnd < 0 ? undefined : vendorEnd).trim();
  let cursor = vendorEnd;
  while (cursor >= 0 && cursor < pciIds.length) {
    const next = pciIds.indexOf('\n', cursor + 1);
    const line = pciIds.slice(cursor + 1, next < 0 ? undefined : next);
    if (line && !line.startsWith('\t') && !line.startsWith('#')) break;
    if (line.startsWith(`\t${deviceId}  `)) return { vendor, device: line.slice(deviceId.length + 3).trim() };
    cursor = next;
  }
  return { vendor };
}

async function listGpus(ctx: CollectContext): Promise<Gpu[]> {
  const fx = fsx(ctx);
  const root = '/sys/bus/pci/devices';
  const devices = await ctx.listDir(root);
  // A PCI bus has dozens of functions on real hardware: read their class with the cheap reader.
  const displays = devices.filter((d) => fx.readSmall(`${root}/${d}/class`)?.startsWith('0x03'));
  if (!displays.length) return [];
  const pciIds = (await ctx.readText('/usr/share/misc/pci.ids')) ?? (await ctx.readText('/usr/share/hwdata/pci.ids'));
  return Promise.all(
    displays.map(async (address): Promise<Gpu> => {
      const [vendorHex, deviceHex, vram] = await Promise.all([
        readTrimmed(ctx, `${root}/${address}/vendor`),
        readTrimmed(ctx, `${root}/${address}/device`),
        readTrimmed(ctx, `${root}/${address}/mem_info_vram_total`),
      ]);
      const vendorId = (vendorHex ?? '').replace(/^0x/, '').toLowerCase();
      const deviceId = (deviceHex ?? '').replace(/^0x/, '').toLowerCase();
      const names = pciIds ? pciIdsName(pciIds, vendorId, deviceId) : {};
      const vendor = PCI_VENDORS[vendorId] ?? names.vendor ?? null;
      const driver = fx.readlink(`${root}/${address}/driver`)?.split('/').pop();
      // Only proprietary modules carry a version (nvidia); in-tree drivers follow the kernel.
      const driverVersion = driver ? await readTrimmed(ctx, `/sys/module/${driver}/version`) : undefined;
      return {
        name: clip(names.device ? `${vendor ?? names.vendor ?? ''} ${names.device}` : `${vendor ?? 'PCI'} display controller [${vendorId}:${deviceId}]`, LIMITS.name) ?? address,
        vendor: clip(vendor, LIMITS.name),
        driverVersion: clip(driverVersion, LIMITS.version),
        memoryBytes: toInt(vram),
        pciId: clip(`${vendorId}:${deviceId}`, 64),
      };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Batteries

/** A power_supply uevent (POWER_SUPPLY_KEY=value lines) → battery, or null for mains adapters and peripherals' batteries. */
export function parseBatteryUevent(text: string): Battery | null {
  const v = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) v.set(line.slice(0, eq).replace(/^POWER_SUPPLY_/, ''), line.slice(eq + 1).trim());
  }
  if (v.get('TYPE') !== 'Battery' || v.get('SCOPE') === 'Device' || v.get('PRESENT') === '0') return null;
  const num = (key: string) => {
    const n = Number(v.get(key) ?? NaN);
    return Number.isFinite(n) ? n : null;
  };
  // Capacities come in µWh (energy_*) or in µAh (charge_*), the latter converted with the design voltage.
  const voltage = num('VOLTAGE_MIN_DESIGN');
  const wh = (energy: string, charge: string) => {
    const e = num(energy);
    if (e !== null) return e / 1e6;
    const c = num(charge);
    return c !== null && voltage ? (c * voltage) / 1e12 : null;
  };
  const round = (n: number | null, digits = 2) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);
  const design = wh('ENERGY_FULL_DESIGN', 'CHARGE_FULL_DESIGN');
  const full = wh('ENERGY_FULL', 'CHARGE_FULL');
  const health = design && full !== null ? Math.min(200, (full / design) * 100) : null;
  const capacity = num('CAPACITY');
  const status = v.get('STATUS');
  return {
    name: clip(v.get('NAME'), LIMITS.name),
    manufacturer: clip(v.get('MANUFACTURER'), LIMITS.name),
    model: clip(v.get('MODEL_NAME'), LIMITS.name),
    serialNumber: clip(v.get('SERIAL_NUMBER'), LIMITS.name),
    chemistry: clip(v.get('TECHNOLOGY') === 'Unknown' ? null : v.get('TECHNOLOGY'), 64),
    designCapacityWh: round(design),
    fullChargeCapacityWh: round(full),
    healthPercent: round(health, 1),
    cycleCount: toInt(v.get('CYCLE_COUNT')),
    chargePercent: capacity === null ? null : Math.max(0, Math.min(100, capacity)),
    status: status && status !== 'Unknown' ? status.toLowerCase() : null,
  };
}

async function listBatteries(ctx: CollectContext): Promise<Battery[]> {
  const out: Battery[] = [];
  for (const name of await ctx.listDir('/sys/class/power_supply')) {
    const uevent = await ctx.readText(`/sys/class/power_supply/${name}/uevent`);
    const battery = uevent ? parseBatteryUevent(uevent) : null;
    if (battery) out.push({ ...battery, name: battery.name ?? name });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export async function collectHardware(ctx: CollectContext): Promise<HardwareSection> {
  const fx = fsx(ctx);
  const [cpuinfo, meminfo, siblings, maxFreq, baseFreq, online, dmi, efi] = await Promise.all([
    readCached(ctx, '/proc/cpuinfo'),
    ctx.readText('/proc/meminfo'),
    readTrimmed(ctx, '/sys/devices/system/cpu/cpu0/topology/thread_siblings_list'),
    readTrimmed(ctx, '/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq'),
    readTrimmed(ctx, '/sys/devices/system/cpu/cpu0/cpufreq/base_frequency'),
    readTrimmed(ctx, '/sys/devices/system/cpu/online'),
    readDmi(ctx),
    ctx.exists('/sys/firmware/efi'),
  ]);
  const cpu = parseCpuinfo(cpuinfo ?? '', {
    threadsPerCore: siblings ? countCpuList(siblings) : null,
    maxFreqKhz: toInt(maxFreq),
    baseFreqKhz: toInt(baseFreq),
    arch: normalizeArch(os.machine()),
  });
  if (!cpu.threads && online) cpu.threads = countCpuList(online) || null;

  // The raw SMBIOS table is root-only; without it the module list stays empty.
  const smbios = fx.readBytes('/sys/firmware/dmi/tables/DMI', 0, 1024 * 1024);
  const volumes = await listVolumes(ctx);

  return {
    cpu,
    memory: {
      totalBytes: meminfo ? (parseMeminfo(meminfo).get('MemTotal') ?? null) : null,
      modules: smbios ? parseSmbiosMemoryDevices(smbios).slice(0, LIMITS.memoryModules) : [],
    },
    disks: (await listDisks(ctx)).slice(0, LIMITS.disks),
    volumes: volumes.slice(0, LIMITS.volumes).map((v) => ({
      mountPoint: v.mountPoint.slice(0, LIMITS.path),
      device: clip(v.device, LIMITS.path),
      fsType: clip(v.fsType, 64),
      label: clip(v.label, LIMITS.name),
      sizeBytes: v.sizeBytes,
      freeBytes: v.freeBytes,
      encrypted: v.encrypted,
    })),
    bios: dmi
      ? {
          vendor: clip(dmi.bios_vendor, LIMITS.name),
          version: clip(dmi.bios_version, LIMITS.version),
          releaseDate: dmiDate(dmi.bios_date),
          firmwareType: efi ? 'uefi' : 'bios',
        }
      : null,
    baseboard: dmi
      ? {
          vendor: clip(dmi.board_vendor, LIMITS.name),
          product: clip(dmi.board_name, LIMITS.name),
          version: clip(dmi.board_version, LIMITS.version),
          serialNumber: clip(dmi.board_serial, LIMITS.name),
        }
      : null,
    gpus: (await listGpus(ctx)).slice(0, 64),
    batteries: (await listBatteries(ctx)).slice(0, 16),
  };
}
