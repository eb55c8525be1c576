import { Type, type TSchema, type StringOptions, type ArrayOptions } from '@sinclair/typebox';

/**
 * Every string and array on the wire has an explicit bound, so the server can refuse oversized
 * input precisely (a 413/400 naming the field) instead of running out of memory.
 */
export const Str = (maxLength: number, options: StringOptions = {}) => Type.String({ maxLength, ...options });
export const OptStr = (maxLength: number, options: StringOptions = {}) => Type.Optional(Type.Union([Str(maxLength, options), Type.Null()]));
export const Arr = <T extends TSchema>(item: T, maxItems: number, options: ArrayOptions = {}) => Type.Array(item, { maxItems, ...options });
export const OptInt = (options: { minimum?: number; maximum?: number; description?: string } = {}) =>
  Type.Optional(Type.Union([Type.Integer({ minimum: 0, ...options }), Type.Null()]));
export const OptNum = (options: { minimum?: number; maximum?: number; description?: string } = {}) =>
  Type.Optional(Type.Union([Type.Number(options), Type.Null()]));
export const OptBool = (description?: string) => Type.Optional(Type.Union([Type.Boolean(), Type.Null()], description ? { description } : {}));
/** An ISO 8601 timestamp or date, as agents read it from the system; not reparsed on the agent. */
export const OptDate = (description?: string) => Type.Optional(Type.Union([Str(40), Type.Null()], description ? { description } : {}));

export const LIMITS = {
  name: 256,
  text: 1024,
  longText: 4096,
  path: 1024,
  version: 128,
  hash: 64,
  softwareItems: 20_000,
  services: 5_000,
  listeningPorts: 5_000,
  interfaces: 512,
  addressesPerInterface: 256,
  users: 5_000,
  extensions: 5_000,
  disks: 256,
  volumes: 1_024,
  memoryModules: 256,
  updates: 10_000,
  processes: 50,
  workItems: 100,
  metricsSamples: 1_440,
} as const;
