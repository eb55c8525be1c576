import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireAuth } from '../auth/plugin.js';
import { errorResponses } from '../http/errors.js';
import { Cursor, DeviceItem, Format, Limit, Nullable, Page, sendCsv } from '../devices/schemas.js';
import type { DevicesService } from '../devices/service.js';
import type { SoftwareService } from './service.js';

const Title = Type.Object(
  {
    name: Type.String(),
    source: Type.String({ description: 'deb, rpm, msi, registry, app, brew, …' }),
    publisher: Nullable(Type.String()),
    versions: Type.Integer({ description: 'Distinct versions installed in the organisation.' }),
    devices: Type.Integer({ description: 'Installations summed over versions (a device with two versions counts twice).' }),
  },
  { $id: 'SoftwareTitle' },
);
const Version = Type.Object(
  { id: Type.Integer({ description: 'Catalogue id.' }), version: Type.String(), arch: Type.String(), publisher: Nullable(Type.String()), devices: Type.Integer() },
  { $id: 'SoftwareVersion' },
);
const Entry = Type.Object(
  { id: Type.Integer(), name: Type.String(), version: Type.String(), source: Type.String(), arch: Type.String(), publisher: Nullable(Type.String()), devices: Type.Integer() },
  { $id: 'SoftwareEntry' },
);
const Source = Type.Optional(Type.String({ maxLength: 32 }));
const DeviceSort = Type.Union(
  [Type.Literal('hostname'), Type.Literal('-hostname'), Type.Literal('lastSeenAt'), Type.Literal('-lastSeenAt'), Type.Literal('os'), Type.Literal('-os')],
  { default: 'hostname' },
);

/**
 * Software across the fleet. Counts come from what ingest maintains per organisation, and include
 * every device that still holds the package (retired ones too, until they are deleted).
 */
export const softwareRoutes: FastifyPluginAsync<{ software: SoftwareService; devices: DevicesService }> = async (app, { software, devices }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/software',
    {
      config: { permission: 'software:read' },
      schema: {
        tags: ['software'],
        summary: 'Software titles installed in the organisation, with version and device counts',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 256, description: 'Text in the name.' })),
          source: Source,
          sort: Type.Optional(Type.Union([Type.Literal('devices'), Type.Literal('-devices'), Type.Literal('name')], { default: '-devices' })),
          limit: Limit,
          cursor: Cursor,
          format: Format,
        }),
        produces: ['application/json', 'text/csv'],
        response: { 200: Page(Title, 'SoftwareTitlePage'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const orgId = requireAuth(req).orgId;
      if (req.query.format === 'csv') return sendCsv(reply as FastifyReply, 'software', software.csv(orgId, req.query));
      return software.titles(orgId, req.query);
    },
  );

  r.get(
    '/software/versions',
    {
      config: { permission: 'software:read' },
      schema: {
        tags: ['software'],
        summary: 'The installed versions of one title, each with its device count',
        querystring: Type.Object({ name: Type.String({ minLength: 1, maxLength: 256, description: 'Exact name.' }), source: Source }),
        response: { 200: Type.Object({ items: Type.Array(Version) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await software.versions(requireAuth(req).orgId, req.query.name, req.query.source) }),
  );

  r.get(
    '/software/:softwareId/devices',
    {
      config: { permission: 'software:read' },
      schema: {
        tags: ['software'],
        summary: 'Devices having one catalogue entry (a version of a package)',
        params: Type.Object({ softwareId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
        querystring: Type.Object({ sort: Type.Optional(DeviceSort), limit: Limit, cursor: Cursor, format: Format }),
        produces: ['application/json', 'text/csv'],
        response: { 200: Type.Object({ software: Entry, items: Type.Array(DeviceItem), nextCursor: Nullable(Type.String()) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const orgId = requireAuth(req).orgId;
      const entry = await software.entry(orgId, req.params.softwareId);
      const query = { ...req.query, softwareId: entry.id };
      if (req.query.format === 'csv') return sendCsv(reply as FastifyReply, `software-${entry.id}-devices`, await devices.csv(orgId, query));
      return { software: entry, ...(await devices.list(orgId, query)) };
    },
  );
};
