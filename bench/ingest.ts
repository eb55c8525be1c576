/**
 * npm run bench:ingest — the ingest pipeline under load, on this machine, everything on it.
 *
 *  1. Enrollment storm: N devices (default 10,000) each enroll and send a first full report of
 *     ~800 packages; reports/s, package rows/s, and the time until every report is queryable.
 *     In the same run, PostgreSQL COPY of the same rows into copies of the same tables, so the
 *     pipeline's speed is shown as a fraction of that limit.
 *     The storm's first reports are built before the clock starts (agents build theirs on their
 *     own machines); CPU seconds per role (API, workers, PostgreSQL, simulator) are read from /proc.
 *  2. Steady state: the fleet grown to --steady-devices (default 50,000), the growth's backlog
 *     ingested, then every device checking in every 60 s with 2 % changing per 15 min;
 *     p50/p95/p99 of agent API calls and of the console's device search and software queries
 *     while under that load.
 *
 * Uses DATABASE_URL and NATS_URL from the environment when set, else embedded PostgreSQL and the
 * PostgreSQL queue. `--profile DIR` writes CPU profiles of the server and worker processes there.
 * Prints a table and one JSON line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { cpuSeconds, parentPid } from './proc.ts';
import { LatencyRecorder, prepareDevices, simulate, DEFAULT_SIMULATE_OPTIONS, type SimulationResult } from '../packages/server/src/simulate/simulator.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '10000' },
    'steady-devices': { type: 'string', default: '50000' },
    duration: { type: 'string', default: '120' },
    packages: { type: 'string', default: '600-1000' },
    workers: { type: 'string', default: '1' },
    'skip-steady': { type: 'boolean', default: false },
    // CPU profiles of the server and worker processes (node --cpu-prof), written when they exit.
    profile: { type: 'string' },
  },
});
const STORM = Number(values.devices);
const STEADY = Math.max(STORM, Number(values['steady-devices']));
const DURATION = Number(values.duration);
const PACKAGES = values.packages!.split('-').map(Number) as [number, number];
const WORKERS = Number(values.workers);
const ADMIN = { email: 'bench@muster.local', password: 'measure twice 4711' };

const children: ChildProcess[] = [];
function start(args: string[], env: Record<string, string>): ChildProcess {
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile, args[0]!)}`] : [];
  const child = spawn(process.execPath, ['--enable-source-maps', ...profile, path.join(root, 'packages/server/dist/muster.js'), ...args], {
    env: { ...process.env, MUSTER_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return child;
}
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

async function waitReady(child: ChildProcess): Promise<string> {
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(?:Console: +|Muster is ready: )(https?:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!.replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** CPU seconds of a process and its reaped children (0 when unknown: not Linux, or gone). */
const processCpu = (pid: number | undefined): number => (pid === undefined ? 0 : (cpuSeconds(pid) ?? 0));

/**
 * The postmaster and every backend it runs (their parent is the postmaster). A backend that
 * exited meanwhile is in the postmaster's reaped-children figures.
 */
function postgresCpu(postmaster: number | undefined): number {
  if (postmaster === undefined) return 0;
  let total = processCpu(postmaster);
  for (const entry of fs.readdirSync('/proc')) {
    if (/^\d+$/.test(entry) && parentPid(Number(entry)) === postmaster) total += processCpu(Number(entry));
  }
  return total;
}

interface CpuSnapshot {
  api: number;
  workers: number;
  postgres: number;
  bench: number;
}

async function api<T>(base: string, method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(root, 'packages/server/dist/muster.js'))) throw new Error('build first: npm run build');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-bench-'));
  if (process.getuid?.() === 0) fs.chmodSync(dataDir, 0o755);
  const external = process.env.DATABASE_URL;
  let databaseUrl = external;
  // The whole simulated fleet comes from one address, as if behind one NAT: the per-address limit
  // (meant for anonymous floods) is off; per-device limits stay on.
  const common: Record<string, string> = {
    MUSTER_ADMIN_EMAIL: ADMIN.email,
    MUSTER_ADMIN_PASSWORD: ADMIN.password,
    MUSTER_NATS_NAMESPACE: `bench${process.pid}`,
    MUSTER_RATE_LIMIT_IP: '0',
    MUSTER_RATE_LIMIT_USER: '0',
  };
  if (external) {
    // A database of the bench's own on the given server, dropped at the end.
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`create database muster_bench_${process.pid}`);
    await admin.end();
    const u = new URL(external);
    u.pathname = `/muster_bench_${process.pid}`;
    databaseUrl = u.toString();
  }
  const serverEnv = { ...common, MUSTER_PORT: '0', MUSTER_HOST: '127.0.0.1', MUSTER_WORKERS: WORKERS > 0 ? 'false' : 'true', MUSTER_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const server = start(['serve'], serverEnv);
  const base = await waitReady(server);
  if (!databaseUrl) {
    const password = fs.readFileSync(path.join(dataDir, 'postgres.password'), 'utf8').trim();
    const port = fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]!.trim();
    databaseUrl = `postgres://muster:${encodeURIComponent(password)}@127.0.0.1:${port}/muster`;
  }
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const workers = Array.from({ length: WORKERS }, () => start(['worker'], { ...serverEnv, DATABASE_URL: databaseUrl! }));
  // Where the CPU goes, per role: the machine has few cores and everything shares them.
  // PostgreSQL's CPU is counted when it runs on this machine: the parent of our backend is its postmaster.
  const backend = (await db.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  const postmaster = parentPid(backend);
  const cpu = (): CpuSnapshot => {
    const usage = process.cpuUsage();
    return {
      api: processCpu(server.pid),
      workers: workers.reduce((sum, w) => sum + processCpu(w.pid), 0),
      postgres: postgresCpu(postmaster),
      bench: (usage.user + usage.system) / 1e6,
    };
  };
  const cpuSince = (start: CpuSnapshot): CpuSnapshot => {
    const now = cpu();
    return { api: round(now.api - start.api), workers: round(now.workers - start.workers), postgres: round(now.postgres - start.postgres), bench: round(now.bench - start.bench) };
  };
  const { accessToken } = await api<{ accessToken: string }>(base, 'POST', '/api/v1/auth/login', ADMIN);
  const { token } = await api<{ token: string }>(base, 'POST', '/api/v1/enrollment-tokens', { maxUses: 1_000_000 }, accessToken);
  /** Until every enrolled device's first report is applied (the devices' inventory is queryable). */
  const waitQueryable = async (devices: number) => {
    for (;;) {
      const { rows } = await db.query<{ n: number }>('select count(*)::int as n from devices where last_report_at is not null');
      if (rows[0]!.n >= devices) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const progress = (line: string) => process.stderr.write(`  ${line}\n`);
  const simulateOptions = { ...DEFAULT_SIMULATE_OPTIONS, server: base, token, packages: PACKAGES, rate: 5_000, concurrency: 32, progress, progressIntervalMs: 10_000 };

  // 1. Enrollment storm.
  // The storm's first reports are built (and compressed) before the clock starts: real agents do
  // that on their own machines, not on the server's cores.
  process.stderr.write(`preparing ${STORM} first reports\n`);
  const prepared = prepareDevices(simulateOptions, 0, STORM);
  process.stderr.write(`storm: ${STORM} devices, ${PACKAGES.join('-')} packages each\n`);
  const stormCpuStart = cpu();
  const stormStart = performance.now();
  const storm = await simulate({ ...simulateOptions, devices: STORM, durationSec: 0, prepared });
  const acceptedSeconds = (performance.now() - stormStart) / 1000;
  await waitQueryable(storm.enrolled);
  const queryableSeconds = (performance.now() - stormStart) / 1000;
  const stormCpu = cpuSince(stormCpuStart);

  // COPY of the same rows into copies of the same tables: the floor the pipeline is measured against.
  const copyFile = path.join(dataDir, 'copy-software.dat');
  const sectionsFile = path.join(dataDir, 'copy-sections.dat');
  fs.chmodSync(dataDir, 0o777);
  await db.query(`copy device_software to '${copyFile}'`);
  await db.query(`copy device_sections to '${sectionsFile}'`);
  await db.query('create table bench_software (like device_software including all)');
  await db.query('create table bench_sections (like device_sections including all)');
  const copyStart = performance.now();
  await db.query(`copy bench_software from '${copyFile}'`);
  await db.query(`copy bench_sections from '${sectionsFile}'`);
  const copySeconds = (performance.now() - copyStart) / 1000;
  await db.query('drop table bench_software; drop table bench_sections');
  fs.rmSync(copyFile, { force: true });
  fs.rmSync(sectionsFile, { force: true });

  // 2. Steady state.
  let steady: SimulationResult | undefined;
  let steadyCpu: CpuSnapshot | undefined;
  let fleet = storm.fleet;
  const queries = { deviceSearch: new LatencyRecorder(), softwareSearch: new LatencyRecorder() };
  if (!values['skip-steady']) {
    if (STEADY > STORM) {
      process.stderr.write(`growing the fleet to ${STEADY} devices\n`);
      fleet = (await simulate({ ...simulateOptions, devices: STEADY, fleet, durationSec: 0 })).fleet;
    }
    // The steady state is measured on its own: the growth's backlog is ingested before it starts.
    await waitQueryable(fleet.length);
    process.stderr.write(`steady state: ${STEADY} devices, check-in every 60 s, 2 % changing per 15 min, ${DURATION} s\n`);
    let stop = false;
    const consoleLoad = (async () => {
      let i = 0;
      while (!stop) {
        i++;
        const q = `${['srv', 'WS', 'mac'][i % 3]}-${String((i * 7919) % STEADY).padStart(6, '0').slice(0, 4)}`;
        let t = performance.now();
        const res = await fetch(`${base}/api/v1/devices?q=${encodeURIComponent(q)}&limit=50`, { headers: { authorization: `Bearer ${accessToken}` } });
        await res.arrayBuffer();
        if (res.ok) queries.deviceSearch.record(performance.now() - t);
        else queries.deviceSearch.errors++;
        t = performance.now();
        const sw = await fetch(`${base}/api/v1/software?q=${encodeURIComponent(['lib', 'python', 'Component 1', 'open'][i % 4]!)}&limit=50`, { headers: { authorization: `Bearer ${accessToken}` } });
        await sw.arrayBuffer();
        if (sw.ok) queries.softwareSearch.record(performance.now() - t);
        else queries.softwareSearch.errors++;
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const steadyCpuStart = cpu();
    steady = await simulate({ ...simulateOptions, devices: STEADY, fleet, durationSec: DURATION, churn: 0.02, checkinIntervalSec: 60, inventoryIntervalSec: 900, concurrency: 256 });
    steadyCpu = cpuSince(steadyCpuStart);
    stop = true;
    await consoleLoad;
  }

  const fmt = (l: { p50: number; p95: number; p99: number }) => `${l.p50} / ${l.p95} / ${l.p99}`;
  const result = {
    bench: 'ingest',
    bus: process.env.NATS_URL ? 'nats' : 'postgres',
    database: external ? 'external' : 'embedded',
    workers: WORKERS,
    storm: {
      devices: storm.enrolled,
      packageRows: storm.softwareRows,
      acceptedSeconds: round(acceptedSeconds),
      queryableSeconds: round(queryableSeconds),
      reportsPerSecond: round(storm.enrolled / queryableSeconds),
      rowsPerSecond: Math.round(storm.softwareRows / queryableSeconds),
      reportLatencyMs: storm.latency.report,
      copySeconds: round(copySeconds),
      copyRowsPerSecond: Math.round(storm.softwareRows / copySeconds),
      fractionOfCopy: round(copySeconds / queryableSeconds, 3),
      cpuSeconds: stormCpu,
    },
    steady: steady && {
      devices: STEADY,
      seconds: steady.steadySeconds,
      requestsPerSecond: steady.requestsPerSecond,
      checkinMs: steady.latency.checkin,
      deltaMs: steady.latency.delta,
      deviceSearchMs: queries.deviceSearch.summary(),
      cpuSeconds: steadyCpu,
      softwareSearchMs: queries.softwareSearch.summary(),
      errors: steady.errors,
    },
  };
  const lines = [
    '',
    'ingest benchmark',
    `  bus ${result.bus}, database ${result.database}, ${WORKERS} worker process(es) + 1 API process, ${os.cpus().length} cores`,
    '',
    '  enrollment storm                          ',
    `    devices / package rows                  ${result.storm.devices} / ${result.storm.packageRows}`,
    `    all accepted (202)                      ${result.storm.acceptedSeconds} s`,
    `    all queryable                           ${result.storm.queryableSeconds} s`,
    `    reports/s, package rows/s               ${result.storm.reportsPerSecond}, ${result.storm.rowsPerSecond}`,
    `    report latency p50/p95/p99 ms           ${fmt(storm.latency.report!)}`,
    `    CPU s: API / workers / PostgreSQL / simulator  ${stormCpu.api} / ${stormCpu.workers} / ${stormCpu.postgres} / ${stormCpu.bench}`,
    `    COPY of the same rows                   ${result.storm.copySeconds} s (${result.storm.copyRowsPerSecond} rows/s); pipeline = ${Math.round(result.storm.fractionOfCopy * 100)} % of COPY speed`,
    ...(steady
      ? [
          '',
          `  steady state (${STEADY} devices, ${steady.steadySeconds} s, ${steady.requestsPerSecond} agent req/s)`,
          `    check-in p50/p95/p99 ms                 ${fmt(steady.latency.checkin!)}`,
          `    delta report p50/p95/p99 ms             ${fmt(steady.latency.delta!)} (${steady.deltas} deltas)`,
          `    device search p50/p95/p99 ms            ${fmt(queries.deviceSearch.summary())}`,
          `    software search p50/p95/p99 ms          ${fmt(queries.softwareSearch.summary())}`,
          `    errors                                  ${Object.values(steady.errors).reduce((a, b) => a + b, 0)}`,
          ...(steadyCpu ? [`    CPU s: API / workers / PostgreSQL / simulator  ${steadyCpu.api} / ${steadyCpu.workers} / ${steadyCpu.postgres} / ${steadyCpu.bench}`] : []),
        ]
      : []),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n${JSON.stringify(result)}\n`);
  await db.end();
  // Workers first: the API process owns embedded PostgreSQL and stops it when it exits.
  const exited = (c: ChildProcess) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)));
  for (const worker of workers) worker.kill('SIGTERM');
  await Promise.all(workers.map(exited));
  server.kill('SIGTERM');
  await exited(server);
  if (external) {
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`drop database if exists muster_bench_${process.pid} with (force)`);
    await admin.end();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
