import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PROTOCOL_VERSION, sectionHash, stateHash, type DeltaReport, type InventorySectionName, type SoftwareItem } from '@muster/protocol';
import { parseCsv } from '../assets/csv.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { metricsSample, Rng, sectionsWithHashes, simulatedDevice } from '../simulate/templates.js';
import { encodeCursor } from './cursor.js';
import { bearer, enrollFleet, otherOrganisation, userWithRole, waitFor, type EnrolledDevice } from './test-fleet.js';

interface Item {
  id: string;
  hostname: string;
  kind: 'agent' | 'manual';
  status: string;
  online: boolean;
  lastSeenAt: string | null;
  os: { platform: string | null; name: string | null; version: string | null };
  serialNumber: string | null;
  model: string | null;
  tags: string[];
  customFields: Record<string, string | number>;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

describe('device API', () => {
  let t: TestApp;
  let admin: string;
  let fleet: EnrolledDevice[];
  let pending: EnrolledDevice;
  const manual: Record<string, string> = {};
  // 1 and 6 are Linux, 2–4 Windows, 5 macOS (simulatedDevice picks the platform by index).
  const byIndex = (i: number): EnrolledDevice => fleet.find((e) => e.device.index === i)!;

  const request = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, token = admin) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload !== undefined ? { payload: payload as object } : {}) });
  const list = async (query: string, token = admin): Promise<Page<Item>> => {
    const res = await request('GET', `/devices?${query}`, undefined, token);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const hostnames = async (query: string): Promise<string[]> => (await list(`${query}&limit=500`)).items.map((i) => i.hostname).sort();
  const allPages = async <T>(path: string, limit: number): Promise<T[]> => {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let pages = 0; ; pages++) {
      assert.ok(pages < 200, 'pagination does not end');
      const sep = path.includes('?') ? '&' : '?';
      const res = await request('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as Page<T>;
      assert.ok(page.items.length <= limit);
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return items;
    }
  };

  before(async () => {
    t = await createTestApp();
    admin = await t.login();
    fleet = await enrollFleet(t, admin, [1, 2, 3, 4, 5, 6].map((i) => simulatedDevice(i, { packages: 80 })));
    pending = (await enrollFleet(t, admin, [simulatedDevice(7, { platform: 'linux', packages: 10 })], { requiresApproval: true, report: false }))[0]!;
    for (const [hostname, extra] of [
      ['printer-01', { model: 'LaserJet M507', vendor: 'HP', serialNumber: 'PRN-0001', tags: ['office'] }],
      ['spare-laptop-02', { model: 'Latitude 7440', vendor: 'Dell Inc.', platform: 'windows', osName: 'Windows 11 Pro', osVersion: '23H2', notes: 'in the cupboard' }],
    ] as const) {
      const res = await request('POST', '/devices', { hostname, ...extra });
      assert.equal(res.statusCode, 201, res.body);
      manual[hostname] = res.json().id;
    }
  });
  after(async () => t.close());

  test('the list shows every device of the organisation with its summary', async () => {
    const page = await list('limit=500');
    assert.equal(page.items.length, 9);
    assert.equal(page.nextCursor, null);
    const linux = page.items.find((i) => i.id === byIndex(1).deviceId)!;
    const device = byIndex(1).device;
    assert.equal(linux.hostname, device.hostname);
    assert.equal(linux.kind, 'agent');
    assert.equal(linux.status, 'active');
    assert.equal(linux.online, true);
    assert.deepEqual(linux.os, { platform: 'linux', name: 'Debian GNU/Linux', version: device.sections.os.version });
    assert.equal(linux.serialNumber, device.serialNumber);
    const printer = page.items.find((i) => i.hostname === 'printer-01')!;
    assert.equal(printer.kind, 'manual');
    assert.equal(printer.online, false);
    assert.equal(printer.lastSeenAt, null);
    assert.deepEqual(printer.tags, ['office']);
    assert.equal(page.items.find((i) => i.id === pending.deviceId)?.status, 'pending');
  });

  test('q searches hostname, serial, IP address, logged-in user, tag and model', async () => {
    assert.deepEqual(await hostnames('q=SRV-00000'), ['srv-000001', 'srv-000006', 'srv-000007']);
    assert.deepEqual(await hostnames(`q=${byIndex(3).device.serialNumber.toLowerCase()}`), ['WS-000003']);
    const ip = byIndex(4).device.sections.network.primaryIp!;
    assert.ok((await hostnames(`q=${ip}`)).includes('WS-000004'));
    assert.deepEqual(await hostnames('q=user5'), ['mac-000005']);
    assert.deepEqual(await hostnames('q=office'), ['printer-01']);
    assert.deepEqual(await hostnames('q=laserjet'), ['printer-01']);
    // LIKE wildcards are text, not patterns.
    assert.deepEqual(await hostnames('q=%25'), []);
    assert.deepEqual(await hostnames('q=srv_0'), []);
  });

  test('q=software:<name> finds devices having a package of that name', async () => {
    assert.deepEqual(await hostnames('q=software:7-zip'), ['WS-000002', 'WS-000003', 'WS-000004']);
    assert.deepEqual(await hostnames('q=software:openssh-server'), ['srv-000001', 'srv-000006']);
    assert.deepEqual(await hostnames('q=software:no-such-package'), []);
    const empty = await request('GET', '/devices?q=software:');
    assert.equal(empty.statusCode, 400);
  });

  test('filters: platform, os, kind, tag, status, last seen', async () => {
    assert.deepEqual(await hostnames('platform=windows'), ['WS-000002', 'WS-000003', 'WS-000004', 'spare-laptop-02']);
    assert.deepEqual(await hostnames('os=windows%2011%20pro'), ['WS-000002', 'WS-000003', 'WS-000004', 'spare-laptop-02']);
    const mac = byIndex(5).device.sections.os;
    assert.deepEqual(await hostnames(`os=${encodeURIComponent(`${mac.name} ${mac.version}`)}`), ['mac-000005']);
    assert.deepEqual(await hostnames('kind=manual'), ['printer-01', 'spare-laptop-02']);
    assert.equal((await hostnames('kind=agent')).length, 7);
    assert.deepEqual(await hostnames('status=pending'), ['srv-000007']);

    const tagged = await request('PATCH', `/devices/${byIndex(2).deviceId}`, { tags: ['lab', 'floor-2', 'lab'] });
    assert.equal(tagged.statusCode, 200, tagged.body);
    assert.deepEqual(tagged.json().tags, ['lab', 'floor-2']);
    await request('PATCH', `/devices/${byIndex(3).deviceId}`, { tags: ['lab'] });
    assert.deepEqual(await hostnames('tag=lab'), ['WS-000002', 'WS-000003']);
    assert.deepEqual(await hostnames('tag=lab&tag=floor-2'), ['WS-000002']);
    assert.deepEqual(await hostnames('q=floor-2'), ['WS-000002']);

    // One device last seen an hour ago: offline, and on the right side of lastSeenBefore/After.
    await t.database.pool.query(`update devices set last_seen_at = now() - interval '1 hour' where id = $1`, [byIndex(2).deviceId]);
    const agents = fleet.map((e) => e.device.hostname);
    assert.deepEqual(await hostnames('status=offline'), ['WS-000002']);
    assert.deepEqual(await hostnames('status=online'), agents.filter((h) => h !== 'WS-000002').sort());
    const halfHourAgo = new Date(Date.now() - 1_800_000).toISOString();
    assert.deepEqual(await hostnames(`lastSeenBefore=${halfHourAgo}`), ['WS-000002']);
    assert.deepEqual(await hostnames(`lastSeenAfter=${halfHourAgo}`), agents.filter((h) => h !== 'WS-000002').sort());
    const ws2 = (await list('q=WS-000002')).items[0]!;
    assert.equal(ws2.online, false);
    assert.equal(ws2.status, 'active');

    for (const bad of ['status=gone', 'kind=robot', 'limit=0', 'limit=501', 'sort=serial', 'lastSeenAfter=yesterday']) {
      const res = await request('GET', `/devices?${bad}`);
      assert.equal(res.statusCode, 400, `${bad}: ${res.body}`);
    }
  });

  test('every sort order, both ways, pages through with no duplicates or gaps', async () => {
    const keyOf = {
      hostname: (i: Item) => i.hostname.toLowerCase(),
      os: (i: Item) => `${i.os.name ?? ''} ${i.os.version ?? ''}`.toLowerCase(),
    };
    for (const sort of ['hostname', '-hostname', 'lastSeenAt', '-lastSeenAt', 'os', '-os']) {
      const whole = (await list(`sort=${sort}&limit=500`)).items;
      assert.equal(whole.length, 9);
      for (const limit of [1, 2, 4]) {
        const paged = await allPages<Item>(`/devices?sort=${sort}`, limit);
        assert.deepEqual(paged.map((i) => i.id), whole.map((i) => i.id), `${sort} in pages of ${limit}`);
      }
      const descending = sort.startsWith('-');
      const field = sort.replace('-', '');
      for (let i = 1; i < whole.length; i++) {
        const [a, b] = descending ? [whole[i]!, whole[i - 1]!] : [whole[i - 1]!, whole[i]!];
        if (field === 'lastSeenAt') {
          const time = (x: Item) => (x.lastSeenAt ? Date.parse(x.lastSeenAt) : -Infinity);
          assert.ok(time(a) <= time(b), `${sort} out of order at ${i}`);
        } else {
          const key = keyOf[field as 'hostname' | 'os'];
          assert.ok(key(a) < key(b) || (key(a) === key(b) && a.id < b.id), `${sort} out of order at ${i}: ${key(a)} / ${key(b)}`);
        }
      }
    }
    // Never-seen devices are the oldest: last when sorted newest first.
    const newestFirst = (await list('sort=-lastSeenAt&limit=500')).items;
    assert.deepEqual(newestFirst.slice(-3).map((i) => i.lastSeenAt), [null, null, null]);
  });

  test('a bad cursor is a 400 invalid_cursor', async () => {
    const first = await list('sort=hostname&limit=2');
    assert.ok(first.nextCursor);
    const crafted = [
      'not-a-cursor!',
      Buffer.from('{"s":').toString('base64url'),
      encodeCursor('devices:hostname', ['x', 'not-a-uuid']),
      encodeCursor('devices:lastSeenAt', ['yesterday', randomUUID()]),
      encodeCursor('devices:hostname', [{} as unknown as string, randomUUID()]),
    ];
    for (const cursor of crafted) {
      const res = await request('GET', `/devices?sort=lastSeenAt&cursor=${encodeURIComponent(cursor)}`);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'invalid_cursor');
    }
    // A cursor of one sort order means nothing in another.
    const other = await request('GET', `/devices?sort=-hostname&cursor=${encodeURIComponent(first.nextCursor)}`);
    assert.equal(other.json().error.code, 'invalid_cursor');
  });

  test('format=csv exports every matching device, streamed, with a header row', async () => {
    const res = await request('GET', '/devices?format=csv&limit=1');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="devices-.*\.csv"/);
    const [header, ...rows] = parseCsv(res.body, { maxRecords: 1000 }).map((r) => r.fields);
    assert.deepEqual(header!.slice(0, 6), ['id', 'hostname', 'displayName', 'kind', 'status', 'online']);
    assert.equal(rows.length, 9, 'limit does not apply to an export');
    const col = (name: string) => header!.indexOf(name);
    const spare = rows.find((r) => r[col('hostname')] === 'spare-laptop-02')!;
    assert.equal(spare[col('id')], manual['spare-laptop-02']);
    assert.equal(spare[col('osName')], 'Windows 11 Pro');
    assert.equal(spare[col('online')], 'false');
    const ws2 = rows.find((r) => r[col('hostname')] === 'WS-000002')!;
    assert.equal(ws2[col('tags')], 'lab;floor-2');
    assert.ok(!Number.isNaN(Date.parse(ws2[col('lastSeenAt')]!)));

    const filtered = await request('GET', '/devices?format=csv&platform=windows&sort=-hostname');
    const names = parseCsv(filtered.body, { maxRecords: 100 }).slice(1).map((r) => r.fields[1]);
    assert.deepEqual(names, ['WS-000004', 'WS-000003', 'WS-000002', 'spare-laptop-02']);
    const bad = await request('GET', '/devices?format=csv&cf.nope=1');
    assert.equal(bad.statusCode, 400, 'a bad filter is refused before the export starts');
  });

  test('device detail has the device and every section; unknown ids are 404', async () => {
    const { deviceId, device } = byIndex(5);
    const res = await request('GET', `/devices/${deviceId}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.hostname, device.hostname);
    assert.equal(body.softwareCount, 80);
    assert.equal(body.online, true);
    assert.equal(body.os.platform, 'macos');
    assert.deepEqual(body.loggedInUsers, ['user5']);
    assert.ok(body.enrolledAt);
    assert.deepEqual(Object.keys(body.sections).sort(), ['browser', 'hardware', 'network', 'os', 'security', 'services', 'system', 'updates', 'users']);
    assert.equal(body.sections.system.data.serialNumber, device.serialNumber);
    assert.equal(body.sections.os.hash, sectionHash('os', device.sections.os));
    assert.ok(Date.parse(body.sections.os.collectedAt));
    assert.equal(body.credentialHash, undefined);
    assert.equal(body.stateHash, undefined);

    assert.equal((await request('GET', `/devices/${randomUUID()}`)).statusCode, 404);
    assert.equal((await request('GET', '/devices/not-a-uuid')).statusCode, 400);
  });

  test("another organisation's devices do not exist for this one, and the other way round", async () => {
    const other = await otherOrganisation(t, 'other-org');
    const theirs = await request('POST', '/devices', { hostname: 'their-device' }, other.token);
    assert.equal(theirs.statusCode, 201);
    const theirId = theirs.json().id as string;
    const ours = byIndex(1).deviceId;

    assert.deepEqual((await list('limit=500', other.token)).items.map((i) => i.hostname), ['their-device']);
    for (const path of [`/devices/${ours}`, `/devices/${ours}/software`, `/devices/${ours}/history`, `/devices/${ours}/metrics`]) {
      const res = await request('GET', path, undefined, other.token);
      assert.equal(res.statusCode, 404, `${path}: ${res.body}`);
      assert.equal(res.json().error.code, 'not_found');
    }
    assert.equal((await request('PATCH', `/devices/${ours}`, { notes: 'mine now' }, other.token)).statusCode, 404);
    assert.equal((await request('DELETE', `/devices/${ours}`, undefined, other.token)).statusCode, 404);
    assert.equal((await request('GET', `/devices/${theirId}`)).statusCode, 404);
    assert.ok(!(await hostnames('q=their-device')).length);
    assert.equal((await request('GET', `/devices/${ours}`)).statusCode, 200, 'still there');
  });

  test("a device's software, joined to the catalogue and sorted by name, in pages", async () => {
    const { deviceId, device } = byIndex(1);
    const whole = (await request('GET', `/devices/${deviceId}/software?limit=500`)).json() as Page<{ softwareId: number; name: string; version: string; source: string; arch: string; publisher: string | null; installDate: string | null }>;
    assert.equal(whole.items.length, 80);
    const names = whole.items.map((i) => i.name.toLowerCase());
    assert.deepEqual(names, [...names].sort());
    const bash = whole.items.find((i) => i.name === 'bash')!;
    const reported = device.sections.software.items.find((i) => i.name === 'bash')!;
    // The catalogue keeps the publisher of whichever device reported a version first.
    assert.deepEqual({ ...bash, softwareId: 0, publisher: '' }, { softwareId: 0, name: 'bash', version: reported.version, source: 'deb', arch: 'amd64', publisher: '', installDate: reported.installDate });
    assert.ok(bash.publisher);
    const paged = await allPages<{ softwareId: number }>(`/devices/${deviceId}/software`, 7);
    assert.deepEqual(paged.map((i) => i.softwareId), whole.items.map((i) => i.softwareId));
    const ssh = (await request('GET', `/devices/${deviceId}/software?q=OPENSSH`)).json() as Page<{ name: string }>;
    assert.deepEqual(ssh.items.map((i) => i.name), ['openssh-client', 'openssh-server']);
    const manualSoftware = await request('GET', `/devices/${manual['printer-01']}/software`);
    assert.deepEqual(manualSoftware.json(), { items: [], nextCursor: null });
  });

  test('history shows what a delta changed, newest first', async () => {
    const { deviceId, device, credential } = byIndex(1);
    const sections = sectionsWithHashes(device.sections);
    const hashes = Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, v!.hash])) as Record<InventorySectionName, string>;
    const added: SoftwareItem = { name: 'htop', version: '3.2.2-2', source: 'deb', arch: 'amd64', publisher: 'Debian', installDate: '2024-06-01' };
    const items = [...device.sections.software.items, added];
    const newOs = { ...device.sections.os, version: '12.7' };
    const delta: DeltaReport = {
      protocol: PROTOCOL_VERSION,
      reportId: randomUUID(),
      sequence: 2,
      collectedAt: new Date().toISOString(),
      agent: { version: '0.1.1', platform: 'linux', arch: 'x86_64' },
      kind: 'delta',
      baseStateHash: stateHash(hashes),
      sections: { os: { hash: sectionHash('os', newOs), data: newOs } },
      softwareDelta: { baseHash: hashes.software, hash: sectionHash('software', { items }), added: [added], removed: [], updated: [] },
    };
    const res = await t.app.inject({ method: 'POST', url: '/agent/v1/reports', headers: bearer(credential), payload: delta as unknown as object });
    assert.equal(res.statusCode, 202, res.body);
    await waitFor('the delta', async () => {
      const { rows } = await t.database.pool.query('select last_sequence from devices where id = $1', [deviceId]);
      return rows[0].last_sequence === 2 ? true : undefined;
    });

    const history = (await request('GET', `/devices/${deviceId}/history`)).json() as Page<{ id: number; at: string; kind: string; subject: string; oldValue: string | null; newValue: string | null }>;
    assert.deepEqual(history.items.map((i) => i.kind).sort(), ['os.changed', 'software.installed']);
    const installed = history.items.find((i) => i.kind === 'software.installed')!;
    assert.deepEqual({ subject: installed.subject, oldValue: installed.oldValue, newValue: installed.newValue }, { subject: 'htop', oldValue: null, newValue: '3.2.2-2' });
    assert.ok(history.items[0]!.id > history.items[1]!.id || history.items[0]!.at > history.items[1]!.at, 'newest first');
    const software = (await request('GET', `/devices/${deviceId}/history?kind=software`)).json() as Page<{ kind: string }>;
    assert.deepEqual(software.items.map((i) => i.kind), ['software.installed']);
    const exact = (await request('GET', `/devices/${deviceId}/history?kind=os.changed`)).json() as Page<{ kind: string }>;
    assert.deepEqual(exact.items.map((i) => i.kind), ['os.changed']);
    const paged = await allPages<{ id: number }>(`/devices/${deviceId}/history`, 1);
    assert.deepEqual(paged.map((i) => i.id), history.items.map((i) => i.id));
    const future = (await request('GET', `/devices/${deviceId}/history?since=${new Date(Date.now() + 60_000).toISOString()}`)).json() as Page<unknown>;
    assert.equal(future.items.length, 0);
    assert.deepEqual(await hostnames('q=software:htop'), ['srv-000001']);
  });

  test('metrics come raw for short ranges and as averages per bucket for longer ones', async () => {
    const { deviceId, credential } = byIndex(1);
    const rng = new Rng(42);
    const now = Date.now();
    const samples = Array.from({ length: 150 }, (_, i) => metricsSample(rng, new Date(now - (150 - i) * 60_000)));
    const res = await t.app.inject({
      method: 'POST',
      url: '/agent/v1/reports',
      headers: bearer(credential),
      payload: { protocol: PROTOCOL_VERSION, reportId: randomUUID(), sequence: 3, collectedAt: new Date().toISOString(), agent: { version: '0.1.1', platform: 'linux', arch: 'x86_64' }, kind: 'metrics', samples },
    });
    assert.equal(res.statusCode, 202, res.body);
    await waitFor('metrics', async () => {
      const { rows } = await t.database.pool.query('select count(*)::int as n from device_metrics where device_id = $1', [deviceId]);
      return rows[0].n === 150 ? true : undefined;
    });
    type Metrics = { bucket: string; from: string; to: string; points: Array<{ at: string; cpuPercent: number; rxBytes: number; processCount: number }> };
    const metrics = async (query: string): Promise<Metrics> => {
      const r = await request('GET', `/devices/${deviceId}/metrics?${query}`);
      assert.equal(r.statusCode, 200, r.body);
      return r.json();
    };

    const lastHour = await metrics(`from=${new Date(now - 3_600_000 + 1).toISOString()}&to=${new Date(now).toISOString()}`);
    assert.equal(lastHour.bucket, 'raw');
    assert.equal(lastHour.points.length, 59);
    assert.equal(lastHour.points[0]!.cpuPercent, samples[91]!.cpuPercent);

    const day = await metrics('');
    assert.equal(day.bucket, '5m');
    assert.ok(day.points.length >= 30 && day.points.length <= 31, `${day.points.length} five-minute buckets`);
    for (const p of day.points) assert.equal(new Date(p.at).getTime() % 300_000, 0);
    const firstBucket = samples.filter((s) => Math.floor(Date.parse(s.at) / 300_000) * 300_000 === Date.parse(day.points[0]!.at));
    const avg = firstBucket.reduce((sum, s) => sum + s.cpuPercent!, 0) / firstBucket.length;
    assert.ok(Math.abs(day.points[0]!.cpuPercent - avg) < 0.01);
    assert.equal(day.points[0]!.rxBytes, Math.max(...firstBucket.map((s) => s.network.rxBytes!)));

    const week = await metrics(`from=${new Date(now - 7 * 86_400_000).toISOString()}`);
    assert.equal(week.bucket, '1h');
    assert.ok(week.points.length >= 3 && week.points.length <= 4);
    const hourly = await metrics('bucket=1h');
    assert.equal(hourly.bucket, '1h');

    for (const [query, code] of [
      [`from=${new Date(now - 40 * 86_400_000).toISOString()}`, 'range_too_large'],
      [`from=${new Date(now - 3 * 86_400_000).toISOString()}&bucket=raw`, 'range_too_large'],
      [`from=${new Date(now).toISOString()}&to=${new Date(now - 1000).toISOString()}`, 'bad_request'],
      ['bucket=10m', 'validation_failed'],
    ] as const) {
      const r = await request('GET', `/devices/${deviceId}/metrics?${query}`);
      assert.equal(r.statusCode, 400, query);
      assert.equal(r.json().error.code, code, query);
    }
  });

  test('custom fields: define, set, filter, refuse unknown and invalid values', async () => {
    for (const field of [
      { key: 'location', label: 'Location', type: 'choice', choices: ['berlin', 'paris'] },
      { key: 'cost', label: 'Cost (EUR)', type: 'number' },
      { key: 'purchased', label: 'Purchased', type: 'date' },
      { key: 'asset_tag', label: 'Asset tag', type: 'text' },
    ]) {
      const res = await request('POST', '/custom-fields', field);
      assert.equal(res.statusCode, 201, res.body);
    }
    const defined = (await request('GET', '/custom-fields')).json().items as Array<{ key: string }>;
    assert.deepEqual(defined.map((d) => d.key), ['asset_tag', 'cost', 'location', 'purchased']);
    assert.equal((await request('POST', '/custom-fields', { key: 'cost', label: 'again', type: 'number' })).statusCode, 409);
    assert.equal((await request('POST', '/custom-fields', { key: 'Bad-Key', label: 'x', type: 'text' })).statusCode, 400);
    assert.equal((await request('POST', '/custom-fields', { key: 'room', label: 'Room', type: 'choice' })).statusCode, 400);
    assert.equal((await request('POST', '/custom-fields', { key: 'room', label: 'Room', type: 'text', choices: ['a'] })).statusCode, 400);

    const a = byIndex(3).deviceId;
    const b = byIndex(4).deviceId;
    const set = await request('PATCH', `/devices/${a}`, { customFields: { location: 'berlin', cost: 1200, purchased: '2024-02-29', asset_tag: 'A-001' } });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(set.json().customFields, { location: 'berlin', cost: 1200, purchased: '2024-02-29', asset_tag: 'A-001' });
    await request('PATCH', `/devices/${b}`, { customFields: { location: 'paris', cost: 80.5 } });
    // Values merge: keys not given keep theirs; null clears one.
    const merged = await request('PATCH', `/devices/${b}`, { customFields: { cost: null, asset_tag: 'B-7' } });
    assert.deepEqual(merged.json().customFields, { location: 'paris', asset_tag: 'B-7' });

    assert.deepEqual(await hostnames('cf.location=berlin'), ['WS-000003']);
    assert.deepEqual(await hostnames('cf.location=paris&platform=windows'), ['WS-000004']);
    assert.deepEqual(await hostnames('cf.cost=1200.0'), ['WS-000003']);
    assert.deepEqual(await hostnames('cf.asset_tag=B-7'), ['WS-000004']);

    for (const [query, code] of [
      ['cf.nope=1', 'unknown_custom_field'],
      ['cf.cost=cheap', 'invalid_custom_field'],
      ['cf.location=rome', 'invalid_custom_field'],
      ['cf.Bad=1', 'bad_request'],
    ]) {
      const r = await request('GET', `/devices?${query}`);
      assert.equal(r.statusCode, 400, query);
      assert.equal(r.json().error.code, code, query);
    }
    for (const [values, code] of [
      [{ nope: 'x' }, 'unknown_custom_field'],
      [{ cost: 'cheap' }, 'invalid_custom_field'],
      [{ location: 'rome' }, 'invalid_custom_field'],
      [{ purchased: '2023-02-29' }, 'invalid_custom_field'],
      [{ asset_tag: 5 }, 'invalid_custom_field'],
    ] as const) {
      const r = await request('PATCH', `/devices/${a}`, { customFields: values });
      assert.equal(r.statusCode, 400, JSON.stringify(values));
      assert.equal(r.json().error.code, code, JSON.stringify(values));
    }

    // A choice still in use cannot be dropped; the type never changes; deleting a field clears its values.
    const narrowed = await request('PATCH', '/custom-fields/location', { choices: ['paris'] });
    assert.equal(narrowed.statusCode, 409, narrowed.body);
    const widened = await request('PATCH', '/custom-fields/location', { label: 'Site', choices: ['berlin', 'paris', 'rome'] });
    assert.equal(widened.statusCode, 200, widened.body);
    assert.equal(widened.json().label, 'Site');
    assert.equal((await request('PATCH', '/custom-fields/location', { type: 'text' })).statusCode, 400);
    assert.equal((await request('PATCH', '/custom-fields/nothing', { label: 'x' })).statusCode, 404);
    assert.equal((await request('DELETE', '/custom-fields/asset_tag')).statusCode, 204);
    assert.deepEqual((await request('GET', `/devices/${b}`)).json().customFields, { location: 'paris' });
    assert.equal((await request('DELETE', '/custom-fields/asset_tag')).statusCode, 404);

    const csv = await request('GET', '/devices?format=csv&cf.location=berlin');
    const [header, row] = parseCsv(csv.body, { maxRecords: 10 }).map((r) => r.fields);
    assert.deepEqual(header!.slice(-3), ['cf.cost', 'cf.location', 'cf.purchased']);
    assert.deepEqual(row!.slice(-3), ['1200', 'berlin', '2024-02-29']);
  });

  test('devices without an agent: create, edit what an agent would report, refuse that on agent devices', async () => {
    const res = await request('POST', '/devices', { hostname: '  nas-03 ', serialNumber: 'NAS3', platform: 'Linux', tags: ['storage'], customFields: { location: 'rome' }, notes: 'rack 4' });
    assert.equal(res.statusCode, 201, res.body);
    const nas = res.json();
    assert.equal(nas.hostname, 'nas-03');
    assert.equal(nas.kind, 'manual');
    assert.equal(nas.status, 'active');
    assert.equal(nas.os.platform, 'linux');
    assert.equal(nas.notes, 'rack 4');
    assert.deepEqual(nas.customFields, { location: 'rome' });
    assert.deepEqual(nas.sections, {});

    const edited = await request('PATCH', `/devices/${nas.id}`, { hostname: 'nas-03b', model: 'DS920+', osName: 'DSM', osVersion: '7.2', displayName: 'Backup NAS' });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual([edited.json().hostname, edited.json().model, edited.json().os.name, edited.json().displayName], ['nas-03b', 'DS920+', 'DSM', 'Backup NAS']);
    assert.deepEqual(await hostnames('q=backup%20nas'), ['nas-03b']);

    const agent = await request('PATCH', `/devices/${byIndex(1).deviceId}`, { hostname: 'renamed' });
    assert.equal(agent.statusCode, 400);
    assert.equal(agent.json().error.code, 'reported_by_agent');
    assert.equal((await request('POST', '/devices', { hostname: 'x', customFields: { nope: 1 } })).statusCode, 400);
    assert.equal((await request('POST', '/devices', { hostname: '   ' })).statusCode, 400);
    assert.equal((await request('POST', '/devices', { hostname: 'x', tags: ['a,b'] })).statusCode, 400);
    assert.equal((await request('POST', '/devices', { hostname: 'x', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).statusCode, 400);
    assert.equal((await request('POST', '/devices', { hostname: 'x', notes: 'n'.repeat(4097) })).statusCode, 400);
  });

  test('CSV import: a good file imports every row', async () => {
    const csv = [
      'hostname,serialNumber,model,vendor,platform,osName,osVersion,tags,notes,cf.location,cf.cost',
      'printer-10,PRN10,"LaserJet 4000, rev B",HP,other,,,"office;printers","Floor 2, room ""Blue""",berlin,250',
      'switch-11,SW11,Catalyst 9300,Cisco,,,,network,,paris,',
      'nas-12,,DS920+,Synology,Linux,DSM,7.2,"storage,backup",,,',
      '',
    ].join('\r\n');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/devices/import', headers: { ...bearer(admin), 'content-type': 'text/csv' }, payload: csv });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json(), { imported: 3, created: 3, updated: 0 });
    const audit = await t.database.pool.query(`select details from audit_log where action = 'devices.import'`);
    assert.equal(audit.rows[0]?.details.imported, 3);
    const printer = (await list('q=printer-10')).items[0]!;
    assert.equal(printer.kind, 'manual');
    assert.deepEqual(printer.tags, ['office', 'printers']);
    assert.deepEqual(printer.customFields, { location: 'berlin', cost: 250 });
    const detail = (await request('GET', `/devices/${printer.id}`)).json();
    assert.equal(detail.model, 'LaserJet 4000, rev B');
    assert.equal(detail.notes, 'Floor 2, room "Blue"');
    const nas = (await list('q=nas-12')).items[0]!;
    assert.deepEqual([nas.os.platform, nas.os.name, nas.os.version, nas.serialNumber], ['linux', 'DSM', '7.2', null]);
    assert.deepEqual(nas.tags, ['storage', 'backup']);
  });

  test('CSV import: a file with bad rows is refused whole, listing them', async () => {
    const count = async () => (await t.database.pool.query(`select count(*)::int as n from devices where kind = 'manual'`)).rows[0].n as number;
    const before = await count();
    const post = (payload: string, contentType = 'text/csv') => t.app.inject({ method: 'POST', url: '/api/v1/devices/import', headers: { ...bearer(admin), 'content-type': contentType }, payload });
    const res = await post(['hostname,serialNumber,cf.location,cf.cost', 'ok-1,S1,berlin,1', ',S2,paris,2', 'ok-3,S3,madrid,3', 'ok-4,S4,berlin,abc', 'ok-5,S5'].join('\n'));
    assert.equal(res.statusCode, 400, res.body);
    const error = res.json().error;
    assert.equal(error.code, 'invalid_rows');
    assert.deepEqual(error.details.map((d: { row: number }) => d.row), [3, 4, 5, 6]);
    assert.match(error.details[0].message, /hostname is required/);
    assert.match(error.details[1].message, /location/);
    assert.match(error.details[2].message, /not a number/);
    assert.match(error.details[3].message, /2 fields, the header has 4/);
    assert.equal(await count(), before, 'nothing imported');

    for (const [payload, code] of [
      ['hostname,colour\nx,red', 'unknown_column'],
      ['hostname,cf.nope\nx,1', 'unknown_custom_field'],
      ['serialNumber\nS1', 'invalid_csv'],
      ['hostname\n"unclosed', 'invalid_csv'],
      ['', 'invalid_csv'],
      [`hostname\n${'h\n'.repeat(10_001)}`, 'too_many_rows'],
    ] as const) {
      const r = await post(payload);
      assert.equal(r.statusCode, 400, payload.slice(0, 40));
      assert.equal(r.json().error.code, code, payload.slice(0, 40));
    }
    assert.equal((await post('hostname\nx', 'text/plain')).statusCode, 415);
    const tooBig = await post(`hostname,notes\n${`x,${'n'.repeat(1000)}\n`.repeat(5300)}`);
    assert.equal(tooBig.statusCode, 413);
    assert.equal(await count(), before);
  });

  test('CSV import: importing again updates the same devices (by serial number, else hostname) and creates no duplicates', async () => {
    const post = (payload: string) => t.app.inject({ method: 'POST', url: '/api/v1/devices/import', headers: { ...bearer(admin), 'content-type': 'text/csv' }, payload });
    const first = await post(['hostname,serialNumber,model,cf.location', 'ups-20,UPS20,Smart-UPS 1500,berlin', 'ups-21,,Smart-UPS 750,paris'].join('\n'));
    assert.deepEqual(first.json(), { imported: 2, created: 2, updated: 0 });
    const ids = async () => (await list('q=ups-2')).items.map((d) => d.id).sort();
    const before = await ids();

    // Renamed by serial, matched by hostname without one; absent columns (model) are kept, an empty custom-field cell clears it.
    const again = await post(['hostname,serialNumber,cf.location', 'ups-20-renamed,ups20,rome', 'UPS-21,,', 'ups-22,UPS22,berlin'].join('\n'));
    assert.equal(again.statusCode, 201, again.body);
    assert.deepEqual(again.json(), { imported: 3, created: 1, updated: 2 });
    const after = (await list('q=ups-2')).items;
    assert.equal(after.length, 3);
    assert.deepEqual(before.every((id) => after.some((d) => d.id === id)), true, 'the first two kept their ids');
    const renamed = after.find((d) => d.serialNumber?.toLowerCase() === 'ups20')!;
    assert.deepEqual([renamed.hostname, renamed.serialNumber], ['ups-20-renamed', 'ups20'], 'the file\'s values are written');
    assert.equal(renamed.model, 'Smart-UPS 1500');
    assert.deepEqual(renamed.customFields, { location: 'rome' });
    const cleared = after.find((d) => d.hostname === 'UPS-21')!;
    assert.deepEqual(cleared.customFields, {});
    assert.equal(cleared.model, 'Smart-UPS 750');

    // Ambiguity is refused whole: two rows for one device, or a key that matches two devices.
    const twice = await post(['hostname,serialNumber', 'a,UPS22', 'b,ups22'].join('\n'));
    assert.equal(twice.statusCode, 400);
    assert.deepEqual(twice.json().error.details, [{ row: 3, message: 'has the same serial number ups22 as row 2' }]);
    await post(['hostname', 'twin'].join('\n'));
    await request('POST', '/devices', { hostname: 'twin' });
    const ambiguous = await post(['hostname,notes', 'twin,n'].join('\n'));
    assert.equal(ambiguous.statusCode, 400);
    assert.match(ambiguous.json().error.details[0].message, /hostname twin matches 2 existing devices/);
    assert.equal((await list('q=ups-2')).items.length, 3);
  });

  test('status: approve a pending device, retire and restore one', async () => {
    const approve = await request('PATCH', `/devices/${pending.deviceId}`, { status: 'active' });
    assert.equal(approve.statusCode, 200, approve.body);
    assert.equal(approve.json().status, 'active');
    const checkin = () => t.app.inject({ method: 'POST', url: '/agent/v1/checkin', headers: bearer(pending.credential), payload: { agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' } } });
    assert.equal((await checkin()).statusCode, 200);

    const retired = await request('PATCH', `/devices/${pending.deviceId}`, { status: 'retired' });
    assert.equal(retired.json().status, 'retired');
    assert.equal(retired.json().online, false);
    assert.deepEqual(await hostnames('status=retired'), ['srv-000007']);
    // Every server process drops the cached credential through the bus: the agent is refused at once.
    await waitFor('the retired credential to be refused', async () => ((await checkin()).statusCode === 403 ? true : undefined));
    assert.equal((await checkin()).json().error.code, 'device_retired');

    const restored = await request('PATCH', `/devices/${pending.deviceId}`, { status: 'active' });
    assert.equal(restored.json().status, 'active');
    await waitFor('the restored credential to work', async () => ((await checkin()).statusCode === 200 ? true : undefined));
    assert.equal((await request('PATCH', `/devices/${pending.deviceId}`, { status: 'pending' })).statusCode, 400);
  });

  test('delete forgets a device, its software counts and its credential', async () => {
    const { deviceId, credential } = byIndex(6);
    const counts = async () => (await t.database.pool.query(`select c.devices from software_counts c join software s on s.id = c.software_id where s.name = 'openssh-server'`)).rows.map((r) => r.devices as number);
    assert.deepEqual(await counts(), [2]);
    const res = await request('DELETE', `/devices/${deviceId}`);
    assert.equal(res.statusCode, 204);
    assert.equal((await request('GET', `/devices/${deviceId}`)).statusCode, 404);
    assert.equal((await request('DELETE', `/devices/${deviceId}`)).statusCode, 404);
    assert.deepEqual(await counts(), [1]);
    assert.deepEqual(await hostnames('q=software:openssh-server'), ['srv-000001']);
    const audit = await t.database.pool.query(`select actor_type, details from audit_log where action = 'devices.delete' and target_id = $1`, [deviceId]);
    assert.equal(audit.rows[0]?.actor_type, 'user');
    assert.deepEqual(audit.rows[0]?.details.before, { hostname: 'srv-000006', kind: 'agent' });
    const { rows } = await t.database.pool.query('select (select count(*) from device_sections where device_id = $1)::int as sections, (select count(*) from device_software where device_id = $1)::int as software', [deviceId]);
    assert.deepEqual(rows[0], { sections: 0, software: 0 });
    await waitFor('the credential to be refused', async () => {
      const checkin = await t.app.inject({ method: 'POST', url: '/agent/v1/checkin', headers: bearer(credential), payload: { agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' } } });
      return checkin.statusCode === 401 ? true : undefined;
    });
  });

  test('a viewer reads everything but changes nothing', async () => {
    const viewer = await userWithRole(t, admin, 'viewer');
    const id = byIndex(2).deviceId;
    for (const path of ['/devices', `/devices/${id}`, `/devices/${id}/software`, `/devices/${id}/history`, `/devices/${id}/metrics`, '/custom-fields', '/devices?format=csv']) {
      const res = await request('GET', path, undefined, viewer);
      assert.equal(res.statusCode, 200, `${path}: ${res.body}`);
    }
    for (const [method, path, body] of [
      ['PATCH', `/devices/${id}`, { notes: 'x' }],
      ['DELETE', `/devices/${id}`, undefined],
      ['POST', '/devices', { hostname: 'x' }],
      ['POST', '/custom-fields', { key: 'x', label: 'x', type: 'text' }],
      ['PATCH', '/custom-fields/cost', { label: 'x' }],
      ['DELETE', '/custom-fields/cost', undefined],
    ] as const) {
      const res = await request(method, path, body, viewer);
      assert.equal(res.statusCode, 403, `${method} ${path}`);
    }
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/devices/import', headers: { ...bearer(viewer), 'content-type': 'text/csv' }, payload: 'hostname\nx' });
    assert.equal(imported.statusCode, 403);
    assert.equal((await request('GET', `/devices/${id}`)).json().notes, null);
  });

  test('the OpenAPI document describes the routes with their permissions', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, { 'x-permission'?: string; summary?: string }>> };
    assert.equal(doc.paths['/api/v1/devices']?.get?.['x-permission'], 'devices:read');
    assert.equal(doc.paths['/api/v1/devices/{id}']?.patch?.['x-permission'], 'devices:write');
    assert.equal(doc.paths['/api/v1/devices/import']?.post?.['x-permission'], 'devices:write');
    assert.equal(doc.paths['/api/v1/custom-fields']?.post?.['x-permission'], 'org:write');
    assert.ok(doc.paths['/api/v1/devices/{id}/metrics']?.get?.summary);
  });
});
