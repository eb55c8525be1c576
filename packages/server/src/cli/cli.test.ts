import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { loadMigrations } from '../db/migrate.js';
import { bootstrapFirstRun } from '../orgs/bootstrap.js';
import { verifyPassword } from '../auth/passwords.js';
import { createEmptyDatabase, createTestDatabase, testNatsUrl, type TestDatabase } from '../testing/database.js';
import { spawnMuster } from '../testing/server-process.js';

/** Runs a command expected to fail at start-up and returns its output. */
async function failingStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const proc = spawnMuster(['serve'], { MUSTER_PORT: '0', ...env });
  const code = await proc.exited();
  return { code, output: proc.output() };
}

function assertOneLine(output: string, pattern: RegExp): void {
  const lines = output.trim().split('\n').filter((l) => l.startsWith('muster: '));
  assert.equal(lines.length, 1, output);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(output, /\n\s+at /, `a stack trace was printed:\n${output}`);
}

describe('bad configuration ends with one line naming the setting', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => database.drop());

  test('unreachable DATABASE_URL', async () => {
    const { code, output } = await failingStart({ DATABASE_URL: 'postgres://muster:secret-password@127.0.0.1:1/muster' });
    assert.equal(code, 1);
    assertOneLine(output, /^muster: DATABASE_URL: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/muster: ECONNREFUSED/);
    assert.doesNotMatch(output, /secret-password/);
  });

  test('malformed DATABASE_URL and NATS_URL', async () => {
    assertOneLine((await failingStart({ DATABASE_URL: 'mysql://x@y/z' })).output, /^muster: DATABASE_URL: scheme must be postgres/);
    assertOneLine((await failingStart({ DATABASE_URL: database.url, NATS_URL: 'http://127.0.0.1:4222' })).output, /^muster: NATS_URL: scheme must be nats/);
  });

  test('unreachable NATS_URL', async () => {
    const { code, output } = await failingStart({ DATABASE_URL: database.url, NATS_URL: 'nats://127.0.0.1:1' });
    assert.equal(code, 1);
    assertOneLine(output, /^muster: NATS_URL: cannot connect to nats:\/\/127\.0\.0\.1:1/);
  });

  test('port in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { code, output } = await failingStart({ DATABASE_URL: database.url, MUSTER_PORT: String(port) });
      assert.equal(code, 1);
      assertOneLine(output, new RegExp(`^muster: MUSTER_PORT: port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      blocker.close();
    }
  });

  test('invalid numbers and levels', async () => {
    assertOneLine((await failingStart({ MUSTER_PORT: 'eighty' })).output, /^muster: MUSTER_PORT: expected a whole number/);
    assertOneLine((await failingStart({ MUSTER_LOG_LEVEL: 'loud' })).output, /^muster: MUSTER_LOG_LEVEL: expected one of/);
    assertOneLine((await failingStart({ MUSTER_TLS_CERT: '/nonexistent.pem' })).output, /^muster: MUSTER_TLS_KEY: .*set together/);
  });
});

describe('admin commands', () => {
  test('create-user and reset-password work on the database; bad input is one line', async () => {
    const database = await createTestDatabase();
    try {
      await bootstrapFirstRun(database.db, { adminEmail: 'root@example.test', adminPassword: 'first admin pass 1' });
      const env = { DATABASE_URL: database.url, NATS_URL: testNatsUrl() ?? '' };
      const created = spawnMuster(['admin', 'create-user', '--email', 'ops@example.test', '--role', 'operator', '--password', 'operations pass 22'], env);
      assert.equal(await created.exited(), 0, created.output());
      assert.match(created.output(), /created ops@example\.test \(operator\)/);
      const reset = spawnMuster(['admin', 'reset-password', '--email', 'ops@example.test'], { ...env, MUSTER_PASSWORD: 'a brand new secret 7' });
      assert.equal(await reset.exited(), 0, reset.output());
      const { rows } = await database.pool.query("select password_hash from users where email = 'ops@example.test'");
      assert.ok(await verifyPassword(rows[0].password_hash, 'a brand new secret 7'));
      const badRole = spawnMuster(['admin', 'create-user', '--email', 'x@example.test', '--role', 'owner', '--password', 'whatever pass 123'], env);
      assert.equal(await badRole.exited(), 1);
      assertOneLine(badRole.output(), /^muster: --role must be one of admin, operator, viewer, auditor/);
    } finally {
      await database.drop();
    }
  });
});

describe('start-up and shutdown', () => {
  test('two servers started at the same moment on an empty database both come up; migrations and bootstrap happen once', async () => {
    const empty = await createEmptyDatabase();
    const env = { DATABASE_URL: empty.url, MUSTER_PORT: '0', NATS_URL: testNatsUrl() ?? '' };
    const a = spawnMuster(['serve'], env);
    const b = spawnMuster(['serve'], env);
    try {
      const [urlA, urlB] = await Promise.all([a.ready(), b.ready()]);
      for (const url of [urlA, urlB]) assert.equal((await fetch(`${url}/readyz`)).status, 200);
      const client = new pg.Client({ connectionString: empty.url });
      await client.connect();
      const migrations = await client.query('select version from schema_migrations order by version');
      assert.deepEqual(migrations.rows.map((r) => r.version), loadMigrations().map((m) => m.version));
      assert.equal((await client.query('select count(*)::int as n from organizations')).rows[0].n, 1);
      assert.equal((await client.query('select count(*)::int as n from users')).rows[0].n, 1);
      await client.end();
      // Exactly one of them printed the first-run credentials.
      assert.equal([a.output(), b.output()].filter((o) => o.includes('Password:')).length, 1);
    } finally {
      a.kill('SIGTERM');
      b.kill('SIGTERM');
      assert.deepEqual(await Promise.all([a.exited(), b.exited()]), [0, 0]);
      await empty.drop();
    }
  });

  test('embedded mode survives SIGKILL and a stale pid file; SIGTERM stops PostgreSQL too', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-embedded-'));
    if (process.getuid?.() === 0) fs.chmodSync(dataDir, 0o755);
    const env = { DATABASE_URL: '', NATS_URL: '', MUSTER_DATA_DIR: dataDir, MUSTER_PORT: '0' };
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    try {
      const first = spawnMuster(['serve'], env);
      await first.ready();
      assert.match(first.output(), /Password: \S+/);
      const postgresPid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
      first.kill('SIGKILL');
      await first.exited();
      // The killed server's PostgreSQL is orphaned but alive; the next start must cope.
      assert.doesNotThrow(() => process.kill(postgresPid, 0));

      const second = spawnMuster(['serve'], env);
      const url = await second.ready();
      assert.equal((await fetch(`${url}/readyz`)).status, 200);
      assert.match(second.output(), /still running/);
      assert.doesNotMatch(second.output(), /Password:/, 'first-run credentials must be printed only once');
      second.kill('SIGTERM');
      assert.equal(await second.exited(), 0);
      assert.equal(fs.existsSync(pidFile), false, 'PostgreSQL should have stopped with the server');

      // A pid file naming a live process that is not PostgreSQL (pid reuse after a reboot).
      fs.writeFileSync(pidFile, `${process.pid}\n${path.join(dataDir, 'postgres')}\n0\n5432\n`);
      const third = spawnMuster(['serve'], env);
      await third.ready();
      assert.match(third.output(), /removing stale/);
      third.kill('SIGINT');
      assert.equal(await third.exited(), 0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
