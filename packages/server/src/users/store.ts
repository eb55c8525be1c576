import { sql, type Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.js';

export interface UserRow {
  id: string;
  email: string;
  displayName: string | null;
  role: Role;
  /** When the user was disabled in this organisation (or platform-wide), else null. */
  disabledAt: Date | null;
  totpEnabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

const INVITATION_COLUMNS = ['id', 'email', 'role', 'invited_by', 'expires_at', 'accepted_at', 'revoked_at', 'created_at'] as const;

function toInvitation(r: { id: string; email: string; role: Role; invited_by: string | null; expires_at: unknown; accepted_at: unknown; revoked_at: unknown; created_at: Date }): InvitationRow {
  return {
    id: r.id,
    email: r.email,
    role: r.role,
    invitedBy: r.invited_by,
    expiresAt: r.expires_at as Date,
    acceptedAt: (r.accepted_at as Date | null) ?? null,
    revokedAt: (r.revoked_at as Date | null) ?? null,
    createdAt: r.created_at,
  };
}

/** Users as seen within one organisation: every read is scoped by org_id through memberships. */
export class UsersStore {
  constructor(private readonly db: Kysely<DB>) {}

  private scoped(orgId: string, db: Kysely<DB> = this.db) {
    return db
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .select((eb) => [
        'users.id',
        'users.email',
        'users.display_name',
        'memberships.role',
        eb.fn.coalesce('memberships.disabled_at', 'users.disabled_at').as('disabled_at'),
        'users.totp_enabled_at',
        'users.last_login_at',
        'users.created_at',
      ])
      .where('memberships.org_id', '=', orgId);
  }

  async list(orgId: string): Promise<UserRow[]> {
    const rows = await this.scoped(orgId).orderBy('users.created_at').execute();
    return rows.map(toUser);
  }

  async get(orgId: string, userId: string, db: Kysely<DB> = this.db): Promise<UserRow | undefined> {
    const row = await this.scoped(orgId, db).where('users.id', '=', userId).executeTakeFirst();
    return row && toUser(row);
  }

  async findByEmailGlobal(email: string, db: Kysely<DB> = this.db): Promise<{ id: string } | undefined> {
    return db
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
  }

  async insert(db: Kysely<DB>, user: { email: string; passwordHash: string; displayName?: string | null; platformAdmin?: boolean }): Promise<string> {
    const row = await db
      .insertInto('users')
      .values({ email: user.email, password_hash: user.passwordHash, display_name: user.displayName ?? null, is_platform_admin: user.platformAdmin ?? false })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async addMembership(db: Kysely<DB>, orgId: string, userId: string, role: Role): Promise<void> {
    await db.insertInto('memberships').values({ org_id: orgId, user_id: userId, role }).execute();
  }

  async isMember(orgId: string, userId: string, db: Kysely<DB> = this.db): Promise<boolean> {
    return (await db.selectFrom('memberships').select('user_id').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
  }

  /**
   * Serialises membership changes of one organisation (row lock on the organisation), so that two
   * admins demoting each other at once cannot leave it without an admin.
   */
  async lockOrg(db: Kysely<DB>, orgId: string): Promise<void> {
    await db.selectFrom('organizations').select('id').where('id', '=', orgId).forUpdate().execute();
  }

  /** Enabled admins of the organisation other than `exceptUserId`. */
  async otherActiveAdmins(db: Kysely<DB>, orgId: string, exceptUserId: string): Promise<number> {
    const row = await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('memberships.org_id', '=', orgId)
      .where('memberships.role', '=', 'admin')
      .where('memberships.disabled_at', 'is', null)
      .where('users.disabled_at', 'is', null)
      .where('memberships.user_id', '!=', exceptUserId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async setRole(db: Kysely<DB>, orgId: string, userId: string, role: Role): Promise<void> {
    await db.updateTable('memberships').set({ role }).where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  }

  async setMembershipDisabled(db: Kysely<DB>, orgId: string, userId: string, disabled: boolean): Promise<void> {
    await db
      .updateTable('memberships')
      .set((eb) => ({ disabled_at: disabled ? eb.fn.coalesce('disabled_at', sql<Date>`now()`) : null }))
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .execute();
  }

  async removeMembership(db: Kysely<DB>, orgId: string, userId: string): Promise<void> {
    await db.deleteFrom('memberships').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  }

  /**
   * Organisations other than `orgId` the user belongs to. Row-level security hides other
   * organisations' memberships from this request, so the count comes from the one function
   * allowed to look across them (migrations/0005_row_level_security.sql).
   */
  async otherMemberships(userId: string, orgId: string, db: Kysely<DB> = this.db): Promise<number> {
    const { rows } = await sql<{ n: number }>`select muster_membership_count(${userId}, ${orgId}) as n`.execute(db);
    return rows[0]?.n ?? 0;
  }

  /** Deletes the account itself, unless it still belongs somewhere or is a platform administrator. */
  async deleteIfOrphaned(db: Kysely<DB>, userId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('users')
      .where('id', '=', userId)
      .where('is_platform_admin', '=', false)
      .where(sql<boolean>`muster_membership_count(${userId}) = 0`)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async isPlatformAdmin(userId: string): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('is_platform_admin').where('id', '=', userId).executeTakeFirst();
    return row?.is_platform_admin ?? false;
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', userId).execute();
  }

  async setPasswordByEmail(email: string, passwordHash: string): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  // --- invitations -----------------------------------------------------------------------------

  async createInvitation(db: Kysely<DB>, orgId: string, invitation: { email: string; role: Role; tokenHash: string; invitedBy: string; expiresAt: Date }): Promise<InvitationRow> {
    // An expired invitation still holds the "one open invitation per address" slot: close it first.
    await db
      .updateTable('invitations')
      .set({ revoked_at: new Date() })
      .where('org_id', '=', orgId)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', invitation.email.toLowerCase()))
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '<=', sql<Date>`now()`)
      .execute();
    const row = await db
      .insertInto('invitations')
      .values({ org_id: orgId, email: invitation.email, role: invitation.role, token_hash: invitation.tokenHash, invited_by: invitation.invitedBy, expires_at: invitation.expiresAt })
      .returning(INVITATION_COLUMNS)
      .executeTakeFirstOrThrow();
    return toInvitation(row);
  }

  async listInvitations(orgId: string): Promise<InvitationRow[]> {
    const rows = await this.db.selectFrom('invitations').select(INVITATION_COLUMNS).where('org_id', '=', orgId).orderBy('created_at', 'desc').execute();
    return rows.map(toInvitation);
  }

  async revokeInvitation(orgId: string, id: string): Promise<InvitationRow | undefined> {
    const row = await this.db
      .updateTable('invitations')
      .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', sql<Date>`now()`) }))
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .returning(INVITATION_COLUMNS)
      .executeTakeFirst();
    return row && toInvitation(row);
  }

  /** Spends an open, unexpired invitation, atomically: a link works once. */
  async consumeInvitation(db: Kysely<DB>, tokenHash: string): Promise<{ orgId: string; id: string; email: string; role: Role } | undefined> {
    const row = await db
      .updateTable('invitations')
      .set({ accepted_at: new Date() })
      .where('token_hash', '=', tokenHash)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .returning(['org_id', 'id', 'email', 'role'])
      .executeTakeFirst();
    return row && { orgId: row.org_id, id: row.id, email: row.email, role: row.role };
  }

  async markInvitationAcceptedBy(db: Kysely<DB>, orgId: string, id: string, userId: string): Promise<void> {
    await db.updateTable('invitations').set({ accepted_by: userId }).where('org_id', '=', orgId).where('id', '=', id).execute();
  }

  transaction<T>(work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}

function toUser(r: { id: string; email: string; display_name: string | null; role: Role; disabled_at: unknown; totp_enabled_at: unknown; last_login_at: unknown; created_at: Date }): UserRow {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    disabledAt: (r.disabled_at as Date | null) ?? null,
    totpEnabled: r.totp_enabled_at !== null && r.totp_enabled_at !== undefined,
    lastLoginAt: (r.last_login_at as Date | null) ?? null,
    createdAt: r.created_at,
  };
}
