import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createTestDatabase, testNatsUrl, type TestDatabase } from '../testing/database.js';
import { createBus } from './index.js';
import { subjectMatches, type Bus, type BusMessage } from './types.js';

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (m: BusMessage): string => new TextDecoder().decode(m.data);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const uniqueStream = (): string => `t${randomBytes(5).toString('hex')}`;

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

test('subject patterns match like NATS', () => {
  assert.ok(subjectMatches('devices.*.checkin', 'devices.a1.checkin'));
  assert.ok(!subjectMatches('devices.*.checkin', 'devices.a1.b.checkin'));
  assert.ok(subjectMatches('devices.>', 'devices.a1.checkin'));
  assert.ok(!subjectMatches('devices.>', 'devices'));
  assert.ok(subjectMatches('>', 'anything.at.all'));
  assert.ok(!subjectMatches('devices.a', 'devices.a.b'));
});

const kinds: Array<'postgres' | 'nats'> = testNatsUrl() ? ['postgres', 'nats'] : ['postgres'];

for (const kind of kinds) {
  describe(`bus contract: ${kind}`, () => {
    let database: TestDatabase;
    let bus: Bus;
    const streams: string[] = [];
    const stream = (): string => {
      const s = uniqueStream();
      streams.push(s);
      return s;
    };
    const makeBus = (): Promise<Bus> => createBus({ pool: database.pool, natsUrl: kind === 'nats' ? testNatsUrl() : undefined });

    before(async () => {
      database = await createTestDatabase();
      bus = await makeBus();
    });

    after(async () => {
      await bus.close();
      if (kind === 'nats') {
        const nc = await connect({ servers: testNatsUrl()! });
        const jsm = await jetstreamManager(nc);
        for (const s of streams) await jsm.streams.delete(`MUSTER_${s.toUpperCase()}`).catch(() => undefined);
        await nc.close();
      }
      await database.drop();
    });

    test('a published message is delivered once with its key and data, then acked for good', async () => {
      const s = stream();
      await bus.publish(s, 'device-1', encode('hello'));
      const got: BusMessage[] = [];
      // An ack wait long enough that a loaded CI machine still acks in time, and a wait past it.
      const consumer = bus.consume(s, async (batch) => void got.push(...batch), { ackWaitMs: 3_000 });
      await waitFor('delivery', () => (got.length ? true : undefined));
      // Longer than the ack wait: an acked message must not come back.
      await sleep(4_000);
      await consumer.stop();
      assert.equal(got.length, 1);
      assert.equal(got[0]!.key, 'device-1');
      assert.equal(decode(got[0]!), 'hello');
      assert.equal(got[0]!.deliveries, 1);
      assert.ok(got[0]!.publishedAt instanceof Date);
    });

    test('acked messages are never redelivered, even to a new consumer', async () => {
      const s = stream();
      for (let i = 0; i < 50; i++) await bus.publish(s, `k${i % 3}`, encode(String(i)));
      const first: string[] = [];
      const c1 = bus.consume(s, async (batch) => void first.push(...batch.map(decode)), { batchSize: 8, ackWaitMs: 3_000 });
      await waitFor('50 messages', () => (first.length === 50 ? true : undefined));
      await c1.stop();
      await sleep(3_500);
      const second: string[] = [];
      const c2 = bus.consume(s, async (batch) => void second.push(...batch.map(decode)), { ackWaitMs: 3_000 });
      await sleep(2_000);
      await c2.stop();
      assert.deepEqual(second, []);
      assert.equal(new Set(first).size, 50);
    });

    test('a consumer killed with SIGKILL before acking: its batch is redelivered', async () => {
      const s = stream();
      for (let i = 0; i < 5; i++) await bus.publish(s, 'dev', encode(`m${i}`));
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'test', 'crash-consumer.ts'), s, database.url], {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, NATS_URL: kind === 'nats' ? testNatsUrl() : '' },
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const held = await waitFor('the child to hold a batch', () => (out.includes('\n') ? (JSON.parse(out.split('\n')[0]!) as string[]) : undefined), 30_000);
      assert.deepEqual(held, ['m0', 'm1', 'm2', 'm3', 'm4']);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));

      const got: BusMessage[] = [];
      // The child's ack wait is 1 s, so its batch comes back soon; this consumer's is long enough
      // that a loaded machine acks the redelivered batch before it would be delivered yet again.
      const consumer = bus.consume(s, async (batch) => void got.push(...batch), { ackWaitMs: 3_000 });
      await waitFor('redelivery', () => (got.length >= 5 ? true : undefined));
      await consumer.stop();
      assert.deepEqual(got.map(decode), ['m0', 'm1', 'm2', 'm3', 'm4']);
      assert.ok(got.every((m) => m.deliveries === 2), `deliveries: ${got.map((m) => m.deliveries).join(',')}`);
    });

    test('a batch whose handler throws comes back, and only the retried part when asked', async () => {
      const s = stream();
      await bus.publish(s, 'a', encode('x'));
      await bus.publish(s, 'b', encode('y'));
      const seen: Array<[string, number]> = [];
      let calls = 0;
      const consumer = bus.consume(
        s,
        async (batch) => {
          calls++;
          for (const m of batch) seen.push([decode(m), m.deliveries]);
          if (calls === 1) throw new Error('database hiccup');
          if (calls === 2) return { retry: batch.filter((m) => decode(m) === 'y').map((m) => m.id) };
          return undefined;
        },
        { retryDelayMs: 100, ackWaitMs: 5_000, onError: () => undefined },
      );
      await waitFor('three rounds', () => (calls >= 3 ? true : undefined));
      await sleep(500);
      await consumer.stop();
      assert.deepEqual(seen, [
        ['x', 1],
        ['y', 1],
        ['x', 2],
        ['y', 2],
        ['y', 3],
      ]);
    });

    test('batches come in publish order per key', async () => {
      const s = stream();
      const keys = ['d1', 'd2', 'd3', 'd4', 'd5'];
      for (let i = 0; i < 200; i++) await bus.publish(s, keys[i % keys.length]!, encode(String(i)));
      const order = new Map<string, number[]>();
      let count = 0;
      const consumer = bus.consume(
        s,
        async (batch) => {
          for (const m of batch) {
            order.set(m.key, [...(order.get(m.key) ?? []), Number(decode(m))]);
            count++;
          }
        },
        { batchSize: 7 },
      );
      await waitFor('200 messages', () => (count === 200 ? true : undefined));
      await consumer.stop();
      for (const key of keys) {
        const seq = order.get(key)!;
        assert.equal(seq.length, 40);
        assert.deepEqual(seq, [...seq].sort((a, b) => a - b), `key ${key} out of order`);
      }
    });

    test('the same message id published twice is stored once', async () => {
      const s = stream();
      await bus.publish(s, 'dev', encode('one'), { msgId: 'report-123' });
      await bus.publish(s, 'dev', encode('one again'), { msgId: 'report-123' });
      await bus.publish(s, 'dev', encode('two'), { msgId: 'report-124' });
      const got: string[] = [];
      const consumer = bus.consume(s, async (batch) => void got.push(...batch.map(decode)));
      await waitFor('two messages', () => (got.length >= 2 ? true : undefined));
      await sleep(1_000);
      await consumer.stop();
      assert.deepEqual(got, ['one', 'two']);
    });

    test('a message that keeps failing is moved to bus_dead_letters', async () => {
      const s = stream();
      await bus.publish(s, 'dev', encode('poison'));
      let attempts = 0;
      const consumer = bus.consume(
        s,
        async () => {
          attempts++;
          throw new Error('cannot handle');
        },
        { maxDeliveries: 3, retryDelayMs: 50, onError: () => undefined },
      );
      let dead: Array<{ key: string; payload: Buffer; deliveries: number }> = [];
      for (let i = 0; i < 200 && dead.length === 0; i++) {
        await sleep(50);
        dead = (await database.pool.query('select key, payload, deliveries from bus_dead_letters where stream = $1', [s])).rows;
      }
      await consumer.stop();
      assert.equal(attempts, 3);
      assert.equal(dead.length, 1);
      assert.equal(dead[0]!.key, 'dev');
      assert.equal(dead[0]!.payload.toString(), 'poison');
      assert.equal(dead[0]!.deliveries, 4);
    });

    test('stopping a consumer waits for the batch in hand, which is acked', async () => {
      const s = stream();
      await bus.publish(s, 'dev', encode('slow'));
      let started = false;
      let finished = false;
      const consumer = bus.consume(
        s,
        async () => {
          started = true;
          await sleep(500);
          finished = true;
        },
        { ackWaitMs: 1_000 },
      );
      await waitFor('handler start', () => (started ? true : undefined));
      await consumer.stop();
      assert.ok(finished);
      const again: string[] = [];
      const c2 = bus.consume(s, async (batch) => void again.push(...batch.map(decode)), { ackWaitMs: 1_000 });
      await sleep(2_000);
      await c2.stop();
      assert.deepEqual(again, []);
    });

    test('notifications reach every listener whose pattern matches', async () => {
      const other = await makeBus();
      const tag = randomBytes(3).toString('hex');
      const got: string[] = [];
      const l1 = await bus.listen(`t${tag}.*.checkin`, (topic, payload) => got.push(`l1 ${topic} ${JSON.stringify(payload)}`));
      const l2 = await other.listen(`t${tag}.>`, (topic) => got.push(`l2 ${topic}`));
      await bus.notify(`t${tag}.dev1.checkin`, { at: 1 });
      await other.notify(`t${tag}.dev2.changed`, null);
      await waitFor('three notifications', () => (got.length >= 3 ? true : undefined));
      await sleep(200);
      await l1.close();
      await l2.close();
      await other.close();
      assert.deepEqual(got.sort(), [`l1 t${tag}.dev1.checkin {"at":1}`, `l2 t${tag}.dev1.checkin`, `l2 t${tag}.dev2.changed`]);
    });

    test('a listener hears of a gap when the connection carrying notifications is lost, and again when it is back', async () => {
      // PostgreSQL: the LISTEN connection is terminated by the server. NATS: the client's TCP
      // connection goes through a proxy that is cut.
      const sockets = new Set<net.Socket>();
      const proxy = net.createServer((client) => {
        const upstream = net.connect(Number(new URL(testNatsUrl() ?? 'nats://127.0.0.1:4222').port || 4222), '127.0.0.1');
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const via = kind === 'nats' ? await createBus({ pool: database.pool, natsUrl: `nats://127.0.0.1:${(proxy.address() as net.AddressInfo).port}` }) : await makeBus();
      try {
        let gaps = 0;
        const tag = randomBytes(3).toString('hex');
        const got: string[] = [];
        const listener = await via.listen(`t${tag}.>`, (topic) => got.push(topic), { onGap: () => gaps++ });
        if (kind === 'nats') for (const s of sockets) s.destroy();
        else await database.pool.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'listen %' and pid <> pg_backend_pid()");
        await waitFor('the gap to start and end', () => (gaps >= 2 ? true : undefined));
        // Notifications flow again afterwards.
        await waitFor('a notification after the gap', () => {
          void bus.notify(`t${tag}.after`, null);
          return got.includes(`t${tag}.after`) ? true : undefined;
        });
        await listener.close();
      } finally {
        await via.close();
        for (const s of sockets) s.destroy();
        proxy.close();
      }
    });

    test('bad stream names and keys are refused before anything is stored', async () => {
      await assert.rejects(bus.publish('Bad Stream', 'k', encode('x')), /stream name/);
      await assert.rejects(bus.publish('ok', 'has space', encode('x')), /bus key/);
      await assert.rejects(bus.publish('ok', 'a..b', encode('x')), /bus key/);
      await assert.doesNotReject(bus.check());
    });
  });
}
