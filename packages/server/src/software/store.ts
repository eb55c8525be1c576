import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { escapeLike } from '../devices/query-store.js';

export type TitleSort = 'devices' | '-devices' | 'name';

export interface TitleRow {
  name: string;
  source: string;
  publisher: string | null;
  versions: number;
  devices: number;
}

/** Where a page of titles ended: the last title's device count, name and source. */
export interface TitleKeyset {
  devices: number;
  name: string;
  source: string;
}

export interface VersionRow {
  id: number;
  version: string;
  arch: string;
  publisher: string | null;
  devices: number;
}

export interface CatalogRow {
  id: number;
  name: string;
  version: string;
  source: string;
  arch: string;
  publisher: string | null;
  devices: number;
}

/**
 * Fleet-wide software, read from the per-organisation counts that ingest keeps (software_counts)
 * joined to the shared catalogue; never by scanning every device's array. The catalogue itself is
 * shared by all organisations, so every query starts from this organisation's counts: a package
 * only another organisation has is invisible here.
 */
export class SoftwareStore {
  constructor(private readonly db: Kysely<DB>) {}

  titlesQuery(orgId: string, options: { search?: string | undefined; source?: string | undefined; sort: TitleSort; limit: number; after?: TitleKeyset | undefined }) {
    const search = options.search === undefined ? sql`` : sql`and lower(s.name) like '%' || lower(${escapeLike(options.search)}) || '%'`;
    const source = options.source === undefined ? sql`` : sql`and s.source = ${options.source}`;
    // Titles are aggregates, so the keyset applies after grouping. The name part of the order is
    // (lower(name), name, source): case-insensitive for people, and unique per title.
    let after = sql``;
    if (options.after) {
      const a = options.after;
      const nameAfter = sql`(lower(t.name), t.name, t.source) > (lower(${a.name}::text), ${a.name}::text, ${a.source}::text)`;
      after =
        options.sort === 'name'
          ? sql`where ${nameAfter}`
          : options.sort === 'devices'
            ? sql`where (t.devices > ${a.devices}::bigint or (t.devices = ${a.devices}::bigint and ${nameAfter}))`
            : sql`where (t.devices < ${a.devices}::bigint or (t.devices = ${a.devices}::bigint and ${nameAfter}))`;
    }
    const order = options.sort === 'name' ? sql`lower(t.name), t.name, t.source` : options.sort === 'devices' ? sql`t.devices, lower(t.name), t.name, t.source` : sql`t.devices desc, lower(t.name), t.name, t.source`;
    return sql<TitleRow>`
      select t.name, t.source, t.publisher, t.versions, t.devices
        from (select s.name, s.source, max(s.publisher) as publisher, count(distinct s.version)::int as versions, sum(c.devices)::bigint as devices
                from software_counts c
                join software s on s.id = c.software_id
               where c.org_id = ${orgId} and c.devices > 0 ${search} ${source}
               group by s.name, s.source) t
       ${after}
       order by ${order}
       limit ${options.limit}`;
  }

  async titles(orgId: string, options: Parameters<SoftwareStore['titlesQuery']>[1]): Promise<TitleRow[]> {
    const { rows } = await this.titlesQuery(orgId, options).execute(this.db);
    return rows.map((r) => ({ ...r, devices: Number(r.devices) }));
  }

  async versions(orgId: string, name: string, source: string | undefined, limit: number): Promise<VersionRow[]> {
    let query = this.db
      .selectFrom('software_counts as c')
      .innerJoin('software as s', 's.id', 'c.software_id')
      .select(['s.id', 's.version', 's.arch', 's.publisher', 'c.devices'])
      .where('c.org_id', '=', orgId)
      .where('c.devices', '>', 0)
      .where('s.name', '=', name);
    if (source !== undefined) query = query.where('s.source', '=', source);
    const rows = await query.orderBy('c.devices', 'desc').orderBy('s.version').orderBy('s.id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, version: r.version, arch: r.arch, publisher: r.publisher, devices: r.devices }));
  }

  /** Catalogue ids whose name contains the text, installed on at least one device of the organisation. */
  idsByNameQuery(orgId: string, search: string, cap: number) {
    return sql<{ id: number }>`
      select c.software_id as id
        from software_counts c
        join software s on s.id = c.software_id
       where c.org_id = ${orgId} and c.devices > 0 and lower(s.name) like '%' || lower(${escapeLike(search)}) || '%'
       order by c.software_id
       limit ${cap}`;
  }

  async idsByName(orgId: string, search: string, cap: number): Promise<number[]> {
    const { rows } = await this.idsByNameQuery(orgId, search, cap).execute(this.db);
    return rows.map((r) => r.id);
  }

  /** A catalogue entry as this organisation sees it: unknown unless one of its devices ever had it. */
  async entry(orgId: string, softwareId: number): Promise<CatalogRow | undefined> {
    return this.db
      .selectFrom('software_counts as c')
      .innerJoin('software as s', 's.id', 'c.software_id')
      .select(['s.id', 's.name', 's.version', 's.source', 's.arch', 's.publisher', 'c.devices'])
      .where('c.org_id', '=', orgId)
      .where('c.software_id', '=', softwareId)
      .executeTakeFirst();
  }
}
