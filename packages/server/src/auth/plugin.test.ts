import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { authPlugin, type ApiKeyAuthenticator } from './plugin.js';
import { PrincipalCache } from './principals.js';
import type { AuthStore } from './store.js';
import { AccessTokens } from './tokens.js';

/** The plugin with stand-ins: these tests never authenticate anyone, they only register routes. */
async function appWithPlugin() {
  const app = Fastify();
  const principals = new PrincipalCache({} as AuthStore);
  const apiKeys: ApiKeyAuthenticator = { authenticate: async () => assert.fail('not called') };
  await app.register(authPlugin, { tokens: new AccessTokens('plugin-test-secret-long-enough-0123456789'), principals, apiKeys });
  return app;
}

test('a /api/v1 route that declares no permission stops the server from starting', async () => {
  const app = await appWithPlugin();
  await assert.rejects(async () => {
    await app.register(
      async (api) => {
        api.get('/forgotten', async () => ({ leaked: true }));
      },
      { prefix: '/api/v1' },
    );
    await app.ready();
  }, /GET \/api\/v1\/forgotten declares neither a permission, platformAdmin nor public/);
});

test('declared routes start, and an undeclared one outside /api/v1 is not the plugin\'s business', async () => {
  const app = await appWithPlugin();
  await app.register(
    async (api) => {
      api.get('/fine', { config: { permission: 'devices:read' } }, async () => ({}));
      api.get('/open', { config: { public: true } }, async () => ({ ok: true }));
      api.get('/platform', { config: { platformAdmin: true } }, async () => ({}));
    },
    { prefix: '/api/v1' },
  );
  app.get('/healthz-like', async () => ({ ok: true }));
  await app.ready();
  assert.equal((await app.inject('/api/v1/open')).statusCode, 200);
  assert.equal((await app.inject('/api/v1/fine')).statusCode, 401);
  assert.equal((await app.inject('/api/v1/platform')).statusCode, 401);
  await app.close();
});
