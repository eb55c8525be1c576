/**
 * npm run bench:agent — the agent's footprint on this machine, measured on the built single file
 * (packages/agent/dist/muster-agent.js) run by plain `node`, as installed agents run it.
 *
 *  1. `collect` (every section): wall time, CPU seconds (user + sys, the programs it spawns
 *     included) and peak RSS; median of --runs runs (default 5).
 *  2. `run` (the daemon), enrolled against a real server started here, with the node flags the
 *     service units use: RSS sampled every second for --idle seconds (default 120); the value at
 *     the end and the maximum. A freshly enrolled agent sends its full inventory within its first
 *     minute unless the machine is busy (load per core > 0.8), when it postpones it by 2 minutes:
 *     the table says when it was sent, and whether the server has it.
 *  3. Bytes of a full report and of an unchanged machine's check-in, raw and gzip, built with the
 *     agent's own state.ts from a real collect; and whether each collect makes a delta against the
 *     one before (it must not on an unchanged machine; where it does, the changed fields are listed,
 *     and a change in listening sockets alone is told apart: other processes opened or closed ports).
 *  4. Software packages found versus `dpkg-query -W`.
 *  5. FusionInventory (`fusioninventory-inventory`), OCS Inventory (`ocsinventory-agent --stdout`)
 *     and `facter`, where installed, measured the same way in the same run.
 *
 * Prints a table and one JSON line. MB are 10^6 bytes.
 *
 * Options: --runs N, --idle SECONDS, --skip-daemon, --skip-others, --agent FILE (another build of the
 * single file, to compare).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { stateHash, type CheckinRequest, type InventorySectionName } from '../packages/protocol/src/index.ts';
import type { CollectedSections } from '../packages/agent/src/collectors/index.ts';
import { NODE_FLAGS } from '../packages/agent/src/service.ts';
import { cpuSeconds, kibLine } from './proc.ts';
import { ackedAfter, agentPlatform, buildFullReport, buildInventoryReport, inventoryEntries, type AgentIdentity } from '../packages/agent/src/state.ts';

const root = path.resolve(import.meta.dirname, '..');
const SERVER = path.join(root, 'packages/server/dist/muster.js');
const { values } = parseArgs({
  options: {
    agent: { type: 'string', default: path.join(root, 'packages/agent/dist/muster-agent.js') },
    runs: { type: 'string', default: '5' },
    idle: { type: 'string', default: '120' },
    'skip-daemon': { type: 'boolean', default: false },
    'skip-others': { type: 'boolean', default: false },
  },
});
const AGENT = path.resolve(values.agent!);
const RUNS = Math.max(1, Number(values.runs));
const IDLE_SECONDS = Math.max(1, Number(values.idle));
const ADMIN = { email: 'agent-bench@muster.local', password: 'correct horse battery staple 4711' };

const TARGETS = {
  collectCpuSeconds: 0.35,
  collectPeakRssMB: 55,
  daemonIdleRssMB: 50,
  checkinGzipBytes: 1024,
};

const MB = 1_000_000;
const tmpDirs: string[] = [];
const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

function tmpDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function findProgram(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/bin', '/opt/puppetlabs/bin'])) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

// --- measuring one process ---------------------------------------------------------------------

interface Measure {
  wallSeconds: number;
  /** User + system CPU of the process and of the programs it ran. */
  cpuSeconds: number;
  /** Peak resident set size, bytes (of the process, or of a child when one peaked higher). */
  peakRssBytes: number;
  exitCode: number | null;
  stdout: Buffer;
}

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * With GNU time: its %e %U %S %M come from wait4(), so CPU includes every descendant the process
 * waited for, and peak RSS is the largest of the process and those descendants. Without it: the
 * process's own /proc figures, polled every 10 ms until it exits (close to, not exactly, the end).
 */
function measure(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measure> {
  const started = process.hrtime.bigint();
  const timeFile = TIME ? path.join(tmpDir('muster-bench-time-'), 'time') : undefined;
  const child = TIME
    ? spawn(TIME, ['-o', timeFile!, '-f', '%e %U %S %M', file, ...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'ignore'] })
    : spawn(file, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
  let polled = { cpu: 0, hwm: 0 };
  const poll = TIME
    ? undefined
    : setInterval(() => {
        const p = readProc(child.pid!);
        if (p) polled = { cpu: Math.max(polled.cpu, p.cpuSeconds), hwm: Math.max(polled.hwm, p.hwmBytes) };
      }, 10);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (poll) clearInterval(poll);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const stdout = Buffer.concat(chunks);
      if (timeFile) {
        const lines = fs.readFileSync(timeFile, 'utf8').trim().split('\n');
        const [e, u, s, m] = lines[lines.length - 1]!.split(' ').map(Number);
        // GNU time reports the program's own exit status as "Command exited with non-zero status N".
        resolve({ wallSeconds: e!, cpuSeconds: u! + s!, peakRssBytes: m! * 1024, exitCode: code, stdout });
      } else {
        resolve({ wallSeconds: wall, cpuSeconds: polled.cpu, peakRssBytes: polled.hwm, exitCode: code, stdout });
      }
    });
  });
}

/** CPU seconds (own + waited-for children), current and peak RSS of a live process; undefined once it is gone. */
function readProc(pid: number): { cpuSeconds: number; rssBytes: number; hwmBytes: number } | undefined {
  const cpu = cpuSeconds(pid);
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  if (cpu === undefined) return undefined;
  return { cpuSeconds: cpu, rssBytes: kibLine(status, 'VmRSS') ?? 0, hwmBytes: kibLine(status, 'VmHWM') ?? 0 };
}

interface Summary {
  runs: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
  outputBytes: number;
  failedRuns: number;
}

async function measureRuns(file: string, args: string[], runs: number, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ summary: Summary; outputs: Buffer[] }> {
  const results: Measure[] = [];
  for (let i = 0; i < runs; i++) results.push(await measure(file, args, options));
  const ok = results.filter((r) => r.exitCode === 0);
  const use = ok.length ? ok : results;
  return {
    summary: {
      runs: use.length,
      wallSeconds: median(use.map((r) => r.wallSeconds)),
      cpuSeconds: median(use.map((r) => r.cpuSeconds)),
      peakRssBytes: median(use.map((r) => r.peakRssBytes)),
      outputBytes: median(use.map((r) => r.stdout.length)),
      failedRuns: results.length - ok.length,
    },
    outputs: use.map((r) => r.stdout),
  };
}

// --- reports -------------------------------------------------------------------------------------

interface CollectOutput {
  agentVersion: string;
  sections: CollectedSections;
}

/** Paths (a/b/c) where two JSON values differ, at most `max`. */
function differences(a: unknown, b: unknown, at = '', out: string[] = [], max = 10): string[] {
  if (out.length >= max) return out;
  if (a === b) return out;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}/${key}`, out, max);
    return out;
  }
  out.push(`${at || '/'}: ${JSON.stringify(a)?.slice(0, 60)} → ${JSON.stringify(b)?.slice(0, 60)}`);
  return out;
}

interface PairDelta {
  /** Runs compared (1-based). */
  runs: [number, number];
  changed: Array<{ section: string; fields: string[] }>;
  /** Only the set of listening sockets differs: other processes opened or closed ports between the two runs. */
  socketsChanged: boolean;
  rawBytes: number;
}

const socketSet = (c: CollectOutput): string => {
  const n = c.sections.network;
  return n && 'data' in n ? n.data.listeningPorts.map((p) => `${p.protocol} ${p.address} ${p.port} ${p.pid} ${p.process}`).sort().join('\n') : '';
};

/** The delta a collect makes against the one before it (as the runner would build it), or null. */
function pairDelta(before: CollectOutput, after: CollectOutput, runs: [number, number], identity: AgentIdentity): PairDelta | null {
  const base = buildFullReport(before.sections, identity, 1);
  const again = buildInventoryReport(after.sections, { head: base.head, fullRequired: false }, identity, () => 2);
  if (!again) return null;
  const a = inventoryEntries(before.sections);
  const b = inventoryEntries(after.sections);
  const changed: PairDelta['changed'] = [];
  for (const [name, entry] of b) {
    const prior = a.get(name);
    if (prior?.hash === entry.hash) continue;
    changed.push({ section: name, fields: differences(prior && 'data' in prior ? prior.data : prior, 'data' in entry ? entry.data : entry) });
  }
  // Whether the network section differs in nothing but its listening sockets.
  const withoutPorts = (c: CollectOutput): CollectedSections => {
    const n = c.sections.network;
    return n && 'data' in n ? { network: { data: { ...n.data, listeningPorts: [] } } } : {};
  };
  const onlyPorts =
    changed.every((c) => c.section === 'network') && inventoryEntries(withoutPorts(before)).get('network')?.hash === inventoryEntries(withoutPorts(after)).get('network')?.hash;
  return { runs, changed, socketsChanged: onlyPorts && socketSet(before) !== socketSet(after), rawBytes: Buffer.byteLength(JSON.stringify(again.report)) };
}

function reportFigures(outputs: CollectOutput[]) {
  const first = outputs[0]!;
  const identity: AgentIdentity = { version: first.agentVersion, platform: agentPlatform(), arch: process.arch };
  const full = buildFullReport(first.sections, identity, 1);
  const fullJson = JSON.stringify(full.report);
  const checkin: CheckinRequest = {
    agent: identity,
    spooledReports: 0,
    uptimeSeconds: Math.floor(os.uptime()),
    stateHash: stateHash(ackedAfter(null, full.report)),
  };
  const checkinJson = JSON.stringify(checkin);
  // Every collect against the one before it: an unchanged machine must give no delta.
  const deltas: PairDelta[] = [];
  for (let i = 1; i < outputs.length; i++) {
    const delta = pairDelta(outputs[i - 1]!, outputs[i]!, [i, i + 1], identity);
    if (delta) deltas.push(delta);
  }
  const errors = [...inventoryEntries(first.sections)].filter(([, e]) => 'error' in e).map(([name, e]) => ({ section: name, error: 'error' in e ? e.error : undefined }));
  const software = first.sections.software && 'data' in first.sections.software ? first.sections.software.data.items : [];
  const bySource: Record<string, number> = {};
  for (const item of software) bySource[item.source] = (bySource[item.source] ?? 0) + 1;
  return {
    full: { rawBytes: Buffer.byteLength(fullJson), gzipBytes: zlib.gzipSync(fullJson).length },
    checkin: { rawBytes: Buffer.byteLength(checkinJson), gzipBytes: zlib.gzipSync(checkinJson).length },
    repeatCollects: { pairs: outputs.length - 1, deltas },
    sectionErrors: errors,
    software: { items: software.length, bySource },
  };
}

function dpkgCount(): number | undefined {
  if (!findProgram('dpkg-query')) return undefined;
  const result = spawnSync('dpkg-query', ['-W'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) return undefined;
  return result.stdout.split('\n').filter(Boolean).length;
}

// --- the daemon ----------------------------------------------------------------------------------

async function waitReady(child: ChildProcess, timeoutMs = 180_000): Promise<string> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready after ${timeoutMs / 1000} s: ${out}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(?:Console: +|Muster is ready: )(https?:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1').replace(/\/+$/, ''));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
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

function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Anonymous and file-backed resident memory, from /proc/PID/smaps_rollup (Linux 4.14+). */
function rssComposition(pid: number): { rssAnonBytes: number | null; rssFileBytes: number | null } {
  let rollup = '';
  try {
    rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  } catch {
    // an older kernel, or not Linux
  }
  const rss = kibLine(rollup, 'Rss');
  const anon = kibLine(rollup, 'Anonymous');
  return rss === undefined || anon === undefined ? { rssAnonBytes: null, rssFileBytes: null } : { rssAnonBytes: anon, rssFileBytes: rss - anon };
}

interface DaemonFigures {
  nodeFlags: string[];
  seconds: number;
  rssAtEndBytes: number;
  rssMaxBytes: number;
  /** The RSS at the end split: memory the process allocated, and pages of files it maps (node's own binary, mostly). */
  rssAnonBytes: number | null;
  rssFileBytes: number | null;
  /** RSS every 10 s, bytes. */
  rssEvery10s: number[];
  cpuSeconds: number;
  /** Log events of interest, with the second they came. */
  timeline: Array<{ second: number; msg: string }>;
  firstInventorySecond: number | null;
  inventoryReports: number;
  /** Software items the server shows for the device once the daemon stopped (its report went through ingest). */
  softwareOnServer: number;
  unchangedInventories: number;
  spooledAtEnd: number | null;
  lastContactAt: string | null;
  lastError: string | null;
}

async function daemon(): Promise<DaemonFigures> {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale', 'server'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('server build failed');
  const dataDir = tmpDir('muster-bench-agent-server-');
  // Embedded PostgreSQL refuses to run as root and drops to another user, who must reach the directory.
  if (process.getuid?.() === 0) fs.chmodSync(dataDir, 0o755);
  const server = spawn(process.execPath, [SERVER, 'serve'], {
    env: { ...process.env, MUSTER_DATA_DIR: dataDir, MUSTER_PORT: '0', MUSTER_HOST: '127.0.0.1', MUSTER_ADMIN_EMAIL: ADMIN.email, MUSTER_ADMIN_PASSWORD: ADMIN.password, MUSTER_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(server);
  let serverLog = '';
  server.stderr!.on('data', (chunk: Buffer) => {
    serverLog = (serverLog + chunk.toString()).slice(-20_000);
  });
  const serverGone = () => (server.exitCode !== null || server.signalCode !== null ? `the server exited (${server.exitCode ?? server.signalCode}): ${serverLog.slice(-2000)}` : undefined);
  try {
    const base = await waitReady(server);
    const { accessToken } = await api<{ accessToken: string }>(base, 'POST', '/api/v1/auth/login', ADMIN);
    const { token } = await api<{ token: string }>(base, 'POST', '/api/v1/enrollment-tokens', { name: 'bench:agent', maxUses: 1 }, accessToken);
    const stateDir = tmpDir('muster-bench-agent-state-');
    const enroll = spawnSync(process.execPath, [AGENT, 'enroll', '--server', base, '--token', token, '--state-dir', stateDir], { encoding: 'utf8' });
    if (enroll.status !== 0) throw new Error(`enroll failed (${enroll.status}): ${enroll.stderr}`);
    const deviceId = enroll.stdout.trim();

    const flags = [...NODE_FLAGS];
    const agent = spawn(process.execPath, [...flags, AGENT, 'run', '--state-dir', stateDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    const started = Date.now();
    children.push(agent);
    let log = '';
    const timeline: Array<{ second: number; msg: string }> = [];
    agent.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      log += text;
      for (const line of text.split('\n')) {
        try {
          const msg = (JSON.parse(line) as { msg?: string }).msg;
          if (msg && /inventory|postponed|push channel|failed|refused/.test(msg)) timeline.push({ second: Math.round((Date.now() - started) / 1000), msg });
        } catch {
          // not a log line
        }
      }
    });
    const samples: number[] = [];
    let cpuSeconds = 0;
    for (let second = 1; second <= IDLE_SECONDS; second++) {
      await new Promise((r) => setTimeout(r, started + second * 1000 - Date.now()));
      const p = readProc(agent.pid!);
      if (!p) throw new Error(`the agent exited early (${agent.exitCode}): ${log.slice(-2000)}`);
      samples.push(p.rssBytes);
      cpuSeconds = p.cpuSeconds;
      if (second % 30 === 0) process.stderr.write(`  daemon: ${second} s, RSS ${(p.rssBytes / MB).toFixed(1)} MB\n`);
    }
    const composition = rssComposition(agent.pid!);
    await stopProcess(agent, 30_000);
    const gone = serverGone();
    if (gone) throw new Error(gone);
    const events = log
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        try {
          return JSON.parse(line) as { msg?: string };
        } catch {
          return {};
        }
      });
    // What the server holds of the device: its inventory went through ingest when the software is there.
    let softwareOnServer = 0;
    for (let i = 0; i < 30 && softwareOnServer === 0; i++) {
      softwareOnServer = (await api<{ softwareCount: number }>(base, 'GET', `/api/v1/devices/${deviceId}`, undefined, accessToken)).softwareCount;
      if (!softwareOnServer) await new Promise((r) => setTimeout(r, 500));
    }
    const status = spawnSync(process.execPath, [AGENT, 'status', '--json', '--state-dir', stateDir], { encoding: 'utf8' });
    const parsed = status.stdout ? (JSON.parse(status.stdout) as { status?: { spool?: { records: number }; lastContactAt?: string; lastError?: { message: string } } }) : {};
    return {
      nodeFlags: flags,
      seconds: IDLE_SECONDS,
      rssAtEndBytes: samples[samples.length - 1]!,
      rssMaxBytes: Math.max(...samples),
      ...composition,
      rssEvery10s: samples.filter((_, i) => (i + 1) % 10 === 0),
      cpuSeconds,
      timeline,
      firstInventorySecond: timeline.find((e) => e.msg === 'inventory report spooled')?.second ?? null,
      inventoryReports: events.filter((e) => e.msg === 'inventory report spooled').length,
      softwareOnServer,
      unchangedInventories: events.filter((e) => e.msg === 'inventory unchanged, nothing to report').length,
      spooledAtEnd: parsed.status?.spool?.records ?? null,
      lastContactAt: parsed.status?.lastContactAt ?? null,
      lastError: parsed.status?.lastError?.message ?? null,
    };
  } finally {
    await stopProcess(server, 30_000);
  }
}

// --- other inventory agents ----------------------------------------------------------------------

const OTHERS = [
  { name: 'FusionInventory', program: 'fusioninventory-inventory', args: [] as string[], softwareTag: '<SOFTWARES>' },
  { name: 'OCS Inventory', program: 'ocsinventory-agent', args: ['--stdout'], softwareTag: '<SOFTWARES>' },
  { name: 'Facter', program: 'facter', args: ['--json'], softwareTag: undefined },
];

interface OtherFigures extends Summary {
  name: string;
  command: string;
  softwareItems: number | null;
}

async function others(): Promise<{ measured: OtherFigures[]; absent: string[] }> {
  const measured: OtherFigures[] = [];
  const absent: string[] = [];
  for (const other of OTHERS) {
    const program = findProgram(other.program);
    if (!program) {
      absent.push(other.name);
      continue;
    }
    process.stderr.write(`  ${other.name} (${RUNS} runs)…\n`);
    const cwd = tmpDir('muster-bench-other-');
    const { summary, outputs } = await measureRuns(program, other.args, RUNS, { cwd });
    const text = outputs[0]?.toString('utf8') ?? '';
    const softwareItems = other.softwareTag ? text.split(other.softwareTag).length - 1 : null;
    measured.push({ name: other.name, command: [other.program, ...other.args].join(' '), ...summary, softwareItems });
  }
  return { measured, absent };
}

// --- main ----------------------------------------------------------------------------------------

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

const mb = (bytes: number) => (bytes / MB).toFixed(1);
/** MB (10^6 bytes, what the targets are in) and MiB (what KiB-reporting tools divided by 1024 give). */
const mbMib = (bytes: number) => `${mb(bytes)} (${(bytes / 2 ** 20).toFixed(1)} MiB)`;
const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');

async function main(): Promise<void> {
  if (!fs.existsSync(AGENT)) throw new Error('build the agent first: node scripts/build.mjs agent');
  const env = { ...process.env };
  delete env.NODE_OPTIONS;

  process.stderr.write(`collect (${RUNS} runs)…\n`);
  const collect = await measureRuns(process.execPath, [AGENT, 'collect'], RUNS, { env });
  if (collect.summary.failedRuns === RUNS) throw new Error('muster-agent collect failed');
  const outputs = collect.outputs.map((b) => JSON.parse(b.toString('utf8')) as CollectOutput);
  const reports = reportFigures(outputs);
  const dpkg = dpkgCount();

  let daemonFigures: DaemonFigures | undefined;
  if (!values['skip-daemon']) {
    process.stderr.write(`daemon (${IDLE_SECONDS} s)…\n`);
    daemonFigures = await daemon();
  }
  const other = values['skip-others'] ? { measured: [], absent: [] } : await others();

  const c = collect.summary;
  const rows: string[][] = [['measure', 'value', 'target', 'result']];
  rows.push(['collect: wall time, s (median)', c.wallSeconds.toFixed(2), '', '']);
  rows.push(['collect: CPU user+sys, s', c.cpuSeconds.toFixed(2), `≤ ${TARGETS.collectCpuSeconds}`, verdict(c.cpuSeconds <= TARGETS.collectCpuSeconds)]);
  rows.push(['collect: peak RSS, MB', mbMib(c.peakRssBytes), `≤ ${TARGETS.collectPeakRssMB}`, verdict(c.peakRssBytes <= TARGETS.collectPeakRssMB * MB)]);
  if (daemonFigures) {
    const d = daemonFigures;
    rows.push([`daemon: RSS at ${d.seconds} s, MB`, mbMib(d.rssAtEndBytes), `≤ ${TARGETS.daemonIdleRssMB}`, verdict(d.rssAtEndBytes <= TARGETS.daemonIdleRssMB * MB)]);
    rows.push([`daemon: max RSS in ${d.seconds} s, MB`, mbMib(d.rssMaxBytes), '', '']);
    if (d.rssAnonBytes !== null && d.rssFileBytes !== null) {
      rows.push([`daemon: RSS at ${d.seconds} s, allocated / mapped files, MB`, `${mb(d.rssAnonBytes)} / ${mb(d.rssFileBytes)}`, '', '']);
    }
    rows.push([`daemon: CPU in ${d.seconds} s, s`, d.cpuSeconds.toFixed(2), '', '']);
    const postponed = d.timeline.filter((e) => e.msg.startsWith('inventory postponed')).length;
    rows.push([
      'daemon: full inventory sent at',
      d.firstInventorySecond === null ? `not in ${d.seconds} s${postponed ? ` (postponed ${postponed}×: machine busy)` : ''}` : `${d.firstInventorySecond} s${postponed ? ` (postponed ${postponed}×)` : ''}`,
      '',
      d.softwareOnServer > 0 ? `on server (${d.softwareOnServer} packages)` : 'NOT ON SERVER',
    ]);
  }
  rows.push(['full report, bytes raw / gzip', `${reports.full.rawBytes} / ${reports.full.gzipBytes}`, '', '']);
  rows.push(['unchanged check-in, bytes raw / gzip', `${reports.checkin.rawBytes} / ${reports.checkin.gzipBytes}`, `≤ ${TARGETS.checkinGzipBytes} gzip`, verdict(reports.checkin.gzipBytes <= TARGETS.checkinGzipBytes)]);
  const repeat = reports.repeatCollects;
  const unexplained = repeat.deltas.filter((d) => !d.socketsChanged);
  const deltaValue = !repeat.pairs
    ? 'n/a (one run)'
    : !repeat.deltas.length
      ? `no delta (${repeat.pairs}/${repeat.pairs} pairs)`
      : `delta in ${repeat.deltas.length}/${repeat.pairs} pairs${unexplained.length ? '' : ' (sockets)'}`;
  rows.push(['repeat collect, unchanged machine', deltaValue, 'no delta', repeat.pairs ? verdict(unexplained.length === 0) : 'n/a']);
  rows.push([
    'software packages / dpkg-query -W',
    `${reports.software.items} / ${dpkg ?? 'n/a'}`,
    '≥ dpkg',
    dpkg === undefined ? 'n/a' : verdict((reports.software.bySource.deb ?? 0) >= dpkg),
  ]);

  const cmp: string[][] = [['agent (median of runs)', 'wall s', 'CPU s', 'peak RSS MB', 'software', 'output bytes']];
  cmp.push(['Muster (muster-agent collect)', c.wallSeconds.toFixed(2), c.cpuSeconds.toFixed(2), mb(c.peakRssBytes), String(reports.software.items), String(c.outputBytes)]);
  for (const o of other.measured) {
    cmp.push([`${o.name} (${o.command})`, o.wallSeconds.toFixed(2), o.cpuSeconds.toFixed(2), mb(o.peakRssBytes), o.softwareItems === null ? '–' : String(o.softwareItems), String(o.outputBytes)]);
  }

  const cpus = os.cpus();
  const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, node ${process.versions.node}`;
  process.stdout.write(`\nMuster agent footprint — ${machine} (MB = 10^6 bytes)\n\n${pad(rows)}\n\n${pad(cmp)}\n`);
  if (other.absent.length) process.stdout.write(`not installed, skipped: ${other.absent.join(', ')}\n`);
  for (const d of repeat.deltas) {
    const why = d.socketsChanged ? ' — only listening sockets differ: other processes opened or closed ports between the runs (a real change, not a collector artefact)' : '';
    process.stdout.write(`\ncollect ${d.runs[1]} against collect ${d.runs[0]} made a delta (${d.rawBytes} bytes)${why}:\n`);
    for (const c of d.changed) process.stdout.write(`  ${c.section}: ${c.fields.join('; ')}\n`);
  }
  if (reports.sectionErrors.length) process.stdout.write(`\nsections with errors: ${reports.sectionErrors.map((e) => `${e.section} (${e.error?.code})`).join(', ')}\n`);
  if (daemonFigures?.lastError) process.stdout.write(`\ndaemon last error: ${daemonFigures.lastError}\n`);
  process.stdout.write(
    `\n${JSON.stringify({
      bench: 'agent',
      machine: { cpus: cpus.length, model: cpus[0]?.model.trim(), memoryBytes: os.totalmem(), kernel: os.release(), node: process.versions.node },
      targets: TARGETS,
      collect: c,
      daemon: daemonFigures ?? null,
      reports,
      dpkgPackages: dpkg ?? null,
      others: other.measured,
      othersAbsent: other.absent,
    })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:agent failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
