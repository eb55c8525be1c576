import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type Consumer as JsConsumer,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type pg from 'pg';
import { ConfigError } from '../config.js';
import { resolveConsumeOptions, runConsumer, type DeliverySource } from './consumer-loop.js';
import {
  assertKey,
  assertPattern,
  assertStream,
  assertTopic,
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

/**
 * JetStream names under a namespace (default `muster`, so that several installations can share
 * one NATS): stream `reports` is stream MUSTER_REPORTS over subjects `muster.reports.<key>`.
 */
const NAMESPACE = /^[a-z][a-z0-9_]{0,31}$/;
const DEDUPE_WINDOW_MS = 2 * 60_000;

/**
 * The distributed bus: JetStream work-queue streams (file storage) with one durable pull consumer
 * per stream shared by every worker process; core NATS subjects for notifications. Streams and
 * consumers are created idempotently on first use, so any number of servers can start at once.
 */
export class NatsBus implements Bus {
  readonly kind = 'nats' as const;
  private readonly js: JetStreamClient;
  private readonly consumers = new Set<Consumer>();
  private readonly ensured = new Map<string, Promise<void>>();
  private readonly gapHandlers = new Set<() => void>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly pool: pg.Pool,
    private readonly namespace: string,
  ) {
    this.js = jetstream(nc);
    void this.watchConnection();
  }

  /** Core NATS drops notifications published while a client is disconnected. */
  private async watchConnection(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type !== 'disconnect' && status.type !== 'reconnect') continue;
      for (const onGap of this.gapHandlers) {
        try {
          onGap();
        } catch {
          // A cache that cannot clear itself must not stop the others from clearing.
        }
      }
    }
  }

  private streamName(stream: string): string {
    return `${this.namespace.toUpperCase()}_${stream.toUpperCase()}`;
  }

  private subjectOf(stream: string, key: string): string {
    return `${this.namespace}.${stream}.${key}`;
  }

  private notifySubject(topic: string): string {
    return `${this.namespace}.notify.${topic}`;
  }

  static async connect(url: string, pool: pg.Pool, namespace = 'muster'): Promise<NatsBus> {
    if (!NAMESPACE.test(namespace)) throw new ConfigError('MUSTER_NATS_NAMESPACE', `must match ${NAMESPACE}, got "${namespace}"`);
    const name = `muster-${namespace}`;
    const servers = url.split(',').map((s) => s.trim());
    let nc: NatsConnection;
    try {
      nc = await connect({ servers, name, timeout: 5_000, maxReconnectAttempts: -1, reconnectTimeWait: 1_000 });
    } catch (error) {
      throw new ConfigError('NATS_URL', `cannot connect to ${servers.join(', ')}: ${(error as Error).message}`);
    }
    let jsm: JetStreamManager;
    try {
      jsm = await jetstreamManager(nc, { timeout: 5_000 });
    } catch (error) {
      await nc.close();
      throw new ConfigError('NATS_URL', `JetStream is not enabled on ${servers.join(', ')} (start nats-server with -js): ${(error as Error).message}`);
    }
    return new NatsBus(nc, jsm, pool, namespace);
  }

  /** Creates the stream when missing; safe when several servers race. */
  private ensureStream(stream: string): Promise<void> {
    const existing = this.ensured.get(stream);
    if (existing) return existing;
    const name = this.streamName(stream);
    const work = (async () => {
      try {
        await this.jsm.streams.info(name);
      } catch {
        const config = {
          name,
          subjects: [`${this.namespace}.${stream}.>`],
          retention: RetentionPolicy.Workqueue,
          storage: StorageType.File,
          duplicate_window: nanos(DEDUPE_WINDOW_MS),
        };
        await this.jsm.streams.add(config).catch(async (error: Error) => {
          // Another server created it between our look and our add.
          await this.jsm.streams.info(name).catch(() => {
            throw error;
          });
        });
      }
    })();
    work.catch(() => this.ensured.delete(stream));
    this.ensured.set(stream, work);
    return work;
  }

  /** The stream's one durable consumer, created when missing and kept at the ack wait asked for. */
  private async ensureConsumer(stream: string, ackWaitMs: number): Promise<JsConsumer> {
    await this.ensureStream(stream);
    const name = this.streamName(stream);
    const durable = `${stream}_workers`;
    const info = await this.jsm.consumers.info(name, durable).catch(() => undefined);
    if (!info) {
      await this.jsm.consumers
        .add(name, { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: nanos(ackWaitMs), max_deliver: -1, max_ack_pending: 10_000 })
        .catch(async (error: Error) => {
          await this.jsm.consumers.info(name, durable).catch(() => {
            throw error;
          });
        });
    } else if (info.config.ack_wait !== nanos(ackWaitMs)) {
      await this.jsm.consumers.update(name, durable, { ack_wait: nanos(ackWaitMs) });
    }
    return this.js.consumers.get(name, durable);
  }

  async publish(stream: string, key: string, data: Uint8Array, options: PublishOptions = {}): Promise<void> {
    assertStream(stream);
    assertKey(key);
    await this.ensureStream(stream);
    await this.js.publish(this.subjectOf(stream, key), data, options.msgId ? { msgID: options.msgId } : undefined);
  }

  consume(stream: string, handler: BatchHandler, options?: ConsumeOptions): Consumer {
    assertStream(stream);
    const opts = resolveConsumeOptions(options);
    const inFlight = new Map<string, JsMsg>();
    let abort: (() => void) | undefined;
    let consumer: JsConsumer | undefined;
    const prefix = `${this.namespace}.${stream}.`;
    const source: DeliverySource = {
      fetch: async (max, waitMs) => {
        consumer ??= await this.ensureConsumer(stream, opts.ackWaitMs);
        const messages = await consumer.fetch({ max_messages: max, expires: Math.max(1_000, waitMs) });
        abort = () => messages.stop();
        const batch: BusMessage[] = [];
        for await (const m of messages) {
          const id = String(m.seq);
          inFlight.set(id, m);
          batch.push({
            id,
            stream,
            key: m.subject.slice(prefix.length),
            data: m.data,
            deliveries: m.info.deliveryCount,
            publishedAt: new Date(Math.floor(m.info.timestampNanos / 1e6)),
          });
        }
        abort = undefined;
        return batch;
      },
      settle: async (acked, retried) => {
        const take = (id: string): JsMsg => {
          const m = inFlight.get(id);
          inFlight.delete(id);
          if (!m) throw new Error(`message ${id} is not in flight`);
          return m;
        };
        // ackAck waits for the server's confirmation: an ack that is lost would mean a redelivery.
        await Promise.all(acked.map((m) => take(m.id).ackAck()));
        for (const { message, delayMs } of retried) take(message.id).nak(delayMs);
      },
      interrupt: () => abort?.(),
    };
    const running = runConsumer(source, this.pool, handler, opts);
    const tracked: Consumer = {
      stop: async () => {
        this.consumers.delete(tracked);
        await running.stop();
      },
    };
    this.consumers.add(tracked);
    return tracked;
  }

  async notify(topic: string, payload: unknown): Promise<void> {
    assertTopic(topic);
    this.nc.publish(this.notifySubject(topic), JSON.stringify(payload));
  }

  async listen(pattern: string, handler: NotificationHandler, options: ListenOptions = {}): Promise<Listener> {
    assertPattern(pattern);
    const { onGap } = options;
    if (onGap) this.gapHandlers.add(onGap);
    const base = `${this.namespace}.notify.`;
    const sub: Subscription = this.nc.subscribe(this.notifySubject(pattern), {
      callback: (error, msg) => {
        if (error) return;
        let payload: unknown;
        try {
          payload = msg.json();
        } catch {
          return;
        }
        handler(msg.subject.slice(base.length), payload);
      },
    });
    // Round-trip so the subscription is registered on the server before we return.
    await this.nc.flush();
    return {
      close: async () => {
        if (onGap) this.gapHandlers.delete(onGap);
        sub.unsubscribe();
      },
    };
  }

  async check(): Promise<void> {
    if (this.nc.isClosed() || this.nc.isDraining()) throw new Error('NATS connection is closed');
    await this.nc.rtt();
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.stop()));
    await this.nc.drain().catch(() => undefined);
  }
}
