import { gunzipSync } from 'node:zlib';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import websocket, { type WebSocket } from '@fastify/websocket';
import { Type } from '@sinclair/typebox';
import {
  CheckinRequest,
  CheckinResponse,
  DeltaReport,
  FullReport,
  MetricsReport,
  PushMessage,
  ReportAccepted,
  WorkResultReport,
  type Report,
} from '@muster/protocol';
import type { Kysely } from 'kysely';
import type pino from 'pino';
import type { Bus } from '../bus/types.js';
import type { DB } from '../db/schema.js';
import type { DeviceAuth } from '../devices/device-auth.js';
import type { LastSeenWriter } from '../devices/last-seen.js';
import type { CredentialOwner } from '../devices/store.js';
import { ApiError, errorResponses } from '../http/errors.js';
import type { OrgSettingsStore } from '../orgs/settings.js';
import { encodeEnvelope } from './envelope.js';
import { REPORTS_STREAM } from './ingest.js';

declare module 'fastify' {
  interface FastifyRequest {
    device: CredentialOwner | undefined;
    /** The body's bytes as they arrived (compressed when they came so), for the bus. */
    rawBody: Buffer | undefined;
  }
}

export interface AgentRoutesOptions {
  db: Kysely<DB>;
  bus: Bus;
  deviceAuth: DeviceAuth;
  lastSeen: LastSeenWriter;
  settings: OrgSettingsStore;
  /** Credential rotation: a check-in may hand the device its new credential (auth/device-credentials.ts). */
  credentials: { onCheckin(owner: CredentialOwner): Promise<string | undefined> };
  bodyLimitBytes: number;
  log: pino.Logger;
}

/** Report bodies pick their schema by `kind`, so a bad report gets the errors of its own kind. */
const ReportBody = Type.Unsafe<Report>({
  type: 'object',
  required: ['kind'],
  discriminator: { propertyName: 'kind' },
  oneOf: [FullReport, DeltaReport, MetricsReport, WorkResultReport],
});

export const PUSH_TOPIC = (deviceId: string): string => `devices.${deviceId}.push`;
const MAX_SOCKETS_PER_DEVICE = 2;
const PING_MS = 30_000;

/**
 * A gzip body inflated in one call, with a hard cap on the inflated size: a small gzip bomb ends in
 * a 413, not in memory exhaustion. One synchronous call costs less CPU than a stream (no handoffs
 * to the thread pool per 16 KB chunk) and holds the event loop for about 0.3 ms per 100 KB report.
 */
function gunzipWithLimit(body: Buffer, limit: number): Buffer {
  try {
    return gunzipSync(body, { maxOutputLength: limit });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ApiError(413, 'payload_too_large', `decompressed body is larger than ${limit} bytes`);
    throw new ApiError(400, 'invalid_gzip', `body is not valid gzip: ${(error as Error).message}`);
  }
}

export const agentRoutes: FastifyPluginAsync<AgentRoutesOptions> = async (app, options) => {
  const { db, bus, deviceAuth, lastSeen, settings, log } = options;
  app.decorateRequest('device', undefined);
  app.decorateRequest('rawBody', undefined);

  // Every route here is a device's: authenticate before reading a byte of the body.
  app.addHook('onRequest', async (request) => {
    request.device = await deviceAuth.authenticate(request);
  });

  // Refused before a byte of the body is read.
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity' && encoding !== 'gzip') throw new ApiError(415, 'unsupported_encoding', `content-encoding ${encoding} is not supported (use gzip or none)`);
    return payload;
  });

  // JSON bodies arrive whole (within the route's bodyLimit, counted as sent), are inflated when
  // gzip (within the same limit, counted inflated) and parsed by Fastify's own JSON parser
  // (prototype-poisoning checks included). A report's bytes as they came go to the bus.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    try {
      if (request.routeOptions.url?.endsWith('/reports')) request.rawBody = body;
      const gzip = String(request.headers['content-encoding'] ?? '').toLowerCase() === 'gzip';
      const json = gzip ? gunzipWithLimit(body, request.routeOptions.bodyLimit ?? options.bodyLimitBytes) : body;
      parseJson(request, json.toString('utf8'), done);
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const device = (req: FastifyRequest): CredentialOwner => {
    if (!req.device) throw new ApiError(401, 'unauthorized', 'device credential required');
    return req.device;
  };

  r.post(
    '/checkin',
    {
      config: { device: true },
      logLevel: 'warn',
      bodyLimit: 64 * 1024,
      schema: { tags: ['agent'], summary: 'Periodic check-in: config, pending work, whether a full report is wanted', body: CheckinRequest, response: { 200: CheckinResponse, ...errorResponses } },
    },
    async (req) => {
      const owner = device(req);
      lastSeen.touch(owner.orgId, owner.deviceId, req.body.agent.version);
      const newCredential = await options.credentials.onCheckin(owner);
      return {
        serverTime: new Date().toISOString(),
        config: await settings.agentConfig(owner.orgId),
        fullReportRequested: owner.status === 'active' && owner.fullReportRequested,
        work: [],
        ...(newCredential ? { newCredential } : {}),
      };
    },
  );

  r.post(
    '/reports',
    {
      config: { device: true },
      logLevel: 'warn',
      bodyLimit: options.bodyLimitBytes,
      schema: {
        tags: ['agent'],
        summary: 'Submit a report (full, delta, metrics or a work result); 202 once it is durably queued',
        body: ReportBody,
        response: { 202: ReportAccepted, ...errorResponses },
      },
    },
    async (req, reply) => {
      const owner = device(req);
      const report = req.body;
      if (owner.status === 'pending') throw new ApiError(403, 'device_pending', 'this device waits for approval; reports are accepted once it is approved');
      if (report.kind === 'result') throw new ApiError(404, 'unknown_work_item', `no work item ${report.workId} was sent to this device`);
      if (report.kind === 'delta' && owner.fullReportRequested) {
        throw new ApiError(409, 'full_report_required', 'the server needs a full report from this device before it can apply deltas');
      }
      const seen = await db
        .selectFrom('processed_reports')
        .select('report_id')
        .where('org_id', '=', owner.orgId)
        .where('report_id', '=', report.reportId)
        .executeTakeFirst();
      if (seen) return reply.status(202).send({ reportId: report.reportId, status: 'duplicate' });
      const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase() === 'gzip' ? 'gzip' : 'identity';
      const envelope = encodeEnvelope({ orgId: owner.orgId, deviceId: owner.deviceId, receivedAt: new Date().toISOString(), encoding }, req.rawBody ?? Buffer.alloc(0));
      await bus.publish(REPORTS_STREAM, owner.deviceId, envelope, { msgId: report.reportId });
      // Ingest updates the device row of an inventory report anyway, last seen included: touching
      // it here too would write the row twice.
      if (report.kind !== 'full' && report.kind !== 'delta') lastSeen.touch(owner.orgId, owner.deviceId, report.agent.version);
      return reply.status(202).send({ reportId: report.reportId, status: 'accepted' });
    },
  );

  // Push channel: "you have work". Sockets are per process; the bus fans notifications out to
  // whichever process holds the device's socket.
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const sockets = new Map<string, Set<WebSocket>>();
  const listener = await bus.listen('devices.*.push', (topic, payload) => {
    const deviceId = topic.split('.')[1]!;
    for (const socket of sockets.get(deviceId) ?? []) socket.send(JSON.stringify(payload));
  });
  const pinger = setInterval(() => {
    for (const set of sockets.values()) for (const socket of set) socket.send(JSON.stringify({ type: 'ping' } satisfies PushMessage));
  }, PING_MS);
  pinger.unref();
  app.addHook('onClose', async () => {
    clearInterval(pinger);
    await listener.close();
    for (const set of sockets.values()) for (const socket of set) socket.close(1001, 'server shutting down');
  });

  app.get('/ws', { websocket: true, config: { device: true }, schema: { tags: ['agent'], summary: 'WebSocket: server pushes PushMessage JSON (work, collect, config, ping)' } }, (socket, req) => {
    const owner = req.device!;
    const set = sockets.get(owner.deviceId) ?? new Set();
    if (set.size >= MAX_SOCKETS_PER_DEVICE) {
      socket.close(1008, 'too many connections for this device');
      return;
    }
    set.add(socket);
    sockets.set(owner.deviceId, set);
    lastSeen.touch(owner.orgId, owner.deviceId, null);
    socket.on('message', () => lastSeen.touch(owner.orgId, owner.deviceId, null));
    socket.on('close', () => {
      set.delete(socket);
      if (set.size === 0) sockets.delete(owner.deviceId);
    });
    socket.on('error', (error: Error) => log.debug({ err: error, deviceId: owner.deviceId }, 'agent socket error'));
  });
};
