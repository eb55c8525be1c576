import type { HardwareSection, InventorySectionName, NetworkSection, OsSection, SecuritySection, SystemSection, UsersSection } from '@muster/protocol';
import type { CatalogEntry } from './catalog.js';

/** One line of a device's history. */
export interface Change {
  kind: string;
  subject: string;
  oldValue: string | null;
  newValue: string | null;
}

const identity = (e: CatalogEntry): string => `${e.source}\u0000${e.name}\u0000${e.arch}`;

/**
 * Installed, removed and updated packages between two software states. A package is identified by
 * source, name and architecture; a different version of the same identity is an update.
 */
export function softwareChanges(before: CatalogEntry[], after: CatalogEntry[]): Change[] {
  const group = (entries: CatalogEntry[]) => {
    const map = new Map<string, { entry: CatalogEntry; versions: Set<string> }>();
    for (const e of entries) {
      const id = identity(e);
      const slot = map.get(id) ?? { entry: e, versions: new Set<string>() };
      slot.versions.add(e.version);
      map.set(id, slot);
    }
    return map;
  };
  const was = group(before);
  const now = group(after);
  const changes: Change[] = [];
  const versions = (s: Set<string>) => [...s].sort().join(', ');
  for (const [id, { entry, versions: v }] of now) {
    const old = was.get(id);
    if (!old) changes.push({ kind: 'software.installed', subject: entry.name, oldValue: null, newValue: versions(v) });
    else if (versions(old.versions) !== versions(v)) changes.push({ kind: 'software.updated', subject: entry.name, oldValue: versions(old.versions), newValue: versions(v) });
  }
  for (const [id, { entry, versions: v }] of was) {
    if (!now.has(id)) changes.push({ kind: 'software.removed', subject: entry.name, oldValue: versions(v), newValue: null });
  }
  return changes.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.kind < b.kind ? -1 : 1));
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

function field(changes: Change[], kind: string, subject: string, oldValue: unknown, newValue: unknown): void {
  const o = str(oldValue);
  const n = str(newValue);
  if (o !== n) changes.push({ kind, subject, oldValue: o, newValue: n });
}

function setDiff(changes: Change[], kind: string, before: Iterable<string>, after: Iterable<string>): void {
  const was = new Set(before);
  const now = new Set(after);
  for (const v of now) if (!was.has(v)) changes.push({ kind: `${kind}_added`, subject: v, oldValue: null, newValue: v });
  for (const v of was) if (!now.has(v)) changes.push({ kind: `${kind}_removed`, subject: v, oldValue: v, newValue: null });
}

const onOff = (v: boolean | null | undefined): string | null => (v === true ? 'on' : v === false ? 'off' : null);
const addressOnly = (cidr: string): string => cidr.split('/')[0]!;

/**
 * The changes worth a line in the history between two versions of a section. Volatile values
 * (uptime, free space, counters) are deliberately not history.
 */
export function sectionChanges(section: InventorySectionName, before: unknown, after: unknown): Change[] {
  const changes: Change[] = [];
  if (!before || !after) return changes;
  switch (section) {
    case 'system': {
      const [b, a] = [before as SystemSection, after as SystemSection];
      field(changes, 'system.hostname_changed', 'hostname', b.hostname, a.hostname);
      field(changes, 'system.serial_changed', 'serial number', b.serialNumber, a.serialNumber);
      field(changes, 'system.domain_changed', 'domain', b.domain, a.domain);
      break;
    }
    case 'os': {
      const [b, a] = [before as OsSection, after as OsSection];
      field(changes, 'os.changed', 'operating system', `${b.name} ${b.version}`, `${a.name} ${a.version}`);
      field(changes, 'os.build_changed', 'build', b.build, a.build);
      field(changes, 'os.kernel_changed', 'kernel', b.kernelVersion, a.kernelVersion);
      break;
    }
    case 'hardware': {
      const [b, a] = [before as HardwareSection, after as HardwareSection];
      field(changes, 'hardware.changed', 'cpu', b.cpu.model, a.cpu.model);
      field(changes, 'hardware.changed', 'memory', b.memory.totalBytes, a.memory.totalBytes);
      const disk = (d: HardwareSection['disks'][number]) => `${d.name} ${d.model ?? ''} ${d.sizeBytes ?? ''}`.trim();
      setDiff(changes, 'hardware.disk', b.disks.map(disk), a.disks.map(disk));
      setDiff(changes, 'hardware.gpu', b.gpus.map((g) => g.name), a.gpus.map((g) => g.name));
      field(changes, 'hardware.changed', 'bios version', b.bios?.version, a.bios?.version);
      break;
    }
    case 'network': {
      const [b, a] = [before as NetworkSection, after as NetworkSection];
      const ips = (n: NetworkSection) => n.interfaces.filter((i) => i.type !== 'loopback').flatMap((i) => [...i.ipv4, ...i.ipv6].map(addressOnly)).filter((ip) => !ip.startsWith('fe80:'));
      setDiff(changes, 'network.ip', ips(b), ips(a));
      const macs = (n: NetworkSection) => n.interfaces.map((i) => i.mac).filter((m): m is string => !!m && m !== '00:00:00:00:00:00');
      setDiff(changes, 'network.mac', macs(b), macs(a));
      field(changes, 'network.gateway_changed', 'default gateway', b.defaultGateway.ipv4, a.defaultGateway.ipv4);
      break;
    }
    case 'users': {
      const [b, a] = [before as UsersSection, after as UsersSection];
      setDiff(changes, 'users.account', b.accounts.map((u) => u.name), a.accounts.map((u) => u.name));
      setDiff(changes, 'users.admin', b.accounts.filter((u) => u.isAdmin).map((u) => u.name), a.accounts.filter((u) => u.isAdmin).map((u) => u.name));
      break;
    }
    case 'security': {
      const [b, a] = [before as SecuritySection, after as SecuritySection];
      field(changes, 'security.changed', 'firewall', onOff(b.firewall.enabled), onOff(a.firewall.enabled));
      field(changes, 'security.changed', 'disk encryption', onOff(b.diskEncryption.enabled), onOff(a.diskEncryption.enabled));
      field(changes, 'security.changed', 'secure boot', onOff(b.secureBoot), onOff(a.secureBoot));
      field(changes, 'security.changed', 'SELinux', b.selinux?.mode, a.selinux?.mode);
      setDiff(changes, 'security.antivirus', b.antivirus.map((v) => v.name), a.antivirus.map((v) => v.name));
      setDiff(changes, 'security.local_admin', b.localAdmins, a.localAdmins);
      break;
    }
    default:
      break;
  }
  return changes;
}
