import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EnrollRequest, EnrollResponse } from '@muster/protocol';
import { redactedBody } from '../audit/redact.js';
import { requireAuth } from '../auth/plugin.js';
import { errorResponses } from '../http/errors.js';
import { DateTime, NullableDateTime, Uuid } from '../http/schemas.js';
import type { EnrollmentService } from './service.js';

const Token = Type.Object(
  {
    id: Uuid(),
    name: Type.String(),
    tokenPrefix: Type.String({ description: 'First characters of the token, to recognise it.' }),
    expiresAt: NullableDateTime(),
    maxUses: Type.Union([Type.Integer(), Type.Null()]),
    uses: Type.Integer(),
    requiresApproval: Type.Boolean(),
    revokedAt: NullableDateTime(),
    createdAt: DateTime(),
  },
  { $id: 'EnrollmentToken' },
);

export const enrollmentRoutes: FastifyPluginAsync<{ enrollment: EnrollmentService }> = async (app, { enrollment }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/enrollment-tokens',
    { config: { permission: 'enrollment:read' }, schema: { tags: ['enrollment'], summary: 'Enrollment tokens of the organisation (never the secrets)', response: { 200: Type.Object({ items: Type.Array(Token) }), ...errorResponses } } },
    async (req) => ({ items: await enrollment.list(requireAuth(req).orgId) }),
  );

  r.post(
    '/enrollment-tokens',
    {
      config: { permission: 'enrollment:write' },
      schema: {
        tags: ['enrollment'],
        summary: 'Create an enrollment token; the token is in this response only',
        body: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 200 })),
          expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'Default: 7 days from now.' })),
          maxUses: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
          requiresApproval: Type.Optional(Type.Boolean({ description: 'Devices enrolled with it wait as pending until approved.' })),
        }),
        response: { 201: Type.Composite([Token, Type.Object({ token: Type.String({ description: 'The secret. Shown once.' }) })]), ...errorResponses },
      },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      return reply.status(201).send(await enrollment.createToken(auth.orgId, auth.userId, req.body));
    },
  );

  r.delete(
    '/enrollment-tokens/:id',
    {
      config: { permission: 'enrollment:write' },
      schema: { tags: ['enrollment'], summary: 'Revoke an enrollment token', params: Type.Object({ id: Uuid() }), response: { 200: Token, ...errorResponses } },
    },
    async (req) => enrollment.revoke(requireAuth(req).orgId, req.params.id),
  );
};

export const agentEnrollRoutes: FastifyPluginAsync<{ enrollment: EnrollmentService }> = async (app, { enrollment }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/enroll',
    {
      config: { device: true },
      bodyLimit: 64 * 1024,
      schema: { tags: ['agent'], summary: 'Exchange an enrollment token for a device credential', body: EnrollRequest, response: { 201: EnrollResponse, ...errorResponses } },
    },
    async (req, reply) => {
      // The audit row is written in the enrollment's own statement (the hook audits /api only).
      const { orgId: _orgId, ...enrolled } = await enrollment.enroll(req.body, { ip: req.ip ?? null, details: { requestId: req.id, body: redactedBody(req.body) } });
      return reply.status(201).send(enrolled);
    },
  );
};
