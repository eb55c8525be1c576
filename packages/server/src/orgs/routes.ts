import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../auth/plugin.js';
import { errorResponses } from '../http/errors.js';
import { DateTime, Uuid } from '../http/schemas.js';
import type { OrgsService } from './service.js';

const Org = Type.Object(
  { id: Uuid(), name: Type.String(), slug: Type.String(), createdAt: DateTime(), members: Type.Integer() },
  { $id: 'Organization' },
);
const Params = Type.Object({ id: Uuid() });

/** Platform administration: every route here is `platformAdmin` (never API keys, never org admins). */
export const orgsRoutes: FastifyPluginAsync<{ orgs: OrgsService }> = async (app, { orgs }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/orgs',
    { config: { platformAdmin: true }, schema: { tags: ['organisations'], summary: 'Every organisation', response: { 200: Type.Object({ items: Type.Array(Org) }), ...errorResponses } } },
    async () => ({ items: await orgs.list() }),
  );

  r.get(
    '/orgs/:id',
    { config: { platformAdmin: true }, schema: { tags: ['organisations'], summary: 'One organisation', params: Params, response: { 200: Org, ...errorResponses } } },
    async (req) => orgs.get(req.params.id),
  );

  r.post(
    '/orgs',
    {
      config: { platformAdmin: true, audit: 'orgs.create' },
      schema: {
        tags: ['organisations'],
        summary: 'Create an organisation; the caller becomes its first admin',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), slug: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })) }),
        response: { 201: Org, ...errorResponses },
      },
    },
    async (req, reply) => {
      const org = await orgs.create(requireUser(req), req.body);
      // The row belongs in the new organisation's log, where its admins will look.
      req.auditDetails = { orgId: org.id, targetType: 'orgs', targetId: org.id };
      return reply.status(201).send(org);
    },
  );

  r.patch(
    '/orgs/:id',
    {
      config: { platformAdmin: true, audit: 'orgs.rename' },
      schema: { tags: ['organisations'], summary: 'Rename an organisation', params: Params, body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }), response: { 200: Org, ...errorResponses } },
    },
    async (req) => {
      const { before, after } = await orgs.rename(req.params.id, req.body.name);
      req.auditDetails = { orgId: after.id, before: { name: before.name }, after: { name: after.name } };
      return after;
    },
  );
};
