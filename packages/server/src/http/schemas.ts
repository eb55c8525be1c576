import { Type } from '@sinclair/typebox';

/** A timestamp in a response: stores hand out Date objects, the serializer writes ISO 8601. */
export const DateTime = (options: { description?: string } = {}) => Type.Unsafe<Date | string>({ type: 'string', format: 'date-time', ...options });
export const NullableDateTime = (options: { description?: string } = {}) =>
  Type.Unsafe<Date | string | null>({ anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }], ...options });
export const Uuid = (options: { description?: string } = {}) => Type.String({ format: 'uuid', maxLength: 36, ...options });
