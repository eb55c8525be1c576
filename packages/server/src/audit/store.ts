import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export type ActorType = 'user' | 'api_key' | 'device' | 'system';

export interface AuditEntry {
  orgId: string;
  actorType: ActorType;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: unknown;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorType: ActorType;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: unknown;
}

export interface AuditFilter {
  actor?: string | undefined;
  actorType?: ActorType | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Rows older than this id (keyset pagination, newest first). */
  beforeId?: string | undefined;
}

/** The audit log's SQL: append and read. There is no update or delete here, and the table refuses them anyway (migration 0004). */
export class AuditStore {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        org_id: entry.orgId,
        actor_type: entry.actorType,
        actor_id: entry.actorId,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        ip: entry.ip,
        details: entry.details === undefined ? null : JSON.stringify(entry.details),
      })
      .execute();
  }

  async query(orgId: string, filter: AuditFilter, limit: number): Promise<AuditRow[]> {
    let query = this.db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor_type', 'actor_id', 'action', 'target_type', 'target_id', sql<string | null>`host(ip)`.as('ip'), 'details'])
      .where('org_id', '=', orgId);
    if (filter.actor) query = query.where('actor_id', '=', filter.actor);
    if (filter.actorType) query = query.where('actor_type', '=', filter.actorType);
    if (filter.action) {
      // "users" matches users.create, users.disable…; "users.create" matches itself.
      query = filter.action.includes('.') ? query.where('action', '=', filter.action) : query.where('action', 'like', `${filter.action.replace(/[\\%_]/g, '\\$&')}.%`);
    }
    if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
    if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
    if (filter.from) query = query.where('at', '>=', filter.from);
    if (filter.to) query = query.where('at', '<', filter.to);
    if (filter.beforeId) query = query.where('id', '<', Number(filter.beforeId));
    const rows = await query.orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: String(r.id),
      at: r.at,
      actorType: r.actor_type,
      actorId: r.actor_id,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      ip: r.ip,
      details: r.details ?? null,
    }));
  }
}
