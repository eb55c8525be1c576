import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { AUTH_FAILURE_MESSAGE, Backoff, Transport, classify, endpointUrl, normalizeFingerprint } from '../src/transport.js';
import { selfSignedCert, startServer, type TestServer } from './helpers/server.js';

describe('transport over HTTP', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test('large bodies are gzip-compressed and arrive decompressible; small ones are plain; the credential is a Bearer header', async () => {
    server.handle('/agent/v1/reports', () => ({ status: 202, body: { reportId: '00000000-0000-4000-8000-000000000000', status: 'accepted' } }));
    const transport = new Transport({ server: server.url, credential: () => 'device-secret-1234' });
    const big = { items: Array.from({ length: 200 }, (_, i) => ({ name: `package-${i}`, version: '1.0' })) };
    const outcome = await transport.post('/agent/v1/reports', big);
    assert.equal(outcome.kind, 'ok');
    const seen = server.requests.at(-1)!;
    assert.equal(seen.headers['content-encoding'], 'gzip');
    assert.ok(seen.rawLength < seen.body.length, 'compressed on the wire');
    assert.deepEqual(seen.json, big);
    assert.equal(seen.headers.authorization, 'Bearer device-secret-1234');
    assert.equal(seen.headers['content-type'], 'application/json');

    await transport.post('/agent/v1/reports', { small: true });
    const small = server.requests.at(-1)!;
    assert.equal(small.headers['content-encoding'], undefined);
    assert.deepEqual(small.json, { small: true });
    transport.close();
  });

  test('requests without auth carry no Authorization header', async () => {
    server.handle('/agent/v1/enroll', () => ({ status: 201, body: {} }));
    const transport = new Transport({ server: server.url, credential: () => 'secret' });
    await transport.post('/agent/v1/enroll', { token: 't' }, { auth: false });
    assert.equal(server.requests.at(-1)!.headers.authorization, undefined);
    transport.close();
  });

  test('responses are classified', async () => {
    const transport = new Transport({ server: server.url, credential: () => 'secret' });
    const cases: Array<[number, unknown, string]> = [
      [200, { ok: true }, 'ok'],
      [401, { error: { code: 'unauthorized', message: 'credential revoked' } }, 'auth'],
      [403, { error: { code: 'forbidden', message: 'device disabled' } }, 'auth'],
      [409, { error: { code: 'full_report_required', message: 'base state differs' } }, 'full_report_required'],
      [409, { error: { code: 'conflict', message: 'something else' } }, 'rejected'],
      [400, { error: { code: 'validation_failed', message: 'bad report' } }, 'rejected'],
      [413, { error: { code: 'payload_too_large', message: 'too big' } }, 'rejected'],
      [429, { error: { code: 'rate_limited', message: 'slow down' } }, 'retry'],
      [403, { error: { code: 'device_pending', message: 'waiting for approval' } }, 'retry'],
      [404, { error: { code: 'not_found', message: 'no such route' } }, 'retry'],
      [500, { error: { code: 'internal', message: 'boom' } }, 'retry'],
      [503, undefined, 'retry'],
    ];
    for (const [status, body, kind] of cases) {
      server.handle('/x', () => ({ status, body }));
      const outcome = await transport.post('/x', {});
      assert.equal(outcome.kind, kind, `HTTP ${status}`);
      if (outcome.kind === 'auth') assert.ok(outcome.message.includes(AUTH_FAILURE_MESSAGE));
      if (outcome.kind === 'rejected' && status === 400) assert.equal(outcome.code, 'validation_failed');
    }
    transport.close();
  });

  test('Retry-After is honoured; gzip responses are read', async () => {
    assert.deepEqual(classify(503, '', '7'), { kind: 'retry', status: 503, message: 'HTTP 503: HTTP 503', retryAfterMs: 7000 });
    const transport = new Transport({ server: server.url });
    server.handle('/gz', () => ({ status: 200, text: 'not json at all' }));
    const outcome = await transport.post('/gz', {});
    assert.deepEqual(outcome, { kind: 'ok', status: 200, body: undefined }, 'a 2xx with a bad body is ok; the caller validates');
    server.handle('/gz2', () => ({ status: 200, headers: { 'content-encoding': 'gzip' }, raw: zlib.gzipSync(JSON.stringify({ zipped: true })) }));
    assert.deepEqual(await transport.post('/gz2', {}), { kind: 'ok', status: 200, body: { zipped: true } });
    transport.close();
  });

  test('a server that does not answer in time is a retry, as is a refused connection', async () => {
    server.handle('/slow', () => ({ status: 200, hang: true }));
    const transport = new Transport({ server: server.url, timeoutMs: 200 });
    const outcome = await transport.post('/slow', {});
    assert.equal(outcome.kind, 'retry');
    transport.close();
    const nowhere = new Transport({ server: 'http://127.0.0.1:1' });
    const refused = await nowhere.post('/agent/v1/checkin', {});
    assert.equal(refused.kind, 'retry');
    assert.match(refused.kind === 'retry' ? refused.message : '', /ECONNREFUSED/);
    nowhere.close();
  });

  test('an oversized response is not read into memory', async () => {
    server.handle('/huge', () => ({ status: 200, text: JSON.stringify({ pad: 'x'.repeat(100_000) }) }));
    const transport = new Transport({ server: server.url, maxResponseBytes: 10_000 });
    assert.equal((await transport.post('/huge', {})).kind, 'retry');
    transport.close();
  });

  test('a server URL with a path prefix keeps it', () => {
    assert.equal(endpointUrl(new URL('https://h.example/muster'), '/agent/v1/checkin').toString(), 'https://h.example/muster/agent/v1/checkin');
    assert.equal(endpointUrl(new URL('https://h.example'), '/agent/v1/checkin').toString(), 'https://h.example/agent/v1/checkin');
  });
});

describe('backoff', () => {
  test('exponential with full jitter, from 1 s to a 5 min cap', () => {
    const top = new Backoff(1_000, 300_000, () => 0.999999);
    const ceilings = Array.from({ length: 12 }, () => top.next());
    assert.deepEqual(
      ceilings.map((d) => Math.round(d / 1000)),
      [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300],
    );
    const bottom = new Backoff(1_000, 300_000, () => 0);
    assert.equal(bottom.next(), 0, 'full jitter reaches down to zero');
    assert.equal(bottom.next(5_000), 5_000, 'a server-given Retry-After is a floor');
    top.reset();
    assert.ok(top.next() <= 1_000);
  });
});

describe('transport over HTTPS', () => {
  const tls = selfSignedCert();
  let server: TestServer;
  before(async () => {
    if (tls) server = await startServer({ tls });
  });
  after(() => server?.close());

  test('a self-signed server is refused without its CA and accepted with it', { skip: !tls && 'openssl not available' }, async () => {
    server.handle('/agent/v1/checkin', () => ({ status: 200, body: { ok: 1 } }));
    const strict = new Transport({ server: server.url });
    const refused = await strict.post('/agent/v1/checkin', {});
    assert.equal(refused.kind, 'retry');
    strict.close();

    const trusting = new Transport({ server: server.url, caFile: tls!.certFile });
    assert.deepEqual(await trusting.post('/agent/v1/checkin', {}), { kind: 'ok', status: 200, body: { ok: 1 } });
    trusting.close();
  });

  test('a certificate pin that matches passes; one that does not fails closed before anything is sent', { skip: !tls && 'openssl not available' }, async () => {
    const fingerprint = new X509Certificate(tls!.cert).fingerprint256;
    server.handle('/agent/v1/reports', () => ({ status: 202, body: {} }));
    const pinned = new Transport({ server: server.url, caFile: tls!.certFile, pin: fingerprint });
    assert.equal((await pinned.post('/agent/v1/reports', { n: 1 })).kind, 'ok');
    pinned.close();

    const before = server.requests.length;
    const wrong = new Transport({ server: server.url, caFile: tls!.certFile, pin: 'ab'.repeat(32) });
    const outcome = await wrong.post('/agent/v1/reports', { n: 2 });
    assert.equal(outcome.kind, 'retry');
    assert.match(outcome.kind === 'retry' ? outcome.message : '', /pinned SHA-256 fingerprint/);
    assert.equal(server.requests.length, before, 'the request never reached the server');
    wrong.close();
    assert.equal(normalizeFingerprint(fingerprint), fingerprint.replace(/:/g, '').toLowerCase());
  });
});
