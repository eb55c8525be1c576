import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireAuth } from '../auth/plugin.js';
import { errorResponses, NoContent } from '../http/errors.js';
import { DateTime } from '../http/schemas.js';
import { MAX_CHOICES, type CustomFieldsService } from './service.js';

const FieldType = Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('date'), Type.Literal('choice')], {
  description: 'text (≤ 1024 characters), number, date (YYYY-MM-DD) or choice (one of `choices`).',
});
const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', maxLength: 40, description: 'Stable identifier; also the `cf.<key>` filter of the device list and the CSV column.' });
const Choices = Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: MAX_CHOICES });

const CustomField = Type.Object(
  {
    key: Type.String(),
    label: Type.String(),
    type: FieldType,
    choices: Type.Array(Type.String()),
    createdAt: DateTime(),
    updatedAt: DateTime(),
  },
  { $id: 'CustomField' },
);

export const customFieldRoutes: FastifyPluginAsync<{ customFields: CustomFieldsService }> = async (app, { customFields }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/custom-fields',
    {
      config: { permission: 'devices:read' },
      schema: { tags: ['custom fields'], summary: 'Custom fields defined for the organisation\'s devices', response: { 200: Type.Object({ items: Type.Array(CustomField) }), ...errorResponses } },
    },
    async (req) => ({ items: await customFields.list(requireAuth(req).orgId) }),
  );

  r.post(
    '/custom-fields',
    {
      config: { permission: 'org:write' },
      schema: {
        tags: ['custom fields'],
        summary: 'Define a custom field',
        body: Type.Object({ key: Key, label: Type.String({ minLength: 1, maxLength: 200 }), type: FieldType, choices: Type.Optional(Choices) }),
        response: { 201: CustomField, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await customFields.create(requireAuth(req).orgId, req.body)),
  );

  r.patch(
    '/custom-fields/:key',
    {
      config: { permission: 'org:write' },
      schema: {
        tags: ['custom fields'],
        summary: 'Rename a custom field or change its choices (the type cannot change)',
        params: Type.Object({ key: Key }),
        body: Type.Object({ label: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), type: Type.Optional(FieldType), choices: Type.Optional(Choices) }),
        response: { 200: CustomField, ...errorResponses },
      },
    },
    async (req) => customFields.update(requireAuth(req).orgId, req.params.key, req.body),
  );

  r.delete(
    '/custom-fields/:key',
    {
      config: { permission: 'org:write' },
      schema: { tags: ['custom fields'], summary: 'Delete a custom field and every device\'s value for it', params: Type.Object({ key: Key }), response: { 204: NoContent, ...errorResponses } },
    },
    async (req, reply) => {
      await customFields.delete(requireAuth(req).orgId, req.params.key);
      return reply.status(204).send(null);
    },
  );
};
