import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, TEST_ADMIN, type TestApp } from '../testing/app.js';

describe('HTTP foundation', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('healthz and readyz answer, readyz checking database and bus', async () => {
    assert.equal((await t.app.inject('/healthz')).statusCode, 200);
    const ready = await t.app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready', checks: { database: 'ok', bus: 'ok' } });
  });

  test('metrics are exposed in Prometheus format, labelled by route pattern', async () => {
    await t.app.inject('/healthz');
    const res = await t.app.inject('/metrics');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /muster_http_request_duration_seconds_bucket\{.*route="\/healthz"/);
    assert.match(res.body, /muster_process_cpu_seconds_total/);
  });

  test('the OpenAPI document lists the routes with their permissions', async () => {
    const res = await t.app.inject('/api/v1/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { 'x-permission'?: string; description?: string }>> };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/auth/login']?.post);
    assert.equal(doc.paths['/api/v1/users']?.get?.['x-permission'], 'users:read');
    assert.match(doc.paths['/api/v1/users']?.post?.description ?? '', /users:write/);
    const ui = await t.app.inject('/api/docs/');
    assert.equal(ui.statusCode, 200);
  });

  test('errors are { error: { code, message } } with the right status', async () => {
    const missing = await t.app.inject('/api/v1/nothing-here');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'not_found');

    const badJson = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email": ' });
    assert.equal(badJson.statusCode, 400);
    assert.equal(badJson.json().error.code, 'invalid_json');

    const invalid = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x', password: 5 } });
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.json().error.code, 'validation_failed');
    assert.ok(Array.isArray(invalid.json().error.details));
    assert.match(invalid.json().error.message, /body\/email/);

    const huge = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'a'.repeat(2 * 1024 * 1024) }) });
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().error.code, 'payload_too_large');

    const wrongType = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    assert.equal(wrongType.statusCode, 415);
    assert.equal(wrongType.json().error.code, 'unsupported_media_type');
  });

  test('every response carries a request id, and a given one is echoed', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(res.headers['x-request-id'], 'abc-123');
    const generated = await t.app.inject('/healthz');
    assert.match(String(generated.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  test('the console is served, and unknown non-API paths fall back to it', async () => {
    const res = await t.app.inject({ url: '/devices/123', headers: { accept: 'text/html' } });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
  });
});

describe('authentication', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('login gives an access token that opens protected routes', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: TEST_ADMIN });
    assert.equal(res.statusCode, 200);
    const session = res.json();
    assert.equal(session.tokenType, 'Bearer');
    assert.equal(session.expiresIn, 900);
    assert.match(session.refreshToken, /^mrt_/);
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${session.accessToken}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().role, 'admin');
  });

  test('a wrong password, an unknown user and a missing or tampered token are 401', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { ...TEST_ADMIN, password: 'not the password' } });
    assert.equal(wrong.statusCode, 401);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.test', password: 'whatever password' } });
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json());
    assert.equal((await t.app.inject('/api/v1/users')).statusCode, 401);
    const token = await t.login();
    const tampered = `${token.slice(0, -3)}${token.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`;
    const res = await t.app.inject({ url: '/api/v1/users', headers: { authorization: `Bearer ${tampered}` } });
    assert.equal(res.statusCode, 401);
    const malformed = await t.app.inject({ url: '/api/v1/users', headers: { authorization: 'Basic abc' } });
    assert.equal(malformed.statusCode, 401);
  });

  test('refresh rotates the token; reusing a spent one revokes the family', async () => {
    const first = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: TEST_ADMIN })).json();
    const second = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: first.refreshToken } });
    assert.equal(second.statusCode, 200);
    const secondSession = second.json();
    assert.notEqual(secondSession.refreshToken, first.refreshToken);
    const replay = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: first.refreshToken } });
    assert.equal(replay.statusCode, 401);
    assert.equal(replay.json().error.code, 'refresh_token_reused');
    // The legitimate holder's newer token died with the family.
    const after = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: secondSession.refreshToken } });
    assert.equal(after.statusCode, 401);
  });

  test('logout revokes the refresh token', async () => {
    const session = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: TEST_ADMIN })).json();
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: { refreshToken: session.refreshToken } })).statusCode, 204);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: session.refreshToken } });
    assert.equal(res.statusCode, 401);
  });

  test('an admin creates users; a viewer may read but not create', async () => {
    const admin = await t.login();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: { email: 'viewer@example.test', password: 'reading glasses 4821', role: 'viewer' },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().role, 'viewer');
    assert.equal(created.json().password, undefined);
    assert.equal(created.json().passwordHash, undefined);

    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: { email: 'VIEWER@example.test', password: 'reading glasses 4821', role: 'viewer' },
    });
    assert.equal(duplicate.statusCode, 409);

    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: { email: 'weak@example.test', password: 'short', role: 'viewer' },
    });
    assert.equal(weak.statusCode, 400);

    const viewer = await t.login('viewer@example.test', 'reading glasses 4821');
    assert.equal((await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${viewer}` } })).statusCode, 200);
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${viewer}` },
      payload: { email: 'x@example.test', password: 'another password 1', role: 'admin' },
    });
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().error.code, 'forbidden');
  });
});
