import type pg from 'pg';
import type { BatchHandler, BusMessage, ConsumeOptions, Consumer } from './types.js';

/** What each transport provides; the loop below holds the shared consume logic. */
export interface DeliverySource {
  /** Resolves with up to `max` messages, or none after waiting about `waitMs` (0: at once). */
  fetch(max: number, waitMs: number): Promise<BusMessage[]>;
  /** Acks `acked` for good and hands `retried` back for redelivery after their delays. */
  settle(acked: BusMessage[], retried: Array<{ message: BusMessage; delayMs: number }>): Promise<void>;
  /** Stops an in-progress fetch early (on shutdown). */
  interrupt(): void;
}

export interface ResolvedConsumeOptions {
  batchSize: number;
  ackWaitMs: number;
  maxDeliveries: number;
  retryDelayMs: number;
  lingerMs: number;
  onError: (error: unknown, batch: BusMessage[]) => void;
}

export function resolveConsumeOptions(options: ConsumeOptions = {}): ResolvedConsumeOptions {
  return {
    batchSize: Math.max(1, Math.min(options.batchSize ?? 100, 10_000)),
    ackWaitMs: Math.max(1_000, options.ackWaitMs ?? 60_000),
    maxDeliveries: Math.max(1, options.maxDeliveries ?? 10),
    retryDelayMs: Math.max(0, options.retryDelayMs ?? 1_000),
    lingerMs: Math.max(0, Math.min(options.lingerMs ?? 0, 60_000)),
    onError: options.onError ?? (() => undefined),
  };
}

export function retryDelay(base: number, deliveries: number): number {
  return Math.min(60_000, base * 2 ** Math.max(0, deliveries - 1));
}

const FETCH_WAIT_MS = 1_000;
/** While lingering, the pause between two looks for more messages. */
const LINGER_STEP_MS = 100;

/**
 * Fetch a batch, hand it to the handler, ack what succeeded, schedule the rest for redelivery,
 * and move messages that failed too often to bus_dead_letters (kept in PostgreSQL in both modes,
 * so an operator finds them in one place).
 */
export function runConsumer(source: DeliverySource, pool: pg.Pool, handler: BatchHandler, opts: ResolvedConsumeOptions): Consumer {
  let stopping = false;
  const done = (async () => {
    let failures = 0;
    let flowing = false;
    while (!stopping) {
      let batch: BusMessage[];
      try {
        batch = await source.fetch(opts.batchSize, FETCH_WAIT_MS);
        if (flowing && opts.lingerMs > 0 && batch.length > 0 && batch.length < opts.batchSize) {
          // Sleep, then take what came meanwhile: not a fetch per arriving message.
          const until = performance.now() + opts.lingerMs;
          for (let left = opts.lingerMs; batch.length < opts.batchSize && left > 0 && !stopping; left = until - performance.now()) {
            await sleep(Math.min(left, LINGER_STEP_MS));
            batch = batch.concat(await source.fetch(opts.batchSize - batch.length, 0));
          }
        }
        flowing = batch.length > 0;
        failures = 0;
      } catch (error) {
        if (stopping) break;
        opts.onError(error, []);
        failures++;
        await sleep(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)));
        continue;
      }
      if (batch.length === 0) continue;
      try {
        const dead = batch.filter((m) => m.deliveries > opts.maxDeliveries);
        const live = batch.filter((m) => m.deliveries <= opts.maxDeliveries);
        if (dead.length) {
          await deadLetter(pool, dead, `exceeded ${opts.maxDeliveries} deliveries`);
          await source.settle(dead, []);
        }
        if (live.length === 0) continue;
        let retry: Set<string>;
        try {
          const result = await handler(live);
          retry = new Set(result?.retry ?? []);
        } catch (error) {
          opts.onError(error, live);
          retry = new Set(live.map((m) => m.id));
        }
        await source.settle(
          live.filter((m) => !retry.has(m.id)),
          live.filter((m) => retry.has(m.id)).map((message) => ({ message, delayMs: retryDelay(opts.retryDelayMs, message.deliveries) })),
        );
      } catch (error) {
        // Settling failed (connection lost): the claims expire and the messages come back.
        opts.onError(error, batch);
      }
    }
  })();
  return {
    async stop() {
      stopping = true;
      source.interrupt();
      await done;
    },
  };
}

async function deadLetter(pool: pg.Pool, dead: BusMessage[], error: string): Promise<void> {
  for (const message of dead) {
    await pool.query(
      `insert into bus_dead_letters (message_id, stream, key, payload, published_at, deliveries, error)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (stream, message_id) do nothing`,
      [message.id, message.stream, message.key, Buffer.from(message.data), message.publishedAt, message.deliveries, error],
    );
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
