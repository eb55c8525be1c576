import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorBody } from '@muster/protocol';
import { API_KEY_PREFIX, requireAuth, type AuthContext } from '../auth/plugin.js';
import { roleAllows } from '../auth/permissions.js';
import type { PrincipalCache } from '../auth/principals.js';
import type { Bus, Listener } from '../bus/types.js';
import { errorResponses, ApiError } from '../http/errors.js';

/**
 * Live updates for the console: `GET /api/v1/events` is a server-sent-events stream of what changed
 * in the caller's organisation. Today that is `devices.updated` (ingest announces every batch it
 * committed); the console invalidates the matching queries instead of polling.
 *
 * EventSource cannot send headers, so this route alone also takes the access token as
 * `?access_token=`: `accessTokenFromQuery` (registered before the auth plugin) moves it into the
 * Authorization header, and the one auth hook then validates it exactly as it validates a header.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The access token may come as `?access_token=` (EventSource cannot set headers). */
    accessTokenInQuery?: boolean;
  }
}

/** Comment lines keep proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 25_000;
/**
 * A stream lives at most this long; EventSource reconnects by itself and so authenticates again,
 * which is how an expired access token or a revoked API key stops receiving events.
 */
export const MAX_STREAM_MS = 30 * 60_000;
/** Ingest announces each batch; a browser needs at most one refresh a second. */
export const COALESCE_MS = 1_000;
const MAX_IDS = 100;

export const accessTokenFromQuery = fp(
  async (app) => {
    app.addHook('onRequest', async (request) => {
      if (!request.routeOptions.config.accessTokenInQuery || request.headers.authorization) return;
      const token = (request.query as Record<string, unknown> | undefined)?.access_token;
      if (typeof token !== 'string' || !token) return;
      // API keys are long-lived: a URL ends up in proxy logs and browser history, so never there.
      if (token.startsWith(API_KEY_PREFIX)) throw new ApiError(401, 'unauthorized', 'API keys must be sent in the Authorization header, not in the URL');
      request.headers.authorization = `Bearer ${token}`;
    });
  },
  { name: 'muster-events-query-token' },
);

export interface DevicesUpdated {
  deviceIds: string[];
  count: number;
}

export interface EventsRoutesOptions {
  bus: Bus;
  principals: PrincipalCache;
  heartbeatMs?: number;
  maxStreamMs?: number;
  coalesceMs?: number;
}

export const eventsRoutes: FastifyPluginAsync<EventsRoutesOptions> = async (app, options) => {
  const { bus, principals } = options;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const maxStreamMs = options.maxStreamMs ?? MAX_STREAM_MS;
  const coalesceMs = options.coalesceMs ?? COALESCE_MS;
  /** Open streams, ended on shutdown: an open response would otherwise hold server.close() forever. */
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/events',
    {
      // The URL may carry the access token: keep it out of the per-request log lines.
      logLevel: 'warn',
      config: { permission: 'devices:read', accessTokenInQuery: true },
      schema: {
        tags: ['events'],
        summary: 'Live updates as server-sent events (text/event-stream)',
        description:
          'Events of the caller\'s organisation: `devices.updated` with data `{ "deviceIds": [...], "count": n }` (ids capped at 100; `count` is the number of devices changed), ' +
          'coalesced to at most one a second. A comment line every 25 s keeps the connection open; a stream ends after 30 minutes and the client reconnects. ' +
          'Send `Accept: text/event-stream` (EventSource does); browsers may pass the access token as `access_token` since EventSource cannot set headers (API keys only in the header).',
        querystring: Type.Object({ access_token: Type.Optional(Type.String({ maxLength: 4096, description: 'Access token, for EventSource clients only.' })) }),
        response: {
          200: Type.String({ description: 'A text/event-stream that stays open.' }),
          ...errorResponses,
          406: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      // A plain HTTP client would wait forever for the end of this response: it must ask for a stream.
      if (!(request.headers.accept ?? '').includes('text/event-stream')) {
        throw new ApiError(406, 'not_acceptable', 'this route is a server-sent-events stream: send "Accept: text/event-stream" (EventSource does)');
      }
      await stream(reply, auth);
    },
  );

  async function stream(reply: FastifyReply, auth: AuthContext): Promise<void> {
    reply.hijack();
    const raw = reply.raw;
    // Headers set so far (request id, security headers) go out with the stream.
    const inherited = Object.entries(reply.getHeaders()).filter((entry): entry is [string, string | number | string[]] => entry[1] !== undefined);
    raw.writeHead(200, {
      ...Object.fromEntries(inherited),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: 5000\n\nevent: ready\ndata: {}\n\n`);

    let pending: { ids: Set<string>; count: number } | undefined;
    let flushTimer: NodeJS.Timeout | undefined;
    let listener: Listener | undefined;
    let ended = false;

    const flush = (): void => {
      flushTimer = undefined;
      if (!pending || ended) return;
      const data: DevicesUpdated = { deviceIds: [...pending.ids].slice(0, MAX_IDS), count: pending.count };
      pending = undefined;
      raw.write(`event: devices.updated\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const end = (): void => {
      if (ended) return;
      ended = true;
      open.delete(end);
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      clearTimeout(flushTimer);
      void listener?.close().catch(() => undefined);
      raw.end();
    };
    open.add(end);
    // The response's close (not the request's, which fires once a bodiless GET is read) is the client going away.
    raw.once('close', end);

    const heartbeat = setInterval(() => {
      raw.write(': heartbeat\n\n');
      void stillAllowed(auth).then((allowed) => allowed || end(), end);
    }, heartbeatMs);
    const lifetime = setTimeout(end, maxStreamMs);

    listener = await bus.listen(`org.${auth.orgId}.devices.updated`, (_topic, payload) => {
      const update = asDevicesUpdated(payload);
      if (!update || ended) return;
      pending ??= { ids: new Set(), count: 0 };
      for (const id of update.deviceIds) if (pending.ids.size < MAX_IDS) pending.ids.add(id);
      pending.count += update.count;
      flushTimer ??= setTimeout(flush, coalesceMs);
    });
    // The client may have gone while we subscribed.
    if (ended) void listener.close().catch(() => undefined);
  }

  /** A disabled user or a signed-out session stops receiving events at the next heartbeat. */
  async function stillAllowed(auth: AuthContext): Promise<boolean> {
    if (auth.kind !== 'user') return true;
    const principal = await principals.get(auth.userId, auth.orgId);
    return Boolean(principal.role && !principal.revokedFamilies.has(auth.familyId) && roleAllows(principal.role, 'devices:read'));
  }
};

function asDevicesUpdated(payload: unknown): DevicesUpdated | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const { deviceIds, count } = payload as Record<string, unknown>;
  const ids = Array.isArray(deviceIds) ? deviceIds.filter((id): id is string => typeof id === 'string') : [];
  return { deviceIds: ids, count: typeof count === 'number' && Number.isFinite(count) ? count : ids.length };
}
