import { csvLine } from '../assets/csv.js';
import { cursorPart, decodeCursor, encodeCursor } from '../devices/cursor.js';
import { ApiError, notFound } from '../http/errors.js';
import type { CatalogRow, SoftwareStore, TitleKeyset, TitleRow, TitleSort, VersionRow } from './store.js';

/** A CSV export stops after this many rows. */
export const CSV_MAX_ROWS = 100_000;

/** A `software:` search resolves to at most this many catalogue ids; more means "be more specific". */
export const MAX_MATCHING_IDS = 10_000;
const MAX_VERSIONS = 1_000;

export interface TitlesQuery {
  q?: string | undefined;
  source?: string | undefined;
  sort?: TitleSort | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export class SoftwareService {
  constructor(private readonly store: SoftwareStore) {}

  /** Software titles (name + source) installed in the organisation, with their version and device counts. */
  async titles(orgId: string, query: TitlesQuery): Promise<{ items: TitleRow[]; nextCursor: string | null }> {
    const sort = query.sort ?? '-devices';
    const limit = query.limit ?? 50;
    const scope = `software:${sort}`;
    let after;
    if (query.cursor) {
      const [devices, name, source] = decodeCursor(scope, query.cursor);
      after = { devices: cursorPart.integer(devices), name: cursorPart.string(name), source: cursorPart.string(source) };
    }
    const q = query.q?.trim() || undefined;
    const rows = await this.store.titles(orgId, { search: q, source: query.source, sort, limit: limit + 1, after });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(scope, [last.devices, last.name, last.source]) : null;
    return { items, nextCursor };
  }

  /** Every title as CSV (at most CSV_MAX_ROWS), in keyset batches. */
  csv(orgId: string, query: Omit<TitlesQuery, 'limit' | 'cursor'>): AsyncIterable<string> {
    const sort = query.sort ?? '-devices';
    const search = query.q?.trim() || undefined;
    const store = this.store;
    async function* lines(): AsyncGenerator<string> {
      yield csvLine(['name', 'source', 'publisher', 'versions', 'devices']);
      let after: TitleKeyset | undefined;
      let sent = 0;
      while (sent < CSV_MAX_ROWS) {
        const rows = await store.titles(orgId, { search, source: query.source, sort, limit: Math.min(1000, CSV_MAX_ROWS - sent), after });
        if (rows.length === 0) return;
        yield rows.map((r) => csvLine([r.name, r.source, r.publisher, r.versions, r.devices])).join('');
        sent += rows.length;
        const last = rows[rows.length - 1]!;
        after = { devices: last.devices, name: last.name, source: last.source };
        if (rows.length < 1000) return;
      }
    }
    return lines();
  }

  async versions(orgId: string, name: string, source: string | undefined): Promise<VersionRow[]> {
    return this.store.versions(orgId, name, source, MAX_VERSIONS);
  }

  /** Catalogue ids of the organisation's packages whose name contains the text (for device search). */
  async matchingIds(orgId: string, name: string): Promise<number[]> {
    const ids = await this.store.idsByName(orgId, name, MAX_MATCHING_IDS + 1);
    if (ids.length > MAX_MATCHING_IDS) {
      throw new ApiError(400, 'query_too_broad', `"${name}" matches more than ${MAX_MATCHING_IDS} package versions; search for a longer part of the name`);
    }
    return ids;
  }

  async entry(orgId: string, softwareId: number): Promise<CatalogRow> {
    const entry = await this.store.entry(orgId, softwareId);
    if (!entry) throw notFound('software');
    return entry;
  }
}
