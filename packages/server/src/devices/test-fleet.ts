import assert from 'node:assert/strict';
import { hashPassword } from '../auth/passwords.js';
import type { TestApp } from '../testing/app.js';
import { fullReport, type SimulatedDevice } from '../simulate/templates.js';

/**
 * Test helpers for the device API: a small fleet brought in through the real agent path (enroll
 * with a token, then a full report through the bus and the ingest worker), and a second
 * organisation to prove isolation. Not a test file itself.
 */

export interface EnrolledDevice {
  device: SimulatedDevice;
  deviceId: string;
  credential: string;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** Enrolls each device and sends its full report; returns once ingest applied every report. */
export async function enrollFleet(t: TestApp, admin: string, devices: SimulatedDevice[], options: { requiresApproval?: boolean; report?: boolean } = {}): Promise<EnrolledDevice[]> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/enrollment-tokens',
    headers: bearer(admin),
    payload: { name: 'test fleet', maxUses: devices.length, requiresApproval: options.requiresApproval ?? false },
  });
  assert.equal(created.statusCode, 201, created.body);
  const token = (created.json() as { token: string }).token;
  const enrolled: EnrolledDevice[] = [];
  for (const device of devices) {
    const { os } = device.sections;
    const res = await t.app.inject({
      method: 'POST',
      url: '/agent/v1/enroll',
      payload: {
        token,
        agent: { version: '0.1.0', platform: device.platform, arch: os.arch },
        hostname: device.hostname,
        hardwareUuid: device.hardwareUuid,
        machineId: device.machineId,
        serialNumber: device.serialNumber,
        os: { name: os.name, version: os.version },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const { deviceId, credential } = res.json() as { deviceId: string; credential: string };
    enrolled.push({ device, deviceId, credential });
  }
  if (options.report === false) return enrolled;
  for (const e of enrolled) {
    const res = await t.app.inject({ method: 'POST', url: '/agent/v1/reports', headers: bearer(e.credential), payload: fullReport(e.device, 1) as unknown as object });
    assert.equal(res.statusCode, 202, res.body);
  }
  const ids = enrolled.map((e) => e.deviceId);
  await waitFor('ingest to apply the full reports', async () => {
    const { rows } = await t.database.pool.query('select count(*)::int as n from devices where id = any($1) and last_sequence >= 1', [ids]);
    return rows[0].n === ids.length ? true : undefined;
  });
  await t.services.lastSeen.flush();
  return enrolled;
}

/** A second organisation with an admin of its own, made directly in SQL; returns its access token. */
export async function otherOrganisation(t: TestApp, slug: string): Promise<{ orgId: string; token: string }> {
  const email = `admin@${slug}.test`;
  const password = 'another correct horse battery';
  const org = await t.database.pool.query(`insert into organizations (name, slug) values ($1, $1) returning id`, [slug]);
  const orgId = org.rows[0].id as string;
  const user = await t.database.pool.query(`insert into users (email, password_hash) values ($1, $2) returning id`, [email, await hashPassword(password)]);
  await t.database.pool.query(`insert into memberships (org_id, user_id, role) values ($1, $2, 'admin')`, [orgId, user.rows[0].id]);
  return { orgId, token: await t.login(email, password) };
}

/** A user of the default organisation with the given role; returns an access token. */
export async function userWithRole(t: TestApp, admin: string, role: 'viewer' | 'operator' | 'auditor'): Promise<string> {
  const email = `${role}@example.test`;
  const password = 'a password that is long enough';
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(admin), payload: { email, password, role } });
  assert.equal(res.statusCode, 201, res.body);
  return t.login(email, password);
}
