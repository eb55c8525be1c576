import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { actorOf } from '../auth/plugin.js';
import { redactedBody } from './redact.js';
import type { AuditService } from './service.js';
import type { ActorType } from './store.js';

/**
 * What a route or service adds to its audit row: before/after states, and overrides where the
 * generic rules cannot know (the organisation of a platform action, the target of a create).
 */
export interface AuditDetails {
  orgId?: string;
  actorType?: ActorType;
  actorId?: string | null;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  /** The request succeeded but changed nothing (logging out with an unknown token): no row. */
  noChange?: boolean;
  [extra: string]: unknown;
}

declare module 'fastify' {
  interface FastifyRequest {
    auditDetails: AuditDetails | undefined;
  }
  interface FastifyContextConfig {
    /** The audit action (`devices.update`); derived from method and route when absent; false: not audited (say why). */
    audit?: string | false;
  }
}

export interface AuditHookOptions {
  audit: AuditService;
}

const API_PREFIX = '/api/v1/';
const VERBS: Record<string, string> = { POST: 'create', PUT: 'replace', PATCH: 'update', DELETE: 'delete' };

/**
 * `POST /api/v1/devices/:id/credential/rotate` → devices.credential.rotate (a POST ending in a
 * word after an id is an action); `PATCH /api/v1/devices/:id` → devices.update;
 * `POST /api/v1/enrollment-tokens` → enrollment_tokens.create.
 */
export function deriveAction(method: string, routeUrl: string): string {
  const parts = routeUrl.slice(API_PREFIX.length).split('/').filter(Boolean);
  const words = parts.filter((p) => !p.startsWith(':')).map((p) => p.replace(/-/g, '_'));
  const lastIsWord = parts.length > 0 && !parts[parts.length - 1]!.startsWith(':');
  const afterParam = parts.some((p) => p.startsWith(':'));
  if (method === 'POST' && lastIsWord && afterParam) return words.join('.');
  return [...words, VERBS[method] ?? method.toLowerCase()].join('.');
}

function firstParam(params: unknown): string | undefined {
  if (!params || typeof params !== 'object') return undefined;
  const record = params as Record<string, unknown>;
  const value = record.id ?? Object.values(record)[0];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The id a create returned (201 responses), read from the serialised body. */
function createdId(reply: FastifyReply, payload: unknown): string | undefined {
  if (reply.statusCode !== 201 || typeof payload !== 'string' || payload.length > 1_000_000) return undefined;
  try {
    const { id } = JSON.parse(payload) as { id?: unknown };
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The backstop: every successful change through the API writes an audit row, whether or not its
 * route remembered to. It runs in onSend, so the client hears "done" only once the row is
 * written. A change that cannot be attributed to an organisation is logged as an error: that is
 * a route missing its `auditDetails.orgId`, and the test suite checks for it.
 */
export const auditHook = fp<AuditHookOptions>(
  async (app: FastifyInstance, { audit }) => {
    app.decorateRequest('auditDetails', undefined);

    app.addHook('onSend', async (request, reply, payload) => {
      if (reply.statusCode < 200 || reply.statusCode >= 300) return payload;
      if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return payload;
      const config = request.routeOptions.config;
      const routeUrl = request.routeOptions.url ?? '';
      if (config.audit === false || request.auditDetails?.noChange || !routeUrl.startsWith(API_PREFIX)) return payload;
      try {
        await write(request, reply, payload);
      } catch (error) {
        request.log.error({ err: error, route: routeUrl }, 'audit log write failed');
      }
      return payload;
    });

    async function write(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
      const config = request.routeOptions.config;
      const routeUrl = request.routeOptions.url ?? '';
      const { orgId: orgOverride, actorType, actorId, targetType, targetId, noChange: _noChange, ...extra } = request.auditDetails ?? {};
      const action = (typeof config.audit === 'string' ? config.audit : undefined) ?? deriveAction(request.method, routeUrl);
      const target = targetId ?? firstParam(request.params) ?? createdId(reply, payload) ?? null;

      const orgId = orgOverride ?? request.auth?.orgId;
      let actor: { actorType: ActorType; actorId: string | null } | undefined = actorType ? { actorType, actorId: actorId ?? null } : undefined;
      actor ??= request.auth ? actorOf(request.auth) : undefined;
      if (!orgId) {
        request.log.error({ route: routeUrl, action }, 'audit: a successful change has no organisation to be logged in (the route must set auditDetails.orgId)');
        return;
      }
      const body = redactedBody(request.body);
      await audit.record({
        orgId,
        actorType: actor?.actorType ?? 'system',
        actorId: actor?.actorId ?? null,
        action,
        targetType: targetType ?? routeUrl.slice(API_PREFIX.length).split('/')[0]?.replace(/-/g, '_') ?? null,
        targetId: target,
        ip: request.ip ?? null,
        details: { requestId: request.id, ...(body !== undefined ? { body } : {}), ...extra },
      });
    }
  },
  { name: 'muster-audit' },
);
