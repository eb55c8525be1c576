import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../http/errors.js';
import { requireAuth } from './plugin.js';
import type { AuthService } from './service.js';
import type { AuthStore } from './store.js';

const Session = Type.Object(
  {
    accessToken: Type.String(),
    refreshToken: Type.String(),
    expiresIn: Type.Integer({ description: 'Seconds until the access token expires.' }),
    tokenType: Type.Literal('Bearer'),
    orgId: Type.String({ format: 'uuid' }),
    role: Type.String(),
  },
  { $id: 'Session' },
);

const RefreshBody = Type.Object({ refreshToken: Type.String({ minLength: 10, maxLength: 200 }) });

export const authRoutes: FastifyPluginAsync<{ auth: AuthService; store: AuthStore }> = async (app, { auth, store }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const client = (req: { ip: string; headers: Record<string, unknown> }) => ({ ip: req.ip ?? null, userAgent: (req.headers['user-agent'] as string | undefined) ?? null });

  r.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail and password',
        body: Type.Object({
          email: Type.String({ minLength: 3, maxLength: 254 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
          orgId: Type.Optional(Type.String({ format: 'uuid' })),
        }),
        response: { 200: Session, ...errorResponses },
      },
    },
    async (req) => auth.login(req.body.email, req.body.password, req.body.orgId, client(req)),
  );

  r.post(
    '/auth/refresh',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Exchange a refresh token for a new session (the old token is spent)', body: RefreshBody, response: { 200: Session, ...errorResponses } },
    },
    async (req) => auth.refresh(req.body.refreshToken, client(req)),
  );

  r.post(
    '/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Revoke a refresh token and every token rotated from it', body: RefreshBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await auth.logout(req.body.refreshToken);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/auth/me',
    {
      config: { permission: 'org:read' },
      schema: {
        tags: ['auth'],
        summary: 'Who the caller is, in which organisation, with which role',
        response: {
          200: Type.Object({
            userId: Type.String(),
            orgId: Type.String(),
            role: Type.String(),
            organizations: Type.Array(Type.Object({ orgId: Type.String(), orgName: Type.String(), role: Type.String() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const me = requireAuth(req);
      return { userId: me.userId, orgId: me.orgId, role: me.role, organizations: await store.memberships(me.userId) };
    },
  );
};
