import type pino from 'pino';
import {
  INVENTORY_SECTIONS,
  stateHash,
  type DeltaReport,
  type FullReport,
  type InventorySectionName,
  type MetricsReport,
  type SoftwareItem,
} from '@muster/protocol';
import type { Bus, BusMessage, Consumer } from '../bus/types.js';
import { announceDeviceAuthChange } from '../devices/device-auth.js';
import { deviceAttributes } from './attributes.js';
import { catalogKey, entryOf, type CatalogEntry, type SoftwareCatalog } from './catalog.js';
import { sectionChanges, softwareChanges } from './changes.js';
import type { MetricsPartitions } from './partitions.js';
import type { IngestWrites, InventoryStore, StoredDeviceState, StoredSoftware } from './store.js';
import { decodeEnvelope, type ReportEnvelope } from './envelope.js';

export const REPORTS_STREAM = 'reports';
/** How long a worker under load waits for a partial batch to fill (see start). */
const LINGER_MS = 500;


export interface IngestStats {
  reports: number;
  skipped: number;
  fullRequested: number;
}

const DAY_MS = 86_400_000;
/** Install days pack below catalogue ids in one number (applyFull): 2^22 days reach the year 13,000. */
const DAY_SLOTS = 2 ** 22;
/** Agents send a few hundred distinct install dates across a fleet: parse each once. */
const installDays = new Map<string, number>();
const installDay = (date: string | null | undefined): number => {
  if (!date) return 0;
  let day = installDays.get(date);
  if (day === undefined) {
    const t = Date.parse(date);
    day = Number.isNaN(t) ? 0 : Math.min(DAY_SLOTS - 1, Math.max(0, Math.floor(t / DAY_MS)));
    if (installDays.size >= 100_000) installDays.clear();
    installDays.set(date, day);
  }
  return day;
};

/** A device's software as the worker holds it while applying a batch: catalogue ids with install days. */
interface WorkingSoftware {
  ids: number[];
  days: number[];
  hash: string;
}

interface WorkingDevice {
  stored: StoredDeviceState;
  sectionHashes: Record<string, string>;
  stateHash: string | null;
  lastSequence: number;
  fullReportRequested: boolean;
  software: WorkingSoftware | undefined;
  touched: boolean;
  attributes: Record<string, unknown>;
  agentVersion: string | null;
  lastReportAt: Date | null;
  /** When the newest inventory report of the batch arrived: the device was seen then. */
  seenAt: Date | null;
}

/**
 * The ingest worker: consumes accepted reports in batches and applies them to the inventory store.
 *
 * - Idempotent: reports already applied (by report id) are skipped, and a report whose sequence is
 *   not newer than the device's last one is stale and skipped.
 * - Deltas apply only on the state they name; otherwise the device is flagged for a full report
 *   (the agent learns it at its next check-in) and nothing is changed.
 * - A batch commits as one transaction; if it fails, each report is retried on its own so that one
 *   poisonous report cannot hold up the others (and ends in the dead letters after repeated failure).
 */
export class IngestWorker {
  private consumer: Consumer | undefined;
  readonly stats: IngestStats = { reports: 0, skipped: 0, fullRequested: 0 };

  constructor(
    private readonly store: InventoryStore,
    private readonly catalog: SoftwareCatalog,
    private readonly partitions: MetricsPartitions,
    private readonly bus: Bus,
    private readonly log: pino.Logger,
  ) {}

  start(options: { batchSize?: number; ackWaitMs?: number } = {}): void {
    this.consumer = this.bus.consume(REPORTS_STREAM, (batch) => this.handle(batch), {
      batchSize: options.batchSize ?? 200,
      ackWaitMs: options.ackWaitMs ?? 120_000,
      // A batch's cost is partly fixed (above all the software counts: one row per package version
      // the batch names, ~10,000 for a batch of first reports), so under load the worker waits a
      // moment for a fuller batch. JetStream's fetch already waits up to a second for a full one.
      lingerMs: this.bus.kind === 'postgres' ? LINGER_MS : 0,
      onError: (error, batch) => this.log.error({ err: error, messages: batch.length }, 'ingest batch failed'),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }

  async handle(messages: BusMessage[]): Promise<{ retry: string[] }> {
    const envelopes: Array<{ id: string; envelope: ReportEnvelope }> = [];
    for (const m of messages) {
      try {
        envelopes.push({ id: m.id, envelope: decodeEnvelope(m.data) });
      } catch (error) {
        // The API only publishes what it validated; garbage here is not worth retrying.
        this.log.error({ err: error, messageId: m.id }, 'unreadable report envelope dropped');
      }
    }
    try {
      await this.apply(envelopes.map((e) => e.envelope));
      return { retry: [] };
    } catch (error) {
      if (envelopes.length <= 1) throw error;
      this.log.warn({ err: error, reports: envelopes.length }, 'batch failed; applying its reports one by one');
      const retry: string[] = [];
      for (const { id, envelope } of envelopes) {
        try {
          await this.apply([envelope]);
        } catch (single) {
          this.log.error({ err: single, deviceId: envelope.deviceId, reportId: envelope.report.reportId }, 'report failed to apply');
          retry.push(id);
        }
      }
      return { retry };
    }
  }

  /** Applies envelopes in order (their order per device is the bus's order per key). */
  async apply(envelopes: ReportEnvelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    const done = await this.store.processedReportIds(envelopes.map((e) => ({ orgId: e.orgId, reportId: e.report.reportId })));
    const fresh = envelopes.filter((e) => !done.has(e.report.reportId));
    this.stats.skipped += envelopes.length - fresh.length;
    if (fresh.length === 0) return;

    const deviceKeys = uniqueBy(fresh.map((e) => ({ orgId: e.orgId, deviceId: e.deviceId })), (k) => k.deviceId);
    const states = await this.store.deviceStates(deviceKeys);
    const inventory = fresh.filter((e): e is ReportEnvelope & { report: FullReport | DeltaReport } => e.report.kind === 'full' || e.report.kind === 'delta');

    // Software state and old section data are loaded only for the devices and sections that need them.
    const needSoftware = uniqueBy(
      inventory.filter((e) => (e.report.kind === 'full' ? e.report.sections.software : e.report.softwareDelta)).map((e) => ({ orgId: e.orgId, deviceId: e.deviceId })),
      (k) => k.deviceId,
    );
    const storedSoftware = await this.store.software(needSoftware);
    const needSections = uniqueBy(
      inventory.flatMap((e) => {
        const state = states.get(e.deviceId);
        if (!state?.stateHash) return [];
        return sectionsOf(e.report)
          .filter(([name, entry]) => name !== 'software' && 'data' in entry && state.sectionHashes[name] !== entry.hash)
          .map(([name]) => ({ orgId: e.orgId, deviceId: e.deviceId, section: name as string }));
      }),
      (k) => `${k.deviceId}/${k.section}`,
    );
    const oldSections = await this.store.sectionData(needSections);

    // Resolve every package named in the batch to catalogue ids in one go; `spans` says where each
    // report's items are in that list, so no item's key is built twice.
    const items: SoftwareItem[] = [];
    const spans = new Map<ReportEnvelope, ItemSpan>();
    for (const e of inventory) {
      const named = softwareItemsOf(e.report);
      spans.set(e, { start: items.length, end: items.length + named.length });
      for (const item of named) items.push(item);
    }
    const ids = await this.catalog.resolve(items);

    // Catalogue entries (name, version, …) are needed only to compare software states: history
    // lines and the matching of a delta's updates. A device's first report needs none, so an
    // enrollment storm looks up nothing here. Needed: what devices hold now, what deltas name, and
    // the full reports of devices that send more than one report in this batch.
    const reportsPerDevice = new Map<string, number>();
    for (const e of inventory) reportsPerDevice.set(e.deviceId, (reportsPerDevice.get(e.deviceId) ?? 0) + 1);
    const catalogEntries = await this.catalog.describe([...storedSoftware.values()].flatMap((s) => s.ids));
    for (const e of inventory) {
      const holdsSoftware = storedSoftware.has(e.deviceId) || (reportsPerDevice.get(e.deviceId) ?? 0) > 1;
      if (e.report.kind === 'full' && !holdsSoftware) continue;
      const { start, end } = spans.get(e)!;
      for (let i = start; i < end; i++) catalogEntries.set(ids[i]!, entryOf(items[i]!));
    }

    const working = new Map<string, WorkingDevice>();
    for (const [deviceId, stored] of states) {
      working.set(deviceId, {
        stored,
        sectionHashes: { ...stored.sectionHashes },
        stateHash: stored.stateHash,
        lastSequence: stored.lastSequence,
        fullReportRequested: stored.fullReportRequested,
        software: storedSoftware.get(deviceId),
        touched: false,
        attributes: {},
        agentVersion: null,
        lastReportAt: null,
        seenAt: null,
      });
    }

    const writes: IngestWrites = { devices: [], sections: [], software: [], countDeltas: new Map(), changes: [], metrics: [], processed: [] };
    const softwareWritten = new Set<string>();
    for (const envelope of fresh) {
      const device = working.get(envelope.deviceId);
      writes.processed.push({ orgId: envelope.orgId, reportId: envelope.report.reportId, deviceId: envelope.deviceId });
      if (!device) continue; // removed or retired since the report was accepted
      const report = envelope.report;
      if (report.kind === 'metrics') {
        writes.metrics.push(...metricRows(envelope.orgId, envelope.deviceId, report));
        continue;
      }
      if (report.kind === 'result') continue; // work results belong to the jobs domain
      if (report.sequence <= device.lastSequence) {
        this.stats.skipped++;
        continue;
      }
      const receivedAt = new Date(envelope.receivedAt);
      if (!device.seenAt || receivedAt > device.seenAt) device.seenAt = receivedAt;
      const before = device.software;
      const span = spans.get(envelope)!;
      const applied =
        report.kind === 'full' ? this.applyFull(device, report, ids, span.start) : this.applyDelta(device, report, idsByKey(items, ids, span), catalogEntries);
      if (!applied) {
        device.fullReportRequested = true;
        device.touched = true;
        this.stats.fullRequested++;
        continue;
      }
      this.stats.reports++;
      const hadState = device.stateHash !== null;
      // Sections other than software: store what changed, and write history for it.
      for (const [name, entry] of sectionsOf(report)) {
        if (name === 'software') continue;
        if (device.sectionHashes[name] === entry.hash) continue;
        if ('data' in entry) {
          if (hadState) {
            for (const change of sectionChanges(name, oldSections.get(`${envelope.deviceId}/${name}`), entry.data)) {
              writes.changes.push({ orgId: envelope.orgId, deviceId: envelope.deviceId, at: receivedAt, ...change });
            }
          }
          oldSections.set(`${envelope.deviceId}/${name}`, entry.data);
          writes.sections.push({ orgId: envelope.orgId, deviceId: envelope.deviceId, section: name, hash: entry.hash, data: entry.data, error: undefined, collectedAt: new Date(report.collectedAt) });
        } else {
          writes.sections.push({ orgId: envelope.orgId, deviceId: envelope.deviceId, section: name, hash: entry.hash, data: undefined, error: entry.error, collectedAt: new Date(report.collectedAt) });
        }
        device.sectionHashes[name] = entry.hash;
      }
      if (report.kind === 'full') {
        // A full report is the whole state: sections it does not carry are gone.
        for (const name of Object.keys(device.sectionHashes)) if (!(name in report.sections)) delete device.sectionHashes[name];
      }
      if (device.software !== before && device.software) {
        if (hadState && before) {
          for (const change of softwareChanges(entriesOf(before, catalogEntries), entriesOf(device.software, catalogEntries))) {
            writes.changes.push({ orgId: envelope.orgId, deviceId: envelope.deviceId, at: receivedAt, ...change });
          }
        }
        let orgDeltas = writes.countDeltas.get(envelope.orgId);
        if (!orgDeltas) writes.countDeltas.set(envelope.orgId, (orgDeltas = new Map()));
        countDelta(orgDeltas, before?.ids ?? [], device.software.ids);
        softwareWritten.add(envelope.deviceId);
      }
      device.stateHash = stateHash(device.sectionHashes as Partial<Record<InventorySectionName, string>>);
      device.lastSequence = report.sequence;
      device.fullReportRequested = false;
      device.touched = true;
      device.lastReportAt = receivedAt;
      device.agentVersion = report.agent.version;
      Object.assign(device.attributes, deviceAttributes(report.sections));
    }

    for (const [deviceId, device] of working) {
      if (softwareWritten.has(deviceId) && device.software) writes.software.push({ orgId: device.stored.orgId, deviceId, ...device.software });
      if (!device.touched) continue;
      writes.devices.push({
        orgId: device.stored.orgId,
        deviceId,
        attributes: device.attributes,
        agentVersion: device.agentVersion,
        stateHash: device.stateHash,
        sectionHashes: device.sectionHashes,
        lastSequence: device.lastSequence,
        fullReportRequested: device.fullReportRequested,
        lastReportAt: device.lastReportAt,
        lastSeenAt: device.seenAt,
      });
    }
    if (writes.metrics.length) {
      writes.metrics = await this.partitions.keepInsertable(writes.metrics);
    }
    await this.store.write(writes);
    const flagsChanged = [...working.values()].filter((d) => d.fullReportRequested !== d.stored.fullReportRequested).map((d) => d.stored.deviceId);
    await this.announce(writes, flagsChanged);
  }

  /** Takes a full report's software as the device's new set. Always applies. */
  private applyFull(device: WorkingDevice, report: FullReport, ids: number[], start: number): boolean {
    const software = report.sections.software;
    if (software && 'data' in software) {
      const items = software.data.items;
      // Sorted by (id, install day) as one number each: a typed array sorts numerically without a
      // comparator callback, several times faster than sorting pairs.
      const packed = new Float64Array(items.length);
      for (let i = 0; i < items.length; i++) packed[i] = ids[start + i]! * DAY_SLOTS + installDay(items[i]!.installDate);
      packed.sort();
      const sortedIds = new Array<number>(items.length);
      const days = new Array<number>(items.length);
      for (let i = 0; i < packed.length; i++) {
        const day = packed[i]! % DAY_SLOTS;
        days[i] = day;
        sortedIds[i] = (packed[i]! - day) / DAY_SLOTS;
      }
      device.software = { ids: sortedIds, days, hash: software.hash };
      device.sectionHashes.software = software.hash;
    } else if (software) {
      device.sectionHashes.software = software.hash;
    }
    return true;
  }

  /** Applies a delta on the state it names; false when that is not the state held here. */
  private applyDelta(device: WorkingDevice, report: DeltaReport, ids: Map<string, number>, catalog: Map<number, CatalogEntry>): boolean {
    if (device.stateHash === null || device.stateHash !== report.baseStateHash) return false;
    const delta = report.softwareDelta;
    if (!delta) return true;
    const current = device.software;
    if (!current || current.hash !== delta.baseHash) return false;
    // Multiset of (catalogue id, install day): per-user installs can repeat one id.
    const entries = current.ids.map((id, i) => ({ id, day: current.days[i] ?? 0 }));
    const identity = (e: Pick<CatalogEntry, 'source' | 'name' | 'arch'>) => `${e.source}\u0000${e.name}\u0000${e.arch}`;
    const removeOne = (predicate: (id: number) => boolean): boolean => {
      const index = entries.findIndex((e) => predicate(e.id));
      if (index < 0) return false;
      entries.splice(index, 1);
      return true;
    };
    for (const removed of delta.removed) {
      const id = ids.get(catalogKey(removed));
      if (id === undefined || !removeOne((x) => x === id)) return false;
    }
    for (const updated of delta.updated) {
      const target = identity(entryOf(updated));
      const sameIdentity = (x: number, sameVersion: boolean) => {
        const e = catalog.get(x);
        return !!e && identity(e) === target && (e.version === updated.version) === sameVersion;
      };
      // The install being replaced: same identity, usually another version; an update of the
      // same version changed only details (install date, size), and replaces that entry.
      if (!removeOne((x) => sameIdentity(x, false)) && !removeOne((x) => sameIdentity(x, true))) return false;
      entries.push({ id: ids.get(catalogKey(updated))!, day: installDay(updated.installDate) });
    }
    for (const added of delta.added) entries.push({ id: ids.get(catalogKey(added))!, day: installDay(added.installDate) });
    entries.sort((a, b) => a.id - b.id || a.day - b.day);
    device.software = { ids: entries.map((e) => e.id), days: entries.map((e) => e.day), hash: delta.hash };
    device.sectionHashes.software = delta.hash;
    return true;
  }

  /** Tells listeners which devices changed: the console's live view, and the credential caches when a device's flags flipped. */
  private async announce(writes: IngestWrites, flagsChanged: string[]): Promise<void> {
    if (flagsChanged.length) {
      await announceDeviceAuthChange(this.bus, flagsChanged).catch((error: unknown) => this.log.warn({ err: error }, 'notify failed'));
    }
    const byOrg = new Map<string, Set<string>>();
    for (const d of writes.devices) byOrg.set(d.orgId, (byOrg.get(d.orgId) ?? new Set()).add(d.deviceId));
    for (const [orgId, devices] of byOrg) {
      await this.bus.notify(`org.${orgId}.devices.updated`, { deviceIds: [...devices].slice(0, 100), count: devices.size }).catch((error: unknown) => this.log.warn({ err: error }, 'notify failed'));
    }
  }

}

function sectionsOf(report: FullReport | DeltaReport): Array<[InventorySectionName, { hash: string; data: unknown } | { hash: string; error: unknown }]> {
  return INVENTORY_SECTIONS.flatMap((name) => {
    const entry = report.sections[name];
    return entry ? [[name, entry] as [InventorySectionName, typeof entry]] : [];
  });
}

function entriesOf(software: StoredSoftware | WorkingSoftware | undefined, catalog: Map<number, CatalogEntry>): CatalogEntry[] {
  if (!software) return [];
  return software.ids.map((id) => catalog.get(id)).filter((e): e is CatalogEntry => e !== undefined);
}

/**
 * Devices per software id change by set membership, not by multiplicity. Both arrays are sorted
 * (see applyFull, applyDelta), so one merge walk finds the ids only one side has.
 */
function countDelta(deltas: Map<number, number>, before: number[], after: number[]): void {
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const b = i < before.length ? before[i]! : Infinity;
    const a = j < after.length ? after[j]! : Infinity;
    if (b === a) {
      while (i < before.length && before[i] === b) i++;
      while (j < after.length && after[j] === a) j++;
    } else if (b < a) {
      deltas.set(b, (deltas.get(b) ?? 0) - 1);
      while (i < before.length && before[i] === b) i++;
    } else {
      deltas.set(a, (deltas.get(a) ?? 0) + 1);
      while (j < after.length && after[j] === a) j++;
    }
  }
}

/** Where one report's items are in the batch's item list: [start, end). */
interface ItemSpan {
  start: number;
  end: number;
}

/** The packages a report names: a full report's items as they are; a delta's added, updated and removed. */
function softwareItemsOf(report: FullReport | DeltaReport): SoftwareItem[] {
  if (report.kind === 'full') {
    const software = report.sections.software;
    return software && 'data' in software ? software.data.items : [];
  }
  const delta = report.softwareDelta;
  if (!delta) return [];
  return [...delta.added, ...delta.updated, ...delta.removed.map((r) => ({ ...r, source: r.source as SoftwareItem['source'] }))];
}

/** A report's catalogue ids by catalogKey (for a delta, which names a handful of packages). */
function idsByKey(items: SoftwareItem[], ids: number[], span: ItemSpan): Map<string, number> {
  const result = new Map<string, number>();
  for (let i = span.start; i < span.end; i++) result.set(catalogKey(items[i]!), ids[i]!);
  return result;
}

function metricRows(orgId: string, deviceId: string, report: MetricsReport): IngestWrites['metrics'] {
  return report.samples.filter((s) => !Number.isNaN(Date.parse(s.at))).map((s) => {
    const disks = s.disks.map((d) => d.percent).filter((p): p is number => typeof p === 'number');
    return {
      orgId,
      deviceId,
      at: new Date(s.at),
      cpuPercent: s.cpuPercent ?? null,
      memoryPercent: s.memory.percent ?? null,
      diskPercent: disks.length ? Math.max(...disks) : null,
      load1: s.load?.[0] ?? null,
      rxBytes: s.network.rxBytes ?? null,
      txBytes: s.network.txBytes ?? null,
      processCount: s.processes.count ?? null,
    };
  });
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
