import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireAuth } from '../auth/plugin.js';
import { errorResponses, NoContent } from '../http/errors.js';
import { DateTime, NullableDateTime, Uuid } from '../http/schemas.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './import.js';
import { DEVICE_LIMITS } from './rules.js';
import {
  Cursor,
  customFieldParams,
  customFieldQuery,
  DeviceItem,
  DeviceKindSchema,
  DeviceStatusSchema,
  Format,
  Limit,
  Nullable,
  Page,
  sendCsv,
} from './schemas.js';
import type { DevicesService } from './service.js';

const Sort = Type.Union(
  [Type.Literal('hostname'), Type.Literal('-hostname'), Type.Literal('lastSeenAt'), Type.Literal('-lastSeenAt'), Type.Literal('os'), Type.Literal('-os')],
  { default: 'hostname', description: 'A leading - sorts descending. Devices never seen sort as the oldest.' },
);
const State = Type.Union([Type.Literal('online'), Type.Literal('offline'), Type.Literal('pending'), Type.Literal('retired')], {
  description: 'online: seen within the offline threshold; offline: an approved agent not seen within it; pending, retired: that stored status.',
});

export const DeviceListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: 256,
        description: 'Text anywhere in hostname, display name, serial, model, vendor, OS, addresses, logged-in users or tags; `software:<name>` finds devices with a package whose name contains <name>.',
      }),
    ),
    status: Type.Optional(State),
    platform: Type.Optional(Type.String({ maxLength: DEVICE_LIMITS.platform, description: 'linux, windows, macos, …' })),
    os: Type.Optional(Type.String({ maxLength: 256, description: 'OS name ("Windows 11 Pro") or name and version ("Debian GNU/Linux 12"), case-insensitive.' })),
    tag: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: DEVICE_LIMITS.tag }), { maxItems: 10, description: 'Repeat for devices having every tag given.' })),
    kind: Type.Optional(DeviceKindSchema),
    lastSeenBefore: Type.Optional(Type.String({ format: 'date-time' })),
    lastSeenAfter: Type.Optional(Type.String({ format: 'date-time' })),
    sort: Type.Optional(Sort),
    limit: Limit,
    cursor: Cursor,
    format: Format,
  },
  { ...customFieldQuery, description: 'Also `cf.<key>=<value>`: devices whose custom field <key> has that value.' },
);

const Section = Type.Object({ hash: Type.String(), data: Type.Unknown(), error: Type.Unknown(), collectedAt: DateTime() });
const DeviceDetail = Type.Object(
  {
    ...DeviceItem.properties,
    osBuild: Nullable(Type.String()),
    kernelVersion: Nullable(Type.String()),
    arch: Nullable(Type.String()),
    hardwareUuid: Nullable(Type.String()),
    machineId: Nullable(Type.String()),
    cpuModel: Nullable(Type.String()),
    memoryBytes: Nullable(Type.Integer()),
    ipAddresses: Type.Array(Type.String()),
    macAddresses: Type.Array(Type.String()),
    loggedInUsers: Type.Array(Type.String()),
    notes: Nullable(Type.String()),
    enrolledAt: NullableDateTime(),
    lastReportAt: NullableDateTime(),
    createdAt: DateTime(),
    updatedAt: DateTime(),
    softwareCount: Type.Integer(),
    sections: Type.Record(Type.String(), Section, { description: 'Every inventory section the agent reported, by name (software is under /software).' }),
  },
  { $id: 'Device' },
);

const Tags = Type.Array(Type.String({ minLength: 1, maxLength: DEVICE_LIMITS.tag }), { maxItems: DEVICE_LIMITS.tags });
const Text = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));
const ReportedFields = {
  serialNumber: Text(DEVICE_LIMITS.serialNumber),
  model: Text(DEVICE_LIMITS.model),
  vendor: Text(DEVICE_LIMITS.vendor),
  platform: Text(DEVICE_LIMITS.platform),
  osName: Text(DEVICE_LIMITS.osName),
  osVersion: Text(DEVICE_LIMITS.osVersion),
};
const CustomFieldInput = Type.Record(Type.String({ maxLength: 40 }), Nullable(Type.Union([Type.String({ maxLength: 1024 }), Type.Number()])), {
  maxProperties: 100,
  description: 'Values by custom field key; null or "" clears a value, keys not given keep theirs.',
});

const SoftwareItem = Type.Object(
  {
    softwareId: Type.Integer({ description: 'Catalogue id: /software/{softwareId}/devices lists every device having it.' }),
    name: Type.String(),
    version: Type.String(),
    publisher: Nullable(Type.String()),
    source: Type.String(),
    arch: Type.String(),
    installDate: Nullable(Type.String({ format: 'date' })),
  },
  { $id: 'DeviceSoftware' },
);
const Change = Type.Object(
  { id: Type.Integer(), at: DateTime(), kind: Type.String(), subject: Type.String(), oldValue: Nullable(Type.String()), newValue: Nullable(Type.String()) },
  { $id: 'DeviceChange' },
);
const MetricPoint = Type.Object(
  {
    at: DateTime(),
    cpuPercent: Nullable(Type.Number()),
    memoryPercent: Nullable(Type.Number()),
    diskPercent: Nullable(Type.Number()),
    load1: Nullable(Type.Number()),
    rxBytes: Nullable(Type.Integer({ description: 'Cumulative counter; the highest value in a bucket.' })),
    txBytes: Nullable(Type.Integer()),
    processCount: Nullable(Type.Integer()),
  },
  { $id: 'MetricPoint' },
);

const Params = Type.Object({ id: Uuid() });

export const devicesRoutes: FastifyPluginAsync<{ devices: DevicesService }> = async (app, { devices }) => {
  // CSV bodies for the import only: this plugin is encapsulated, so no other domain accepts text/csv.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/devices',
    {
      config: { permission: 'devices:read' },
      schema: {
        tags: ['devices'],
        summary: 'Search and filter the fleet (keyset-paginated; format=csv exports every match)',
        querystring: DeviceListQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: Page(DeviceItem, 'DevicePage'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const orgId = requireAuth(req).orgId;
      const query = { ...req.query, customFields: customFieldParams(req.query) };
      if (req.query.format === 'csv') return sendCsv(reply as FastifyReply, 'devices', await devices.csv(orgId, query));
      return devices.list(orgId, query);
    },
  );

  r.post(
    '/devices',
    {
      config: { permission: 'devices:write' },
      schema: {
        tags: ['devices'],
        summary: 'Add a device without an agent (printer, spare laptop, network gear)',
        body: Type.Object({
          hostname: Type.String({ minLength: 1, maxLength: DEVICE_LIMITS.hostname }),
          displayName: Text(DEVICE_LIMITS.displayName),
          ...ReportedFields,
          tags: Type.Optional(Tags),
          notes: Text(DEVICE_LIMITS.notes),
          customFields: Type.Optional(CustomFieldInput),
        }),
        response: { 201: DeviceDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await devices.createManual(requireAuth(req).orgId, req.body)),
  );

  r.post(
    '/devices/import',
    {
      config: { permission: 'devices:write', audit: 'devices.import' },
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags: ['devices'],
        summary: 'Import devices without an agent from CSV: all rows or none',
        description:
          `A text/csv body (at most 5 MB, ${IMPORT_MAX_ROWS} devices) with a header row naming its columns: hostname (required), displayName, serialNumber, model, vendor, ` +
          'platform, osName, osVersion, tags (separated by ; or ,), notes, and cf.<key> for custom fields. Every row is checked first; ' +
          'if any is bad the answer is 400 `invalid_rows` with `details` listing up to 100 problems as { row, message } (the header is row 1) and nothing is imported. ' +
          'A row whose serialNumber (or, in a row without one, hostname) matches an existing device without an agent updates that device: ' +
          'the columns the file has are written (an empty cf.<key> cell clears that field), the others are kept; so importing a file again creates no duplicates. ' +
          'A row matching several devices, or two rows with the same key, is a problem. Devices with an agent are never changed by an import.',
        consumes: ['text/csv'],
        body: Type.String({ maxLength: IMPORT_MAX_BYTES }),
        response: {
          201: Type.Object({
            imported: Type.Integer({ description: 'Rows applied: created + updated.' }),
            created: Type.Integer(),
            updated: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const result = await devices.importCsv(requireAuth(req).orgId, req.body);
      req.auditDetails = { ...result };
      return reply.status(201).send(result);
    },
  );

  r.get(
    '/devices/:id',
    {
      config: { permission: 'devices:read' },
      schema: { tags: ['devices'], summary: 'One device with every inventory section', params: Params, response: { 200: DeviceDetail, ...errorResponses } },
    },
    async (req) => devices.get(requireAuth(req).orgId, req.params.id),
  );

  r.patch(
    '/devices/:id',
    {
      config: { permission: 'devices:write' },
      schema: {
        tags: ['devices'],
        summary: 'Edit a device: name, tags, notes, custom fields, status (approve a pending device, retire, restore)',
        description: 'hostname, serialNumber, model, vendor, platform, osName and osVersion can be edited on devices without an agent only.',
        params: Params,
        body: Type.Object({
          displayName: Text(DEVICE_LIMITS.displayName),
          tags: Type.Optional(Tags),
          notes: Text(DEVICE_LIMITS.notes),
          customFields: Type.Optional(CustomFieldInput),
          status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('retired')], { description: 'active approves a pending device or restores a retired one.' })),
          hostname: Type.Optional(Type.String({ minLength: 1, maxLength: DEVICE_LIMITS.hostname })),
          ...ReportedFields,
        }),
        response: { 200: DeviceDetail, ...errorResponses },
      },
    },
    async (req) => devices.update(requireAuth(req).orgId, req.params.id, req.body),
  );

  r.delete(
    '/devices/:id',
    {
      config: { permission: 'devices:write' },
      schema: { tags: ['devices'], summary: 'Forget a device and everything stored about it', params: Params, response: { 204: NoContent, ...errorResponses } },
    },
    async (req, reply) => {
      const deleted = await devices.delete(requireAuth(req).orgId, req.params.id);
      req.auditDetails = { before: deleted };
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/devices/:id/software',
    {
      config: { permission: 'devices:read' },
      schema: {
        tags: ['devices'],
        summary: "A device's installed packages, by name",
        params: Params,
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 256, description: 'Text in the package name.' })), limit: Limit, cursor: Cursor }),
        response: { 200: Page(SoftwareItem, 'DeviceSoftwarePage'), ...errorResponses },
      },
    },
    async (req) => devices.software(requireAuth(req).orgId, req.params.id, req.query),
  );

  r.get(
    '/devices/:id/history',
    {
      config: { permission: 'devices:read' },
      schema: {
        tags: ['devices'],
        summary: 'What changed on a device, newest first',
        params: Params,
        querystring: Type.Object({
          kind: Type.Optional(Type.String({ maxLength: 64, description: 'software.installed, os.changed, … or a family: software, os, hardware, network.' })),
          since: Type.Optional(Type.String({ format: 'date-time' })),
          limit: Limit,
          cursor: Cursor,
        }),
        response: { 200: Page(Change, 'DeviceChangePage'), ...errorResponses },
      },
    },
    async (req) => devices.history(requireAuth(req).orgId, req.params.id, req.query),
  );

  r.get(
    '/devices/:id/metrics',
    {
      config: { permission: 'devices:read' },
      schema: {
        tags: ['devices'],
        summary: 'Time series of a device (cpu, memory, disk, load, network, processes)',
        params: Params,
        querystring: Type.Object({
          from: Type.Optional(Type.String({ format: 'date-time', description: 'Default: 24 hours before to.' })),
          to: Type.Optional(Type.String({ format: 'date-time', description: 'Default: now. At most 31 days after from.' })),
          bucket: Type.Optional(
            Type.Union([Type.Literal('auto'), Type.Literal('raw'), Type.Literal('5m'), Type.Literal('1h')], {
              default: 'auto',
              description: 'auto: raw samples up to 6 h, 5-minute averages up to 48 h, hourly beyond. raw covers at most 24 h, 5m at most 7 days.',
            }),
          ),
        }),
        response: {
          200: Type.Object({ from: DateTime(), to: DateTime(), bucket: Type.Union([Type.Literal('raw'), Type.Literal('5m'), Type.Literal('1h')]), points: Type.Array(MetricPoint) }),
          ...errorResponses,
        },
      },
    },
    async (req) => devices.metrics(requireAuth(req).orgId, req.params.id, req.query),
  );
};

