import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { runInOrg } from '../db/tenant-scope.js';
import type { Role } from '../db/schema.js';
import { forbidden, unauthorized, ApiError } from '../http/errors.js';
import { roleAllows, type Permission } from './permissions.js';
import type { PrincipalCache } from './principals.js';
import { TokenError, type AccessTokens } from './tokens.js';

export interface UserAuth {
  kind: 'user';
  userId: string;
  orgId: string;
  /** The current role (looked up per request), not the one in the token. */
  role: Role;
  platformAdmin: boolean;
  /** The login session (refresh-token family) the access token belongs to. */
  familyId: string;
}

export interface ApiKeyAuth {
  kind: 'api_key';
  keyId: string;
  /** The user who created the key: it acts on their behalf and never with more than their role. */
  userId: string;
  orgId: string;
  role: Role;
}

export type AuthContext = UserAuth | ApiKeyAuth;

/** Checks an API key secret (`mak_…`); throws a 401 ApiError when it is not valid. */
export interface ApiKeyAuthenticator {
  authenticate(secret: string): Promise<ApiKeyAuth>;
}

export const API_KEY_PREFIX = 'mak_';
/** What the OpenAPI document says a platform-administrator route needs. */
export const PLATFORM_ADMIN_PERMISSION = 'platform:admin';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | undefined;
    /** The caller's organisation scope, re-entered after the body is read (see below). */
    orgScope: AsyncResource | undefined;
  }
  interface FastifyContextConfig {
    /** The permission this route needs; checked before the body is even read. */
    permission?: Permission;
    /** No authentication (login, health). Every /api/v1 route sets this, `permission` or `platformAdmin`. */
    public?: boolean;
    /** Agent routes: authenticated by the device credential in their own plugin. */
    device?: boolean;
    /** Only platform administrators (users.is_platform_admin), never API keys: managing organisations. */
    platformAdmin?: boolean;
    /** People only, not API keys: the caller's own password, two-factor, switching organisation. */
    userOnly?: boolean;
  }
}

export interface AuthPluginOptions {
  tokens: AccessTokens;
  principals: PrincipalCache;
  apiKeys: ApiKeyAuthenticator;
}

/**
 * One mechanism for every route: a route under /api/v1 declares a permission (or says it is
 * public, or for platform administrators) in its config, or the server refuses to start. The
 * check runs in onRequest, before the body is parsed, so an anonymous caller cannot make us read
 * a large body.
 */
export const authPlugin = fp<AuthPluginOptions>(
  async (app: FastifyInstance, { tokens, principals, apiKeys }) => {
    app.decorateRequest('auth', undefined);
    app.decorateRequest('orgScope', undefined);

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/v1')) return;
      const config = route.config as { permission?: Permission; public?: boolean; platformAdmin?: boolean; userOnly?: boolean } | undefined;
      if (!config?.permission && !config?.public && !config?.platformAdmin) {
        throw new Error(`route ${String(route.method)} ${route.url} declares neither a permission, platformAdmin nor public: true`);
      }
      if (!route.schema) return;
      // The OpenAPI document states what each operation needs; the authorization matrix test walks it.
      const schema = route.schema as Record<string, unknown>;
      const needs = config.platformAdmin ? PLATFORM_ADMIN_PERMISSION : config.permission;
      if (needs) {
        schema['x-permission'] = needs;
        const who = config.platformAdmin ? 'Platform administrators only.' : `Requires permission \`${needs}\`.`;
        schema.description = `${schema.description ? `${String(schema.description)}\n\n` : ''}${who}${config.userOnly ? ' Not available to API keys.' : ''}`;
        schema.security ??= [{ bearerAuth: [] }];
      } else {
        schema['x-public'] = true;
      }
      if (config.userOnly) schema['x-user-only'] = true;
    });

    app.addHook('onRequest', async (request) => {
      const config = request.routeOptions.config;
      if (config.public || config.device || (!config.permission && !config.platformAdmin)) return;
      const auth = await authenticate(request, tokens, principals, apiKeys);
      request.auth = auth;
      if ((config.userOnly || config.platformAdmin) && auth.kind !== 'user') throw forbidden('API keys cannot use this route; it is for people');
      if (config.platformAdmin && !(auth.kind === 'user' && auth.platformAdmin)) throw forbidden('only platform administrators may do this');
      if (config.permission && !roleAllows(auth.role, config.permission)) {
        throw forbidden(`your role (${auth.role}) lacks the permission ${config.permission}`);
      }
    });

    // The rest of an authenticated request runs inside its organisation's scope, so its queries run
    // under row-level security (db/tenant-scope.ts). Platform-administrator and people-only routes
    // (organisations, the caller's own account, switching organisation) act across organisations
    // and stay on the owner role. The scope is captured in an AsyncResource because reading the
    // body happens in the socket's callbacks, outside it; preValidation re-enters it (the same
    // technique as @fastify/request-context).
    app.addHook('onRequest', (request, _reply, done) => {
      const config = request.routeOptions.config;
      const auth = request.auth;
      if (!auth || config.platformAdmin || config.userOnly) return done();
      runInOrg(auth.orgId, () => {
        request.orgScope = new AsyncResource('muster-org-scope');
        done();
      });
    });
    app.addHook('preValidation', (request, _reply, done) => {
      if (request.orgScope) request.orgScope.runInAsyncScope(done);
      else done();
    });
  },
  { name: 'muster-auth' },
);

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError(401, 'unauthorized', 'Authorization header must be "Bearer <token>"');
  return match[1];
}

const sessionRevoked = (): ApiError => new ApiError(401, 'session_revoked', 'this session is no longer valid (signed out, account disabled or membership removed); log in again');

async function authenticate(request: FastifyRequest, tokens: AccessTokens, principals: PrincipalCache, apiKeys: ApiKeyAuthenticator): Promise<AuthContext> {
  const token = bearerToken(request);
  if (!token) throw unauthorized();
  if (token.startsWith(API_KEY_PREFIX)) return apiKeys.authenticate(token);
  let claims;
  try {
    claims = await tokens.verify(token);
  } catch (error) {
    if (error instanceof TokenError) throw new ApiError(401, error.reason === 'expired' ? 'token_expired' : 'unauthorized', error.message);
    throw error;
  }
  // The signature says who; the database (through a 5-second cache) says whether they still may.
  const principal = await principals.get(claims.userId, claims.orgId);
  if (!principal.role || principal.revokedFamilies.has(claims.familyId)) throw sessionRevoked();
  return { kind: 'user', userId: claims.userId, orgId: claims.orgId, role: principal.role, platformAdmin: principal.platformAdmin, familyId: claims.familyId };
}

/** The caller of a route that declared a permission; the onRequest hook guarantees it is set. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

/** The caller of a `userOnly` route: a person with a login session. */
export function requireUser(request: FastifyRequest): UserAuth {
  const auth = requireAuth(request);
  if (auth.kind !== 'user') throw forbidden('API keys cannot use this route; it is for people');
  return auth;
}

/** Who did it, for the audit log: the user, or the API key (acting for its creator). */
export function actorOf(auth: AuthContext): { actorType: 'user' | 'api_key'; actorId: string } {
  return auth.kind === 'user' ? { actorType: 'user', actorId: auth.userId } : { actorType: 'api_key', actorId: auth.keyId };
}
