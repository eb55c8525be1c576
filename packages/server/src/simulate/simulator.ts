import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { gzipSync, constants as zlib } from 'node:zlib';
import {
  diffSoftware,
  PROTOCOL_VERSION,
  stateHash,
  type CheckinResponse,
  type DeltaReport,
  type EnrollRequest,
  type FullReport,
  type InventorySectionName,
  type SoftwareItem,
} from '@muster/protocol';
import { INVENTORY, metricsSample, Rng, seedOf, simulatedDevice } from './templates.js';

/**
 * The fleet simulator: one process playing many devices against a real server, the way the real
 * agent does — enroll, a first full report, check-ins on a jittered schedule, deltas when a
 * device's software changes, metrics if asked — and measuring what the server answers. Like
 * Fleet's osquery-perf, it is how Muster's scale is proven.
 *
 * To play tens of thousands of devices in one process it keeps only what an agent must remember
 * (credential, sequence, acknowledged section hashes, a software generation) and regenerates a
 * device's software from its seed when it changes.
 */
export interface SimulateOptions {
  server: string;
  token: string;
  devices: number;
  /** Enrollments (each with its first full report) started per second. */
  rate: number;
  /** Seconds of steady state after every device enrolled; 0 stops after the enrollment storm. */
  durationSec: number;
  /** Fraction of devices whose software changes per inventory interval. */
  churn: number;
  checkinIntervalSec: number;
  inventoryIntervalSec: number;
  /** Metrics reports every check-in interval. */
  metrics: boolean;
  concurrency: number;
  packages: [number, number];
  seed: string;
  /** First device index: several simulators can play disjoint fleets. */
  startIndex: number;
  gzip: boolean;
  /** Devices enrolled by an earlier run of this process: play them without enrolling again. */
  fleet?: SimulatedFleetDevice[];
  /**
   * First reports built ahead (prepareDevices), by device index: sent as they are. Real agents
   * build their reports on their own machines; a benchmark prepares them before its clock starts
   * so that the simulator's CPU is not taken from the server it measures on the same machine.
   */
  prepared?: Map<number, PreparedDevice>;
  progress?: (line: string) => void;
  progressIntervalMs: number;
}

export const DEFAULT_SIMULATE_OPTIONS: Omit<SimulateOptions, 'server' | 'token' | 'devices'> = {
  rate: 500,
  durationSec: 0,
  churn: 0.02,
  checkinIntervalSec: 60,
  inventoryIntervalSec: 900,
  metrics: false,
  concurrency: 64,
  packages: [300, 2000],
  seed: 'muster',
  startIndex: 0,
  gzip: true,
  progressIntervalMs: 5_000,
};

export type SimulatedFleetDevice = DeviceState;

interface DeviceState {
  index: number;
  credential: string;
  deviceId: string;
  sequence: number;
  hashes: Partial<Record<InventorySectionName, string>>;
  generation: number;
  packages: number;
}

export interface LatencySummary {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface SimulationResult {
  devices: number;
  enrolled: number;
  reportsAccepted: number;
  fullReports: number;
  deltas: number;
  checkins: number;
  softwareRows: number;
  enrollmentSeconds: number;
  steadySeconds: number;
  requestsPerSecond: number;
  latency: Record<string, LatencySummary>;
  errors: Record<string, number>;
  /** Every enrolled device, to play again in a later run (not part of the printed result). */
  fleet: SimulatedFleetDevice[];
}

/** Latencies of one kind of request, kept as a bounded sample for percentiles. */
export class LatencyRecorder {
  private samples: number[] = [];
  count = 0;
  errors = 0;
  private seen = 0;
  constructor(private readonly capacity = 200_000) {}

  record(ms: number): void {
    this.count++;
    this.seen++;
    if (this.samples.length < this.capacity) this.samples.push(ms);
    else {
      // Reservoir sampling keeps percentiles honest over long runs.
      const slot = Math.floor(Math.random() * this.seen);
      if (slot < this.capacity) this.samples[slot] = ms;
    }
  }

  summary(): LatencySummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
    const round = (v: number) => Math.round(v * 10) / 10;
    return { count: this.count, errors: this.errors, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1] ?? 0) };
  }

  reset(): void {
    this.samples = [];
    this.count = 0;
    this.errors = 0;
    this.seen = 0;
  }
}

/** A small keep-alive JSON client: one connection pool for the whole simulated fleet. */
export class JsonClient {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(server: string, concurrency: number) {
    this.base = new URL(server);
    const Agent = this.base.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  }

  request(method: string, path: string, body: unknown, options: { bearer?: string; gzip?: boolean } = {}): Promise<{ status: number; json: unknown; ms: number }> {
    const started = performance.now();
    if (body === undefined) return this.send(method, path, undefined, { bearer: options.bearer, started });
    const json = Buffer.from(JSON.stringify(body));
    const gzip = options.gzip === true && json.length > 1024;
    return this.send(method, path, gzip ? gzipBody(json) : json, { bearer: options.bearer, gzip, started });
  }

  /** Sends a JSON body already serialised (and gzip-compressed when `gzip`). */
  send(method: string, path: string, payload: Buffer | undefined, options: { bearer?: string | undefined; gzip?: boolean; started?: number } = {}): Promise<{ status: number; json: unknown; ms: number }> {
    const started = options.started ?? performance.now();
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      if (options.gzip) headers['content-encoding'] = 'gzip';
      headers['content-length'] = payload.length;
    }
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    const transport = this.base.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(new URL(path, this.base), { method, headers, agent: this.agent, timeout: 60_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, json, ms: performance.now() - started });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Software of a device at a generation: its base list with a few packages upgraded per generation. */
export function softwareAt(base: SoftwareItem[], seed: number, generation: number): SoftwareItem[] {
  const items = base.map((item) => ({ ...item }));
  for (let g = 1; g <= generation; g++) {
    const rng = new Rng(seed ^ (g * 2654435761));
    for (let k = 0; k < 3; k++) {
      const i = rng.int(0, items.length - 1);
      items[i] = { ...items[i]!, version: `${items[i]!.version}.${g}` };
    }
  }
  return items;
}

/**
 * The simulator's section hash: SHA-256 of the data's JSON. The server stores whatever hash the
 * agent names (it never recomputes), so the simulator skips the agent's canonical form and spends
 * its CPU on playing more devices instead.
 */
const hashJson = (json: string): string => createHash('sha256').update(json).digest('hex');
const fastHash = (data: unknown): string => hashJson(JSON.stringify(data));
const gzipBody = (json: Buffer): Buffer => gzipSync(json, { level: zlib.Z_BEST_SPEED });
const agentOf = (platform: string) => ({ version: '0.1.0-sim', platform: platform as FullReport['agent']['platform'], arch: 'x86_64' });

/** A device's enrollment request and first full report, ready to send. */
export interface PreparedDevice {
  enroll: Omit<EnrollRequest, 'token'>;
  /** The full report's JSON, gzip-compressed when `gzip`. */
  body: Buffer;
  gzip: boolean;
  hashes: Partial<Record<InventorySectionName, string>>;
  packages: number;
}

/**
 * Builds a device's first full report. Each section is serialised once: its JSON is hashed (the
 * simulator's hash, see fastHash) and spliced into the report's JSON as it is, where building the
 * report object and serialising it again would do all of that twice.
 */
export function prepareDevice(options: Pick<SimulateOptions, 'seed' | 'packages' | 'gzip'>, index: number): PreparedDevice {
  const device = simulatedDevice(index, { seed: options.seed, packages: new Rng(seedOf(`${options.seed}/p/${index}`)).int(options.packages[0], options.packages[1]) });
  const agent = agentOf(device.platform);
  const hashes: PreparedDevice['hashes'] = {};
  const sections: string[] = [];
  for (const name of INVENTORY) {
    const data = JSON.stringify(device.sections[name]);
    const hash = hashJson(data);
    hashes[name] = hash;
    sections.push(`${JSON.stringify(name)}:{"hash":"${hash}","data":${data}}`);
  }
  const head = { protocol: PROTOCOL_VERSION, reportId: randomUUID(), sequence: 1, collectedAt: new Date().toISOString(), agent, kind: 'full' } satisfies Omit<FullReport, 'sections'>;
  const json = Buffer.from(`${JSON.stringify(head).slice(0, -1)},"sections":{${sections.join(',')}}}`);
  return {
    enroll: {
      agent,
      hostname: device.hostname,
      hardwareUuid: device.hardwareUuid,
      machineId: device.machineId,
      serialNumber: device.serialNumber,
      os: { name: device.sections.os.name, version: device.sections.os.version },
    },
    body: options.gzip ? gzipBody(json) : json,
    gzip: options.gzip,
    hashes,
    packages: device.sections.software.items.length,
  };
}

/** First reports of the devices `first` … `first + count - 1`, built ahead (see SimulateOptions.prepared). */
export function prepareDevices(options: Pick<SimulateOptions, 'seed' | 'packages' | 'gzip'>, first: number, count: number): Map<number, PreparedDevice> {
  const prepared = new Map<number, PreparedDevice>();
  for (let index = first; index < first + count; index++) prepared.set(index, prepareDevice(options, index));
  return prepared;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function simulate(options: SimulateOptions, signal?: AbortSignal): Promise<SimulationResult> {
  const client = new JsonClient(options.server, options.concurrency);
  const latency = { enroll: new LatencyRecorder(), report: new LatencyRecorder(), checkin: new LatencyRecorder(), delta: new LatencyRecorder(), metrics: new LatencyRecorder() };
  const errors: Record<string, number> = {};
  const fail = (what: string, detail: string) => {
    const key = `${what}: ${detail.slice(0, 120)}`;
    errors[key] = (errors[key] ?? 0) + 1;
  };
  const devices: DeviceState[] = [...(options.fleet ?? [])];
  let fullReports = 0;
  let deltas = 0;
  let softwareRows = 0;
  let phase = 'enrolling';
  const started = performance.now();

  const progress = setInterval(() => {
    const secs = (performance.now() - started) / 1000;
    const r = latency.report.summary();
    const c = latency.checkin.summary();
    options.progress?.(
      `[${secs.toFixed(0)}s] ${phase}: enrolled ${devices.length}/${options.devices}, reports ${latency.report.count} (p95 ${r.p95} ms), check-ins ${latency.checkin.count} (p95 ${c.p95} ms), deltas ${deltas}, errors ${Object.values(errors).reduce((a, b) => a + b, 0)}`,
    );
  }, options.progressIntervalMs);
  progress.unref();

  async function enrollOne(index: number): Promise<void> {
    const prepared = options.prepared?.get(index) ?? prepareDevice(options, index);
    options.prepared?.delete(index);
    const enroll = await client.request('POST', '/agent/v1/enroll', { token: options.token, ...prepared.enroll });
    latency.enroll.record(enroll.ms);
    if (enroll.status !== 201) {
      latency.enroll.errors++;
      fail('enroll', `${enroll.status} ${JSON.stringify(enroll.json)}`);
      return;
    }
    const { deviceId, credential } = enroll.json as { deviceId: string; credential: string };
    const res = await client.send('POST', '/agent/v1/reports', prepared.body, { bearer: credential, gzip: prepared.gzip });
    latency.report.record(res.ms);
    if (res.status !== 202) {
      latency.report.errors++;
      fail('full report', `${res.status} ${JSON.stringify(res.json)}`);
      return;
    }
    fullReports++;
    softwareRows += prepared.packages;
    devices.push({ index, credential, deviceId, sequence: 1, hashes: prepared.hashes, generation: 0, packages: prepared.packages });
  }

  /** Runs `work` for each index with at most `concurrency` in flight and at most `rate` starts a second. */
  async function paced(indexes: number[], rate: number, work: (index: number) => Promise<void>): Promise<void> {
    const interval = 1000 / Math.max(1, rate);
    let next = performance.now();
    const running = new Set<Promise<void>>();
    for (const index of indexes) {
      if (signal?.aborted) break;
      while (running.size >= options.concurrency) await Promise.race(running);
      const wait = next - performance.now();
      if (wait > 1) await sleep(wait);
      next = Math.max(next + interval, performance.now() - 1000);
      const p: Promise<void> = work(index)
        .catch((error: unknown) => fail('request', (error as Error).message))
        .finally(() => running.delete(p));
      running.add(p);
    }
    await Promise.all(running);
  }

  async function checkin(device: DeviceState): Promise<void> {
    const res = await client.request('POST', '/agent/v1/checkin', { agent: agentOf('linux'), stateHash: stateHash(device.hashes), spooledReports: 0 }, { bearer: device.credential });
    latency.checkin.record(res.ms);
    if (res.status !== 200) {
      latency.checkin.errors++;
      fail('checkin', `${res.status} ${JSON.stringify(res.json)}`);
    } else if ((res.json as CheckinResponse).fullReportRequested) {
      fail('checkin', 'server asked for a full report');
    }
  }

  async function change(device: DeviceState): Promise<void> {
    const template = simulatedDevice(device.index, { seed: options.seed, packages: device.packages });
    const seed = seedOf(`${options.seed}/g/${device.index}`);
    const before = softwareAt(template.sections.software.items, seed, device.generation);
    const after = softwareAt(template.sections.software.items, seed, device.generation + 1);
    const hash = fastHash({ items: after });
    const report: DeltaReport = {
      protocol: PROTOCOL_VERSION,
      reportId: randomUUID(),
      sequence: device.sequence + 1,
      collectedAt: new Date().toISOString(),
      agent: agentOf(template.platform),
      kind: 'delta',
      baseStateHash: stateHash(device.hashes),
      sections: {},
      softwareDelta: { baseHash: device.hashes.software!, hash, ...diffSoftware(before, after) },
    };
    const res = await client.request('POST', '/agent/v1/reports', report, { bearer: device.credential, gzip: options.gzip });
    latency.delta.record(res.ms);
    if (res.status !== 202) {
      latency.delta.errors++;
      fail('delta', `${res.status} ${JSON.stringify(res.json)}`);
      return;
    }
    device.sequence++;
    device.generation++;
    device.hashes.software = hash;
    deltas++;
  }

  async function sendMetrics(device: DeviceState): Promise<void> {
    device.sequence++;
    const res = await client.request(
      'POST',
      '/agent/v1/reports',
      { protocol: PROTOCOL_VERSION, reportId: randomUUID(), sequence: device.sequence, collectedAt: new Date().toISOString(), agent: agentOf('linux'), kind: 'metrics', samples: [metricsSample(new Rng(device.sequence ^ device.index))] },
      { bearer: device.credential },
    );
    latency.metrics.record(res.ms);
    if (res.status !== 202) {
      latency.metrics.errors++;
      fail('metrics', `${res.status} ${JSON.stringify(res.json)}`);
    }
  }

  const indexes = Array.from({ length: Math.max(0, options.devices - devices.length) }, (_, i) => options.startIndex + devices.length + i);
  await paced(indexes, options.rate, enrollOne);
  const enrollmentSeconds = (performance.now() - started) / 1000;

  let steadySeconds = 0;
  if (options.durationSec > 0 && devices.length > 0 && !signal?.aborted) {
    phase = 'steady state';
    for (const recorder of Object.values(latency)) if (recorder !== latency.enroll) recorder.reset();
    const steadyStart = performance.now();
    const end = steadyStart + options.durationSec * 1000;
    // Each device checks in once per interval at its own jittered offset, like real agents.
    const checkinMs = options.checkinIntervalSec * 1000;
    const due = devices.map((d) => ({ device: d, at: steadyStart + Math.random() * checkinMs }));
    const changeProbability = options.churn * (options.checkinIntervalSec / options.inventoryIntervalSec);
    const running = new Set<Promise<void>>();
    let cursor = 0;
    due.sort((a, b) => a.at - b.at);
    while (performance.now() < end && !signal?.aborted) {
      const now = performance.now();
      while (cursor < due.length && due[cursor]!.at <= now && running.size < options.concurrency) {
        const slot = due[cursor]!;
        cursor++;
        const work = async () => {
          await checkin(slot.device);
          if (options.metrics) await sendMetrics(slot.device);
          if (Math.random() < changeProbability) await change(slot.device);
        };
        const p: Promise<void> = work()
          .catch((error: unknown) => fail('request', (error as Error).message))
          .finally(() => running.delete(p));
        running.add(p);
        slot.at += checkinMs * (0.9 + Math.random() * 0.2);
      }
      if (cursor >= due.length) {
        due.sort((a, b) => a.at - b.at);
        cursor = 0;
      }
      await sleep(Math.max(1, Math.min(50, (due[cursor]?.at ?? now + 50) - performance.now())));
    }
    await Promise.all(running);
    steadySeconds = (performance.now() - steadyStart) / 1000;
  }
  clearInterval(progress);
  client.close();

  const totalRequests = Object.values(latency).reduce((sum, r) => sum + r.count, 0);
  const elapsed = steadySeconds || enrollmentSeconds;
  return {
    devices: options.devices,
    enrolled: devices.length,
    reportsAccepted: fullReports + deltas,
    fullReports,
    deltas,
    checkins: latency.checkin.count,
    softwareRows,
    enrollmentSeconds: Math.round(enrollmentSeconds * 10) / 10,
    steadySeconds: Math.round(steadySeconds * 10) / 10,
    requestsPerSecond: Math.round((steadySeconds ? totalRequests - latency.enroll.count - fullReports : totalRequests) / elapsed),
    latency: Object.fromEntries(Object.entries(latency).map(([k, r]) => [k, r.summary()])),
    errors,
    fleet: devices,
  };
}
