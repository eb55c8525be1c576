/**
 * `npm test`: prepares the database server the tests use, then runs every *.test.ts file with
 * Node's test runner. Without DATABASE_URL it starts an embedded PostgreSQL (fsync off, in
 * .test-data/) for the run; with it, it uses that server (it needs CREATEDB). Either way it
 * creates one migrated template database; each test file copies it into a database of its own.
 * With NATS_URL set, bus-dependent tests run against NATS JetStream too.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../packages/server/src/db/embedded.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : findTests(full);
    return entry.name.endsWith('.test.ts') || entry.name.endsWith('.test.tsx') ? [full] : [];
  });
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

let embedded: EmbeddedPostgres | undefined;
let serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  // A cluster per run: two runs at once (a developer and an editor's test task) must not share one.
  const base = path.join(root, '.test-data');
  fs.mkdirSync(base, { recursive: true });
  for (const entry of fs.readdirSync(base)) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && !isRunning(pid)) fs.rmSync(path.join(base, entry), { recursive: true, force: true });
  }
  const dataDir = path.join(base, String(process.pid));
  if (process.getuid?.() === 0) fs.chmodSync(base, 0o755);
  embedded = await startEmbeddedPostgres({ dataDir, durable: false, log: (line) => console.log(`[test] ${line}`) });
  serverUrl = embedded.url;
  process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
}

const template = `muster_template_${process.pid}`;
// Leftovers of runs that were killed: their databases are ours to remove.
{
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname ~ '^muster_(t|template)_[0-9]+'`);
  for (const { datname } of rows) {
    const runPid = Number(/^muster_(?:t|template)_(\d+)/.exec(datname)?.[1]);
    if (runPid !== process.pid && isRunning(runPid)) continue;
    await client.query(`drop database if exists ${datname} with (force)`);
  }
  await client.query(`drop database if exists ${template}`);
  await client.query(`create database ${template}`);
  await client.end();
}
{
  const pool = new pg.Pool({ connectionString: withDatabase(serverUrl, template), max: 1 });
  await migrate(pool);
  await pool.end();
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const files = args.length ? args : ['packages', 'bench'].flatMap((d) => findTests(path.join(root, d))).sort();
const concurrency = Math.max(2, os.availableParallelism());
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, '--test-timeout=300000', ...files],
  {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, MUSTER_TEST_SERVER_URL: serverUrl, MUSTER_TEST_TEMPLATE: template, MUSTER_TEST_RUN: String(process.pid), MUSTER_LOG_LEVEL: process.env.MUSTER_LOG_LEVEL ?? 'silent' },
  },
);
const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
const code = await new Promise<number>((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));

await adminQuery(serverUrl, `drop database if exists ${template} with (force)`).catch(() => undefined);
if (process.env.NATS_URL) await deleteTestStreams(process.env.NATS_URL).catch((error: unknown) => console.warn(`[test] could not delete test streams: ${String(error)}`));

/** The run's JetStream streams (namespaces t<run pid>_<file pid>, see testing/database.ts). */
async function deleteTestStreams(url: string): Promise<void> {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: url.split(',') });
  const jsm = await jetstreamManager(nc);
  for await (const stream of jsm.streams.list()) {
    if (stream.config.name.startsWith(`T${process.pid}_`)) await jsm.streams.delete(stream.config.name);
  }
  await nc.close();
}
await embedded?.stop();
process.exit(code);
