import os from 'node:os';
import { LIMITS, type SystemSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { chassisClass, readDmi } from './dmi.js';
import { fsx } from './fsx.js';
import { clip, isoFromSeconds, parseMounts, readCached, readTrimmed } from './shared.js';

/** Fully qualified name from /etc/hosts, the way `hostname -f` finds it without asking DNS (the agent never touches the network). */
export function fqdnFromHosts(hosts: string, hostname: string): string | null {
  if (hostname.includes('.')) return hostname;
  for (const raw of hosts.split('\n')) {
    const names = raw.replace(/#.*/, '').trim().split(/\s+/).slice(1);
    if (!names.some((n) => n === hostname || n.startsWith(`${hostname}.`))) continue;
    const fqdn = names.find((n) => n.startsWith(`${hostname}.`));
    if (fqdn) return fqdn;
  }
  return null;
}

/** /proc/stat btime: boot time in seconds since the epoch. */
export function parseBootTime(procStat: string): number | null {
  const match = /^btime\s+(\d+)/m.exec(procStat);
  return match?.[1] ? Number(match[1]) : null;
}

export interface VirtEvidence {
  /** /run/.containerenv exists (podman). */
  containerEnv?: boolean;
  /** /run/systemd/container: written by container managers for systemd inside. */
  systemdContainer?: string;
  /** container= from /proc/1/environ (root only). */
  pid1Container?: string;
  /** /proc/1/cgroup. */
  cgroup?: string;
  /** /.dockerenv exists. */
  dockerEnv?: boolean;
  /** Source of the / mount: a block device on VMs and hosts, overlay in containers. */
  rootDevice?: string;
  kernelRelease?: string;
  /** cpuinfo has flags (x86) and whether "hypervisor" is among them. */
  cpuFlags?: string[];
  dmiVendor?: string;
  dmiProduct?: string;
  clocksource?: string;
  /** /sys/hypervisor/type (Xen). */
  hypervisorType?: string;
}

const DMI_HYPERVISORS: [RegExp, string][] = [
  [/^QEMU|^KVM|Standard PC \(/i, 'kvm'],
  [/VMware/i, 'vmware'],
  [/innotek|VirtualBox/i, 'virtualbox'],
  [/^Xen|HVM domU/i, 'xen'],
  [/Parallels/i, 'parallels'],
  [/Bochs/i, 'bochs'],
  [/Google Compute Engine/i, 'kvm'],
  [/Apple Virtualization/i, 'apple'],
];

/** Physical host, VM or container, from evidence gathered without privileges where possible (like systemd-detect-virt). */
export function classifyVirtualization(e: VirtEvidence): NonNullable<SystemSection['virtualization']> {
  const container =
    (e.containerEnv ? 'podman' : undefined) ??
    e.systemdContainer ??
    e.pid1Container ??
    (e.cgroup && /\/kubepods/.test(e.cgroup) ? 'kubernetes' : undefined) ??
    (e.cgroup && /\/docker[/-]/.test(e.cgroup) ? 'docker' : undefined) ??
    (e.cgroup && /\/libpod-/.test(e.cgroup) ? 'podman' : undefined) ??
    (e.cgroup && /\/lxc[/.]/.test(e.cgroup) ? 'lxc' : undefined) ??
    // /.dockerenv alone also survives in VM images built from containers: require a root that is not a block device.
    (e.dockerEnv && e.rootDevice !== undefined && !e.rootDevice.startsWith('/dev/') ? 'docker' : undefined);
  if (container) return { role: 'container', technology: clip(container, 64) };
  if (e.kernelRelease && /microsoft/i.test(e.kernelRelease)) return { role: 'virtual', technology: 'wsl' };

  const dmiText = `${e.dmiVendor ?? ''} ${e.dmiProduct ?? ''}`;
  const fromDmi = DMI_HYPERVISORS.find(([re]) => re.test(dmiText))?.[1] ?? (/Microsoft/i.test(e.dmiVendor ?? '') && /Virtual Machine/i.test(e.dmiProduct ?? '') ? 'hyperv' : undefined);
  const fromClock = e.clocksource === 'kvm-clock' ? 'kvm' : e.clocksource === 'xen' ? 'xen' : e.clocksource?.startsWith('hyperv') ? 'hyperv' : undefined;
  const technology = fromDmi ?? (e.hypervisorType === 'xen' ? 'xen' : undefined) ?? fromClock ?? null;
  const hypervisorFlag = e.cpuFlags?.includes('hypervisor') ?? false;
  if (hypervisorFlag || fromDmi || e.hypervisorType) return { role: 'virtual', technology };
  // x86 CPUs always announce a hypervisor through that flag; other architectures have no such tell.
  if (e.cpuFlags && e.cpuFlags.length > 0) return { role: 'physical', technology: null };
  return { role: 'unknown', technology: null };
}

/** The "flags" line of /proc/cpuinfo (x86 only), split. */
export function cpuFlags(cpuinfo: string): string[] {
  const match = /^flags\s*:\s*(.*)$/m.exec(cpuinfo);
  return match?.[1] ? match[1].trim().split(/\s+/) : [];
}

async function gatherVirtEvidence(ctx: CollectContext): Promise<VirtEvidence> {
  const [containerEnv, systemdContainer, environ, cgroup, dockerEnv, mounts, kernelRelease, cpuinfo, dmi, clocksource, hypervisorType] = await Promise.all([
    ctx.exists('/run/.containerenv'),
    readTrimmed(ctx, '/run/systemd/container'),
    ctx.readText('/proc/1/environ'),
    ctx.readText('/proc/1/cgroup'),
    ctx.exists('/.dockerenv'),
    readCached(ctx, '/proc/self/mounts'),
    readTrimmed(ctx, '/proc/sys/kernel/osrelease'),
    readCached(ctx, '/proc/cpuinfo'),
    readDmi(ctx),
    readTrimmed(ctx, '/sys/devices/system/clocksource/clocksource0/current_clocksource'),
    readTrimmed(ctx, '/sys/hypervisor/type'),
  ]);
  const pid1Container = environ
    ?.split('\0')
    .find((v) => v.startsWith('container='))
    ?.slice('container='.length);
  const root = mounts ? parseMounts(mounts).filter((m) => m.mountPoint === '/').pop() : undefined;
  return {
    containerEnv,
    systemdContainer,
    pid1Container: pid1Container || undefined,
    cgroup,
    dockerEnv,
    rootDevice: root?.device,
    kernelRelease,
    cpuFlags: cpuinfo ? cpuFlags(cpuinfo) : undefined,
    dmiVendor: dmi?.sys_vendor,
    dmiProduct: dmi?.product_name,
    clocksource,
    hypervisorType,
  };
}

/** Time zone name: /etc/timezone (Debian), else the /etc/localtime symlink target, else what the runtime resolved. */
export function timezoneFromLocaltime(link: string | undefined): string | null {
  const match = link ? /zoneinfo\/(.+)$/.exec(link) : null;
  return match?.[1] ?? null;
}

/** Directory domain from sssd (realmd joins write it); /etc/krb5.conf is not used, as packages ship an example realm there. */
export function sssdDomain(conf: string): string | null {
  const match = /^\s*domains\s*=\s*([^,\s]+)/m.exec(conf);
  return match?.[1] ?? null;
}

export async function collectSystem(ctx: CollectContext): Promise<SystemSection> {
  const fx = fsx(ctx);
  const [procHostname, hosts, machineId, dbusMachineId, dmi, evidence, tzFile, procStat, uptime, sssd] = await Promise.all([
    readTrimmed(ctx, '/proc/sys/kernel/hostname'),
    ctx.readText('/etc/hosts'),
    readTrimmed(ctx, '/etc/machine-id'),
    readTrimmed(ctx, '/var/lib/dbus/machine-id'),
    readDmi(ctx),
    gatherVirtEvidence(ctx),
    readTrimmed(ctx, '/etc/timezone'),
    ctx.readText('/proc/stat'),
    ctx.readText('/proc/uptime'),
    ctx.readText('/etc/sssd/sssd.conf'),
  ]);
  const hostname = procHostname ?? os.hostname();
  const virtualization = classifyVirtualization(evidence);
  const bootSeconds = procStat ? parseBootTime(procStat) : null;
  const uptimeSeconds = uptime ? Math.floor(Number(uptime.split(' ')[0])) : NaN;
  const timezone = tzFile ?? timezoneFromLocaltime(fx.readlink('/etc/localtime')) ?? (process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || null);

  return {
    hostname: clip(hostname, LIMITS.name) ?? 'localhost',
    fqdn: clip(hosts ? fqdnFromHosts(hosts, hostname) : null, LIMITS.name),
    hardwareUuid: clip(dmi?.product_uuid, 64),
    machineId: clip(machineId ?? dbusMachineId, 64),
    serialNumber: clip(dmi?.product_serial, LIMITS.name),
    vendor: clip(dmi?.sys_vendor, LIMITS.name),
    model: clip(dmi?.product_name, LIMITS.name),
    family: clip(dmi?.product_family, LIMITS.name),
    chassisType: virtualization.role === 'container' ? 'container' : virtualization.role === 'virtual' ? 'virtual' : chassisClass(dmi?.chassis_type),
    virtualization,
    domain: clip(sssd ? sssdDomain(sssd) : null, LIMITS.name),
    timezone: clip(timezone, 64),
    bootTime: isoFromSeconds(bootSeconds),
    uptimeSeconds: Number.isFinite(uptimeSeconds) && uptimeSeconds >= 0 ? uptimeSeconds : null,
  };
}
