import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, expectStatus, PASSWORD, platformAdmin, session } from '../auth/test-support.js';
import { createTestApp, TEST_ADMIN, type TestApp } from '../testing/app.js';

describe('members and invitations', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;

  before(async () => {
    t = await createTestApp();
    admin = await platformAdmin(t);
    adminId = (await call(t, admin, 'GET', '/api/v1/auth/me')).json().userId;
  });
  after(async () => t.close());

  test('an invitation is a one-time link, valid 72 hours, stored hashed', async () => {
    const invited = await call(t, admin, 'POST', '/api/v1/users/invitations', { email: 'Dana@Example.test', role: 'operator' });
    expectStatus(invited, 201);
    const { status, token, acceptPath, invitation } = invited.json();
    assert.equal(status, 'invited');
    assert.match(token, /^min_/);
    assert.equal(acceptPath, `/accept-invite#token=${token}`);
    const hours = (new Date(invitation.expiresAt).getTime() - Date.now()) / 3_600_000;
    assert.ok(hours > 71.9 && hours <= 72, `${hours} h`);
    const listed = await call(t, admin, 'GET', '/api/v1/users/invitations');
    assert.ok(!listed.body.includes(token));
    const { rows } = await t.database.pool.query('select token_hash from invitations where id = $1', [invitation.id]);
    assert.notEqual(rows[0].token_hash, token);

    expectStatus(await call(t, admin, 'POST', '/api/v1/users/invitations', { email: 'dana@example.test', role: 'viewer' }), 409, 'one open invitation per address');
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/accept-invite', { token, password: 'short' }), 400, 'weak password');
    const accepted = await call(t, undefined, 'POST', '/api/v1/auth/accept-invite', { token, password: PASSWORD, displayName: 'Dana' });
    expectStatus(accepted, 200, 'accepted (the weak attempt did not spend it)');
    assert.equal(accepted.json().role, 'operator');
    expectStatus(await call(t, accepted.json().accessToken, 'POST', '/api/v1/enrollment-tokens', {}), 201, 'acts as operator');
    const again = await call(t, undefined, 'POST', '/api/v1/auth/accept-invite', { token, password: PASSWORD });
    expectStatus(again, 401, 'spent');
    assert.equal(again.json().error.code, 'invalid_invitation');
  });

  test('expired and revoked invitations do not work; an existing account is added directly', async () => {
    const expired = (await call(t, admin, 'POST', '/api/v1/users/invitations', { email: 'late@example.test', role: 'viewer' })).json();
    await t.database.pool.query(`update invitations set expires_at = now() - interval '1 second' where id = $1`, [expired.invitation.id]);
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/accept-invite', { token: expired.token, password: PASSWORD }), 401, 'expired');
    expectStatus(await call(t, admin, 'POST', '/api/v1/users/invitations', { email: 'late@example.test', role: 'viewer' }), 201, 'an expired invitation does not block a new one');

    const revoked = (await call(t, admin, 'POST', '/api/v1/users/invitations', { email: 'never@example.test', role: 'viewer' })).json();
    expectStatus(await call(t, admin, 'DELETE', `/api/v1/users/invitations/${revoked.invitation.id}`), 200);
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/accept-invite', { token: revoked.token, password: PASSWORD }), 401, 'revoked');

    // Someone with an account in another organisation: added at once, no link.
    const org = (await call(t, admin, 'POST', '/api/v1/orgs', { name: 'Elsewhere' })).json();
    const there = (await call(t, admin, 'POST', '/api/v1/auth/switch-org', { orgId: org.id })).json().accessToken as string;
    expectStatus(await call(t, there, 'POST', '/api/v1/users', { email: 'eve@example.test', password: PASSWORD, role: 'viewer' }), 201);
    const added = await call(t, admin, 'POST', '/api/v1/users/invitations', { email: 'eve@example.test', role: 'auditor' });
    expectStatus(added, 201);
    assert.equal(added.json().status, 'added');
    assert.equal(added.json().user.role, 'auditor');
    assert.equal(added.json().token, undefined);
    expectStatus(await call(t, admin, 'POST', '/api/v1/users/invitations', { email: 'eve@example.test', role: 'auditor' }), 409, 'already a member');
    const eve = await session(t, 'eve@example.test', PASSWORD, { orgId: org.id });
    assert.equal((await call(t, eve.accessToken, 'GET', '/api/v1/auth/me')).json().organizations.length, 2);

    // A shared account: this organisation's admin may not reset its password, a platform admin may.
    const eveId = added.json().user.id as string;
    const orgAdmin = await call(t, admin, 'POST', '/api/v1/users', { email: 'orgadmin@example.test', password: PASSWORD, role: 'admin' });
    expectStatus(orgAdmin, 201);
    const orgAdminToken = (await session(t, 'orgadmin@example.test', PASSWORD)).accessToken;
    const refused = await call(t, orgAdminToken, 'POST', `/api/v1/users/${eveId}/password`, { password: 'Another one 2024 ok' });
    expectStatus(refused, 409);
    assert.equal(refused.json().error.code, 'shared_account');
    const platformTarget = await call(t, orgAdminToken, 'POST', `/api/v1/users/${adminId}/password`, { password: 'Takeover attempt 2024' });
    expectStatus(platformTarget, 409, 'the platform administrator\'s own account');
    expectStatus(await call(t, admin, 'POST', `/api/v1/users/${eveId}/password`, { password: 'Another one 2024 ok' }), 204, 'platform admin');
    expectStatus(await call(t, eve.accessToken, 'GET', '/api/v1/auth/me'), 401, 'her sessions ended');
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/login', { email: 'eve@example.test', password: 'Another one 2024 ok' }), 200);

    // Removing her here leaves her account (she belongs elsewhere) and that membership alone.
    expectStatus(await call(t, orgAdminToken, 'DELETE', `/api/v1/users/${eveId}`), 204);
    const { rows } = await t.database.pool.query('select org_id from memberships where user_id = $1', [eveId]);
    assert.deepEqual(rows.map((r) => r.org_id), [org.id]);
  });

  test('an organisation always keeps an enabled admin', async () => {
    const org = (await call(t, admin, 'POST', '/api/v1/orgs', { name: 'Lonely' })).json();
    const there = (await call(t, admin, 'POST', '/api/v1/auth/switch-org', { orgId: org.id })).json().accessToken as string;
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/users/${adminId}`, { role: 'viewer' }],
      ['POST', `/api/v1/users/${adminId}/disable`, undefined],
      ['DELETE', `/api/v1/users/${adminId}`, undefined],
    ] as const) {
      const res = await call(t, there, method, url, body);
      expectStatus(res, 409, `${method} ${url}`);
      assert.equal(res.json().error.code, 'last_admin');
    }
    const second = (await call(t, there, 'POST', '/api/v1/users', { email: 'second-admin@example.test', password: PASSWORD, role: 'admin' })).json();
    expectStatus(await call(t, there, 'POST', `/api/v1/users/${second.id}/disable`), 200);
    expectStatus(await call(t, there, 'PATCH', `/api/v1/users/${adminId}`, { role: 'viewer' }), 409, 'the other admin is disabled');
    expectStatus(await call(t, there, 'POST', `/api/v1/users/${second.id}/enable`), 200);
    expectStatus(await call(t, there, 'PATCH', `/api/v1/users/${adminId}`, { role: 'operator' }), 200, 'now another admin exists');
  });

  test('an org admin disables a member for this organisation only', async () => {
    const list = (await call(t, admin, 'GET', '/api/v1/users')).json().items as Array<{ email: string; disabledAt: string | null }>;
    assert.ok(list.some((u) => u.email === TEST_ADMIN.email));
    const frank = (await call(t, admin, 'POST', '/api/v1/users', { email: 'frank@example.test', password: PASSWORD, role: 'viewer' })).json();
    const disabled = await call(t, admin, 'POST', `/api/v1/users/${frank.id}/disable`);
    expectStatus(disabled, 200);
    assert.ok(disabled.json().disabledAt);
    const { rows } = await t.database.pool.query('select disabled_at from users where id = $1', [frank.id]);
    assert.equal(rows[0].disabled_at, null, 'the account itself stays enabled');
    expectStatus(await call(t, admin, 'POST', `/api/v1/users/${frank.id}/enable`), 200);
    assert.equal((await call(t, admin, 'GET', `/api/v1/users/${frank.id}`)).json().disabledAt, null);
  });
});
