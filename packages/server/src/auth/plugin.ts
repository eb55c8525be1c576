import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '../db/schema.js';
import { forbidden, unauthorized, ApiError } from '../http/errors.js';
import { roleAllows, type Permission } from './permissions.js';
import { TokenError, type AccessTokens } from './tokens.js';

export interface UserAuth {
  kind: 'user';
  userId: string;
  orgId: string;
  role: Role;
}

export type AuthContext = UserAuth;

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | undefined;
  }
  interface FastifyContextConfig {
    /** The permission this route needs; checked before the body is even read. */
    permission?: Permission;
    /** No authentication (login, health). Every /api/v1 route sets this or `permission`. */
    public?: boolean;
    /** Agent routes: authenticated by the device credential in their own plugin. */
    device?: boolean;
  }
}

/**
 * One mechanism for every route: a route under /api/v1 declares a permission (or says it is
 * public) in its config, or the server refuses to start. The check runs in onRequest, before the
 * body is parsed, so an anonymous caller cannot make us read a large body.
 */
export const authPlugin = fp<{ tokens: AccessTokens }>(
  async (app: FastifyInstance, { tokens }) => {
    app.decorateRequest('auth', undefined);

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/v1')) return;
      const config = route.config as { permission?: Permission; public?: boolean } | undefined;
      if (!config?.permission && !config?.public) {
        throw new Error(`route ${String(route.method)} ${route.url} declares neither a permission nor public: true`);
      }
      if (config.permission && route.schema) {
        const schema = route.schema as Record<string, unknown>;
        schema['x-permission'] = config.permission;
        schema.description = `${schema.description ? `${String(schema.description)}\n\n` : ''}Requires permission \`${config.permission}\`.`;
        schema.security ??= [{ bearerAuth: [] }];
      }
    });

    app.addHook('onRequest', async (request) => {
      const config = request.routeOptions.config;
      if (config.public || config.device || !config.permission) return;
      request.auth = await authenticate(request, tokens);
      if (!roleAllows(request.auth.role, config.permission)) {
        throw forbidden(`your role (${request.auth.role}) lacks the permission ${config.permission}`);
      }
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

async function authenticate(request: FastifyRequest, tokens: AccessTokens): Promise<AuthContext> {
  const token = bearerToken(request);
  if (!token) throw unauthorized();
  try {
    const claims = await tokens.verify(token);
    return { kind: 'user', userId: claims.userId, orgId: claims.orgId, role: claims.role };
  } catch (error) {
    if (error instanceof TokenError) throw new ApiError(401, error.reason === 'expired' ? 'token_expired' : 'unauthorized', error.message);
    throw error;
  }
}

/** The caller of a route that declared a permission; the onRequest hook guarantees it is set. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}
