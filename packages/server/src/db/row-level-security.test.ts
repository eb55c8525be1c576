import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { createTestApp, type TestApp } from '../testing/app.js';
import { createTestDatabase, type TestDatabase } from '../testing/database.js';
import type { DB } from './schema.js';
import { APP_ROLE, runInOrg } from './tenant-scope.js';

/** Who a query runs as, and for which organisation. */
async function whoAmI(db: Kysely<DB>): Promise<{ role: string; org: string }> {
  const { rows } = await sql<{ role: string; org: string }>`select current_user as role, coalesce(current_setting('muster.org_id', true), '') as org`.execute(db);
  return rows[0]!;
}

async function createOrg(db: Kysely<DB>, slug: string): Promise<string> {
  const row = await db.insertInto('organizations').values({ name: slug, slug }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function createDevice(db: Kysely<DB>, orgId: string, hostname: string): Promise<string> {
  const row = await db.insertInto('devices').values({ org_id: orgId, hostname }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code';
  }
  return 'accepted';
}

describe('row-level security: the database refuses cross-tenant rows for the application role', () => {
  let t: TestDatabase;
  let db: Kysely<DB>;
  let orgA: string;
  let orgB: string;
  let deviceA: string;
  let deviceB: string;

  before(async () => {
    // One connection, so every scoped checkout below reuses the connection the previous one reset.
    t = await createTestDatabase({ poolSize: 1 });
    db = t.db;
    orgA = await createOrg(db, 'rls-a');
    orgB = await createOrg(db, 'rls-b');
    deviceA = await createDevice(db, orgA, 'host-a');
    deviceB = await createDevice(db, orgB, 'host-b');
  });
  after(async () => t.drop());

  test('every table with an org_id column has row-level security and a policy', async () => {
    const { rows } = await sql<{ table: string; rls: boolean; policies: number }>`
      select c.relname as table, c.relrowsecurity as rls,
             (select count(*) from pg_policy p where p.polrelid = c.oid)::int as policies
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
       where c.relkind in ('r', 'p') and not c.relispartition
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)
       order by 1`.execute(db);
    assert.ok(rows.length >= 15, `found only ${rows.length} tenant tables`);
    const unprotected = rows.filter((r) => !r.rls || r.policies === 0).map((r) => r.table);
    assert.deepEqual(unprotected, [], 'tenant tables without row-level security');
  });

  test('scoped queries run as the application role for that organisation; the pooled connection is reset after', async () => {
    const owner = await whoAmI(db);
    assert.notEqual(owner.role, APP_ROLE);
    assert.deepEqual(await runInOrg(orgA, () => whoAmI(db)), { role: APP_ROLE, org: orgA });
    assert.deepEqual(await whoAmI(db), { role: owner.role, org: '' });
    assert.deepEqual(await runInOrg(orgA, () => whoAmI(t.systemDb)), { role: owner.role, org: '' }, 'systemDb is never scoped');
  });

  test('reads see only the organisation, whatever the query asks for', async () => {
    const seen = await runInOrg(orgA, () => db.selectFrom('devices').select('id').execute());
    assert.deepEqual(seen.map((r) => r.id), [deviceA]);
    const guessed = await runInOrg(orgA, () => db.selectFrom('devices').select('id').where('id', '=', deviceB).where('org_id', '=', orgB).execute());
    assert.deepEqual(guessed, []);
    const orgs = await runInOrg(orgA, () => db.selectFrom('organizations').select('id').execute());
    assert.deepEqual(orgs.map((r) => r.id), [orgA]);
  });

  test('inserting a row for another organisation is refused', async () => {
    assert.equal(await refusal(runInOrg(orgA, () => createDevice(db, orgB, 'smuggled'))), '42501');
  });

  test('moving a row to another organisation is refused; updates and deletes of its rows touch nothing', async () => {
    assert.equal(await refusal(runInOrg(orgA, () => db.updateTable('devices').set({ org_id: orgB }).where('id', '=', deviceA).execute())), '42501');
    const updated = await runInOrg(orgA, () => db.updateTable('devices').set({ hostname: 'taken-over' }).where('id', '=', deviceB).executeTakeFirst());
    assert.equal(Number(updated.numUpdatedRows), 0);
    const deleted = await runInOrg(orgA, () => db.deleteFrom('devices').where('org_id', '=', orgB).executeTakeFirst());
    assert.equal(Number(deleted.numDeletedRows), 0);
    const b = await db.selectFrom('devices').select('hostname').where('id', '=', deviceB).executeTakeFirstOrThrow();
    assert.equal(b.hostname, 'host-b');
  });

  test('the audit log is append-only, and server secrets and the bus are out of reach', async () => {
    await runInOrg(orgA, () => db.insertInto('audit_log').values({ org_id: orgA, actor_type: 'system', action: 'rls.test' }).execute());
    assert.equal(await refusal(runInOrg(orgA, () => db.updateTable('audit_log').set({ action: 'rewritten' }).execute())), '42501');
    assert.equal(await refusal(runInOrg(orgA, () => db.deleteFrom('audit_log').execute())), '42501');
    assert.equal(await refusal(runInOrg(orgA, () => db.insertInto('audit_log').values({ org_id: orgB, actor_type: 'system', action: 'forged' }).execute())), '42501');
    assert.equal(await refusal(runInOrg(orgA, () => db.selectFrom('server_secrets').selectAll().execute())), '42501');
    assert.equal(await refusal(runInOrg(orgA, () => sql`select * from bus_messages`.execute(db))), '42501');
  });

  test('the application role with no organisation set sees nothing', async () => {
    const rows = await db.connection().execute(async (conn) => {
      await sql`set role ${sql.raw(APP_ROLE)}`.execute(conn);
      try {
        return await conn.selectFrom('devices').select('id').execute();
      } finally {
        await sql`reset role`.execute(conn);
      }
    });
    assert.deepEqual(rows, []);
  });

  test('the index helpers (security definer) answer for the current organisation only, and nothing without one', async () => {
    await db.updateTable('devices').set({ tags: ['shared-tag'] }).where('id', 'in', [deviceA, deviceB]).execute();
    for (const [orgId, deviceId] of [[orgA, deviceA], [orgB, deviceB]] as const) {
      await db.insertInto('device_software').values({ org_id: orgId, device_id: deviceId, software_ids: [7, 9], install_days: [0, 0], hash: 'h' }).execute();
    }
    const helpers = (scope: Kysely<DB>) =>
      sql<{ search: string[]; any: string[]; all: string[]; tags: string[] }>`
        select array(select muster_device_search('%host-%')) as search,
               array(select muster_devices_with_any_software('{9,11}')) as any,
               array(select muster_devices_with_all_software('{7,9}')) as all,
               array(select muster_devices_with_tags('{shared-tag}')) as tags`.execute(scope);
    for (const [orgId, deviceId] of [[orgA, deviceA], [orgB, deviceB]] as const) {
      const { rows } = await runInOrg(orgId, () => helpers(db));
      assert.deepEqual(rows[0], { search: [deviceId], any: [deviceId], all: [deviceId], tags: [deviceId] });
    }
    const unscoped = await db.connection().execute(async (conn) => {
      await sql`set role ${sql.raw(APP_ROLE)}`.execute(conn);
      try {
        return (await helpers(conn)).rows[0];
      } finally {
        await sql`reset role`.execute(conn);
      }
    });
    assert.deepEqual(unscoped, { search: [], any: [], all: [], tags: [] });
    // Nobody else may call them: they would bypass the policy for whoever sets muster.org_id.
    const { rows: grants } = await sql<{ name: string; public: boolean }>`
      select p.proname as name, has_function_privilege('public', p.oid, 'execute') as public
        from pg_proc p where p.proname like 'muster\\_device%' and p.prosecdef order by 1`.execute(db);
    assert.equal(grants.length, 4);
    assert.deepEqual(grants.filter((g) => g.public), []);
  });
});

describe('row-level security: API requests run scoped to the caller\'s organisation', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await createTestApp({ workers: false });
    token = await t.login();
  });
  after(async () => t.close());

  test('a read and a write with a body run as the application role for the caller\'s organisation', async () => {
    const seen: Array<{ role: string; org: string }> = [];
    const { fleet, customFields } = t.services;
    const summary = fleet.summary.bind(fleet);
    const create = customFields.create.bind(customFields);
    fleet.summary = async (orgId) => (seen.push(await whoAmI(t.services.db)), summary(orgId));
    customFields.create = async (orgId, field) => (seen.push(await whoAmI(t.services.db)), create(orgId, field));
    try {
      const auth = { authorization: `Bearer ${token}` };
      const res1 = await t.app.inject({ method: 'GET', url: '/api/v1/fleet/summary', headers: auth });
      assert.equal(res1.statusCode, 200, res1.body);
      const res2 = await t.app.inject({ method: 'POST', url: '/api/v1/custom-fields', headers: auth, payload: { key: 'owner', label: 'Owner', type: 'text' } });
      assert.equal(res2.statusCode, 201, res2.body);
    } finally {
      fleet.summary = summary;
      customFields.create = create;
    }
    const org = (await t.database.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id;
    assert.deepEqual(seen, [
      { role: APP_ROLE, org },
      { role: APP_ROLE, org },
    ]);
  });
});
