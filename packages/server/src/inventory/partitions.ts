import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { MetricRow } from './store.js';

const DAY_MS = 86_400_000;
const AHEAD_DAYS = 3;

const dayOf = (date: Date): string => date.toISOString().slice(0, 10);
const partitionName = (day: string): string => `device_metrics_${day.replaceAll('-', '')}`;

/**
 * Daily partitions of device_metrics: created a few days ahead, dropped past retention. Dropping
 * a partition is instant and leaves no bloat, unlike deleting rows.
 */
export class MetricsPartitions {
  private readonly known = new Set<string>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly retentionDays: () => Promise<number>,
  ) {}

  private async ensure(day: string): Promise<void> {
    if (this.known.has(day)) return;
    const start = new Date(`${day}T00:00:00Z`);
    const end = new Date(start.getTime() + DAY_MS);
    // Two workers may race to create the same partition: the loser's error is harmless.
    await sql
      .raw(`create table if not exists ${partitionName(day)} partition of device_metrics for values from ('${start.toISOString()}') to ('${end.toISOString()}')`)
      .execute(this.db)
      .catch((error: { code?: string }) => {
        if (error.code !== '42P07' && error.code !== '23505') throw error;
      });
    this.known.add(day);
  }

  /** Creates today's and the coming days' partitions, drops those past retention. */
  async maintain(now = new Date()): Promise<{ created: number; dropped: string[] }> {
    let created = 0;
    for (let i = -1; i <= AHEAD_DAYS; i++) {
      const day = dayOf(new Date(now.getTime() + i * DAY_MS));
      if (!this.known.has(day)) created++;
      await this.ensure(day);
    }
    const retention = await this.retentionDays();
    const oldest = dayOf(new Date(now.getTime() - retention * DAY_MS));
    const { rows } = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent
       where p.relname = 'device_metrics'`.execute(this.db);
    const dropped: string[] = [];
    for (const { name } of rows) {
      const match = /^device_metrics_(\d{4})(\d{2})(\d{2})$/.exec(name);
      if (!match) continue;
      const day = `${match[1]}-${match[2]}-${match[3]}`;
      if (day < oldest) {
        await sql.raw(`drop table if exists ${name}`).execute(this.db);
        this.known.delete(day);
        dropped.push(name);
      }
    }
    return { created, dropped };
  }

  /** Rows whose day has (or now gets) a partition; samples outside retention or from the future are dropped. */
  async keepInsertable(rows: MetricRow[], now = new Date()): Promise<MetricRow[]> {
    const retention = await this.retentionDays();
    const earliest = now.getTime() - retention * DAY_MS;
    const latest = now.getTime() + DAY_MS;
    const kept = rows.filter((r) => r.at.getTime() >= earliest && r.at.getTime() <= latest);
    for (const day of new Set(kept.map((r) => dayOf(r.at)))) await this.ensure(day);
    return kept;
  }
}
