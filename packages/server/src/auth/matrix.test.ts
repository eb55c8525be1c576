/**
 * The authorization matrix, generated from the route table: every operation of the OpenAPI
 * document × every role (as a user and as an API key) × own organisation and another one.
 * Routes added later are covered without touching this file; a route whose path parameter names
 * a resource this file does not know is reported, not silently skipped.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Role } from '../db/schema.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { PLATFORM_ADMIN_PERMISSION } from './plugin.js';
import { PERMISSIONS, roleAllows, type Permission } from './permissions.js';
import { bootstrapOrgId, buildOrg, call, checkin, enrollDevice, expectStatus, PASSWORD, platformAdmin, ROLE_LIST, type Method, type OrgFixture } from './test-support.js';

type Schema = Record<string, unknown>;
interface Operation {
  method: Method;
  /** OpenAPI form: /api/v1/users/{id} */
  path: string;
  permission: string | undefined;
  public: boolean;
  userOnly: boolean;
  body: Schema | undefined;
  params: Array<{ name: string; in: string; required?: boolean; schema: Schema }>;
}

interface Principal {
  label: string;
  token: string;
  role: Role;
  kind: 'user' | 'api_key';
}

let components: Record<string, Schema> = {};

function resolve(schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const target = components[ref.replace('#/components/schemas/', '')];
    assert.ok(target, `unresolved ${ref}`);
    return resolve(target);
  }
  return schema;
}

/** A minimal value that satisfies a JSON schema: required properties only, smallest lengths. */
function sample(raw: Schema): unknown {
  const schema = resolve(raw);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const usable = (options as Schema[]).find((o) => resolve(o).type !== 'null') ?? (options[0] as Schema);
      return sample(usable);
    }
  }
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...(schema.allOf as Schema[]).map((s) => sample(s) as object));
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const name of (schema.required ?? []) as string[]) if (properties[name]) out[name] = sample(properties[name]);
      return out;
    }
    case 'array':
      return Array.from({ length: Number(schema.minItems ?? 0) }, () => sample((schema.items ?? {}) as Schema));
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string': {
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
      if (schema.format === 'email') return 'someone@example.test';
      if (typeof schema.pattern === 'string') {
        const pattern = new RegExp(schema.pattern);
        const found = ['000000', 'sample', 'sample_key', 'a', 'a1', 'abc', '1'].find((c) => pattern.test(c));
        if (found) return found;
      }
      return 'sample'.padEnd(Number(schema.minLength ?? 0), 'x');
    }
    default:
      return {};
  }
}

function operations(doc: { paths: Record<string, Record<string, Schema>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = ((op.requestBody as Schema | undefined)?.content ?? {}) as Record<string, { schema?: Schema }>;
      out.push({
        method: method.toUpperCase() as Method,
        path,
        permission: op['x-permission'] as string | undefined,
        public: op['x-public'] === true,
        userOnly: op['x-user-only'] === true,
        body: content['application/json']?.schema,
        params: ((op.parameters ?? []) as Operation['params']).map((p) => ({ ...p, schema: p.schema ?? {} })),
      });
    }
  }
  return out;
}

function expected(op: Operation, who: Principal): 'allowed' | 'forbidden' {
  if (op.permission === PLATFORM_ADMIN_PERMISSION) return 'forbidden';
  if (op.userOnly && who.kind === 'api_key') return 'forbidden';
  return roleAllows(who.role, op.permission as Permission) ? 'allowed' : 'forbidden';
}

function buildUrl(op: Operation, pathValues: Record<string, string>): string {
  let url = op.path;
  for (const p of op.params.filter((p) => p.in === 'path')) url = url.replace(`{${p.name}}`, encodeURIComponent(pathValues[p.name] ?? String(sample(p.schema))));
  const query = new URLSearchParams();
  for (const p of op.params.filter((p) => p.in === 'query' && p.required)) query.set(p.name, String(sample(p.schema)));
  return query.size ? `${url}?${query}` : url;
}

function send(t: TestApp, who: Principal, op: Operation, url: string) {
  return call(t, who.token, op.method, url, op.body ? sample(op.body) : undefined);
}

describe('authorization matrix', () => {
  let t: TestApp;
  let A: OrgFixture;
  let B: OrgFixture;
  let ops: Operation[];
  let principals: Principal[];
  /** Ids of org B's objects, by the first path segment of the routes that take them. */
  const bIds: Record<string, string> = {};
  let bDevice: { deviceId: string; credential: string };
  let bInvitationToken: string;

  before(async () => {
    t = await createTestApp({ workers: false });
    const platform = await platformAdmin(t);
    A = await buildOrg(t, platform, 'Org A', await bootstrapOrgId(t));
    B = await buildOrg(t, platform, 'Org B');
    principals = ROLE_LIST.flatMap((role) => [
      { label: `${role} user`, token: A.users[role].token, role, kind: 'user' as const },
      { label: `${role} API key`, token: A.keys[role].key, role, kind: 'api_key' as const },
    ]);
    const bAdmin = B.users.admin.token;
    bDevice = await enrollDevice(t, bAdmin, 'org-b-host');
    const bToken = (await call(t, bAdmin, 'POST', '/api/v1/enrollment-tokens', { name: 'b token' })).json();
    const invitation = (await call(t, bAdmin, 'POST', '/api/v1/users/invitations', { email: 'b-invitee@example.test', role: 'viewer' })).json();
    bInvitationToken = invitation.token;
    Object.assign(bIds, {
      users: B.users.viewer.id,
      'users/invitations': invitation.invitation.id,
      'api-keys': B.keys.viewer.id,
      'enrollment-tokens': bToken.id,
      devices: bDevice.deviceId,
      orgs: B.orgId,
    });
    const doc = (await call(t, undefined, 'GET', '/api/v1/openapi.json')).json();
    components = doc.components?.schemas ?? {};
    ops = operations(doc);
    // Custom fields (assets) are keyed by name per organisation: make one that only B has.
    if (ops.some((op) => op.path === '/api/v1/custom-fields' && op.method === 'POST')) {
      const created = await call(t, bAdmin, 'POST', '/api/v1/custom-fields', { key: 'b_only_field', label: 'B only', type: 'text' });
      if (created.statusCode === 201) bIds['custom-fields'] = 'b_only_field';
    }
  });
  after(async () => t.close());

  test('every operation declares a permission or says it is public, and the permissions exist', () => {
    assert.ok(ops.length >= 25, `only ${ops.length} operations`);
    for (const op of ops) {
      assert.ok(op.public || op.permission, `${op.method} ${op.path} declares nothing`);
      if (op.permission && op.permission !== PLATFORM_ADMIN_PERMISSION) assert.ok((PERMISSIONS as readonly string[]).includes(op.permission), `${op.method} ${op.path}: ${op.permission}`);
    }
  });

  test('own organisation: a role lacking the permission gets 403, one having it never 401 or 403', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const op of ops.filter((o) => !o.public)) {
      for (const who of principals) {
        const res = await send(t, who, op, buildUrl(op, {}));
        checked++;
        const want = expected(op, who);
        const ok = want === 'forbidden' ? res.statusCode === 403 : res.statusCode !== 401 && res.statusCode !== 403;
        if (!ok) failures.push(`${who.label} ${op.method} ${op.path}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${checked} combinations wrong`);
  });

  test('org B\'s ids from org A: 403 without the permission, 404 with it, for every route that takes an id', async () => {
    const failures: string[] = [];
    const uncovered = new Set<string>();
    for (const op of ops.filter((o) => !o.public && o.params.some((p) => p.in === 'path'))) {
      const resource = op.path.slice('/api/v1/'.length).split('/{')[0]!;
      const id = bIds[resource] ?? bIds[resource.split('/')[0]!];
      if (!id) {
        uncovered.add(`${op.method} ${op.path}`);
        continue;
      }
      const pathParams = op.params.filter((p) => p.in === 'path');
      const values = Object.fromEntries(pathParams.map((p) => [p.name, id]));
      for (const who of principals) {
        const res = await send(t, who, op, buildUrl(op, values));
        const want = expected(op, who) === 'forbidden' ? 403 : 404;
        if (res.statusCode !== want) failures.push(`${who.label} ${op.method} ${op.path} with B's id: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    assert.deepEqual(failures, []);
    // Routes whose resource this test cannot name an id of in org B (software catalogue ids are
    // global; inventory needs ingest): listed so that a new one is noticed.
    assert.deepEqual([...uncovered].filter((r) => !r.includes('/software/')), [], 'routes taking ids this matrix does not know');
  });

  test('nothing of org B shows up in any of org A\'s lists, and org B is untouched', async () => {
    const secrets = [B.users.viewer.email, B.users.admin.email, B.keys.viewer.id, bDevice.deviceId, bIds['enrollment-tokens']!, bIds['users/invitations']!, B.orgId, 'b-invitee@example.test', 'org-b-host'];
    for (const op of ops.filter((o) => o.method === 'GET' && !o.public && !o.params.some((p) => p.in === 'path'))) {
      const res = await call(t, A.users.admin.token, 'GET', buildUrl(op, {}));
      for (const s of secrets) assert.ok(!res.body.includes(s), `${op.path} shows org B's ${s}`);
    }
    const audit = await call(t, A.users.admin.token, 'GET', `/api/v1/audit?targetId=${B.users.viewer.id}`);
    expectStatus(audit, 200);
    assert.deepEqual(audit.json().items, [], 'audit filtered by a B id');

    // Whatever A tried, B still works exactly as before.
    expectStatus(await call(t, B.keys.viewer.key, 'GET', '/api/v1/auth/me'), 200, 'B key');
    expectStatus(await call(t, undefined, 'POST', '/api/v1/auth/login', { email: B.users.viewer.email, password: PASSWORD }), 200, 'B viewer logs in');
    const bUsers = (await call(t, B.users.admin.token, 'GET', '/api/v1/users')).json().items as Array<{ id: string; role: string; disabledAt: string | null }>;
    const viewer = bUsers.find((u) => u.id === B.users.viewer.id);
    assert.deepEqual([viewer?.role, viewer?.disabledAt], ['viewer', null]);
    expectStatus(await checkin(t, bDevice.credential), 200, 'B device');
    const tokens = (await call(t, B.users.admin.token, 'GET', '/api/v1/enrollment-tokens')).json().items as Array<{ id: string; revokedAt: string | null }>;
    assert.equal(tokens.find((x) => x.id === bIds['enrollment-tokens'])?.revokedAt, null);
    const keys = (await call(t, B.users.admin.token, 'GET', '/api/v1/api-keys')).json().items as Array<{ id: string; revokedAt: string | null; rotatedAt: string | null }>;
    assert.deepEqual(
      keys.filter((k) => k.revokedAt || k.rotatedAt),
      [],
      'no B key revoked or rotated',
    );
    const accepted = await call(t, undefined, 'POST', '/api/v1/auth/accept-invite', { token: bInvitationToken, password: PASSWORD });
    expectStatus(accepted, 200, 'B invitation still open');
    assert.equal(accepted.json().orgId, B.orgId);
  });
});
