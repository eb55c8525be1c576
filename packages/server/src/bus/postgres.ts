import pg from 'pg';
import { resolveConsumeOptions, runConsumer, type DeliverySource } from './consumer-loop.js';
import {
  assertKey,
  assertPattern,
  assertStream,
  assertTopic,
  subjectMatches,
  type BatchHandler,
  type Bus,
  type BusMessage,
  type ConsumeOptions,
  type Consumer,
  type Listener,
  type ListenOptions,
  type NotificationHandler,
  type PublishOptions,
} from './types.js';

const QUEUE_CHANNEL = 'muster_queue';
const NOTIFY_CHANNEL = 'muster_notify';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_NOTIFY_BYTES = 7_900;

interface ClaimedRow {
  id: number;
  key: string;
  payload: Buffer;
  deliveries: number;
  published_at: Date;
}

/**
 * The durable queue of embedded mode: rows in bus_messages, claimed with a visibility timeout,
 * deleted on ack. Claims on one stream are serialised by a transaction-level advisory lock: a
 * claim takes a millisecond or two, and serialising it is what makes per-key order hold across
 * several consumer processes (a key whose older message is in flight elsewhere is skipped).
 * LISTEN/NOTIFY wakes idle consumers at once and carries the notifications.
 */
export class PostgresBus implements Bus {
  readonly kind = 'postgres' as const;
  private readonly consumers = new Set<Consumer>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly handlers = new Set<{ pattern: string; handler: NotificationHandler; onGap: (() => void) | undefined }>();
  /** The LISTEN connection was lost since it first came up: the next one that comes up ends a gap. */
  private listenLost = false;
  private listenClient: pg.Client | undefined;
  private listenReady: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async publish(stream: string, key: string, data: Uint8Array, options: PublishOptions = {}): Promise<void> {
    assertStream(stream);
    assertKey(key);
    await this.pool.query(
      `with stored as (
         insert into bus_messages (stream, key, msg_id, payload) values ($1, $2, $3, $4)
         on conflict (stream, msg_id) where msg_id is not null do nothing
         returning id)
       select pg_notify('${QUEUE_CHANNEL}', $1) from stored`,
      [stream, key, options.msgId ?? null, Buffer.from(data.buffer, data.byteOffset, data.byteLength)],
    );
    this.wake(stream);
  }

  consume(stream: string, handler: BatchHandler, options?: ConsumeOptions): Consumer {
    assertStream(stream);
    const opts = resolveConsumeOptions(options);
    void this.ensureListening().catch(this.onError);
    let interruptWait: (() => void) | undefined;
    const source: DeliverySource = {
      fetch: async (max, waitMs) => {
        const first = await this.claim(stream, max, opts.ackWaitMs);
        if (first.length || waitMs <= 0) return first;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, waitMs);
          const waiters = this.waiters.get(stream) ?? new Set();
          this.waiters.set(stream, waiters);
          function done(): void {
            clearTimeout(timer);
            waiters.delete(done);
            interruptWait = undefined;
            resolve();
          }
          waiters.add(done);
          interruptWait = done;
        });
        return this.claim(stream, max, opts.ackWaitMs);
      },
      settle: async (acked, retried) => {
        if (acked.length) await this.pool.query('delete from bus_messages where id = any($1::bigint[])', [acked.map((m) => m.id)]);
        for (const { message, delayMs } of retried) {
          await this.pool.query(`update bus_messages set claimed_until = now() + $2 * interval '1 millisecond' where id = $1`, [message.id, delayMs]);
        }
      },
      interrupt: () => interruptWait?.(),
    };
    const consumer = runConsumer(source, this.pool, handler, opts);
    const tracked: Consumer = {
      stop: async () => {
        this.consumers.delete(tracked);
        await consumer.stop();
      },
    };
    this.consumers.add(tracked);
    return tracked;
  }

  private async claim(stream: string, max: number, ackWaitMs: number): Promise<BusMessage[]> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      // A statement's snapshot is taken when it starts: the lock must be held before the claim
      // statement begins, or it could claim rows another consumer claimed a moment ago.
      await client.query(`select pg_advisory_xact_lock(hashtext('muster_bus:' || $1))`, [stream]);
      const { rows } = await client.query<ClaimedRow>(
        `update bus_messages m
            set claimed_until = now() + $3 * interval '1 millisecond', deliveries = m.deliveries + 1
          where m.id in (
            select c.id from bus_messages c
             where c.stream = $1 and c.claimed_until <= now()
               and not exists (
                 select 1 from bus_messages b
                  where b.stream = c.stream and b.key = c.key and b.id < c.id and b.claimed_until > now())
             order by c.id
             limit $2)
         returning m.id, m.key, m.payload, m.deliveries, m.published_at`,
        [stream, max, ackWaitMs],
      );
      await client.query('commit');
      rows.sort((a, b) => a.id - b.id);
      return rows.map((r) => ({
        id: String(r.id),
        stream,
        key: r.key,
        data: new Uint8Array(r.payload.buffer, r.payload.byteOffset, r.payload.byteLength),
        deliveries: r.deliveries,
        publishedAt: r.published_at,
      }));
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private wake(stream: string): void {
    for (const waiter of [...(this.waiters.get(stream) ?? [])]) waiter();
  }

  async notify(topic: string, payload: unknown): Promise<void> {
    assertTopic(topic);
    const message = JSON.stringify({ t: topic, p: payload });
    if (Buffer.byteLength(message) > MAX_NOTIFY_BYTES) throw new RangeError(`notification on ${topic} is larger than ${MAX_NOTIFY_BYTES} bytes`);
    await this.pool.query(`select pg_notify('${NOTIFY_CHANNEL}', $1)`, [message]);
  }

  async listen(pattern: string, handler: NotificationHandler, options: ListenOptions = {}): Promise<Listener> {
    assertPattern(pattern);
    const entry = { pattern, handler, onGap: options.onGap };
    this.handlers.add(entry);
    await this.ensureListening();
    return { close: async () => void this.handlers.delete(entry) };
  }

  /** One dedicated connection LISTENs for both channels; it reconnects on its own after a failure. */
  private ensureListening(): Promise<void> {
    if (this.listenReady) return this.listenReady;
    this.listenReady = (async () => {
      const client = new pg.Client(this.pool.options);
      client.on('notification', (msg) => {
        if (msg.channel === QUEUE_CHANNEL && msg.payload) this.wake(msg.payload);
        if (msg.channel === NOTIFY_CHANNEL && msg.payload) this.dispatch(msg.payload);
      });
      const reconnect = (error?: unknown): void => {
        if (error) this.onError(error);
        if (this.listenClient !== client) return;
        this.listenClient = undefined;
        this.listenReady = undefined;
        this.listenLost = true;
        this.gap();
        client.removeAllListeners('error');
        client.on('error', () => undefined);
        client.end().catch(() => undefined);
        if (!this.closed) setTimeout(() => void this.ensureListening().catch(this.onError), 1_000).unref();
      };
      client.on('error', reconnect);
      client.on('end', () => reconnect());
      this.listenClient = client;
      try {
        await client.connect();
        await client.query(`listen ${QUEUE_CHANNEL}`);
        await client.query(`listen ${NOTIFY_CHANNEL}`);
        if (this.listenLost) this.gap();
      } catch (error) {
        reconnect(error);
        throw error;
      }
    })();
    return this.listenReady;
  }

  private gap(): void {
    if (this.closed) return;
    for (const { onGap } of this.handlers) {
      try {
        onGap?.();
      } catch (error) {
        this.onError(error);
      }
    }
  }

  private dispatch(raw: string): void {
    let message: { t: string; p: unknown };
    try {
      message = JSON.parse(raw) as { t: string; p: unknown };
    } catch {
      return;
    }
    for (const { pattern, handler } of this.handlers) {
      if (!subjectMatches(pattern, message.t)) continue;
      try {
        handler(message.t, message.p);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  async check(): Promise<void> {
    await this.pool.query('select 1 from bus_messages limit 0');
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.stop()));
    this.closed = true;
    const client = this.listenClient;
    this.listenClient = undefined;
    this.listenReady = undefined;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}
