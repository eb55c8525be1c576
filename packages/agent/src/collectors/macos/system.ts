import { LIMITS, type SystemSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { loadSharedProfiler, profilerItems, type ProfilerReport } from './profiler.js';
import { asString, BIN, clip, isoFromEpochSeconds, lines, optional, parseBootTime, parseSysctl, run, sharedRun } from './util.js';

/** The sysctl names every Mac has; read by name, so their order does not matter. */
export const SYSCTL_STATIC = ['kern.boottime', 'hw.model', 'hw.packages', 'hw.physicalcpu', 'hw.logicalcpu', 'hw.memsize', 'machdep.cpu.brand_string', 'kern.hv_vmm_present'];

export function loadSysctlStatic(ctx: CollectContext): Promise<string | undefined> {
  return sharedRun(ctx, BIN.sysctl, SYSCTL_STATIC);
}

export function loadIoreg(ctx: CollectContext): Promise<string | undefined> {
  return sharedRun(ctx, BIN.ioreg, ['-rd1', '-c', 'IOPlatformExpertDevice']);
}

/**
 * `ioreg -rd1 -c IOPlatformExpertDevice`: the platform's registry properties, one per line, as
 * `"key" = "string"` or `"key" = <"string">` (device-tree data that happens to be text). Binary
 * data (`<0200…>`) is kept raw; nothing here reads it.
 */
export function parseIoreg(text: string | undefined): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of lines(text)) {
    const match = /^\s*"([^"]+)" = (.*)$/.exec(line);
    if (!match?.[1]) continue;
    const raw = (match[2] ?? '').trim();
    const quoted = /^<?"([^"]*)"/.exec(raw);
    values.set(match[1], quoted ? (quoted[1] ?? '') : raw);
  }
  return values;
}

/** Laptop or desktop from the product line: Apple names them consistently. */
export function chassisFor(machineName: string | undefined, model: string | undefined): string | null {
  const probe = machineName ?? model ?? '';
  if (/^MacBook/i.test(probe)) return 'laptop';
  if (/^(iMac|Mac ?mini|Mac ?Studio|Mac ?Pro|Macmini|MacPro)/i.test(probe)) return 'desktop';
  if (/^VirtualMac/i.test(model ?? '')) return 'virtual';
  return null;
}

export interface SystemInputs {
  /** `hostname` */
  hostname?: string;
  /** `sysctl` with SYSCTL_STATIC */
  sysctl?: string;
  /** `ioreg -rd1 -c IOPlatformExpertDevice` */
  ioreg?: string;
  /** `readlink /etc/localtime` */
  localtime?: string;
  profiler?: ProfilerReport;
  now: Date;
}

export function parseSystem(inputs: SystemInputs): SystemSection {
  const sysctl = parseSysctl(inputs.sysctl);
  const ioreg = parseIoreg(inputs.ioreg);
  const hardware = profilerItems(inputs.profiler, 'SPHardwareDataType')[0] ?? {};

  const fullName = inputs.hostname?.trim() ?? '';
  const hostname = fullName.split('.')[0] ?? '';
  const model = sysctl.get('hw.model') ?? ioreg.get('model') ?? asString(hardware.machine_model);
  const machineName = asString(hardware.machine_name);

  const bootSeconds = parseBootTime(sysctl.get('kern.boottime'));
  const uptime = bootSeconds !== undefined ? Math.max(0, Math.floor(inputs.now.getTime() / 1000 - bootSeconds)) : null;
  // /etc/localtime → /var/db/timezone/zoneinfo/Europe/Berlin
  const timezone = /zoneinfo\/(.+)$/.exec(inputs.localtime?.trim() ?? '')?.[1] ?? null;

  const vmm = sysctl.get('kern.hv_vmm_present');
  const section: SystemSection = {
    hostname: clip(hostname, LIMITS.name) ?? '',
    fqdn: fullName.includes('.') ? clip(fullName, LIMITS.name) : null,
    // -detailLevel mini leaves identifiers out of system_profiler; ioreg always has them.
    hardwareUuid: clip(ioreg.get('IOPlatformUUID') ?? asString(hardware.platform_UUID), 64),
    machineId: null,
    serialNumber: clip(ioreg.get('IOPlatformSerialNumber') ?? asString(hardware.serial_number), LIMITS.name),
    vendor: clip(ioreg.get('manufacturer'), LIMITS.name),
    // The model identifier (Mac14,9) is exact; the product line (MacBook Pro) is the family.
    model: clip(model, LIMITS.name),
    family: clip(machineName, LIMITS.name),
    chassisType: chassisFor(machineName, model),
    domain: null,
    timezone,
    bootTime: isoFromEpochSeconds(bootSeconds),
    uptimeSeconds: uptime,
  };
  if (vmm === '0' || vmm === '1') section.virtualization = { role: vmm === '1' ? 'virtual' : 'physical', technology: null };
  return section;
}

export async function collectSystem(ctx: CollectContext): Promise<SystemSection> {
  const [hostname, sysctl, ioreg, localtime, profiler] = await Promise.all([
    optional(run(ctx, BIN.hostname, [])),
    loadSysctlStatic(ctx),
    loadIoreg(ctx),
    optional(run(ctx, BIN.readlink, ['/etc/localtime'])),
    optional(loadSharedProfiler(ctx)),
  ]);
  return parseSystem({ hostname, sysctl, ioreg, localtime, profiler, now: ctx.now() });
}
