import { LIMITS, type SecuritySection } from '@muster/protocol';
import { bitlockerEncrypted } from './hardware.js';
import { bool, errorMessage, object, objects, psDate, str, uint, type RawObject } from './values.js';

type Antivirus = SecuritySection['antivirus'][number];
type EncryptedVolume = SecuritySection['diskEncryption']['volumes'][number];

/** MSFT_NetFirewallProfile.DefaultInboundAction. */
const FIREWALL_ACTION: Record<number, string> = { 0: 'not configured', 2: 'allow', 4: 'block' };
/** Win32_EncryptableVolume.EncryptionMethod. */
const ENCRYPTION_METHOD: Record<number, string> = {
  0: 'none',
  1: 'AES-128 with diffuser',
  2: 'AES-256 with diffuser',
  3: 'AES-128',
  4: 'AES-256',
  5: 'hardware encryption',
  6: 'XTS-AES-128',
  7: 'XTS-AES-256',
};
/** GetConversionStatus().ConversionStatus. */
const CONVERSION_STATUS: Record<number, string> = {
  0: 'fully decrypted',
  1: 'fully encrypted',
  2: 'encryption in progress',
  3: 'decryption in progress',
  4: 'encryption paused',
  5: 'decryption paused',
};
const PROTECTION_STATUS: Record<number, string> = { 0: 'off', 1: 'on', 2: 'unknown' };
/** TPM vendor ids (Win32_Tpm.ManufacturerIdTxt) of the common makers. */
const TPM_VENDORS: Record<string, string> = {
  INTC: 'Intel',
  AMD: 'AMD',
  IFX: 'Infineon',
  NTC: 'Nuvoton',
  NTZ: 'Nationz',
  STM: 'STMicroelectronics',
  MSFT: 'Microsoft',
  ATML: 'Atmel',
  BRCM: 'Broadcom',
  QCOM: 'Qualcomm',
  ROCC: 'Fuzhou Rockchip',
  GOOG: 'Google',
};

/** A firewall profile's Enabled: GpoBoolean False=0, True=1, NotConfigured=2. */
function gpoBoolean(value: unknown): boolean | null {
  if (uint(value) === 2 || str(value)?.toLowerCase() === 'notconfigured') return null;
  return bool(value);
}

function firewallAction(value: unknown): string | null {
  const n = uint(value);
  if (n !== null) return FIREWALL_ACTION[n] ?? null;
  const s = str(value, 32)?.toLowerCase();
  return s === 'notconfigured' ? 'not configured' : (s ?? null);
}

function parseFirewall(r: RawObject): SecuritySection['firewall'] {
  const profiles = objects(r.firewall).flatMap((p) => {
    const name = str(p.Name, 64);
    return name ? [{ name, enabled: gpoBoolean(p.Enabled), defaultInbound: firewallAction(p.DefaultInboundAction) }] : [];
  });
  const states = profiles.map((p) => p.enabled);
  return {
    // On only when on in every profile: the one that is off may be the network the machine is on.
    enabled: states.some((s) => s === false) ? false : states.length > 0 && states.every((s) => s === true) ? true : null,
    product: profiles.length ? 'Windows Defender Firewall' : null,
    profiles: profiles.slice(0, 16),
    ruleCount: uint(r.firewallRules),
  };
}

function parseEncryption(r: RawObject): SecuritySection['diskEncryption'] {
  // Without the BitLocker provider (Server without the feature) or without rights, nothing is known.
  if (errorMessage(r.bitlocker) !== undefined || r.bitlocker === null || r.bitlocker === undefined) {
    return { enabled: null, product: null, volumes: [] };
  }
  const volumes: EncryptedVolume[] = objects(r.bitlocker).flatMap((v) => {
    const volume = str(v.DriveLetter, LIMITS.path) ?? str(v.DeviceID, LIMITS.path);
    if (!volume) return [];
    return [
      {
        volume,
        encrypted: bitlockerEncrypted(v),
        method: ENCRYPTION_METHOD[uint(v.EncryptionMethod) ?? -1] ?? null,
        status: CONVERSION_STATUS[uint(v.ConversionStatus) ?? -1] ?? null,
        protection: PROTECTION_STATUS[uint(v.ProtectionStatus) ?? -1] ?? null,
      },
    ];
  });
  const systemDrive = str(r.systemDrive)?.toUpperCase() ?? 'C:';
  const system = volumes.find((v) => v.volume.toUpperCase() === systemDrive);
  return { enabled: system ? system.encrypted : null, product: 'BitLocker', volumes: volumes.slice(0, LIMITS.volumes) };
}

/**
 * Security Center's productState packs three bytes: the product kind, the scanner state (0x10 in
 * the 0x1000 bit = on) and the signature state (0x10 = out of date).
 */
export function decodeProductState(value: unknown): { enabled: boolean | null; upToDate: boolean | null } {
  const state = uint(value);
  if (state === null) return { enabled: null, upToDate: null };
  return { enabled: (state & 0x1000) !== 0, upToDate: (state & 0x10) === 0 };
}

const DEFENDER = /^(windows defender|microsoft defender)/i;
const DEFENDER_NAME = 'Microsoft Defender Antivirus';

function parseAntivirus(r: RawObject): Antivirus[] {
  const defender = object(r.defender);
  const defenderDetails = defender
    ? {
        realTimeProtection: bool(defender.RealTimeProtectionEnabled),
        version: str(defender.AMProductVersion, LIMITS.version),
        signatureVersion: str(defender.AntivirusSignatureVersion, LIMITS.version),
        signatureUpdatedAt: psDate(defender.AntivirusSignatureLastUpdated),
      }
    : null;
  const out: Antivirus[] = [];
  // Security Center (client SKUs) lists every registered product, Defender included.
  for (const product of objects(r.securityCenter)) {
    const name = str(product.displayName, LIMITS.name);
    if (!name) continue;
    const state = decodeProductState(product.productState);
    const isDefender = DEFENDER.test(name);
    out.push({
      name: isDefender ? DEFENDER_NAME : name,
      enabled: state.enabled,
      upToDate: state.upToDate,
      // Other products' details are not exposed by Security Center.
      realTimeProtection: isDefender ? (defenderDetails?.realTimeProtection ?? null) : null,
      version: isDefender ? (defenderDetails?.version ?? null) : null,
      signatureVersion: isDefender ? (defenderDetails?.signatureVersion ?? null) : null,
      signatureUpdatedAt: isDefender ? (defenderDetails?.signatureUpdatedAt ?? null) : null,
    });
  }
  // Server has no Security Center: Defender's own status is all there is.
  if (defender && defenderDetails && !out.some((a) => a.name === DEFENDER_NAME)) {
    const service = bool(defender.AMServiceEnabled);
    const antivirus = bool(defender.AntivirusEnabled);
    const outOfDate = bool(defender.DefenderSignaturesOutOfDate);
    out.push({
      name: DEFENDER_NAME,
      enabled: service === null && antivirus === null ? null : service !== false && antivirus !== false,
      upToDate: outOfDate === null ? null : !outOfDate,
      ...defenderDetails,
    });
  }
  return out.slice(0, 16);
}

function parseSecureBoot(r: RawObject): boolean | null {
  if (typeof r.secureBoot === 'boolean') return r.secureBoot;
  // Confirm-SecureBootUEFI threw: on BIOS firmware there is no Secure Boot to speak of (null); when
  // it was refused access, the registry (readable by all) still says.
  return bool(r.secureBootState);
}

function parseTpm(r: RawObject): SecuritySection['tpm'] {
  if (errorMessage(r.tpm) !== undefined || r.tpm === null || r.tpm === undefined) return null;
  const tpm = objects(r.tpm)[0];
  if (!tpm) return { present: false, enabled: false, version: null, manufacturer: null };
  // SpecVersion is "2.0, 0, 1.38": the family, then level and revision.
  const version = str(tpm.SpecVersion)?.split(',')[0]?.trim() || null;
  let vendorId = str(tpm.ManufacturerIdTxt);
  const numericId = uint(tpm.ManufacturerId);
  if (!vendorId && numericId) {
    vendorId = String.fromCharCode((numericId >>> 24) & 0xff, (numericId >> 16) & 0xff, (numericId >> 8) & 0xff, numericId & 0xff)
      .replace(/[^\x20-\x7e]/g, '')
      .trim();
  }
  return {
    present: true,
    enabled: bool(tpm.IsEnabled_InitialValue),
    version,
    manufacturer: vendorId ? (TPM_VENDORS[vendorId.toUpperCase()] ?? vendorId).slice(0, LIMITS.name) : null,
  };
}

/** UAC as the Control Panel slider names it, from ConsentPromptBehaviorAdmin and PromptOnSecureDesktop. */
function parseUac(r: RawObject): SecuritySection['uac'] {
  const uac = object(r.uac);
  if (!uac) return null;
  const enabled = bool(uac.EnableLUA);
  if (enabled === false) return { enabled, level: 'disabled' };
  const consent = uint(uac.ConsentPromptBehaviorAdmin);
  const secureDesktop = bool(uac.PromptOnSecureDesktop) !== false;
  const levels: Record<number, string> = {
    0: 'never notify',
    1: 'prompt for credentials on the secure desktop',
    2: 'always notify',
    3: 'prompt for credentials',
    4: 'prompt for consent',
    5: secureDesktop ? 'notify on app changes' : 'notify on app changes (no dimming)',
  };
  return { enabled, level: consent !== null ? (levels[consent] ?? null) : null };
}

/**
 * The members of `net localgroup <name>`: the lines between the dashes and the closing "The
 * command completed successfully." (translated, so recognised by its place and final period).
 */
export function parseNetLocalGroup(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const dashes = lines.findIndex((l) => /^-{10,}\s*$/.test(l));
  if (dashes < 0) return [];
  const members = lines
    .slice(dashes + 1)
    .map((l) => l.trim())
    .filter(Boolean);
  const last = members[members.length - 1];
  // "。" (U+3002) written as an escape: one non-ASCII character in the bundle makes V8 keep all of
  // its source as a two-byte string (~0.7 MB instead of ~0.35 MB, for the agent's whole life).
  if (last !== undefined && /\s/.test(last) && /[.\u3002]$/.test(last)) members.pop();
  return members;
}

export interface AdminMembers {
  /** As Windows names them: "HOST\itadmin", "CORP\Domain Admins", "AzureAD\AnnaMueller", or a bare SID. */
  names: string[];
  sids: Set<string>;
}

/** Members of the local Administrators group, from Get-LocalGroupMember or its net localgroup fallback. */
export function adminMembers(raw: unknown): AdminMembers | null {
  const admins = object(raw);
  if (!admins) return null;
  const members = objects(admins.members);
  if (members.length || Array.isArray(admins.members)) {
    return {
      names: members.map((m) => str(m.Name, LIMITS.name) ?? str(m.SID, LIMITS.name)).filter((n): n is string => n !== null),
      sids: new Set(members.map((m) => str(m.SID)).filter((s): s is string => s !== null)),
    };
  }
  const text = str(admins.text);
  if (!text) return null;
  const names = parseNetLocalGroup(text).map((n) => n.slice(0, LIMITS.name));
  return { names, sids: new Set(names.filter((n) => /^S-1-\d+(-\d+)+$/.test(n))) };
}

function parseAutoUpdate(r: RawObject): SecuritySection['autoUpdate'] {
  const policy = object(r.updatePolicy);
  const wsus = str(r.wsusServer);
  const mechanism = bool(policy?.UseWUServer) === true && wsus ? 'WSUS' : 'Windows Update';
  const startMode = errorMessage(r.updateServiceStartMode) === undefined ? str(r.updateServiceStartMode)?.toLowerCase() : undefined;
  // AUOptions 2 only notifies; 3, 4, 5 and 7 download (and 4 installs on a schedule).
  const options = uint(policy?.AUOptions);
  let enabled: boolean;
  if (bool(policy?.NoAutoUpdate) === true || startMode === 'disabled') enabled = false;
  else if (options === 2) enabled = false;
  // No policy: Windows 10 and later update themselves, and the service is not disabled.
  else enabled = true;
  return { enabled, mechanism };
}

/**
 * Whether an idle session locks: the machine's inactivity limit (a policy), or for every loaded user
 * hive a password-protected screen saver with a timeout (the user's policy overriding the user's
 * own setting). Null when neither is known (no user hive loaded).
 */
function parseScreenLock(r: RawObject): boolean | null {
  const inactivity = uint(object(r.uac)?.InactivityTimeoutSecs);
  if (inactivity !== null && inactivity > 0) return true;
  if (errorMessage(r.screenSaver) !== undefined) return null;
  const users = objects(r.screenSaver);
  if (!users.length) return null;
  return users.every((u) => {
    const desktop = object(u.Desktop);
    const policy = object(u.Policy);
    const value = (name: string) => policy?.[name] ?? desktop?.[name];
    const timeout = uint(value('ScreenSaveTimeOut')) ?? 0;
    return bool(value('ScreenSaveActive')) === true && bool(value('ScreenSaverIsSecure')) === true && timeout > 0 && str(value('SCRNSAVE.EXE')) !== null;
  });
}

/**
 * `net accounts`: "label:   value" lines in a fixed order. The labels are translated, so when they
 * are not English the values are taken by position. "Never"/"Unlimited" (in any language: the only
 * words these lines hold) are what Windows stores as 0.
 */
export function parseNetAccounts(text: string | null): SecuritySection['passwordPolicy'] {
  if (!text) return null;
  const pairs = text
    .split(/\r?\n/)
    .map((l) => /^(.*\S)\s*:\s+(\S.*?)\s*$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ label: (m[1] ?? '').toLowerCase(), value: m[2] ?? '' }));
  if (pairs.length < 6) return null;
  const english = pairs.some((p) => p.label.includes('password'));
  const pick = (pattern: RegExp, position: number) => (english ? pairs.find((p) => pattern.test(p.label)) : pairs[position])?.value;
  const number = (value: string | undefined, neverIsZero: boolean): number | null => {
    if (value === undefined) return null;
    if (/^\d+$/.test(value)) return Number(value);
    return neverIsZero ? 0 : null;
  };
  return {
    minLength: number(pick(/minimum password length/, 3), false),
    maxAgeDays: number(pick(/maximum password age/, 2), true),
    lockoutThreshold: number(pick(/lockout threshold/, 5), true),
  };
}

export function parseSecurity(raw: unknown): SecuritySection {
  const r = object(raw) ?? {};
  return {
    firewall: parseFirewall(r),
    diskEncryption: parseEncryption(r),
    antivirus: parseAntivirus(r),
    secureBoot: parseSecureBoot(r),
    tpm: parseTpm(r),
    selinux: null,
    apparmor: null,
    uac: parseUac(r),
    gatekeeper: null,
    sip: null,
    autoUpdate: parseAutoUpdate(r),
    screenLock: parseScreenLock(r),
    localAdmins: (adminMembers(r.admins)?.names ?? []).slice(0, 1_000),
    passwordPolicy: parseNetAccounts(str(r.netAccounts)),
  };
}
