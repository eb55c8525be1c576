import type pg from 'pg';
import { NatsBus } from './nats.js';
import { PostgresBus } from './postgres.js';
import type { Bus } from './types.js';

export type * from './types.js';

/** NATS JetStream when a URL is given, otherwise the queue in the same PostgreSQL. */
export async function createBus(options: { pool: pg.Pool; natsUrl?: string | undefined; natsNamespace?: string | undefined; onError?: (error: unknown) => void }): Promise<Bus> {
  if (options.natsUrl) return NatsBus.connect(options.natsUrl, options.pool, options.natsNamespace);
  return new PostgresBus(options.pool, options.onError);
}
