import { LIMITS, type HardwareSection } from '@muster/protocol';
import { calendarDate, errorMessage, list, object, objects, psDate, smbios, str, uint, type RawObject } from './values.js';

type Cpu = HardwareSection['cpu'];
type MemoryModule = HardwareSection['memory']['modules'][number];
type Disk = HardwareSection['disks'][number];
type Volume = HardwareSection['volumes'][number];
type Gpu = HardwareSection['gpus'][number];
type Battery = HardwareSection['batteries'][number];

/** Win32_Processor.Architecture. */
const CPU_ARCH: Record<number, string> = { 0: 'x86', 5: 'arm', 6: 'ia64', 9: 'x86_64', 12: 'arm64' };

/** Win32_PhysicalMemory.SMBIOSMemoryType: the SMBIOS 3.x memory type codes. */
const SMBIOS_MEMORY_TYPE: Record<number, string> = {
  3: 'DRAM',
  7: 'RAM',
  15: 'SDRAM',
  17: 'RDRAM',
  18: 'DDR',
  19: 'DDR2',
  20: 'DDR2 FB-DIMM',
  24: 'DDR3',
  25: 'FBD2',
  26: 'DDR4',
  27: 'LPDDR',
  28: 'LPDDR2',
  29: 'LPDDR3',
  30: 'LPDDR4',
  32: 'HBM',
  33: 'HBM2',
  34: 'DDR5',
  35: 'LPDDR5',
  36: 'HBM3',
};
/** Win32_PhysicalMemory.MemoryType: WMI's older enumeration, numbered differently from SMBIOS. */
const WMI_MEMORY_TYPE: Record<number, string> = { 17: 'SDRAM', 20: 'DDR', 21: 'DDR2', 22: 'DDR2 FB-DIMM', 24: 'DDR3', 25: 'FBD2', 26: 'DDR4' };
const FORM_FACTOR: Record<number, string> = { 7: 'SIMM', 8: 'DIMM', 9: 'TSOP', 11: 'RIMM', 12: 'SODIMM', 13: 'SRIMM', 15: 'FB-DIMM' };

/** MSFT_PhysicalDisk.BusType; PowerShell prints the number, the Storage module's type data the name. */
const BUS_TYPE: Record<number, string> = {
  1: 'scsi',
  2: 'atapi',
  3: 'ata',
  4: 'ieee1394',
  5: 'ssa',
  6: 'fibre channel',
  7: 'usb',
  8: 'raid',
  9: 'iscsi',
  10: 'sas',
  11: 'sata',
  12: 'sd',
  13: 'mmc',
  14: 'virtual',
  15: 'file backed virtual',
  16: 'storage spaces',
  17: 'nvme',
  18: 'scm',
  19: 'ufs',
};
const MEDIA_TYPE: Record<number, string> = { 3: 'hdd', 4: 'ssd', 5: 'scm' };

/** An enum that may come as its number or as its name. */
function enumName(value: unknown, names: Record<number, string>): string | null {
  const n = uint(value);
  if (n !== null) return names[n] ?? null;
  const s = str(value)?.toLowerCase();
  if (!s || s === 'unspecified' || s === 'unknown') return null;
  return s.replace(/^filebackedvirtual$/, 'file backed virtual').replace(/^spaces$/, 'storage spaces');
}

/** Win32_Battery.Chemistry. */
const CHEMISTRY: Record<number, string> = { 3: 'lead acid', 4: 'NiCd', 5: 'NiMH', 6: 'Li-ion', 7: 'zinc air', 8: 'Li-polymer' };
/** BatteryStaticData.Chemistry: four ASCII characters packed little-endian into a uint32 ("LION", "LiP "). */
function decodeChemistry(value: unknown): string | null {
  const n = uint(value);
  if (n === null || n === 0) return null;
  const text = String.fromCharCode(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff).replace(/[^\x20-\x7e]/g, '').trim();
  const known: Record<string, string> = { LION: 'Li-ion', 'LI-I': 'Li-ion', LIP: 'Li-polymer', LIPO: 'Li-polymer', PBAC: 'lead acid', NICD: 'NiCd', NIMH: 'NiMH' };
  return known[text.toUpperCase()] ?? (text || null);
}
/** Win32_Battery.BatteryStatus. 2 is "Unknown" in the schema but means "on AC power" in practice. */
const BATTERY_STATUS: Record<number, string> = {
  1: 'discharging',
  2: 'ac power',
  3: 'full',
  4: 'low',
  5: 'critical',
  6: 'charging',
  7: 'charging',
  8: 'charging',
  9: 'charging',
  11: 'partially charged',
};

function parseCpu(r: RawObject): Cpu {
  const processors = objects(r.processors);
  const first = processors[0];
  const sum = (key: string): number | null => {
    const values = processors.map((p) => uint(p[key])).filter((n): n is number => n !== null);
    return values.length ? values.reduce((a, b) => a + b, 0) : null;
  };
  return {
    // Intel pads the name with spaces; collapse them.
    model: str(first?.Name, LIMITS.name)?.replace(/\s+/g, ' ') ?? null,
    vendor: str(first?.Manufacturer, LIMITS.name),
    sockets: processors.length || null,
    cores: sum('NumberOfCores'),
    threads: sum('NumberOfLogicalProcessors'),
    speedMhz: uint(first?.CurrentClockSpeed),
    maxSpeedMhz: uint(first?.MaxClockSpeed),
    arch: CPU_ARCH[uint(first?.Architecture) ?? -1] ?? null,
  };
}

function parseMemory(r: RawObject): HardwareSection['memory'] {
  const modules: MemoryModule[] = objects(r.memory)
    .slice(0, LIMITS.memoryModules)
    .map((m) => ({
      slot: str(m.DeviceLocator, LIMITS.name) ?? str(m.BankLocator, LIMITS.name),
      sizeBytes: uint(m.Capacity),
      // SMBIOSMemoryType is 0 or 2 (unknown) on old firmware: then the older WMI field may know.
      type: SMBIOS_MEMORY_TYPE[uint(m.SMBIOSMemoryType) ?? -1] ?? WMI_MEMORY_TYPE[uint(m.MemoryType) ?? -1] ?? null,
      // The speed the module runs at, else its rated speed (both in MT/s, as firmware reports them).
      speedMhz: uint(m.ConfiguredClockSpeed) || uint(m.Speed) || null,
      manufacturer: smbios(m.Manufacturer, LIMITS.name),
      serialNumber: smbios(m.SerialNumber, LIMITS.name),
      partNumber: smbios(m.PartNumber, LIMITS.name),
      formFactor: FORM_FACTOR[uint(m.FormFactor) ?? -1] ?? null,
    }));
  const installed = modules.reduce((total, m) => total + (m.sizeBytes ?? 0), 0);
  // Installed memory when the modules are listed; what Windows can use (a little less) otherwise.
  return { totalBytes: installed > 0 ? installed : uint(r.totalPhysicalMemory), modules };
}

/** NVMe serials are printed as EUI-64 groups with a trailing period ("…_8D4E."): drop the period. */
function diskSerial(value: unknown): string | null {
  return smbios(value, LIMITS.name)?.replace(/\.$/, '') ?? null;
}

function parseDisks(r: RawObject): Disk[] {
  const physical = new Map(objects(r.physicalDisks).map((p) => [str(p.DeviceId), p] as const));
  return objects(r.diskDrives)
    .slice(0, LIMITS.disks)
    .flatMap((d): Disk[] => {
      const name = str(d.DeviceID, LIMITS.name);
      if (!name) return [];
      // MSFT_PhysicalDisk.DeviceId is the disk number, Win32_DiskDrive.Index the same number.
      const p = physical.get(str(d.Index) ?? '');
      const model = str(d.Model, LIMITS.name) ?? str(p?.FriendlyName, LIMITS.name);
      const bus = enumName(p?.BusType, BUS_TYPE) ?? str(d.InterfaceType)?.toLowerCase() ?? null;
      const media = enumName(p?.MediaType, MEDIA_TYPE);
      const virtual = bus === 'virtual' || bus === 'file backed virtual' || /virtual disk|vmware|qemu|vbox|virtual hd/i.test(model ?? '');
      const removable = /removable|external/i.test(str(d.MediaType) ?? '') || bus === 'usb' || bus === 'sd' || bus === 'mmc';
      return [
        {
          name,
          model,
          vendor: smbios(p?.Manufacturer, LIMITS.name),
          serialNumber: diskSerial(p?.SerialNumber) ?? diskSerial(d.SerialNumber),
          // The Storage provider's size is exact; Win32_DiskDrive's is rounded down to whole cylinders.
          sizeBytes: uint(p?.Size) ?? uint(d.Size),
          type: virtual ? 'virtual' : (media ?? (bus === 'usb' ? 'usb' : null)),
          interface: bus,
          removable,
          firmware: str(p?.FirmwareVersion, LIMITS.version) ?? str(d.FirmwareRevision, LIMITS.version),
        },
      ];
    });
}

/** BitLocker's view of a volume: encrypted only when fully converted (see security.ts). */
export function bitlockerEncrypted(volume: RawObject): boolean | null {
  const conversion = uint(volume.ConversionStatus);
  if (conversion !== null) return conversion === 1;
  // Protection on implies encryption; protection off may be a decrypted volume or a suspended one.
  return uint(volume.ProtectionStatus) === 1 ? true : null;
}

function parseVolumes(r: RawObject): Volume[] {
  // Without BitLocker data (Server without the feature, no rights) nothing is known about encryption.
  const encryptionKnown = errorMessage(r.encryption) === undefined && r.encryption !== null && r.encryption !== undefined;
  const byLetter = new Map(objects(r.encryption).map((v) => [str(v.DriveLetter)?.toUpperCase(), v] as const));
  return objects(r.logicalDisks)
    .slice(0, LIMITS.volumes)
    .flatMap((v): Volume[] => {
      const mountPoint = str(v.DeviceID, LIMITS.path);
      if (!mountPoint) return [];
      const bitlocker = byLetter.get(mountPoint.toUpperCase());
      return [
        {
          mountPoint,
          device: null,
          fsType: str(v.FileSystem, 64),
          label: str(v.VolumeName, LIMITS.name),
          sizeBytes: uint(v.Size),
          freeBytes: uint(v.FreeSpace),
          encrypted: bitlocker ? bitlockerEncrypted(bitlocker) : encryptionKnown ? false : null,
        },
      ];
    });
}

/** The display driver's HardwareInformation.qwMemorySize (QWORD) or MemorySize (DWORD, sometimes REG_BINARY). */
function registryMemorySize(value: unknown): number | null {
  const bytes = list(value);
  if (Array.isArray(value) && bytes.length >= 4 && bytes.every((b) => typeof b === 'number')) {
    return bytes.slice(0, 8).reduceRight<number>((acc, b) => acc * 256 + (b as number), 0) || null;
  }
  return uint(value) || null;
}

function parseGpus(r: RawObject): Gpu[] {
  const registry = objects(r.gpuMemory);
  const used = new Set<RawObject>();
  return objects(r.videoControllers).flatMap((v): Gpu[] => {
    const name = str(v.Name, LIMITS.name);
    // The adapter Windows adds for each RDP session is no hardware.
    if (!name || /remote display adapter/i.test(name)) return [];
    const pnp = str(v.PNPDeviceID) ?? '';
    const pci = /VEN_([0-9A-F]{4})&DEV_([0-9A-F]{4})/i.exec(pnp);
    const fromRegistry = registry.find((g) => !used.has(g) && str(g.DriverDesc) === name);
    if (fromRegistry) used.add(fromRegistry);
    // AdapterRAM is a uint32: it cannot say more than 4 GiB, so the registry's size comes first.
    const memoryBytes = (fromRegistry ? registryMemorySize(fromRegistry.MemorySize) : null) ?? (uint(v.AdapterRAM) || null);
    const vendor = str(v.AdapterCompatibility, LIMITS.name);
    return [
      {
        name,
        vendor: vendor && !/^\(standard/i.test(vendor) ? vendor : null,
        driverVersion: str(v.DriverVersion, LIMITS.version),
        memoryBytes,
        pciId: pci ? `${pci[1]}:${pci[2]}`.toLowerCase() : null,
      },
    ];
  });
}

function parseBatteries(r: RawObject): Battery[] {
  const batteries = objects(r.batteries);
  // The root\wmi battery classes list the same batteries in the same order (one per ACPI battery).
  const statics = objects(r.batteryStatic);
  const fulls = objects(r.batteryFullCharge);
  const cycles = objects(r.batteryCycleCount);
  const count = Math.min(16, Math.max(batteries.length, statics.length));
  const out: Battery[] = [];
  for (let i = 0; i < count; i++) {
    const b = batteries[i];
    const s = statics[i];
    const designMwh = uint(s?.DesignedCapacity) || uint(b?.DesignCapacity) || null;
    const fullMwh = uint(fulls[i]?.FullChargedCapacity) || uint(b?.FullChargeCapacity) || null;
    const charge = uint(b?.EstimatedChargeRemaining);
    out.push({
      name: str(b?.Name, LIMITS.name) ?? str(s?.DeviceName, LIMITS.name),
      manufacturer: smbios(s?.ManufactureName, LIMITS.name),
      model: str(s?.DeviceName, LIMITS.name),
      serialNumber: smbios(s?.SerialNumber, LIMITS.name),
      chemistry: CHEMISTRY[uint(b?.Chemistry) ?? -1] ?? decodeChemistry(s?.Chemistry),
      designCapacityWh: designMwh !== null ? designMwh / 1000 : null,
      fullChargeCapacityWh: fullMwh !== null ? fullMwh / 1000 : null,
      healthPercent: designMwh && fullMwh ? Math.min(200, Math.round((fullMwh / designMwh) * 1000) / 10) : null,
      cycleCount: uint(cycles[i]?.CycleCount),
      chargePercent: charge !== null && charge <= 100 ? charge : null,
      status: BATTERY_STATUS[uint(b?.BatteryStatus) ?? -1] ?? null,
    });
  }
  return out;
}

export function parseHardware(raw: unknown): HardwareSection {
  const r = object(raw) ?? {};
  const bios = object(r.bios);
  const board = object(r.baseBoard);
  const firmware = str(r.firmwareType)?.toLowerCase();
  const releaseDate = psDate(bios?.ReleaseDate)?.slice(0, 10) ?? calendarDate(bios?.ReleaseDate);
  return {
    cpu: parseCpu(r),
    memory: parseMemory(r),
    disks: parseDisks(r),
    volumes: parseVolumes(r),
    bios: bios
      ? {
          vendor: smbios(bios.Manufacturer, LIMITS.name),
          // SMBIOSBIOSVersion is the vendor's version ("1.14.1"); Version is ACPI's ("DELL   - 1072009").
          version: str(bios.SMBIOSBIOSVersion, LIMITS.version) ?? str(bios.Version, LIMITS.version),
          releaseDate,
          firmwareType: firmware === 'uefi' ? 'uefi' : firmware === 'legacy' ? 'bios' : null,
        }
      : null,
    baseboard: board
      ? {
          vendor: smbios(board.Manufacturer, LIMITS.name),
          product: smbios(board.Product, LIMITS.name),
          version: smbios(board.Version, LIMITS.version),
          serialNumber: smbios(board.SerialNumber, LIMITS.name),
        }
      : null,
    gpus: parseGpus(r).slice(0, 64),
    batteries: parseBatteries(r),
  };
}
