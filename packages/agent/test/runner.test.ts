import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import { FullReport, stateHash, validate, type DeltaReport, type MetricsReport, type SectionName, type WorkResultReport } from '@muster/protocol';
import type { CollectedSections } from '../src/collectors/index.js';
import { agentPaths, readAgentFile, readCredential, type AgentPaths } from '../src/config.js';
import { enroll } from '../src/enroll.js';
import { memoryLogger } from '../src/log.js';
import { EXIT, Runner } from '../src/runner.js';
import { readStatus } from '../src/status.js';
import type { BusySignals } from '../src/scheduler.js';
import { Watchdog } from '../src/watchdog.js';
import { startFakeApi, type FakeApi } from './helpers/fake-api.js';
import { machine, metricsSample, software, tempDir } from './helpers/machine.js';

/** A device under test: its state directory, what it "has installed", and a way to make runners. */
interface Device {
  paths: AgentPaths;
  current: CollectedSections;
  metrics: boolean;
  log: ReturnType<typeof memoryLogger>;
  /** What the busy test sees (quiet unless a test says otherwise). */
  busy: BusySignals;
  runner: () => Runner;
}

async function enrolledDevice(api: FakeApi): Promise<Device> {
  const paths = agentPaths(tempDir());
  const log = memoryLogger();
  const device: Device = {
    paths,
    current: machine(),
    metrics: false,
    log,
    busy: { loadPerCore: 0, agentCpuPercent: 0 },
    runner: () =>
      new Runner({
        paths,
        agent: readAgentFile(paths)!,
        credential: readCredential(paths),
        log,
        collect,
        watchdog: new Watchdog({ onBreach: () => undefined }),
        push: false,
        random: () => 0,
        busySignals: () => device.busy,
      }),
  };
  async function collect({ sections }: { sections: SectionName[] }): Promise<CollectedSections> {
    const out: Record<string, unknown> = {};
    for (const s of sections) {
      if (s === 'metrics') {
        if (device.metrics) out.metrics = { data: metricsSample() };
        else out.metrics = { error: { code: 'unsupported', message: 'no metrics here' } };
      } else if (device.current[s]) out[s] = device.current[s];
    }
    return out as CollectedSections;
  }
  const result = await enroll({ paths, server: api.url, token: 'enroll-token-1234', log, collect });
  assert.equal(result.deviceId, api.deviceId);
  return device;
}

describe('runner --once against a fake agent API', () => {
  let api: FakeApi;
  before(async () => {
    api = await startFakeApi();
  });
  after(() => api.close());
  beforeEach(() => {
    api.hashes = null;
    api.reports = [];
    api.checkins = [];
    api.outage = undefined;
    api.checkinExtra = {};
    api.work = [];
    api.rejectNext = undefined;
    api.credential = 'device-credential-0123456789';
  });

  test('enrollment writes agent.json, a 0600 credential and the config; a bad token is refused', async () => {
    const device = await enrolledDevice(api);
    const agent = readAgentFile(device.paths)!;
    assert.equal(agent.server, api.url);
    assert.equal(agent.deviceId, api.deviceId);
    assert.equal(fs.statSync(device.paths.credentialFile).mode & 0o777, 0o600);
    assert.equal(readCredential(device.paths), api.credential);
    assert.ok(!fs.readFileSync(device.paths.agentFile, 'utf8').includes(api.credential));
    const enrollRequest = api.http.requests.findLast((r) => r.url === '/agent/v1/enroll')!;
    assert.equal((enrollRequest.json as { hostname: string }).hostname, 'web-1');
    assert.equal(enrollRequest.headers.authorization, undefined);
    await assert.rejects(enroll({ paths: agentPaths(tempDir()), server: api.url, token: 'wrong-token-000', log: memoryLogger(), collect: async () => ({}) }), /enrollment refused.*401/);
    assert.ok(!JSON.stringify(device.log.lines).includes('enroll-token-1234'), 'the enrollment token is never logged');
  });

  test('first run sends a full report and a metrics report; an unchanged machine then only checks in; an upgrade sends a delta', async () => {
    const device = await enrolledDevice(api);
    device.metrics = true;
    assert.equal(await device.runner().once(), EXIT.ok);
    assert.deepEqual(api.reports.map((r) => r.kind), ['full', 'metrics']);
    const full = api.reports[0] as FullReport;
    assert.ok(validate(FullReport, full).ok);
    assert.equal((api.reports[1] as MetricsReport).samples.length, 1);
    assert.ok(api.reports[1]!.sequence > full.sequence);

    device.metrics = false;
    assert.equal(await device.runner().once(), EXIT.ok);
    assert.equal(api.reports.length, 2, 'an unchanged machine sends no report');
    const checkin = api.checkins.at(-1)!;
    assert.equal(checkin.stateHash, stateHash(api.hashes!), 'the check-in names the acknowledged state');
    assert.equal(checkin.spooledReports, 0);

    const items = software();
    items[0] = { ...items[0]!, version: '3.0.13-1' };
    device.current = machine(items);
    assert.equal(await device.runner().once(), EXIT.ok);
    const delta = api.reports.at(-1) as DeltaReport;
    assert.equal(delta.kind, 'delta');
    assert.deepEqual(delta.softwareDelta?.updated, [items[0]]);
    assert.deepEqual(delta.sections, {});
    assert.equal(api.checkins.length, 3);

    const status = readStatus(device.paths)!;
    assert.equal(status.spool.records, 0);
    assert.ok(status.lastContactAt);
    assert.equal(status.deviceId, api.deviceId);
  });

  test('server unreachable: exit 3, reports stay spooled, and go in order once it is back', async () => {
    const device = await enrolledDevice(api);
    device.metrics = true;
    api.outage = { status: 503, body: { error: { code: 'unavailable', message: 'down for maintenance' } } };
    assert.equal(await device.runner().once(), EXIT.unreachable);
    device.current = machine([...software(), { name: 'git', version: '2.39', source: 'deb' }]);
    assert.equal(await device.runner().once(), EXIT.unreachable);
    assert.equal(api.reports.length, 0);
    assert.equal(readStatus(device.paths)!.spool.records, 4);
    assert.match(readStatus(device.paths)!.lastError?.message ?? '', /503/);

    api.outage = undefined;
    assert.equal(await device.runner().once(), EXIT.ok);
    assert.deepEqual(api.reports.map((r) => r.kind), ['full', 'metrics', 'delta', 'metrics', 'metrics']);
    const sequences = api.reports.map((r) => r.sequence);
    assert.deepEqual(sequences, [...sequences].sort((a, b) => a - b));
    assert.equal((api.reports[2] as DeltaReport).softwareDelta?.added.length, 1, 'the unsent delta chained on the unsent full');
  });

  test('a refused credential: exit 4 and a clear message, never the credential itself', async () => {
    const device = await enrolledDevice(api);
    api.credential = 'rotated-elsewhere-999999';
    assert.equal(await device.runner().once(), EXIT.credentialRefused);
    assert.ok(device.log.lines.some((l) => l.level === 'error' && l.msg === 'credential revoked or invalid; re-enroll'));
    const status = readStatus(device.paths)!;
    assert.equal(status.credentialRefused, true);
    assert.match(status.lastError?.message ?? '', /re-enroll/);
    const everything = JSON.stringify(device.log.lines) + fs.readFileSync(device.paths.statusFile, 'utf8');
    assert.ok(!everything.includes('device-credential-0123456789'));
  });

  test('the server lost our state (409 full_report_required): the run still ends with a full report accepted', async () => {
    const device = await enrolledDevice(api);
    assert.equal(await device.runner().once(), EXIT.ok);
    api.hashes = {}; // the server forgot
    device.current = machine([...software(), { name: 'vim', version: '9.0', source: 'deb' }]);
    assert.equal(await device.runner().once(), EXIT.ok);
    assert.deepEqual(api.reports.map((r) => r.kind), ['full', 'full']);
    assert.equal(readStatus(device.paths)!.fullReportPending, false);
  });

  test('a check-in asking for a full report gets one in the same run, superseding the spooled delta', async () => {
    const device = await enrolledDevice(api);
    assert.equal(await device.runner().once(), EXIT.ok);
    device.current = machine([...software(), { name: 'vim', version: '9.0', source: 'deb' }]);
    api.checkinExtra = { fullReportRequested: true };
    assert.equal(await device.runner().once(), EXIT.ok);
    assert.deepEqual(api.reports.map((r) => r.kind), ['full', 'full']);
    api.checkinExtra = {};
    assert.equal(await device.runner().once(), EXIT.ok);
    assert.equal(api.reports.length, 2);
  });

  test('a report refused as invalid is dropped (exit 5) and does not block the spool', async () => {
    const device = await enrolledDevice(api);
    device.metrics = true;
    api.rejectNext = 'metrics';
    assert.equal(await device.runner().once(), EXIT.rejected);
    assert.deepEqual(api.reports.map((r) => r.kind), ['full']);
    assert.equal(readStatus(device.paths)!.rejectedReports, 1);
    assert.equal(await device.runner().once(), EXIT.ok);
    assert.deepEqual(api.reports.map((r) => r.kind), ['full', 'metrics']);
  });

  test('malformed check-in responses are logged and ignored; a bad config does not cost the work', async () => {
    const device = await enrolledDevice(api);
    api.checkinExtra = { config: { checkinIntervalSec: 1, inventoryIntervalSec: 5, metricsIntervalSec: 1 } };
    api.work = [{ id: '11111111-1111-4111-8111-111111111111', type: 'job', payload: { script: 'echo hi' } }];
    assert.equal(await device.runner().once(), EXIT.ok);
    assert.ok(device.log.lines.some((l) => l.msg === 'server sent a malformed config, ignored'));
    assert.ok(!fs.existsSync(device.paths.configFile) || JSON.parse(fs.readFileSync(device.paths.configFile, 'utf8')).checkinIntervalSec !== 1);
    const result = api.reports.find((r) => r.kind === 'result') as WorkResultReport;
    assert.equal(result.status, 'rejected');
    assert.match(result.stderr ?? '', /not supported/);

    api.checkinExtra = { work: 'lots' };
    assert.equal(await device.runner().once(), EXIT.ok);
    assert.ok(device.log.lines.some((l) => l.msg === 'malformed check-in response ignored'));
  });

  test('the server config is applied and persisted; a rotated credential is stored 0600 and used', async () => {
    const device = await enrolledDevice(api);
    api.config = { checkinIntervalSec: 120, inventoryIntervalSec: 3600, metricsIntervalSec: 300, maxSpoolBytes: 2 * 1024 * 1024 };
    api.checkinExtra = { newCredential: 'brand-new-credential-42' };
    assert.equal(await device.runner().once(), EXIT.ok);
    assert.deepEqual(JSON.parse(fs.readFileSync(device.paths.configFile, 'utf8')), api.config);
    assert.equal(readCredential(device.paths), 'brand-new-credential-42');
    assert.equal(fs.statSync(device.paths.credentialFile).mode & 0o777, 0o600);
    assert.equal(api.http.requests.at(-1)!.headers.authorization, 'Bearer brand-new-credential-42', 'the reports after the check-in used it');
    assert.ok(!JSON.stringify(device.log.lines).includes('brand-new-credential-42'));
    api.config = { checkinIntervalSec: 60, inventoryIntervalSec: 900, metricsIntervalSec: 60 };
  });

  test('collect work is answered with a fresh report and a result', async () => {
    const device = await enrolledDevice(api);
    assert.equal(await device.runner().once(), EXIT.ok);
    const runner = device.runner();
    // The daemon path: work arrives at check-in, the loop collects and reports the result.
    api.work = [{ id: '22222222-2222-4222-8222-222222222222', type: 'collect', payload: { sections: ['system'] } }];
    device.current = { ...machine(), system: { data: { hostname: 'renamed' } } };
    const running = runner.run();
    const deadline = Date.now() + 10_000;
    while (!api.reports.some((r) => r.kind === 'result') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    runner.stop();
    assert.equal(await running, EXIT.ok);
    const result = api.reports.find((r) => r.kind === 'result') as WorkResultReport;
    assert.equal(result.status, 'succeeded');
    const delta = api.reports.find((r) => r.kind === 'delta') as DeltaReport;
    assert.deepEqual(Object.keys(delta.sections), ['system']);
  });
});

describe('runner daemon loop', () => {
  test('starts, reports, and stops cleanly when asked, leaving a status file', async () => {
    const api = await startFakeApi();
    try {
      const device = await enrolledDevice(api);
      device.metrics = true;
      const runner = device.runner();
      const running = runner.run();
      const deadline = Date.now() + 10_000;
      while ((api.reports.length < 2 || api.checkins.length < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      runner.stop();
      assert.equal(await running, EXIT.ok);
      assert.deepEqual(
        api.reports.map((r) => r.kind).sort(),
        ['full', 'metrics'],
      );
      const status = readStatus(device.paths)!;
      assert.equal(status.spool.records, 0);
      assert.ok(device.log.lines.some((l) => l.msg === 'agent stopped'));
    } finally {
      await api.close();
    }
  });

  test('a busy device gets its inventory postponed; metrics and check-ins carry on', async () => {
    const api = await startFakeApi();
    try {
      const device = await enrolledDevice(api);
      device.metrics = true;
      device.busy = { loadPerCore: 2.5, agentCpuPercent: 0 };
      const runner = device.runner();
      const running = runner.run();
      const deadline = Date.now() + 10_000;
      while (api.reports.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      runner.stop();
      assert.equal(await running, EXIT.ok);
      assert.deepEqual(api.reports.map((r) => r.kind), ['metrics']);
      assert.ok(device.log.lines.some((l) => l.msg === 'inventory postponed, the device is busy' && String(l.reason).includes('load average')));
    } finally {
      await api.close();
    }
  });

  test('a server that refuses every full report does not get a collect-send-refuse loop', async () => {
    const api = await startFakeApi();
    try {
      const device = await enrolledDevice(api);
      api.rejectAlways.add('full');
      api.checkinExtra = { fullReportRequested: true };
      const runner = device.runner();
      const running = runner.run();
      await new Promise((r) => setTimeout(r, 1_500));
      runner.stop();
      assert.equal(await running, EXIT.ok);
      assert.equal(api.refused, 1, 'one refused full report, then the schedule decides');
      assert.equal(readStatus(device.paths)!.fullReportPending, true);
    } finally {
      await api.close();
    }
  });

  test('a refused credential ends the daemon with exit 4', async () => {
    const api = await startFakeApi();
    try {
      const device = await enrolledDevice(api);
      api.credential = 'someone-else-entirely';
      assert.equal(await device.runner().run(), EXIT.credentialRefused);
    } finally {
      await api.close();
    }
  });
});
