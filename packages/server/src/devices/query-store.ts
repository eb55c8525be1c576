import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB, DeviceStatus } from '../db/schema.js';
import type { ImportCandidate, ImportColumn, ImportColumns } from './import.js';
import { currentOrg } from '../db/tenant-scope.js';
import { lockSoftwareCounts } from '../inventory/store.js';

/**
 * The SQL of the device API (fleet list, detail, software, history, metrics, edits): everything a
 * person reads or changes about devices. The agent path's SQL stays in store.ts and inventory/.
 * Every method takes the organisation id and filters by it.
 */

export type DeviceSort = 'hostname' | '-hostname' | 'lastSeenAt' | '-lastSeenAt' | 'os' | '-os';
export type DeviceState = 'online' | 'offline' | 'pending' | 'retired';
export type DeviceKind = 'agent' | 'manual';

export interface DeviceFilter {
  /** Substring of the device's search_text (hostname, serial, model, addresses, users, tags …). */
  search?: string;
  /** Has at least one of these software catalogue ids. */
  softwareAny?: number[];
  /** Has every one of these software catalogue ids. */
  softwareAll?: number[];
  state?: DeviceState;
  platform?: string;
  /** An OS name ("Windows 11 Pro") or name and version ("Debian GNU/Linux 12"), case-insensitive. */
  os?: string;
  /** Has every one of these tags. */
  tags?: string[];
  kind?: DeviceKind;
  lastSeenBefore?: Date;
  lastSeenAfter?: Date;
  /** Custom field values that must all match (typed: numbers as numbers). */
  customFields?: Record<string, string | number>;
}

/** Where the previous page ended: the last row's sort key (as text) and id. */
export interface Keyset {
  key: string;
  id: string;
}

export interface DeviceListRow {
  id: string;
  hostname: string;
  displayName: string | null;
  kind: DeviceKind;
  status: DeviceStatus;
  online: boolean;
  lastSeenAt: Date | null;
  platform: string | null;
  osName: string | null;
  osVersion: string | null;
  model: string | null;
  vendor: string | null;
  serialNumber: string | null;
  primaryIp: string | null;
  agentVersion: string | null;
  tags: string[];
  customFields: Record<string, string | number>;
  /** The row's sort key as text, for the next page's cursor. */
  sortKey: string;
}

export interface DeviceDetailRow extends Omit<DeviceListRow, 'sortKey'> {
  osBuild: string | null;
  kernelVersion: string | null;
  arch: string | null;
  hardwareUuid: string | null;
  machineId: string | null;
  cpuModel: string | null;
  memoryBytes: number | null;
  ipAddresses: string[];
  macAddresses: string[];
  loggedInUsers: string[];
  notes: string | null;
  enrolledAt: Date | null;
  lastReportAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  softwareCount: number;
}

export interface SectionRow {
  section: string;
  hash: string;
  data: unknown;
  error: unknown;
  collectedAt: Date;
}

export interface DeviceSoftwareRow {
  softwareId: number;
  name: string;
  version: string;
  publisher: string | null;
  source: string;
  arch: string;
  installDay: number;
  /** Keyset of the row: lower(name), catalogue id, position in the device's array. */
  sortKey: string;
  position: number;
}

export interface ChangeRow {
  id: number;
  at: Date;
  kind: string;
  subject: string;
  oldValue: string | null;
  newValue: string | null;
  /** `at` as text with microseconds, for the next page's cursor. */
  atKey: string;
}

export interface MetricPoint {
  at: Date;
  cpuPercent: number | null;
  memoryPercent: number | null;
  diskPercent: number | null;
  load1: number | null;
  rxBytes: number | null;
  txBytes: number | null;
  processCount: number | null;
}

/** Fields a person sets on a device. Undefined leaves a field as it is; null clears it. */
export interface DeviceEdit {
  displayName?: string | null;
  tags?: string[];
  notes?: string | null;
  status?: DeviceStatus;
  customFields?: { set: Record<string, string | number>; remove: string[] };
  /** Only for devices without an agent, whose agent would otherwise overwrite them. */
  hostname?: string;
  serialNumber?: string | null;
  model?: string | null;
  vendor?: string | null;
  platform?: string | null;
  osName?: string | null;
  osVersion?: string | null;
}

export interface ManualDevice {
  hostname: string;
  displayName: string | null;
  serialNumber: string | null;
  model: string | null;
  vendor: string | null;
  platform: string | null;
  osName: string | null;
  osVersion: string | null;
  tags: string[];
  notes: string | null;
  customFields: Record<string, string | number>;
}

/** The sort keys, each an expression with a btree index (org_id, expression, id); see 0003_assets.sql. */
const SORT_KEYS: Record<'hostname' | 'lastSeenAt' | 'os', { expr: RawBuilder<unknown>; type: 'text' | 'timestamptz' }> = {
  hostname: { expr: sql`lower(d.hostname)`, type: 'text' },
  lastSeenAt: { expr: sql`coalesce(d.last_seen_at, '-infinity'::timestamptz)`, type: 'timestamptz' },
  os: { expr: sql`lower(coalesce(d.os_name, '') || ' ' || coalesce(d.os_version, ''))`, type: 'text' },
};

export function sortKeyOf(sort: DeviceSort): { expr: RawBuilder<unknown>; type: 'text' | 'timestamptz'; descending: boolean } {
  const descending = sort.startsWith('-');
  const key = SORT_KEYS[(descending ? sort.slice(1) : sort) as keyof typeof SORT_KEYS];
  return { ...key, descending };
}

/** `\`, `%` and `_` are LIKE wildcards (backslash is LIKE's default escape). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const LIST_COLUMNS = [
  'd.id',
  'd.hostname',
  'd.display_name',
  'd.kind',
  'd.status',
  'd.last_seen_at',
  'd.platform',
  'd.os_name',
  'd.os_version',
  'd.model',
  'd.vendor',
  'd.serial_number',
  'd.primary_ip',
  'd.agent_version',
  'd.tags',
  'd.custom_fields',
] as const;

const DETAIL_COLUMNS = [
  ...LIST_COLUMNS,
  'd.os_build',
  'd.kernel_version',
  'd.arch',
  'd.hardware_uuid',
  'd.machine_id',
  'd.cpu_model',
  'd.memory_bytes',
  'd.ip_addresses',
  'd.mac_addresses',
  'd.logged_in_users',
  'd.notes',
  'd.enrolled_at',
  'd.last_report_at',
  'd.created_at',
  'd.updated_at',
] as const;

interface ListColumns {
  id: string;
  hostname: string;
  display_name: string | null;
  kind: DeviceKind;
  status: DeviceStatus;
  last_seen_at: Date | null;
  platform: string | null;
  os_name: string | null;
  os_version: string | null;
  model: string | null;
  vendor: string | null;
  serial_number: string | null;
  primary_ip: string | null;
  agent_version: string | null;
  tags: string[];
  custom_fields: unknown;
  online: boolean;
}

function toListRow(r: ListColumns): Omit<DeviceListRow, 'sortKey'> {
  return {
    id: r.id,
    hostname: r.hostname,
    displayName: r.display_name,
    kind: r.kind,
    status: r.status,
    online: r.online,
    lastSeenAt: r.last_seen_at,
    platform: r.platform,
    osName: r.os_name,
    osVersion: r.os_version,
    model: r.model,
    vendor: r.vendor,
    serialNumber: r.serial_number,
    primaryIp: r.primary_ip,
    agentVersion: r.agent_version,
    tags: r.tags,
    customFields: (r.custom_fields ?? {}) as Record<string, string | number>,
  };
}

/** Seen recently enough to count as online (and not retired); `seenSince` comes from the org's offline_after_sec. */
const onlineExpr = (seenSince: Date) => sql<boolean>`(d.status <> 'retired' and ${SORT_KEYS.lastSeenAt.expr} >= ${seenSince})`;

export class DeviceQueryStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** The where-conditions of a filter, shared by the list and the CSV export. */
  private conditions(orgId: string, filter: DeviceFilter, seenSince: Date): Array<Expression<SqlBool>> {
    const where: Array<Expression<SqlBool>> = [sql<SqlBool>`d.org_id = ${orgId}`];
    // Under row-level security LIKE, && and @> cannot use their GIN indexes (they are not
    // leakproof), so the organisation's matching ids come from security-definer functions that can
    // (migration 0006); the conditions themselves stay, checked under the policy. As the owner (no
    // organisation set: the functions would find nothing) the plain conditions use the indexes.
    const scoped = currentOrg() !== undefined;
    if (filter.search !== undefined) {
      const pattern = sql<string>`'%' || lower(${escapeLike(filter.search)}) || '%'`;
      where.push(sql<SqlBool>`d.search_text like ${pattern}`);
      if (scoped) where.push(sql<SqlBool>`d.id in (select muster_device_search(${pattern}))`);
    }
    // Software: one GIN probe of device_software per device list, through the array of ids.
    if (filter.softwareAny) {
      where.push(
        scoped
          ? sql<SqlBool>`d.id in (select muster_devices_with_any_software(${filter.softwareAny}::int[]))`
          : sql<SqlBool>`d.id in (select ds.device_id from device_software ds where ds.org_id = ${orgId} and ds.software_ids && ${filter.softwareAny}::int[])`,
      );
    }
    if (filter.softwareAll) {
      where.push(
        scoped
          ? sql<SqlBool>`d.id in (select muster_devices_with_all_software(${filter.softwareAll}::int[]))`
          : sql<SqlBool>`d.id in (select ds.device_id from device_software ds where ds.org_id = ${orgId} and ds.software_ids @> ${filter.softwareAll}::int[])`,
      );
    }
    switch (filter.state) {
      case 'online':
        where.push(onlineExpr(seenSince));
        break;
      case 'offline':
        // Only devices that are expected to report: enrolled agents, approved, not retired.
        where.push(sql<SqlBool>`d.kind = 'agent' and d.status = 'active' and ${SORT_KEYS.lastSeenAt.expr} < ${seenSince}`);
        break;
      case 'pending':
      case 'retired':
        where.push(sql<SqlBool>`d.status = ${filter.state}`);
        break;
      case undefined:
        break;
    }
    if (filter.platform !== undefined) where.push(sql<SqlBool>`d.platform = ${filter.platform}`);
    if (filter.os !== undefined) {
      where.push(sql<SqlBool>`(lower(d.os_name) = lower(${filter.os}) or lower(d.os_name || ' ' || coalesce(d.os_version, '')) = lower(${filter.os}))`);
    }
    if (filter.tags?.length) {
      where.push(sql<SqlBool>`d.tags @> ${filter.tags}::text[]`);
      if (scoped) where.push(sql<SqlBool>`d.id in (select muster_devices_with_tags(${filter.tags}::text[]))`);
    }
    if (filter.kind !== undefined) where.push(sql<SqlBool>`d.kind = ${filter.kind}`);
    if (filter.lastSeenBefore) where.push(sql<SqlBool>`d.last_seen_at < ${filter.lastSeenBefore}`);
    if (filter.lastSeenAfter) where.push(sql<SqlBool>`d.last_seen_at >= ${filter.lastSeenAfter}`);
    if (filter.customFields && Object.keys(filter.customFields).length) {
      where.push(sql<SqlBool>`d.custom_fields @> ${JSON.stringify(filter.customFields)}::jsonb`);
    }
    return where;
  }

  /** The list query itself, exposed so that its SQL can be checked into queries.md. */
  listQuery(orgId: string, filter: DeviceFilter, options: { sort: DeviceSort; limit: number; after?: Keyset | undefined; seenSince: Date }) {
    const { expr, type, descending } = sortKeyOf(options.sort);
    const where = this.conditions(orgId, filter, options.seenSince);
    if (options.after) {
      // Keyset pagination: a row comparison on (sort key, id), walking the same index as the order.
      const key = type === 'timestamptz' ? sql`${options.after.key}::timestamptz` : sql`${options.after.key}::text`;
      where.push(descending ? sql<SqlBool>`(${expr}, d.id) < (${key}, ${options.after.id}::uuid)` : sql<SqlBool>`(${expr}, d.id) > (${key}, ${options.after.id}::uuid)`);
    }
    const direction = descending ? sql`desc` : sql`asc`;
    return this.db
      .selectFrom('devices as d')
      .select(LIST_COLUMNS)
      .select([onlineExpr(options.seenSince).as('online'), sql<string>`${expr}::text`.as('sort_key')])
      .where((eb) => eb.and(where))
      .orderBy(sql`${expr} ${direction}, d.id ${direction}`)
      .limit(options.limit);
  }

  async list(orgId: string, filter: DeviceFilter, options: { sort: DeviceSort; limit: number; after?: Keyset | undefined; seenSince: Date }): Promise<DeviceListRow[]> {
    const rows = await this.listQuery(orgId, filter, options).execute();
    return rows.map((r) => ({ ...toListRow(r), sortKey: r.sort_key }));
  }

  async get(orgId: string, deviceId: string, seenSince: Date): Promise<DeviceDetailRow | undefined> {
    const r = await this.db
      .selectFrom('devices as d')
      .select(DETAIL_COLUMNS)
      .select([
        onlineExpr(seenSince).as('online'),
        sql<number>`coalesce((select cardinality(ds.software_ids) from device_software ds where ds.org_id = d.org_id and ds.device_id = d.id), 0)`.as('software_count'),
      ])
      .where('d.org_id', '=', orgId)
      .where('d.id', '=', deviceId)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      ...toListRow(r),
      osBuild: r.os_build,
      kernelVersion: r.kernel_version,
      arch: r.arch,
      hardwareUuid: r.hardware_uuid,
      machineId: r.machine_id,
      cpuModel: r.cpu_model,
      memoryBytes: r.memory_bytes === null ? null : Number(r.memory_bytes),
      ipAddresses: r.ip_addresses,
      macAddresses: r.mac_addresses,
      loggedInUsers: r.logged_in_users,
      notes: r.notes,
      enrolledAt: (r.enrolled_at as Date | null) ?? null,
      lastReportAt: (r.last_report_at as Date | null) ?? null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      softwareCount: Number(r.software_count),
    };
  }

  async exists(orgId: string, deviceId: string): Promise<{ kind: DeviceKind; status: DeviceStatus } | undefined> {
    return this.db.selectFrom('devices').select(['kind', 'status']).where('org_id', '=', orgId).where('id', '=', deviceId).executeTakeFirst();
  }

  async sections(orgId: string, deviceId: string): Promise<SectionRow[]> {
    const rows = await this.db
      .selectFrom('device_sections')
      .select(['section', 'hash', 'data', 'error', 'collected_at'])
      .where('org_id', '=', orgId)
      .where('device_id', '=', deviceId)
      .orderBy('section')
      .execute();
    return rows.map((r) => ({ section: r.section, hash: r.hash, data: r.data, error: r.error, collectedAt: r.collected_at as Date }));
  }

  /**
   * One device's packages, joined to the catalogue, sorted by name. The array is unnested with its
   * positions so that a package installed twice (per-user installs) still has a unique keyset.
   */
  async software(orgId: string, deviceId: string, options: { search?: string | undefined; limit: number; after?: { name: string; softwareId: number; position: number } | undefined }): Promise<DeviceSoftwareRow[]> {
    const search = options.search === undefined ? sql`` : sql`and lower(s.name) like '%' || lower(${escapeLike(options.search)}) || '%'`;
    const after = options.after
      ? sql`and (lower(s.name), s.id, u.position) > (${options.after.name}::text, ${options.after.softwareId}::int, ${options.after.position}::bigint)`
      : sql``;
    const { rows } = await sql<{ id: number; name: string; version: string; publisher: string | null; source: string; arch: string; day: number; sort_key: string; position: number }>`
      select s.id, s.name, s.version, s.publisher, s.source, s.arch, u.day, lower(s.name) as sort_key, u.position
        from device_software ds
        cross join lateral unnest(ds.software_ids, ds.install_days) with ordinality as u(id, day, position)
        join software s on s.id = u.id
       where ds.org_id = ${orgId} and ds.device_id = ${deviceId} ${search} ${after}
       order by lower(s.name), s.id, u.position
       limit ${options.limit}`.execute(this.db);
    return rows.map((r) => ({
      softwareId: r.id,
      name: r.name,
      version: r.version,
      publisher: r.publisher,
      source: r.source,
      arch: r.arch,
      installDay: r.day,
      sortKey: r.sort_key,
      position: Number(r.position),
    }));
  }

  /** A device's history, newest first, on the index (org_id, device_id, at desc, id desc). */
  async history(orgId: string, deviceId: string, options: { kind?: string | undefined; since?: Date | undefined; limit: number; after?: { at: string; id: number } | undefined }): Promise<ChangeRow[]> {
    let query = this.db
      .selectFrom('device_changes')
      .select(['id', 'at', 'kind', 'subject', 'old_value', 'new_value', sql<string>`at::text`.as('at_key')])
      .where('org_id', '=', orgId)
      .where('device_id', '=', deviceId);
    if (options.kind !== undefined) {
      // "software" means every software.* kind; "software.installed" means exactly that one.
      const kind = options.kind;
      query = kind.includes('.') ? query.where('kind', '=', kind) : query.where('kind', 'like', `${escapeLike(kind)}.%`);
    }
    if (options.since) query = query.where('at', '>=', options.since);
    if (options.after) query = query.where(sql<SqlBool>`(at, id) < (${options.after.at}::timestamptz, ${options.after.id}::bigint)`);
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map((r) => ({ id: Number(r.id), at: r.at as Date, kind: r.kind, subject: r.subject, oldValue: r.old_value, newValue: r.new_value, atKey: r.at_key }));
  }

  /**
   * Metrics between from (inclusive) and to (exclusive): the raw samples, or averages per bucket
   * (date_bin). Byte counters are cumulative on the device, so a bucket keeps their highest value.
   */
  async metrics(orgId: string, deviceId: string, from: Date, to: Date, bucketSeconds: number | null): Promise<MetricPoint[]> {
    const range = sql`m.org_id = ${orgId} and m.device_id = ${deviceId} and m.at >= ${from} and m.at < ${to}`;
    const query =
      bucketSeconds === null
        ? sql<MetricColumns>`
            select m.at, m.cpu_percent, m.memory_percent, m.disk_percent, m.load1, m.rx_bytes, m.tx_bytes, m.process_count
              from device_metrics m where ${range} order by m.at`
        : sql<MetricColumns>`
            select date_bin(make_interval(secs => ${bucketSeconds}), m.at, timestamptz '2000-01-01 00:00:00+00') as at,
                   avg(m.cpu_percent)::real as cpu_percent, avg(m.memory_percent)::real as memory_percent,
                   avg(m.disk_percent)::real as disk_percent, avg(m.load1)::real as load1,
                   max(m.rx_bytes) as rx_bytes, max(m.tx_bytes) as tx_bytes, round(avg(m.process_count))::int as process_count
              from device_metrics m where ${range}
             group by 1 order by 1`;
    const { rows } = await query.execute(this.db);
    return rows.map((r) => ({
      at: r.at,
      cpuPercent: r.cpu_percent,
      memoryPercent: r.memory_percent,
      diskPercent: r.disk_percent,
      load1: r.load1,
      rxBytes: r.rx_bytes === null ? null : Number(r.rx_bytes),
      txBytes: r.tx_bytes === null ? null : Number(r.tx_bytes),
      processCount: r.process_count,
    }));
  }

  /** Applies an edit; false when the device is not in this organisation. */
  async update(orgId: string, deviceId: string, edit: DeviceEdit): Promise<boolean> {
    const set: Record<string, unknown> = {};
    if (edit.displayName !== undefined) set.display_name = edit.displayName;
    if (edit.tags !== undefined) set.tags = edit.tags;
    if (edit.notes !== undefined) set.notes = edit.notes;
    if (edit.status !== undefined) set.status = edit.status;
    if (edit.hostname !== undefined) set.hostname = edit.hostname;
    if (edit.serialNumber !== undefined) set.serial_number = edit.serialNumber;
    if (edit.model !== undefined) set.model = edit.model;
    if (edit.vendor !== undefined) set.vendor = edit.vendor;
    if (edit.platform !== undefined) set.platform = edit.platform;
    if (edit.osName !== undefined) set.os_name = edit.osName;
    if (edit.osVersion !== undefined) set.os_version = edit.osVersion;
    if (edit.customFields) {
      // Merged in SQL, so two people editing different fields at once do not undo each other.
      set.custom_fields = sql`(custom_fields || ${JSON.stringify(edit.customFields.set)}::jsonb) - ${edit.customFields.remove}::text[]`;
    }
    const result = await this.db
      .updateTable('devices')
      .set({ ...set, updated_at: new Date() })
      .where('org_id', '=', orgId)
      .where('id', '=', deviceId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Forgets a device: its sections, software, history and metrics go with it (foreign keys cascade;
   * metrics are not keyed to the device and age out with their partitions). The per-organisation
   * software counts that ingest maintains are decremented in the same transaction. Returns what
   * the audit log should remember of the device, or undefined when there was none.
   */
  async delete(orgId: string, deviceId: string): Promise<{ hostname: string; kind: DeviceKind } | undefined> {
    return this.db.transaction().execute(async (trx) => {
      // Lock order as in ingest (device row, then the counts lock), so the two cannot deadlock.
      const device = await trx.selectFrom('devices').select(['hostname', 'kind']).where('org_id', '=', orgId).where('id', '=', deviceId).forUpdate().executeTakeFirst();
      if (!device) return undefined;
      await lockSoftwareCounts(trx);
      await sql`
        with ids as (
          select distinct unnest(software_ids) as id from device_software where org_id = ${orgId} and device_id = ${deviceId}
        )
        update software_counts c set devices = greatest(c.devices - 1, 0)
          from ids where c.org_id = ${orgId} and c.software_id = ids.id`.execute(trx);
      await trx.deleteFrom('devices').where('org_id', '=', orgId).where('id', '=', deviceId).execute();
      return device;
    });
  }

  /** Inserts devices without an agent, all or none, in multi-row statements. */
  async insertManual(orgId: string, devices: ManualDevice[]): Promise<string[]> {
    if (devices.length === 0) return [];
    return this.db.transaction().execute((trx) => insertManualRows(trx, orgId, devices));
  }

  /** Devices without an agent that an import may update: those with one of these serial numbers or hostnames (lower-cased). */
  async importCandidates(orgId: string, serials: string[], hostnames: string[]): Promise<ImportCandidate[]> {
    const { rows } = await sql<ImportCandidate>`
      select id, hostname, serial_number as "serialNumber" from devices
       where org_id = ${orgId} and kind = 'manual'
         and (lower(serial_number) = any(${serials}::text[]) or lower(hostname) = any(${hostnames}::text[]))`.execute(this.db);
    return rows;
  }

  /**
   * Creates and updates the devices of one import, all or nothing. An update writes only the
   * columns the file has; a custom-field column with an empty cell clears that field.
   */
  async applyImport(orgId: string, creates: ManualDevice[], updates: Array<{ id: string; device: ManualDevice }>, columns: ImportColumns): Promise<void> {
    const assignments = columns.standard.map((c) => sql`${sql.ref(IMPORT_COLUMN_SQL[c])} = v.${sql.ref(IMPORT_COLUMN_SQL[c])}`);
    if (columns.customFields.length) assignments.push(sql`custom_fields = (d.custom_fields - v.cf_clear) || v.custom_fields`);
    await this.db.transaction().execute(async (trx) => {
      await insertManualRows(trx, orgId, creates);
      for (let i = 0; i < updates.length; i += 1000) {
        const values = updates.slice(i, i + 1000).map(({ id, device: d }) => ({
          id,
          ...manualDeviceColumns(d),
          custom_fields: d.customFields,
          cf_clear: columns.customFields.filter((key) => !(key in d.customFields)),
        }));
        await sql`
          update devices d set ${sql.join(assignments)}, updated_at = now()
            from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(
              id uuid, hostname text, display_name text, serial_number text, model text, vendor text, platform text,
              os_name text, os_version text, tags text[], notes text, custom_fields jsonb, cf_clear text[])
           where d.org_id = ${orgId} and d.id = v.id and d.kind = 'manual'`.execute(trx);
      }
    });
  }
}

/** The devices column behind each import column. */
const IMPORT_COLUMN_SQL: Record<ImportColumn, string> = {
  hostname: 'hostname',
  displayName: 'display_name',
  serialNumber: 'serial_number',
  model: 'model',
  vendor: 'vendor',
  platform: 'platform',
  osName: 'os_name',
  osVersion: 'os_version',
  tags: 'tags',
  notes: 'notes',
};

/** A device without an agent as devices columns (custom fields aside). */
function manualDeviceColumns(d: ManualDevice) {
  return {
    hostname: d.hostname,
    display_name: d.displayName,
    serial_number: d.serialNumber,
    model: d.model,
    vendor: d.vendor,
    platform: d.platform,
    os_name: d.osName,
    os_version: d.osVersion,
    tags: d.tags,
    notes: d.notes,
  };
}

async function insertManualRows(db: Kysely<DB>, orgId: string, devices: ManualDevice[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < devices.length; i += 1000) {
    const rows = await db
      .insertInto('devices')
      .values(
        devices.slice(i, i + 1000).map((d) => ({
          org_id: orgId,
          kind: 'manual' as const,
          status: 'active' as const,
          ...manualDeviceColumns(d),
          custom_fields: JSON.stringify(d.customFields),
        })),
      )
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

interface MetricColumns {
  at: Date;
  cpu_percent: number | null;
  memory_percent: number | null;
  disk_percent: number | null;
  load1: number | null;
  rx_bytes: number | string | null;
  tx_bytes: number | string | null;
  process_count: number | null;
}
