import { LIMITS, type SecuritySection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { fsx } from './fsx.js';
import { osFamily } from './os.js';
import { adminNames, clip, findProgram, isoFromMs, parseKeyValue, readAccounts, readOsRelease, readTrimmed, run, toInt } from './shared.js';
import { listVolumes } from './storage.js';

type Firewall = SecuritySection['firewall'];
type Profile = Firewall['profiles'][number];

// ---------------------------------------------------------------------------------------------
// Firewall

export interface RulesetSummary {
  ruleCount: number;
  /** Base chains hooked on input, with their default policy. */
  inputChains: { name: string; policy: string }[];
}

/**
 * `nft list ruleset` (text, which is a fifth the size of -j JSON: a Kubernetes node's ruleset as
 * JSON would cost tens of MB to parse). Rules are the lines directly inside a chain block; lines in
 * deeper blocks (set elements, multi-line anonymous sets) are part of something else.
 */
export function parseNftRuleset(text: string): RulesetSummary {
  let depth = 0;
  let table = '';
  let chain: { name: string; depth: number } | null = null;
  let ruleCount = 0;
  const inputChains: RulesetSummary['inputChains'] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const opens = (line.match(/{/g) ?? []).length;
    const closes = (line.match(/}/g) ?? []).length;
    if (depth === 0) {
      const t = /^table\s+(\S+)\s+(\S+)\s*{/.exec(line);
      if (t) table = `${t[1]} ${t[2]}`;
    } else if (depth === 1 && !chain) {
      const c = /^chain\s+(\S+)\s*{/.exec(line);
      if (c?.[1]) chain = { name: `${table}/${c[1]}`, depth: depth + 1 };
    } else if (chain && depth === chain.depth && line && line !== '}' && !line.startsWith('#')) {
      const hook = /^type\s+\S+\s+hook\s+(\S+).*?(?:policy\s+(\w+))?;?\s*$/.exec(line);
      if (hook) {
        if (hook[1] === 'input') inputChains.push({ name: chain.name, policy: hook[2] ?? 'accept' });
      } else if (!/^(comment|policy|devices)\b/.test(line)) {
        ruleCount++;
      }
    }
    depth += opens - closes;
    if (chain && depth < chain.depth) chain = null;
    if (depth < 0) depth = 0;
  }
  return { ruleCount, inputChains };
}

/** iptables-save: "-A CHAIN …" lines are rules; ":INPUT DROP [0:0]" gives the filter table's input policy. */
export function parseIptablesSave(text: string): RulesetSummary {
  let ruleCount = 0;
  let table = '';
  const inputChains: RulesetSummary['inputChains'] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) table = line.slice(1).trim();
    else if (line.startsWith('-A ')) ruleCount++;
    else if (table === 'filter' && line.startsWith(':INPUT ')) inputChains.push({ name: 'filter/INPUT', policy: (line.split(' ')[1] ?? 'ACCEPT').toLowerCase() });
  }
  return { ruleCount, inputChains };
}

/** ufw's own configuration: enabled flag, default incoming policy, and the user rules it wrote. */
export function ufwFromFiles(conf: string, defaults: string | undefined, rules: string[]): { enabled: boolean; defaultInbound: string | null; ruleCount: number } {
  const enabled = /^yes$/i.test(parseKeyValue(conf).ENABLED ?? '');
  const policy = defaults ? parseKeyValue(defaults).DEFAULT_INPUT_POLICY : undefined;
  const ruleCount = rules.reduce((n, r) => n + (r.match(/^### tuple ###/gm) ?? []).length, 0);
  return { enabled, defaultInbound: policy ? policy.toLowerCase() : null, ruleCount };
}

async function readNft(ctx: CollectContext): Promise<RulesetSummary | null> {
  const nft = await findProgram(ctx, 'nft');
  // Needs CAP_NET_ADMIN: as an ordinary user this fails and the ruleset stays unknown.
  const out = nft ? await run(ctx, nft, ['list', 'ruleset'], 5_000, 64 * 1024 * 1024) : undefined;
  return out === undefined ? null : parseNftRuleset(out);
}

async function readIptables(ctx: CollectContext): Promise<RulesetSummary | null> {
  const save = await findProgram(ctx, 'iptables-save');
  const out = save ? await run(ctx, save, [], 5_000, 64 * 1024 * 1024) : undefined;
  return out === undefined ? null : parseIptablesSave(out);
}

/** firewalld's daemon and default zone from its files: firewall-cmd is a Python program costing ~0.1 CPU-s to start. */
async function readFirewalld(ctx: CollectContext): Promise<{ zone: string; target: string | null } | null> {
  if (!(await ctx.exists('/usr/sbin/firewalld'))) return null;
  const pid = toInt((await readTrimmed(ctx, '/run/firewalld.pid')) ?? (await readTrimmed(ctx, '/var/run/firewalld.pid')));
  const cmdline = pid ? await ctx.readText(`/proc/${pid}/cmdline`) : undefined;
  if (!cmdline?.includes('firewalld')) return null;
  const conf = await ctx.readText('/etc/firewalld/firewalld.conf');
  const zone = (conf ? parseKeyValue(conf).DefaultZone : undefined) || 'public';
  const zoneXml = (await ctx.readText(`/etc/firewalld/zones/${zone}.xml`)) ?? (await ctx.readText(`/usr/lib/firewalld/zones/${zone}.xml`));
  const target = zoneXml ? /<zone[^>]*\btarget="([^"]+)"/.exec(zoneXml)?.[1] : undefined;
  // A zone without a target rejects what its services and ports do not allow.
  return { zone, target: (target === 'default' || !target ? 'reject' : target).toLowerCase() };
}

/** Puts the front-ends first: firewalld or ufw when they are active, else the raw ruleset. */
export function summarizeFirewall(input: {
  firewalld: { zone: string; target: string | null } | null;
  ufw: { enabled: boolean; defaultInbound: string | null; ruleCount: number } | null;
  nft: RulesetSummary | null;
  iptables: RulesetSummary | null;
}): Firewall {
  const { firewalld, ufw, nft, iptables } = input;
  const ruleset = nft ?? iptables;
  const restrictive = (policy: string) => policy === 'drop' || policy === 'reject';
  if (firewalld) {
    return { enabled: true, product: 'firewalld', profiles: [{ name: firewalld.zone.slice(0, 64), enabled: true, defaultInbound: clip(firewalld.target, 32) }], ruleCount: ruleset?.ruleCount ?? null };
  }
  if (ufw?.enabled) {
    return { enabled: true, product: 'ufw', profiles: [{ name: 'ufw', enabled: true, defaultInbound: clip(ufw.defaultInbound, 32) }], ruleCount: ufw.ruleCount };
  }
  if (ruleset) {
    const profiles: Profile[] = ruleset.inputChains.slice(0, 16).map((c) => ({ name: c.name.slice(0, 64), enabled: true, defaultInbound: c.policy.slice(0, 32) }));
    return {
      enabled: ruleset.ruleCount > 0 || ruleset.inputChains.some((c) => restrictive(c.policy)),
      product: nft ? 'nftables' : 'iptables',
      profiles,
      ruleCount: ruleset.ruleCount,
    };
  }
  if (ufw) return { enabled: false, product: 'ufw', profiles: [{ name: 'ufw', enabled: false, defaultInbound: clip(ufw.defaultInbound, 32) }], ruleCount: ufw.ruleCount };
  // No tool to ask, or no permission: the kernel may still filter, so unknown rather than off.
  return { enabled: null, product: null, profiles: [], ruleCount: null };
}

async function collectFirewall(ctx: CollectContext): Promise<Firewall> {
  const firewalld = await readFirewalld(ctx);
  const ufwConf = await ctx.readText('/etc/ufw/ufw.conf');
  const ufw = ufwConf
    ? ufwFromFiles(ufwConf, await ctx.readText('/etc/default/ufw'), [(await ctx.readText('/etc/ufw/user.rules')) ?? '', (await ctx.readText('/etc/ufw/user6.rules')) ?? ''])
    : null;
  const nft = await readNft(ctx);
  const iptables = nft ? null : await readIptables(ctx);
  return summarizeFirewall({ firewalld, ufw, nft, iptables });
}

// ---------------------------------------------------------------------------------------------
// Mandatory access control, boot, TPM

/** /sys/kernel/security/apparmor/profiles: "name (enforce)" lines. */
export function countAppArmorProfiles(text: string): { enforce: number; complain: number } {
  return { enforce: (text.match(/\(enforce\)$/gm) ?? []).length, complain: (text.match(/\(complain\)$/gm) ?? []).length };
}

/** The SecureBoot EFI variable: 4 bytes of attributes, then the value (1 = on). */
export function secureBootFromEfivar(bytes: Uint8Array | undefined): boolean | null {
  if (!bytes || bytes.length < 5) return null;
  return bytes[4] === 1;
}

// ---------------------------------------------------------------------------------------------
// Policies

/** Whether apt's periodic job runs unattended-upgrade: APT::Periodic::Unattended-Upgrade "1" in apt.conf.d (last file wins). */
export function aptUnattendedSetting(files: string[]): boolean | null {
  let value: boolean | null = null;
  for (const text of files) {
    for (const m of text.replace(/\/\/.*$/gm, '').matchAll(/APT::Periodic::Unattended-Upgrade\s+"([^"]*)"/g)) value = (m[1] ?? '0') !== '0';
  }
  return value;
}

async function collectAutoUpdate(ctx: CollectContext, family: string | null): Promise<SecuritySection['autoUpdate']> {
  if (family === 'debian') {
    const installed = await ctx.exists('/usr/bin/unattended-upgrade');
    if (!installed) return { enabled: false, mechanism: null };
    const dir = '/etc/apt/apt.conf.d';
    const files = (await ctx.listDir(dir)).sort();
    const texts = await Promise.all(files.map(async (f) => (await ctx.readText(`${dir}/${f}`, 1024 * 1024)) ?? ''));
    return { enabled: aptUnattendedSetting(texts) ?? false, mechanism: 'unattended-upgrades' };
  }
  if (family === 'rhel') {
    const wants = await ctx.listDir('/etc/systemd/system/timers.target.wants');
    const timer = wants.find((w) => /^dnf5?-automatic/.test(w));
    if (timer) return { enabled: true, mechanism: 'dnf-automatic' };
    if (await ctx.exists('/usr/bin/dnf-automatic')) return { enabled: false, mechanism: 'dnf-automatic' };
    const yumCron = await ctx.readText('/etc/yum/yum-cron.conf');
    if (yumCron) return { enabled: /^\s*apply_updates\s*=\s*yes/m.test(yumCron), mechanism: 'yum-cron' };
    return { enabled: false, mechanism: null };
  }
  // Other families have no standard unattended update mechanism to look for.
  return null;
}

export function passwordPolicy(input: { loginDefs: Record<string, string>; pwquality?: string; faillock?: string; pam: string[] }): SecuritySection['passwordPolicy'] {
  const maxDays = toInt(input.loginDefs.PASS_MAX_DAYS);
  // "key = N" in pwquality.conf / faillock.conf, ignoring commented-out defaults; the last one wins.
  const confValue = (text: string | undefined, key: string) => (text ? [...text.matchAll(new RegExp(`^\\s*${key}\\s*=\\s*(\\d+)`, 'gm'))].pop()?.[1] : undefined);
  const pamText = input.pam.join('\n');
  const pamArg = (module: string, arg: string) => {
    const line = pamText.split('\n').find((l) => !l.trim().startsWith('#') && l.includes(module));
    return line ? new RegExp(`\\b${arg}=(\\d+)`).exec(line)?.[1] : undefined;
  };
  // pwquality.conf only matters when pam_pwquality is in the stack (its built-in minlen is 8).
  const pwqualityInUse = /^[^#]*pam_pwquality\.so/m.test(pamText);
  const minLength = toInt(
    pwqualityInUse ? (pamArg('pam_pwquality.so', 'minlen') ?? confValue(input.pwquality, 'minlen') ?? '8') : (pamArg('pam_unix.so', 'minlen') ?? input.loginDefs.PASS_MIN_LEN),
  );
  // pam_faillock reads deny= from its line or faillock.conf; pam_tally2 from its line.
  const faillockInUse = /^[^#]*pam_faillock\.so/m.test(pamText);
  const lockout = toInt(pamArg('pam_faillock.so', 'deny') ?? (faillockInUse ? (confValue(input.faillock, 'deny') ?? '3') : undefined) ?? pamArg('pam_tally2.so', 'deny'));
  return {
    minLength,
    // 99999 days is shadow's "never expires".
    maxAgeDays: maxDays !== null && maxDays < 99999 ? maxDays : null,
    lockoutThreshold: lockout,
  };
}

// ---------------------------------------------------------------------------------------------
// Antivirus

const AV_PRODUCTS: { name: string; paths: string[] }[] = [
  { name: 'Microsoft Defender for Endpoint', paths: ['/opt/microsoft/mdatp'] },
  { name: 'CrowdStrike Falcon', paths: ['/opt/CrowdStrike/falconctl'] },
  { name: 'SentinelOne', paths: ['/opt/sentinelone/bin/sentinelctl'] },
  { name: 'Sophos Protection for Linux', paths: ['/opt/sophos-spl'] },
  { name: 'ESET Server Security', paths: ['/opt/eset/efs'] },
  { name: 'Trend Micro Deep Security', paths: ['/opt/ds_agent'] },
];

/** A ClamAV database header: "ClamAV-VDB:<build time>:<version>:<signatures>:…". */
export function clamavDbVersion(header: string): string | null {
  const m = /^ClamAV-VDB:[^:]*:(\d+):/.exec(header);
  return m?.[1] ?? null;
}

async function collectAntivirus(ctx: CollectContext): Promise<SecuritySection['antivirus']> {
  const fx = fsx(ctx);
  const out: SecuritySection['antivirus'] = [];
  const clamd = await ctx.exists('/usr/sbin/clamd');
  if (clamd || (await ctx.exists('/usr/bin/clamscan'))) {
    const db = ['/var/lib/clamav/daily.cld', '/var/lib/clamav/daily.cvd'].map((p) => ({ p, s: fx.stat(p) })).filter((x) => x.s).sort((a, b) => (b.s?.mtimeMs ?? 0) - (a.s?.mtimeMs ?? 0))[0];
    const header = db ? fx.readBytes(db.p, 0, 512) : undefined;
    out.push({
      name: 'ClamAV',
      // The daemon's control socket exists while clamd runs; clamscan alone scans on demand only.
      enabled: clamd ? (await ctx.exists('/run/clamav/clamd.ctl')) || (await ctx.exists('/var/run/clamav/clamd.ctl')) : null,
      upToDate: null,
      realTimeProtection: (await ctx.exists('/usr/sbin/clamonacc')) ? null : false,
      version: null,
      signatureVersion: header ? clamavDbVersion(Buffer.from(header).toString('latin1')) : null,
      signatureUpdatedAt: isoFromMs(db?.s?.mtimeMs),
    });
  }
  for (const product of AV_PRODUCTS) {
    for (const path of product.paths) {
      if (await ctx.exists(path)) {
        out.push({ name: product.name, enabled: null, upToDate: null, realTimeProtection: null, version: null, signatureVersion: null, signatureUpdatedAt: null });
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export async function collectSecurity(ctx: CollectContext): Promise<SecuritySection> {
  const fx = fsx(ctx);
  const [release, accounts, volumes] = await Promise.all([readOsRelease(ctx), readAccounts(ctx), listVolumes(ctx)]);
  const family = osFamily(release);

  // Disk encryption: dm-crypt mappings under mounted file systems.
  const encVolumes = volumes
    .filter((v) => v.kernelName)
    .slice(0, LIMITS.volumes)
    .map((v) => ({
      volume: v.mountPoint.slice(0, LIMITS.path),
      encrypted: v.encrypted,
      method: clip(v.encryptionMethod, 64),
      // Mounted, hence unlocked.
      status: v.encrypted ? 'unlocked' : null,
      protection: null,
    }));
  const root = volumes.find((v) => v.mountPoint === '/');
  const anyLuks = volumes.some((v) => v.encryptionMethod?.startsWith('LUKS'));
  const anyCrypt = volumes.some((v) => v.encrypted);

  // SELinux: the live mode from selinuxfs, else the configured one.
  const enforce = await readTrimmed(ctx, '/sys/fs/selinux/enforce');
  const seConfigText = await ctx.readText('/etc/selinux/config');
  const seConfig = seConfigText ? parseKeyValue(seConfigText) : undefined;
  const selinux =
    enforce !== undefined
      ? { mode: enforce === '1' ? 'enforcing' : 'permissive', policy: clip(seConfig?.SELINUXTYPE, 64) }
      : seConfig
        ? { mode: 'disabled', policy: clip(seConfig.SELINUXTYPE, 64) }
        : null;

  const aaEnabled = await readTrimmed(ctx, '/sys/module/apparmor/parameters/enabled');
  const aaProfiles = aaEnabled === 'Y' ? await ctx.readText('/sys/kernel/security/apparmor/profiles') : undefined;
  const aaCounts = aaProfiles !== undefined ? countAppArmorProfiles(aaProfiles) : null;
  const apparmor = aaEnabled === undefined ? null : { enabled: aaEnabled === 'Y', profilesEnforced: aaCounts?.enforce ?? null, profilesComplain: aaCounts?.complain ?? null };

  // Secure Boot: read the EFI variable. Legacy-BIOS boot cannot be secure; a masked /sys/firmware (containers) says nothing.
  const efi = await ctx.exists('/sys/firmware/efi');
  const firmwareVisible = (await ctx.listDir('/sys/firmware')).length > 0;
  const secureBoot = efi ? secureBootFromEfivar(fx.readBytes('/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c', 0, 8)) : firmwareVisible ? false : null;

  const tpmMajor = await readTrimmed(ctx, '/sys/class/tpm/tpm0/tpm_version_major');
  const tpmPresent = tpmMajor !== undefined || (await ctx.exists('/sys/class/tpm/tpm0'));
  const tpm = tpmPresent
    ? { present: true, enabled: true, version: tpmMajor === '2' ? '2.0' : tpmMajor === '1' ? '1.2' : null, manufacturer: null }
    : (await ctx.exists('/sys/class'))
      ? { present: false, enabled: null, version: null, manufacturer: null }
      : null;

  const [pwquality, faillock, commonAuth, systemAuth, commonPassword] = await Promise.all([
    ctx.readText('/etc/security/pwquality.conf'),
    ctx.readText('/etc/security/faillock.conf'),
    ctx.readText('/etc/pam.d/common-auth'),
    ctx.readText('/etc/pam.d/system-auth'),
    ctx.readText('/etc/pam.d/common-password'),
  ]);

  return {
    firewall: await collectFirewall(ctx),
    diskEncryption: {
      enabled: root ? root.encrypted : null,
      product: anyLuks ? 'LUKS' : anyCrypt ? 'dm-crypt' : null,
      volumes: encVolumes,
    },
    antivirus: await collectAntivirus(ctx),
    secureBoot,
    tpm,
    selinux,
    apparmor,
    autoUpdate: await collectAutoUpdate(ctx, family),
    screenLock: null,
    localAdmins: [...adminNames(accounts.users, accounts.groups)].sort().slice(0, 1_000).map((n) => n.slice(0, LIMITS.name)),
    passwordPolicy: passwordPolicy({
      loginDefs: accounts.loginDefs,
      pwquality,
      faillock,
      pam: [commonAuth ?? '', systemAuth ?? '', commonPassword ?? ''],
    }),
  };
}
