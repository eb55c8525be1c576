import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import client from 'prom-client';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/**
 * /healthz: the process is alive. /readyz: it can do its work (database and bus answer) and is
 * not shutting down — load balancers stop sending traffic when it says 503. /metrics: Prometheus.
 */
export const observabilityRoutes: FastifyPluginAsync<{ checks: ReadinessCheck[]; isShuttingDown: () => boolean; registry: client.Registry }> = async (
  app,
  { checks, isShuttingDown, registry },
) => {
  const httpDuration = new client.Histogram({
    name: 'muster_http_request_duration_seconds',
    help: 'HTTP request duration by route, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  // Label by route pattern, never by raw URL: ids in URLs would explode the series count.
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  const Status = Type.Object({ status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) });

  app.get('/healthz', { config: { public: true }, schema: { tags: ['operations'], summary: 'Liveness', response: { 200: Status } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { public: true }, schema: { tags: ['operations'], summary: 'Readiness: database and bus reachable', response: { 200: Status, 503: Status } } }, async (_req, reply) => {
    if (isShuttingDown()) return reply.status(503).send({ status: 'shutting_down' });
    const results: Record<string, string> = {};
    let ok = true;
    await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2s')), 2_000).unref())]);
          results[name] = 'ok';
        } catch (error) {
          ok = false;
          results[name] = (error as Error).message || 'failed';
        }
      }),
    );
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not_ready', checks: results });
  });

  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};
