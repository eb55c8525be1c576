import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireAuth } from '../auth/plugin.js';
import { errorResponses } from '../http/errors.js';
import { DateTime, NullableDateTime } from '../http/schemas.js';
import type { UsersService } from './service.js';

const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('operator'), Type.Literal('viewer'), Type.Literal('auditor')]);
const User = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.Union([Type.String(), Type.Null()]),
    role: RoleSchema,
    disabledAt: NullableDateTime(),
    createdAt: DateTime(),
  },
  { $id: 'User' },
);

export const usersRoutes: FastifyPluginAsync<{ users: UsersService }> = async (app, { users }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/users',
    {
      config: { permission: 'users:read' },
      schema: { tags: ['users'], summary: 'Users of the caller\'s organisation', response: { 200: Type.Object({ items: Type.Array(User) }), ...errorResponses } },
    },
    async (req) => ({ items: await users.list(requireAuth(req).orgId) }),
  );

  r.post(
    '/users',
    {
      config: { permission: 'users:write' },
      schema: {
        tags: ['users'],
        summary: 'Create a user in the caller\'s organisation',
        body: Type.Object({
          email: Type.String({ minLength: 3, maxLength: 254 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
          role: RoleSchema,
          displayName: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 201: User, ...errorResponses },
      },
    },
    async (req, reply) => {
      const user = await users.create(requireAuth(req).orgId, req.body);
      return reply.status(201).send(user);
    },
  );
};
