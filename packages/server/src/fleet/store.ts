import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface FleetCounts {
  total: number;
  online: number;
  offline: number;
  pending: number;
  retired: number;
  manual: number;
}

export type Dimension = 'platform' | 'os' | 'model' | 'agentVersion';

export interface Bucket {
  key: string | null;
  count: number;
}

/** Aggregates over an organisation's devices: one pass over its rows per question. */
export class FleetStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** Status counts. Online and offline mean what they mean in the device list (see DeviceQueryStore). */
  countsQuery(orgId: string, seenSince: Date) {
    return sql<FleetCounts>`
      select count(*) filter (where status <> 'retired')::int as total,
             count(*) filter (where status <> 'retired' and coalesce(last_seen_at, '-infinity'::timestamptz) >= ${seenSince})::int as online,
             count(*) filter (where kind = 'agent' and status = 'active' and coalesce(last_seen_at, '-infinity'::timestamptz) < ${seenSince})::int as offline,
             count(*) filter (where status = 'pending')::int as pending,
             count(*) filter (where status = 'retired')::int as retired,
             count(*) filter (where kind = 'manual' and status <> 'retired')::int as manual
        from devices
       where org_id = ${orgId}`;
  }

  async counts(orgId: string, seenSince: Date): Promise<FleetCounts> {
    const { rows } = await this.countsQuery(orgId, seenSince).execute(this.db);
    return rows[0]!;
  }

  /**
   * Devices (not retired) per platform, OS, model and agent version in one scan (grouping sets),
   * at most `top` keys per dimension, largest first.
   */
  breakdownQuery(orgId: string, top: number) {
    return sql<{ dimension: Dimension; key: string | null; count: number }>`
      with groups as (
        select case when grouping(platform) = 0 then 'platform'
                    when grouping(os) = 0 then 'os'
                    when grouping(model) = 0 then 'model'
                    else 'agentVersion' end as dimension,
               coalesce(platform, os, model, agent_version) as key,
               count(*)::int as count
          from (select platform, nullif(trim(coalesce(os_name, '') || ' ' || coalesce(os_version, '')), '') as os, model, agent_version
                  from devices
                 where org_id = ${orgId} and status <> 'retired') d
         group by grouping sets ((platform), (os), (model), (agent_version))
      )
      select dimension, key, count
        from (select g.*, row_number() over (partition by dimension order by count desc, key) as rank from groups g) ranked
       where rank <= ${top}
       order by dimension, count desc, key`;
  }

  async breakdown(orgId: string, top: number): Promise<Record<Dimension, Bucket[]>> {
    const { rows } = await this.breakdownQuery(orgId, top).execute(this.db);
    const result: Record<Dimension, Bucket[]> = { platform: [], os: [], model: [], agentVersion: [] };
    for (const r of rows) result[r.dimension].push({ key: r.key, count: r.count });
    return result;
  }

  /** Devices created per UTC day since the given day (days without any are absent). */
  async createdPerDay(orgId: string, since: Date): Promise<Array<{ day: string; count: number }>> {
    const { rows } = await sql<{ day: string; count: number }>`
      select (created_at at time zone 'UTC')::date::text as day, count(*)::int as count
        from devices
       where org_id = ${orgId} and created_at >= ${since}
       group by 1
       order by 1`.execute(this.db);
    return rows;
  }
}
