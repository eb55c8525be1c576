import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.js';

export interface OrgRow {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  members: number;
}

/**
 * Organisations themselves. Only platform administrators reach these methods (orgs/routes.ts),
 * which is why they, unlike every other store, are not scoped by an organisation id.
 */
export class OrgsStore {
  constructor(private readonly db: Kysely<DB>) {}

  private base(db: Kysely<DB> = this.db) {
    return db
      .selectFrom('organizations')
      .select((eb) => [
        'organizations.id',
        'organizations.name',
        'organizations.slug',
        'organizations.created_at',
        eb.selectFrom('memberships').select((m) => m.fn.countAll<string>().as('n')).whereRef('memberships.org_id', '=', 'organizations.id').as('members'),
      ]);
  }

  async list(): Promise<OrgRow[]> {
    const rows = await this.base().orderBy('organizations.created_at').execute();
    return rows.map(toOrg);
  }

  async get(id: string, db: Kysely<DB> = this.db): Promise<OrgRow | undefined> {
    const row = await this.base(db).where('organizations.id', '=', id).executeTakeFirst();
    return row && toOrg(row);
  }

  async slugTaken(slug: string): Promise<boolean> {
    return (await this.db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
  }

  /** The organisation and its first admin, together: an organisation never exists without one. */
  async create(org: { name: string; slug: string }, admin: { userId: string; role: Role }): Promise<OrgRow> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('organizations').values({ name: org.name, slug: org.slug }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('memberships').values({ org_id: row.id, user_id: admin.userId, role: admin.role }).execute();
      return toOrg((await this.base(trx).where('organizations.id', '=', row.id).executeTakeFirstOrThrow()));
    });
  }

  async rename(id: string, name: string): Promise<OrgRow | undefined> {
    const result = await this.db.updateTable('organizations').set({ name }).where('id', '=', id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    return this.get(id);
  }
}

function toOrg(r: { id: string; name: string; slug: string; created_at: Date; members: string | null }): OrgRow {
  return { id: r.id, name: r.name, slug: r.slug, createdAt: r.created_at, members: Number(r.members ?? 0) };
}
