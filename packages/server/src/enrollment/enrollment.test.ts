import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, checkin, expectStatus, platformAdmin, secondProcess } from '../auth/test-support.js';
import { createTestApp, type TestApp } from '../testing/app.js';

const AGENT = { version: '0.1.0', platform: 'linux', arch: 'x86_64' };

describe('enrollment', () => {
  let t: TestApp;
  let admin: string;

  const newToken = async (body: Record<string, unknown> = {}): Promise<string> => {
    const res = await call(t, admin, 'POST', '/api/v1/enrollment-tokens', body);
    expectStatus(res, 201, 'enrollment token');
    return res.json().token;
  };
  const enroll = (token: string, machine: Record<string, unknown>) =>
    call(t, undefined, 'POST', '/agent/v1/enroll', { token, agent: AGENT, os: { name: 'Debian GNU/Linux', version: '12' }, ...machine });
  const device = async (id: string) => {
    const res = await call(t, admin, 'GET', `/api/v1/devices/${id}`);
    expectStatus(res, 200, 'device');
    return res.json();
  };

  before(async () => {
    t = await createTestApp();
    admin = await platformAdmin(t);
  });
  after(async () => t.close());

  test('a machine that enrolls again keeps its device record; its old credential stops working at once, in every process', async () => {
    const token = await newToken();
    const first = await enroll(token, { hostname: 'reinstalled', machineId: 'machine-reinstalled' });
    expectStatus(first, 201, 'first enrollment');
    const other = await secondProcess(t);
    try {
      // Both processes have the first credential cached.
      expectStatus(await checkin(t, first.json().credential), 200, 'check-in');
      expectStatus(await other.app.inject({ method: 'POST', url: '/agent/v1/checkin', headers: { authorization: `Bearer ${first.json().credential}` }, payload: { agent: AGENT } }), 200, 'other process');

      const again = await enroll(token, { hostname: 'reinstalled-2', machineId: 'machine-reinstalled' });
      expectStatus(again, 201, 'second enrollment');
      assert.equal(again.json().deviceId, first.json().deviceId, 'the same device record');
      assert.notEqual(again.json().credential, first.json().credential);
      expectStatus(await checkin(t, first.json().credential), 401, 'old credential here');
      expectStatus(await checkin(t, again.json().credential), 200, 'new credential');
      let status = 0;
      for (let i = 0; i < 50 && status !== 401; i++) {
        status = (await other.app.inject({ method: 'POST', url: '/agent/v1/checkin', headers: { authorization: `Bearer ${first.json().credential}` }, payload: { agent: AGENT } })).statusCode;
        if (status !== 401) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(status, 401, 'old credential in the other process');
    } finally {
      await other.close();
    }
    assert.equal((await device(first.json().deviceId)).hostname, 'reinstalled-2');
  });

  test('without a machine id, the hardware UUID with the serial number finds the machine; another serial is another machine', async () => {
    const token = await newToken();
    const a = await enroll(token, { hostname: 'hw-a', hardwareUuid: 'uuid-1', serialNumber: 'SN-1' });
    const b = await enroll(token, { hostname: 'hw-b', hardwareUuid: 'uuid-1', serialNumber: 'SN-1' });
    const c = await enroll(token, { hostname: 'hw-c', hardwareUuid: 'uuid-1', serialNumber: 'SN-2' });
    assert.equal(b.json().deviceId, a.json().deviceId);
    assert.notEqual(c.json().deviceId, a.json().deviceId);
  });

  test('a retired device that enrolls again comes back with the token status', async () => {
    const token = await newToken({ requiresApproval: true });
    const first = await enroll(token, { hostname: 'returning', machineId: 'machine-returning' });
    assert.equal(first.json().status, 'pending');
    const id = first.json().deviceId;
    expectStatus(await call(t, admin, 'PATCH', `/api/v1/devices/${id}`, { status: 'retired' }), 200, 'retire');
    expectStatus(await checkin(t, first.json().credential), 403, 'retired device');
    const again = await enroll(token, { hostname: 'returning', machineId: 'machine-returning' });
    expectStatus(again, 201);
    assert.equal(again.json().status, 'pending');
    assert.equal((await device(id)).status, 'pending');
  });

  test('an approved device that enrolls again stays approved', async () => {
    const token = await newToken({ requiresApproval: true });
    const first = await enroll(token, { hostname: 'approved', machineId: 'machine-approved' });
    const id = first.json().deviceId;
    expectStatus(await call(t, admin, 'PATCH', `/api/v1/devices/${id}`, { status: 'active' }), 200, 'approve');
    const again = await enroll(token, { hostname: 'approved', machineId: 'machine-approved' });
    assert.equal(again.json().status, 'active');
  });

  test('agents racing for the last uses of a token: exactly as many win as it has uses', async () => {
    const token = await newToken({ maxUses: 5 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => enroll(token, { hostname: `racer-${i}`, machineId: `racer-${i}` })));
    const won = results.filter((r) => r.statusCode === 201);
    assert.equal(won.length, 5);
    for (const lost of results.filter((r) => r.statusCode !== 201)) assert.equal(lost.json().error.code, 'enrollment_token_used_up');
    const tokens = (await call(t, admin, 'GET', '/api/v1/enrollment-tokens')).json().items as Array<{ maxUses: number | null; uses: number }>;
    assert.equal(tokens.find((x) => x.maxUses === 5)?.uses, 5);
  });

  test('each enrollment is in the audit log with the device as actor and target, the token redacted', async () => {
    const token = await newToken();
    const first = await enroll(token, { hostname: 'audited', machineId: 'machine-audited' });
    await enroll(token, { hostname: 'audited', machineId: 'machine-audited' });
    const res = await call(t, admin, 'GET', `/api/v1/audit?action=devices.enroll&targetId=${first.json().deviceId}`);
    const items = res.json().items as Array<{ actorType: string; actorId: string; targetType: string; details: { body: Record<string, unknown>; reenrolled: boolean; requestId: string } }>;
    assert.deepEqual(
      items.map((e) => [e.actorType, e.actorId, e.targetType, e.details.reenrolled, e.details.body.token, e.details.body.hostname]),
      [
        ['device', first.json().deviceId, 'devices', true, '[redacted]', 'audited'],
        ['device', first.json().deviceId, 'devices', false, '[redacted]', 'audited'],
      ],
    );
    assert.ok(items.every((e) => typeof e.details.requestId === 'string'));
  });

  test('an unusable token enrolls nothing and says why', async () => {
    const before = (await call(t, admin, 'GET', '/api/v1/devices?limit=500')).json().items.length;
    const res = await enroll('met_not-a-token', { hostname: 'nobody' });
    expectStatus(res, 401);
    assert.equal(res.json().error.code, 'enrollment_token_unknown');
    assert.equal((await call(t, admin, 'GET', '/api/v1/devices?limit=500')).json().items.length, before);
  });
});
