import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, SETTINGS } from './config.js';

test('defaults give embedded mode on port 8080', () => {
  const config = loadConfig({});
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.natsUrl, undefined);
  assert.equal(config.port, 8080);
  assert.equal(config.host, '0.0.0.0');
  assert.ok(path.isAbsolute(config.dataDir));
});

test('each bad value is a ConfigError naming its setting', () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ MUSTER_PORT: '70000' }, 'MUSTER_PORT'],
    [{ MUSTER_PORT: '-1' }, 'MUSTER_PORT'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://h/db' }, 'DATABASE_URL'],
    [{ NATS_URL: 'http://h:4222' }, 'NATS_URL'],
    [{ NATS_URL: 'nats://ok:4222, ://' }, 'NATS_URL'],
    [{ MUSTER_JWT_SECRET: 'short' }, 'MUSTER_JWT_SECRET'],
    [{ MUSTER_ADMIN_PASSWORD: 'short' }, 'MUSTER_ADMIN_PASSWORD'],
    [{ MUSTER_TLS_KEY: '/k.pem' }, 'MUSTER_TLS_CERT'],
    [{ MUSTER_DB_POOL_SIZE: '0' }, 'MUSTER_DB_POOL_SIZE'],
    [{ MUSTER_TRUST_PROXY: 'maybe' }, 'MUSTER_TRUST_PROXY'],
  ];
  for (const [env, setting] of cases) {
    assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && error.setting === setting && error.message.startsWith(`${setting}: `), JSON.stringify(env));
  }
});

test('NATS_URL accepts several servers and bare host:port', () => {
  assert.equal(loadConfig({ NATS_URL: 'nats://a:4222,b:4222' }).natsUrl, 'nats://a:4222,b:4222');
});

test('the README documents every setting, and only those', () => {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('### External PostgreSQL'));
  const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(documented, SETTINGS.map((s) => s.name));
});
