import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, expectStatus, PASSWORD, platformAdmin, session } from '../auth/test-support.js';
import { createTestApp, type TestApp } from '../testing/app.js';

describe('organisations', () => {
  let t: TestApp;
  let platform: string;

  before(async () => {
    t = await createTestApp();
    platform = await platformAdmin(t);
  });
  after(async () => t.close());

  test('platform administrators create, list and rename organisations', async () => {
    const created = await call(t, platform, 'POST', '/api/v1/orgs', { name: 'Acme Robotics' });
    expectStatus(created, 201);
    const org = created.json();
    assert.equal(org.slug, 'acme-robotics');
    assert.equal(org.members, 1, 'the creator is its first admin');
    const duplicate = (await call(t, platform, 'POST', '/api/v1/orgs', { name: 'Acme Robotics' })).json();
    assert.match(duplicate.slug, /^acme-robotics-[0-9a-f]{6}$/);
    expectStatus(await call(t, platform, 'POST', '/api/v1/orgs', { name: 'Other', slug: 'acme-robotics' }), 409, 'a chosen slug that is taken');
    expectStatus(await call(t, platform, 'POST', '/api/v1/orgs', { name: 'Other', slug: 'Bad Slug' }), 400);

    const listed = (await call(t, platform, 'GET', '/api/v1/orgs')).json().items as Array<{ id: string }>;
    assert.equal(listed.length, 3);
    const renamed = await call(t, platform, 'PATCH', `/api/v1/orgs/${org.id}`, { name: 'Acme' });
    expectStatus(renamed, 200);
    assert.equal(renamed.json().name, 'Acme');
    assert.equal(renamed.json().slug, 'acme-robotics', 'the slug stays');
    expectStatus(await call(t, platform, 'PATCH', '/api/v1/orgs/00000000-0000-4000-8000-000000000000', { name: 'x' }), 404);

    // Its audit log tells its admins who created and renamed it.
    const there = (await call(t, platform, 'POST', '/api/v1/auth/switch-org', { orgId: org.id })).json().accessToken as string;
    const actions = ((await call(t, there, 'GET', '/api/v1/audit')).json().items as Array<{ action: string }>).map((e) => e.action);
    assert.ok(actions.includes('orgs.create') && actions.includes('orgs.rename'), actions.join());
  });

  test('organisation admins and API keys cannot manage organisations', async () => {
    const orgAdmin = await call(t, platform, 'POST', '/api/v1/users', { email: 'orgadmin@example.test', password: PASSWORD, role: 'admin' });
    expectStatus(orgAdmin, 201);
    const token = (await session(t, 'orgadmin@example.test', PASSWORD)).accessToken;
    const key = (await call(t, platform, 'POST', '/api/v1/api-keys', { name: 'k', role: 'admin' })).json().key as string;
    for (const caller of [token, key]) {
      expectStatus(await call(t, caller, 'GET', '/api/v1/orgs'), 403);
      expectStatus(await call(t, caller, 'POST', '/api/v1/orgs', { name: 'Mine' }), 403);
    }
    expectStatus(await call(t, undefined, 'GET', '/api/v1/orgs'), 401);
  });
});
