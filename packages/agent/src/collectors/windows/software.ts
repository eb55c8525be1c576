import { LIMITS, type SoftwareItem, type SoftwareSection } from '@muster/protocol';
import { accountLeaf, bool, calendarDate, object, objects, str, uint, type RawObject } from './values.js';

/** Appx ProcessorArchitecture, as a number (5.1) or a name. */
const APPX_ARCH: Record<number, string> = { 0: 'x86', 5: 'arm', 9: 'x64', 11: 'neutral', 12: 'arm64' };
/** Appx SignatureKind 4: packages that are part of Windows itself. */
const SIGNATURE_SYSTEM = 4;

const GUID_KEY = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;

/** Installers quote the folder now and then ("\"C:\\Program Files\\App\""). */
function installLocation(value: unknown): string | null {
  const s = str(value, LIMITS.path + 2);
  if (!s) return null;
  return s.replace(/^"(.*)"$/, '$1').slice(0, LIMITS.path) || null;
}

/** "CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, S=Washington, C=US" → the organisation. */
export function appxPublisher(value: unknown): string | null {
  const dn = str(value);
  if (!dn) return null;
  const part = (key: string) => new RegExp(`(?:^|,)\\s*${key}=("([^"]*)"|[^,]*)`, 'i').exec(dn);
  const match = part('O') ?? part('CN');
  if (!match) return dn.slice(0, LIMITS.name);
  return (match[2] ?? match[1] ?? '').trim().slice(0, LIMITS.name) || null;
}

function uninstallItem(e: RawObject, nativeArch: string | null): SoftwareItem | null {
  const name = str(e.DisplayName, LIMITS.name);
  // What Programs and Features hides: no name, parts of Windows or of another product, and the
  // updates that belong to another entry.
  if (!name) return null;
  if (bool(e.SystemComponent) === true) return null;
  if (str(e.ParentKeyName)) return null;
  if (/^(security update|update rollup|hotfix|update)$/i.test(str(e.ReleaseType) ?? '')) return null;

  const keyName = str(e.KeyName) ?? '';
  const view = str(e.View);
  const account = str(e.User);
  const sid = str(e.Sid);
  const sizeKb = uint(e.EstimatedSize);
  return {
    name,
    version: str(e.DisplayVersion, LIMITS.version) ?? '',
    publisher: str(e.Publisher, LIMITS.name),
    // WOW6432Node holds 32-bit programs; the native view is x64 only on x64 Windows (on ARM64 it
    // holds arm64 and x64 alike), and per-user keys say nothing about bitness.
    arch: view === '32' ? 'x86' : view === '64' ? nativeArch : null,
    // MSI registers its products under their ProductCode; WindowsInstaller=1 says so too.
    source: bool(e.WindowsInstaller) === true || GUID_KEY.test(keyName) ? 'msi' : 'registry',
    installDate: calendarDate(e.InstallDate),
    installLocation: installLocation(e.InstallLocation),
    // EstimatedSize is in KiB.
    sizeBytes: sizeKb !== null && sizeKb > 0 ? sizeKb * 1024 : null,
    user: view === 'user' ? (account ? accountLeaf(account) : sid)?.slice(0, LIMITS.name) ?? null : null,
    purl: null,
  };
}

function appxItem(p: RawObject): SoftwareItem | null {
  const name = str(p.Name, LIMITS.name);
  if (!name) return null;
  // Frameworks (VCLibs, .NET Native) and resource packs are libraries, not applications; System
  // packages (the Start menu, the lock screen) are Windows itself.
  if (bool(p.IsFramework) === true || bool(p.IsResourcePackage) === true) return null;
  const signature = uint(p.SignatureKind) ?? (str(p.SignatureKind)?.toLowerCase() === 'system' ? SIGNATURE_SYSTEM : null);
  if (signature === SIGNATURE_SYSTEM) return null;
  const arch = uint(p.Architecture);
  return {
    name,
    version: str(p.Version, LIMITS.version) ?? '',
    publisher: appxPublisher(p.Publisher),
    arch: arch !== null ? (APPX_ARCH[arch] ?? null) : (str(p.Architecture, 32)?.toLowerCase() ?? null),
    source: 'msix',
    installDate: null,
    installLocation: installLocation(p.InstallLocation),
    sizeBytes: null,
    user: null,
    purl: null,
  };
}

/**
 * The same program can be listed twice: in both registry views, as an MSI product and as its
 * bootstrapper's entry, or as a key left behind by a reinstall. Entries with the same name,
 * version, architecture and user are one program; the first one seen (HKLM 64-bit first) is kept,
 * completed with what the others know, and marked MSI when any of them is.
 */
function deduplicate(items: SoftwareItem[]): SoftwareItem[] {
  const byKey = new Map<string, SoftwareItem>();
  for (const item of items) {
    const key = [item.name.toLowerCase(), item.version, item.arch ?? '', item.user ?? '', item.source === 'msix' ? 'msix' : ''].join('\u0000');
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...item });
      continue;
    }
    if (item.source === 'msi') seen.source = 'msi';
    seen.publisher ??= item.publisher;
    seen.installDate ??= item.installDate;
    seen.installLocation ??= item.installLocation;
    seen.sizeBytes ??= item.sizeBytes;
  }
  return [...byKey.values()];
}

export function parseSoftware(raw: unknown): SoftwareSection {
  const r = object(raw) ?? {};
  const processor = str(r.processorArchitecture)?.toUpperCase();
  const nativeArch = processor === 'AMD64' ? 'x64' : processor === 'X86' ? 'x86' : null;
  const items: SoftwareItem[] = [];
  for (const entry of objects(r.uninstall)) {
    const item = uninstallItem(entry, nativeArch);
    if (item) items.push(item);
  }
  for (const pkg of objects(r.appx)) {
    const item = appxItem(pkg);
    if (item) items.push(item);
  }
  return { items: deduplicate(items).slice(0, LIMITS.softwareItems) };
}
