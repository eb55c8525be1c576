import { LIMITS, type OsSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { loadSharedProfiler, profilerItems, type ProfilerReport } from './profiler.js';
import { loadSysctlStatic } from './system.js';
import { asString, BIN, clip, lines, optional, parseSysctl, sharedRun } from './util.js';

/** Apple's release names, by major version (10.x releases by minor). */
const CODENAMES: Record<string, string> = {
  '26': 'Tahoe',
  '15': 'Sequoia',
  '14': 'Sonoma',
  '13': 'Ventura',
  '12': 'Monterey',
  '11': 'Big Sur',
  '10.15': 'Catalina',
  '10.14': 'Mojave',
  '10.13': 'High Sierra',
};

export function codenameFor(version: string): string | null {
  const [major, minor] = version.split('.');
  if (!major) return null;
  return CODENAMES[major === '10' ? `10.${minor ?? ''}` : major] ?? null;
}

/** `sw_vers`: "ProductName:\t\tmacOS" lines. */
export function parseSwVers(text: string | undefined): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of lines(text)) {
    const match = /^(\w+):\s*(.*)$/.exec(line);
    if (match?.[1]) values.set(match[1], (match[2] ?? '').trim());
  }
  return values;
}

/**
 * The CPU architecture of the machine, not of this process: under Rosetta `uname -m` says x86_64
 * on Apple silicon, but the CPU brand string still names the Apple chip.
 */
export function machineArch(sysctlText: string | undefined, unameText: string | undefined): string | null {
  const brand = parseSysctl(sysctlText).get('machdep.cpu.brand_string');
  if (brand?.startsWith('Apple')) return 'arm64';
  // `uname -m -r` prints the release first, then the machine: "23.5.0 arm64".
  return unameText?.trim().split(/\s+/)[1] ?? null;
}

export interface OsInputs {
  /** `sw_vers` */
  swVers?: string;
  /** `uname -m -r` */
  uname?: string;
  sysctl?: string;
  profiler?: ProfilerReport;
}

export function parseOs(inputs: OsInputs): OsSection {
  const sw = parseSwVers(inputs.swVers);
  const software = profilerItems(inputs.profiler, 'SPSoftwareDataType')[0] ?? {};
  // Fallback when sw_vers is missing: system_profiler's "macOS 14.5 (23F79)".
  const profiled = /^(\S+(?: OS X)?)\s+([\d.]+)(?:\s+(\([a-z]\)))?\s+\(([^)]+)\)/.exec(asString(software.os_version) ?? '');

  const baseVersion = sw.get('ProductVersion') ?? profiled?.[2] ?? '';
  // A Rapid Security Response shows as ProductVersionExtra "(a)": part of the version people see.
  const extra = sw.get('ProductVersionExtra') ?? profiled?.[3];
  const kernelRelease = inputs.uname?.trim().split(/\s+/)[0] ?? /Darwin\s+(\S+)/.exec(asString(software.kernel_version) ?? '')?.[1] ?? null;

  return {
    platform: 'macos',
    name: clip(sw.get('ProductName') ?? profiled?.[1] ?? 'macOS', LIMITS.name) ?? 'macOS',
    version: clip(extra ? `${baseVersion} ${extra}` : baseVersion, LIMITS.version) ?? '',
    build: clip(sw.get('BuildVersion') ?? profiled?.[4], LIMITS.version),
    family: null,
    codename: codenameFor(baseVersion),
    kernelName: 'Darwin',
    kernelVersion: clip(kernelRelease, LIMITS.version),
    arch: machineArch(inputs.sysctl, inputs.uname) ?? '',
    installDate: null,
    edition: null,
  };
}

export async function collectOs(ctx: CollectContext): Promise<OsSection> {
  const [swVers, uname, sysctl] = await Promise.all([sharedRun(ctx, BIN.swVers, []), sharedRun(ctx, BIN.uname, ['-m', '-r']), loadSysctlStatic(ctx)]);
  // system_profiler only when sw_vers could not answer: it is the slow path.
  const profiler = swVers ? undefined : await optional(loadSharedProfiler(ctx));
  return parseOs({ swVers, uname, sysctl, profiler });
}
