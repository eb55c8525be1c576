import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Arr, LIMITS, OptInt, OptStr, Str } from './limits.js';
import {
  BrowserSection,
  HardwareSection,
  MetricsSection,
  NetworkSection,
  OsSection,
  Platform,
  SecuritySection,
  ServicesSection,
  SoftwareItem,
  SoftwareSection,
  SystemSection,
  UpdatesSection,
  UsersSection,
} from './sections.js';

/** Version of the agent ↔ server contract; carried in every report and served under /agent/v1. */
export const PROTOCOL_VERSION = 1;

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const Hash = Str(LIMITS.hash, { pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the section\'s canonical JSON, hex.' });
const Timestamp = Type.String({ format: 'date-time', maxLength: 40 });

/** What the server tells agents to do; every field has a floor so a bad value cannot make agents hammer the server. */
export const AgentConfig = Type.Object(
  {
    checkinIntervalSec: Type.Integer({ minimum: 10, maximum: 86_400, default: 60 }),
    inventoryIntervalSec: Type.Integer({ minimum: 60, maximum: 604_800, default: 900 }),
    metricsIntervalSec: Type.Integer({ minimum: 10, maximum: 86_400, default: 60 }),
    /** Sections to collect; absent means all. */
    sections: Type.Optional(Arr(Str(32), 16)),
    maxSpoolBytes: Type.Optional(Type.Integer({ minimum: 1_048_576, maximum: 1_073_741_824 })),
  },
  { $id: 'AgentConfig' },
);
export type AgentConfig = Static<typeof AgentConfig>;

export const DEFAULT_AGENT_CONFIG: AgentConfig = { checkinIntervalSec: 60, inventoryIntervalSec: 900, metricsIntervalSec: 60 };

export const AgentIdentity = Type.Object({
  version: Str(64, { description: 'Agent version.' }),
  platform: Platform,
  arch: Str(32),
});

// --- Enrollment ---------------------------------------------------------------------------------

export const EnrollRequest = Type.Object(
  {
    token: Str(256, { minLength: 8, description: 'Enrollment token from the console.' }),
    agent: AgentIdentity,
    hostname: Str(LIMITS.name, { minLength: 1 }),
    hardwareUuid: OptStr(64),
    machineId: OptStr(64),
    serialNumber: OptStr(LIMITS.name),
    os: Type.Object({ name: Str(LIMITS.name), version: Str(LIMITS.version) }),
  },
  { $id: 'EnrollRequest' },
);
export type EnrollRequest = Static<typeof EnrollRequest>;

export const EnrollResponse = Type.Object(
  {
    deviceId: Uuid,
    /** The device's secret: sent once, kept by the agent in a 0600 file, sent as `Authorization: Bearer`. */
    credential: Str(256),
    status: Type.Union([Type.Literal('active'), Type.Literal('pending')], { description: 'pending: waits for an operator to approve it.' }),
    config: AgentConfig,
  },
  { $id: 'EnrollResponse' },
);
export type EnrollResponse = Static<typeof EnrollResponse>;

// --- Check-in -----------------------------------------------------------------------------------

export const CheckinRequest = Type.Object(
  {
    agent: AgentIdentity,
    /** Hash of the inventory state the agent last had acknowledged (see `stateHash`). */
    stateHash: Type.Optional(Hash),
    /** Unacknowledged reports waiting in the agent's spool. */
    spooledReports: OptInt(),
    uptimeSeconds: OptInt(),
  },
  { $id: 'CheckinRequest' },
);
export type CheckinRequest = Static<typeof CheckinRequest>;

export const WorkItem = Type.Object({
  id: Uuid,
  type: Type.Union([Type.Literal('job'), Type.Literal('deployment'), Type.Literal('collect')]),
  /** Opaque to the transport; validated by the agent's handler for its type. */
  payload: Type.Unknown(),
  expiresAt: Type.Optional(Timestamp),
});
export type WorkItem = Static<typeof WorkItem>;

export const CheckinResponse = Type.Object(
  {
    serverTime: Timestamp,
    config: AgentConfig,
    /** The server's stored state differs from the agent's: send a full report next. */
    fullReportRequested: Type.Boolean(),
    work: Arr(WorkItem, LIMITS.workItems),
    /** Credential rotation: the agent stores the new credential, then uses it from the next request on. */
    newCredential: Type.Optional(Str(256)),
  },
  { $id: 'CheckinResponse' },
);
export type CheckinResponse = Static<typeof CheckinResponse>;

// --- Reports ------------------------------------------------------------------------------------

export const SectionError = Type.Object({
  code: Str(64, { description: 'timeout, permission, unsupported, failed' }),
  message: Str(LIMITS.text),
});
export type SectionError = Static<typeof SectionError>;

/** A section as sent: its hash and either its data or why it could not be collected. */
const Entry = <T extends TSchema>(data: T) =>
  Type.Optional(Type.Union([Type.Object({ hash: Hash, data }), Type.Object({ hash: Hash, error: SectionError })]));

export const ReportSections = Type.Object({
  system: Entry(SystemSection),
  os: Entry(OsSection),
  hardware: Entry(HardwareSection),
  software: Entry(SoftwareSection),
  updates: Entry(UpdatesSection),
  security: Entry(SecuritySection),
  network: Entry(NetworkSection),
  users: Entry(UsersSection),
  services: Entry(ServicesSection),
  browser: Entry(BrowserSection),
});
export type ReportSections = Static<typeof ReportSections>;

export const SoftwareDelta = Type.Object({
  /** Hash of the software section this delta applies to. */
  baseHash: Hash,
  /** Hash of the software section after applying it. */
  hash: Hash,
  added: Arr(SoftwareItem, LIMITS.softwareItems),
  removed: Arr(Type.Object({ name: Str(LIMITS.name), source: Str(32), arch: OptStr(32), user: OptStr(LIMITS.name), version: Str(LIMITS.version) }), LIMITS.softwareItems),
  /** Same identity (name, source, arch, user), new version. */
  updated: Arr(SoftwareItem, LIMITS.softwareItems),
});
export type SoftwareDelta = Static<typeof SoftwareDelta>;

const ReportBase = {
  protocol: Type.Literal(PROTOCOL_VERSION),
  /** Unique per report: the server records it, so a report sent twice is applied once. */
  reportId: Uuid,
  /** Increases by one with each report the agent creates; orders reports of one device. */
  sequence: Type.Integer({ minimum: 0 }),
  collectedAt: Timestamp,
  agent: AgentIdentity,
};

export const FullReport = Type.Object(
  {
    ...ReportBase,
    kind: Type.Literal('full'),
    sections: ReportSections,
  },
  { $id: 'FullReport' },
);
export type FullReport = Static<typeof FullReport>;

export const DeltaReport = Type.Object(
  {
    ...ReportBase,
    kind: Type.Literal('delta'),
    /** `stateHash` of the state this delta builds on; when the server holds another, it asks for a full report. */
    baseStateHash: Hash,
    /** Sections whose content changed, in full (software only through `softwareDelta`). */
    sections: ReportSections,
    softwareDelta: Type.Optional(SoftwareDelta),
  },
  { $id: 'DeltaReport' },
);
export type DeltaReport = Static<typeof DeltaReport>;

export const MetricsReport = Type.Object(
  {
    ...ReportBase,
    kind: Type.Literal('metrics'),
    samples: Arr(MetricsSection, LIMITS.metricsSamples, { minItems: 1 }),
  },
  { $id: 'MetricsReport' },
);
export type MetricsReport = Static<typeof MetricsReport>;

export const WorkResultReport = Type.Object(
  {
    ...ReportBase,
    kind: Type.Literal('result'),
    workId: Uuid,
    status: Type.Union([Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('timeout'), Type.Literal('rejected')]),
    exitCode: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    stdout: Type.Optional(Str(65_536)),
    stderr: Type.Optional(Str(65_536)),
    truncated: Type.Optional(Type.Boolean()),
    startedAt: Type.Optional(Timestamp),
    finishedAt: Type.Optional(Timestamp),
  },
  { $id: 'WorkResultReport' },
);
export type WorkResultReport = Static<typeof WorkResultReport>;

export const Report = Type.Union([FullReport, DeltaReport, MetricsReport, WorkResultReport], { $id: 'Report' });
export type Report = Static<typeof Report>;

export const ReportAccepted = Type.Object(
  {
    reportId: Uuid,
    /** accepted: queued durably; duplicate: this id was seen before and nothing changes. */
    status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate')]),
  },
  { $id: 'ReportAccepted' },
);
export type ReportAccepted = Static<typeof ReportAccepted>;

// --- Errors -------------------------------------------------------------------------------------

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Str(64, { description: 'Stable, machine-readable: validation_failed, unauthorized, not_found, …' }),
      message: Str(LIMITS.longText),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBody>;

// --- Push (WebSocket /agent/v1/ws) --------------------------------------------------------------

export const PushMessage = Type.Union(
  [
    Type.Object({ type: Type.Literal('work'), count: Type.Integer({ minimum: 0 }) }),
    Type.Object({ type: Type.Literal('collect'), sections: Type.Optional(Arr(Str(32), 16)) }),
    Type.Object({ type: Type.Literal('config'), config: AgentConfig }),
    Type.Object({ type: Type.Literal('ping') }),
  ],
  { $id: 'PushMessage' },
);
export type PushMessage = Static<typeof PushMessage>;
