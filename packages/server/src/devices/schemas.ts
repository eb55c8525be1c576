import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { Type, type TSchema } from '@sinclair/typebox';
import { badRequest } from '../http/errors.js';
import { NullableDateTime, Uuid } from '../http/schemas.js';
import { CUSTOM_FIELD_KEY } from '../assets/service.js';
import { CSV_MAX_ROWS, DEFAULT_PAGE, MAX_PAGE } from './service.js';

/** Schemas shared by the routes that list devices (devices/, software/). */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const DeviceKindSchema = Type.Union([Type.Literal('agent'), Type.Literal('manual')], { description: 'agent: enrolled and reporting; manual: an asset without an agent.' });
export const DeviceStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('pending'), Type.Literal('retired')]);
export const CustomFieldValues = Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String(), Type.Number()]), {
  description: 'Custom field values by key (see /custom-fields).',
});

export const DeviceItem = Type.Object(
  {
    id: Uuid(),
    hostname: Type.String(),
    displayName: Nullable(Type.String()),
    kind: DeviceKindSchema,
    status: DeviceStatusSchema,
    online: Type.Boolean({ description: "Seen within the organisation's offline threshold (default 300 s) and not retired." }),
    lastSeenAt: NullableDateTime(),
    os: Type.Object({ platform: Nullable(Type.String()), name: Nullable(Type.String()), version: Nullable(Type.String()) }),
    model: Nullable(Type.String()),
    vendor: Nullable(Type.String()),
    serialNumber: Nullable(Type.String()),
    primaryIp: Nullable(Type.String()),
    agentVersion: Nullable(Type.String()),
    tags: Type.Array(Type.String()),
    customFields: CustomFieldValues,
  },
  { $id: 'DeviceListItem' },
);

export const Page = <T extends TSchema>(item: T, id: string) =>
  Type.Object(
    { items: Type.Array(item), nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last page.' })) },
    { $id: id },
  );

export const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE }));
export const Cursor = Type.Optional(Type.String({ maxLength: 4096, description: 'nextCursor of the previous page.' }));
export const Format = Type.Optional(
  Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: `csv: every matching row (at most ${CSV_MAX_ROWS}) as text/csv, ignoring limit and cursor.` }),
);

const CF_PARAM = /^cf\.(.*)$/;

/**
 * `cf.<key>=value` query parameters. The route schema validates well-formed ones (patternProperties);
 * a parameter that starts with `cf.` but names no possible key is a 400 rather than silently ignored.
 */
export function customFieldParams(query: object): Record<string, string> | undefined {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    const key = CF_PARAM.exec(name)?.[1];
    if (key === undefined) continue;
    if (!CUSTOM_FIELD_KEY.test(key)) throw badRequest(`query parameter ${name}: "${key}" is not a custom field key`);
    if (typeof value !== 'string') throw badRequest(`query parameter ${name} must be given once`);
    result[key] = value;
  }
  return Object.keys(result).length ? result : undefined;
}

export const customFieldQuery = { patternProperties: { '^cf\\.[a-z][a-z0-9_]{0,39}$': Type.String({ maxLength: 1024 }) } };

/** Sends lines of CSV as a download, streamed. */
export function sendCsv(reply: FastifyReply, name: string, lines: AsyncIterable<string>): FastifyReply {
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}-${stamp}.csv"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(lines));
}
