import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, checkin, enrollDevice, expectStatus, PASSWORD, platformAdmin } from '../auth/test-support.js';
import { createTestApp, type TestApp } from '../testing/app.js';

interface Entry {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: { requestId?: string; body?: Record<string, unknown>; before?: unknown; after?: unknown } | null;
}

describe('audit log', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let orgId: string;
  const entries = async (query = ''): Promise<Entry[]> => {
    const res = await call(t, admin, 'GET', `/api/v1/audit${query}`);
    expectStatus(res, 200, 'GET /audit');
    return res.json().items;
  };

  before(async () => {
    t = await createTestApp();
    admin = await platformAdmin(t);
    const me = (await call(t, admin, 'GET', '/api/v1/auth/me')).json();
    adminId = me.userId;
    orgId = me.orgId;
  });
  after(async () => t.close());

  test('a change writes who, what, which, when, from where, and the body without secrets', async () => {
    const res = await call(t, admin, 'POST', '/api/v1/users', { email: 'gina@example.test', password: PASSWORD, role: 'viewer' }, { 'x-request-id': 'req-gina' });
    expectStatus(res, 201);
    const [entry] = await entries('?action=users.create');
    assert.ok(entry);
    assert.equal(entry.actorType, 'user');
    assert.equal(entry.actorId, adminId);
    assert.equal(entry.targetType, 'users');
    assert.equal(entry.targetId, res.json().id, 'the id of what was created');
    assert.equal(entry.ip, '127.0.0.1');
    assert.ok(Math.abs(new Date(entry.at).getTime() - Date.now()) < 60_000);
    assert.equal(entry.details?.requestId, 'req-gina');
    assert.deepEqual(entry.details?.body, { email: 'gina@example.test', password: '[redacted]', role: 'viewer' });
    const raw = await t.database.pool.query('select details::text from audit_log');
    assert.ok(!raw.rows.some((r) => String(r.details).includes(PASSWORD)), 'no password anywhere in the log');

    expectStatus(await call(t, admin, 'PATCH', `/api/v1/users/${res.json().id}`, { role: 'operator' }), 200);
    const [changed] = await entries(`?targetId=${res.json().id}&action=users.change_role`);
    assert.deepEqual([changed?.details?.before, changed?.details?.after], [{ role: 'viewer' }, { role: 'operator' }]);
  });

  test('every successful change is logged, even on routes that say nothing about it; reads and failures are not', async () => {
    const before = (await entries()).length;
    const token = await call(t, admin, 'POST', '/api/v1/enrollment-tokens', { name: 'lab' });
    expectStatus(token, 201);
    expectStatus(await call(t, admin, 'DELETE', `/api/v1/enrollment-tokens/${token.json().id}`), 200);
    await call(t, admin, 'GET', '/api/v1/users');
    expectStatus(await call(t, admin, 'POST', '/api/v1/users', { email: 'bad', password: 'x', role: 'viewer' }), 400);
    const after = await entries();
    assert.equal(after.length, before + 2);
    assert.deepEqual(after.slice(0, 2).map((e) => [e.action, e.targetType, e.targetId]), [
      ['enrollment_tokens.delete', 'enrollment_tokens', token.json().id],
      ['enrollment_tokens.create', 'enrollment_tokens', token.json().id],
    ]);
    assert.equal((after[1]?.details?.body as { name?: string }).name, 'lab');
  });

  test('API keys, devices and logins are actors too', async () => {
    const key = (await call(t, admin, 'POST', '/api/v1/api-keys', { name: 'ci', role: 'operator' })).json();
    expectStatus(await call(t, key.key, 'POST', '/api/v1/enrollment-tokens', { name: 'from ci' }), 201);
    const [byKey] = await entries('?actorType=api_key');
    assert.deepEqual([byKey?.actorId, byKey?.action], [key.id, 'enrollment_tokens.create']);
    const [keyCreated] = await entries('?action=api_keys.create');
    assert.ok(!JSON.stringify(keyCreated).includes(key.key), 'the key is not in its own audit row');

    const device = await enrollDevice(t, admin, 'audit-host');
    const [enrolled] = await entries('?action=devices.enroll');
    assert.deepEqual([enrolled?.actorType, enrolled?.actorId, enrolled?.targetId], ['device', device.deviceId, device.deviceId]);
    assert.equal(enrolled?.details?.body?.token, '[redacted]');
    assert.equal(enrolled?.details?.body?.hostname, 'audit-host');

    expectStatus(await call(t, admin, 'POST', `/api/v1/devices/${device.deviceId}/credential/rotate`), 202);
    const response = (await checkin(t, device.credential)).json();
    assert.ok(response.newCredential);
    let issued: Entry | undefined;
    for (let i = 0; i < 40 && !issued; i++) {
      [issued] = await entries('?action=devices.credential.issue');
      if (!issued) await new Promise((r) => setTimeout(r, 25));
    }
    assert.deepEqual([issued?.actorType, issued?.actorId], ['device', device.deviceId]);
    assert.ok(!JSON.stringify(issued).includes(response.newCredential));

    await call(t, undefined, 'POST', '/api/v1/auth/login', { email: 'gina@example.test', password: PASSWORD });
    const [login] = await entries('?action=auth.login');
    assert.equal(login?.actorType, 'user');
    assert.equal(login?.details?.body?.password, '[redacted]');
  });

  test('filters, keyset pages and CSV', async () => {
    const all = await entries('?limit=1000');
    const page1 = (await call(t, admin, 'GET', '/api/v1/audit?limit=3')).json();
    assert.equal(page1.items.length, 3);
    const page2 = (await call(t, admin, 'GET', `/api/v1/audit?limit=3&cursor=${page1.nextCursor}`)).json();
    assert.deepEqual([...page1.items, ...page2.items].map((e: Entry) => e.id), all.slice(0, 6).map((e) => e.id));
    assert.ok((await entries('?action=users')).every((e) => e.action.startsWith('users.')));
    assert.ok((await entries(`?actor=${adminId}`)).every((e) => e.actorId === adminId));
    const future = new Date(Date.now() + 3_600_000).toISOString();
    assert.equal((await entries(`?from=${encodeURIComponent(future)}`)).length, 0);
    assert.equal((await entries(`?to=${encodeURIComponent(future)}`)).length, all.length);
    expectStatus(await call(t, admin, 'GET', '/api/v1/audit?cursor=abc'), 400);

    // A value a spreadsheet would execute is defused.
    expectStatus(await call(t, admin, 'POST', '/api/v1/enrollment-tokens', { name: '=HYPERLINK("http://evil")' }), 201);
    const csv = await call(t, admin, 'GET', '/api/v1/audit?format=csv&limit=5');
    expectStatus(csv, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const lines = csv.body.trimEnd().split('\r\n');
    assert.equal(lines[0], 'id,at,actor_type,actor_id,action,target_type,target_id,ip,details');
    assert.equal(lines.length, 6);
    assert.ok(csv.headers['x-next-cursor']);
    assert.ok(!/,=HYPERLINK/.test(csv.body) && !/,"=HYPERLINK/.test(csv.body));
  });

  test('auditors read the log; viewers and operators may not', async () => {
    for (const role of ['auditor', 'viewer', 'operator'] as const) {
      const email = `${role}-reader@example.test`;
      expectStatus(await call(t, admin, 'POST', '/api/v1/users', { email, password: PASSWORD, role }), 201);
      const token = (await call(t, undefined, 'POST', '/api/v1/auth/login', { email, password: PASSWORD })).json().accessToken;
      expectStatus(await call(t, token, 'GET', '/api/v1/audit'), role === 'auditor' ? 200 : 403, role);
    }
  });

  test('the table is append-only: UPDATE, DELETE and TRUNCATE are refused, even to the application\'s role', async () => {
    const count = async () => Number((await t.database.pool.query('select count(*) from audit_log where org_id = $1', [orgId])).rows[0].count);
    const n = await count();
    await assert.rejects(t.database.pool.query(`update audit_log set action = 'nothing.happened' where org_id = $1`, [orgId]), /append-only: UPDATE/);
    await assert.rejects(t.database.pool.query('delete from audit_log where org_id = $1', [orgId]), /append-only: DELETE/);
    await assert.rejects(t.database.pool.query('truncate audit_log'), /append-only: TRUNCATE/);
    assert.equal(await count(), n);

    // Deleting an organisation still takes its log with it (ON DELETE CASCADE), and only that one.
    const doomed = (await call(t, admin, 'POST', '/api/v1/orgs', { name: 'Doomed' })).json();
    const rows = async (id: string) => Number((await t.database.pool.query('select count(*) from audit_log where org_id = $1', [id])).rows[0].count);
    assert.ok((await rows(doomed.id)) > 0);
    await t.database.pool.query('delete from organizations where id = $1', [doomed.id]);
    assert.equal(await rows(doomed.id), 0);
    assert.equal(await count(), n);
  });
});
