import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { PROTOCOL_VERSION, sectionHash, stateHash, type DeltaReport, type FullReport, type InventorySectionName, type SoftwareItem } from '@muster/protocol';
import { createTestApp, type TestApp } from '../testing/app.js';
import { fullReport, metricsSample, Rng, simulatedDevice } from '../simulate/templates.js';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('enrollment and ingest', () => {
  let t: TestApp;
  let admin: string;
  let credential: string;
  let deviceId: string;
  const device = simulatedDevice(7, { platform: 'linux', packages: 400 });
  let lastFull: FullReport;

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: `Bearer ${credential}`, ...headers } });

  const stored = async () =>
    (
      await t.database.pool.query(
        `select d.hostname, d.os_name, d.platform, d.serial_number, d.primary_ip, d.last_sequence, d.state_hash, d.full_report_requested, d.last_report_at,
                coalesce(array_length(s.software_ids, 1), 0) as packages, s.hash as software_hash
           from devices d left join device_software s on s.org_id = d.org_id and s.device_id = d.id where d.id = $1`,
        [deviceId],
      )
    ).rows[0];

  before(async () => {
    t = await createTestApp();
    admin = await t.login();
  });
  after(async () => t.close());

  test('an enrollment token is shown once and exchanged for a device credential', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/enrollment-tokens', headers: { authorization: `Bearer ${admin}` }, payload: { name: 'lab', maxUses: 2 } });
    assert.equal(created.statusCode, 201, created.body);
    const token = created.json().token as string;
    assert.match(token, /^met_/);
    const listed = await t.app.inject({ url: '/api/v1/enrollment-tokens', headers: { authorization: `Bearer ${admin}` } });
    assert.doesNotMatch(listed.body, new RegExp(token));

    const enroll = await t.app.inject({
      method: 'POST',
      url: '/agent/v1/enroll',
      payload: { token, agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' }, hostname: device.hostname, hardwareUuid: device.hardwareUuid, machineId: device.machineId, serialNumber: device.serialNumber, os: { name: 'Debian GNU/Linux', version: '12' } },
    });
    assert.equal(enroll.statusCode, 201, enroll.body);
    ({ deviceId, credential } = enroll.json());
    assert.match(credential, /^mdc_/);
    assert.equal(enroll.json().status, 'active');
    assert.equal(enroll.json().config.checkinIntervalSec, 60);
    const { rows } = await t.database.pool.query('select credential_hash from devices where id = $1', [deviceId]);
    assert.notEqual(rows[0].credential_hash, credential, 'the credential must be stored hashed');
  });

  test('a full report (gzip) is accepted with 202 and lands in the inventory', async () => {
    lastFull = fullReport(device, 1);
    const res = await post('/agent/v1/reports', gzipSync(JSON.stringify(lastFull)), { 'content-encoding': 'gzip', 'content-type': 'application/json' });
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(res.json(), { reportId: lastFull.reportId, status: 'accepted' });
    const row = await waitFor('the report to be applied', async () => ((await stored())?.last_sequence === 1 ? stored() : undefined));
    assert.equal(row.hostname, device.hostname);
    assert.equal(row.platform, 'linux');
    assert.equal(row.os_name, 'Debian GNU/Linux');
    assert.equal(row.serial_number, device.serialNumber);
    assert.equal(row.primary_ip, device.sections.network.primaryIp);
    assert.equal(row.packages, 400);
    assert.equal(row.state_hash, stateHash(Object.fromEntries(Object.entries(lastFull.sections).map(([k, v]) => [k, v!.hash]))));
    const counts = await t.database.pool.query('select count(*)::int as n, min(devices) as min, max(devices) as max from software_counts');
    assert.deepEqual(counts.rows[0], { n: 400, min: 1, max: 1 });
    const sections = await t.database.pool.query('select section from device_sections where device_id = $1 order by section', [deviceId]);
    assert.deepEqual(sections.rows.map((r) => r.section), ['browser', 'hardware', 'network', 'os', 'security', 'services', 'system', 'updates', 'users']);
    const history = await t.database.pool.query('select count(*)::int as n from device_changes where device_id = $1', [deviceId]);
    assert.equal(history.rows[0].n, 0, 'the first report is the baseline, not history');
  });

  test('the same report id sent again is a duplicate and changes nothing', async () => {
    const res = await post('/agent/v1/reports', lastFull);
    assert.equal(res.statusCode, 202);
    assert.equal(res.json().status, 'duplicate');
  });

  test('a delta updates, removes and adds packages and writes history', async () => {
    const items = device.sections.software.items;
    const upgraded: SoftwareItem = { ...items[0]!, version: `${items[0]!.version}+deb12u1` };
    const removed = items[1]!;
    const added: SoftwareItem = { name: 'htop', version: '3.2.2-2', source: 'deb', arch: 'amd64', publisher: 'Debian', installDate: '2024-06-01' };
    const newItems = [upgraded, ...items.slice(2), added];
    const newSoftwareHash = sectionHash('software', { items: newItems });
    const newOs = { ...device.sections.os, version: '12.6', kernelVersion: '6.1.0-25-amd64' };
    const hashes = Object.fromEntries(Object.entries(lastFull.sections).map(([k, v]) => [k, v!.hash])) as Record<InventorySectionName, string>;
    const delta: DeltaReport = {
      protocol: PROTOCOL_VERSION,
      reportId: randomUUID(),
      sequence: 2,
      collectedAt: new Date().toISOString(),
      agent: { version: '0.1.1', platform: 'linux', arch: 'x86_64' },
      kind: 'delta',
      baseStateHash: stateHash(hashes),
      sections: { os: { hash: sectionHash('os', newOs), data: newOs } },
      softwareDelta: {
        baseHash: hashes.software,
        hash: newSoftwareHash,
        added: [added],
        removed: [{ name: removed.name, source: removed.source, arch: removed.arch, version: removed.version }],
        updated: [upgraded],
      },
    };
    const res = await post('/agent/v1/reports', delta);
    assert.equal(res.statusCode, 202, res.body);
    const row = await waitFor('the delta', async () => ((await stored())?.last_sequence === 2 ? stored() : undefined));
    assert.equal(row.packages, 400);
    assert.equal(row.software_hash, newSoftwareHash);
    assert.equal(row.full_report_requested, false);
    assert.equal(row.state_hash, stateHash({ ...hashes, os: sectionHash('os', newOs), software: newSoftwareHash }));
    const history = await t.database.pool.query('select kind, subject, old_value, new_value from device_changes where device_id = $1 order by kind, subject', [deviceId]);
    assert.deepEqual(history.rows, [
      { kind: 'os.changed', subject: 'operating system', old_value: `Debian GNU/Linux ${device.sections.os.version}`, new_value: 'Debian GNU/Linux 12.6' },
      { kind: 'os.kernel_changed', subject: 'kernel', old_value: '6.1.0-21-amd64', new_value: '6.1.0-25-amd64' },
      { kind: 'software.installed', subject: 'htop', old_value: null, new_value: '3.2.2-2' },
      { kind: 'software.removed', subject: removed.name, old_value: removed.version, new_value: null },
      { kind: 'software.updated', subject: upgraded.name, old_value: items[0]!.version, new_value: upgraded.version },
    ]);
    const versions = await t.database.pool.query(
      `select s.name, s.version, c.devices from software_counts c join software s on s.id = c.software_id where s.name = any($1) order by s.name, s.version`,
      [[upgraded.name, removed.name, 'htop']],
    );
    const byKey = Object.fromEntries(versions.rows.map((r) => [`${r.name}@${r.version}`, r.devices]));
    assert.equal(byKey[`${upgraded.name}@${upgraded.version}`], 1);
    assert.equal(byKey[`${upgraded.name}@${items[0]!.version}`], 0);
    assert.equal(byKey[`${removed.name}@${removed.version}`], 0);
    assert.equal(byKey['htop@3.2.2-2'], 1);
  });

  test('a delta on a state the server does not hold asks for a full report instead', async () => {
    const delta: DeltaReport = {
      protocol: PROTOCOL_VERSION,
      reportId: randomUUID(),
      sequence: 3,
      collectedAt: new Date().toISOString(),
      agent: { version: '0.1.1', platform: 'linux', arch: 'x86_64' },
      kind: 'delta',
      baseStateHash: 'f'.repeat(64),
      sections: {},
    };
    assert.equal((await post('/agent/v1/reports', delta)).statusCode, 202);
    await waitFor('the full-report flag', async () => ((await stored())?.full_report_requested ? true : undefined));
    assert.equal((await stored()).last_sequence, 2, 'nothing applied');
    // The flag reaches the credential cache through a bus notification: allow it a moment.
    await waitFor('a check-in asking for a full report', async () => {
      const checkin = await post('/agent/v1/checkin', { agent: { version: '0.1.1', platform: 'linux', arch: 'x86_64' } });
      assert.equal(checkin.statusCode, 200);
      return checkin.json().fullReportRequested === true ? true : undefined;
    });
    const next = await post('/agent/v1/reports', { ...delta, reportId: randomUUID(), sequence: 4 });
    assert.equal(next.statusCode, 409);
    assert.equal(next.json().error.code, 'full_report_required');
    // The full report clears the flag.
    const full = fullReport(device, 5);
    assert.equal((await post('/agent/v1/reports', full)).statusCode, 202);
    await waitFor('the full report', async () => ((await stored())?.last_sequence === 5 ? true : undefined));
    assert.equal((await stored()).full_report_requested, false);
  });

  test('metrics reports land in daily partitions', async () => {
    const rng = new Rng(1);
    const samples = [metricsSample(rng, new Date(Date.now() - 120_000)), metricsSample(rng, new Date(Date.now() - 60_000))];
    const res = await post('/agent/v1/reports', { protocol: 1, reportId: randomUUID(), sequence: 6, collectedAt: new Date().toISOString(), agent: { version: '0.1.1', platform: 'linux', arch: 'x86_64' }, kind: 'metrics', samples });
    assert.equal(res.statusCode, 202, res.body);
    await waitFor('metrics rows', async () => {
      const { rows } = await t.database.pool.query('select count(*)::int as n from device_metrics where device_id = $1', [deviceId]);
      return rows[0].n === 2 ? true : undefined;
    });
  });

  test('a check-in updates last seen', async () => {
    const res = await post('/agent/v1/checkin', { agent: { version: '0.1.2', platform: 'linux', arch: 'x86_64' }, spooledReports: 0 });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().fullReportRequested, false);
    assert.deepEqual(res.json().work, []);
    await t.services.lastSeen.flush();
    const { rows } = await t.database.pool.query('select last_seen_at, agent_version from devices where id = $1', [deviceId]);
    assert.ok(Date.now() - rows[0].last_seen_at.getTime() < 10_000);
    assert.equal(rows[0].agent_version, '0.1.2');
  });
});
