import { LIMITS, type SystemSection } from '@muster/protocol';
import { bool, list, object, psDate, smbios, str, uint, type RawObject } from './values.js';

/** SMBIOS chassis types (Win32_SystemEnclosure.ChassisTypes) grouped the way the protocol names them. */
const CHASSIS: Record<number, string> = {
  3: 'desktop',
  4: 'desktop', // low profile desktop
  5: 'desktop', // pizza box
  6: 'desktop', // mini tower
  7: 'desktop', // tower
  8: 'laptop', // portable
  9: 'laptop',
  10: 'laptop', // notebook
  11: 'handheld',
  12: 'docking station',
  13: 'all-in-one',
  14: 'laptop', // sub notebook
  15: 'desktop', // space-saving
  16: 'desktop', // lunch box
  17: 'server', // main server chassis
  23: 'server', // rack mount
  24: 'desktop', // sealed-case PC
  25: 'server', // multi-system chassis
  28: 'server', // blade
  29: 'server', // blade enclosure
  30: 'tablet',
  31: 'laptop', // convertible
  32: 'laptop', // detachable
  33: 'iot gateway',
  34: 'embedded',
  35: 'desktop', // mini PC
  36: 'desktop', // stick PC
};

/** Win32_ComputerSystem.PCSystemType, for firmware that leaves the chassis type at "Other"/"Unknown". */
const PC_SYSTEM_TYPE: Record<number, string> = { 1: 'desktop', 2: 'laptop', 3: 'desktop', 4: 'server', 5: 'server', 7: 'server', 8: 'tablet' };

type Virtualization = NonNullable<SystemSection['virtualization']>;

/** Hypervisors recognised by the SMBIOS strings they put in the guest. */
export function detectVirtualization(...strings: (string | null)[]): Virtualization {
  const known = strings.filter((s): s is string => s !== null);
  if (known.length === 0) return { role: 'unknown', technology: null };
  const text = known.join(' | ');
  const rules: [RegExp, string][] = [
    [/vmware/i, 'vmware'],
    [/virtualbox|innotek/i, 'virtualbox'],
    [/parallels/i, 'parallels'],
    [/\bxen\b|hvm domu/i, 'xen'],
    // Amazon's Nitro and Google's Compute Engine are KVM underneath.
    [/qemu|\bkvm\b|standard pc \(|red hat|amazon ec2|google compute engine|openstack|nutanix/i, 'kvm'],
    // Hyper-V and Azure guests: "Microsoft Corporation" / "Virtual Machine".
    [/microsoft corporation.*virtual machine|virtual machine.*microsoft corporation|hyper-v/i, 'hyperv'],
  ];
  for (const [pattern, technology] of rules) {
    if (pattern.test(text)) return { role: 'virtual', technology };
  }
  return { role: 'physical', technology: null };
}

function chassisType(enclosure: RawObject | undefined, pcSystemType: number | null): string | null {
  for (const value of list(enclosure?.ChassisTypes)) {
    const name = CHASSIS[uint(value) ?? -1];
    if (name) return name;
  }
  return pcSystemType !== null ? (PC_SYSTEM_TYPE[pcSystemType] ?? null) : null;
}

export function parseSystem(raw: unknown): SystemSection {
  const r = object(raw) ?? {};
  const cs = object(r.computerSystem) ?? {};
  const product = object(r.product);
  const bios = object(r.bios);
  const enclosure = object(r.enclosure);
  const tcpip = object(r.tcpip);

  // The DNS host name keeps the case it was given; Win32_ComputerSystem.Name is the upper-case NetBIOS name.
  const hostname = str(cs.DNSHostName, LIMITS.name) ?? str(tcpip?.Hostname, LIMITS.name) ?? str(cs.Name, LIMITS.name);
  if (!hostname) throw new Error('Win32_ComputerSystem reported no computer name');
  const partOfDomain = bool(cs.PartOfDomain) === true;
  // The primary DNS suffix; a workgroup machine usually has none, and then no FQDN is known.
  const suffix = str(tcpip?.Domain) ?? (partOfDomain ? str(cs.Domain) : null);
  const fqdn = suffix ? `${hostname}.${suffix}`.slice(0, LIMITS.name) : null;

  const vendor = smbios(cs.Manufacturer, LIMITS.name) ?? smbios(product?.Vendor, LIMITS.name);
  let model = smbios(cs.Model, LIMITS.name) ?? smbios(product?.Name, LIMITS.name);
  // Lenovo puts the machine type ("21HD003MUS") in Model and the marketing name in the product's Version.
  const productVersion = smbios(product?.Version, LIMITS.name);
  if (vendor && /^lenovo$/i.test(vendor) && productVersion && !/^none$/i.test(productVersion)) model = productVersion;

  const virtualization = detectVirtualization(vendor, model, smbios(bios?.Manufacturer), smbios(product?.Name));
  const chassis = virtualization.role === 'virtual' ? 'virtual' : chassisType(enclosure, uint(cs.PCSystemType));

  const bootTime = psDate(r.lastBootUpTime);
  const localNow = psDate(r.localDateTime);
  // Both times come from the same clock (Win32_OperatingSystem) in the same run.
  const uptimeMs = bootTime && localNow ? Date.parse(localNow) - Date.parse(bootTime) : null;

  return {
    hostname,
    fqdn,
    hardwareUuid: smbios(product?.UUID, 64)?.toUpperCase() ?? null,
    machineId: str(r.machineGuid, 64),
    serialNumber: smbios(bios?.SerialNumber, LIMITS.name) ?? smbios(enclosure?.SerialNumber, LIMITS.name),
    vendor,
    model,
    family: smbios(cs.SystemFamily, LIMITS.name),
    chassisType: chassis,
    virtualization,
    domain: str(cs.Domain, LIMITS.name),
    timezone: str(r.timeZone, 64),
    bootTime,
    uptimeSeconds: uptimeMs !== null && uptimeMs >= 0 ? Math.floor(uptimeMs / 1000) : null,
  };
}
