import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../http/errors.js';
import { Uuid } from '../http/schemas.js';
import { requireAuth, requireUser } from './plugin.js';
import type { AuthService, ClientInfo } from './service.js';
import type { AuthStore } from './store.js';
import { LoginLockedError } from './throttle.js';

const Session = Type.Object(
  {
    accessToken: Type.String(),
    refreshToken: Type.String(),
    expiresIn: Type.Integer({ description: 'Seconds until the access token expires.' }),
    tokenType: Type.Literal('Bearer'),
    orgId: Type.String({ format: 'uuid' }),
    userId: Type.String({ format: 'uuid' }),
    role: Type.String(),
  },
  { $id: 'Session' },
);

const RefreshBody = Type.Object({ refreshToken: Type.String({ minLength: 10, maxLength: 200 }) });
const TotpCode = Type.String({ pattern: '^[0-9]{6}$', description: 'The 6-digit code the authenticator app shows now.' });

function client(req: FastifyRequest): ClientInfo {
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
}

/** A locked login answers 429 with Retry-After, like any other rate limit. */
async function withRetryAfter<T>(reply: FastifyReply, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof LoginLockedError) reply.header('retry-after', String(error.retryAfterSeconds));
    throw error;
  }
}

export const authRoutes: FastifyPluginAsync<{ auth: AuthService; store: AuthStore }> = async (app, { auth, store }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/auth/login',
    {
      config: { public: true, audit: 'auth.login' },
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail and password (and the two-factor code when enabled)',
        description:
          'Repeated failures lock the account (5 failures) and the client address (20): 429 `login_locked` with Retry-After, 1 minute doubling up to 30. ' +
          'With two-factor enabled and no `totpCode`, the answer is 401 `totp_required`.',
        body: Type.Object({
          email: Type.String({ minLength: 3, maxLength: 254 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
          orgId: Type.Optional(Type.String({ format: 'uuid' })),
          totpCode: Type.Optional(Type.String({ maxLength: 10 })),
        }),
        response: { 200: Session, ...errorResponses },
      },
    },
    async (req, reply) => {
      const session = await withRetryAfter(reply, auth.login(req.body, client(req)));
      req.auditDetails = { orgId: session.orgId, actorType: 'user', actorId: session.userId, targetType: 'users', targetId: session.userId };
      return session;
    },
  );

  r.post(
    '/auth/refresh',
    {
      // Not audited: a rotation every 15 minutes per open console is mechanics, not a decision;
      // refresh_tokens keeps the chain, and reuse detection ends it.
      config: { public: true, audit: false },
      schema: { tags: ['auth'], summary: 'Exchange a refresh token for a new session (the old token is spent)', body: RefreshBody, response: { 200: Session, ...errorResponses } },
    },
    async (req) => auth.refresh(req.body.refreshToken, client(req)),
  );

  r.post(
    '/auth/logout',
    {
      config: { public: true, audit: 'auth.logout' },
      schema: { tags: ['auth'], summary: 'End the login session: its refresh tokens, and its access tokens within seconds', body: RefreshBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      const owner = await auth.logout(req.body.refreshToken);
      req.auditDetails = owner ? { orgId: owner.orgId, actorType: 'user', actorId: owner.userId, targetType: 'users', targetId: owner.userId } : { noChange: true };
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
            kind: Type.Union([Type.Literal('user'), Type.Literal('api_key')]),
            userId: Type.String(),
            apiKeyId: Type.Optional(Type.String()),
            orgId: Type.String(),
            role: Type.String(),
            platformAdmin: Type.Boolean(),
            organizations: Type.Array(Type.Object({ orgId: Type.String(), orgName: Type.String(), role: Type.String() }), { description: 'The organisations a user may switch to (empty for API keys).' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const me = requireAuth(req);
      if (me.kind === 'api_key') return { kind: me.kind, userId: me.userId, apiKeyId: me.keyId, orgId: me.orgId, role: me.role, platformAdmin: false, organizations: [] };
      return { kind: me.kind, userId: me.userId, orgId: me.orgId, role: me.role, platformAdmin: me.platformAdmin, organizations: await store.memberships(me.userId) };
    },
  );

  r.post(
    '/auth/switch-org',
    {
      config: { permission: 'org:read', userOnly: true, audit: 'auth.switch_org' },
      schema: {
        tags: ['auth'],
        summary: 'A new session in another organisation the caller belongs to',
        body: Type.Object({ orgId: Uuid() }),
        response: { 200: Session, ...errorResponses },
      },
    },
    async (req) => {
      const caller = requireUser(req);
      const session = await auth.switchOrg(caller, req.body.orgId, client(req));
      // Logged where the session now is: that organisation's admins see who came in.
      req.auditDetails = { orgId: session.orgId, targetType: 'orgs', targetId: session.orgId, from: caller.orgId };
      return session;
    },
  );

  r.post(
    '/auth/password',
    {
      config: { permission: 'org:read', userOnly: true, audit: 'auth.change_password' },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password; your other sessions end',
        body: Type.Object({ current: Type.String({ minLength: 1, maxLength: 256 }), new: Type.String({ minLength: 1, maxLength: 256 }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const caller = requireUser(req);
      await withRetryAfter(reply, auth.changePassword(caller, req.body.current, req.body.new, client(req)));
      req.auditDetails = { targetType: 'users', targetId: caller.userId };
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/auth/accept-invite',
    {
      config: { public: true, audit: 'auth.accept_invite' },
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation: create the account with a password and log in',
        body: Type.Object({
          token: Type.String({ minLength: 10, maxLength: 200 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
          displayName: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 200: Session, ...errorResponses },
      },
    },
    async (req) => {
      const session = await auth.acceptInvite(req.body.token, req.body.password, req.body.displayName, client(req));
      req.auditDetails = { orgId: session.orgId, actorType: 'user', actorId: session.userId, targetType: 'users', targetId: session.userId };
      return session;
    },
  );

  r.post(
    '/auth/totp/setup',
    {
      config: { permission: 'org:read', userOnly: true, audit: 'auth.totp_setup' },
      schema: {
        tags: ['auth'],
        summary: 'Start two-factor enrolment: a new secret (shown this once) for an authenticator app',
        response: {
          200: Type.Object({
            secret: Type.String({ description: 'Base32 secret, for typing in.' }),
            otpauthUrl: Type.String({ description: 'otpauth:// URL, for a QR code.' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const caller = requireUser(req);
      req.auditDetails = { targetType: 'users', targetId: caller.userId };
      return auth.totpSetup(caller);
    },
  );

  r.post(
    '/auth/totp/enable',
    {
      config: { permission: 'org:read', userOnly: true, audit: 'auth.totp_enable' },
      schema: { tags: ['auth'], summary: 'Confirm enrolment with a current code: logins need a code from now on', body: Type.Object({ code: TotpCode }), response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      const caller = requireUser(req);
      await auth.totpEnable(caller, req.body.code);
      req.auditDetails = { targetType: 'users', targetId: caller.userId };
      return reply.status(204).send(null);
    },
  );

  r.delete(
    '/auth/totp',
    {
      config: { permission: 'org:read', userOnly: true, audit: 'auth.totp_disable' },
      schema: { tags: ['auth'], summary: 'Turn two-factor authentication off (needs a current code)', body: Type.Object({ code: TotpCode }), response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      const caller = requireUser(req);
      await auth.totpDisable(caller, req.body.code);
      req.auditDetails = { targetType: 'users', targetId: caller.userId };
      return reply.status(204).send(null);
    },
  );
};
