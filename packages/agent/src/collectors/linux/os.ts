import os from 'node:os';
import { LIMITS, type OsSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { fsx } from './fsx.js';
import { clip, isoFromMs, readOsRelease, readTrimmed } from './shared.js';

const FAMILIES: [RegExp, string][] = [
  [/^(debian|ubuntu|raspbian|linuxmint|pop|elementary|kali|devuan)$/, 'debian'],
  [/^(rhel|fedora|centos|rocky|almalinux|ol|amzn|scientific|eurolinux|cloudlinux|mariner|azurelinux)$/, 'rhel'],
  [/^(suse|opensuse|sles|sled|opensuse-.*)$/, 'suse'],
  [/^(arch|archarm|manjaro|endeavouros|garuda|artix)$/, 'arch'],
  [/^(alpine|postmarketos)$/, 'alpine'],
  [/^gentoo$/, 'gentoo'],
  [/^nixos$/, 'nixos'],
  [/^(void)$/, 'void'],
];

/** Distribution family from os-release ID, then ID_LIKE (Rocky → rhel, Mint → debian). */
export function osFamily(release: Record<string, string>): string | null {
  const candidates = [release.ID, ...(release.ID_LIKE ?? '').split(/\s+/)].filter((s): s is string => Boolean(s)).map((s) => s.toLowerCase());
  for (const id of candidates) {
    const family = FAMILIES.find(([re]) => re.test(id))?.[1];
    if (family) return family;
  }
  return candidates[0] ?? null;
}

/** uname -m spelling, with aarch64 written arm64 as on the other platforms. */
export function normalizeArch(machine: string): string {
  if (machine === 'aarch64' || machine === 'arm64') return 'arm64';
  if (machine === 'x64' || machine === 'amd64') return 'x86_64';
  return machine;
}

/** OS section from os-release plus the precise point release where the distribution keeps one (/etc/debian_version). */
export function buildOsSection(input: { release: Record<string, string>; debianVersion?: string; kernelName?: string; kernelVersion?: string; machine: string; installDate?: string | null }): OsSection {
  const { release } = input;
  const family = osFamily(release);
  // Debian's VERSION_ID is the major ("12"); /etc/debian_version holds the point release ("12.11").
  // On Ubuntu that file names the Debian base ("trixie/sid"), which is not Ubuntu's build.
  const pointRelease = family === 'debian' && input.debianVersion && /^\d/.test(input.debianVersion) && input.debianVersion !== release.VERSION_ID ? input.debianVersion : undefined;
  const build = release.BUILD_ID && release.BUILD_ID !== 'rolling' ? release.BUILD_ID : pointRelease;
  // Rolling distributions (Arch, Debian sid) have no VERSION_ID; the empty string says "no version" without inventing one.
  const version = release.VERSION_ID ?? (release.BUILD_ID === 'rolling' ? 'rolling' : undefined) ?? input.debianVersion ?? '';
  return {
    platform: 'linux',
    name: clip(release.NAME ?? release.ID ?? 'Linux', LIMITS.name) ?? 'Linux',
    version: version.slice(0, LIMITS.version),
    build: clip(build, LIMITS.version),
    family: clip(family, 64),
    codename: clip(release.VERSION_CODENAME ?? release.UBUNTU_CODENAME, 64),
    kernelName: clip(input.kernelName ?? 'Linux', 64),
    kernelVersion: clip(input.kernelVersion, LIMITS.version),
    arch: normalizeArch(input.machine).slice(0, 32),
    installDate: input.installDate ?? null,
    edition: clip(release.VARIANT, LIMITS.name),
  };
}

/**
 * Linux keeps no install date. The installers' own logs are the honest trace (Debian/Ubuntu's
 * /var/log/installer, Anaconda's kickstart in /root); without them the date is unknown.
 */
const INSTALL_TRACES = ['/var/log/installer/syslog', '/var/log/installer', '/root/anaconda-ks.cfg', '/var/log/anaconda/anaconda.log'];

export async function collectOs(ctx: CollectContext): Promise<OsSection> {
  const fx = fsx(ctx);
  const [release, debianVersion, kernelName, kernelVersion] = await Promise.all([
    readOsRelease(ctx),
    readTrimmed(ctx, '/etc/debian_version'),
    readTrimmed(ctx, '/proc/sys/kernel/ostype'),
    readTrimmed(ctx, '/proc/sys/kernel/osrelease'),
  ]);
  let installDate: string | null = null;
  for (const path of INSTALL_TRACES) {
    const info = fx.stat(path);
    if (info) {
      installDate = isoFromMs(info.mtimeMs);
      break;
    }
  }
  return buildOsSection({ release, debianVersion, kernelName, kernelVersion, machine: os.machine(), installDate });
}
