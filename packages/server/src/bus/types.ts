/**
 * The bus: one small contract with two implementations (PostgreSQL queue for embedded mode, NATS
 * JetStream for distributed mode), both proven by the same contract tests.
 *
 * - `publish` is durable: when it resolves, the message survives a crash of this process.
 * - `consume` has work-queue semantics: each message of a stream goes to one consumer, in batches,
 *   in publish order per key; a batch whose handler throws (or a consumer that dies before acking)
 *   comes back later; an acked message never comes back. Handlers must be idempotent: delivery is
 *   at least once.
 * - `notify`/`listen` are fire-and-forget notifications to every listening process ("device X
 *   checked in", "work for device Y"), not durable.
 */
export interface BusMessage {
  /** Unique within the stream, increasing in publish order. */
  id: string;
  stream: string;
  /** Ordering key (for example a device id): messages with one key are delivered in order. */
  key: string;
  data: Uint8Array;
  /** 1 on first delivery, more on redelivery. */
  deliveries: number;
  publishedAt: Date;
}

export interface BatchResult {
  /** Ids from the batch to deliver again later; every other message of the batch is acked. */
  retry?: string[];
}

export type BatchHandler = (batch: BusMessage[]) => Promise<BatchResult | void>;

export interface ConsumeOptions {
  /** Most messages handed to the handler at once. Default 100. */
  batchSize?: number;
  /** How long a delivered, unacked message stays invisible before it is redelivered. Default 60 s. */
  ackWaitMs?: number;
  /** Deliveries after which a message is moved to `bus_dead_letters` instead. Default 10. */
  maxDeliveries?: number;
  /** Base delay before a failed batch comes back; doubles with each delivery, at most 60 s. Default 1 s. */
  retryDelayMs?: number;
  /**
   * While messages keep coming (the previous fetch found some too), wait up to this long for a
   * partial batch to fill before handing it over: fewer, larger batches when a handler's cost is
   * mostly per batch. A message arriving after a quiet spell is handed over at once. Default 0.
   */
  lingerMs?: number;
  onError?: (error: unknown, batch: BusMessage[]) => void;
}

export interface Consumer {
  /** Stops fetching, waits for the batch in hand to finish and be acked. */
  stop(): Promise<void>;
}

export interface Listener {
  close(): Promise<void>;
}

export type NotificationHandler = (topic: string, payload: unknown) => void;

export interface ListenOptions {
  /**
   * Notifications are not durable: while the connection that carries them is down, they are lost.
   * Called when that connection is lost and again when it is back, so that a cache kept fresh by
   * notifications can drop what it holds.
   */
  onGap?: () => void;
}

export interface PublishOptions {
  /** Deduplication id: publishing the same id twice within minutes stores the message once. */
  msgId?: string;
}

export interface Bus {
  readonly kind: 'postgres' | 'nats';
  publish(stream: string, key: string, data: Uint8Array, options?: PublishOptions): Promise<void>;
  consume(stream: string, handler: BatchHandler, options?: ConsumeOptions): Consumer;
  notify(topic: string, payload: unknown): Promise<void>;
  /** `pattern` uses NATS wildcards: `*` one token, `>` the rest (`devices.*.checkin`, `devices.>`). */
  listen(pattern: string, handler: NotificationHandler, options?: ListenOptions): Promise<Listener>;
  /** Throws when the bus cannot currently accept work (for /readyz). */
  check(): Promise<void>;
  /** Stops every consumer (draining the batches in hand), then closes connections. */
  close(): Promise<void>;
}

const STREAM = /^[a-z][a-z0-9_]{0,31}$/;
const KEY = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const TOPIC = KEY;
const PATTERN = /^([A-Za-z0-9_-]+|\*)(\.([A-Za-z0-9_-]+|\*))*(\.>)?$|^>$/;

export function assertStream(stream: string): void {
  if (!STREAM.test(stream)) throw new TypeError(`bus stream name "${stream}" must match ${STREAM}`);
}

export function assertKey(key: string): void {
  if (key.length > 200 || !KEY.test(key)) throw new TypeError(`bus key "${key}" must be dot-separated tokens of [A-Za-z0-9_-], at most 200 characters`);
}

export function assertTopic(topic: string): void {
  if (topic.length > 200 || !TOPIC.test(topic)) throw new TypeError(`bus topic "${topic}" must be dot-separated tokens of [A-Za-z0-9_-]`);
}

export function assertPattern(pattern: string): void {
  if (!PATTERN.test(pattern)) throw new TypeError(`bus listen pattern "${pattern}" is not a valid subject pattern`);
}

/** NATS subject matching, used by the PostgreSQL bus so that both buses route notifications alike. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}
