import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.js';
import { simulatedDevice } from '../simulate/templates.js';
import { bearer, enrollFleet, otherOrganisation, userWithRole, type EnrolledDevice } from '../devices/test-fleet.js';

interface Summary {
  total: number;
  online: number;
  offline: number;
  pending: number;
  retired: number;
  manual: number;
  byPlatform: Array<{ key: string | null; count: number }>;
  byOs: Array<{ key: string | null; count: number }>;
  byModel: Array<{ key: string | null; count: number }>;
  byAgentVersion: Array<{ key: string | null; count: number }>;
  newDevicesByDay: Array<{ day: string; count: number }>;
  topSoftware: Array<{ name: string; source: string; devices: number; versions: number }>;
}

describe('fleet summary', () => {
  let t: TestApp;
  let admin: string;
  let fleet: EnrolledDevice[];

  const summary = async (token = admin): Promise<Summary> => {
    const res = await t.app.inject({ url: '/api/v1/fleet/summary', headers: bearer(token) });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const create = async (payload: object): Promise<string> => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/devices', headers: bearer(admin), payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id;
  };

  before(async () => {
    t = await createTestApp();
    admin = await t.login();
    // 0, 1 Linux; 2, 3 Windows.
    fleet = await enrollFleet(t, admin, [0, 1, 2, 3].map((i) => simulatedDevice(i, { packages: 40 })));
    await enrollFleet(t, admin, [simulatedDevice(9, { platform: 'linux', packages: 5 })], { requiresApproval: true, report: false });
    await create({ hostname: 'printer-01', model: 'LaserJet M507' });
    const retired = await create({ hostname: 'old-laptop', platform: 'windows' });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/devices/${retired}`, headers: bearer(admin), payload: { status: 'retired' } });
    // One agent gone quiet; one device added ten days ago; one long ago (outside the 30 days).
    await t.database.pool.query(`update devices set last_seen_at = now() - interval '2 hours' where id = $1`, [fleet[3]!.deviceId]);
    await t.database.pool.query(`update devices set created_at = now() - interval '10 days' where id = $1`, [fleet[0]!.deviceId]);
    await t.database.pool.query(`update devices set created_at = now() - interval '40 days' where id = $1`, [fleet[1]!.deviceId]);
    // Another organisation's device counts nowhere here.
    const other = await otherOrganisation(t, 'other-fleet');
    await t.app.inject({ method: 'POST', url: '/api/v1/devices', headers: bearer(other.token), payload: { hostname: 'elsewhere', platform: 'linux' } });
  });
  after(async () => t.close());

  test('status counts', async () => {
    const s = await summary();
    assert.deepEqual(
      { total: s.total, online: s.online, offline: s.offline, pending: s.pending, retired: s.retired, manual: s.manual },
      { total: 6, online: 3, offline: 1, pending: 1, retired: 1, manual: 1 },
    );
  });

  test('breakdowns by platform, OS, model and agent version', async () => {
    const s = await summary();
    const asMap = (buckets: Summary['byPlatform']) => Object.fromEntries(buckets.map((b) => [b.key ?? '(none)', b.count]));
    assert.deepEqual(asMap(s.byPlatform), { linux: 3, windows: 2, '(none)': 1 });
    assert.equal(s.byPlatform[0]!.key, 'linux', 'largest first');
    assert.equal(asMap(s.byOs)['Windows 11 Pro 23H2'], 2);
    assert.equal(s.byOs.reduce((n, b) => n + b.count, 0), 6);
    assert.equal(asMap(s.byModel)['LaserJet M507'], 1);
    assert.equal(s.byModel.reduce((n, b) => n + b.count, 0), 6);
    assert.ok(s.byModel.length <= 20);
    assert.deepEqual(asMap(s.byAgentVersion), { '0.1.0-sim': 4, '0.1.0': 1, '(none)': 1 });
  });

  test('new devices per day over the last 30 days', async () => {
    const s = await summary();
    assert.equal(s.newDevicesByDay.length, 30);
    const today = new Date().toISOString().slice(0, 10);
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    assert.equal(s.newDevicesByDay[29]!.day, today);
    const byDay = Object.fromEntries(s.newDevicesByDay.map((d) => [d.day, d.count]));
    assert.equal(byDay[today], 5, 'two agents, the pending one, and both manual devices (retired included)');
    assert.equal(byDay[tenDaysAgo], 1);
    assert.equal(s.newDevicesByDay.reduce((n, d) => n + d.count, 0), 6);
  });

  test('top software: the ten titles on the most devices', async () => {
    const s = await summary();
    assert.equal(s.topSoftware.length, 10);
    for (let i = 1; i < s.topSoftware.length; i++) assert.ok(s.topSoftware[i - 1]!.devices >= s.topSoftware[i]!.devices);
    assert.equal(s.topSoftware[0]!.devices, 2);
  });

  test('readable with devices:read (viewer, auditor)', async () => {
    const viewer = await userWithRole(t, admin, 'viewer');
    assert.equal((await summary(viewer)).total, 6);
    const auditor = await userWithRole(t, admin, 'auditor');
    assert.equal((await summary(auditor)).total, 6);
  });
});
