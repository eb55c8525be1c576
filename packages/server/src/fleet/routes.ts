import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireAuth } from '../auth/plugin.js';
import { errorResponses } from '../http/errors.js';
import { Nullable } from '../devices/schemas.js';
import type { FleetService } from './service.js';

const Buckets = (description: string) =>
  Type.Array(Type.Object({ key: Nullable(Type.String({ description: 'null: not known.' })), count: Type.Integer() }), { description });

const Summary = Type.Object(
  {
    total: Type.Integer({ description: 'Devices not retired.' }),
    online: Type.Integer(),
    offline: Type.Integer({ description: 'Approved agents not seen within the offline threshold.' }),
    pending: Type.Integer({ description: 'Enrolled, waiting for approval.' }),
    retired: Type.Integer(),
    manual: Type.Integer({ description: 'Devices without an agent (not retired).' }),
    byPlatform: Buckets('Devices per platform (not retired).'),
    byOs: Buckets('Per OS name and version, at most 50.'),
    byModel: Buckets('Per hardware model, the top 20.'),
    byAgentVersion: Buckets('Per agent version, at most 50.'),
    newDevicesByDay: Type.Array(Type.Object({ day: Type.String({ format: 'date' }), count: Type.Integer() }), { description: 'Devices added per UTC day, the last 30 days.' }),
    topSoftware: Type.Array(
      Type.Object({ name: Type.String(), source: Type.String(), publisher: Nullable(Type.String()), versions: Type.Integer(), devices: Type.Integer() }),
      { description: 'The 10 titles on the most devices.' },
    ),
  },
  { $id: 'FleetSummary' },
);

export const fleetRoutes: FastifyPluginAsync<{ fleet: FleetService }> = async (app, { fleet }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/fleet/summary',
    {
      config: { permission: 'devices:read' },
      schema: { tags: ['fleet'], summary: 'Fleet at a glance: status counts, breakdowns, new devices, top software', response: { 200: Summary, ...errorResponses } },
    },
    async (req) => fleet.summary(requireAuth(req).orgId),
  );
};
