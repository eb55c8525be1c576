/**
 * Friendly names for the API's shapes. Everything here is derived from schema.d.ts (generated from
 * the server's OpenAPI document), so a change on the server shows up as a type error here.
 */
import type { components, paths } from './schema';

type Schemas = components['schemas'];
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never
  : never;

export type DeviceListItem = Schemas['DeviceListItem'];
export type DeviceSoftware = Schemas['DeviceSoftware'];
export type DeviceChange = Schemas['DeviceChange'];
export type MetricPoint = Schemas['MetricPoint'];
export type User = Schemas['User'];
export type Invitation = Schemas['Invitation'];
export type ApiKey = Schemas['ApiKey'];
export type EnrollmentToken = Schemas['EnrollmentToken'];
export type AuditEntry = Schemas['AuditEntry'];
export type SoftwareTitle = Schemas['SoftwareTitle'];
export type SoftwareVersion = Schemas['SoftwareVersion'];
export type Organization = Schemas['Organization'];
export type CustomField = Schemas['CustomField'];
export type CustomFieldType = CustomField['type'];
export type Role = User['role'];

export type Device = Ok<'/api/v1/devices/{id}', 'get'>;
export type Me = Ok<'/api/v1/auth/me', 'get'>;
export type Session = Ok<'/api/v1/auth/login', 'post'>;
export type FleetSummary = Ok<'/api/v1/fleet/summary', 'get'>;
export type DeviceList = Ok<'/api/v1/devices', 'get'>;
export type DeviceQuery = NonNullable<paths['/api/v1/devices']['get']['parameters']['query']>;
export type DeviceSort = NonNullable<DeviceQuery['sort']>;
export type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;
export type MetricsResponse = Ok<'/api/v1/devices/{id}/metrics', 'get'>;
export type CreatedApiKey = Ok<'/api/v1/api-keys', 'post'>;
export type CreatedEnrollmentToken = Ok<'/api/v1/enrollment-tokens', 'post'>;
export type CreatedInvitation = Ok<'/api/v1/users/invitations', 'post'>;
export type TotpSetup = Ok<'/api/v1/auth/totp/setup', 'post'>;
export type RotatedApiKey = Ok<'/api/v1/api-keys/{id}/rotate', 'post'>;
export type ImportResult = Ok<'/api/v1/devices/import', 'post'>;

/** What an agent reports per inventory section: the `data` side of the full report's sections. */
type Sections = NonNullable<Schemas['FullReport']['sections']>;
export type SectionName = keyof Sections;
export type SectionData<K extends SectionName> = Extract<NonNullable<Sections[K]>, { data: unknown }>['data'];
