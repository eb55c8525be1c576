import { LIMITS, type UpdatesSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { plistArray, plistDict, plistString, readPlist, tryParsePlist, type PlistDict, type PlistValue } from './plist.js';
import { clip, isoDate, optional, shared } from './util.js';

type UpdateItem = UpdatesSection['installed'][number];

export const INSTALL_HISTORY = '/Library/Receipts/InstallHistory.plist';
export const SOFTWARE_UPDATE_PREFS = '/Library/Preferences/com.apple.SoftwareUpdate.plist';

/** One entry of /Library/Receipts/InstallHistory.plist: every package install, Apple's and others'. */
export interface InstallEvent {
  date: string | null;
  displayName: string;
  displayVersion: string;
  processName: string;
  packageIdentifiers: string[];
  contentType: string | null;
}

export function parseInstallHistory(xml: string | undefined): InstallEvent[] {
  const events: InstallEvent[] = [];
  for (const entry of plistArray(tryParsePlist(xml))) {
    const dict = plistDict(entry);
    if (!dict) continue;
    events.push({
      date: isoDate(plistString(dict.date)),
      displayName: plistString(dict.displayName) ?? '',
      displayVersion: plistString(dict.displayVersion) ?? '',
      processName: plistString(dict.processName) ?? '',
      packageIdentifiers: plistArray(dict.packageIdentifiers).flatMap((id) => (typeof id === 'string' ? [id] : [])),
      contentType: plistString(dict.contentType) ?? null,
    });
  }
  return events;
}

/**
 * Installs made by Apple's update machinery (Software Update, background XProtect/MRT data, a
 * full macOS installer) are updates; everything else in the history is software someone
 * installed (Installer.app, `installer`, an MDM, the App Store).
 */
export function isSystemUpdate(event: InstallEvent): boolean {
  return /^(softwareupdated|softwareupdate|OSInstaller|macOS Installer)$/i.test(event.processName);
}

export function updateKind(name: string, contentType: string | null, processName = ''): string {
  if (contentType === 'config-data') return 'config-data';
  if (/Security Response|Background Security/i.test(name)) return 'security';
  if (/^(macOS|Mac OS X|OS X)\b/.test(name) || /OSInstaller/i.test(processName)) return 'os';
  return 'update';
}

/** Software Update's labels read "Name-Version"; names that already carry their version stay as they are. */
function updateId(name: string, version: string): string {
  return version && !name.includes(version) ? `${name}-${version}` : name || version;
}

function pendingUpdate(dict: PlistDict): UpdateItem | undefined {
  const name = plistString(dict['Display Name']) ?? '';
  const version = plistString(dict['Display Version']);
  const id = plistString(dict['Product Key']) ?? plistString(dict.Identifier) ?? updateId(name, version ?? '');
  if (!id) return undefined;
  return {
    id: clip(id, LIMITS.name) ?? id,
    title: clip(name || null, LIMITS.text),
    kind: dict.MobileSoftwareUpdate === true || /^macOS\b/.test(name) ? 'os' : updateKind(name, null),
    installedAt: null,
    severity: null,
    version: clip(version, LIMITS.version),
  };
}

export interface UpdatesInputs {
  /** /Library/Receipts/InstallHistory.plist (XML) */
  installHistory?: string;
  /** /Library/Preferences/com.apple.SoftwareUpdate.plist, parsed */
  softwareUpdate?: PlistValue;
}

export function parseUpdates(inputs: UpdatesInputs): UpdatesSection {
  const installed: UpdateItem[] = parseInstallHistory(inputs.installHistory)
    .filter(isSystemUpdate)
    .map((event) => {
      const id = updateId(event.displayName, event.displayVersion) || (event.packageIdentifiers[0] ?? 'unknown');
      return {
        id: clip(id, LIMITS.name) ?? id,
        title: clip(event.displayName || null, LIMITS.text),
        kind: updateKind(event.displayName, event.contentType, event.processName),
        installedAt: event.date,
        severity: null,
        version: clip(event.displayVersion || null, LIMITS.version),
      };
    });
  const prefs = plistDict(inputs.softwareUpdate) ?? {};
  // RecommendedUpdates is what the last background check found: the cached pending list,
  // read instead of `softwareupdate -l`, which would contact Apple on every collection.
  const pending = plistArray(prefs.RecommendedUpdates)
    .map((entry) => plistDict(entry))
    .flatMap((dict) => (dict ? [pendingUpdate(dict)] : []))
    .filter((item): item is UpdateItem => item !== undefined);
  const lastInstalled = installed.reduce<string | null>((latest, item) => (item.installedAt && (!latest || item.installedAt > latest) ? item.installedAt : latest), null);
  return {
    // The newest ones when a long-lived Mac has more history than the wire allows.
    installed: installed.slice(-LIMITS.updates),
    pending: pending.slice(0, LIMITS.updates),
    rebootRequired: null,
    lastCheckedAt: isoDate(plistString(prefs.LastSuccessfulDate) ?? plistString(prefs.LastFullSuccessfulDate)),
    lastInstalledAt: lastInstalled,
  };
}

/** InstallHistory.plist is XML and read by two sections: once per collection. */
export function loadInstallHistory(ctx: CollectContext): Promise<string | undefined> {
  return shared(ctx, 'install-history', () => optional(ctx.readText(INSTALL_HISTORY, 64 * 1024 * 1024)));
}

/** The Software Update preferences (binary on disk) are read by the updates and security sections. */
export function loadSoftwareUpdatePrefs(ctx: CollectContext): Promise<PlistValue | undefined> {
  return shared(ctx, 'software-update-prefs', () => optional(readPlist(ctx, SOFTWARE_UPDATE_PREFS)));
}

export async function collectUpdates(ctx: CollectContext): Promise<UpdatesSection> {
  const [installHistory, softwareUpdate] = await Promise.all([loadInstallHistory(ctx), loadSoftwareUpdatePrefs(ctx)]);
  return parseUpdates({ installHistory, softwareUpdate });
}
