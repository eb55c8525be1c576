import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createTestDatabase, testNatsUrl, type TestDatabase } from '../testing/database.js';
import { spawnMuster, type ServerProcess } from '../testing/server-process.js';
import { fullReport, metricsSample, Rng, simulatedDevice } from '../simulate/templates.js';

const ADMIN = { email: 'crash@example.test', password: 'kill -9 survives 42' };
const DEVICES = 40;

let database: TestDatabase;
let api: ServerProcess;
let base: string;

async function json(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${res.status}: ${JSON.stringify(body)}`);
  return body;
}

before(async () => {
  database = await createTestDatabase();
  api = spawnMuster(['serve'], { DATABASE_URL: database.url, NATS_URL: testNatsUrl() ?? '', MUSTER_PORT: '0', MUSTER_WORKERS: 'false', MUSTER_ADMIN_EMAIL: ADMIN.email, MUSTER_ADMIN_PASSWORD: ADMIN.password, MUSTER_LOG_LEVEL: 'warn' });
  base = await api.ready();
});

after(async () => {
  api.kill('SIGTERM');
  await api.exited();
  await database.drop();
});

test('a worker killed with SIGKILL mid-batch: every report that got a 202 is applied exactly once after restart', async () => {
  const { accessToken } = await json(await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) }));
  const { token } = await json(
    await fetch(`${base}/api/v1/enrollment-tokens`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ maxUses: DEVICES }) }),
  );
  const devices = await Promise.all(
    Array.from({ length: DEVICES }, async (_, i) => {
      const device = simulatedDevice(i, { packages: 300 + i * 10 });
      const enrolled = await json(
        await fetch(`${base}/agent/v1/enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token, agent: { version: '0.1.0', platform: device.platform, arch: 'x86_64' }, hostname: device.hostname, machineId: device.machineId, os: { name: device.sections.os.name, version: device.sections.os.version } }),
        }),
      );
      return { device, credential: enrolled.credential as string };
    }),
  );

  const accepted: string[] = [];
  let metricsSent = 0;
  const send = async (credential: string, body: { reportId: string }) => {
    const res = await fetch(`${base}/agent/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` }, body: JSON.stringify(body) });
    if (res.status === 202) accepted.push(body.reportId);
    else throw new Error(`report refused: ${res.status} ${await res.text()}`);
  };
  const sendRound = async (sequence: number) => {
    for (const { device, credential } of devices) {
      await send(credential, fullReport(device, sequence));
      const at = new Date(Date.now() - (10 - sequence) * 60_000);
      await send(credential, { protocol: 1, reportId: randomUUID(), sequence: sequence + 100, collectedAt: at.toISOString(), agent: { version: '0.1.0', platform: device.platform, arch: 'x86_64' }, kind: 'metrics', samples: [metricsSample(new Rng(sequence), at)] } as never);
      metricsSent++;
    }
  };

  await sendRound(1);
  const workerEnv = { DATABASE_URL: database.url, NATS_URL: testNatsUrl() ?? '', MUSTER_INGEST_BATCH: '5', MUSTER_INGEST_ACK_WAIT: '5', MUSTER_LOG_LEVEL: 'warn' };
  const first = spawnMuster(['worker'], workerEnv);
  // Kill it while it is working: some reports applied, others claimed but not acknowledged.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await database.pool.query('select count(*)::int as n from processed_reports');
    if (rows[0].n >= 10) break;
    if (Date.now() > deadline) throw new Error(`the first worker applied nothing:\n${first.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  first.kill('SIGKILL');
  await first.exited();
  const atKill = (await database.pool.query('select count(*)::int as n from processed_reports')).rows[0].n as number;
  assert.ok(atKill < accepted.length, 'the worker must be killed before it finished');

  // More load while no worker runs, then a new worker takes over (including the dead one's claims).
  await sendRound(2);
  const second = spawnMuster(['worker'], workerEnv);
  try {
    const until = Date.now() + 120_000;
    for (;;) {
      const { rows } = await database.pool.query('select count(*)::int as n from processed_reports where report_id = any($1::uuid[])', [accepted]);
      if (rows[0].n === accepted.length) break;
      if (Date.now() > until) throw new Error(`only ${rows[0].n} of ${accepted.length} reports applied:\n${second.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    second.kill('SIGTERM');
    await second.exited();
  }

  const processed = await database.pool.query('select count(*)::int as n from processed_reports');
  assert.equal(processed.rows[0].n, accepted.length, 'every accepted report is recorded once');
  const sequences = await database.pool.query('select min(last_sequence)::int as min, max(last_sequence)::int as max from devices');
  assert.deepEqual(sequences.rows[0], { min: 2, max: 2 });
  const metrics = await database.pool.query('select count(*)::int as n from device_metrics');
  assert.equal(metrics.rows[0].n, metricsSent);
  // Applying a report twice would count its packages twice: the counts must equal a recount.
  const mismatches = await database.pool.query(`
    with recount as (
      select s.org_id, x.id as software_id, count(distinct s.device_id)::int as devices
        from device_software s, unnest(s.software_ids) as x(id) group by 1, 2)
    select count(*)::int as n
      from recount r full join (select * from software_counts where devices > 0) c using (org_id, software_id)
     where r.devices is distinct from c.devices`);
  assert.equal(mismatches.rows[0].n, 0);
  const packages = await database.pool.query('select sum(array_length(software_ids, 1))::int as n from device_software');
  assert.equal(packages.rows[0].n, devices.reduce((sum, d) => sum + d.device.sections.software.items.length, 0));
});
