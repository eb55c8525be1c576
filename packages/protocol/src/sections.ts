import { Type, type Static } from '@sinclair/typebox';
import { Arr, LIMITS, OptBool, OptDate, OptInt, OptNum, OptStr, Str } from './limits.js';

/**
 * One schema per inventory section, like an osquery table: a uniform contract that each OS's
 * collector fills in. Values a platform cannot know are null or absent, never invented.
 * Sizes are bytes, speeds are MHz / Mbit/s, times are ISO 8601 strings.
 */

export const SECTION_NAMES = ['system', 'os', 'hardware', 'software', 'updates', 'security', 'network', 'users', 'services', 'browser', 'metrics'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];
/** Sections that make up the inventory state (metrics are a time series, sent on their own). */
export const INVENTORY_SECTIONS = SECTION_NAMES.filter((s) => s !== 'metrics') as Exclude<SectionName, 'metrics'>[];
export type InventorySectionName = Exclude<SectionName, 'metrics'>;

export const Platform = Type.Union([Type.Literal('linux'), Type.Literal('windows'), Type.Literal('macos'), Type.Literal('freebsd'), Type.Literal('other')]);
export type Platform = Static<typeof Platform>;

export const SystemSection = Type.Object(
  {
    hostname: Str(LIMITS.name, { description: 'Short host name.' }),
    fqdn: OptStr(LIMITS.name),
    hardwareUuid: OptStr(64, { description: 'SMBIOS system UUID (Linux /sys/class/dmi/id/product_uuid, Windows Win32_ComputerSystemProduct.UUID, macOS IOPlatformUUID).' }),
    machineId: OptStr(64, { description: 'OS installation id (/etc/machine-id, Windows MachineGuid).' }),
    serialNumber: OptStr(LIMITS.name),
    vendor: OptStr(LIMITS.name, { description: 'System manufacturer.' }),
    model: OptStr(LIMITS.name),
    family: OptStr(LIMITS.name),
    chassisType: OptStr(64, { description: 'desktop, laptop, server, virtual, container, … when known.' }),
    virtualization: Type.Optional(
      Type.Object({
        role: Type.Union([Type.Literal('physical'), Type.Literal('virtual'), Type.Literal('container'), Type.Literal('unknown')]),
        technology: OptStr(64, { description: 'kvm, vmware, hyperv, docker, lxc, wsl, …' }),
      }),
    ),
    domain: OptStr(LIMITS.name, { description: 'Windows domain or workgroup, directory domain elsewhere.' }),
    timezone: OptStr(64),
    bootTime: OptDate(),
    uptimeSeconds: OptInt(),
  },
);
export type SystemSection = Static<typeof SystemSection>;

export const OsSection = Type.Object(
  {
    platform: Platform,
    name: Str(LIMITS.name, { description: 'Product name: "Ubuntu", "Windows 11 Pro", "macOS".' }),
    version: Str(LIMITS.version, { description: 'Marketing version: "24.04", "23H2", "14.5".' }),
    build: OptStr(LIMITS.version, { description: 'Build number: "22631.3593", "23F79".' }),
    family: OptStr(64, { description: 'Distribution family: debian, rhel, arch, alpine, suse, …' }),
    codename: OptStr(64),
    kernelName: OptStr(64),
    kernelVersion: OptStr(LIMITS.version),
    arch: Str(32, { description: 'x86_64, arm64, …' }),
    installDate: OptDate(),
    edition: OptStr(LIMITS.name),
  },
);
export type OsSection = Static<typeof OsSection>;

export const Cpu = Type.Object({
  model: OptStr(LIMITS.name),
  vendor: OptStr(LIMITS.name),
  sockets: OptInt(),
  cores: OptInt({ description: 'Physical cores.' }),
  threads: OptInt({ description: 'Logical processors.' }),
  speedMhz: OptInt(),
  maxSpeedMhz: OptInt(),
  arch: OptStr(32),
  flags: Type.Optional(Arr(Str(32), 512)),
});

export const MemoryModule = Type.Object({
  slot: OptStr(LIMITS.name),
  sizeBytes: OptInt(),
  type: OptStr(64),
  speedMhz: OptInt(),
  manufacturer: OptStr(LIMITS.name),
  serialNumber: OptStr(LIMITS.name),
  partNumber: OptStr(LIMITS.name),
  formFactor: OptStr(64),
});

export const Disk = Type.Object({
  name: Str(LIMITS.name, { description: 'Device: sda, nvme0n1, \\\\.\\PHYSICALDRIVE0, disk0.' }),
  model: OptStr(LIMITS.name),
  vendor: OptStr(LIMITS.name),
  serialNumber: OptStr(LIMITS.name),
  sizeBytes: OptInt(),
  type: OptStr(32, { description: 'ssd, hdd, nvme, virtual, usb, …' }),
  interface: OptStr(32),
  removable: OptBool(),
  firmware: OptStr(LIMITS.version),
});

export const Volume = Type.Object({
  mountPoint: Str(LIMITS.path, { description: 'Mount point or drive letter.' }),
  device: OptStr(LIMITS.path),
  fsType: OptStr(64),
  label: OptStr(LIMITS.name),
  sizeBytes: OptInt(),
  freeBytes: OptInt(),
  encrypted: OptBool(),
});

export const Gpu = Type.Object({
  name: Str(LIMITS.name),
  vendor: OptStr(LIMITS.name),
  driverVersion: OptStr(LIMITS.version),
  memoryBytes: OptInt(),
  pciId: OptStr(64),
});

export const Battery = Type.Object({
  name: OptStr(LIMITS.name),
  manufacturer: OptStr(LIMITS.name),
  model: OptStr(LIMITS.name),
  serialNumber: OptStr(LIMITS.name),
  chemistry: OptStr(64),
  designCapacityWh: OptNum({ minimum: 0 }),
  fullChargeCapacityWh: OptNum({ minimum: 0 }),
  healthPercent: OptNum({ minimum: 0, maximum: 200 }),
  cycleCount: OptInt(),
  chargePercent: OptNum({ minimum: 0, maximum: 100 }),
  status: OptStr(64, { description: 'charging, discharging, full, …' }),
});

export const HardwareSection = Type.Object(
  {
    cpu: Cpu,
    memory: Type.Object({ totalBytes: OptInt(), modules: Arr(MemoryModule, LIMITS.memoryModules) }),
    disks: Arr(Disk, LIMITS.disks),
    volumes: Arr(Volume, LIMITS.volumes),
    bios: Type.Optional(Type.Union([Type.Object({ vendor: OptStr(LIMITS.name), version: OptStr(LIMITS.version), releaseDate: OptDate(), firmwareType: OptStr(16, { description: 'uefi or bios' }) }), Type.Null()])),
    baseboard: Type.Optional(
      Type.Union([Type.Object({ vendor: OptStr(LIMITS.name), product: OptStr(LIMITS.name), version: OptStr(LIMITS.version), serialNumber: OptStr(LIMITS.name) }), Type.Null()]),
    ),
    gpus: Arr(Gpu, 64),
    batteries: Arr(Battery, 16),
  },
);
export type HardwareSection = Static<typeof HardwareSection>;

export const SoftwareSource = Type.Union(
  ['deb', 'rpm', 'apk', 'pacman', 'snap', 'flatpak', 'msi', 'registry', 'winget', 'msix', 'chocolatey', 'app', 'pkg', 'brew', 'npm', 'pip', 'other'].map((s) => Type.Literal(s)),
);
export type SoftwareSource = Static<typeof SoftwareSource>;

export const SoftwareItem = Type.Object({
  name: Str(LIMITS.name),
  version: Str(LIMITS.version, { description: 'As the package manager spells it (epoch and release included: "1:2.39.2-1.1").' }),
  publisher: OptStr(LIMITS.name),
  arch: OptStr(32),
  source: SoftwareSource,
  installDate: OptDate(),
  installLocation: OptStr(LIMITS.path),
  sizeBytes: OptInt(),
  /** Per-user installs (Windows HKCU, ~/Applications): whose. */
  user: OptStr(LIMITS.name),
  /** Ecosystem identifier for vulnerability matching: purl when the agent can form one. */
  purl: OptStr(LIMITS.text),
});
export type SoftwareItem = Static<typeof SoftwareItem>;

export const SoftwareSection = Type.Object({ items: Arr(SoftwareItem, LIMITS.softwareItems) });
export type SoftwareSection = Static<typeof SoftwareSection>;

/** What identifies one installed package within a device; its version can change in place. */
export function softwareKey(item: Pick<SoftwareItem, 'name' | 'source' | 'arch' | 'user'>): string {
  return `${item.source}\u0000${item.name}\u0000${item.arch ?? ''}\u0000${item.user ?? ''}`;
}

export const UpdateItem = Type.Object({
  id: Str(LIMITS.name, { description: 'KB number, package name, or product key.' }),
  title: OptStr(LIMITS.text),
  kind: OptStr(64, { description: 'security, update, hotfix, os, …' }),
  installedAt: OptDate(),
  severity: OptStr(32),
  version: OptStr(LIMITS.version),
});

export const UpdatesSection = Type.Object(
  {
    installed: Arr(UpdateItem, LIMITS.updates),
    pending: Arr(UpdateItem, LIMITS.updates),
    rebootRequired: OptBool(),
    lastCheckedAt: OptDate(),
    lastInstalledAt: OptDate(),
  },
);
export type UpdatesSection = Static<typeof UpdatesSection>;

export const SecuritySection = Type.Object(
  {
    firewall: Type.Object({
      enabled: OptBool(),
      product: OptStr(LIMITS.name, { description: 'nftables, iptables, ufw, firewalld, Windows Firewall, macOS Application Firewall.' }),
      profiles: Arr(Type.Object({ name: Str(64), enabled: OptBool(), defaultInbound: OptStr(32) }), 16),
      ruleCount: OptInt(),
    }),
    diskEncryption: Type.Object({
      enabled: OptBool('True when the system volume is encrypted.'),
      product: OptStr(LIMITS.name, { description: 'LUKS, BitLocker, FileVault.' }),
      volumes: Arr(Type.Object({ volume: Str(LIMITS.path), encrypted: OptBool(), method: OptStr(64), status: OptStr(64), protection: OptStr(64) }), LIMITS.volumes),
    }),
    antivirus: Arr(
      Type.Object({
        name: Str(LIMITS.name),
        enabled: OptBool(),
        upToDate: OptBool(),
        realTimeProtection: OptBool(),
        version: OptStr(LIMITS.version),
        signatureVersion: OptStr(LIMITS.version),
        signatureUpdatedAt: OptDate(),
      }),
      16,
    ),
    secureBoot: OptBool(),
    tpm: Type.Optional(Type.Union([Type.Object({ present: OptBool(), enabled: OptBool(), version: OptStr(32), manufacturer: OptStr(LIMITS.name) }), Type.Null()])),
    selinux: Type.Optional(Type.Union([Type.Object({ mode: Str(32, { description: 'enforcing, permissive, disabled' }), policy: OptStr(64) }), Type.Null()])),
    apparmor: Type.Optional(Type.Union([Type.Object({ enabled: Type.Boolean(), profilesEnforced: OptInt(), profilesComplain: OptInt() }), Type.Null()])),
    uac: Type.Optional(Type.Union([Type.Object({ enabled: OptBool(), level: OptStr(64) }), Type.Null()])),
    gatekeeper: OptBool(),
    sip: OptBool('macOS System Integrity Protection.'),
    autoUpdate: Type.Optional(Type.Union([Type.Object({ enabled: OptBool(), mechanism: OptStr(64) }), Type.Null()])),
    screenLock: OptBool(),
    localAdmins: Arr(Str(LIMITS.name), 1_000),
    passwordPolicy: Type.Optional(Type.Union([Type.Object({ minLength: OptInt(), maxAgeDays: OptInt(), lockoutThreshold: OptInt() }), Type.Null()])),
  },
);
export type SecuritySection = Static<typeof SecuritySection>;

export const NetworkInterface = Type.Object({
  name: Str(LIMITS.name),
  description: OptStr(LIMITS.name),
  mac: OptStr(32),
  type: OptStr(32, { description: 'ethernet, wifi, loopback, virtual, bridge, vpn, …' }),
  up: OptBool(),
  mtu: OptInt(),
  speedMbps: OptInt(),
  ipv4: Arr(Str(64, { description: 'address/prefix' }), LIMITS.addressesPerInterface),
  ipv6: Arr(Str(64, { description: 'address/prefix' }), LIMITS.addressesPerInterface),
  dhcp: OptBool(),
  rxBytes: OptInt(),
  txBytes: OptInt(),
});

export const ListeningPort = Type.Object({
  protocol: Type.Union([Type.Literal('tcp'), Type.Literal('udp'), Type.Literal('tcp6'), Type.Literal('udp6')]),
  address: Str(64),
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  pid: OptInt(),
  process: OptStr(LIMITS.name),
  user: OptStr(LIMITS.name),
});

export const NetworkSection = Type.Object(
  {
    interfaces: Arr(NetworkInterface, LIMITS.interfaces),
    defaultGateway: Type.Object({ ipv4: OptStr(64), ipv6: OptStr(64), interface: OptStr(LIMITS.name) }),
    dns: Type.Object({ servers: Arr(Str(64), 32), searchDomains: Arr(Str(LIMITS.name), 32) }),
    listeningPorts: Arr(ListeningPort, LIMITS.listeningPorts),
    primaryIp: OptStr(64, { description: 'Address of the interface that carries the default route.' }),
  },
);
export type NetworkSection = Static<typeof NetworkSection>;

export const UsersSection = Type.Object(
  {
    accounts: Arr(
      Type.Object({
        name: Str(LIMITS.name),
        uid: OptStr(256, { description: 'uid on Unix, SID on Windows.' }),
        gid: OptStr(256),
        fullName: OptStr(LIMITS.name),
        home: OptStr(LIMITS.path),
        shell: OptStr(LIMITS.path),
        type: OptStr(32, { description: 'local, domain, system, service' }),
        isAdmin: OptBool(),
        disabled: OptBool(),
        lastLoginAt: OptDate(),
        passwordLastSetAt: OptDate(),
        groups: Type.Optional(Arr(Str(LIMITS.name), 256)),
      }),
      LIMITS.users,
    ),
    loggedIn: Arr(Type.Object({ name: Str(LIMITS.name), terminal: OptStr(64), host: OptStr(LIMITS.name), since: OptDate() }), 1_000),
  },
);
export type UsersSection = Static<typeof UsersSection>;

export const ServicesSection = Type.Object(
  {
    manager: Str(32, { description: 'systemd, openrc, windows, launchd' }),
    items: Arr(
      Type.Object({
        name: Str(LIMITS.name),
        displayName: OptStr(LIMITS.name),
        description: OptStr(LIMITS.text),
        state: Str(32, { description: 'running, stopped, failed, exited, …' }),
        startMode: OptStr(32, { description: 'auto, manual, disabled, static, …' }),
        pid: OptInt(),
        user: OptStr(LIMITS.name),
        path: OptStr(LIMITS.path),
      }),
      LIMITS.services,
    ),
  },
);
export type ServicesSection = Static<typeof ServicesSection>;

export const BrowserSection = Type.Object(
  {
    extensions: Arr(
      Type.Object({
        browser: Str(32, { description: 'chrome, chromium, edge, brave, firefox' }),
        user: OptStr(LIMITS.name),
        profile: OptStr(LIMITS.name),
        id: Str(LIMITS.name),
        name: Str(LIMITS.name),
        version: OptStr(LIMITS.version),
        enabled: OptBool(),
        permissions: Type.Optional(Arr(Str(LIMITS.name), 256)),
      }),
      LIMITS.extensions,
    ),
  },
);
export type BrowserSection = Static<typeof BrowserSection>;

export const ProcessSummary = Type.Object({
  pid: Type.Integer({ minimum: 0 }),
  name: Str(LIMITS.name),
  cpuPercent: OptNum({ minimum: 0 }),
  rssBytes: OptInt(),
  user: OptStr(LIMITS.name),
});

export const MetricsSection = Type.Object(
  {
    at: Str(40, { description: 'When the sample was taken.' }),
    cpuPercent: OptNum({ minimum: 0, maximum: 100 }),
    load: Type.Optional(Type.Union([Type.Tuple([Type.Number(), Type.Number(), Type.Number()]), Type.Null()])),
    memory: Type.Object({ totalBytes: OptInt(), usedBytes: OptInt(), percent: OptNum({ minimum: 0, maximum: 100 }) }),
    swap: Type.Optional(Type.Union([Type.Object({ totalBytes: OptInt(), usedBytes: OptInt() }), Type.Null()])),
    disks: Arr(Type.Object({ mountPoint: Str(LIMITS.path), sizeBytes: OptInt(), usedBytes: OptInt(), percent: OptNum({ minimum: 0, maximum: 100 }) }), LIMITS.volumes),
    network: Type.Object({ rxBytes: OptInt(), txBytes: OptInt() }),
    processes: Type.Object({ count: OptInt(), topCpu: Arr(ProcessSummary, LIMITS.processes), topMemory: Arr(ProcessSummary, LIMITS.processes) }),
    uptimeSeconds: OptInt(),
  },
);
export type MetricsSection = Static<typeof MetricsSection>;

export const SectionSchemas = {
  system: SystemSection,
  os: OsSection,
  hardware: HardwareSection,
  software: SoftwareSection,
  updates: UpdatesSection,
  security: SecuritySection,
  network: NetworkSection,
  users: UsersSection,
  services: ServicesSection,
  browser: BrowserSection,
  metrics: MetricsSection,
} as const;

export interface SectionData {
  system: SystemSection;
  os: OsSection;
  hardware: HardwareSection;
  software: SoftwareSection;
  updates: UpdatesSection;
  security: SecuritySection;
  network: NetworkSection;
  users: UsersSection;
  services: ServicesSection;
  browser: BrowserSection;
  metrics: MetricsSection;
}
