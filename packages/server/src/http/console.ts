import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * Serves the web console's built files and answers unknown non-API paths with index.html, so that
 * the single-page app's own routes survive a reload.
 */
export const consoleRoutes: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html').send('<!doctype html><title>Muster</title><p>The console is not built. Run <code>npm run build</code> and restart.</p>'),
    );
    return;
  }
  await app.register(fastifyStatic, { root, prefix: '/', index: ['index.html'], wildcard: false, maxAge: '1h', immutable: false });
  // Hashed asset names never change content: let browsers keep them.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
  });
};

export function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/agent/') || url === '/metrics' || url === '/healthz' || url === '/readyz';
}
