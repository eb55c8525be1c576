import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.js';
import { fullReport, simulatedDevice } from '../simulate/templates.js';

/**
 * Bad input on every agent route gets a precise 4xx — never a 5xx, never a crash. The corpus is
 * generated: each case mutates a valid request in one way and names the status it must get.
 */
interface Case {
  name: string;
  url: string;
  status: number;
  code?: string | RegExp;
  body?: string | Buffer;
  headers?: Record<string, string>;
  auth?: 'good' | 'none' | 'unknown' | 'malformed' | 'revoked';
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(target);
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

describe('agent API: a corpus of bad requests', () => {
  let t: TestApp;
  let credential: string;
  let revokedCredential: string;
  let enrollToken: string;
  let revokedToken: string;
  let expiredToken: string;
  let usedUpToken: string;
  const device = simulatedDevice(3, { platform: 'linux', packages: 50 });

  before(async () => {
    t = await createTestApp();
    const admin = await t.login();
    const token = await t.app.inject({ method: 'POST', url: '/api/v1/enrollment-tokens', headers: { authorization: `Bearer ${admin}` }, payload: { maxUses: 100 } });
    enrollToken = token.json().token;
    const enroll = async (machineId: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/agent/v1/enroll',
        payload: { token: enrollToken, agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' }, hostname: device.hostname, machineId, os: { name: 'Debian', version: '12' } },
      });
      return res.json() as { deviceId: string; credential: string };
    };
    credential = (await enroll('machine-good')).credential;
    const makeToken = async (payload: object) =>
      (await t.app.inject({ method: 'POST', url: '/api/v1/enrollment-tokens', headers: { authorization: `Bearer ${admin}` }, payload })).json() as { id: string; token: string };
    const revoked = await makeToken({});
    await t.app.inject({ method: 'DELETE', url: `/api/v1/enrollment-tokens/${revoked.id}`, headers: { authorization: `Bearer ${admin}` } });
    revokedToken = revoked.token;
    const expired = await makeToken({});
    await t.database.pool.query("update enrollment_tokens set expires_at = now() - interval '1 minute' where id = $1", [expired.id]);
    expiredToken = expired.token;
    const usedUp = await makeToken({ maxUses: 1 });
    await t.app.inject({ method: 'POST', url: '/agent/v1/enroll', payload: { token: usedUp.token, agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' }, hostname: 'once', os: { name: 'Debian', version: '12' } } });
    usedUpToken = usedUp.token;
    const doomed = await enroll('machine-revoked');
    revokedCredential = doomed.credential;
    // Removed through the API, which drops the credential from every process's cache (enrollment put it there).
    await t.app.inject({ method: 'DELETE', url: `/api/v1/devices/${doomed.deviceId}`, headers: { authorization: `Bearer ${admin}` } });
  });
  after(async () => t.close());

  const valid = () => fullReport(device, 1) as unknown as Record<string, unknown>;
  const json = (value: unknown) => JSON.stringify(value);
  const cases: Case[] = [];

  // Authentication.
  for (const url of ['/agent/v1/reports', '/agent/v1/checkin']) {
    cases.push({ name: `${url} without credential`, url, status: 401, code: 'unauthorized', auth: 'none', body: '{}' });
    cases.push({ name: `${url} with an unknown credential`, url, status: 401, code: 'unauthorized', auth: 'unknown', body: '{}' });
    cases.push({ name: `${url} with a malformed Authorization header`, url, status: 401, code: 'unauthorized', auth: 'malformed', body: '{}' });
    cases.push({ name: `${url} with the credential of a removed device`, url, status: 401, code: 'unauthorized', auth: 'revoked', body: '{}' });
  }

  // Bodies that are not JSON.
  const notJson = ['', '{', '{"kind":', '[1,2', 'null x', '{"a":1,}', "{'a':1}", 'NaN', '\u0000\u0001', '{"kind":"full"', '}{', 'undefined', '{"a":"\\x"}', '{"a":01}', '[]]'];
  for (const body of notJson) {
    cases.push({ name: `reports: not JSON ${JSON.stringify(body).slice(0, 20)}`, url: '/agent/v1/reports', status: 400, code: /invalid_json|empty_body|validation_failed/, body });
    cases.push({ name: `checkin: not JSON ${JSON.stringify(body).slice(0, 20)}`, url: '/agent/v1/checkin', status: 400, code: /invalid_json|empty_body|validation_failed/, body });
  }
  for (const body of ['null', '1', '"text"', 'true', '[]', '[{}]']) {
    cases.push({ name: `reports: JSON ${body} instead of an object`, url: '/agent/v1/reports', status: 400, code: 'validation_failed', body });
    cases.push({ name: `checkin: JSON ${body} instead of an object`, url: '/agent/v1/checkin', status: 400, code: 'validation_failed', body });
  }

  // Content types and encodings.
  for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream']) {
    cases.push({ name: `reports: content-type ${type}`, url: '/agent/v1/reports', status: 415, code: 'unsupported_media_type', body: json(valid()), headers: { 'content-type': type } });
  }
  cases.push({ name: 'reports: gzip header on plain JSON', url: '/agent/v1/reports', status: 400, code: 'invalid_gzip', body: json(valid()), headers: { 'content-encoding': 'gzip' } });
  cases.push({ name: 'reports: truncated gzip', url: '/agent/v1/reports', status: 400, code: 'invalid_gzip', body: gzipSync(json(valid())).subarray(0, 40), headers: { 'content-encoding': 'gzip' } });
  cases.push({ name: 'reports: random bytes as gzip', url: '/agent/v1/reports', status: 400, code: 'invalid_gzip', body: randomBytes(500), headers: { 'content-encoding': 'gzip' } });
  cases.push({ name: 'reports: gzip of garbage', url: '/agent/v1/reports', status: 400, code: 'invalid_json', body: gzipSync('not json at all'), headers: { 'content-encoding': 'gzip' } });
  cases.push({ name: 'reports: gzip bomb', url: '/agent/v1/reports', status: 413, code: 'payload_too_large', body: gzipSync(Buffer.alloc(8 * 1024 * 1024, 32)), headers: { 'content-encoding': 'gzip' } });
  for (const encoding of ['br', 'deflate', 'compress', 'zstd']) {
    cases.push({ name: `reports: content-encoding ${encoding}`, url: '/agent/v1/reports', status: 415, code: 'unsupported_encoding', body: json(valid()), headers: { 'content-encoding': encoding } });
  }
  cases.push({ name: 'reports: body over the limit', url: '/agent/v1/reports', status: 413, code: 'payload_too_large', body: json({ ...valid(), padding: 'x'.repeat(2 * 1024 * 1024) }) });
  cases.push({ name: 'checkin: body over its 64 KiB limit', url: '/agent/v1/checkin', status: 413, code: 'payload_too_large', body: json({ agent: { version: '1', platform: 'linux', arch: 'x' }, pad: 'x'.repeat(70_000) }) });

  // Schema violations, one field at a time.
  const reportMutations: Array<[string, unknown]> = [
    ['kind', undefined], ['kind', 'partial'], ['kind', 7], ['kind', null],
    ['protocol', undefined], ['protocol', 2], ['protocol', '1'], ['protocol', 0],
    ['reportId', undefined], ['reportId', 'not-a-uuid'], ['reportId', 12], ['reportId', `${randomUUID()}x`],
    ['sequence', undefined], ['sequence', -1], ['sequence', 1.5], ['sequence', 'one'], ['sequence', null],
    ['collectedAt', undefined], ['collectedAt', 'yesterday'], ['collectedAt', '2024-13-45T99:00:00Z'], ['collectedAt', 1700000000],
    ['agent', undefined], ['agent', 'agent'], ['agent.version', undefined], ['agent.version', 'v'.repeat(65)], ['agent.platform', 'plan9'], ['agent.arch', 5],
    ['sections', undefined], ['sections', []], ['sections', 'all'],
    ['sections.system', 'x'], ['sections.system.hash', 'abc'], ['sections.system.hash', 'G'.repeat(64)], ['sections.system.data', 5],
    ['sections.system.data.hostname', undefined], ['sections.system.data.hostname', 'h'.repeat(257)], ['sections.system.data.hostname', 42],
    ['sections.system.data.uptimeSeconds', -5], ['sections.system.data.uptimeSeconds', 'long'],
    ['sections.os.data.platform', 'beos'], ['sections.os.data.version', undefined], ['sections.os.data.arch', null],
    ['sections.hardware.data.cpu', undefined], ['sections.hardware.data.disks', 'many'], ['sections.hardware.data.memory.modules', [{ sizeBytes: 'big' }]],
    ['sections.software.data.items', 'lots'], ['sections.software.data.items', [{ name: 'x' }]], ['sections.software.data.items', [{ name: 'x', version: '1', source: 'floppy' }]],
    ['sections.software.data.items', [{ name: 'n'.repeat(257), version: '1', source: 'deb' }]], ['sections.software.data.items', [{ name: 'x', version: 'v'.repeat(129), source: 'deb' }]],
    ['sections.network.data.interfaces', [{ name: 'eth0', ipv4: 'x', ipv6: [] }]], ['sections.network.data.listeningPorts', [{ protocol: 'sctp', address: '0.0.0.0', port: 1 }]],
    ['sections.network.data.listeningPorts', [{ protocol: 'tcp', address: '0.0.0.0', port: 70000 }]],
    ['sections.users.data.accounts', [{ uid: '0' }]], ['sections.services.data.items', [{ name: 's' }]], ['sections.security.data.firewall', undefined],
    ['sections.browser.data.extensions', [{ browser: 'chrome' }]], ['sections.updates.data.installed', 'KB1'],
  ];
  for (const [path, value] of reportMutations) {
    cases.push({ name: `reports: ${path} = ${JSON.stringify(value)?.slice(0, 30) ?? 'missing'}`, url: '/agent/v1/reports', status: 400, code: 'validation_failed', body: json(setPath(valid(), path, value)) });
  }
  // Every section with a body of the wrong shape, and with a hash that is not a hash.
  for (const section of ['system', 'os', 'hardware', 'software', 'updates', 'security', 'network', 'users', 'services', 'browser']) {
    for (const value of [null, 'text', 5, [], true]) {
      cases.push({ name: `reports: sections.${section}.data = ${JSON.stringify(value)}`, url: '/agent/v1/reports', status: 400, code: 'validation_failed', body: json(setPath(valid(), `sections.${section}.data`, value)) });
    }
    for (const value of [null, 5, 'z'.repeat(64)]) {
      cases.push({ name: `reports: sections.${section}.hash = ${JSON.stringify(value)?.slice(0, 10)}`, url: '/agent/v1/reports', status: 400, code: 'validation_failed', body: json(setPath(valid(), `sections.${section}.hash`, value)) });
    }
  }
  const delta = { protocol: 1, reportId: randomUUID(), sequence: 2, collectedAt: new Date().toISOString(), agent: { version: '1', platform: 'linux', arch: 'x86_64' }, kind: 'delta', baseStateHash: 'a'.repeat(64), sections: {} };
  for (const [path, value] of [['baseStateHash', undefined], ['baseStateHash', 'short'], ['softwareDelta', 'x'], ['softwareDelta', { baseHash: 'a'.repeat(64), hash: 'b'.repeat(64), added: [], removed: [{ name: 'x' }], updated: [] }], ['softwareDelta', { baseHash: 'a'.repeat(64), added: [], removed: [], updated: [] }]] as Array<[string, unknown]>) {
    cases.push({ name: `delta: ${path} = ${JSON.stringify(value)?.slice(0, 30) ?? 'missing'}`, url: '/agent/v1/reports', status: 400, code: 'validation_failed', body: json(setPath(delta, path, value)) });
  }
  const metrics = { protocol: 1, reportId: randomUUID(), sequence: 3, collectedAt: new Date().toISOString(), agent: { version: '1', platform: 'linux', arch: 'x86_64' }, kind: 'metrics', samples: [] as unknown[] };
  const sample = { at: new Date().toISOString(), memory: {}, disks: [], network: {}, processes: { topCpu: [], topMemory: [] } };
  for (const [path, value] of [['samples', []], ['samples', 'x'], ['samples', [{}]], ['samples', [{ ...sample, cpuPercent: 150 }]], ['samples', [{ ...sample, memory: 'x' }]], ['samples', Array.from({ length: 1441 }, () => sample)]] as Array<[string, unknown]>) {
    cases.push({ name: `metrics: ${path} = ${JSON.stringify(value)?.slice(0, 30)}`, url: '/agent/v1/reports', status: 400, code: 'validation_failed', body: json(setPath(metrics, path, value)) });
  }
  cases.push({ name: 'result for work never sent', url: '/agent/v1/reports', status: 404, code: 'unknown_work_item', body: json({ protocol: 1, reportId: randomUUID(), sequence: 4, collectedAt: new Date().toISOString(), agent: { version: '1', platform: 'linux', arch: 'x86_64' }, kind: 'result', workId: randomUUID(), status: 'succeeded' }) });
  cases.push({ name: 'too many software items', url: '/agent/v1/reports', status: 400, code: 'validation_failed', body: json(setPath(valid(), 'sections.software.data.items', Array.from({ length: 20_001 }, (_, i) => ({ name: `p${i}`, version: '1', source: 'deb' })))) });

  const checkin = { agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' } };
  for (const [path, value] of [['agent', undefined], ['agent', 1], ['agent.version', 7], ['agent.platform', 'amiga'], ['agent.arch', undefined], ['stateHash', 'xyz'], ['stateHash', 5], ['spooledReports', -1], ['spooledReports', 'many'], ['uptimeSeconds', 1.5]] as Array<[string, unknown]>) {
    cases.push({ name: `checkin: ${path} = ${JSON.stringify(value) ?? 'missing'}`, url: '/agent/v1/checkin', status: 400, code: 'validation_failed', body: json(setPath(checkin, path, value)) });
  }

  // Enrollment.
  const enroll = () => ({ token: enrollToken, agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' }, hostname: 'h', os: { name: 'Debian', version: '12' } });
  for (const [path, value, status, code] of [
    ['token', undefined, 400, 'validation_failed'],
    ['token', 'short', 400, 'validation_failed'],
    ['token', 'met_unknownunknownunknown', 401, 'enrollment_token_unknown'],
    ['token', 't'.repeat(300), 400, 'validation_failed'],
    ['hostname', '', 400, 'validation_failed'],
    ['hostname', 'h'.repeat(300), 400, 'validation_failed'],
    ['hostname', undefined, 400, 'validation_failed'],
    ['os', undefined, 400, 'validation_failed'],
    ['os.name', 5, 400, 'validation_failed'],
    ['agent.platform', 'os2', 400, 'validation_failed'],
    ['machineId', 'm'.repeat(65), 400, 'validation_failed'],
    ['token', '__REVOKED__', 401, 'enrollment_token_revoked'],
    ['token', '__EXPIRED__', 401, 'enrollment_token_expired'],
    ['token', '__USED_UP__', 401, 'enrollment_token_used_up'],
  ] as Array<[string, unknown, number, string]>) {
    cases.push({ name: `enroll: ${path} = ${JSON.stringify(value)?.slice(0, 30) ?? 'missing'}`, url: '/agent/v1/enroll', status, code, auth: 'none', body: '__ENROLL__' + json({ path, value }) });
  }
  void enroll;

  test(`the corpus has at least 200 cases (${cases.length})`, () => {
    assert.ok(cases.length >= 200, `only ${cases.length} cases`);
  });

  test('every bad request gets its precise 4xx with an error body', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      let body = c.body;
      if (typeof body === 'string' && body.startsWith('__ENROLL__')) {
        const { path, value } = JSON.parse(body.slice('__ENROLL__'.length)) as { path: string; value: unknown };
        const special: Record<string, string> = { __REVOKED__: revokedToken, __EXPIRED__: expiredToken, __USED_UP__: usedUpToken };
        body = json(setPath(enroll(), path, typeof value === 'string' && special[value] ? special[value] : value === null ? undefined : value));
      }
      const auth = c.auth ?? 'good';
      const authorization = { good: `Bearer ${credential}`, none: undefined, unknown: `Bearer mdc_${randomBytes(32).toString('base64url')}`, malformed: 'Token abc', revoked: `Bearer ${revokedCredential}` }[auth];
      const res = await t.app.inject({
        method: 'POST',
        url: c.url,
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}), ...c.headers },
        payload: body ?? '',
      });
      let code: unknown;
      try {
        code = (res.json() as { error?: { code?: string } }).error?.code;
      } catch {
        code = undefined;
      }
      const codeOk = c.code === undefined || (typeof c.code === 'string' ? code === c.code : typeof code === 'string' && c.code.test(code));
      if (res.statusCode !== c.status || !codeOk) failures.push(`${c.name}: got ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    assert.deepEqual(failures, []);
  });

  test('the push channel refuses an unauthenticated upgrade, and reports refuse other methods', async () => {
    const ws = await t.app.inject({ method: 'GET', url: '/agent/v1/ws', headers: { connection: 'upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': randomBytes(16).toString('base64') } });
    assert.equal(ws.statusCode, 401);
    const get = await t.app.inject({ method: 'GET', url: '/agent/v1/reports', headers: { authorization: `Bearer ${credential}` } });
    assert.equal(get.statusCode, 404);
  });

  test('replays and stale deltas are answered, not failed', async () => {
    const report = fullReport(device, 1);
    const headers = { authorization: `Bearer ${credential}` };
    assert.equal((await t.app.inject({ method: 'POST', url: '/agent/v1/reports', headers, payload: report })).json().status, 'accepted');
    // Until the worker has applied it, a resend is deduplicated by the bus; afterwards by the record of applied reports.
    const again = await t.app.inject({ method: 'POST', url: '/agent/v1/reports', headers, payload: report });
    assert.equal(again.statusCode, 202);
  });
});
