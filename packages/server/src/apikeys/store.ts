import { sql, type Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.js';

/** An API key as it may be shown: never a hash. */
export interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  keyPrefix: string;
  expiresAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  rotatedAt: Date | null;
  /** Until when the key replaced by the last rotation keeps working. */
  previousExpiresAt: Date | null;
  revokedAt: Date | null;
}

/** What authentication needs about the key a secret belongs to. */
export interface ApiKeyCredential {
  orgId: string;
  id: string;
  role: Role;
  createdBy: string | null;
  expiresAt: Date | null;
  /** Set when the secret is the previous key of a rotation: valid until then. */
  graceUntil: Date | null;
}

const COLUMNS = ['id', 'name', 'role', 'key_prefix', 'expires_at', 'created_by', 'created_at', 'last_used_at', 'rotated_at', 'previous_expires_at', 'revoked_at'] as const;

function toRow(r: {
  id: string;
  name: string;
  role: Role;
  key_prefix: string;
  expires_at: unknown;
  created_by: string | null;
  created_at: Date;
  last_used_at: unknown;
  rotated_at: unknown;
  previous_expires_at: unknown;
  revoked_at: unknown;
}): ApiKeyRow {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    keyPrefix: r.key_prefix,
    expiresAt: (r.expires_at as Date | null) ?? null,
    createdBy: r.created_by,
    createdAt: r.created_at,
    lastUsedAt: (r.last_used_at as Date | null) ?? null,
    rotatedAt: (r.rotated_at as Date | null) ?? null,
    previousExpiresAt: (r.previous_expires_at as Date | null) ?? null,
    revokedAt: (r.revoked_at as Date | null) ?? null,
  };
}

/** All SQL of API keys; every method but the secret lookup takes the organisation. */
export class ApiKeysStore {
  constructor(private readonly db: Kysely<DB>) {}

  async create(orgId: string, key: { name: string; role: Role; keyHash: string; keyPrefix: string; expiresAt: Date | null; createdBy: string }): Promise<ApiKeyRow> {
    const row = await this.db
      .insertInto('api_keys')
      .values({ org_id: orgId, name: key.name, role: key.role, key_hash: key.keyHash, key_prefix: key.keyPrefix, expires_at: key.expiresAt, created_by: key.createdBy })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toRow(row);
  }

  async list(orgId: string): Promise<ApiKeyRow[]> {
    const rows = await this.db.selectFrom('api_keys').select(COLUMNS).where('org_id', '=', orgId).orderBy('created_at', 'desc').execute();
    return rows.map(toRow);
  }

  async get(orgId: string, id: string): Promise<ApiKeyRow | undefined> {
    const row = await this.db.selectFrom('api_keys').select(COLUMNS).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
    return row && toRow(row);
  }

  async revoke(orgId: string, id: string): Promise<ApiKeyRow | undefined> {
    const row = await this.db
      .updateTable('api_keys')
      .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', sql<Date>`now()`), previous_key_hash: null, previous_expires_at: null }))
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && toRow(row);
  }

  /**
   * Replaces the key's secret. With a grace period the current secret becomes the previous one
   * (valid until `previousExpiresAt`); a previous secret from an earlier rotation is dropped, so
   * at most two secrets are ever valid. Revoked keys cannot be rotated.
   */
  async rotate(orgId: string, id: string, next: { keyHash: string; keyPrefix: string; previousExpiresAt: Date | null }): Promise<ApiKeyRow | undefined> {
    const keep = next.previousExpiresAt !== null;
    const row = await this.db
      .updateTable('api_keys')
      .set((eb) => ({
        previous_key_hash: keep ? eb.ref('key_hash') : null,
        previous_expires_at: next.previousExpiresAt,
        key_hash: next.keyHash,
        key_prefix: next.keyPrefix,
        rotated_at: new Date(),
      }))
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && toRow(row);
  }

  async findBySecretHash(keyHash: string): Promise<ApiKeyCredential | undefined> {
    const row = await this.db
      .selectFrom('api_keys')
      .select(['org_id', 'id', 'role', 'created_by', 'expires_at', 'previous_key_hash', 'previous_expires_at'])
      .where((eb) => eb.or([eb('key_hash', '=', keyHash), eb('previous_key_hash', '=', keyHash)]))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const previous = row.previous_key_hash === keyHash;
    return {
      orgId: row.org_id,
      id: row.id,
      role: row.role,
      createdBy: row.created_by,
      expiresAt: (row.expires_at as Date | null) ?? null,
      // A previous secret without an end would be valid forever: treat it as already expired.
      graceUntil: previous ? ((row.previous_expires_at as Date | null) ?? new Date(0)) : null,
    };
  }

  /** Last use, written at most once a minute per key whichever process serves it. */
  async touchLastUsed(orgId: string, id: string): Promise<void> {
    await this.db
      .updateTable('api_keys')
      .set({ last_used_at: new Date() })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
      .execute();
  }
}
