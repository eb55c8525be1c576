import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, enrollDevice, expectStatus, PASSWORD, platformAdmin, secondProcess, session } from '../auth/test-support.js';
import { createTestApp, type TestApp } from '../testing/app.js';

const AGENT = { agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' } };

describe('HTTP hardening', () => {
  let t: TestApp;
  let admin: string;

  before(async () => {
    t = await createTestApp({ workers: false });
    admin = await platformAdmin(t);
  });
  after(async () => t.close());

  test('per address: N requests a minute, then 429 rate_limited with Retry-After; other addresses are unaffected', async () => {
    const limited = await secondProcess(t, { rateLimitIp: 5 });
    try {
      for (let i = 0; i < 5; i++) expectStatus(await limited.app.inject({ url: '/healthz', remoteAddress: '198.51.100.9' }), 200, `request ${i + 1}`);
      const refused = await limited.app.inject({ url: '/api/v1/auth/login', method: 'POST', payload: { email: 'a@b.c', password: 'x' }, remoteAddress: '198.51.100.9' });
      expectStatus(refused, 429);
      assert.equal(refused.json().error.code, 'rate_limited');
      assert.equal(refused.headers['retry-after'], '12');
      assert.equal(refused.headers['x-content-type-options'], 'nosniff', 'security headers on a 429 too');
      expectStatus(await limited.app.inject({ url: '/healthz', remoteAddress: '198.51.100.10' }), 200, 'another address');
    } finally {
      await limited.close();
    }
  });

  test('per user and per API key on the REST API', async () => {
    const limited = await secondProcess(t, { rateLimitUser: 3 });
    try {
      const other = await call(t, admin, 'POST', '/api/v1/users', { email: 'rl@example.test', password: PASSWORD, role: 'viewer' });
      expectStatus(other, 201);
      const otherToken = (await session(t, 'rl@example.test', PASSWORD)).accessToken;
      const key = (await call(t, admin, 'POST', '/api/v1/api-keys', { name: 'rl', role: 'viewer' })).json().key as string;
      const get = (token: string) => limited.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
      for (let i = 0; i < 3; i++) expectStatus(await get(admin), 200);
      const refused = await get(admin);
      expectStatus(refused, 429);
      assert.match(refused.json().error.message, /for this user/);
      assert.ok(Number(refused.headers['retry-after']) > 0);
      expectStatus(await get(otherToken), 200, 'another user');
      for (let i = 0; i < 3; i++) expectStatus(await get(key), 200, 'an API key has a bucket of its own');
      assert.match((await get(key)).json().error.message, /with this API key/);
    } finally {
      await limited.close();
    }
  });

  test('per device on the agent API; devices behind one address do not share a limit, failed credentials drain it', async () => {
    const limited = await secondProcess(t, { rateLimitDevice: 3, rateLimitIp: 4 });
    try {
      const a = await enrollDevice(t, admin, 'rl-a');
      const b = await enrollDevice(t, admin, 'rl-b');
      const checkin = (credential: string) => limited.app.inject({ method: 'POST', url: '/agent/v1/checkin', headers: { authorization: `Bearer ${credential}` }, payload: AGENT, remoteAddress: '203.0.113.50' });
      for (let i = 0; i < 3; i++) {
        expectStatus(await checkin(a.credential), 200, `a ${i + 1}`);
        expectStatus(await checkin(b.credential), 200, `b ${i + 1} (6 requests from one address > its limit of 4)`);
      }
      const refused = await checkin(a.credential);
      expectStatus(refused, 429, 'a is over its limit');
      assert.match(refused.json().error.message, /from this device/);

      // Guessing credentials from the address drains its bucket: then even valid devices there wait.
      for (let i = 0; i < 4; i++) expectStatus(await checkin(`mdc_guess_${i}_${'x'.repeat(20)}`), 401, `guess ${i + 1}`);
      const blocked = await checkin(b.credential);
      expectStatus(blocked, 429, 'address drained by failures');
      assert.match(blocked.json().error.message, /from this address/);
    } finally {
      await limited.close();
    }
  });

  test('a whole site enrolling behind one address is not limited by it; bad enrollment tokens drain it', async () => {
    const limited = await secondProcess(t, { rateLimitIp: 3 });
    try {
      const created = await call(t, admin, 'POST', '/api/v1/enrollment-tokens', { name: 'site' });
      expectStatus(created, 201);
      const enroll = (token: string, i: number) =>
        limited.app.inject({
          method: 'POST',
          url: '/agent/v1/enroll',
          payload: { token, agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' }, hostname: `site-${i}`, machineId: `site-${i}-machine`, os: { name: 'Debian GNU/Linux', version: '12' } },
          remoteAddress: '198.51.100.7',
        });
      for (let i = 0; i < 6; i++) expectStatus(await enroll(created.json().token, i), 201, `device ${i + 1} of 6 from one address (limit 3)`);
      for (let i = 0; i < 3; i++) expectStatus(await enroll(`met_guess_${i}_${'x'.repeat(24)}`, 100 + i), 401, `guess ${i + 1}`);
      const blocked = await enroll(created.json().token, 200);
      expectStatus(blocked, 429, 'address drained by failed enrollments');
      assert.match(blocked.json().error.message, /from this address/);
    } finally {
      await limited.close();
    }
  });

  test('security headers on every response; HSTS only over HTTPS', async () => {
    for (const res of [
      await t.app.inject('/healthz'),
      await t.app.inject('/api/v1/users'),
      await t.app.inject('/api/v1/no-such-route'),
      await t.app.inject({ url: '/', headers: { accept: 'text/html' } }),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /script-src[^;]*unsafe/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin');
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.equal(res.headers['strict-transport-security'], undefined, 'plain HTTP');
    }
    const proxied = await secondProcess(t, { trustProxy: true });
    try {
      const res = await proxied.app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
      assert.match(String(res.headers['strict-transport-security']), /max-age=31536000/);
    } finally {
      await proxied.close();
    }
  });

  test('CORS is off by default; listed origins get it, preflight included', async () => {
    const origin = 'https://portal.example.com';
    const none = await t.app.inject({ url: '/api/v1/auth/me', headers: { origin, authorization: `Bearer ${admin}` } });
    assert.equal(none.headers['access-control-allow-origin'], undefined);

    const cors = await secondProcess(t, { corsOrigins: [origin] });
    try {
      const allowed = await cors.app.inject({ url: '/api/v1/auth/me', headers: { origin, authorization: `Bearer ${admin}` } });
      expectStatus(allowed, 200);
      assert.equal(allowed.headers['access-control-allow-origin'], origin);
      assert.match(String(allowed.headers.vary), /Origin/);
      assert.equal(allowed.headers['access-control-allow-credentials'], undefined, 'bearer tokens, no cookies');

      const preflight = await cors.app.inject({ method: 'OPTIONS', url: '/api/v1/devices', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
      expectStatus(preflight, 204);
      assert.match(String(preflight.headers['access-control-allow-methods']), /POST/);
      assert.match(String(preflight.headers['access-control-allow-headers']), /authorization/);

      const stranger = await cors.app.inject({ url: '/api/v1/auth/me', headers: { origin: 'https://evil.example', authorization: `Bearer ${admin}` } });
      assert.equal(stranger.headers['access-control-allow-origin'], undefined);
      const strangerPreflight = await cors.app.inject({ method: 'OPTIONS', url: '/api/v1/devices', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      assert.equal(strangerPreflight.headers['access-control-allow-origin'], undefined);
    } finally {
      await cors.close();
    }
  });
});
