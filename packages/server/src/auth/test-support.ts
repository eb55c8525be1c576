/**
 * Helpers for the identity and security tests (not a test file itself): acting as a caller,
 * building organisations with one member per role, enrolling devices.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import type { Role } from '../db/schema.js';
import { buildApp, type AppOptions } from '../http/app.js';
import { buildServices, type Services } from '../services.js';
import { TEST_ADMIN, type TestApp } from '../testing/app.js';

/** The signing secret createTestApp uses (testing/app.ts): a second process must share it. */
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Caller {
  /** Bearer value: an access token or an API key. */
  token: string;
  label: string;
}

export function call(t: TestApp, caller: string | undefined, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    ...(payload !== undefined ? { payload: payload as object } : {}),
    headers: { ...(caller ? { authorization: `Bearer ${caller}` } : {}), ...headers },
  });
}

export function expectStatus(res: LightMyRequestResponse, status: number, what = ''): void {
  assert.equal(res.statusCode, status, `${what} ${res.statusCode}: ${res.body}`);
}

export async function session(t: TestApp, email: string, password: string, extra: Record<string, unknown> = {}): Promise<{ accessToken: string; refreshToken: string; orgId: string; userId: string }> {
  const res = await call(t, undefined, 'POST', '/api/v1/auth/login', { email, password, ...extra });
  expectStatus(res, 200, `login ${email}`);
  return res.json();
}

export const PASSWORD = 'Tenant-walls 2024 hold';
export const ROLE_LIST: Role[] = ['admin', 'operator', 'viewer', 'auditor'];

export interface OrgFixture {
  orgId: string;
  /** Access tokens per role (the admin here is not a platform administrator). */
  users: Record<Role, { id: string; email: string; token: string }>;
  /** API keys per role, created by the admin. */
  keys: Record<Role, { id: string; key: string }>;
}

/**
 * An organisation with one user per role and one API key per role. `platformToken` belongs to a
 * platform administrator; the organisation is created through POST /orgs unless `orgId` is given
 * (the bootstrap organisation).
 */
export async function buildOrg(t: TestApp, platformToken: string, name: string, orgId?: string): Promise<OrgFixture> {
  let id = orgId;
  let token = platformToken;
  if (!id) {
    const created = await call(t, platformToken, 'POST', '/api/v1/orgs', { name });
    expectStatus(created, 201, 'create org');
    id = created.json().id as string;
    const switched = await call(t, platformToken, 'POST', '/api/v1/auth/switch-org', { orgId: id });
    expectStatus(switched, 200, 'switch org');
    token = switched.json().accessToken as string;
  }
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const users = {} as OrgFixture['users'];
  for (const role of ROLE_LIST) {
    const email = `${role}@${slug}.test`;
    const res = await call(t, token, 'POST', '/api/v1/users', { email, password: PASSWORD, role });
    expectStatus(res, 201, `create ${email}`);
    users[role] = { id: res.json().id, email, token: (await session(t, email, PASSWORD, { orgId: id })).accessToken };
  }
  const keys = {} as OrgFixture['keys'];
  for (const role of ROLE_LIST) {
    const res = await call(t, users.admin.token, 'POST', '/api/v1/api-keys', { name: `${role} key`, role });
    expectStatus(res, 201, `create ${role} key`);
    keys[role] = { id: res.json().id, key: res.json().key };
  }
  return { orgId: id, users, keys };
}

export async function bootstrapOrgId(t: TestApp): Promise<string> {
  const { rows } = await t.database.pool.query<{ id: string }>(`select id from organizations where slug = 'default'`);
  return rows[0]!.id;
}

export async function platformAdmin(t: TestApp): Promise<string> {
  return (await session(t, TEST_ADMIN.email, TEST_ADMIN.password)).accessToken;
}

export async function enrollDevice(t: TestApp, adminToken: string, hostname: string): Promise<{ deviceId: string; credential: string; enrollmentTokenId: string; enrollmentToken: string }> {
  const created = await call(t, adminToken, 'POST', '/api/v1/enrollment-tokens', { name: hostname });
  expectStatus(created, 201, 'enrollment token');
  const enrolled = await call(t, undefined, 'POST', '/agent/v1/enroll', {
    token: created.json().token,
    agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' },
    hostname,
    machineId: `${hostname}-machine-id`,
    os: { name: 'Debian GNU/Linux', version: '12' },
  });
  expectStatus(enrolled, 201, 'enroll');
  return { deviceId: enrolled.json().deviceId, credential: enrolled.json().credential, enrollmentTokenId: created.json().id, enrollmentToken: created.json().token };
}

export function checkin(t: TestApp, credential: string): Promise<LightMyRequestResponse> {
  return call(t, credential, 'POST', '/agent/v1/checkin', { agent: { version: '0.1.0', platform: 'linux', arch: 'x86_64' } });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A second server process in miniature: its own services (caches) and app over the same database
 * and bus, to prove that a change made through one process takes effect in the other.
 */
export async function secondProcess(t: TestApp, config: Partial<AppOptions['config']> = {}, logger: pino.Logger | false = false): Promise<{ app: FastifyInstance; services: Services; close(): Promise<void> }> {
  const services = buildServices({ db: t.database.db, systemDb: t.database.systemDb, bus: t.bus, jwtSecret: TEST_JWT_SECRET, log: pino({ level: 'silent' }) });
  await services.deviceAuth.listen(t.bus);
  const app = await buildApp({
    config: { bodyLimitBytes: 1024 * 1024, trustProxy: false, tlsCert: undefined, tlsKey: undefined, ...config },
    services,
    logger,
    checks: [],
  });
  await app.ready();
  return {
    app,
    services,
    async close() {
      await app.close();
    },
  };
}
