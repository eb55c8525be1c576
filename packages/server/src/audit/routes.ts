import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireAuth } from '../auth/plugin.js';
import { errorResponses } from '../http/errors.js';
import { DateTime } from '../http/schemas.js';
import { AUDIT_CSV_MAX, AUDIT_PAGE_MAX, type AuditService } from './service.js';
import type { AuditRow } from './store.js';

const ActorTypeSchema = Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('device'), Type.Literal('system')]);
const Entry = Type.Object(
  {
    id: Type.String(),
    at: DateTime(),
    actorType: ActorTypeSchema,
    actorId: Type.Union([Type.String(), Type.Null()]),
    action: Type.String(),
    targetType: Type.Union([Type.String(), Type.Null()]),
    targetId: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
    details: Type.Unknown(),
  },
  { $id: 'AuditEntry' },
);

const CSV_COLUMNS = ['id', 'at', 'actor_type', 'actor_id', 'action', 'target_type', 'target_id', 'ip', 'details'] as const;

/** One CSV field: quoted when needed, and defused when a spreadsheet would run it as a formula. */
function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRow(row: AuditRow): string {
  const at = row.at instanceof Date ? row.at.toISOString() : String(row.at);
  return [row.id, at, row.actorType, row.actorId, row.action, row.targetType, row.targetId, row.ip, row.details === null ? null : JSON.stringify(row.details)].map(csvField).join(',');
}

export const auditRoutes: FastifyPluginAsync<{ audit: AuditService }> = async (app, { audit }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'The organisation\'s audit log, newest first; `format=csv` for a spreadsheet',
        produces: ['application/json', 'text/csv'],
        querystring: Type.Object({
          actor: Type.Optional(Type.String({ maxLength: 200, description: 'Actor id: a user, API key or device id.' })),
          actorType: Type.Optional(ActorTypeSchema),
          action: Type.Optional(Type.String({ maxLength: 200, description: '`users.create`, or a prefix such as `users`.' })),
          targetType: Type.Optional(Type.String({ maxLength: 100 })),
          targetId: Type.Optional(Type.String({ maxLength: 200 })),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_CSV_MAX, description: `Rows per page: at most ${AUDIT_PAGE_MAX} as JSON, ${AUDIT_CSV_MAX} as CSV.` })),
          cursor: Type.Optional(Type.String({ maxLength: 20 })),
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
        }),
        response: { 200: Type.Object({ items: Type.Array(Entry), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const orgId = requireAuth(req).orgId;
      const { format, ...query } = req.query;
      if (format !== 'csv') return audit.query(orgId, query);
      const page = await audit.query(orgId, query, AUDIT_CSV_MAX);
      if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
      const lines = [CSV_COLUMNS.join(','), ...page.items.map(csvRow)];
      // The JSON response schema does not apply to a CSV body: send it through the untyped reply.
      return (reply as FastifyReply)
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="audit.csv"')
        .send(`${lines.join('\r\n')}\r\n`);
    },
  );
};
