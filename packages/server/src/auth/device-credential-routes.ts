import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../http/errors.js';
import { Uuid } from '../http/schemas.js';
import type { DeviceCredentials } from './device-credentials.js';
import { requireAuth } from './plugin.js';

const Params = Type.Object({ id: Uuid() });

export const deviceCredentialRoutes: FastifyPluginAsync<{ credentials: DeviceCredentials }> = async (app, { credentials }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/devices/:id/credential/rotate',
    {
      config: { permission: 'devices:write', audit: 'devices.credential.rotate' },
      schema: {
        tags: ['devices'],
        summary: 'Rotate the device credential: the next check-in returns a new one; the old one works until the agent first uses it',
        params: Params,
        response: { 202: Type.Object({ deviceId: Uuid(), rotationRequested: Type.Literal(true) }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(202).send(await credentials.requestRotation(requireAuth(req).orgId, req.params.id)),
  );

  r.post(
    '/devices/:id/credential/revoke',
    {
      config: { permission: 'devices:write', audit: 'devices.credential.revoke' },
      schema: {
        tags: ['devices'],
        summary: 'Revoke the device credential at once, in every server process; the device must enroll again',
        params: Params,
        response: { 200: Type.Object({ deviceId: Uuid(), revoked: Type.Literal(true) }), ...errorResponses },
      },
    },
    async (req) => credentials.revoke(requireAuth(req).orgId, req.params.id),
  );
};
