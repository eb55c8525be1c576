import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DeviceAttributes } from './attributes.js';
import type { Change } from './changes.js';

/** A device's ingest state as stored: what the next report must build on. */
export interface StoredDeviceState {
  orgId: string;
  deviceId: string;
  stateHash: string | null;
  sectionHashes: Record<string, string>;
  lastSequence: number;
  fullReportRequested: boolean;
}

export interface StoredSoftware {
  ids: number[];
  days: number[];
  hash: string;
}

export interface DeviceUpdate {
  orgId: string;
  deviceId: string;
  attributes: DeviceAttributes;
  agentVersion: string | null;
  stateHash: string | null;
  sectionHashes: Record<string, string>;
  lastSequence: number;
  fullReportRequested: boolean;
  lastReportAt: Date | null;
  /** Arrival of the device's newest inventory report (the API leaves last_seen_at of those to ingest). */
  lastSeenAt: Date | null;
}

export interface SectionWrite {
  orgId: string;
  deviceId: string;
  section: string;
  hash: string;
  data: unknown;
  error: unknown;
  collectedAt: Date;
}

export interface MetricRow {
  orgId: string;
  deviceId: string;
  at: Date;
  cpuPercent: number | null;
  memoryPercent: number | null;
  diskPercent: number | null;
  load1: number | null;
  rxBytes: number | null;
  txBytes: number | null;
  processCount: number | null;
}

export interface IngestWrites {
  devices: DeviceUpdate[];
  sections: SectionWrite[];
  software: Array<{ orgId: string; deviceId: string } & StoredSoftware>;
  /** Per organisation: software id → change in its number of devices. */
  countDeltas: Map<string, Map<number, number>>;
  changes: Array<{ orgId: string; deviceId: string; at: Date } & Change>;
  metrics: MetricRow[];
  processed: Array<{ orgId: string; reportId: string; deviceId: string }>;
}

/** Attribute columns an ingest may set; text unless listed in ARRAY_COLUMNS or BIGINT_COLUMNS. */
const ATTRIBUTE_COLUMNS = [
  'hostname',
  'serial_number',
  'hardware_uuid',
  'machine_id',
  'vendor',
  'model',
  'platform',
  'os_name',
  'os_version',
  'os_build',
  'kernel_version',
  'arch',
  'cpu_model',
  'memory_bytes',
  'primary_ip',
  'ip_addresses',
  'mac_addresses',
  'logged_in_users',
] as const satisfies ReadonlyArray<keyof DeviceAttributes>;
const ARRAY_COLUMNS = new Set(['ip_addresses', 'mac_addresses', 'logged_in_users']);
const BIGINT_COLUMNS = new Set(['memory_bytes']);

/**
 * Taken (until commit) by every transaction that changes software_counts, before it does: count
 * rows are then never locked by two transactions at once, in whatever order each updates them.
 */
export const lockSoftwareCounts = (trx: Transaction<DB>) => sql`select pg_advisory_xact_lock(hashtext('muster_software_counts'))`.execute(trx);

/** `{1,2,3}`: an int[] literal, so that many arrays travel as one text[] parameter. */
const intArrayLiteral = (values: number[]): string => `{${values.join(',')}}`;

/**
 * All SQL of ingest. Reads are batched per consumer batch; writes go in one transaction of
 * multi-row statements (unnest of parallel arrays), so a batch of 200 reports is a handful of
 * round trips rather than thousands.
 */
export class InventoryStore {
  constructor(private readonly db: Kysely<DB>) {}

  async processedReportIds(keys: Array<{ orgId: string; reportId: string }>): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const { rows } = await sql<{ report_id: string }>`
      select p.report_id from processed_reports p
        join unnest(${keys.map((k) => k.orgId)}::uuid[], ${keys.map((k) => k.reportId)}::uuid[]) as k(org_id, report_id)
          on p.org_id = k.org_id and p.report_id = k.report_id`.execute(this.db);
    return new Set(rows.map((r) => r.report_id));
  }

  async deviceStates(keys: Array<{ orgId: string; deviceId: string }>): Promise<Map<string, StoredDeviceState>> {
    const result = new Map<string, StoredDeviceState>();
    if (keys.length === 0) return result;
    const { rows } = await sql<{ org_id: string; id: string; state_hash: string | null; section_hashes: Record<string, string>; last_sequence: number; full_report_requested: boolean }>`
      select d.org_id, d.id, d.state_hash, d.section_hashes, d.last_sequence, d.full_report_requested
        from devices d
        join unnest(${keys.map((k) => k.orgId)}::uuid[], ${keys.map((k) => k.deviceId)}::uuid[]) as k(org_id, id)
          on d.org_id = k.org_id and d.id = k.id
       where d.kind = 'agent' and d.status <> 'retired'`.execute(this.db);
    for (const r of rows) {
      result.set(r.id, {
        orgId: r.org_id,
        deviceId: r.id,
        stateHash: r.state_hash,
        sectionHashes: r.section_hashes ?? {},
        lastSequence: r.last_sequence,
        fullReportRequested: r.full_report_requested,
      });
    }
    return result;
  }

  async software(keys: Array<{ orgId: string; deviceId: string }>): Promise<Map<string, StoredSoftware>> {
    const result = new Map<string, StoredSoftware>();
    if (keys.length === 0) return result;
    const { rows } = await sql<{ device_id: string; software_ids: number[]; install_days: number[]; hash: string }>`
      select s.device_id, s.software_ids, s.install_days, s.hash
        from device_software s
        join unnest(${keys.map((k) => k.orgId)}::uuid[], ${keys.map((k) => k.deviceId)}::uuid[]) as k(org_id, device_id)
          on s.org_id = k.org_id and s.device_id = k.device_id`.execute(this.db);
    for (const r of rows) result.set(r.device_id, { ids: r.software_ids, days: r.install_days, hash: r.hash });
    return result;
  }

  /** Stored data of the given sections, keyed `deviceId/section`, for change detection. */
  async sectionData(keys: Array<{ orgId: string; deviceId: string; section: string }>): Promise<Map<string, unknown>> {
    const result = new Map<string, unknown>();
    if (keys.length === 0) return result;
    const { rows } = await sql<{ device_id: string; section: string; data: unknown }>`
      select s.device_id, s.section, s.data
        from device_sections s
        join unnest(${keys.map((k) => k.orgId)}::uuid[], ${keys.map((k) => k.deviceId)}::uuid[], ${keys.map((k) => k.section)}::text[]) as k(org_id, device_id, section)
          on s.org_id = k.org_id and s.device_id = k.device_id and s.section = k.section`.execute(this.db);
    for (const r of rows) result.set(`${r.device_id}/${r.section}`, r.data);
    return result;
  }

  async write(writes: IngestWrites): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.writeDevices(trx, writes.devices);
      await this.writeSections(trx, writes.sections);
      await this.writeSoftware(trx, writes.software);
      await this.writeChanges(trx, writes.changes);
      await this.writeMetrics(trx, writes.metrics);
      if (writes.processed.length) {
        await sql`
          insert into processed_reports (org_id, report_id, device_id)
          select * from unnest(${writes.processed.map((p) => p.orgId)}::uuid[], ${writes.processed.map((p) => p.reportId)}::uuid[], ${writes.processed.map((p) => p.deviceId)}::uuid[])
          on conflict do nothing`.execute(trx);
      }
      // Last: it takes the lock that serialises count updates between workers (see writeCounts).
      await this.writeCounts(trx, writes.countDeltas);
    });
  }

  private async writeDevices(trx: Transaction<DB>, updates: DeviceUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    // Sorted, so that concurrent workers lock rows in the same order and cannot deadlock.
    const rows = [...updates].sort((a, b) => (a.orgId + a.deviceId < b.orgId + b.deviceId ? -1 : 1));
    // An attribute absent from a report keeps its value; present (even null) replaces it.
    const assignments = ATTRIBUTE_COLUMNS.map((col) => {
      const value = ARRAY_COLUMNS.has(col)
        ? `array(select jsonb_array_elements_text(v.attrs->'${col}'))`
        : BIGINT_COLUMNS.has(col)
          ? `(v.attrs->>'${col}')::bigint`
          : `v.attrs->>'${col}'`;
      const keep = col === 'hostname' ? `coalesce(${value}, d.${col})` : value;
      return `${col} = case when v.attrs ? '${col}' then ${keep} else d.${col} end`;
    }).join(',\n             ');
    await sql`
      update devices d
         set ${sql.raw(assignments)},
             agent_version = coalesce(v.agent_version, d.agent_version),
             state_hash = v.state_hash,
             section_hashes = v.section_hashes,
             last_sequence = v.last_sequence,
             full_report_requested = v.full_report_requested,
             last_report_at = coalesce(v.last_report_at, d.last_report_at),
             last_seen_at = greatest(d.last_seen_at, v.last_seen_at),
             updated_at = now()
        from unnest(${rows.map((r) => r.orgId)}::uuid[], ${rows.map((r) => r.deviceId)}::uuid[], ${rows.map((r) => JSON.stringify(r.attributes))}::jsonb[],
                    ${rows.map((r) => r.agentVersion)}::text[], ${rows.map((r) => r.stateHash)}::text[], ${rows.map((r) => JSON.stringify(r.sectionHashes))}::jsonb[],
                    ${rows.map((r) => r.lastSequence)}::bigint[], ${rows.map((r) => r.fullReportRequested)}::boolean[],
                    ${rows.map((r) => r.lastReportAt?.toISOString() ?? null)}::timestamptz[], ${rows.map((r) => r.lastSeenAt?.toISOString() ?? null)}::timestamptz[])
             as v(org_id, id, attrs, agent_version, state_hash, section_hashes, last_sequence, full_report_requested, last_report_at, last_seen_at)
       where d.org_id = v.org_id and d.id = v.id`.execute(trx);
  }

  private async writeSections(trx: Transaction<DB>, sections: SectionWrite[]): Promise<void> {
    if (sections.length === 0) return;
    // Later writes of the same section in one batch win: keep the last one only.
    const last = new Map<string, SectionWrite>();
    for (const s of sections) last.set(`${s.orgId}/${s.deviceId}/${s.section}`, s);
    const rows = [...last.values()].sort((a, b) => (`${a.orgId}${a.deviceId}${a.section}` < `${b.orgId}${b.deviceId}${b.section}` ? -1 : 1));
    // A section that failed this time keeps its last good data beside the error.
    await sql`
      insert into device_sections (org_id, device_id, section, hash, data, error, collected_at)
      select * from unnest(${rows.map((r) => r.orgId)}::uuid[], ${rows.map((r) => r.deviceId)}::uuid[], ${rows.map((r) => r.section)}::text[],
                           ${rows.map((r) => r.hash)}::text[], ${rows.map((r) => (r.data === undefined ? null : JSON.stringify(r.data)))}::jsonb[],
                           ${rows.map((r) => (r.error === undefined ? null : JSON.stringify(r.error)))}::jsonb[], ${rows.map((r) => r.collectedAt.toISOString())}::timestamptz[])
      on conflict (org_id, device_id, section) do update
         set hash = excluded.hash,
             data = coalesce(excluded.data, device_sections.data),
             error = excluded.error,
             collected_at = excluded.collected_at,
             changed_at = now()`.execute(trx);
  }

  private async writeSoftware(trx: Transaction<DB>, software: IngestWrites['software']): Promise<void> {
    if (software.length === 0) return;
    const last = new Map<string, IngestWrites['software'][number]>();
    for (const s of software) last.set(`${s.orgId}/${s.deviceId}`, s);
    const rows = [...last.values()].sort((a, b) => (a.orgId + a.deviceId < b.orgId + b.deviceId ? -1 : 1));
    await sql`
      insert into device_software (org_id, device_id, software_ids, install_days, hash)
      select v.org_id, v.device_id, v.ids::int[], v.days::int[], v.hash
        from unnest(${rows.map((r) => r.orgId)}::uuid[], ${rows.map((r) => r.deviceId)}::uuid[], ${rows.map((r) => intArrayLiteral(r.ids))}::text[],
                    ${rows.map((r) => intArrayLiteral(r.days))}::text[], ${rows.map((r) => r.hash)}::text[]) as v(org_id, device_id, ids, days, hash)
      on conflict (org_id, device_id) do update
         set software_ids = excluded.software_ids, install_days = excluded.install_days, hash = excluded.hash, updated_at = now()`.execute(trx);
  }

  private async writeCounts(trx: Transaction<DB>, deltas: IngestWrites['countDeltas']): Promise<void> {
    const orgIds: string[] = [];
    const softwareIds: number[] = [];
    const changes: number[] = [];
    for (const [orgId, byId] of deltas) {
      for (const [softwareId, change] of byId) {
        if (change === 0) continue;
        orgIds.push(orgId);
        softwareIds.push(softwareId);
        changes.push(change);
      }
    }
    if (changes.length === 0) return;
    // A batch of first reports touches most of the catalogue: ~10,000 rows. An UPDATE joined to
    // the deltas (one hash join) costs a third of INSERT … ON CONFLICT's per-row arbitration; only
    // ids the organisation never had go through the insert. The rows updated are HOT (0006).
    // The lock first (held to commit, the batch's last step): no deadlock on count rows with
    // another worker or a device deletion, whatever order this statement updates them in.
    await lockSoftwareCounts(trx);
    await sql`
      with delta as (
        select * from unnest(${orgIds}::uuid[], ${softwareIds}::int[], ${changes}::int[]) as d(org_id, software_id, change)),
      updated as (
        update software_counts c
           set devices = greatest(c.devices + delta.change, 0)
          from delta
         where c.org_id = delta.org_id and c.software_id = delta.software_id
        returning c.org_id, c.software_id)
      insert into software_counts (org_id, software_id, devices)
      select delta.org_id, delta.software_id, greatest(delta.change, 0)
        from delta
       where not exists (select 1 from updated u where u.org_id = delta.org_id and u.software_id = delta.software_id)
      order by 1, 2
      on conflict (org_id, software_id) do update set devices = greatest(software_counts.devices + excluded.devices, 0)`.execute(trx);
  }

  private async writeChanges(trx: Transaction<DB>, changes: IngestWrites['changes']): Promise<void> {
    if (changes.length === 0) return;
    await sql`
      insert into device_changes (org_id, device_id, at, kind, subject, old_value, new_value)
      select * from unnest(${changes.map((c) => c.orgId)}::uuid[], ${changes.map((c) => c.deviceId)}::uuid[], ${changes.map((c) => c.at.toISOString())}::timestamptz[],
                           ${changes.map((c) => c.kind)}::text[], ${changes.map((c) => c.subject.slice(0, 512))}::text[],
                           ${changes.map((c) => c.oldValue?.slice(0, 1024) ?? null)}::text[], ${changes.map((c) => c.newValue?.slice(0, 1024) ?? null)}::text[])`.execute(trx);
  }

  private async writeMetrics(trx: Transaction<DB>, metrics: MetricRow[]): Promise<void> {
    if (metrics.length === 0) return;
    await sql`
      insert into device_metrics (org_id, device_id, at, cpu_percent, memory_percent, disk_percent, load1, rx_bytes, tx_bytes, process_count)
      select * from unnest(${metrics.map((m) => m.orgId)}::uuid[], ${metrics.map((m) => m.deviceId)}::uuid[], ${metrics.map((m) => m.at.toISOString())}::timestamptz[],
                           ${metrics.map((m) => m.cpuPercent)}::real[], ${metrics.map((m) => m.memoryPercent)}::real[], ${metrics.map((m) => m.diskPercent)}::real[],
                           ${metrics.map((m) => m.load1)}::real[], ${metrics.map((m) => m.rxBytes)}::bigint[], ${metrics.map((m) => m.txBytes)}::bigint[],
                           ${metrics.map((m) => m.processCount)}::int[])
      on conflict do nothing`.execute(trx);
  }
}
