import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.js';
import { call, checkin, enrollDevice, expectStatus, PASSWORD, platformAdmin, secondProcess, session, sleep } from './test-support.js';

describe('device credentials: rotation and revocation', () => {
  let t: TestApp;
  let admin: string;

  before(async () => {
    t = await createTestApp({ workers: false });
    admin = await platformAdmin(t);
  });
  after(async () => t.close());

  test('rotation: the next check-in carries a new credential; the old one works until the new one is used', async () => {
    const device = await enrollDevice(t, admin, 'rotating-host');
    const other = await secondProcess(t);
    try {
      const otherCheckin = (credential: string) =>
        other.app.inject({ method: 'POST', url: '/agent/v1/checkin', headers: { authorization: `Bearer ${credential}` }, payload: { agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' } } });
      assert.equal((await checkin(t, device.credential)).json().newCredential, undefined, 'nothing to rotate yet');
      expectStatus(await otherCheckin(device.credential), 200, 'warm the other process');

      expectStatus(await call(t, admin, 'POST', `/api/v1/devices/${device.deviceId}/credential/rotate`), 202);
      const first = await checkin(t, device.credential);
      expectStatus(first, 200);
      const fresh = first.json().newCredential as string;
      assert.match(fresh, /^mdc_/);
      assert.notEqual(fresh, device.credential);

      // Both work until the agent uses the new one: a report in flight with the old one is not lost.
      expectStatus(await checkin(t, device.credential), 200, 'old, during the rotation');
      expectStatus(await otherCheckin(device.credential), 200, 'old, elsewhere');
      // (The old one presented again means the agent may never have seen the new one: it gets another.)
      const reissued = (await checkin(t, device.credential)).json().newCredential as string;
      assert.ok(reissued && reissued !== fresh);
      expectStatus(await checkin(t, fresh), 401, 'the credential of a lost response is replaced');

      const used = await checkin(t, reissued);
      expectStatus(used, 200, 'new');
      assert.equal(used.json().newCredential, undefined);
      expectStatus(await checkin(t, device.credential), 401, 'old, once the new one was used');
      await sleep(200);
      expectStatus(await otherCheckin(device.credential), 401, 'old, elsewhere too');
      expectStatus(await otherCheckin(reissued), 200, 'new, elsewhere');
    } finally {
      await other.close();
    }
  });

  test('revocation is immediate in every process', async () => {
    const device = await enrollDevice(t, admin, 'revoked-host');
    const other = await secondProcess(t);
    try {
      const report = (app: typeof t.app) =>
        app.inject({ method: 'POST', url: '/agent/v1/checkin', headers: { authorization: `Bearer ${device.credential}` }, payload: { agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' } } });
      expectStatus(await report(t.app), 200);
      expectStatus(await report(other.app), 200, 'cached in the other process');
      expectStatus(await call(t, admin, 'POST', `/api/v1/devices/${device.deviceId}/credential/revoke`), 200);
      expectStatus(await report(t.app), 401, 'here, at once');
      const started = Date.now();
      let status = 200;
      while (status === 200 && Date.now() - started < 2_000) {
        status = (await report(other.app)).statusCode;
        if (status === 200) await sleep(10);
      }
      assert.equal(status, 401, 'elsewhere, through the bus');
      assert.ok(Date.now() - started < 2_000);
      const { rows } = await t.database.pool.query('select credential_hash, previous_credential_hash from devices where id = $1', [device.deviceId]);
      assert.deepEqual(rows[0], { credential_hash: null, previous_credential_hash: null });
      const rotate = await call(t, admin, 'POST', `/api/v1/devices/${device.deviceId}/credential/rotate`);
      expectStatus(rotate, 409, 'nothing left to rotate');
      // Enrolling again brings it back.
      const again = await call(t, undefined, 'POST', '/agent/v1/enroll', {
        token: (await call(t, admin, 'POST', '/api/v1/enrollment-tokens', {})).json().token,
        agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' },
        hostname: 'revoked-host',
        machineId: 'revoked-host-machine-id',
        os: { name: 'Debian GNU/Linux', version: '12' },
      });
      expectStatus(again, 201);
      assert.equal(again.json().deviceId, device.deviceId, 'same device record');
    } finally {
      await other.close();
    }
  });

  test('a gap in the bus notifications clears the credential cache: what changed meanwhile is seen at once', async (ctx) => {
    if (t.bus.kind !== 'postgres') return ctx.skip('the PostgreSQL bus: its LISTEN connection can be cut from here');
    const device = await enrollDevice(t, admin, 'gap-host');
    expectStatus(await checkin(t, device.credential), 200, 'cached');
    // Revoked with no announcement, as if the notification had been lost: the cache still trusts it.
    await t.database.pool.query('update devices set credential_hash = null where id = $1', [device.deviceId]);
    expectStatus(await checkin(t, device.credential), 200, 'still cached');
    // The LISTEN connection dies (the cache's wiring to a gap is the same on NATS, whose own gap
    // detection the bus contract test proves).
    await t.database.pool.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'listen %'");
    let status = 200;
    for (let i = 0; i < 100 && status === 200; i++) {
      status = (await checkin(t, device.credential)).statusCode;
      if (status === 200) await sleep(50);
    }
    assert.equal(status, 401);
  });

  test('operators rotate and revoke; viewers may not', async () => {
    const device = await enrollDevice(t, admin, 'perm-host');
    for (const role of ['operator', 'viewer'] as const) {
      const email = `${role}-cred@example.test`;
      expectStatus(await call(t, admin, 'POST', '/api/v1/users', { email, password: PASSWORD, role }), 201);
      const token = (await session(t, email, PASSWORD)).accessToken;
      expectStatus(await call(t, token, 'POST', `/api/v1/devices/${device.deviceId}/credential/rotate`), role === 'operator' ? 202 : 403, role);
    }
    expectStatus(await call(t, admin, 'POST', '/api/v1/devices/00000000-0000-4000-8000-000000000000/credential/revoke'), 404);
  });
});
