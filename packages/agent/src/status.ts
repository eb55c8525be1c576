import type { AgentPaths } from './config.js';
import { atomicWriteJson, isRecord, readJsonFile } from './fsutil.js';
import type { SpoolStats } from './spool.js';

/** What the runner last knew, for `muster-agent status` (which must not touch the spool of a running agent). */
export interface AgentStatus {
  pid: number;
  updatedAt: string;
  server: string;
  deviceId: string;
  /** Last time the server answered anything but an error. */
  lastContactAt?: string;
  lastError?: { at: string; message: string };
  spool: SpoolStats;
  pushConnected: boolean;
  /** Reports the server refused as malformed since the agent started; they were dropped. */
  rejectedReports: number;
  credentialRefused: boolean;
  fullReportPending: boolean;
}

export function writeStatus(paths: AgentPaths, status: AgentStatus): void {
  atomicWriteJson(paths.statusFile, status);
}

export function readStatus(paths: AgentPaths): AgentStatus | undefined {
  try {
    const raw = readJsonFile(paths.statusFile);
    return isRecord(raw) ? (raw as unknown as AgentStatus) : undefined;
  } catch {
    return undefined;
  }
}
