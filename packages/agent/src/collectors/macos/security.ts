import { LIMITS, type SecuritySection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { plistDict, type PlistValue } from './plist.js';
import { loadSharedProfiler, profilerItems, type ProfilerReport } from './profiler.js';
import { loadInstallHistory, loadSoftwareUpdatePrefs, parseInstallHistory } from './updates.js';
import { loadGroups, parseDsclRecords } from './users.js';
import { asString, BIN, clip, optional, runBoth } from './util.js';

type Antivirus = SecuritySection['antivirus'][number];

export interface FileVaultState {
  enabled: boolean | null;
  status: string | null;
}

/**
 * `fdesetup status`: "FileVault is On.", "FileVault is Off.", "Encryption in progress: Percent
 * completed = 33.3", "Decryption in progress: …", or Off plus "Deferred enablement appears to be
 * active for user 'x'." (turned on by policy, waiting for that user's next login).
 */
export function parseFileVault(text: string | undefined): FileVaultState {
  if (!text) return { enabled: null, status: null };
  const percent = /Percent completed = ([\d.]+)/.exec(text)?.[1];
  if (/Encryption in progress/i.test(text)) return { enabled: true, status: percent ? `encrypting ${percent}%` : 'encrypting' };
  if (/Decryption in progress/i.test(text)) return { enabled: false, status: percent ? `decrypting ${percent}%` : 'decrypting' };
  if (/FileVault is On/i.test(text)) return { enabled: true, status: 'on' };
  if (/FileVault is Off/i.test(text)) return { enabled: false, status: /Deferred enablement/i.test(text) ? 'deferred' : 'off' };
  return { enabled: null, status: null };
}

export interface FirewallState {
  enabled: boolean | null;
  blockAll: boolean | null;
  stealth: boolean | null;
}

/**
 * `socketfilterfw --getglobalstate --getstealthmode`: "Firewall is enabled. (State = 1)"; State 2
 * blocks all incoming connections. The stealth line changed wording across releases: "Stealth
 * mode enabled" / "Firewall stealth mode is on".
 */
export function parseFirewall(text: string | undefined): FirewallState {
  if (!text) return { enabled: null, blockAll: null, stealth: null };
  const stateText = /State = (\d)/.exec(text)?.[1];
  let enabled: boolean | null = null;
  if (stateText !== undefined) enabled = stateText !== '0';
  else if (/Firewall is (enabled|blocking)/i.test(text)) enabled = true;
  else if (/Firewall is disabled/i.test(text)) enabled = false;
  let stealth: boolean | null = null;
  if (/stealth mode (is on|enabled)/i.test(text)) stealth = true;
  else if (/stealth mode (is off|disabled)/i.test(text)) stealth = false;
  return { enabled, blockAll: stateText === undefined ? null : stateText === '2', stealth };
}

/** `spctl --status`: "assessments enabled" / "assessments disabled". */
export function parseGatekeeper(text: string | undefined): boolean | null {
  if (!text) return null;
  if (/assessments enabled/i.test(text)) return true;
  if (/assessments disabled/i.test(text)) return false;
  return null;
}

/**
 * `csrutil status`: "…status: enabled." / "…status: disabled.", or "unknown (Custom
 * Configuration)" when some protections were turned off: not fully enabled, so reported false.
 */
export function parseSip(text: string | undefined, profiler?: ProfilerReport): boolean | null {
  if (text) {
    if (/status:\s*enabled\b/i.test(text)) return true;
    if (/status:\s*disabled\b/i.test(text) || /Custom Configuration/i.test(text)) return false;
  }
  const integrity = asString(profilerItems(profiler, 'SPSoftwareDataType')[0]?.system_integrity);
  if (integrity === 'integrity_enabled') return true;
  if (integrity === 'integrity_disabled') return false;
  return null;
}

/**
 * XProtect, macOS's built-in malware scanner, is updated in the background by Software Update:
 * its engine (XProtectPayloads) and signature data (XProtectPlistConfigData) versions are in the
 * install history. It cannot be turned off, but we only report what the history shows.
 */
export function xprotectFrom(installHistory: string | undefined): Antivirus | null {
  let payload: { version: string; date: string | null } | undefined;
  let signatures: { version: string; date: string | null } | undefined;
  for (const event of parseInstallHistory(installHistory)) {
    if (event.displayName === 'XProtectPayloads') payload = { version: event.displayVersion, date: event.date };
    if (event.displayName === 'XProtectPlistConfigData') signatures = { version: event.displayVersion, date: event.date };
  }
  if (!payload && !signatures) return null;
  return {
    name: 'XProtect',
    enabled: null,
    upToDate: null,
    realTimeProtection: null,
    version: clip(payload?.version || null, LIMITS.version),
    signatureVersion: clip(signatures?.version || null, LIMITS.version),
    signatureUpdatedAt: signatures?.date ?? null,
  };
}

export interface SecurityInputs {
  /** `fdesetup status` */
  fdesetup?: string;
  /** `socketfilterfw --getglobalstate --getstealthmode` */
  firewall?: string;
  /** `spctl --status` */
  spctl?: string;
  /** `csrutil status` */
  csrutil?: string;
  /** `dscl . -readall /Groups RecordName PrimaryGroupID GroupMembership` */
  groups?: string;
  softwareUpdate?: PlistValue;
  installHistory?: string;
  profiler?: ProfilerReport;
}

export function parseSecurity(inputs: SecurityInputs): SecuritySection {
  const fileVault = parseFileVault(inputs.fdesetup);
  const firewall = parseFirewall(inputs.firewall);
  const prefs = plistDict(inputs.softwareUpdate);
  const admin = parseDsclRecords(inputs.groups).find((record) => record.get('RecordName')?.[0] === 'admin');
  const xprotect = xprotectFrom(inputs.installHistory);
  const autoInstall = prefs?.AutomaticallyInstallMacOSUpdates;

  const profiles: SecuritySection['firewall']['profiles'] = [];
  // macOS has one application firewall; its modes are reported as its profiles.
  if (firewall.enabled !== null) profiles.push({ name: 'global', enabled: firewall.enabled, defaultInbound: firewall.blockAll ? 'block' : null });
  if (firewall.stealth !== null) profiles.push({ name: 'stealth', enabled: firewall.stealth, defaultInbound: null });

  return {
    firewall: { enabled: firewall.enabled, product: inputs.firewall ? 'macOS Application Firewall' : null, profiles, ruleCount: null },
    diskEncryption: {
      enabled: fileVault.enabled,
      product: inputs.fdesetup ? 'FileVault' : null,
      // FileVault protects the boot volume group: the sealed system volume and its data volume.
      volumes: fileVault.enabled === null ? [] : [{ volume: '/', encrypted: fileVault.enabled, method: null, status: fileVault.status, protection: null }],
    },
    antivirus: xprotect ? [xprotect] : [],
    secureBoot: null,
    tpm: null,
    selinux: null,
    apparmor: null,
    uac: null,
    gatekeeper: parseGatekeeper(inputs.spctl),
    sip: parseSip(inputs.csrutil, inputs.profiler),
    autoUpdate: prefs ? { enabled: typeof autoInstall === 'boolean' ? autoInstall : null, mechanism: 'softwareupdate' } : null,
    screenLock: null,
    localAdmins: (admin?.get('GroupMembership') ?? []).map((name) => clip(name, LIMITS.name) ?? name).slice(0, 1_000),
    passwordPolicy: null,
  };
}

export async function collectSecurity(ctx: CollectContext): Promise<SecuritySection> {
  const [fdesetup, firewall, spctl, csrutil, groups, softwareUpdate, installHistory] = await Promise.all([
    optional(runBoth(ctx, BIN.fdesetup, ['status'])),
    optional(runBoth(ctx, BIN.socketfilterfw, ['--getglobalstate', '--getstealthmode'])),
    optional(runBoth(ctx, BIN.spctl, ['--status'])),
    optional(runBoth(ctx, BIN.csrutil, ['status'])),
    loadGroups(ctx),
    loadSoftwareUpdatePrefs(ctx),
    loadInstallHistory(ctx),
  ]);
  // system_profiler only to answer SIP when csrutil could not.
  const profiler = parseSip(csrutil) === null ? await optional(loadSharedProfiler(ctx)) : undefined;
  return parseSecurity({ fdesetup, firewall, spctl, csrutil, groups, softwareUpdate, installHistory, profiler });
}
