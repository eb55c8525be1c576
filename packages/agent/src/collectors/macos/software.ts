import { LIMITS, softwareKey, type SoftwareItem, type SoftwareSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { plistDict, plistString, readPlist, type PlistValue } from './plist.js';
import { loadApplications, profilerItems, type ProfilerReport } from './profiler.js';
import { isoDate, asArray, asString, clip, mapLimit, optional, type JsonObject } from './util.js';
import { loadInstallHistory, parseInstallHistory, type InstallEvent } from './updates.js';

export const RECEIPTS_DIR = '/var/db/receipts';
/** Where Homebrew lives: /opt/homebrew on Apple silicon, /usr/local on Intel (and for Rosetta installs). */
export const BREW_PREFIXES = ['/opt/homebrew', '/usr/local'] as const;
/** A Mac with more receipts than this has a problem we do not need to fork plutil over. */
const MAX_RECEIPTS = 2_000;

/** system_profiler's arch_kind → the architectures the binary carries. */
const ARCH_KINDS: Record<string, string> = {
  arch_arm_i64: 'universal',
  arch_arm: 'arm64',
  arch_i64: 'x86_64',
  arch_i64_i32: 'x86_64',
  arch_i32: 'i386',
  arch_ios: 'arm64',
};

const SIGNER_WITH_NAME = /^(?:Developer ID Application|Apple Development|Apple Distribution|Mac Developer|3rd Party Mac Developer Application):\s*(.+?)(?:\s*\([A-Z0-9]{10}\))?$/;

/**
 * The publisher as the code signature names it: "Developer ID Application: Google LLC (EQHXZ8M8AV)"
 * is Google LLC, Apple's own signing identity is Apple. App Store apps are re-signed by Apple, so
 * their signature does not name the developer: left unknown.
 */
export function publisherOf(app: JsonObject): string | null {
  const signer = asString(asArray(app.signed_by)[0]);
  const named = signer ? SIGNER_WITH_NAME.exec(signer) : null;
  if (named?.[1]) return named[1];
  if (signer && /^(macOS )?Software Signing$/.test(signer)) return 'Apple';
  if (app.obtained_from === 'apple') return 'Apple';
  return null;
}

function item(fields: Pick<SoftwareItem, 'name' | 'version' | 'source'> & Partial<SoftwareItem>): SoftwareItem {
  return {
    name: clip(fields.name, LIMITS.name) ?? '',
    version: clip(fields.version, LIMITS.version) ?? '',
    publisher: clip(fields.publisher ?? null, LIMITS.name),
    arch: fields.arch ?? null,
    source: fields.source,
    installDate: fields.installDate ?? null,
    installLocation: clip(fields.installLocation ?? null, LIMITS.path),
    sizeBytes: null,
    user: clip(fields.user ?? null, LIMITS.name),
    purl: null,
  };
}

/** Applications in the standard folders win over same-named copies elsewhere (inside other bundles, old installs). */
function preferred(path: string | null | undefined): boolean {
  return /^\/(System\/)?Applications\/[^/]+\.app$/.test(path ?? '');
}

export function parseApplications(report: ProfilerReport | undefined): SoftwareItem[] {
  const byKey = new Map<string, SoftwareItem>();
  for (const app of profilerItems(report, 'SPApplicationsDataType')) {
    const name = asString(app._name);
    if (!name) continue;
    const path = asString(app.path);
    const archKind = asString(app.arch_kind);
    const entry = item({
      name,
      // Some bundles carry no version at all: an empty version says "unknown" without inventing one.
      version: asString(app.version) ?? '',
      publisher: publisherOf(app),
      arch: archKind ? (ARCH_KINDS[archKind] ?? null) : null,
      source: 'app',
      // lastModified is the bundle's modification time (often its build date), not when it was installed.
      installDate: null,
      installLocation: path ?? null,
      user: /^\/Users\/([^/]+)\//.exec(path ?? '')?.[1] ?? null,
    });
    // One entry per identity (name, arch, user), as the server keys software.
    const key = softwareKey(entry);
    const existing = byKey.get(key);
    if (!existing || (preferred(entry.installLocation) && !preferred(existing.installLocation))) byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** Receipt prefixes are relative to the install target ("Applications"); the target is the boot volume. */
function absolute(prefix: string | undefined): string | null {
  if (!prefix) return null;
  return prefix.startsWith('/') ? prefix : `/${prefix}`;
}

/**
 * Installed packages from their receipts (/var/db/receipts/<id>.plist): what `pkgutil --pkgs`
 * lists, with version and install date. A receipt that could not be read still counts as
 * installed; InstallHistory.plist then supplies what it knows.
 */
export function parseReceipts(ids: string[], receipts: Map<string, PlistValue | undefined>, history: InstallEvent[]): SoftwareItem[] {
  const lastEvent = new Map<string, InstallEvent>();
  for (const event of history) for (const id of event.packageIdentifiers) lastEvent.set(id, event);
  return ids.map((id) => {
    const receipt = plistDict(receipts.get(id));
    const event = lastEvent.get(id);
    return item({
      name: plistString(receipt?.PackageIdentifier) ?? id,
      version: plistString(receipt?.PackageVersion) ?? event?.displayVersion ?? '',
      source: 'pkg',
      installDate: isoDate(plistString(receipt?.InstallDate)) ?? event?.date ?? null,
      installLocation: absolute(plistString(receipt?.InstallPrefixPath)),
    });
  });
}

/** "3.12.10" > "3.12.3", "7.1.1-12" > "7.1.1-9": numeric parts compare as numbers. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[^0-9A-Za-z]+/);
  const pb = b.split(/[^0-9A-Za-z]+/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return 0;
}

export interface BrewEntry {
  prefix: string;
  kind: 'formula' | 'cask';
  name: string;
  /** Version folders under Cellar/<name> or Caskroom/<token>. */
  versions: string[];
}

/**
 * Homebrew, read from its folders rather than by running `brew` (which refuses to run as root
 * and is slow). Cellar/<formula>/<version>, Caskroom/<cask>/<version>. An old version that
 * `brew cleanup` has not removed yet sits beside the current one: the newest is the installed one.
 */
export function parseBrew(entries: BrewEntry[]): SoftwareItem[] {
  const items: SoftwareItem[] = [];
  for (const entry of entries) {
    const versions = entry.versions.filter((v) => v && !v.startsWith('.')).sort(compareVersions);
    const version = versions[versions.length - 1];
    if (!version || entry.name.startsWith('.')) continue;
    const cask = entry.kind === 'cask';
    items.push(
      item({
        name: entry.name,
        version,
        source: 'brew',
        // Bottles under /opt/homebrew are arm64 and under /usr/local x86_64, by Homebrew's layout;
        // casks install apps whose architecture the applications list reports.
        arch: cask ? null : entry.prefix === '/opt/homebrew' ? 'arm64' : 'x86_64',
        installLocation: `${entry.prefix}/${cask ? 'Caskroom' : 'Cellar'}/${entry.name}/${version}`,
      }),
    );
  }
  return items;
}

export interface SoftwareInputs {
  applications?: ProfilerReport;
  receiptIds?: string[];
  receipts?: Map<string, PlistValue | undefined>;
  installHistory?: string;
  brew?: BrewEntry[];
}

export function parseSoftware(inputs: SoftwareInputs): SoftwareSection {
  const history = parseInstallHistory(inputs.installHistory);
  const items = [
    ...parseApplications(inputs.applications),
    ...parseReceipts(inputs.receiptIds ?? [], inputs.receipts ?? new Map(), history),
    ...parseBrew(inputs.brew ?? []),
  ];
  // Two sources can describe the same identity (a cask and a formula of one name in one prefix
  // cannot, but a receipt listed twice can): keep the first, as the server keys by identity.
  const seen = new Set<string>();
  const unique = items.filter((entry) => {
    const key = softwareKey(entry);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { items: unique.slice(0, LIMITS.softwareItems) };
}

export async function listBrew(ctx: CollectContext): Promise<BrewEntry[]> {
  const entries: BrewEntry[] = [];
  for (const prefix of BREW_PREFIXES) {
    for (const [folder, kind] of [
      ['Cellar', 'formula'],
      ['Caskroom', 'cask'],
    ] as const) {
      const base = `${prefix}/${folder}`;
      for (const name of await ctx.listDir(base)) {
        if (name.startsWith('.')) continue;
        entries.push({ prefix, kind, name, versions: await ctx.listDir(`${base}/${name}`) });
      }
    }
  }
  return entries;
}

export async function collectSoftware(ctx: CollectContext): Promise<SoftwareSection> {
  const receiptIds = (await ctx.listDir(RECEIPTS_DIR))
    .filter((file) => file.endsWith('.plist'))
    .map((file) => file.slice(0, -'.plist'.length))
    .slice(0, MAX_RECEIPTS);
  // Receipts are binary plists, one plutil run each: a few at a time keeps the footprint small.
  const parsed = await mapLimit(receiptIds, 4, (id) => optional(readPlist(ctx, `${RECEIPTS_DIR}/${id}.plist`)));
  const receipts = new Map(receiptIds.map((id, i) => [id, parsed[i]]));
  // A failing applications list fails the section rather than sending a list without apps,
  // which the server would read as every app uninstalled.
  const [applications, installHistory, brew] = await Promise.all([loadApplications(ctx), loadInstallHistory(ctx), listBrew(ctx)]);
  return parseSoftware({ applications, receiptIds, receipts, installHistory, brew });
}
