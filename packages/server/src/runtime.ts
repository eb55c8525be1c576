import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type pino from 'pino';
import { createBus, type Bus } from './bus/index.js';
import { ConfigError, type Config } from './config.js';
import { checkConnection, openDatabase, type Database } from './db/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './http/app.js';
import { bootstrapFirstRun, sharedSecret, type BootstrapResult } from './orgs/bootstrap.js';
import { buildServices, type Services } from './services.js';

/**
 * Brings up the storage a command needs: embedded PostgreSQL when DATABASE_URL is unset, the
 * connection pool, and the schema (migrated under an advisory lock).
 */
export interface Storage {
  database: Database;
  embedded: EmbeddedPostgres | undefined;
  url: string;
  close(): Promise<void>;
}

export async function openStorage(config: Config, log: pino.Logger, options: { migrate?: boolean } = {}): Promise<Storage> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log: (line) => log.info(line) });
    url = embedded.url;
  }
  const database = openDatabase({ url, poolSize: config.dbPoolSize, onError: (error) => log.warn({ code: (error as NodeJS.ErrnoException).code, reason: error.message }, 'idle database connection failed') });
  try {
    await checkConnection(database, url);
    if (options.migrate !== false) {
      const result = await migrate(database.pool);
      if (result.applied.length) log.info({ applied: result.applied }, 'database migrated');
    }
  } catch (error) {
    await database.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  return {
    database,
    embedded,
    url,
    async close() {
      await database.close();
      await embedded?.stop();
    },
  };
}

export interface Workers {
  /** Stops taking work and waits for the batches in hand. */
  stop(): Promise<void>;
}

/** The background work of a server process: ingest, and the maintenance of metrics partitions. */
export async function startWorkers(services: Services, config: Pick<Config, 'ingestBatchSize' | 'ingestAckWaitMs'>, log: pino.Logger): Promise<Workers> {
  await services.partitions.maintain();
  services.ingest.start({ batchSize: config.ingestBatchSize, ackWaitMs: config.ingestAckWaitMs });
  const maintenance = setInterval(() => {
    services.partitions.maintain().catch((error: unknown) => log.error({ err: error }, 'metrics partition maintenance failed'));
  }, 3_600_000);
  maintenance.unref();
  return {
    async stop() {
      clearInterval(maintenance);
      await services.ingest.stop();
    },
  };
}

/** A process that only works the queues (`muster worker`): scale ingest apart from the API. */
export async function startWorkerProcess(config: Config, log: pino.Logger): Promise<{ shutdown(): Promise<void> }> {
  const storage = await openStorage(config, log);
  try {
    const bus = await createBus({ pool: storage.database.pool, natsUrl: config.natsUrl, natsNamespace: config.natsNamespace, onError: (error) => log.warn({ err: error }, 'bus error') });
    const jwtSecret = config.jwtSecret ?? (await sharedSecret(storage.database.db, 'jwt_secret'));
    const services = buildServices({ db: storage.database.db, systemDb: storage.database.systemDb, bus, jwtSecret, log });
    const workers = await startWorkers(services, config, log);
    return {
      async shutdown() {
        await workers.stop();
        await bus.close();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close().catch(() => undefined);
    throw error;
  }
}

export interface Server {
  app: FastifyInstance;
  bus: Bus;
  services: Services;
  storage: Storage;
  bootstrap: BootstrapResult;
  address: string;
  /** Graceful: stop accepting, finish in-flight requests and consumer batches, then close storage. */
  shutdown(): Promise<void>;
}

export async function startServer(config: Config, log: pino.Logger, options: { consoleDir?: string } = {}): Promise<Server> {
  for (const [setting, file] of [['MUSTER_TLS_CERT', config.tlsCert], ['MUSTER_TLS_KEY', config.tlsKey]] as const) {
    if (file && !fs.existsSync(file)) throw new ConfigError(setting, `file ${file} does not exist`);
  }
  const storage = await openStorage(config, log);
  let bus: Bus | undefined;
  let app: FastifyInstance | undefined;
  let shuttingDown = false;
  try {
    bus = await createBus({ pool: storage.database.pool, natsUrl: config.natsUrl, natsNamespace: config.natsNamespace, onError: (error) => log.warn({ err: error }, 'bus error') });
    const bootstrap = await bootstrapFirstRun(storage.database.db, { adminEmail: config.adminEmail, adminPassword: config.adminPassword });
    const jwtSecret = config.jwtSecret ?? (await sharedSecret(storage.database.db, 'jwt_secret'));
    const services = buildServices({ db: storage.database.db, systemDb: storage.database.systemDb, bus, jwtSecret, log });
    const busRef = bus;
    app = await buildApp({
      config,
      services,
      logger: log,
      consoleDir: options.consoleDir,
      isShuttingDown: () => shuttingDown,
      checks: [
        { name: 'database', check: async () => void (await storage.database.pool.query('select 1')) },
        { name: 'bus', check: () => busRef.check() },
      ],
    });
    let address: string;
    try {
      address = await app.listen({ host: config.host, port: config.port });
    } catch (error) {
      const err = error as NodeJS.ErrnoException;
      if (err.code === 'EADDRINUSE') throw new ConfigError('MUSTER_PORT', `port ${config.port} on ${config.host} is already in use`);
      if (err.code === 'EACCES') throw new ConfigError('MUSTER_PORT', `not allowed to listen on port ${config.port}`);
      if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new ConfigError('MUSTER_HOST', `cannot listen on ${config.host}: no such local address`);
      throw error;
    }
    await services.deviceAuth.listen(bus);
    services.lastSeen.start();
    const workers = config.workers ? await startWorkers(services, config, log) : undefined;
    const started = app;
    return {
      app: started,
      bus,
      services,
      storage,
      bootstrap,
      address,
      async shutdown() {
        shuttingDown = true;
        await started.close();
        await services.lastSeen.stop();
        await workers?.stop();
        await busRef.close();
        await storage.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await bus?.close().catch(() => undefined);
    await storage.close().catch(() => undefined);
    throw error;
  }
}
