import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseCsv } from '../assets/csv.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { simulatedDevice, type SimulatedDevice } from '../simulate/templates.js';
import { encodeCursor } from '../devices/cursor.js';
import { bearer, enrollFleet, otherOrganisation, userWithRole, type EnrolledDevice } from '../devices/test-fleet.js';

interface Title {
  name: string;
  source: string;
  publisher: string | null;
  versions: number;
  devices: number;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

describe('software API', () => {
  let t: TestApp;
  let admin: string;
  let fleet: EnrolledDevice[];
  const devices: SimulatedDevice[] = [0, 1, 2, 3, 4, 5].map((i) => simulatedDevice(i, { packages: 60 }));
  // Device 1 runs another version of bash than device 0: one title, two versions.
  const bash1 = devices[1]!.sections.software.items.find((i) => i.name === 'bash')!;
  bash1.version = '5.2.99-1';

  const get = async <T>(url: string, token = admin): Promise<T> => {
    const res = await t.app.inject({ url: `/api/v1${url}`, headers: bearer(token) });
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json() as T;
  };
  const allPages = async <T>(path: string, limit: number): Promise<T[]> => {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 500; pages++) {
      const sep = path.includes('?') ? '&' : '?';
      const page: Page<T> = await get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return items;
    }
    throw new Error('pagination does not end');
  };

  /** What the titles should be, computed from the reports themselves. */
  const expected = (): Map<string, { devices: number; versions: Set<string> }> => {
    const titles = new Map<string, { devices: number; versions: Set<string> }>();
    for (const device of devices) {
      for (const item of device.sections.software.items) {
        const key = `${item.name}\u0000${item.source}`;
        const title = titles.get(key) ?? { devices: 0, versions: new Set<string>() };
        title.devices++;
        title.versions.add(item.version);
        titles.set(key, title);
      }
    }
    return titles;
  };

  before(async () => {
    t = await createTestApp();
    admin = await t.login();
    fleet = await enrollFleet(t, admin, devices);
  });
  after(async () => t.close());

  test('titles are grouped by name and source, with counts matching the devices', async () => {
    const titles = await allPages<Title>('/software', 500);
    const want = expected();
    assert.equal(titles.length, want.size);
    for (const title of titles) {
      const w = want.get(`${title.name}\u0000${title.source}`);
      assert.ok(w, `unexpected title ${title.name}`);
      assert.equal(title.devices, w.devices, title.name);
      assert.equal(title.versions, w.versions.size, title.name);
      assert.ok(title.publisher);
    }
    const bash = titles.find((x) => x.name === 'bash')!;
    assert.deepEqual({ ...bash, publisher: null }, { name: 'bash', source: 'deb', publisher: null, versions: 2, devices: 2 });
  });

  test('titles sort by devices both ways and by name, and page without gaps', async () => {
    for (const sort of ['-devices', 'devices', 'name']) {
      const whole = (await get<Page<Title>>(`/software?sort=${sort}&limit=500`)).items;
      const paged = await allPages<Title>(`/software?sort=${sort}`, 13);
      assert.deepEqual(paged.map((x) => `${x.name}/${x.source}`), whole.map((x) => `${x.name}/${x.source}`), sort);
      for (let i = 1; i < whole.length; i++) {
        const [a, b] = [whole[i - 1]!, whole[i]!];
        const byName = a.name.toLowerCase() < b.name.toLowerCase() || (a.name.toLowerCase() === b.name.toLowerCase() && a.name <= b.name);
        if (sort === 'name') assert.ok(byName, `${sort} at ${i}`);
        else if (sort === 'devices') assert.ok(a.devices < b.devices || (a.devices === b.devices && byName), `${sort} at ${i}`);
        else assert.ok(a.devices > b.devices || (a.devices === b.devices && byName), `${sort} at ${i}`);
      }
    }
    const bad = await t.app.inject({ url: `/api/v1/software?sort=name&cursor=${encodeCursor('software:-devices', [1, 'a', 'deb'])}`, headers: bearer(admin) });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'invalid_cursor');
  });

  test('titles filter by name and source', async () => {
    const zip = (await get<Page<Title>>('/software?q=7-ZIP&limit=500')).items;
    assert.deepEqual(zip.map((x) => [x.name, x.source, x.devices])[0], ['7-Zip', 'registry', 3]);
    assert.ok(zip.every((x) => x.name.toLowerCase().includes('7-zip')));
    const want = [...expected().keys()].filter((k) => k.toLowerCase().includes('7-zip'));
    assert.equal(zip.length, want.length);
    const apps = (await get<Page<Title>>('/software?source=app&limit=500')).items;
    assert.ok(apps.length > 0 && apps.every((x) => x.source === 'app'));
    assert.deepEqual((await get<Page<Title>>('/software?q=%25')).items, []);
  });

  test('the versions of a title, each with its device count', async () => {
    const versions = (await get<{ items: Array<{ id: number; version: string; arch: string; devices: number }> }>('/software/versions?name=bash&source=deb')).items;
    const bash0 = devices[0]!.sections.software.items.find((i) => i.name === 'bash')!;
    assert.deepEqual(versions.map((v) => [v.version, v.arch, v.devices]).sort(), [[bash0.version, 'amd64', 1], ['5.2.99-1', 'amd64', 1]].sort());
    assert.deepEqual((await get<{ items: unknown[] }>('/software/versions?name=bash&source=msi')).items, []);
    assert.equal((await t.app.inject({ url: '/api/v1/software/versions', headers: bearer(admin) })).statusCode, 400);
  });

  test('the devices having a catalogue entry, as JSON pages and as CSV', async () => {
    const [zip] = (await get<{ items: Array<{ id: number; devices: number }> }>('/software/versions?name=7-Zip')).items;
    assert.ok(zip);
    const res = await get<{ software: { name: string; devices: number }; items: Array<{ id: string; hostname: string }>; nextCursor: string | null }>(`/software/${zip.id}/devices`);
    assert.equal(res.software.name, '7-Zip');
    assert.equal(res.software.devices, 3);
    assert.deepEqual(res.items.map((d) => d.hostname), ['WS-000002', 'WS-000003', 'WS-000004']);
    const paged = await allPages<{ id: string }>(`/software/${zip.id}/devices?sort=-hostname`, 1);
    assert.deepEqual(paged.map((d) => d.id), [...res.items].reverse().map((d) => d.id));

    const csv = await t.app.inject({ url: `/api/v1/software/${zip.id}/devices?format=csv`, headers: bearer(admin) });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const rows = parseCsv(csv.body, { maxRecords: 10 }).map((r) => r.fields);
    assert.deepEqual(rows.slice(1).map((r) => r[1]), ['WS-000002', 'WS-000003', 'WS-000004']);

    const publisher = (await get<Page<Title>>('/software?q=bash')).items[0]!.publisher!;
    const titles = await t.app.inject({ url: '/api/v1/software?format=csv&q=bash', headers: bearer(admin) });
    assert.deepEqual(parseCsv(titles.body, { maxRecords: 10 }).map((r) => r.fields), [['name', 'source', 'publisher', 'versions', 'devices'], ['bash', 'deb', publisher, '2', '2']]);
  });

  test("software only another organisation has is invisible, and its counts stay its own", async () => {
    const other = await otherOrganisation(t, 'other-software');
    const { rows } = await t.database.pool.query(`insert into software (source, name, version) values ('deb', 'secret-tool', '1.0') returning id`);
    const secretId = rows[0].id as number;
    const bashId = (await t.database.pool.query(`select id from software where name = 'bash' order by id limit 1`)).rows[0].id as number;
    await t.database.pool.query(`insert into software_counts (org_id, software_id, devices) values ($1, $2, 5), ($1, $3, 40)`, [other.orgId, secretId, bashId]);

    const notFound = await t.app.inject({ url: `/api/v1/software/${secretId}/devices`, headers: bearer(admin) });
    assert.equal(notFound.statusCode, 404);
    assert.equal((await t.app.inject({ url: '/api/v1/software/2000000000/devices', headers: bearer(admin) })).statusCode, 404);
    assert.deepEqual((await get<Page<Title>>('/software?q=secret-tool')).items, []);
    assert.equal((await get<Page<Title>>('/software?q=bash')).items[0]!.devices, 2);
    assert.deepEqual((await get<Page<Title>>('/software', other.token)).items.map((x) => [x.name, x.devices]).sort(), [['bash', 40], ['secret-tool', 5]]);
    // The other organisation has no device with bash, whatever its counts say.
    assert.deepEqual((await get<Page<unknown>>(`/software/${bashId}/devices`, other.token)).items, []);
  });

  test('a viewer may read software', async () => {
    const viewer = await userWithRole(t, admin, 'viewer');
    assert.ok((await get<Page<Title>>('/software', viewer)).items.length > 0);
    assert.equal(fleet.length, 6);
  });
});
