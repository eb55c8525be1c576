import { sql, type Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.js';

/** All SQL of the auth domain. Column lists are named per shape: a password hash leaves only through `findLogin`. */
export class AuthStore {
  constructor(private readonly db: Kysely<DB>) {}

  async findLogin(email: string): Promise<{ id: string; email: string; passwordHash: string | null; disabledAt: Date | null } | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'password_hash', 'disabled_at'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
    return row && { id: row.id, email: row.email, passwordHash: row.password_hash, disabledAt: row.disabled_at as Date | null };
  }

  async memberships(userId: string): Promise<Array<{ orgId: string; orgName: string; role: Role }>> {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('organizations', 'organizations.id', 'memberships.org_id')
      .select(['memberships.org_id', 'organizations.name', 'memberships.role'])
      .where('memberships.user_id', '=', userId)
      .orderBy('memberships.created_at')
      .execute();
    return rows.map((r) => ({ orgId: r.org_id, orgName: r.name, role: r.role }));
  }

  async membership(userId: string, orgId: string): Promise<Role | undefined> {
    const row = await this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('memberships.role')
      .where('memberships.user_id', '=', userId)
      .where('memberships.org_id', '=', orgId)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
    return row?.role;
  }

  async insertRefreshToken(row: { userId: string; orgId: string; familyId: string; tokenHash: string; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<void> {
    await this.db
      .insertInto('refresh_tokens')
      .values({ user_id: row.userId, org_id: row.orgId, family_id: row.familyId, token_hash: row.tokenHash, expires_at: row.expiresAt, ip: row.ip, user_agent: row.userAgent })
      .execute();
  }

  /**
   * Marks a refresh token used and returns it, in one statement so that two concurrent uses of
   * one token cannot both succeed; `alreadyUsed` tells the caller it was replayed.
   */
  async consumeRefreshToken(tokenHash: string): Promise<
    { id: string; userId: string; orgId: string; familyId: string; expiresAt: Date; revoked: boolean; alreadyUsed: boolean } | undefined
  > {
    // FOR UPDATE makes a concurrent second use wait, then see the first use's used_at.
    const { rows } = await sql<{ id: string; user_id: string; org_id: string; family_id: string; expires_at: Date; revoked_at: Date | null; previous_used_at: Date | null }>`
      update refresh_tokens t set used_at = coalesce(t.used_at, now())
        from (select id, used_at from refresh_tokens where token_hash = ${tokenHash} for update) previous
       where t.id = previous.id
      returning t.id, t.user_id, t.org_id, t.family_id, t.expires_at, t.revoked_at, previous.used_at as previous_used_at`.execute(this.db);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      userId: row.user_id,
      orgId: row.org_id,
      familyId: row.family_id,
      expiresAt: row.expires_at,
      revoked: row.revoked_at !== null,
      alreadyUsed: row.previous_used_at !== null,
    };
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.updateTable('refresh_tokens').set({ revoked_at: new Date() }).where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
  }

  async familyOf(tokenHash: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('refresh_tokens').select('family_id').where('token_hash', '=', tokenHash).executeTakeFirst();
    return row?.family_id;
  }
}
