import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.js';

export interface UserRow {
  id: string;
  email: string;
  displayName: string | null;
  role: Role;
  disabledAt: Date | null;
  createdAt: Date;
}

/** Users as seen within one organisation: every read is scoped by org_id through memberships. */
export class UsersStore {
  constructor(private readonly db: Kysely<DB>) {}

  private scoped(orgId: string) {
    return this.db
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .select(['users.id', 'users.email', 'users.display_name', 'memberships.role', 'users.disabled_at', 'users.created_at'])
      .where('memberships.org_id', '=', orgId);
  }

  async list(orgId: string): Promise<UserRow[]> {
    const rows = await this.scoped(orgId).orderBy('users.created_at').execute();
    return rows.map(toUser);
  }

  async findByEmailGlobal(email: string): Promise<{ id: string } | undefined> {
    return this.db
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

  async get(orgId: string, userId: string): Promise<UserRow | undefined> {
    const row = await this.scoped(orgId).where('users.id', '=', userId).executeTakeFirst();
    return row && toUser(row);
  }

  async setPasswordByEmail(email: string, passwordHash: string): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  transaction<T>(work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}

function toUser(r: { id: string; email: string; display_name: string | null; role: Role; disabled_at: unknown; created_at: Date }): UserRow {
  return { id: r.id, email: r.email, displayName: r.display_name, role: r.role, disabledAt: (r.disabled_at as Date | null) ?? null, createdAt: r.created_at };
}
