import type pino from 'pino';
import { badRequest } from '../http/errors.js';
import type { ActorType, AuditEntry, AuditFilter, AuditRow, AuditStore } from './store.js';

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 1_000;
export const AUDIT_CSV_MAX = 10_000;

export interface AuditQuery {
  actor?: string | undefined;
  actorType?: ActorType | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

function date(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw badRequest(`${name} is not a date`);
  return parsed;
}

/** Writing and reading the audit log. Writes come from the HTTP backstop (audit/hook.ts) and from services acting outside a request. */
export class AuditService {
  constructor(
    private readonly store: AuditStore,
    private readonly log: pino.Logger,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.store.insert(entry);
  }

  /** For work off the request path: an audit write that fails is logged loudly, never swallowed silently. */
  recordLater(entry: AuditEntry): void {
    this.store.insert(entry).catch((error: unknown) => this.log.error({ err: error, action: entry.action, orgId: entry.orgId }, 'audit log write failed'));
  }

  async query(orgId: string, query: AuditQuery, maxLimit = AUDIT_PAGE_MAX): Promise<{ items: AuditRow[]; nextCursor: string | null }> {
    const limit = Math.min(query.limit ?? AUDIT_PAGE_DEFAULT, maxLimit);
    if (query.cursor !== undefined && !/^\d{1,18}$/.test(query.cursor)) throw badRequest('cursor is not valid');
    const filter: AuditFilter = {
      actor: query.actor,
      actorType: query.actorType,
      action: query.action,
      targetType: query.targetType,
      targetId: query.targetId,
      from: date(query.from, 'from'),
      to: date(query.to, 'to'),
      beforeId: query.cursor,
    };
    const rows = await this.store.query(orgId, filter, limit + 1);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
  }
}
