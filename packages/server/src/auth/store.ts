import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, Role } from '../db/schema.js';

export interface LoginUser {
  id: string;
  email: string;
  passwordHash: string | null;
  disabledAt: Date | null;
  /** Sealed (auth/secret-box.ts); undefined when two-factor is off. */
  totpSecret: string | null;
}

export interface Membership {
  orgId: string;
  orgName: string;
  role: Role;
}

/** What a request needs to know about its user, now (not when the token was signed). */
export interface PrincipalRow {
  exists: boolean;
  platformAdmin: boolean;
  userDisabled: boolean;
  role: Role | null;
  membershipDisabled: boolean;
  /** Login sessions (refresh-token families) revoked recently enough that their access tokens live. */
  revokedFamilies: string[];
}

/** How long an access token lives after its family is revoked, plus margin: see principal(). */
const REVOKED_FAMILY_HORIZON = '20 minutes';

/** All SQL of the auth domain. Column lists are named per shape: a password hash leaves only through `findLogin` and `passwordHash`. */
export class AuthStore {
  constructor(private readonly db: Kysely<DB>) {}

  async findLogin(email: string): Promise<LoginUser | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'password_hash', 'disabled_at', 'totp_secret'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
      .executeTakeFirst();
    return row && { id: row.id, email: row.email, passwordHash: row.password_hash, disabledAt: (row.disabled_at as Date | null) ?? null, totpSecret: row.totp_secret };
  }

  /** The organisations a user may act in: enabled memberships only. */
  async memberships(userId: string): Promise<Membership[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('organizations', 'organizations.id', 'memberships.org_id')
      .select(['memberships.org_id', 'organizations.name', 'memberships.role'])
      .where('memberships.user_id', '=', userId)
      .where('memberships.disabled_at', 'is', null)
      .orderBy('memberships.created_at')
      .execute();
    return rows.map((r) => ({ orgId: r.org_id, orgName: r.name, role: r.role }));
  }

  /** The role of an enabled user in an organisation where the membership is enabled. */
  async membership(userId: string, orgId: string): Promise<Role | undefined> {
    const row = await this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('memberships.role')
      .where('memberships.user_id', '=', userId)
      .where('memberships.org_id', '=', orgId)
      .where('users.disabled_at', 'is', null)
      .where('memberships.disabled_at', 'is', null)
      .executeTakeFirst();
    return row?.role;
  }

  async principal(userId: string, orgId: string): Promise<PrincipalRow> {
    const { rows } = await sql<{ is_platform_admin: boolean; user_disabled: boolean; role: Role | null; membership_disabled: boolean | null; revoked: string[] }>`
      select u.is_platform_admin,
             u.disabled_at is not null as user_disabled,
             m.role,
             m.disabled_at is not null as membership_disabled,
             array(select distinct t.family_id::text from refresh_tokens t
                    where t.user_id = u.id and t.revoked_at > now() - ${REVOKED_FAMILY_HORIZON}::interval) as revoked
        from users u
        left join memberships m on m.user_id = u.id and m.org_id = ${orgId}
       where u.id = ${userId}`.execute(this.db);
    const row = rows[0];
    if (!row) return { exists: false, platformAdmin: false, userDisabled: true, role: null, membershipDisabled: true, revokedFamilies: [] };
    return {
      exists: true,
      platformAdmin: row.is_platform_admin,
      userDisabled: row.user_disabled,
      role: row.role,
      membershipDisabled: row.membership_disabled ?? true,
      revokedFamilies: row.revoked,
    };
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

  /** Ends a user's login sessions: all, those in one organisation, or all but the caller's own. */
  async revokeUserSessions(userId: string, options: { orgId?: string; exceptFamilyId?: string } = {}): Promise<void> {
    let query = this.db.updateTable('refresh_tokens').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
    if (options.orgId) query = query.where('org_id', '=', options.orgId);
    if (options.exceptFamilyId) query = query.where('family_id', '!=', options.exceptFamilyId);
    await query.execute();
  }

  async tokenOwner(tokenHash: string): Promise<{ familyId: string; userId: string; orgId: string } | undefined> {
    const row = await this.db.selectFrom('refresh_tokens').select(['family_id', 'user_id', 'org_id']).where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && { familyId: row.family_id, userId: row.user_id, orgId: row.org_id };
  }

  async touchLastLogin(userId: string): Promise<void> {
    await this.db.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', userId).execute();
  }

  // --- passwords -------------------------------------------------------------------------------

  async passwordHash(userId: string): Promise<{ email: string; passwordHash: string | null } | undefined> {
    const row = await this.db.selectFrom('users').select(['email', 'password_hash']).where('id', '=', userId).executeTakeFirst();
    return row && { email: row.email, passwordHash: row.password_hash };
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', userId).execute();
  }

  // --- two-factor ------------------------------------------------------------------------------

  async totpState(userId: string): Promise<{ email: string; secret: string | null; pending: string | null } | undefined> {
    const row = await this.db.selectFrom('users').select(['email', 'totp_secret', 'totp_pending_secret']).where('id', '=', userId).executeTakeFirst();
    return row && { email: row.email, secret: row.totp_secret, pending: row.totp_pending_secret };
  }

  async setPendingTotp(userId: string, sealed: string): Promise<void> {
    await this.db.updateTable('users').set({ totp_pending_secret: sealed, updated_at: new Date() }).where('id', '=', userId).execute();
  }

  /** Promotes the pending secret; `step` is the step of the confirming code, so it cannot be reused. */
  async enableTotp(userId: string, step: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set((eb) => ({ totp_secret: eb.ref('totp_pending_secret'), totp_pending_secret: null, totp_enabled_at: new Date(), totp_last_step: step, updated_at: new Date() }))
      .where('id', '=', userId)
      .where('totp_pending_secret', 'is not', null)
      .execute();
  }

  async disableTotp(userId: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: new Date() })
      .where('id', '=', userId)
      .execute();
  }

  /** Records an accepted TOTP step; false when that step (or a later one) was already used: a replay. */
  async acceptTotpStep(userId: string, step: number): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // --- login throttling ------------------------------------------------------------------------

  /** The latest lock among the keys, if any is locked now. */
  async lockedUntil(keys: string[]): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('login_throttle')
      .select((eb) => eb.fn.max('locked_until').as('until'))
      .where('key', 'in', keys)
      .where('locked_until', '>', sql<Date>`now()`)
      .executeTakeFirst();
    return (row?.until as Date | null | undefined) ?? undefined;
  }

  /**
   * Counts a failure, atomically, and locks the key once `threshold` failures accumulated:
   * base seconds, doubling with every further failure, at most `maxSeconds`. A key quiet for
   * `resetAfterSeconds` starts again from zero.
   */
  async recordFailure(key: string, policy: { threshold: number; baseSeconds: number; maxSeconds: number; resetAfterSeconds: number }): Promise<void> {
    const { threshold, baseSeconds, maxSeconds, resetAfterSeconds } = policy;
    // Expressions over the locked row (ON CONFLICT holds its lock), so that concurrent failures
    // all count. The exponent is capped so that power() cannot overflow.
    const quiet = sql`t.last_failure_at < now() - make_interval(secs => ${resetAfterSeconds}::int)`;
    const failures = sql`(case when ${quiet} then 1 else t.failures + 1 end)`;
    const lockFor = (count: RawBuilder<unknown>) =>
      sql`now() + make_interval(secs => least(${maxSeconds}::int, ${baseSeconds}::int * power(2, least(${count} - ${threshold}::int, 20)))::double precision)`;
    await sql`
      insert into login_throttle as t (key, failures, last_failure_at, locked_until)
      values (${key}, 1, now(), case when 1 >= ${threshold}::int then ${lockFor(sql`1`)} end)
      on conflict (key) do update set
        failures = ${failures},
        last_failure_at = now(),
        locked_until = case when ${failures} >= ${threshold}::int then ${lockFor(failures)} else t.locked_until end`.execute(this.db);
  }

  async clearFailures(key: string): Promise<void> {
    await this.db.deleteFrom('login_throttle').where('key', '=', key).execute();
  }

  /** Forgets keys that are neither locked nor recent: the table holds only live attempts. */
  async pruneFailures(olderThanSeconds: number): Promise<void> {
    await sql`delete from login_throttle where last_failure_at < now() - make_interval(secs => ${olderThanSeconds}::int)
                and (locked_until is null or locked_until < now())`.execute(this.db);
  }
}
