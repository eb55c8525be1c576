import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../config.js';
import type { DB } from './schema.js';
import { tenantAwarePool } from './tenant-scope.js';

// Return int8 (bigint, count(*)) as JS numbers: every such value Muster stores (row ids, counters,
// byte sizes) stays far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface Database {
  /** The owner's connections: the bus, migrations, health checks. */
  pool: pg.Pool;
  /** Queries run as the owner, or scoped to an organisation inside runInOrg (row-level security). */
  db: Kysely<DB>;
  /**
   * Always the owner role, even inside runInOrg: authentication (sessions, tokens, throttling,
   * server secrets) and background work that by nature spans organisations.
   */
  systemDb: Kysely<DB>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  onError?: (error: Error) => void;
}

/** Host and port of a connection string, for messages: never the password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

export function openDatabase(options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'muster',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its connection emits here; without a listener Node would crash.
  pool.on('error', (error) => options.onError?.(error));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: tenantAwarePool(pool) }) });
  // Shares the pool; destroying db ends it.
  const systemDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: { connect: () => pool.connect(), end: async () => undefined } }) });
  return {
    pool,
    db,
    systemDb,
    async close() {
      await systemDb.destroy();
      await db.destroy();
    },
  };
}

/** Fails with one line naming DATABASE_URL when the server cannot be reached or refuses us. */
export async function checkConnection(database: Database, url: string, setting = 'DATABASE_URL'): Promise<void> {
  try {
    await database.pool.query('select 1');
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const reason = err.code && !/^\d/.test(err.code) ? `${err.code}` : err.message;
    throw new ConfigError(setting, `cannot connect to PostgreSQL at ${describeDatabaseUrl(url)}: ${reason}`);
  }
  const { rows } = await database.pool.query<{ version: number }>("select current_setting('server_version_num')::int as version");
  if ((rows[0]?.version ?? 0) < 150000) {
    throw new ConfigError(setting, `PostgreSQL ${describeDatabaseUrl(url)} is older than 15 (server_version_num ${rows[0]?.version})`);
  }
}
