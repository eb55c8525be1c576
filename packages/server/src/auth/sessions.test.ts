import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { createTestApp, TEST_ADMIN, type TestApp } from '../testing/app.js';
import { PrincipalCache } from './principals.js';
import { AuthStore } from './store.js';
import { call, expectStatus, PASSWORD, platformAdmin, secondProcess, session, sleep } from './test-support.js';
import { totpCode } from './totp.js';

describe('access tokens and sessions', () => {
  let t: TestApp;
  let admin: string;
  let orgId: string;
  let ann: { id: string; email: string };

  before(async () => {
    t = await createTestApp();
    admin = await platformAdmin(t);
    orgId = (await call(t, admin, 'GET', '/api/v1/auth/me')).json().orgId;
    const created = await call(t, admin, 'POST', '/api/v1/users', { email: 'ann@example.test', password: PASSWORD, role: 'operator' });
    expectStatus(created, 201);
    ann = { id: created.json().id, email: 'ann@example.test' };
  });
  after(async () => t.close());

  test('an expired access token is 401 token_expired; a tampered or foreign one is 401', async () => {
    const familyId = randomUUID();
    const old = await t.services.tokens.sign({ userId: ann.id, orgId, role: 'operator', familyId }, Date.now() - 16 * 60_000);
    const expired = await call(t, old, 'GET', '/api/v1/auth/me');
    expectStatus(expired, 401);
    assert.equal(expired.json().error.code, 'token_expired');

    const fresh = await t.services.tokens.sign({ userId: ann.id, orgId, role: 'operator', familyId }, Date.now() - 14 * 60_000);
    expectStatus(await call(t, fresh, 'GET', '/api/v1/auth/me'), 200, 'a 14-minute-old token');

    // Signed with another key, claiming admin: jose makes a perfectly formed token, just not ours.
    const foreign = await new SignJWT({ org: orgId, role: 'admin', sid: familyId, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(ann.id)
      .setIssuer('muster')
      .setAudience('muster-api')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('not-the-server-secret-but-long-enough-0123'));
    expectStatus(await call(t, foreign, 'GET', '/api/v1/auth/me'), 401, 'foreign key');

    const [header, payload, signature] = fresh.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const elevated = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${signature}`;
    expectStatus(await call(t, elevated, 'GET', '/api/v1/users'), 401, 'payload changed');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expectStatus(await call(t, none, 'GET', '/api/v1/auth/me'), 401, 'alg none');
  });

  test('the current role counts, not the one in the token', async () => {
    const token = (await session(t, ann.email, PASSWORD)).accessToken;
    expectStatus(await call(t, token, 'POST', '/api/v1/enrollment-tokens', { name: 'x' }), 201, 'operator may');
    expectStatus(await call(t, admin, 'PATCH', `/api/v1/users/${ann.id}`, { role: 'viewer' }), 200);
    const denied = await call(t, token, 'POST', '/api/v1/enrollment-tokens', { name: 'x' });
    expectStatus(denied, 403, 'demoted to viewer');
    assert.match(denied.json().error.message, /viewer/);
    expectStatus(await call(t, admin, 'PATCH', `/api/v1/users/${ann.id}`, { role: 'operator' }), 200);
    expectStatus(await call(t, token, 'POST', '/api/v1/enrollment-tokens', { name: 'x' }), 201, 'promoted back');
  });

  test('a disabled user is rejected at once here, and within seconds in another process', async () => {
    const other = await secondProcess(t);
    try {
      const token = (await session(t, ann.email, PASSWORD)).accessToken;
      expectStatus(await call(t, token, 'GET', '/api/v1/devices'), 200);
      // Warm the other process's cache: it now believes ann may act.
      expectStatus(await other.app.inject({ url: '/api/v1/devices', headers: { authorization: `Bearer ${token}` } }), 200);

      expectStatus(await call(t, admin, 'POST', `/api/v1/users/${ann.id}/disable`), 200);
      const here = await call(t, token, 'GET', '/api/v1/devices');
      expectStatus(here, 401, 'same process');
      assert.equal(here.json().error.code, 'session_revoked');
      // The bus notification reaches the other process well within the 5-second cache lifetime.
      const started = Date.now();
      let status = 200;
      while (status === 200 && Date.now() - started < 4_000) {
        status = (await other.app.inject({ url: '/api/v1/devices', headers: { authorization: `Bearer ${token}` } })).statusCode;
        if (status === 200) await sleep(25);
      }
      assert.equal(status, 401, 'other process');
      const login = await call(t, undefined, 'POST', '/api/v1/auth/login', { email: ann.email, password: PASSWORD });
      expectStatus(login, 403, 'no enabled membership left');

      expectStatus(await call(t, admin, 'POST', `/api/v1/users/${ann.id}/enable`), 200);
      expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/login', { email: ann.email, password: PASSWORD }), 200, 'enabled again');
    } finally {
      await other.close();
    }
  });

  test('without any notification, the cache forgets within its 5-second lifetime', async () => {
    let now = 1_000_000;
    const cache = new PrincipalCache(new AuthStore(t.database.db), () => now);
    assert.equal((await cache.get(ann.id, orgId)).role, 'operator');
    await t.database.pool.query('update memberships set disabled_at = now() where user_id = $1', [ann.id]);
    try {
      now += 4_900;
      assert.equal((await cache.get(ann.id, orgId)).role, 'operator', 'still cached');
      now += 200;
      assert.equal((await cache.get(ann.id, orgId)).role, null, 'expired after 5 s');
    } finally {
      await t.database.pool.query('update memberships set disabled_at = null where user_id = $1', [ann.id]);
    }
  });

  test('logout ends the access token too, and a removed member is out at once', async () => {
    const s = await session(t, ann.email, PASSWORD);
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/logout', { refreshToken: s.refreshToken }), 204);
    expectStatus(await call(t, s.accessToken, 'GET', '/api/v1/auth/me'), 401, 'after logout');

    const bob = await call(t, admin, 'POST', '/api/v1/users', { email: 'bob@example.test', password: PASSWORD, role: 'viewer' });
    const bobToken = (await session(t, 'bob@example.test', PASSWORD)).accessToken;
    expectStatus(await call(t, bobToken, 'GET', '/api/v1/auth/me'), 200);
    expectStatus(await call(t, admin, 'DELETE', `/api/v1/users/${bob.json().id}`), 204);
    expectStatus(await call(t, bobToken, 'GET', '/api/v1/auth/me'), 401, 'removed');
    const { rows } = await t.database.pool.query('select 1 from users where id = $1', [bob.json().id]);
    assert.equal(rows.length, 0, 'an account in no organisation is deleted');
  });

  test('refresh rotates; reuse revokes the family and its access tokens', async () => {
    const first = await session(t, ann.email, PASSWORD);
    const second = (await call(t, undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: first.refreshToken })).json();
    expectStatus(await call(t, second.accessToken, 'GET', '/api/v1/auth/me'), 200);
    const replay = await call(t, undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: first.refreshToken });
    expectStatus(replay, 401);
    assert.equal(replay.json().error.code, 'refresh_token_reused');
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: second.refreshToken }), 401, 'newer refresh token');
    expectStatus(await call(t, second.accessToken, 'GET', '/api/v1/auth/me'), 401, 'the family\'s access token');
  });

  test('switch-org issues a session in another membership, refreshable there; not into a foreign organisation', async () => {
    const created = await call(t, admin, 'POST', '/api/v1/orgs', { name: 'Second' });
    expectStatus(created, 201);
    const second = created.json().id as string;
    expectStatus(await call(t, admin, 'POST', '/api/v1/auth/switch-org', { orgId: randomUUID() }), 404, 'not a member');

    const switched = await call(t, admin, 'POST', '/api/v1/auth/switch-org', { orgId: second });
    expectStatus(switched, 200);
    const s = switched.json();
    assert.equal(s.orgId, second);
    const me = (await call(t, s.accessToken, 'GET', '/api/v1/auth/me')).json();
    assert.equal(me.orgId, second);
    assert.equal(me.organizations.length, 2);
    const refreshed = await call(t, undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: s.refreshToken });
    expectStatus(refreshed, 200);
    assert.equal(refreshed.json().orgId, second);

    // ann is in the first organisation only.
    const annToken = (await session(t, ann.email, PASSWORD)).accessToken;
    expectStatus(await call(t, annToken, 'POST', '/api/v1/auth/switch-org', { orgId: second }), 404, 'ann is no member');
    // And the switch-org refresh chain has reuse detection like any other.
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: s.refreshToken }), 401, 'spent');
  });

  test('changing one\'s password ends the other sessions, keeps this one', async () => {
    const carol = await call(t, admin, 'POST', '/api/v1/users', { email: 'carol@example.test', password: PASSWORD, role: 'viewer' });
    expectStatus(carol, 201);
    const here = await session(t, 'carol@example.test', PASSWORD);
    const elsewhere = await session(t, 'carol@example.test', PASSWORD);

    const wrong = await call(t, here.accessToken, 'POST', '/api/v1/auth/password', { current: 'not my password', new: 'A new and long one 77' });
    expectStatus(wrong, 400);
    assert.equal(wrong.json().error.code, 'wrong_password');
    expectStatus(await call(t, here.accessToken, 'POST', '/api/v1/auth/password', { current: PASSWORD, new: 'short' }), 400, 'weak');

    expectStatus(await call(t, here.accessToken, 'POST', '/api/v1/auth/password', { current: PASSWORD, new: 'A new and long one 77' }), 204);
    expectStatus(await call(t, here.accessToken, 'GET', '/api/v1/auth/me'), 200, 'this session stays');
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: here.refreshToken }), 200, 'and refreshes');
    expectStatus(await call(t, elsewhere.accessToken, 'GET', '/api/v1/auth/me'), 401, 'the other access token');
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/refresh', { refreshToken: elsewhere.refreshToken }), 401, 'the other refresh token');
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/login', { email: 'carol@example.test', password: PASSWORD }), 401, 'old password');
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/login', { email: 'carol@example.test', password: 'A new and long one 77' }), 200, 'new password');
  });

  test('API keys cannot use the routes that are for people', async () => {
    const key = (await call(t, admin, 'POST', '/api/v1/api-keys', { name: 'ci', role: 'admin' })).json().key as string;
    for (const [method, url, body] of [
      ['POST', '/api/v1/auth/password', { current: 'x', new: 'y' }],
      ['POST', '/api/v1/auth/totp/setup', undefined],
      ['POST', '/api/v1/auth/switch-org', { orgId }],
      ['GET', '/api/v1/orgs', undefined],
    ] as const) {
      expectStatus(await call(t, key, method, url, body), 403, `${method} ${url}`);
    }
    const me = (await call(t, key, 'GET', '/api/v1/auth/me')).json();
    assert.equal(me.kind, 'api_key');
    assert.deepEqual(me.organizations, []);
  });
});

describe('login lockout', () => {
  let t: TestApp;
  const lockedRow = (key: string) => t.database.pool.query<{ failures: number; locked_until: Date | null }>('select failures, locked_until from login_throttle where key = $1', [key]);
  const login = (email: string, password: string, ip = '203.0.113.7') => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('5 failures lock the account for a minute, the same for an unknown account; then it doubles', async () => {
    for (const email of [TEST_ADMIN.email, 'nobody-at-all@example.test']) {
      for (let i = 0; i < 5; i++) expectStatus(await login(email, 'wrong password!'), 401, `failure ${i + 1}`);
      // Locked: even the right password is refused, before it is checked.
      const locked = await login(email, email === TEST_ADMIN.email ? TEST_ADMIN.password : 'wrong password!');
      expectStatus(locked, 429, email);
      assert.equal(locked.json().error.code, 'login_locked');
      const retryAfter = Number(locked.headers['retry-after']);
      assert.ok(retryAfter > 50 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    }

    // A minute passes (moved in the database rather than waited for): the next failure locks for 2.
    await t.database.pool.query(`update login_throttle set locked_until = now() - interval '1 second' where key like 'account:%'`);
    expectStatus(await login(TEST_ADMIN.email, 'wrong password!'), 401, '6th failure');
    const again = await login(TEST_ADMIN.email, TEST_ADMIN.password);
    expectStatus(again, 429);
    const retryAfter = Number(again.headers['retry-after']);
    assert.ok(retryAfter > 110 && retryAfter <= 120, `Retry-After ${retryAfter}`);

    await t.database.pool.query(`update login_throttle set locked_until = now() - interval '1 second' where key like 'account:%'`);
    expectStatus(await login(TEST_ADMIN.email, 'wrong password!'), 401, '7th failure');
    assert.ok(Number((await login(TEST_ADMIN.email, TEST_ADMIN.password)).headers['retry-after']) > 230, '4 minutes');

    // The cap: 30 minutes however many failures.
    await t.database.pool.query(`update login_throttle set failures = 40, locked_until = now() - interval '1 second' where key like 'account:%'`);
    expectStatus(await login(TEST_ADMIN.email, 'wrong password!'), 401);
    assert.equal(Number((await login(TEST_ADMIN.email, TEST_ADMIN.password)).headers['retry-after']), 1800);

    // Once the lock ends, the right password gets in and clears the account's count.
    await t.database.pool.query(`update login_throttle set locked_until = now() - interval '1 second'`);
    expectStatus(await login(TEST_ADMIN.email, TEST_ADMIN.password), 200);
    const { rows } = await t.database.pool.query(`select count(*)::int as n from login_throttle where key like 'account:%'`);
    assert.equal(rows[0].n, 1, 'only the unknown account is still counted');
  });

  test('the e-mail is not stored readable, and the lock is shared by every process', async () => {
    const { rows } = await t.database.pool.query<{ key: string }>('select key from login_throttle');
    assert.ok(rows.every((r) => !r.key.includes('@')), JSON.stringify(rows));
    for (let i = 0; i < 5; i++) await login('shared@example.test', 'wrong password!');
    const other = await secondProcess(t);
    try {
      const res = await other.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'shared@example.test', password: 'x' }, remoteAddress: '198.51.100.1' });
      expectStatus(res, 429, 'other process');
    } finally {
      await other.close();
    }
  });

  test('20 failures from one address lock the address, for every account; other addresses are unaffected', async () => {
    const ip = '192.0.2.55';
    for (let i = 0; i < 20; i++) expectStatus(await login(`spray${i}@example.test`, 'Summer-2024 guess', ip), 401, `spray ${i}`);
    const locked = await login(TEST_ADMIN.email, TEST_ADMIN.password, ip);
    expectStatus(locked, 429, 'locked address');
    assert.ok(Number(locked.headers['retry-after']) > 0);
    expectStatus(await login(TEST_ADMIN.email, TEST_ADMIN.password, '192.0.2.56'), 200, 'another address');
    const row = (await lockedRow(`ip:${ip}`)).rows[0];
    assert.equal(row?.failures, 20);
  });
});

describe('two-factor authentication', () => {
  let t: TestApp;
  let token: string;
  let secret: string;

  before(async () => {
    t = await createTestApp();
    token = await platformAdmin(t);
  });
  after(async () => t.close());

  test('setup gives a secret once; it is stored encrypted and never shown again', async () => {
    const setup = await call(t, token, 'POST', '/api/v1/auth/totp/setup');
    expectStatus(setup, 200);
    secret = setup.json().secret;
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.match(setup.json().otpauthUrl, /^otpauth:\/\/totp\/Muster:admin%40example\.test\?secret=/);
    const { rows } = await t.database.pool.query('select totp_pending_secret, totp_secret from users where email = $1', [TEST_ADMIN.email]);
    assert.ok(rows[0].totp_pending_secret && !String(rows[0].totp_pending_secret).includes(secret), 'sealed at rest');
    assert.equal(rows[0].totp_secret, null, 'not active before a code confirms it');
    for (const url of ['/api/v1/users', '/api/v1/auth/me']) assert.ok(!(await call(t, token, 'GET', url)).body.includes(secret), url);
    // Logins do not need a code yet.
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/login', TEST_ADMIN), 200);
  });

  test('enable needs a right code; then login needs one, once each', async () => {
    const bad = await call(t, token, 'POST', '/api/v1/auth/totp/enable', { code: totpCode(secret, Date.now() - 10 * 60_000) });
    expectStatus(bad, 400);
    assert.equal(bad.json().error.code, 'invalid_totp');
    expectStatus(await call(t, token, 'POST', '/api/v1/auth/totp/enable', { code: totpCode(secret, Date.now() - 30_000) }), 204);
    expectStatus(await call(t, token, 'POST', '/api/v1/auth/totp/setup'), 409, 'already enabled');
    assert.equal((await call(t, token, 'GET', '/api/v1/users')).json().items[0].totpEnabled, true);

    const missing = await call(t, undefined, 'POST', '/api/v1/auth/login', TEST_ADMIN);
    expectStatus(missing, 401);
    assert.equal(missing.json().error.code, 'totp_required');
    const wrong = await call(t, undefined, 'POST', '/api/v1/auth/login', { ...TEST_ADMIN, totpCode: totpCode(secret, Date.now() + 5 * 60_000) });
    expectStatus(wrong, 401);
    assert.equal(wrong.json().error.code, 'invalid_totp');
    const code = totpCode(secret);
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/login', { ...TEST_ADMIN, totpCode: code }), 200, 'right code');
    const replay = await call(t, undefined, 'POST', '/api/v1/auth/login', { ...TEST_ADMIN, totpCode: code });
    expectStatus(replay, 401, 'the same code again');
    assert.equal(replay.json().error.code, 'invalid_totp');
    // A wrong password never reveals whether a code is needed.
    assert.equal((await call(t, undefined, 'POST', '/api/v1/auth/login', { ...TEST_ADMIN, password: 'wrong password!' })).json().error.code, 'invalid_credentials');
  });

  test('disable needs a valid code', async () => {
    expectStatus(await call(t, token, 'DELETE', '/api/v1/auth/totp', { code: '000000' === totpCode(secret) ? '111111' : '000000' }), 400, 'wrong code');
    expectStatus(await call(t, token, 'DELETE', '/api/v1/auth/totp', { code: totpCode(secret, Date.now() + 30_000) }), 204);
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/login', TEST_ADMIN), 200, 'no code needed any more');
    const { rows } = await t.database.pool.query('select totp_secret, totp_pending_secret from users where email = $1', [TEST_ADMIN.email]);
    assert.deepEqual(rows[0], { totp_secret: null, totp_pending_secret: null });
  });
});

