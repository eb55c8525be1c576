import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import client from 'prom-client';
import type pino from 'pino';
import { authPlugin } from '../auth/plugin.js';
import { authRoutes } from '../auth/routes.js';
import { deviceCredentialRoutes } from '../auth/device-credential-routes.js';
import { apiKeysRoutes } from '../apikeys/routes.js';
import { auditHook } from '../audit/hook.js';
import { auditRoutes } from '../audit/routes.js';
import { orgsRoutes } from '../orgs/routes.js';
import { securityPlugin } from './security.js';
import type { Config } from '../config.js';
import type { Services } from '../services.js';
import { consoleRoutes, isApiPath } from './console.js';
import { errorHandler } from './errors.js';
import { validatorCompiler } from './validation.js';
import { observabilityRoutes, type ReadinessCheck } from './observability.js';
import { usersRoutes } from '../users/routes.js';
import { agentEnrollRoutes, enrollmentRoutes } from '../enrollment/routes.js';
import { agentRoutes } from '../inventory/agent-routes.js';
import { devicesRoutes } from '../devices/routes.js';
import { customFieldRoutes } from '../assets/routes.js';
import { softwareRoutes } from '../software/routes.js';
import { fleetRoutes } from '../fleet/routes.js';
import { accessTokenFromQuery, eventsRoutes } from '../events/routes.js';

export interface AppOptions {
  /**
   * The rate limits and CORS origins are optional so that test apps can leave them out: absent, a
   * limit is off (createTestApp drives hundreds of requests from one address and one device).
   * `muster serve` passes the whole Config, so production always has them.
   */
  config: Pick<Config, 'bodyLimitBytes' | 'trustProxy' | 'tlsCert' | 'tlsKey'> & Partial<Pick<Config, 'rateLimitIp' | 'rateLimitUser' | 'rateLimitDevice' | 'corsOrigins'>>;
  services: Services;
  logger: pino.Logger | false;
  checks: ReadinessCheck[];
  consoleDir?: string;
  isShuttingDown?: () => boolean;
}

/** Builds the HTTP application: shared infrastructure once, then one plugin per domain. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, services } = options;
  const https =
    config.tlsCert && config.tlsKey ? { https: { cert: fs.readFileSync(config.tlsCert), key: fs.readFileSync(config.tlsKey) } } : {};
  const app = Fastify({
    ...https,
    loggerInstance: options.logger || undefined,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler());
  app.setErrorHandler(errorHandler);
  // The API speaks JSON only: anything else is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(swagger, {
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Muster API', version: '1.0.0', description: 'Device inventory and fleet management. Errors are `{ "error": { "code", "message", "details"? } }`.' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT or API key' } } },
    },
  });
  // Security first: its per-address limit runs before authentication touches the database.
  await app.register(securityPlugin, {
    rateLimitIp: config.rateLimitIp ?? 0,
    rateLimitUser: config.rateLimitUser ?? 0,
    rateLimitDevice: config.rateLimitDevice ?? 0,
    corsOrigins: config.corsOrigins ?? [],
    tls: Boolean(config.tlsCert && config.tlsKey),
  });
  // Before auth: lets the live-events route (EventSource, no headers) pass its token in the URL.
  await app.register(accessTokenFromQuery);
  await app.register(authPlugin, { tokens: services.tokens, principals: services.principals, apiKeys: services.apiKeys });
  await app.register(auditHook, { audit: services.audit });
  // Disabled users, removed memberships and revoked keys must stop within seconds in every process.
  const authListener = await services.principals.listen(services.bus);
  app.addHook('onClose', async () => authListener.close());

  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'muster_' });
  await app.register(observabilityRoutes, { checks: options.checks, isShuttingDown: options.isShuttingDown ?? (() => false), registry });

  await app.register(
    async (api) => {
      await api.register(authRoutes, { auth: services.auth, store: services.authStore });
      await api.register(usersRoutes, { users: services.users });
      await api.register(orgsRoutes, { orgs: services.orgs });
      await api.register(apiKeysRoutes, { apiKeys: services.apiKeys });
      await api.register(auditRoutes, { audit: services.audit });
      await api.register(deviceCredentialRoutes, { credentials: services.deviceCredentials });
      await api.register(enrollmentRoutes, { enrollment: services.enrollment });
      await api.register(devicesRoutes, { devices: services.devices });
      await api.register(customFieldRoutes, { customFields: services.customFields });
      await api.register(softwareRoutes, { software: services.software, devices: services.devices });
      await api.register(fleetRoutes, { fleet: services.fleet });
      await api.register(eventsRoutes, { bus: services.bus, principals: services.principals });
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );
  await app.register(
    async (agent) => {
      await agent.register(agentEnrollRoutes, { enrollment: services.enrollment });
      await agent.register(agentRoutes, {
        db: services.db,
        bus: services.bus,
        deviceAuth: services.deviceAuth,
        lastSeen: services.lastSeen,
        settings: services.settings,
        credentials: services.deviceCredentials,
        bodyLimitBytes: config.bodyLimitBytes,
        log: (options.logger || app.log) as pino.Logger,
      });
    },
    { prefix: '/agent/v1' },
  );
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  const consoleDir = options.consoleDir ?? path.resolve(services.packageDir, '..', 'web', 'dist');
  await app.register(consoleRoutes, { root: consoleDir });

  const indexFile = path.join(consoleDir, 'index.html');
  const indexHtml = fs.existsSync(indexFile) ? fs.readFileSync(indexFile) : undefined;
  app.setNotFoundHandler(async (request, reply) => {
    const accept = request.headers.accept ?? '';
    if (indexHtml && request.method === 'GET' && !isApiPath(request.url) && accept.includes('text/html')) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    }
    return reply.status(404).send({ error: { code: 'not_found', message: `no route for ${request.method} ${request.url.split('?')[0]}` } });
  });

  return app as unknown as FastifyInstance;
}
