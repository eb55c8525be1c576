import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireAuth } from '../auth/plugin.js';
import { errorResponses } from '../http/errors.js';
import { DateTime, NullableDateTime, Uuid } from '../http/schemas.js';
import { RoleSchema } from '../users/routes.js';
import { MAX_GRACE_SECONDS, type ApiKeysService } from './service.js';

const ApiKey = Type.Object(
  {
    id: Uuid(),
    name: Type.String(),
    role: RoleSchema,
    keyPrefix: Type.String({ description: 'First characters of the key, to recognise it. The key itself is shown once.' }),
    expiresAt: NullableDateTime(),
    createdBy: Type.Union([Uuid(), Type.Null()]),
    createdAt: DateTime(),
    lastUsedAt: NullableDateTime({ description: 'Updated at most once a minute.' }),
    rotatedAt: NullableDateTime(),
    previousExpiresAt: NullableDateTime({ description: 'Until when the key replaced by the last rotation keeps working.' }),
    revokedAt: NullableDateTime(),
  },
  { $id: 'ApiKey' },
);
const ApiKeyWithSecret = Type.Composite([ApiKey, Type.Object({ key: Type.String({ description: 'The secret (`mak_…`). Shown once; use as `Authorization: Bearer <key>`.' }) })]);
const Params = Type.Object({ id: Uuid() });

export const apiKeysRoutes: FastifyPluginAsync<{ apiKeys: ApiKeysService }> = async (app, { apiKeys }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api-keys',
    { config: { permission: 'apikeys:read' }, schema: { tags: ['api-keys'], summary: 'API keys of the organisation (never the secrets)', response: { 200: Type.Object({ items: Type.Array(ApiKey) }), ...errorResponses } } },
    async (req) => ({ items: await apiKeys.list(requireAuth(req).orgId) }),
  );

  r.get(
    '/api-keys/:id',
    { config: { permission: 'apikeys:read' }, schema: { tags: ['api-keys'], summary: 'One API key', params: Params, response: { 200: ApiKey, ...errorResponses } } },
    async (req) => apiKeys.get(requireAuth(req).orgId, req.params.id),
  );

  r.post(
    '/api-keys',
    {
      config: { permission: 'apikeys:write', audit: 'api_keys.create' },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the key is in this response only',
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 200 }),
          role: RoleSchema,
          expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'Default: never.' })),
        }),
        response: { 201: ApiKeyWithSecret, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await apiKeys.create(requireAuth(req), req.body)),
  );

  r.delete(
    '/api-keys/:id',
    { config: { permission: 'apikeys:write', audit: 'api_keys.revoke' }, schema: { tags: ['api-keys'], summary: 'Revoke an API key (and any previous key still in its grace period)', params: Params, response: { 200: ApiKey, ...errorResponses } } },
    async (req) => apiKeys.revoke(requireAuth(req).orgId, req.params.id),
  );

  r.post(
    '/api-keys/:id/rotate',
    {
      config: { permission: 'apikeys:write', audit: 'api_keys.rotate' },
      schema: {
        tags: ['api-keys'],
        summary: 'Issue a new secret; the old one keeps working for the grace period',
        params: Params,
        querystring: Type.Object({
          graceSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_GRACE_SECONDS, description: 'How long the old secret keeps working. Default 86400 (24 h); 0 stops it at once.' })),
        }),
        response: { 200: ApiKeyWithSecret, ...errorResponses },
      },
    },
    async (req) => apiKeys.rotate(requireAuth(req), req.params.id, req.query.graceSeconds),
  );
};
