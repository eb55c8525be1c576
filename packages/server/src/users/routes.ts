import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireAuth } from '../auth/plugin.js';
import { errorResponses } from '../http/errors.js';
import { DateTime, NullableDateTime, Uuid } from '../http/schemas.js';
import type { UsersService } from './service.js';

export const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('operator'), Type.Literal('viewer'), Type.Literal('auditor')]);
const User = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.Union([Type.String(), Type.Null()]),
    role: RoleSchema,
    disabledAt: NullableDateTime({ description: 'Set when the user is disabled in this organisation.' }),
    totpEnabled: Type.Boolean({ description: 'Two-factor authentication is on.' }),
    lastLoginAt: NullableDateTime(),
    createdAt: DateTime(),
  },
  { $id: 'User' },
);
const Invitation = Type.Object(
  {
    id: Uuid(),
    email: Type.String(),
    role: RoleSchema,
    invitedBy: Type.Union([Uuid(), Type.Null()]),
    expiresAt: DateTime(),
    acceptedAt: NullableDateTime(),
    revokedAt: NullableDateTime(),
    createdAt: DateTime(),
  },
  { $id: 'Invitation' },
);
const Params = Type.Object({ id: Uuid() });

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

  r.get(
    '/users/:id',
    { config: { permission: 'users:read' }, schema: { tags: ['users'], summary: 'One user of the organisation', params: Params, response: { 200: User, ...errorResponses } } },
    async (req) => users.get(requireAuth(req).orgId, req.params.id),
  );

  r.post(
    '/users',
    {
      config: { permission: 'users:write', audit: 'users.create' },
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

  r.patch(
    '/users/:id',
    {
      config: { permission: 'users:write', audit: 'users.change_role' },
      schema: {
        tags: ['users'],
        summary: 'Change a member\'s role (an organisation always keeps an enabled admin)',
        params: Params,
        body: Type.Object({ role: RoleSchema }),
        response: { 200: User, ...errorResponses },
      },
    },
    async (req) => {
      const { before, after } = await users.changeRole(requireAuth(req).orgId, req.params.id, req.body.role);
      req.auditDetails = { before: { role: before.role }, after: { role: after.role } };
      return after;
    },
  );

  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    r.post(
      `/users/:id/${action}`,
      {
        config: { permission: 'users:write', audit: `users.${action}` },
        schema: {
          tags: ['users'],
          summary: disabled ? 'Disable a user in this organisation: their sessions end within seconds' : 'Enable a disabled user again',
          params: Params,
          response: { 200: User, ...errorResponses },
        },
      },
      async (req) => {
        const { before, after } = await users.setDisabled(requireAuth(req).orgId, req.params.id, disabled);
        req.auditDetails = { before: { disabledAt: before.disabledAt }, after: { disabledAt: after.disabledAt } };
        return after;
      },
    );
  }

  r.delete(
    '/users/:id',
    {
      config: { permission: 'users:write', audit: 'users.remove' },
      schema: {
        tags: ['users'],
        summary: 'Remove a user from this organisation (the account is deleted when it belongs nowhere else)',
        params: Params,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { before, accountDeleted } = await users.remove(requireAuth(req).orgId, req.params.id);
      req.auditDetails = { before: { email: before.email, role: before.role }, accountDeleted };
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/users/:id/password',
    {
      config: { permission: 'users:write', audit: 'users.reset_password' },
      schema: {
        tags: ['users'],
        summary: 'Set a user\'s password (ends all their sessions); refused for accounts shared with other organisations',
        params: Params,
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 256 }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await users.adminResetPassword(requireAuth(req), req.params.id, req.body.password);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/users/invitations',
    { config: { permission: 'users:read' }, schema: { tags: ['users'], summary: 'Invitations of the organisation (never the tokens)', response: { 200: Type.Object({ items: Type.Array(Invitation) }), ...errorResponses } } },
    async (req) => ({ items: await users.listInvitations(requireAuth(req).orgId) }),
  );

  r.post(
    '/users/invitations',
    {
      config: { permission: 'users:write', audit: 'users.invite' },
      schema: {
        tags: ['users'],
        summary: 'Add an existing account to the organisation, or invite an e-mail address with a one-time link (valid 72 h)',
        body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }), role: RoleSchema }),
        response: {
          201: Type.Object({
            status: Type.Union([Type.Literal('added'), Type.Literal('invited')]),
            user: Type.Optional(User),
            invitation: Type.Optional(Invitation),
            token: Type.Optional(Type.String({ description: 'The invitation secret, for POST /auth/accept-invite. Shown once.' })),
            acceptPath: Type.Optional(Type.String({ description: 'Console path to send the person (the token is after #, so it never reaches a server log).' })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const result = await users.invite(requireAuth(req), req.body);
      req.auditDetails = result.status === 'added' ? { targetType: 'users', targetId: result.user.id, result: 'added' } : { targetType: 'invitations', targetId: result.invitation.id, result: 'invited' };
      return reply.status(201).send(result);
    },
  );

  r.delete(
    '/users/invitations/:id',
    {
      config: { permission: 'users:write', audit: 'users.invitation_revoke' },
      schema: { tags: ['users'], summary: 'Revoke an invitation', params: Params, response: { 200: Invitation, ...errorResponses } },
    },
    async (req) => users.revokeInvitation(requireAuth(req).orgId, req.params.id),
  );
};
