import type { HardwareSection, NetworkSection, OsSection, ReportSections, SystemSection, UsersSection } from '@muster/protocol';

/** Device columns derived from report sections: what the fleet list shows and search finds. */
export interface DeviceAttributes {
  hostname?: string;
  serial_number?: string | null;
  hardware_uuid?: string | null;
  machine_id?: string | null;
  vendor?: string | null;
  model?: string | null;
  platform?: string;
  os_name?: string;
  os_version?: string;
  os_build?: string | null;
  kernel_version?: string | null;
  arch?: string;
  cpu_model?: string | null;
  memory_bytes?: number | null;
  primary_ip?: string | null;
  ip_addresses?: string[];
  mac_addresses?: string[];
  logged_in_users?: string[];
}

function dataOf<T>(entry: { data: T } | { error: unknown } | undefined): T | undefined {
  return entry && 'data' in entry ? entry.data : undefined;
}

export function deviceAttributes(sections: ReportSections): DeviceAttributes {
  const attrs: DeviceAttributes = {};
  const system = dataOf<SystemSection>(sections.system);
  if (system) {
    attrs.hostname = system.hostname;
    attrs.serial_number = system.serialNumber ?? null;
    attrs.hardware_uuid = system.hardwareUuid ?? null;
    attrs.machine_id = system.machineId ?? null;
    attrs.vendor = system.vendor ?? null;
    attrs.model = system.model ?? null;
  }
  const os = dataOf<OsSection>(sections.os);
  if (os) {
    attrs.platform = os.platform;
    attrs.os_name = os.name;
    attrs.os_version = os.version;
    attrs.os_build = os.build ?? null;
    attrs.kernel_version = os.kernelVersion ?? null;
    attrs.arch = os.arch;
  }
  const hardware = dataOf<HardwareSection>(sections.hardware);
  if (hardware) {
    attrs.cpu_model = hardware.cpu.model ?? null;
    attrs.memory_bytes = hardware.memory.totalBytes ?? null;
  }
  const network = dataOf<NetworkSection>(sections.network);
  if (network) {
    const nonLoopback = network.interfaces.filter((i) => i.type !== 'loopback' && i.name !== 'lo');
    const ips = nonLoopback.flatMap((i) => [...i.ipv4, ...i.ipv6]).map((cidr) => cidr.split('/')[0]!).filter((ip) => !ip.startsWith('fe80:'));
    attrs.ip_addresses = [...new Set(ips)].slice(0, 64);
    attrs.mac_addresses = [...new Set(nonLoopback.map((i) => i.mac).filter((m): m is string => !!m && m !== '00:00:00:00:00:00'))].slice(0, 64);
    attrs.primary_ip = network.primaryIp ?? attrs.ip_addresses.find((ip) => ip.includes('.')) ?? attrs.ip_addresses[0] ?? null;
  }
  const users = dataOf<UsersSection>(sections.users);
  if (users) attrs.logged_in_users = [...new Set(users.loggedIn.map((u) => u.name))].slice(0, 64);
  return attrs;
}
