import type zlib from 'node:zlib';
import { LIMITS, type UpdatesSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { fsx } from './fsx.js';
import { clip, isoFromMs, naturalCompare, readTrimmed } from './shared.js';
import { isoString } from '../../time.js';

type UpdateItem = UpdatesSection['installed'][number];

/**
 * Updates from what the package managers leave on disk. The agent never refreshes package
 * indexes (network) nor runs slow resolvers (apt-get -s upgrade, dnf check-update).
 *
 * Pending updates are not computed. On Debian it would mean comparing every installed version
 * with /var/lib/apt/lists/*_Packages: tens of MB of text (often lz4- or gzip-compressed, lz4 having
 * no decoder in Node) plus Debian version ordering — several hundred ms of CPU and tens of MB of
 * memory on a typical host, well past the agent's whole budget (0.35 CPU-s, 55 MB). Ubuntu's
 * update-notifier keeps only counts (/var/lib/update-notifier/updates-available), which the
 * section has no field for. So `pending` stays empty on Linux; the server can match installed
 * versions (software section purls) against advisories instead.
 */

/** "2025-06-24  14:36:25" in the machine's local time (apt writes no zone). */
function aptLocalDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})\s+(\d{2}):(\d{2}):(\d{2})/.exec(text.trim());
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(d.getTime()) ? null : d;
}

export interface HistoryResult {
  /** Package upgrades, oldest first. */
  upgrades: UpdateItem[];
  /** Start of the latest transaction that upgraded something. */
  lastUpgradeAt: string | null;
}

/**
 * /var/log/apt/history.log: one stanza per apt run. "Upgrade:" lists `name:arch (old, new)`;
 * "Install:" lines are new packages, not updates, and are left out.
 */
export function parseAptHistory(text: string): HistoryResult {
  const upgrades: UpdateItem[] = [];
  let lastUpgradeAt: string | null = null;
  for (const stanza of text.split(/\n\s*\n/)) {
    const start = /^Start-Date:\s*(.+)$/m.exec(stanza);
    const at = start?.[1] ? aptLocalDate(start[1]) : null;
    const upgradeLine = /^Upgrade:\s*(.+)$/m.exec(stanza)?.[1];
    if (!upgradeLine) continue;
    const installedAt = at ? isoString(at) : null;
    for (const m of upgradeLine.matchAll(/([^\s,()]+) \(([^)]*)\)/g)) {
      const [pkg = '', arch] = (m[1] ?? '').split(':');
      const [from, to] = (m[2] ?? '').split(',').map((s) => s.trim());
      if (!pkg || !to) continue;
      upgrades.push({
        id: pkg.slice(0, LIMITS.name),
        title: clip(`${pkg}${arch ? `:${arch}` : ''} ${from} → ${to}`, LIMITS.text),
        kind: 'update',
        installedAt,
        severity: null,
        version: clip(to, LIMITS.version),
      });
    }
    if (installedAt && (!lastUpgradeAt || installedAt > lastUpgradeAt)) lastUpgradeAt = installedAt;
  }
  return { upgrades, lastUpgradeAt };
}

/** "2024-01-10T09:15:42+0000" → ISO with a colon in the offset, which Date parses everywhere. */
function isoWithOffset(text: string): string | null {
  const fixed = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(fixed);
  return Number.isNaN(ms) ? null : isoString(ms);
}

/** /var/log/dnf.rpm.log: "<time> SUBDEBUG Upgrade: name-[epoch:]version-release.arch". */
export function parseDnfRpmLog(text: string): HistoryResult {
  const upgrades: UpdateItem[] = [];
  let lastUpgradeAt: string | null = null;
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+\S+\s+Upgrade:\s+(\S+)$/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    const nevra = /^(.+)-((?:\d+:)?[^-]+-[^-]+)\.([^.]+)$/.exec(m[2]);
    if (!nevra?.[1]) continue;
    const installedAt = isoWithOffset(m[1]);
    upgrades.push({ id: nevra[1].slice(0, LIMITS.name), title: clip(m[2], LIMITS.text), kind: 'update', installedAt, severity: null, version: clip(nevra[2], LIMITS.version) });
    if (installedAt && (!lastUpgradeAt || installedAt > lastUpgradeAt)) lastUpgradeAt = installedAt;
  }
  return { upgrades, lastUpgradeAt };
}

/** /var/log/pacman.log: "[2024-01-05T10:22:33+0000] [ALPM] upgraded name (old -> new)". */
export function parsePacmanLog(text: string): HistoryResult {
  const upgrades: UpdateItem[] = [];
  let lastUpgradeAt: string | null = null;
  for (const line of text.split('\n')) {
    const m = /^\[([^\]]+)\] \[ALPM\] upgraded (\S+) \((\S+) -> (\S+)\)/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    const installedAt = isoWithOffset(m[1]);
    upgrades.push({ id: m[2].slice(0, LIMITS.name), title: clip(`${m[2]} ${m[3]} → ${m[4]}`, LIMITS.text), kind: 'update', installedAt, severity: null, version: clip(m[4], LIMITS.version) });
    if (installedAt && (!lastUpgradeAt || installedAt > lastUpgradeAt)) lastUpgradeAt = installedAt;
  }
  return { upgrades, lastUpgradeAt };
}

/**
 * Whether a newer kernel is installed than the one running: the usual reason a Linux host needs a
 * reboot. Only trusted when the running kernel's own modules are installed here (in a container,
 * /lib/modules, if any, belongs to the image, not to the host's kernel).
 */
export function newerKernelInstalled(running: string, installed: string[]): boolean | null {
  if (!installed.includes(running)) return null;
  return installed.some((k) => naturalCompare(k, running) > 0 && kernelFlavor(k) === kernelFlavor(running));
}

/**
 * The kernel's flavour, from its all-letter tokens: "6.1.0-21-rt-amd64" → "rt", "6.8.0-45-generic"
 * → "generic", "6.6.15-1-lts" → "lts", "6.6.9-200.fc39.x86_64" → "". An -rt kernel installed
 * next to a generic one is not an upgrade of it.
 */
function kernelFlavor(release: string): string {
  return release
    .split(/[-.]/)
    .filter((t) => /^[a-z]+$/i.test(t))
    .join('-');
}

/** Newest mtime among the given paths. */
function newestMtime(ctx: CollectContext, paths: string[]): number | null {
  const fx = fsx(ctx);
  let newest: number | null = null;
  for (const p of paths) {
    const m = fx.stat(p)?.mtimeMs;
    if (m !== undefined && (newest === null || m > newest)) newest = m;
  }
  return newest;
}

async function readLog(ctx: CollectContext, path: string): Promise<string> {
  const current = (await ctx.readText(path, 32 * 1024 * 1024)) ?? '';
  // logrotate keeps the previous month compressed: read it too, so a quiet month still shows the last upgrade.
  const rotated = fsx(ctx).readBytes(`${path}.1.gz`, 0, 8 * 1024 * 1024);
  let previous = '';
  if (rotated?.length) {
    try {
      // node:zlib is loaded here, on the machines that have a rotated log, not with the collectors.
      const { gunzipSync } = process.getBuiltinModule('node:zlib') as typeof zlib;
      previous = gunzipSync(rotated).toString('utf8');
    } catch {
      previous = '';
    }
  }
  return previous ? `${previous}\n\n${current}` : current;
}

export async function collectUpdates(ctx: CollectContext): Promise<UpdatesSection> {
  const history: HistoryResult = { upgrades: [], lastUpgradeAt: null };
  const merge = (r: HistoryResult) => {
    history.upgrades.push(...r.upgrades);
    if (r.lastUpgradeAt && (!history.lastUpgradeAt || r.lastUpgradeAt > history.lastUpgradeAt)) history.lastUpgradeAt = r.lastUpgradeAt;
  };
  const checked: (number | null)[] = [];

  if (await ctx.exists('/var/lib/dpkg/status')) {
    merge(parseAptHistory(await readLog(ctx, '/var/log/apt/history.log')));
    // update-success-stamp is touched by apt's daily job after a successful index refresh; the
    // Release files are rewritten by any `apt update` that fetched something.
    const lists = (await ctx.listDir('/var/lib/apt/lists')).filter((f) => f.endsWith('Release')).map((f) => `/var/lib/apt/lists/${f}`);
    checked.push(newestMtime(ctx, ['/var/lib/apt/periodic/update-success-stamp']) ?? newestMtime(ctx, lists));
  }
  if (await ctx.exists('/var/log/dnf.rpm.log')) {
    merge(parseDnfRpmLog(await readLog(ctx, '/var/log/dnf.rpm.log')));
    const cache = (await ctx.listDir('/var/cache/dnf')).filter((f) => f.endsWith('.solv') || f === 'last_makecache').map((f) => `/var/cache/dnf/${f}`);
    checked.push(newestMtime(ctx, cache));
  }
  if (await ctx.exists('/var/log/pacman.log')) {
    merge(parsePacmanLog(await readLog(ctx, '/var/log/pacman.log')));
    checked.push(newestMtime(ctx, (await ctx.listDir('/var/lib/pacman/sync')).map((f) => `/var/lib/pacman/sync/${f}`)));
  }
  if (await ctx.exists('/lib/apk/db/installed')) {
    checked.push(newestMtime(ctx, (await ctx.listDir('/var/cache/apk')).filter((f) => f.startsWith('APKINDEX')).map((f) => `/var/cache/apk/${f}`)));
  }

  // Reboot: Debian/Ubuntu's flag file (written by package hooks), else a newer kernel than the running one.
  const flagFile = (await ctx.exists('/var/run/reboot-required')) || (await ctx.exists('/run/reboot-required'));
  const running = await readTrimmed(ctx, '/proc/sys/kernel/osrelease');
  const kernels = [...(await ctx.listDir('/lib/modules')), ...(await ctx.listDir('/usr/lib/modules'))];
  const kernelSaysReboot = running ? newerKernelInstalled(running, kernels) : null;
  // The flag file's absence only means "no reboot needed" where something would write it.
  const flagMechanism = await ctx.exists('/usr/share/update-notifier/notify-reboot-required');
  const rebootRequired = flagFile || kernelSaysReboot === true ? true : kernelSaysReboot === false || flagMechanism ? false : null;

  const lastChecked = checked.reduce<number | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
  // Keep the most recent when there are more than the wire allows.
  const installed = history.upgrades.length > LIMITS.updates ? history.upgrades.slice(-LIMITS.updates) : history.upgrades;
  return {
    installed,
    pending: [],
    rebootRequired,
    lastCheckedAt: isoFromMs(lastChecked),
    lastInstalledAt: history.lastUpgradeAt,
  };
}
