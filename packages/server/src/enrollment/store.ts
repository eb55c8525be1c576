import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface EnrollmentTokenRow {
  id: string;
  name: string;
  tokenPrefix: string;
  expiresAt: Date | null;
  maxUses: number | null;
  uses: number;
  requiresApproval: boolean;
  revokedAt: Date | null;
  createdAt: Date;
}

const COLUMNS = ['id', 'name', 'token_prefix', 'expires_at', 'max_uses', 'uses', 'requires_approval', 'revoked_at', 'created_at'] as const;

function toRow(r: {
  id: string;
  name: string;
  token_prefix: string;
  expires_at: unknown;
  max_uses: number | null;
  uses: number;
  requires_approval: boolean;
  revoked_at: unknown;
  created_at: Date;
}): EnrollmentTokenRow {
  return {
    id: r.id,
    name: r.name,
    tokenPrefix: r.token_prefix,
    expiresAt: (r.expires_at as Date | null) ?? null,
    maxUses: r.max_uses,
    uses: r.uses,
    requiresApproval: r.requires_approval,
    revokedAt: (r.revoked_at as Date | null) ?? null,
    createdAt: r.created_at,
  };
}

export class EnrollmentStore {
  constructor(private readonly db: Kysely<DB>) {}

  async create(orgId: string, token: { name: string; tokenHash: string; tokenPrefix: string; expiresAt: Date | null; maxUses: number | null; requiresApproval: boolean; createdBy: string | null }): Promise<EnrollmentTokenRow> {
    const row = await this.db
      .insertInto('enrollment_tokens')
      .values({
        org_id: orgId,
        name: token.name,
        token_hash: token.tokenHash,
        token_prefix: token.tokenPrefix,
        expires_at: token.expiresAt,
        max_uses: token.maxUses,
        requires_approval: token.requiresApproval,
        created_by: token.createdBy,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toRow(row);
  }

  async list(orgId: string): Promise<EnrollmentTokenRow[]> {
    const rows = await this.db.selectFrom('enrollment_tokens').select(COLUMNS).where('org_id', '=', orgId).orderBy('created_at', 'desc').execute();
    return rows.map(toRow);
  }

  async revoke(orgId: string, id: string): Promise<EnrollmentTokenRow | undefined> {
    const row = await this.db
      .updateTable('enrollment_tokens')
      .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', sql<Date>`now()`) }))
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && toRow(row);
  }

  /**
   * Spends one use of a token, atomically: two agents racing for the last use cannot both win.
   * Returns undefined when the token is unknown, revoked, expired or used up.
   */
  async consume(tokenHash: string): Promise<{ orgId: string; id: string; requiresApproval: boolean } | undefined> {
    const row = await this.db
      .updateTable('enrollment_tokens')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
      .returning(['org_id', 'id', 'requires_approval'])
      .executeTakeFirst();
    return row && { orgId: row.org_id, id: row.id, requiresApproval: row.requires_approval };
  }

  /** Why a token cannot be used, for a precise error (after consume failed). */
  async whyUnusable(tokenHash: string): Promise<'unknown' | 'revoked' | 'expired' | 'used_up'> {
    const row = await this.db.selectFrom('enrollment_tokens').select(['revoked_at', 'expires_at', 'max_uses', 'uses']).where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!row) return 'unknown';
    if (row.revoked_at) return 'revoked';
    if (row.expires_at && (row.expires_at as Date).getTime() <= Date.now()) return 'expired';
    return 'used_up';
  }
}
