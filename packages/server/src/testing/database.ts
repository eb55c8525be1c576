import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/database.js';

/**
 * Each test file gets its own database, copied from the migrated template that `npm test`
 * prepares (scripts/test.ts), so files run in parallel without seeing each other's rows.
 */
export interface TestDatabase extends Database {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through "npm test", which prepares the test database server`);
  return value;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: requireEnv('MUSTER_TEST_SERVER_URL') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const serverUrl = requireEnv('MUSTER_TEST_SERVER_URL');
  const template = requireEnv('MUSTER_TEST_TEMPLATE');
  const name = `muster_t_${requireEnv('MUSTER_TEST_RUN')}_${randomBytes(6).toString('hex')}`;
  // CREATE DATABASE ... TEMPLATE fails while another CREATE is copying the same template: retry.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`create database ${name} template ${template}`);
      break;
    } catch (error) {
      if (attempt >= 50 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
    }
  }
  const url = withDatabase(serverUrl, name);
  const database = openDatabase({ url, poolSize: options.poolSize ?? 5, applicationName: 'muster-test' });
  return {
    ...database,
    url,
    name,
    async drop() {
      await database.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

/** A fresh, empty (unmigrated) database, for tests of migration itself. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = requireEnv('MUSTER_TEST_SERVER_URL');
  const name = `muster_t_${requireEnv('MUSTER_TEST_RUN')}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  return { url: withDatabase(serverUrl, name), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

/**
 * JetStream streams are shared by everything on one NATS server: each test file works in a
 * namespace of its own (the test runner deletes the run's namespaces afterwards).
 */
export function testNatsNamespace(): string {
  return `t${requireEnv('MUSTER_TEST_RUN')}_${process.pid}`;
}

export function testNatsUrl(): string | undefined {
  return process.env.NATS_URL || undefined;
}
