// Run as a child process by the bus contract test: consumes one stream, says what it holds on
// stdout, and never acks, so the parent can kill it with SIGKILL mid-batch.
import pg from 'pg';
import { createBus } from '../index.js';

const [stream, databaseUrl] = process.argv.slice(2) as [string, string];
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const bus = await createBus({ pool, natsUrl: process.env.NATS_URL || undefined });
bus.consume(
  stream,
  async (batch) => {
    process.stdout.write(`${JSON.stringify(batch.map((m) => new TextDecoder().decode(m.data)))}\n`);
    await new Promise(() => undefined);
  },
  { ackWaitMs: 1_000 },
);
