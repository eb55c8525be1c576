import { sql, type Kysely } from 'kysely';
import type { CustomFieldType, DB } from '../db/schema.js';

export interface CustomFieldRow {
  key: string;
  label: string;
  type: CustomFieldType;
  choices: string[];
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = ['key', 'label', 'type', 'choices', 'created_at', 'updated_at'] as const;

function toRow(r: { key: string; label: string; type: CustomFieldType; choices: string[]; created_at: Date; updated_at: Date }): CustomFieldRow {
  return { key: r.key, label: r.label, type: r.type, choices: r.choices, createdAt: r.created_at, updatedAt: r.updated_at };
}

/**
 * Custom field definitions, and the values they own: this domain owns the devices.custom_fields
 * column (one key per definition), so removing a definition removes its values here too.
 */
export class CustomFieldsStore {
  constructor(private readonly db: Kysely<DB>) {}

  async list(orgId: string): Promise<CustomFieldRow[]> {
    const rows = await this.db.selectFrom('custom_field_definitions').select(COLUMNS).where('org_id', '=', orgId).orderBy('key').execute();
    return rows.map(toRow);
  }

  async count(orgId: string): Promise<number> {
    const row = await this.db.selectFrom('custom_field_definitions').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Inserts a definition; undefined when the key is taken. */
  async create(orgId: string, field: { key: string; label: string; type: CustomFieldType; choices: string[] }): Promise<CustomFieldRow | undefined> {
    const row = await this.db
      .insertInto('custom_field_definitions')
      .values({ org_id: orgId, key: field.key, label: field.label, type: field.type, choices: field.choices })
      .onConflict((oc) => oc.columns(['org_id', 'key']).doNothing())
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && toRow(row);
  }

  async update(orgId: string, key: string, changes: { label?: string; choices?: string[] }): Promise<CustomFieldRow | undefined> {
    const row = await this.db
      .updateTable('custom_field_definitions')
      .set({ ...(changes.label !== undefined ? { label: changes.label } : {}), ...(changes.choices !== undefined ? { choices: changes.choices } : {}), updated_at: new Date() })
      .where('org_id', '=', orgId)
      .where('key', '=', key)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && toRow(row);
  }

  /** Removes a definition and every device's value for it, together. False when there was none. */
  async delete(orgId: string, key: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('custom_field_definitions').where('org_id', '=', orgId).where('key', '=', key).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return false;
      await sql`update devices set custom_fields = custom_fields - ${key}::text where org_id = ${orgId} and custom_fields ? ${key}::text`.execute(trx);
      return true;
    });
  }

  /** Devices whose value of a field is not one of the given choices (before narrowing a choice list). */
  async countValuesOutside(orgId: string, key: string, choices: string[]): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from devices
       where org_id = ${orgId} and custom_fields ? ${key}::text and not (custom_fields ->> ${key}::text = any(${choices}::text[]))`.execute(this.db);
    return rows[0]?.n ?? 0;
  }
}
