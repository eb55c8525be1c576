import { LIMITS, type OsSection } from '@muster/protocol';
import { object, psDate, str, uint } from './values.js';

/** PROCESSOR_ARCHITECTURE of the machine (not of the process) in the protocol's spelling. */
export function windowsArch(processorArchitecture: unknown, osArchitecture?: unknown): string | null {
  const arch = str(processorArchitecture)?.toUpperCase();
  if (arch === 'AMD64') return 'x86_64';
  if (arch === 'ARM64') return 'arm64';
  if (arch === 'X86') return 'x86';
  if (arch === 'IA64') return 'ia64';
  // Win32_OperatingSystem.OSArchitecture is translated ("64-Bit"), but the digits and "ARM" are not.
  const text = str(osArchitecture);
  if (!text) return null;
  if (/arm/i.test(text)) return /64/.test(text) ? 'arm64' : 'arm';
  if (/64/.test(text)) return 'x86_64';
  if (/32/.test(text)) return 'x86';
  return null;
}

export function parseOs(raw: unknown): OsSection {
  const r = object(raw) ?? {};
  const os = object(r.os) ?? {};
  const cv = object(r.currentVersion) ?? {};

  // The caption, not the registry's ProductName: Windows 11 still writes "Windows 10 Pro" there.
  const caption = str(os.Caption, LIMITS.name);
  const name = caption?.replace(/^Microsoft\s+/i, '') ?? str(cv.ProductName, LIMITS.name) ?? 'Windows';
  // DisplayVersion ("23H2") since 20H2; ReleaseId ("1909") before it.
  const version = str(cv.DisplayVersion, LIMITS.version) ?? str(cv.ReleaseId, LIMITS.version) ?? str(os.Version, LIMITS.version) ?? 'unknown';
  const buildNumber = str(cv.CurrentBuildNumber) ?? str(os.BuildNumber);
  // The update build revision is what tells one month's cumulative update from the next.
  const ubr = uint(cv.UBR);
  const build = buildNumber ? (ubr !== null ? `${buildNumber}.${ubr}` : buildNumber) : null;
  const arch = windowsArch(r.processorArchitecture, os.OSArchitecture);
  if (!arch) throw new Error('could not tell the processor architecture');

  return {
    platform: 'windows',
    name,
    version,
    build,
    // "Client", "Server" or "Server Core": what separates one kind of Windows from the other.
    family: str(cv.InstallationType, 64)?.toLowerCase() ?? null,
    codename: null,
    kernelName: 'Windows NT',
    kernelVersion: str(os.Version, LIMITS.version),
    arch,
    // Reset by each feature update (an in-place upgrade), so it is the last upgrade's date.
    installDate: psDate(os.InstallDate),
    edition: str(cv.EditionID, LIMITS.name),
  };
}
