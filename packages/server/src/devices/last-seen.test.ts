import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkin, enrollDevice, expectStatus, platformAdmin, sleep } from '../auth/test-support.js';
import { createTestApp, type TestApp } from '../testing/app.js';

/**
 * Check-ins write every device's last_seen_at about once a minute: at fleet scale the most frequent
 * write Muster makes. Those updates must stay heap-only (HOT): an index that covers last_seen_at
 * would make each of them write into every index of the devices table (migration 0007).
 */
describe('last seen', () => {
  let t: TestApp;
  let admin: string;

  before(async () => {
    t = await createTestApp({ workers: false });
    admin = await platformAdmin(t);
  });
  after(async () => t.close());

  const updates = async (): Promise<{ all: number; hot: number }> => {
    const { rows } = await t.database.pool.query<{ all: string; hot: string }>("select n_tup_upd as all, n_tup_hot_upd as hot from pg_stat_user_tables where relname = 'devices'");
    return { all: Number(rows[0]!.all), hot: Number(rows[0]!.hot) };
  };

  test('a check-in moves last_seen_at forward with a heap-only row update', async () => {
    const devices = [];
    for (let i = 0; i < 20; i++) devices.push(await enrollDevice(t, admin, `seen-${i}`));
    // Nothing has updated a device row yet (enrollment inserts them).
    const start = await updates();
    const before = new Map<string, number>();
    const { rows: initial } = await t.database.pool.query<{ id: string; last_seen_at: Date | null }>('select id, last_seen_at from devices');
    for (const r of initial) before.set(r.id, r.last_seen_at?.getTime() ?? 0);
    const rounds = 3;
    for (let round = 0; round < rounds; round++) {
      await sleep(5);
      // One flush per check-in: a real flush holds the ~1/30 of a fleet that checked in within 2 s,
      // rarely two rows of one page; here all twenty rows share a page or two.
      for (const d of devices) {
        expectStatus(await checkin(t, d.credential), 200);
        await t.services.lastSeen.flush();
      }
    }

    const expected = start.all + rounds * devices.length;
    let end = await updates();
    // Statistics reach the view up to ~10 s after the statements (PostgreSQL flushes them lazily).
    for (let i = 0; i < 120 && end.all < expected; i++) {
      await sleep(250);
      end = await updates();
    }
    assert.equal(end.all - start.all, rounds * devices.length, 'one row update per check-in');
    assert.equal(end.hot - start.hot, end.all - start.all, 'all of them heap-only');

    const { rows } = await t.database.pool.query<{ id: string; last_seen_at: Date }>('select id, last_seen_at from devices where id = any($1::uuid[])', [devices.map((d) => d.deviceId)]);
    for (const r of rows) assert.ok(r.last_seen_at.getTime() > (before.get(r.id) ?? 0), 'last seen moved forward');
  });
});
