import { randomUUID } from 'node:crypto';
import {
  PROTOCOL_VERSION,
  sectionHash,
  type FullReport,
  type InventorySectionName,
  type MetricsSection,
  type Platform,
  type ReportSections,
  type SectionData,
  type SoftwareItem,
} from '@muster/protocol';

/**
 * Realistic device payloads for the fleet simulator and the tests: Linux, Windows and macOS
 * machines with hundreds to thousands of packages, drawn from a seeded generator so a simulated
 * device is the same machine on every run.
 */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const LINUX_BASE = ['bash', 'coreutils', 'openssl', 'libssl3', 'openssh-server', 'openssh-client', 'curl', 'libcurl4', 'systemd', 'udev', 'apt', 'dpkg', 'python3', 'python3-minimal', 'perl', 'git', 'vim', 'nano', 'sudo', 'tzdata', 'ca-certificates', 'gnupg', 'gzip', 'tar', 'zlib1g', 'libc6', 'libstdc++6', 'nginx', 'postgresql-15', 'docker-ce', 'containerd.io', 'rsyslog', 'cron', 'logrotate', 'less', 'grep', 'sed', 'gawk', 'findutils', 'util-linux', 'iproute2', 'iptables', 'nftables', 'ufw', 'wget', 'unattended-upgrades', 'linux-image-amd64', 'firmware-linux', 'libxml2', 'libsqlite3-0', 'sqlite3', 'nodejs', 'openjdk-17-jre'];
const WINDOWS_BASE = ['Microsoft Edge', 'Google Chrome', 'Mozilla Firefox', 'Microsoft 365 Apps for enterprise', 'Microsoft Teams', 'Zoom Workplace', 'Adobe Acrobat Reader', '7-Zip', 'Notepad++', 'Microsoft Visual C++ 2015-2022 Redistributable (x64)', 'Microsoft Visual C++ 2015-2022 Redistributable (x86)', 'Microsoft .NET Runtime', 'Git', 'Python 3.12', 'Node.js', 'VLC media player', 'Slack', 'OneDrive', 'Windows PC Health Check', 'Microsoft Update Health Tools', 'Intel(R) Graphics Driver', 'Realtek Audio Driver', 'Dell SupportAssist', 'CrowdStrike Windows Sensor', 'PuTTY', 'WinSCP', 'Visual Studio Code', 'Java 8 Update 401', 'Citrix Workspace'];
const MAC_BASE = ['Safari', 'Google Chrome', 'Firefox', 'Microsoft Word', 'Microsoft Excel', 'Microsoft PowerPoint', 'Microsoft Outlook', 'Microsoft Teams', 'Slack', 'Zoom', 'Visual Studio Code', 'Xcode', 'iTerm', '1Password', 'Docker', 'Keynote', 'Pages', 'Numbers', 'GarageBand', 'iMovie', 'git', 'openssl@3', 'python@3.12', 'node', 'wget', 'jq', 'ripgrep', 'postgresql@16'];

const PUBLISHERS: Record<Platform, string[]> = {
  linux: ['Debian', 'Ubuntu Developers', 'Docker Inc.', 'PostgreSQL Global Development Group'],
  windows: ['Microsoft Corporation', 'Google LLC', 'Mozilla', 'Adobe', 'Igor Pavlov', 'Zoom Video Communications, Inc.', 'Slack Technologies'],
  macos: ['Apple Inc.', 'Google LLC', 'Microsoft Corporation', 'Homebrew', 'Docker Inc.'],
  freebsd: ['FreeBSD'],
  other: ['Unknown'],
};

function version(rng: Rng): string {
  return `${rng.int(0, 12)}.${rng.int(0, 30)}.${rng.int(0, 99)}`;
}

/**
 * A package's version depends on its name only, and names come from a pool of a few thousand: the
 * simulator plays thousands of machines, so each is worked out once. Likewise the install dates
 * (a day of 2024) as strings.
 */
const versions = new Map<string, string>();
function versionOf(name: string): string {
  let v = versions.get(name);
  if (v === undefined) {
    v = version(new Rng(seedOf(name)));
    versions.set(name, v);
  }
  return v;
}
const INSTALL_DATES = Array.from({ length: 12 }, (_, month) => Array.from({ length: 28 }, (_, day) => new Date(Date.UTC(2024, month, day + 1)).toISOString().slice(0, 10)));

function softwareFor(platform: Platform, rng: Rng, count: number): SoftwareItem[] {
  const base = platform === 'windows' ? WINDOWS_BASE : platform === 'macos' ? MAC_BASE : LINUX_BASE;
  const source: SoftwareItem['source'] = platform === 'windows' ? 'registry' : platform === 'macos' ? 'app' : 'deb';
  const items: SoftwareItem[] = [];
  const names = new Set<string>();
  for (const name of base) names.add(name);
  // Real fleets share most packages: the rest is drawn from one pool of 4,000 names per platform,
  // so ten thousand devices hold a catalogue of a few thousand titles, not millions.
  const prefixes = platform === 'linux' ? ['libgtk', 'libqt', 'libx11', 'gnome', 'kde', 'python3', 'perl', 'ruby', 'golang', 'fonts'] : base.slice(0, 10);
  while (names.size < Math.min(count, base.length + 4_000)) {
    const n = rng.int(1, 400);
    names.add(platform === 'linux' ? `${rng.pick(prefixes)}-pkg${n}` : `${rng.pick(prefixes)} Component ${n}`);
  }
  for (const name of [...names].slice(0, count)) {
    items.push({
      name,
      version: versionOf(name),
      publisher: rng.pick(PUBLISHERS[platform]),
      arch: platform === 'windows' ? 'x64' : platform === 'macos' ? 'arm64' : 'amd64',
      source,
      // Month first, then day: the generator's draws in the order they always were.
      installDate: INSTALL_DATES[rng.int(0, 11)]![rng.int(1, 28) - 1],
    });
  }
  return items;
}

export interface SimulatedDevice {
  index: number;
  platform: Platform;
  hostname: string;
  hardwareUuid: string;
  machineId: string;
  serialNumber: string;
  sections: SectionData;
}

/** A whole machine: every inventory section filled the way that platform's collectors would. */
export function simulatedDevice(index: number, options: { platform?: Platform; packages?: number; seed?: string } = {}): SimulatedDevice {
  const rng = new Rng(seedOf(`${options.seed ?? 'muster'}:${index}`));
  const platform: Platform = options.platform ?? (['linux', 'linux', 'windows', 'windows', 'windows', 'macos'] as const)[index % 6]!;
  const packages = options.packages ?? rng.int(300, 2000);
  const hostname = `${platform === 'windows' ? 'WS' : platform === 'macos' ? 'mac' : 'srv'}-${String(index).padStart(6, '0')}`;
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  const hardwareUuid = `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const ip = `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  const mac = Array.from({ length: 6 }, () => rng.int(0, 255).toString(16).padStart(2, '0')).join(':');
  const vendor = rng.pick(['Dell Inc.', 'LENOVO', 'HP', 'Apple Inc.', 'QEMU']);
  const memory = rng.pick([8, 16, 32, 64]) * 1024 ** 3;
  const os =
    platform === 'windows'
      ? { platform, name: 'Windows 11 Pro', version: '23H2', build: `22631.${rng.int(3000, 4500)}`, kernelVersion: '10.0.22631', arch: 'x86_64', family: 'windows' }
      : platform === 'macos'
        ? { platform, name: 'macOS', version: rng.pick(['14.5', '14.6', '15.1']), build: '23F79', kernelVersion: '23.5.0', arch: 'arm64', family: 'darwin' }
        : { platform, name: 'Debian GNU/Linux', version: rng.pick(['12', '11']), build: null, kernelVersion: '6.1.0-21-amd64', arch: 'x86_64', family: 'debian' };
  const sections: SectionData = {
    system: {
      hostname,
      fqdn: `${hostname}.corp.example`,
      hardwareUuid,
      machineId: hex(32),
      serialNumber: hex(10).toUpperCase(),
      vendor,
      model: rng.pick(['Latitude 7440', 'ThinkPad T14 Gen 4', 'EliteBook 840 G10', 'MacBook Pro (14-inch, M3)', 'Standard PC (Q35 + ICH9, 2009)']),
      chassisType: platform === 'linux' ? 'server' : 'laptop',
      virtualization: { role: vendor === 'QEMU' ? 'virtual' : 'physical', technology: vendor === 'QEMU' ? 'kvm' : null },
      domain: 'corp.example',
      timezone: 'Europe/Berlin',
      bootTime: new Date(Date.now() - rng.int(1, 30) * 86_400_000).toISOString(),
      uptimeSeconds: rng.int(3600, 30 * 86400),
    },
    os,
    hardware: {
      cpu: { model: rng.pick(['Intel(R) Core(TM) i7-1365U', 'AMD EPYC 7763 64-Core Processor', 'Apple M3 Pro']), vendor: 'GenuineIntel', sockets: 1, cores: rng.pick([4, 8, 12]), threads: rng.pick([8, 16]), speedMhz: 2600 },
      memory: { totalBytes: memory, modules: [{ slot: 'DIMM 0', sizeBytes: memory, type: 'DDR5', speedMhz: 5200, manufacturer: 'Samsung', serialNumber: hex(8), partNumber: 'M425R2GA3BB0-CWMOD' }] },
      disks: [{ name: platform === 'windows' ? '\\\\.\\PHYSICALDRIVE0' : 'nvme0n1', model: 'Samsung SSD 980 PRO 1TB', serialNumber: hex(14).toUpperCase(), sizeBytes: 1_000_204_886_016, type: 'nvme', removable: false }],
      volumes: [{ mountPoint: platform === 'windows' ? 'C:' : '/', device: platform === 'windows' ? null : '/dev/nvme0n1p2', fsType: platform === 'windows' ? 'NTFS' : platform === 'macos' ? 'apfs' : 'ext4', sizeBytes: 990_000_000_000, freeBytes: rng.int(50, 700) * 1e9, encrypted: platform !== 'linux' }],
      bios: { vendor, version: `1.${rng.int(1, 30)}.0`, releaseDate: '2024-03-12', firmwareType: 'uefi' },
      baseboard: { vendor, product: '0XJ9RH', version: 'A00', serialNumber: hex(12).toUpperCase() },
      gpus: [{ name: 'Intel(R) Iris(R) Xe Graphics', vendor: 'Intel Corporation', driverVersion: '31.0.101.5333', memoryBytes: null }],
      batteries: platform === 'linux' ? [] : [{ manufacturer: 'SMP', model: 'DELL 7WPC842', designCapacityWh: 57, fullChargeCapacityWh: 51.3, healthPercent: 90, cycleCount: rng.int(10, 900), chargePercent: rng.int(5, 100), status: 'discharging' }],
    },
    software: { items: softwareFor(platform, rng, packages) },
    updates: {
      installed: platform === 'windows' ? [{ id: 'KB5036893', title: 'Security Update', kind: 'security', installedAt: '2024-04-10' }, { id: 'KB5037771', title: 'Cumulative Update', kind: 'update', installedAt: '2024-05-14' }] : [],
      pending: [],
      rebootRequired: rng.next() < 0.1,
      lastCheckedAt: new Date(Date.now() - 3_600_000).toISOString(),
    },
    security: {
      firewall: { enabled: rng.next() < 0.9, product: platform === 'windows' ? 'Windows Firewall' : platform === 'macos' ? 'Application Firewall' : 'nftables', profiles: [], ruleCount: rng.int(0, 80) },
      diskEncryption: { enabled: platform !== 'linux', product: platform === 'windows' ? 'BitLocker' : platform === 'macos' ? 'FileVault' : null, volumes: [] },
      antivirus: platform === 'windows' ? [{ name: 'Microsoft Defender Antivirus', enabled: true, upToDate: true, realTimeProtection: true, version: '4.18.24040.4' }] : [],
      secureBoot: platform !== 'macos' ? rng.next() < 0.8 : null,
      tpm: platform === 'windows' ? { present: true, enabled: true, version: '2.0', manufacturer: 'INTC' } : null,
      selinux: null,
      apparmor: platform === 'linux' ? { enabled: true, profilesEnforced: 12, profilesComplain: 0 } : null,
      uac: platform === 'windows' ? { enabled: true, level: 'prompt for consent for non-Windows binaries' } : null,
      gatekeeper: platform === 'macos' ? true : null,
      sip: platform === 'macos' ? true : null,
      autoUpdate: { enabled: true, mechanism: platform === 'linux' ? 'unattended-upgrades' : 'os' },
      localAdmins: platform === 'windows' ? ['Administrator', `CORP\\${hostname.toLowerCase()}-admin`] : ['root'],
    },
    network: {
      interfaces: [
        { name: 'lo', mac: '00:00:00:00:00:00', type: 'loopback', up: true, mtu: 65536, ipv4: ['127.0.0.1/8'], ipv6: ['::1/128'] },
        { name: platform === 'windows' ? 'Ethernet' : 'eth0', mac, type: 'ethernet', up: true, mtu: 1500, speedMbps: 1000, ipv4: [`${ip}/16`], ipv6: [], dhcp: true },
      ],
      defaultGateway: { ipv4: ip.replace(/\.\d+$/, '.1'), ipv6: null, interface: platform === 'windows' ? 'Ethernet' : 'eth0' },
      dns: { servers: ['10.0.0.53'], searchDomains: ['corp.example'] },
      listeningPorts: [{ protocol: 'tcp', address: '0.0.0.0', port: 22, pid: 812, process: 'sshd' }],
      primaryIp: ip,
    },
    users: {
      accounts: [
        { name: 'root', uid: '0', type: 'system', isAdmin: true, disabled: false },
        { name: `user${index}`, uid: '1000', fullName: `User ${index}`, home: `/home/user${index}`, type: 'local', isAdmin: false, disabled: false },
      ],
      loggedIn: [{ name: `user${index}`, terminal: 'console', since: new Date().toISOString() }],
    },
    services: { manager: platform === 'windows' ? 'windows' : platform === 'macos' ? 'launchd' : 'systemd', items: [{ name: 'sshd', state: 'running', startMode: 'auto', pid: 812 }, { name: 'cron', state: 'running', startMode: 'auto' }] },
    browser: { extensions: [{ browser: 'chrome', user: `user${index}`, profile: 'Default', id: 'cjpalhdlnbpafiamejdnhcphjbkeiagm', name: 'uBlock Origin', version: '1.58.0', enabled: true }] },
    metrics: metricsSample(rng),
  };
  return { index, platform, hostname, hardwareUuid, machineId: sections.system.machineId!, serialNumber: sections.system.serialNumber!, sections };
}

export function metricsSample(rng: Rng, at = new Date()): MetricsSection {
  return {
    at: at.toISOString(),
    cpuPercent: Math.round(rng.next() * 1000) / 10,
    load: [rng.next() * 2, rng.next() * 2, rng.next() * 2],
    memory: { totalBytes: 16 * 1024 ** 3, usedBytes: rng.int(2, 15) * 1024 ** 3, percent: rng.int(10, 95) },
    swap: null,
    disks: [{ mountPoint: '/', sizeBytes: 990_000_000_000, usedBytes: 400_000_000_000, percent: rng.int(10, 95) }],
    network: { rxBytes: rng.int(1e6, 1e10), txBytes: rng.int(1e6, 1e10) },
    processes: { count: rng.int(100, 400), topCpu: [], topMemory: [] },
    uptimeSeconds: rng.int(3600, 30 * 86400),
  };
}

export const INVENTORY: InventorySectionName[] = ['system', 'os', 'hardware', 'software', 'updates', 'security', 'network', 'users', 'services', 'browser'];

export function sectionsWithHashes(sections: SectionData): ReportSections {
  const result: Record<string, { hash: string; data: unknown }> = {};
  for (const name of INVENTORY) result[name] = { hash: sectionHash(name, sections[name] as never), data: sections[name] };
  return result as ReportSections;
}

export function fullReport(device: SimulatedDevice, sequence: number, agentVersion = '0.1.0-sim'): FullReport {
  return {
    protocol: PROTOCOL_VERSION,
    reportId: randomUUID(),
    sequence,
    collectedAt: new Date().toISOString(),
    agent: { version: agentVersion, platform: device.platform, arch: device.sections.os.arch },
    kind: 'full',
    sections: sectionsWithHashes(device.sections),
  };
}
