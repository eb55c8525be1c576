import type { Kysely } from 'kysely';
import type { AgentConfig } from '@muster/protocol';
import type { DB } from '../db/schema.js';

export interface OrgSettings {
  checkinIntervalSec: number;
  inventoryIntervalSec: number;
  metricsIntervalSec: number;
  offlineAfterSec: number;
  metricsRetentionDays: number;
}

export const DEFAULT_ORG_SETTINGS: OrgSettings = {
  checkinIntervalSec: 60,
  inventoryIntervalSec: 900,
  metricsIntervalSec: 60,
  offlineAfterSec: 300,
  metricsRetentionDays: 30,
};

const CACHE_MS = 10_000;

/** Per-organisation agent settings, read on every check-in: cached for a few seconds per process. */
export class OrgSettingsStore {
  private readonly cache = new Map<string, { value: OrgSettings; until: number }>();

  constructor(private readonly db: Kysely<DB>) {}

  async get(orgId: string): Promise<OrgSettings> {
    const hit = this.cache.get(orgId);
    if (hit && hit.until > Date.now()) return hit.value;
    const row = await this.db
      .selectFrom('org_settings')
      .select(['checkin_interval_sec', 'inventory_interval_sec', 'metrics_interval_sec', 'offline_after_sec', 'metrics_retention_days'])
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    const value: OrgSettings = row
      ? {
          checkinIntervalSec: row.checkin_interval_sec,
          inventoryIntervalSec: row.inventory_interval_sec,
          metricsIntervalSec: row.metrics_interval_sec,
          offlineAfterSec: row.offline_after_sec,
          metricsRetentionDays: row.metrics_retention_days,
        }
      : DEFAULT_ORG_SETTINGS;
    this.cache.set(orgId, { value, until: Date.now() + CACHE_MS });
    return value;
  }

  async agentConfig(orgId: string): Promise<AgentConfig> {
    const s = await this.get(orgId);
    return { checkinIntervalSec: s.checkinIntervalSec, inventoryIntervalSec: s.inventoryIntervalSec, metricsIntervalSec: s.metricsIntervalSec };
  }

  /**
   * Longest metrics retention of any organisation (partitions are shared, rows are per org). Spans
   * organisations, so it takes the owner's connection (row-level security would see only one).
   */
  async maxRetentionDays(systemDb: Kysely<DB>): Promise<number> {
    const row = await systemDb.selectFrom('org_settings').select((eb) => eb.fn.max('metrics_retention_days').as('days')).executeTakeFirst();
    return Math.max(DEFAULT_ORG_SETTINGS.metricsRetentionDays, Number(row?.days ?? 0));
  }
}
