import { sql, type Kysely } from 'kysely';
import type { SoftwareItem } from '@muster/protocol';
import type { DB } from '../db/schema.js';

/** What makes one catalogue row: a package version from one source for one architecture. */
export interface CatalogEntry {
  source: string;
  name: string;
  version: string;
  arch: string;
}

/** The key of a catalogue row; takes a SoftwareItem as it is (no arch is the empty arch). */
export const catalogKey = (e: { source: string; name: string; version: string; arch?: string | null | undefined }): string =>
  `${e.source}\u0000${e.name}\u0000${e.version}\u0000${e.arch ?? ''}`;
export const entryOf = (item: Pick<SoftwareItem, 'source' | 'name' | 'version' | 'arch'>): CatalogEntry => ({
  source: item.source,
  name: item.name,
  version: item.version,
  arch: item.arch ?? '',
});

const MAX_CACHED = 500_000;

/**
 * The shared software catalogue with a per-process cache in both directions. A fleet has far
 * fewer distinct package versions than devices × packages, so after warm-up almost every lookup
 * is a memory hit and ingest writes no catalogue rows.
 */
export class SoftwareCatalog {
  private readonly ids = new Map<string, number>();
  private readonly entries = new Map<number, CatalogEntry>();

  constructor(private readonly db: Kysely<DB>) {}

  private remember(id: number, entry: CatalogEntry): void {
    if (this.ids.size >= MAX_CACHED) {
      this.ids.clear();
      this.entries.clear();
    }
    this.ids.set(catalogKey(entry), id);
    this.entries.set(id, entry);
  }

  /** Catalogue ids of the given items, in their order (the unknown ones are inserted first). */
  async resolve(items: Array<Pick<SoftwareItem, 'source' | 'name' | 'version' | 'arch' | 'publisher' | 'purl'>>): Promise<number[]> {
    const result = new Array<number>(items.length);
    // Cache misses by key, with the positions that wait for each.
    const missing = new Map<string, { item: (typeof items)[number]; at: number[] }>();
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const key = catalogKey(item);
      const id = this.ids.get(key);
      if (id !== undefined) result[i] = id;
      else {
        const slot = missing.get(key);
        if (slot) slot.at.push(i);
        else missing.set(key, { item, at: [i] });
      }
    }
    if (missing.size === 0) return result;
    const rows = [...missing.values()].map((m) => m.item);
    const cols = {
      source: rows.map((r) => r.source),
      name: rows.map((r) => r.name),
      version: rows.map((r) => r.version),
      arch: rows.map((r) => r.arch ?? ''),
      publisher: rows.map((r) => r.publisher ?? null),
      purl: rows.map((r) => r.purl ?? null),
    };
    // Insert what is new (a concurrent worker may insert the same rows: do nothing on conflict),
    // then read every id back, new or old, in one round trip each.
    await sql`
      insert into software (source, name, version, arch, publisher, purl)
      select * from unnest(${cols.source}::text[], ${cols.name}::text[], ${cols.version}::text[], ${cols.arch}::text[], ${cols.publisher}::text[], ${cols.purl}::text[])
      order by 1, 2, 3, 4
      on conflict (source, name, version, arch) do nothing`.execute(this.db);
    const found = await sql<{ id: number; source: string; name: string; version: string; arch: string }>`
      select s.id, s.source, s.name, s.version, s.arch
        from software s
        join unnest(${cols.source}::text[], ${cols.name}::text[], ${cols.version}::text[], ${cols.arch}::text[]) as k(source, name, version, arch)
          on s.source = k.source and s.name = k.name and s.version = k.version and s.arch = k.arch`.execute(this.db);
    for (const row of found.rows) {
      const entry = { source: row.source, name: row.name, version: row.version, arch: row.arch };
      this.remember(row.id, entry);
      for (const i of missing.get(catalogKey(entry))?.at ?? []) result[i] = row.id;
    }
    return result;
  }

  /** Catalogue entries for ids (from the cache, else the database). */
  async describe(ids: Iterable<number>): Promise<Map<number, CatalogEntry>> {
    const result = new Map<number, CatalogEntry>();
    const missing: number[] = [];
    for (const id of new Set(ids)) {
      const entry = this.entries.get(id);
      if (entry) result.set(id, entry);
      else missing.push(id);
    }
    if (missing.length) {
      const rows = await this.db.selectFrom('software').select(['id', 'source', 'name', 'version', 'arch']).where('id', 'in', missing).execute();
      for (const row of rows) {
        const entry = { source: row.source, name: row.name, version: row.version, arch: row.arch };
        this.remember(row.id, entry);
        result.set(row.id, entry);
      }
    }
    return result;
  }
}
