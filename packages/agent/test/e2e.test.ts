import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testNatsUrl, type TestDatabase } from '../../server/src/testing/database.js';
import { spawnMuster, type ServerProcess } from '../../server/src/testing/server-process.js';
import { tempDir } from './helpers/machine.js';

/**
 * The real agent against the real server, through a proxy the test can cut: the agent keeps
 * producing reports while the server is unreachable, and once it is back every report arrives
 * exactly once, in the order the agent made them.
 */
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const bin = path.join(root, 'packages', 'agent', 'bin', 'muster-agent.js');
const ADMIN = { email: 'e2e@example.test', password: 'agent e2e passphrase 9' };

function agent(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, MUSTER_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Delivered {
  reportId: string;
  sequence: number;
  kind: string;
  status: number;
}

/** Forwards to the server and records every report it delivers; `cut()` makes the port refuse connections. */
class CuttableProxy {
  readonly delivered: Delivered[] = [];
  private server: http.Server | undefined;
  port = 0;

  constructor(private readonly target: string) {}

  async open(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const upstream = http.request(new URL(req.url!, this.target), { method: req.method, headers: req.headers }, (up) => {
          const out: Buffer[] = [];
          up.on('data', (c: Buffer) => out.push(c));
          up.on('end', () => {
            if (req.url === '/agent/v1/reports' && req.method === 'POST') {
              const raw = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
              const report = JSON.parse(raw.toString()) as { reportId: string; sequence: number; kind: string };
              this.delivered.push({ reportId: report.reportId, sequence: report.sequence, kind: report.kind, status: up.statusCode ?? 0 });
            }
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(Buffer.concat(out));
          });
        });
        upstream.on('error', () => {
          res.writeHead(502);
          res.end();
        });
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
}

describe('agent end to end against the real server', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let proxy: CuttableProxy;
  let stateDir: string;

  before(async () => {
    database = await createTestDatabase();
    server = spawnMuster(['serve'], { DATABASE_URL: database.url, NATS_URL: testNatsUrl() ?? '', MUSTER_PORT: '0', MUSTER_ADMIN_EMAIL: ADMIN.email, MUSTER_ADMIN_PASSWORD: ADMIN.password, MUSTER_LOG_LEVEL: 'warn' });
    const base = (await server.ready()).replace('localhost', '127.0.0.1');
    proxy = new CuttableProxy(base);
    await proxy.open();
    const login = (await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json()) as { accessToken: string };
    const token = (await (
      await fetch(`${base}/api/v1/enrollment-tokens`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` }, body: '{}' })
    ).json()) as { token: string };
    stateDir = path.join(tempDir(), 'agent-state');
    const enrolled = await agent(['enroll', '--server', proxy.url, '--token', token.token, '--state-dir', stateDir]);
    assert.equal(enrolled.code, 0, enrolled.stderr);
  });

  after(async () => {
    await proxy.cut();
    server.kill('SIGTERM');
    await server.exited();
    await database.drop();
  });

  test('the first run sends a full inventory that lands with every dpkg package', async () => {
    const ran = await agent(['run', '--once', '--state-dir', stateDir]);
    assert.equal(ran.code, 0, ran.stderr);
    const kinds = proxy.delivered.map((d) => d.kind);
    assert.ok(kinds.includes('full'), `delivered: ${kinds.join(', ')}`);
    const deadline = Date.now() + 30_000;
    let row: { hostname: string; packages: number } | undefined;
    while (Date.now() < deadline) {
      const { rows } = await database.pool.query(
        `select d.hostname, coalesce(array_length(s.software_ids, 1), 0)::int as packages
           from devices d join device_software s on s.org_id = d.org_id and s.device_id = d.id`,
      );
      row = rows[0];
      if (row) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(row, 'the device and its software are queryable');
    const dpkg = fs.existsSync('/usr/bin/dpkg-query') ? execFileSync('dpkg-query', ['-W'], { encoding: 'utf8' }).trim().split('\n').length : 0;
    assert.ok(row.packages >= dpkg, `${row.packages} packages stored, dpkg lists ${dpkg}`);
  });

  test('reports made while the server is cut off all arrive once, in order, when it is back', async () => {
    const before = proxy.delivered.length;
    await proxy.cut();
    for (let i = 0; i < 4; i++) {
      const ran = await agent(['run', '--once', '--state-dir', stateDir]);
      assert.equal(ran.code, 3, `offline run should exit 3 (unreachable), got ${ran.code}: ${ran.stderr}`);
    }
    assert.equal(proxy.delivered.length, before, 'nothing can arrive while cut off');
    const status = await agent(['status', '--state-dir', stateDir, '--json']);
    const spooled = (JSON.parse(status.stdout) as { status: { spool: { records: number } } }).status.spool.records;
    assert.ok(spooled >= 4, `at least one metrics report per offline run is spooled, got ${spooled}`);

    await proxy.open();
    const ran = await agent(['run', '--once', '--state-dir', stateDir]);
    assert.equal(ran.code, 0, ran.stderr);
    const arrived = proxy.delivered.slice(before);
    assert.ok(arrived.length >= spooled, `${arrived.length} arrived, ${spooled} were spooled`);
    assert.ok(arrived.every((d) => d.status === 202), JSON.stringify(arrived));
    const ids = arrived.map((d) => d.reportId);
    assert.equal(new Set(ids).size, ids.length, 'no report was sent twice');
    const sequences = arrived.map((d) => d.sequence);
    assert.deepEqual(sequences, [...sequences].sort((a, b) => a - b), 'reports arrive in the order they were made');

    // And the server applied every one of them, once.
    const all = proxy.delivered.map((d) => d.reportId);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await database.pool.query('select count(*)::int as n from processed_reports where report_id = any($1::uuid[])', [all]);
      if (rows[0].n === all.length) break;
      if (Date.now() > deadline) throw new Error(`${rows[0].n} of ${all.length} reports applied`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const metrics = await database.pool.query('select count(*)::int as n from device_metrics');
    assert.equal(metrics.rows[0].n, proxy.delivered.filter((d) => d.kind === 'metrics').length);
    const after = await agent(['status', '--state-dir', stateDir, '--json']);
    assert.equal((JSON.parse(after.stdout) as { status: { spool: { records: number } } }).status.spool.records, 0, 'the spool is drained');
  });
});
