import { LIMITS, type HardwareSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { machineArch } from './os.js';
import { childItems, loadSharedProfiler, profilerBool, profilerItems, type ProfilerReport } from './profiler.js';
import { loadIoreg, loadSysctlStatic, parseIoreg } from './system.js';
import { asCount, asNumber, asObject, asString, BIN, clip, optional, parseBinarySize, parseSysctl, sharedRun, type JsonObject } from './util.js';

type Cpu = HardwareSection['cpu'];
type MemoryModule = HardwareSection['memory']['modules'][number];
type Disk = HardwareSection['disks'][number];
type Volume = HardwareSection['volumes'][number];
type Gpu = HardwareSection['gpus'][number];
type Battery = HardwareSection['batteries'][number];

/** Intel-only sysctl names: asked separately, as an Apple-silicon Mac rejects them. */
export const SYSCTL_INTEL = ['machdep.cpu.vendor', 'hw.cpufrequency', 'hw.cpufrequency_max', 'machdep.cpu.features', 'machdep.cpu.leaf7_features'];

/** JEDEC manufacturer codes system_profiler prints for some Intel-Mac DIMMs. */
const JEDEC: Record<string, string> = { '0x80AD': 'SK Hynix', '0x80CE': 'Samsung', '0x802C': 'Micron', '0x859B': 'Crucial', '0x0198': 'Kingston' };

const GPU_VENDORS: Record<string, string> = { apple: 'Apple', amd: 'AMD', ati: 'AMD', intel: 'Intel', nvidia: 'NVIDIA' };

/** "0x484D41…" part numbers are hex-encoded ASCII on Intel Macs; plain text elsewhere. */
export function decodePartNumber(value: string | undefined): string | undefined {
  if (!value || !/^0x([0-9a-f]{2})+$/i.test(value)) return value;
  const text = Buffer.from(value.slice(2), 'hex').toString('latin1').replace(/\0/g, '').trim();
  return /^[\x20-\x7e]+$/.test(text) ? text : value;
}

/** system_profiler writes "empty" (or nothing) into unpopulated DIMM slots. */
function present(value: unknown): string | undefined {
  const text = asString(value);
  return text && text.toLowerCase() !== 'empty' ? text : undefined;
}

function mhz(value: unknown): number | null {
  const match = /([\d.]+)\s*(GHz|MHz)/i.exec(asString(value) ?? '');
  if (!match) return null;
  const n = Number(match[1]);
  return Math.round(match[2]?.toLowerCase() === 'ghz' ? n * 1000 : n);
}

export function parseCpu(sysctlText: string | undefined, intelText: string | undefined, uname: string | undefined, hardware: JsonObject): Cpu {
  const sysctl = parseSysctl(sysctlText);
  const intel = parseSysctl(intelText);
  const brand = sysctl.get('machdep.cpu.brand_string') ?? asString(hardware.chip_type) ?? asString(hardware.cpu_type);
  const hz = (name: string): number | null => {
    const n = asNumber(intel.get(name));
    return n ? Math.round(n / 1_000_000) : null;
  };
  // Intel feature lists, lower-cased like /proc/cpuinfo flags so fleets compare across OSes.
  const flags = [intel.get('machdep.cpu.features'), intel.get('machdep.cpu.leaf7_features')]
    .flatMap((list) => (list ? list.split(/\s+/) : []))
    .filter(Boolean)
    .map((f) => f.toLowerCase().slice(0, 32));
  // "proc 10:6:4" is total:performance:efficiency cores on Apple silicon; Intel reports a count.
  const profiledCores = asNumber(hardware.number_processors) ?? asNumber(/proc (\d+)/.exec(asString(hardware.number_processors) ?? '')?.[1]);
  const vendorId = intel.get('machdep.cpu.vendor');
  const cpu: Cpu = {
    model: clip(brand, LIMITS.name),
    vendor: vendorId === 'GenuineIntel' ? 'Intel' : vendorId ? clip(vendorId, LIMITS.name) : brand?.startsWith('Apple') ? 'Apple' : brand?.includes('Intel') ? 'Intel' : null,
    sockets: asCount(sysctl.get('hw.packages')) ?? asCount(hardware.packages) ?? null,
    cores: asCount(sysctl.get('hw.physicalcpu')) ?? profiledCores ?? null,
    threads: asCount(sysctl.get('hw.logicalcpu')) ?? null,
    speedMhz: hz('hw.cpufrequency') ?? mhz(hardware.current_processor_speed),
    maxSpeedMhz: hz('hw.cpufrequency_max'),
    arch: machineArch(sysctlText, uname),
  };
  if (flags.length) cpu.flags = [...new Set(flags)].slice(0, 512);
  return cpu;
}

/**
 * Apple silicon reports its unified memory as one item ("SPMemoryDataType": "16 GB", LPDDR5);
 * Intel Macs report DIMM slots under "_items", empty ones included.
 */
export function parseMemoryModules(report: ProfilerReport | undefined): MemoryModule[] {
  const modules: MemoryModule[] = [];
  for (const item of profilerItems(report, 'SPMemoryDataType')) {
    const slots = childItems(item);
    if (slots.length === 0 && present(item.SPMemoryDataType)) {
      modules.push({
        slot: null,
        sizeBytes: parseBinarySize(present(item.SPMemoryDataType)) ?? null,
        type: clip(present(item.dimm_type), 64),
        speedMhz: null,
        manufacturer: clip(present(item.dimm_manufacturer), LIMITS.name),
        serialNumber: null,
        partNumber: null,
        formFactor: null,
      });
      continue;
    }
    for (const slot of slots) {
      const size = parseBinarySize(present(slot.dimm_size));
      if (!size) continue;
      const manufacturer = present(slot.dimm_manufacturer);
      modules.push({
        slot: clip(asString(slot._name), LIMITS.name),
        sizeBytes: size,
        type: clip(present(slot.dimm_type), 64),
        speedMhz: mhz(slot.dimm_speed),
        manufacturer: clip(manufacturer ? (JEDEC[manufacturer.toUpperCase().replace(/^0X/, '0x')] ?? manufacturer) : undefined, LIMITS.name),
        serialNumber: clip(present(slot.dimm_serial_number), LIMITS.name),
        partNumber: clip(decodePartNumber(present(slot.dimm_part_number)), LIMITS.name),
        formFactor: null,
      });
    }
  }
  return modules;
}

/** Whole drives from the NVMe and SATA data types (USB drives show up as volumes only). */
export function parseDisks(report: ProfilerReport | undefined): Disk[] {
  const disks: Disk[] = [];
  const add = (drive: JsonObject, interfaceName: 'nvme' | 'sata'): void => {
    const name = asString(drive.bsd_name) ?? asString(drive._name);
    if (!name) return;
    const medium = asString(drive.spsata_medium_type)?.toLowerCase();
    const removable = profilerBool(drive.removable_media);
    const detachable = profilerBool(drive.detachable_drive);
    disks.push({
      name: clip(name, LIMITS.name) ?? name,
      model: clip(asString(drive.device_model) ?? asString(drive._name), LIMITS.name),
      vendor: null,
      serialNumber: clip(asString(drive.device_serial), LIMITS.name),
      sizeBytes: asCount(drive.size_in_bytes) ?? null,
      type: interfaceName === 'nvme' ? 'nvme' : medium === 'rotational' ? 'hdd' : medium === 'solid state' ? 'ssd' : null,
      interface: interfaceName,
      removable: removable === undefined && detachable === undefined ? null : removable === true || detachable === true,
      firmware: clip(asString(drive.device_revision), LIMITS.version),
    });
  };
  for (const controller of profilerItems(report, 'SPNVMeDataType')) for (const drive of childItems(controller)) add(drive, 'nvme');
  for (const controller of profilerItems(report, 'SPSerialATADataType')) for (const drive of childItems(controller)) add(drive, 'sata');
  return disks.slice(0, LIMITS.disks);
}

/** Mounted volumes from SPStorageDataType; FileVault state is reported by the security section. */
export function parseVolumes(report: ProfilerReport | undefined): Volume[] {
  const volumes: Volume[] = [];
  for (const item of profilerItems(report, 'SPStorageDataType')) {
    const mountPoint = asString(item.mount_point);
    if (!mountPoint) continue;
    const bsd = asString(item.bsd_name);
    volumes.push({
      mountPoint: clip(mountPoint, LIMITS.path) ?? mountPoint,
      device: bsd ? clip(`/dev/${bsd}`, LIMITS.path) : null,
      fsType: clip(asString(item.file_system), 64),
      label: clip(asString(item._name), LIMITS.name),
      sizeBytes: asCount(item.size_in_bytes) ?? null,
      freeBytes: asCount(item.free_space_in_bytes) ?? null,
      encrypted: null,
    });
  }
  return volumes.slice(0, LIMITS.volumes);
}

export function parseGpus(report: ProfilerReport | undefined): Gpu[] {
  const gpus: Gpu[] = [];
  for (const item of profilerItems(report, 'SPDisplaysDataType')) {
    const name = asString(item.sppci_model) ?? asString(item._name);
    if (!name) continue;
    const vendorKey = /sppci_vendor_(\w+)/i.exec(asString(item.spdisplays_vendor) ?? '')?.[1]?.toLowerCase();
    const vendorId = asString(item['spdisplays_vendor-id'])?.replace(/^0x/i, '');
    const deviceId = asString(item['spdisplays_device-id'])?.replace(/^0x/i, '');
    gpus.push({
      name: clip(name, LIMITS.name) ?? name,
      vendor: vendorKey ? (GPU_VENDORS[vendorKey] ?? vendorKey) : null,
      driverVersion: null,
      // Apple silicon shares system memory and reports no VRAM; discrete GPUs give "8 GB".
      memoryBytes: parseBinarySize(asString(item.spdisplays_vram) ?? asString(item.spdisplays_vram_shared)) ?? null,
      pciId: vendorId && deviceId ? `${vendorId}:${deviceId}` : null,
    });
  }
  return gpus;
}

export function parseBatteries(report: ProfilerReport | undefined): Battery[] {
  const batteries: Battery[] = [];
  const power = profilerItems(report, 'SPPowerDataType');
  const charger = power.find((item) => item._name === 'sppower_ac_charger_information');
  for (const item of power) {
    if (item._name !== 'spbattery_information') continue;
    const charge = asObject(item.sppower_battery_charge_info) ?? {};
    const health = asObject(item.sppower_battery_health_info) ?? {};
    const model = asObject(item.sppower_battery_model_info) ?? {};
    const connected = profilerBool(charger?.sppower_battery_charger_connected);
    let status: string | null = null;
    if (profilerBool(charge.sppower_battery_fully_charged)) status = 'full';
    else if (profilerBool(charge.sppower_battery_is_charging)) status = 'charging';
    else if (connected === false) status = 'discharging';
    else if (connected === true) status = 'not charging';
    const maxCapacity = asNumber(asString(health.sppower_battery_health_maximum_capacity)?.replace('%', ''));
    const percent = asNumber(charge.sppower_battery_state_of_charge);
    batteries.push({
      name: clip(asString(model.sppower_battery_device_name), LIMITS.name),
      manufacturer: clip(asString(model.sppower_battery_manufacturer), LIMITS.name),
      model: null,
      serialNumber: clip(asString(model.sppower_battery_serial_number), LIMITS.name),
      chemistry: null,
      // system_profiler gives health as a percentage of design capacity, not watt-hours.
      designCapacityWh: null,
      fullChargeCapacityWh: null,
      healthPercent: maxCapacity ?? null,
      cycleCount: asCount(health.sppower_battery_cycle_count) ?? null,
      chargePercent: percent !== undefined ? Math.min(100, Math.max(0, percent)) : null,
      status,
    });
  }
  return batteries;
}

export interface HardwareInputs {
  profiler?: ProfilerReport;
  sysctl?: string;
  /** `sysctl` with SYSCTL_INTEL, on Intel Macs */
  sysctlIntel?: string;
  ioreg?: string;
  uname?: string;
}

export function parseHardware(inputs: HardwareInputs): HardwareSection {
  const hardware = profilerItems(inputs.profiler, 'SPHardwareDataType')[0] ?? {};
  const sysctl = parseSysctl(inputs.sysctl);
  const ioreg = parseIoreg(inputs.ioreg);
  const manufacturer = clip(ioreg.get('manufacturer'), LIMITS.name);
  const bootRom = asString(hardware.boot_rom_version);
  const appleSilicon = machineArch(inputs.sysctl, inputs.uname) === 'arm64';
  const boardId = ioreg.get('board-id');
  return {
    cpu: parseCpu(inputs.sysctl, inputs.sysctlIntel, inputs.uname, hardware),
    memory: {
      totalBytes: asCount(sysctl.get('hw.memsize')) ?? parseBinarySize(asString(hardware.physical_memory)) ?? null,
      modules: parseMemoryModules(inputs.profiler).slice(0, LIMITS.memoryModules),
    },
    disks: parseDisks(inputs.profiler),
    volumes: parseVolumes(inputs.profiler),
    // Intel Macs boot EFI firmware; Apple silicon boots iBoot, which is neither "uefi" nor "bios".
    bios: bootRom ? { vendor: manufacturer, version: clip(bootRom, LIMITS.version), releaseDate: null, firmwareType: appleSilicon ? null : 'uefi' } : null,
    // Intel Macs name their logic board by board-id; Apple silicon exposes no equivalent.
    baseboard: boardId ? { vendor: manufacturer, product: clip(boardId, LIMITS.name), version: null, serialNumber: null } : null,
    gpus: parseGpus(inputs.profiler).slice(0, 64),
    batteries: parseBatteries(inputs.profiler).slice(0, 16),
  };
}

export async function collectHardware(ctx: CollectContext): Promise<HardwareSection> {
  const [profiler, sysctl, ioreg, uname] = await Promise.all([loadSharedProfiler(ctx), loadSysctlStatic(ctx), loadIoreg(ctx), sharedRun(ctx, BIN.uname, ['-m', '-r'])]);
  const intel = machineArch(sysctl, uname) === 'x86_64' ? await optional(sharedRun(ctx, BIN.sysctl, SYSCTL_INTEL)) : undefined;
  return parseHardware({ profiler, sysctl, sysctlIntel: intel, ioreg, uname });
}
