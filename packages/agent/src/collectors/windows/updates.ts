import { LIMITS, type UpdatesSection } from '@muster/protocol';
import { bool, calendarDate, errorMessage, object, objects, psDate, str, uint } from './values.js';

type UpdateItem = UpdatesSection['installed'][number];

/** Win32_QuickFixEngineering.Description → the protocol's kind. */
function kind(description: string | null): string | null {
  if (!description) return null;
  const d = description.toLowerCase();
  if (d === 'security update') return 'security';
  if (d === 'update') return 'update';
  if (d === 'hotfix') return 'hotfix';
  if (d === 'service pack') return 'service pack';
  return d.slice(0, 64);
}

/** IUpdateHistoryEntry: Operation 1 = installation; ResultCode 2 = succeeded, 3 = succeeded with errors. */
interface HistoryEntry {
  title: string;
  date: string | null;
}

function succeededInstalls(raw: unknown): HistoryEntry[] {
  return objects(raw)
    .filter((h) => uint(h.Operation) === 1 && (uint(h.ResultCode) === 2 || uint(h.ResultCode) === 3))
    .flatMap((h) => {
      const title = str(h.Title, LIMITS.text);
      return title ? [{ title, date: psDate(h.Date) }] : [];
    });
}

export function parseUpdates(raw: unknown): UpdatesSection {
  const r = object(raw) ?? {};
  const history = succeededInstalls(r.history);
  // The history knows titles ("2023-11 Cumulative Update for Windows 11 … (KB5032190)") that QFE lacks.
  const byKb = new Map<string, HistoryEntry>();
  for (const entry of history) {
    for (const match of entry.title.matchAll(/\bKB(\d{6,8})\b/gi)) {
      const kb = `KB${match[1]}`;
      const seen = byKb.get(kb);
      if (!seen || (entry.date && (!seen.date || entry.date > seen.date))) byKb.set(kb, entry);
    }
  }

  const installed: UpdateItem[] = [];
  const seenIds = new Set<string>();
  for (const hotfix of objects(r.hotfixes)) {
    const id = str(hotfix.HotFixID, LIMITS.name);
    // QFE lists a KB once per component it touched now and then.
    if (!id || seenIds.has(id.toUpperCase())) continue;
    seenIds.add(id.toUpperCase());
    const fromHistory = byKb.get(id.toUpperCase());
    installed.push({
      id,
      title: fromHistory?.title ?? null,
      kind: kind(str(hotfix.Description)),
      // InstalledOn is a date string, and empty for updates serviced into the image: the history may know.
      installedAt: calendarDate(hotfix.InstalledOn) ?? fromHistory?.date ?? null,
      severity: null,
      version: null,
    });
  }

  const reboot = object(r.reboot);
  const signals = [
    bool(reboot?.componentBasedServicing),
    bool(reboot?.windowsUpdate),
    reboot && uint(reboot.pendingFileRenames) !== null ? (uint(reboot.pendingFileRenames) ?? 0) > 0 : null,
    errorMessage(reboot?.systemInfo) === undefined ? bool(reboot?.systemInfo) : null,
  ];
  const rebootRequired = signals.some((s) => s === true) ? true : signals.some((s) => s === false) ? false : null;

  const autoUpdate = object(r.autoUpdate);
  const latestInstall = history.reduce<string | null>((latest, h) => (h.date && (!latest || h.date > latest) ? h.date : latest), null);

  return {
    installed: installed.slice(0, LIMITS.updates),
    // Pending updates are known only from an online Windows Update search, which takes minutes and
    // the network; the agent does not start one, so this stays empty.
    pending: [],
    rebootRequired,
    lastCheckedAt: psDate(autoUpdate?.lastSearchSuccess) ?? psDate(r.detectSuccess),
    lastInstalledAt: psDate(autoUpdate?.lastInstallationSuccess) ?? psDate(r.installSuccess) ?? latestInstall,
  };
}
