import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { createBus } from '../bus/index.js';
import type { Bus } from '../bus/types.js';
import { buildApp } from '../http/app.js';
import { bootstrapFirstRun } from '../orgs/bootstrap.js';
import { buildServices, type Services } from '../services.js';
import { createTestDatabase, testNatsNamespace, testNatsUrl, type TestDatabase } from './database.js';

export const TEST_ADMIN = { email: 'admin@example.test', password: 'correct horse battery staple' };

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  bus: Bus;
  services: Services;
  /** Logs in and returns an access token. */
  login(email?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The whole HTTP application on a database of its own, driven with app.inject (no port). */
export async function createTestApp(options: { nats?: boolean; workers?: boolean; batchSize?: number } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const bus = await createBus({ pool: database.pool, natsUrl: options.nats ? testNatsUrl() : undefined, natsNamespace: testNatsNamespace() });
  await bootstrapFirstRun(database.db, { adminEmail: TEST_ADMIN.email, adminPassword: TEST_ADMIN.password });
  const log = pino({ level: 'silent' });
  const services = buildServices({ db: database.db, systemDb: database.systemDb, bus, jwtSecret: 'test-secret-that-is-long-enough-0123456789', log });
  await services.deviceAuth.listen(bus);
  await services.partitions.maintain();
  services.lastSeen.start();
  if (options.workers !== false) services.ingest.start({ batchSize: options.batchSize });
  const app = await buildApp({
    config: { bodyLimitBytes: 1024 * 1024, trustProxy: false, tlsCert: undefined, tlsKey: undefined },
    services,
    logger: false,
    checks: [
      { name: 'database', check: async () => void (await database.pool.query('select 1')) },
      { name: 'bus', check: () => bus.check() },
    ],
  });
  await app.ready();
  return {
    app,
    database,
    bus,
    services,
    async login(email = TEST_ADMIN.email, password = TEST_ADMIN.password) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login as ${email} failed: ${res.statusCode} ${res.body}`);
      return (res.json() as { accessToken: string }).accessToken;
    },
    async close() {
      await app.close();
      await services.lastSeen.stop();
      await services.ingest.stop();
      await bus.close();
      await database.drop();
    },
  };
}
