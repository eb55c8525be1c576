import { randomUUID } from 'node:crypto';
import {
  DEFAULT_AGENT_CONFIG,
  INVENTORY_SECTIONS,
  Report,
  stateHash,
  validate,
  type AgentConfig,
  type CheckinRequest,
  type InventorySectionName,
  type WorkItem,
} from '@muster/protocol';
import { startServer, type Reply, type TestServer } from './server.js';

/**
 * A stand-in for the server's agent API, just faithful enough for the runner: it validates
 * reports, keeps the device's section hashes, refuses a delta whose base is not what it holds
 * (409 full_report_required), and can be told to fail in the ways a real server does.
 */
export interface FakeApi {
  url: string;
  http: TestServer;
  credential: string;
  deviceId: string;
  /** Section hashes the "server" holds for the device. */
  hashes: Partial<Record<InventorySectionName, string>> | null;
  reports: Report[];
  checkins: CheckinRequest[];
  /** Set to make every request fail with this reply. */
  outage: Reply | undefined;
  /** Extra fields / overrides for the next check-in responses. */
  checkinExtra: Record<string, unknown>;
  work: WorkItem[];
  config: AgentConfig;
  /** Refuse the next report of this kind with a 400. */
  rejectNext: string | undefined;
  /** Refuse every report of these kinds with a 400 (and count them). */
  rejectAlways: Set<string>;
  refused: number;
  close: () => Promise<void>;
}

export async function startFakeApi(): Promise<FakeApi> {
  const http = await startServer();
  const api: FakeApi = {
    url: http.url,
    http,
    credential: 'device-credential-0123456789',
    deviceId: randomUUID(),
    hashes: null,
    reports: [],
    checkins: [],
    outage: undefined,
    checkinExtra: {},
    work: [],
    config: { ...DEFAULT_AGENT_CONFIG },
    rejectNext: undefined,
    rejectAlways: new Set(),
    refused: 0,
    close: () => http.close(),
  };
  const authorized = (auth: string | undefined) => auth === `Bearer ${api.credential}`;
  const unauthorized: Reply = { status: 401, body: { error: { code: 'unauthorized', message: 'unknown or revoked credential' } } };

  http.handle('/agent/v1/enroll', (req) => {
    if (api.outage) return api.outage;
    const body = req.json as { token?: string };
    if (body.token !== 'enroll-token-1234') return { status: 401, body: { error: { code: 'invalid_token', message: 'enrollment token unknown or expired' } } };
    return { status: 201, body: { deviceId: api.deviceId, credential: api.credential, status: 'active', config: api.config } };
  });

  http.handle('/agent/v1/checkin', (req) => {
    if (api.outage) return api.outage;
    if (!authorized(req.headers.authorization)) return unauthorized;
    api.checkins.push(req.json as CheckinRequest);
    const response: Record<string, unknown> = { serverTime: new Date().toISOString(), config: api.config, fullReportRequested: false, work: api.work, ...api.checkinExtra };
    api.work = [];
    // A rotated credential replaces the old one from the next request on.
    if (typeof response.newCredential === 'string') api.credential = response.newCredential;
    return { status: 200, body: response };
  });

  http.handle('/agent/v1/reports', (req) => {
    if (api.outage) return api.outage;
    if (!authorized(req.headers.authorization)) return unauthorized;
    const checked = validate(Report, req.json);
    if (!checked.ok) return { status: 400, body: { error: { code: 'validation_failed', message: 'invalid report', details: checked.issues } } };
    const report = checked.value;
    if (api.rejectNext === report.kind || api.rejectAlways.has(report.kind)) {
      api.rejectNext = undefined;
      api.refused++;
      return { status: 400, body: { error: { code: 'validation_failed', message: 'refused for the test' } } };
    }
    if (api.reports.some((r) => r.reportId === report.reportId)) return { status: 202, body: { reportId: report.reportId, status: 'duplicate' } };
    if (report.kind === 'delta') {
      if (!api.hashes || stateHash(api.hashes) !== report.baseStateHash) {
        return { status: 409, body: { error: { code: 'full_report_required', message: 'the stored state differs from the delta base' } } };
      }
      for (const name of INVENTORY_SECTIONS) {
        const entry = report.sections[name];
        if (entry) api.hashes[name] = entry.hash;
      }
      if (report.softwareDelta) {
        if (api.hashes.software !== report.softwareDelta.baseHash) return { status: 409, body: { error: { code: 'full_report_required', message: 'software base differs' } } };
        api.hashes.software = report.softwareDelta.hash;
      }
    }
    if (report.kind === 'full') {
      api.hashes = {};
      for (const name of INVENTORY_SECTIONS) {
        const entry = report.sections[name];
        if (entry) api.hashes[name] = entry.hash;
      }
    }
    api.reports.push(report);
    return { status: 202, body: { reportId: report.reportId, status: 'accepted' } };
  });
  return api;
}
