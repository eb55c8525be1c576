import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { Bus, Listener } from '../bus/types.js';
import { createTestApp, type TestApp } from '../testing/app.js';

/** Reads server-sent events from a streaming fetch response. */
class EventReader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  constructor(response: Response) {
    assert.ok(response.body);
    this.reader = response.body.getReader();
  }

  /** The next event (comments skipped) within `timeoutMs`, or undefined when the stream ended. */
  async next(timeoutMs = 5_000): Promise<{ event: string; data: string } | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const split = this.buffer.indexOf('\n\n');
      if (split >= 0) {
        const block = this.buffer.slice(0, split);
        this.buffer = this.buffer.slice(split + 2);
        const lines = block.split('\n').filter((l) => !l.startsWith(':'));
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
        if (event) return { event, data: data ?? '' };
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no event in time');
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no event in time')), left))),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) return undefined;
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
    }
  }
}

/** Counts the bus subscriptions the route opens and closes, to prove disconnects clean up. */
function countListeners(bus: Bus): { open: () => number } {
  let open = 0;
  const listen = bus.listen.bind(bus);
  bus.listen = async (pattern, handler): Promise<Listener> => {
    const listener = await listen(pattern, handler);
    if (pattern.endsWith('.devices.updated')) open++;
    return {
      async close() {
        if (pattern.endsWith('.devices.updated')) open--;
        await listener.close();
      },
    };
  };
  return { open: () => open };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('GET /api/v1/events (server-sent events)', () => {
  let t: TestApp;
  let base: string;
  let token: string;
  let orgId: string;
  let listeners: { open: () => number };

  before(async () => {
    t = await createTestApp({ workers: false });
    listeners = countListeners(t.bus);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    token = await t.login();
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).json() as { orgId: string };
    orgId = me.orgId;
  });
  after(async () => t.close());

  const open = (query: string, headers: Record<string, string> = { accept: 'text/event-stream' }, signal?: AbortSignal) =>
    fetch(`${base}/api/v1/events${query}`, { headers, signal });

  test('streams devices.updated for the caller\'s organisation only, with the token in the URL', async () => {
    const abort = new AbortController();
    const res = await open(`?access_token=${encodeURIComponent(token)}`, undefined, abort.signal);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events = new EventReader(res);
    assert.equal((await events.next())?.event, 'ready');
    await waitFor(() => listeners.open() === 1, 'the bus subscription');

    // Another organisation's news must not arrive; ours must, coalesced into one event.
    await t.bus.notify('org.00000000-0000-4000-8000-000000000000.devices.updated', { deviceIds: ['other-org-device'], count: 1 });
    await t.bus.notify(`org.${orgId}.devices.updated`, { deviceIds: ['a', 'b'], count: 2 });
    await t.bus.notify(`org.${orgId}.devices.updated`, { deviceIds: ['b', 'c'], count: 2 });
    const update = await events.next();
    assert.equal(update?.event, 'devices.updated');
    const data = JSON.parse(update!.data) as { deviceIds: string[]; count: number };
    assert.deepEqual(data.deviceIds.sort(), ['a', 'b', 'c']);
    assert.equal(data.count, 4);

    abort.abort();
    await waitFor(() => listeners.open() === 0, 'the subscription to close after the client left');
  });

  test('the Authorization header works too', async () => {
    const abort = new AbortController();
    const res = await open('', { accept: 'text/event-stream', authorization: `Bearer ${token}` }, abort.signal);
    assert.equal(res.status, 200);
    assert.equal((await new EventReader(res).next())?.event, 'ready');
    abort.abort();
    await waitFor(() => listeners.open() === 0, 'cleanup');
  });

  test('refuses anonymous callers, bad tokens and API keys in the URL', async () => {
    assert.equal((await open('')).status, 401);
    const bad = await open('?access_token=not-a-jwt');
    assert.equal(bad.status, 401);
    assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'unauthorized');
    const key = await open('?access_token=mak_0123456789abcdef');
    assert.equal(key.status, 401);
    assert.match(((await key.json()) as { error: { message: string } }).error.message, /Authorization header/);
  });

  test('a client that does not ask for a stream gets 406 instead of a response that never ends', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/events', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 406);
    assert.equal((res.json() as { error: { code: string } }).error.code, 'not_acceptable');
  });

  test('the route is documented with its permission', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, { get?: Record<string, unknown> }> };
    assert.equal(doc.paths['/api/v1/events']?.get?.['x-permission'], 'devices:read');
  });

  test('shutting the server down ends open streams instead of waiting for them', async () => {
    const extra = await createTestApp({ workers: false });
    try {
      await extra.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(extra.app.server.address() as AddressInfo).port}/api/v1/events?access_token=${encodeURIComponent(await extra.login())}`;
      const res = await fetch(url, { headers: { accept: 'text/event-stream' } });
      const events = new EventReader(res);
      assert.equal((await events.next())?.event, 'ready');
      const started = Date.now();
      await extra.app.close();
      assert.ok(Date.now() - started < 5_000, 'close waited for the stream');
      assert.equal(await events.next(), undefined, 'the stream ended');
    } finally {
      await extra.close().catch(() => undefined);
    }
  });
});
