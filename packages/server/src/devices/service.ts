import type { DeviceStatus } from '../db/schema.js';
import type { CustomFieldsService } from '../assets/service.js';
import type { CustomFieldRow } from '../assets/store.js';
import { unknownField } from '../assets/service.js';
import { csvLine, type CsvValue } from '../assets/csv.js';
import { ApiError, badRequest, notFound } from '../http/errors.js';
import type { OrgSettingsStore } from '../orgs/settings.js';
import type { SoftwareService } from '../software/service.js';
import { cursorPart, decodeCursor, encodeCursor } from './cursor.js';
import type { DeviceAuth } from './device-auth.js';
import { matchImportRows, parseDeviceCsv, type ImportProblem } from './import.js';
import { checkManualDevice, checkTags, cleanText, type ManualDeviceInput } from './rules.js';
import type {
  ChangeRow,
  DeviceDetailRow,
  DeviceEdit,
  DeviceFilter,
  DeviceKind,
  DeviceListRow,
  DeviceQueryStore,
  DeviceSort,
  DeviceState,
  MetricPoint,
  SectionRow,
} from './query-store.js';

export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;
/** A CSV export stops after this many rows. */
export const CSV_MAX_ROWS = 100_000;
const CSV_BATCH = 1_000;
const HOUR_MS = 3_600_000;
const MAX_METRICS_RANGE_MS = 31 * 24 * HOUR_MS;

export interface DeviceListQuery {
  q?: string | undefined;
  status?: DeviceState | undefined;
  platform?: string | undefined;
  os?: string | undefined;
  tag?: string[] | undefined;
  kind?: DeviceKind | undefined;
  lastSeenBefore?: string | undefined;
  lastSeenAfter?: string | undefined;
  sort?: DeviceSort | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  /** `cf.<key>` query parameters, by key. */
  customFields?: Record<string, string> | undefined;
  /** Devices having this catalogue id (GET /software/{id}/devices). */
  softwareId?: number | undefined;
}

/** A device as the fleet list shows it: the list row with its OS grouped. */
export type DeviceItem = Omit<DeviceListRow, 'sortKey' | 'platform' | 'osName' | 'osVersion'> & {
  os: { platform: string | null; name: string | null; version: string | null };
};

export type DeviceDetail = DeviceItem &
  Omit<DeviceDetailRow, keyof DeviceItem | 'platform' | 'osName' | 'osVersion'> & {
    sections: Record<string, { hash: string; data: unknown; error: unknown; collectedAt: Date }>;
  };

export interface DevicePatch {
  displayName?: string | null | undefined;
  tags?: string[] | undefined;
  notes?: string | null | undefined;
  customFields?: Record<string, unknown> | undefined;
  status?: 'active' | 'retired' | undefined;
  hostname?: string | undefined;
  serialNumber?: string | null | undefined;
  model?: string | null | undefined;
  vendor?: string | null | undefined;
  platform?: string | null | undefined;
  osName?: string | null | undefined;
  osVersion?: string | null | undefined;
}

export type MetricsBucket = 'auto' | 'raw' | '5m' | '1h';
const BUCKETS: Record<Exclude<MetricsBucket, 'auto'>, { seconds: number | null; maxRangeMs: number }> = {
  raw: { seconds: null, maxRangeMs: 24 * HOUR_MS },
  '5m': { seconds: 300, maxRangeMs: 7 * 24 * HOUR_MS },
  '1h': { seconds: 3600, maxRangeMs: MAX_METRICS_RANGE_MS },
};

/** Fields only a device without an agent may have edited (an agent would overwrite them). */
const REPORTED_FIELDS = ['hostname', 'serialNumber', 'model', 'vendor', 'platform', 'osName', 'osVersion'] as const;

const installDate = (day: number): string | null => (day > 0 ? new Date(day * 86_400_000).toISOString().slice(0, 10) : null);

function toItem(row: Omit<DeviceListRow, 'sortKey'>): DeviceItem {
  return {
    id: row.id,
    hostname: row.hostname,
    displayName: row.displayName,
    kind: row.kind,
    status: row.status,
    online: row.online,
    lastSeenAt: row.lastSeenAt,
    os: { platform: row.platform, name: row.osName, version: row.osVersion },
    model: row.model,
    vendor: row.vendor,
    serialNumber: row.serialNumber,
    primaryIp: row.primaryIp,
    agentVersion: row.agentVersion,
    tags: row.tags,
    customFields: row.customFields,
  };
}

function parseDate(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badRequest(`${name} is not a valid date-time`);
  return date;
}

/**
 * The fleet as people see it: search, filters, detail, edits, devices without an agent. Decisions
 * live here (what a filter means, which status changes are allowed, what a cursor may hold); the
 * SQL is in DeviceQueryStore.
 */
export class DevicesService {
  constructor(
    private readonly store: DeviceQueryStore,
    private readonly settings: OrgSettingsStore,
    private readonly softwareCatalog: SoftwareService,
    private readonly customFields: CustomFieldsService,
    private readonly deviceAuth: Pick<DeviceAuth, 'changed'>,
  ) {}

  /** Devices seen since this moment are online (the organisation's offline_after_sec, default 300 s). */
  private async seenSince(orgId: string): Promise<Date> {
    const { offlineAfterSec } = await this.settings.get(orgId);
    return new Date(Date.now() - offlineAfterSec * 1000);
  }

  /**
   * Turns query parameters into a store filter; undefined when the answer is known to be empty
   * (a software search that matches no package) so no query needs to run.
   */
  private async filterOf(orgId: string, query: DeviceListQuery): Promise<DeviceFilter | undefined> {
    const filter: DeviceFilter = {};
    const q = query.q?.trim();
    if (q) {
      const software = /^software:(.*)$/is.exec(q);
      if (software) {
        const name = software[1]!.trim();
        if (!name) throw badRequest('q: "software:" needs a package name after it');
        filter.softwareAny = await this.softwareCatalog.matchingIds(orgId, name);
        if (filter.softwareAny.length === 0) return undefined;
      } else {
        filter.search = q;
      }
    }
    if (query.softwareId !== undefined) filter.softwareAll = [query.softwareId];
    if (query.status) filter.state = query.status;
    if (query.platform) filter.platform = query.platform;
    if (query.os) filter.os = query.os;
    if (query.tag?.length) filter.tags = query.tag;
    if (query.kind) filter.kind = query.kind;
    filter.lastSeenBefore = parseDate('lastSeenBefore', query.lastSeenBefore);
    filter.lastSeenAfter = parseDate('lastSeenAfter', query.lastSeenAfter);
    const cf = Object.entries(query.customFields ?? {});
    if (cf.length) {
      const definitions = await this.customFields.definitions(orgId);
      filter.customFields = {};
      for (const [key, text] of cf) {
        const def = definitions.get(key);
        if (!def) throw unknownField(key);
        filter.customFields[key] = this.customFields.parseText(def, text);
      }
    }
    return filter;
  }

  async list(orgId: string, query: DeviceListQuery): Promise<{ items: DeviceItem[]; nextCursor: string | null }> {
    const sort = query.sort ?? 'hostname';
    const limit = query.limit ?? DEFAULT_PAGE;
    const scope = `devices:${sort}`;
    let after;
    if (query.cursor) {
      const [key, id] = decodeCursor(scope, query.cursor);
      after = { key: sort.endsWith('lastSeenAt') ? cursorPart.timestamp(key) : cursorPart.string(key), id: cursorPart.uuid(id) };
    }
    const filter = await this.filterOf(orgId, query);
    if (!filter) return { items: [], nextCursor: null };
    const rows = await this.store.list(orgId, filter, { sort, limit: limit + 1, after, seenSince: await this.seenSince(orgId) });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toItem), nextCursor: rows.length > limit && last ? encodeCursor(scope, [last.sortKey, last.id]) : null };
  }

  /**
   * The list as CSV: every matching row (up to CSV_MAX_ROWS), fetched in keyset batches and
   * yielded as it comes, so memory stays flat however large the fleet. Filters are checked before
   * the first byte is sent, so a bad filter is still a 400.
   */
  async csv(orgId: string, query: DeviceListQuery): Promise<AsyncIterable<string>> {
    const sort = query.sort ?? 'hostname';
    const filter = await this.filterOf(orgId, query);
    const seenSince = await this.seenSince(orgId);
    const fields = [...(await this.customFields.definitions(orgId)).keys()];
    const store = this.store;
    async function* lines(): AsyncGenerator<string> {
      yield csvLine([
        'id', 'hostname', 'displayName', 'kind', 'status', 'online', 'lastSeenAt', 'platform', 'osName', 'osVersion',
        'model', 'vendor', 'serialNumber', 'primaryIp', 'agentVersion', 'tags', ...fields.map((k) => `cf.${k}`),
      ]);
      if (!filter) return;
      let after;
      let sent = 0;
      while (sent < CSV_MAX_ROWS) {
        const rows = await store.list(orgId, filter, { sort, limit: Math.min(CSV_BATCH, CSV_MAX_ROWS - sent), after, seenSince });
        if (rows.length === 0) return;
        let chunk = '';
        for (const r of rows) {
          const cells: CsvValue[] = [
            r.id, r.hostname, r.displayName, r.kind, r.status, r.online, r.lastSeenAt, r.platform, r.osName, r.osVersion,
            r.model, r.vendor, r.serialNumber, r.primaryIp, r.agentVersion, r.tags.join(';'), ...fields.map((k) => r.customFields[k]),
          ];
          chunk += csvLine(cells);
        }
        yield chunk;
        sent += rows.length;
        const last = rows[rows.length - 1]!;
        after = { key: last.sortKey, id: last.id };
        if (rows.length < CSV_BATCH) return;
      }
    }
    return lines();
  }

  async get(orgId: string, deviceId: string): Promise<DeviceDetail> {
    const row = await this.store.get(orgId, deviceId, await this.seenSince(orgId));
    if (!row) throw notFound('device');
    const sections: DeviceDetail['sections'] = {};
    for (const s of await this.store.sections(orgId, deviceId)) sections[s.section] = sectionOf(s);
    const { platform: _p, osName: _n, osVersion: _v, ...rest } = row;
    return { ...rest, ...toItem(row), sections };
  }

  private async mustExist(orgId: string, deviceId: string): Promise<{ kind: DeviceKind; status: DeviceStatus }> {
    const device = await this.store.exists(orgId, deviceId);
    if (!device) throw notFound('device');
    return device;
  }

  async software(orgId: string, deviceId: string, query: { q?: string | undefined; limit?: number | undefined; cursor?: string | undefined }) {
    await this.mustExist(orgId, deviceId);
    const limit = query.limit ?? DEFAULT_PAGE;
    const scope = 'device-software';
    let after;
    if (query.cursor) {
      const [name, softwareId, position] = decodeCursor(scope, query.cursor);
      after = { name: cursorPart.string(name), softwareId: cursorPart.integer(softwareId), position: cursorPart.integer(position) };
    }
    const rows = await this.store.software(orgId, deviceId, { search: query.q?.trim() || undefined, limit: limit + 1, after });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ softwareId: r.softwareId, name: r.name, version: r.version, publisher: r.publisher, source: r.source, arch: r.arch, installDate: installDate(r.installDay) })),
      nextCursor: rows.length > limit && last ? encodeCursor(scope, [last.sortKey, last.softwareId, last.position]) : null,
    };
  }

  async history(orgId: string, deviceId: string, query: { kind?: string | undefined; since?: string | undefined; limit?: number | undefined; cursor?: string | undefined }) {
    await this.mustExist(orgId, deviceId);
    const limit = query.limit ?? DEFAULT_PAGE;
    const scope = 'device-history';
    let after;
    if (query.cursor) {
      const [at, id] = decodeCursor(scope, query.cursor);
      after = { at: cursorPart.timestamp(at), id: cursorPart.integer(id) };
    }
    const rows: ChangeRow[] = await this.store.history(orgId, deviceId, { kind: query.kind, since: parseDate('since', query.since), limit: limit + 1, after });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ id: r.id, at: r.at, kind: r.kind, subject: r.subject, oldValue: r.oldValue, newValue: r.newValue })),
      nextCursor: rows.length > limit && last ? encodeCursor(scope, [last.atKey, last.id]) : null,
    };
  }

  /**
   * Metrics over a range (default the last 24 hours, at most 31 days). `auto` picks raw samples up
   * to 6 hours, 5-minute averages up to 2 days, hourly averages beyond: a chart gets a few hundred
   * points whatever the range.
   */
  async metrics(orgId: string, deviceId: string, query: { from?: string | undefined; to?: string | undefined; bucket?: MetricsBucket | undefined }): Promise<{ from: Date; to: Date; bucket: Exclude<MetricsBucket, 'auto'>; points: MetricPoint[] }> {
    await this.mustExist(orgId, deviceId);
    const to = parseDate('to', query.to) ?? new Date();
    const from = parseDate('from', query.from) ?? new Date(to.getTime() - 24 * HOUR_MS);
    const range = to.getTime() - from.getTime();
    if (range <= 0) throw badRequest('from must be before to');
    if (range > MAX_METRICS_RANGE_MS) throw new ApiError(400, 'range_too_large', 'the range from..to may span at most 31 days');
    const requested = query.bucket ?? 'auto';
    const bucket = requested !== 'auto' ? requested : range <= 6 * HOUR_MS ? 'raw' : range <= 48 * HOUR_MS ? '5m' : '1h';
    const { seconds, maxRangeMs } = BUCKETS[bucket];
    if (range > maxRangeMs) throw new ApiError(400, 'range_too_large', `bucket ${bucket} covers at most ${maxRangeMs / HOUR_MS} hours; use a coarser bucket`);
    return { from, to, bucket, points: await this.store.metrics(orgId, deviceId, from, to, seconds) };
  }

  async update(orgId: string, deviceId: string, patch: DevicePatch): Promise<DeviceDetail> {
    const current = await this.mustExist(orgId, deviceId);
    const edit: DeviceEdit = {};
    if (current.kind === 'agent') {
      const reported = REPORTED_FIELDS.filter((f) => patch[f] !== undefined);
      if (reported.length) throw new ApiError(400, 'reported_by_agent', `${reported.join(', ')} of this device come from its agent and cannot be edited`);
    }
    if (patch.hostname !== undefined) {
      const hostname = cleanText('hostname', patch.hostname);
      if (!hostname) throw badRequest('hostname must not be empty');
      edit.hostname = hostname;
    }
    if (patch.serialNumber !== undefined) edit.serialNumber = cleanText('serialNumber', patch.serialNumber);
    if (patch.model !== undefined) edit.model = cleanText('model', patch.model);
    if (patch.vendor !== undefined) edit.vendor = cleanText('vendor', patch.vendor);
    if (patch.platform !== undefined) edit.platform = cleanText('platform', patch.platform)?.toLowerCase() ?? null;
    if (patch.osName !== undefined) edit.osName = cleanText('osName', patch.osName);
    if (patch.osVersion !== undefined) edit.osVersion = cleanText('osVersion', patch.osVersion);
    if (patch.displayName !== undefined) edit.displayName = cleanText('displayName', patch.displayName);
    if (patch.notes !== undefined) edit.notes = patch.notes || null;
    if (patch.tags !== undefined) edit.tags = checkTags(patch.tags);
    if (patch.customFields !== undefined) edit.customFields = this.customFields.validate(await this.customFields.definitions(orgId), patch.customFields);
    if (patch.status !== undefined && patch.status !== current.status) {
      // pending → active approves an enrolled device; anything → retired stops its agent; retired →
      // active brings a device back. Nothing moves a device into pending: enrollment does.
      edit.status = patch.status;
    }
    if (!(await this.store.update(orgId, deviceId, edit))) throw notFound('device');
    // A device's credential cache entries hold its status: drop them in every process at once.
    if (edit.status !== undefined) await this.deviceAuth.changed(deviceId);
    return this.get(orgId, deviceId);
  }

  /** Forgets a device; returns what it was, for the audit log (the row itself is gone). */
  async delete(orgId: string, deviceId: string): Promise<{ hostname: string; kind: DeviceKind }> {
    const deleted = await this.store.delete(orgId, deviceId);
    if (!deleted) throw notFound('device');
    await this.deviceAuth.changed(deviceId);
    return deleted;
  }

  async createManual(orgId: string, input: ManualDeviceInput): Promise<DeviceDetail> {
    const definitions = await this.customFields.definitions(orgId);
    const device = checkManualDevice(input, (values) => this.customValues(definitions, values));
    const [id] = await this.store.insertManual(orgId, [device]);
    return this.get(orgId, id!);
  }

  private customValues(definitions: Map<string, CustomFieldRow>, values: Record<string, unknown>): Record<string, string | number> {
    return this.customFields.validate(definitions, values).set;
  }

  /**
   * Imports devices without an agent from CSV: every row is checked first, and either all rows
   * are applied or none (400 listing up to 100 problems). A row whose serial number (or, without
   * one, hostname) matches an existing device without an agent updates it, so importing the same
   * file twice creates nothing twice; other rows create devices.
   */
  async importCsv(orgId: string, text: string): Promise<{ imported: number; created: number; updated: number }> {
    const definitions = await this.customFields.definitions(orgId);
    const parsed = parseDeviceCsv(text, definitions, {
      parseCustom: (def, cell) => this.customFields.parseText(def, cell),
      customValues: (values) => this.customValues(definitions, values),
    });
    if (parsed.problems.length) throw importFailed(parsed.problems, parsed.problemCount);
    const serials = parsed.rows.flatMap((r) => (r.device.serialNumber ? [r.device.serialNumber.toLowerCase()] : []));
    const hostnames = parsed.rows.filter((r) => !r.device.serialNumber).map((r) => r.device.hostname.toLowerCase());
    const matched = matchImportRows(parsed.rows, await this.store.importCandidates(orgId, serials, hostnames));
    if (matched.problems.length) throw importFailed(matched.problems, matched.problemCount);
    await this.store.applyImport(
      orgId,
      matched.creates.map((r) => r.device),
      matched.updates,
      parsed.columns,
    );
    return { imported: parsed.rows.length, created: matched.creates.length, updated: matched.updates.length };
  }
}

function importFailed(problems: ImportProblem[], count: number): ApiError {
  return new ApiError(400, 'invalid_rows', `${count} problem(s) in the file; nothing was imported`, problems);
}

function sectionOf(s: SectionRow): DeviceDetail['sections'][string] {
  return { hash: s.hash, data: s.data, error: s.error, collectedAt: s.collectedAt };
}
