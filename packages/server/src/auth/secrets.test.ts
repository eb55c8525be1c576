import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '../logger.js';
import { createTestApp, TEST_ADMIN, type TestApp } from '../testing/app.js';
import { expectStatus, PASSWORD, secondProcess } from './test-support.js';
import { totpCode } from './totp.js';

let t: TestApp;
let app: FastifyInstance;
let closeApp: () => Promise<void>;
let logText = '';

before(async () => {
  t = await createTestApp({ workers: false });
  // The production logger (same redaction), at its most talkative, writing into memory.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logText += chunk.toString();
      done();
    },
  });
  const other = await secondProcess(t, {}, createLogger('trace', sink));
  app = other.app;
  closeApp = other.close;
});
after(async () => {
  await closeApp();
  await t.close();
});

async function send(method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, token?: string, payload?: unknown) {
  return app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });
}

test('no secret or password ever reaches the logs or a later response', async () => {
  const secrets: Record<string, string> = { adminPassword: TEST_ADMIN.password, userPassword: PASSWORD };
  const login = await send('POST', '/api/v1/auth/login', undefined, TEST_ADMIN);
  expectStatus(login, 200);
  let admin = login.json().accessToken as string;
  secrets.accessToken = admin;
  secrets.refreshToken = login.json().refreshToken;

  expectStatus(await send('POST', '/api/v1/users', admin, { email: 'logged@example.test', password: PASSWORD, role: 'operator' }), 201);
  const key = await send('POST', '/api/v1/api-keys', admin, { name: 'ci', role: 'viewer' });
  secrets.apiKey = key.json().key;
  expectStatus(await send('GET', '/api/v1/devices', secrets.apiKey), 200);
  const rotated = await send('POST', `/api/v1/api-keys/${key.json().id}/rotate`, admin);
  secrets.rotatedApiKey = rotated.json().key;

  const enrollment = await send('POST', '/api/v1/enrollment-tokens', admin, { name: 'lab' });
  secrets.enrollmentToken = enrollment.json().token;
  const enrolled = await send('POST', '/agent/v1/enroll', undefined, {
    token: secrets.enrollmentToken,
    agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' },
    hostname: 'logged-host',
    os: { name: 'Debian GNU/Linux', version: '12' },
  });
  expectStatus(enrolled, 201);
  secrets.deviceCredential = enrolled.json().credential;
  const agent = { agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' } };
  expectStatus(await send('POST', `/api/v1/devices/${enrolled.json().deviceId}/credential/rotate`, admin), 202);
  const checkin = await app.inject({ method: 'POST', url: '/agent/v1/checkin', headers: { authorization: `Bearer ${secrets.deviceCredential}` }, payload: agent });
  secrets.newDeviceCredential = checkin.json().newCredential;
  assert.ok(secrets.newDeviceCredential);

  const invite = await send('POST', '/api/v1/users/invitations', admin, { email: 'invitee@example.test', role: 'viewer' });
  secrets.inviteToken = invite.json().token;
  secrets.invitePassword = 'Invited and careful 99';
  expectStatus(await send('POST', '/api/v1/auth/accept-invite', undefined, { token: secrets.inviteToken, password: secrets.invitePassword }), 200);

  const setup = await send('POST', '/api/v1/auth/totp/setup', admin);
  secrets.totpSecret = setup.json().secret;
  secrets.enableCode = totpCode(secrets.totpSecret!, Date.now() - 30_000);
  expectStatus(await send('POST', '/api/v1/auth/totp/enable', admin, { code: secrets.enableCode }), 204);
  secrets.loginCode = totpCode(secrets.totpSecret!);
  const totpLogin = await send('POST', '/api/v1/auth/login', undefined, { ...TEST_ADMIN, totpCode: secrets.loginCode });
  expectStatus(totpLogin, 200);
  admin = totpLogin.json().accessToken;
  const refreshed = await send('POST', '/api/v1/auth/refresh', undefined, { refreshToken: totpLogin.json().refreshToken });
  expectStatus(refreshed, 200);
  secrets.totpRefreshToken = totpLogin.json().refreshToken;
  secrets.refreshedToken = refreshed.json().refreshToken;
  admin = refreshed.json().accessToken;
  secrets.newPassword = 'Changed and longer 2025';
  expectStatus(await send('POST', '/api/v1/auth/password', admin, { current: TEST_ADMIN.password, new: secrets.newPassword }), 204);
  // Failures log too: a wrong password must not appear either.
  secrets.wrongPassword = 'a wrong guess 1234';
  expectStatus(await send('POST', '/api/v1/auth/login', undefined, { email: TEST_ADMIN.email, password: secrets.wrongPassword }), 401);

  // Two-factor codes are six digits: they could occur by chance inside an id or timestamp, so
  // they are looked for as JSON values ("123456"), the only way they could have been logged.
  const needles = Object.entries(secrets).map(([name, value]) => [name, /^\d{6}$/.test(value) ? `"${value}"` : value] as const);
  // The second wall: should code ever log a body or an object holding a secret, redaction catches it.
  app.log.info({ body: { password: secrets.userPassword, key: secrets.apiKey, code: secrets.loginCode, current: secrets.newPassword } }, 'a careless log line');
  app.log.info({ password: secrets.userPassword, token: secrets.inviteToken, credential: secrets.deviceCredential, refreshToken: secrets.refreshToken, secret: secrets.totpSecret }, 'another');
  assert.ok(logText.length > 3_000, 'the logger did write');
  assert.match(logText, /a careless log line/);
  for (const [name, value] of needles) assert.ok(!logText.includes(value), `${name} is in the logs`);
  assert.doesNotMatch(logText, /"level":50/, 'nothing logged as an error (an audit row without an organisation would be)');

  const reads = [
    '/api/v1/users',
    '/api/v1/users/invitations',
    '/api/v1/api-keys',
    `/api/v1/api-keys/${key.json().id}`,
    '/api/v1/enrollment-tokens',
    '/api/v1/auth/me',
    '/api/v1/devices',
    `/api/v1/devices/${enrolled.json().deviceId}`,
    '/api/v1/audit?limit=1000',
    '/api/v1/audit?format=csv',
  ];
  for (const url of reads) {
    const res = await send('GET', url, admin);
    expectStatus(res, 200, url);
    for (const [name, value] of needles) assert.ok(!res.body.includes(value), `${name} is in GET ${url}`);
    assert.doesNotMatch(res.body, /[0-9a-f]{64}/, `a hash-like value in GET ${url}`);
  }
  const { rows } = await t.database.pool.query<{ details: string }>('select details::text from audit_log');
  const audit = rows.map((r) => r.details).join('\n');
  for (const [name, value] of needles) assert.ok(!audit.includes(value), `${name} is in the audit log`);
});
