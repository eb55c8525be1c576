import fs from 'node:fs';
import os from 'node:os';
import { EnrollResponse, validate, type EnrollRequest, type SectionName } from '@muster/protocol';
import { collect as collectSystem, type CollectedSections } from './collectors/index.js';
import {
  AgentError,
  acquireLock,
  ensureStateDir,
  normalizePin,
  normalizeServerUrl,
  readAgentFile,
  writeAgentFile,
  writeCredential,
  writeServerConfig,
  type AgentPaths,
} from './config.js';
import type { Logger } from './log.js';
import { InventoryStore, agentPlatform, type AgentIdentity } from './state.js';
import { Transport, TlsSetupError } from './transport.js';
import { AGENT_VERSION } from './version.js';
import { isoString } from './time.js';

export interface EnrollOptions {
  paths: AgentPaths;
  server: string;
  token: string;
  caFile?: string;
  pin?: string;
  log: Logger;
  collect?: (options: { sections: SectionName[] }) => Promise<CollectedSections>;
  identity?: AgentIdentity;
}

export interface EnrollResult {
  deviceId: string;
  status: 'active' | 'pending';
  reenrolled: boolean;
}

function clip(value: string | null | undefined, max: number): string | undefined {
  return value ? value.slice(0, max) : undefined;
}

/** What enrollment tells the server about the machine: from the system and os collectors, with node:os as the fallback. */
export function enrollmentFacts(collected: CollectedSections): Omit<EnrollRequest, 'token' | 'agent'> {
  const system = collected.system && 'data' in collected.system ? collected.system.data : undefined;
  const osData = collected.os && 'data' in collected.os ? collected.os.data : undefined;
  const facts: Omit<EnrollRequest, 'token' | 'agent'> = {
    hostname: clip(system?.hostname, 256) || clip(os.hostname(), 256) || 'unknown',
    os: { name: clip(osData?.name, 256) ?? os.type(), version: clip(osData?.version, 128) ?? os.release() },
  };
  const hardwareUuid = clip(system?.hardwareUuid, 64);
  const machineId = clip(system?.machineId, 64);
  const serialNumber = clip(system?.serialNumber, 256);
  if (hardwareUuid) facts.hardwareUuid = hardwareUuid;
  if (machineId) facts.machineId = machineId;
  if (serialNumber) facts.serialNumber = serialNumber;
  return facts;
}

/**
 * Exchanges an enrollment token for the device's credential and writes the state directory:
 * agent.json, the 0600 credential file and the server's config. The token is used once and
 * never stored or logged.
 */
export async function enroll(options: EnrollOptions): Promise<EnrollResult> {
  const server = normalizeServerUrl(options.server);
  const pin = options.pin ? normalizePin(options.pin) : undefined;
  if (options.caFile && !fs.existsSync(options.caFile)) throw new AgentError(`--ca-file: ${options.caFile} does not exist`, 2);
  if (options.token.length < 8 || options.token.length > 256) throw new AgentError('--token: an enrollment token is 8 to 256 characters', 2);

  ensureStateDir(options.paths);
  const release = acquireLock(options.paths);
  try {
    const previous = readAgentFileQuietly(options.paths);
    const collected = await (options.collect ?? ((o) => collectSystem({ sections: o.sections, timeoutMs: 30_000 })))({ sections: ['system', 'os'] });
    const identity = options.identity ?? { version: AGENT_VERSION, platform: agentPlatform(), arch: process.arch };
    const request: EnrollRequest = { token: options.token, agent: identity, ...enrollmentFacts(collected) };

    let transport: Transport;
    try {
      transport = new Transport({ server, caFile: options.caFile, pin });
    } catch (error) {
      if (error instanceof TlsSetupError) throw new AgentError(error.message);
      throw error;
    }
    const outcome = await transport.post('/agent/v1/enroll', request, { auth: false });
    transport.close();
    switch (outcome.kind) {
      case 'retry':
        throw new AgentError(`cannot enroll: ${server} is unreachable or failing (${outcome.message})`);
      case 'auth':
      case 'rejected':
      case 'full_report_required':
        throw new AgentError(`enrollment refused by the server (HTTP ${outcome.status}): ${outcome.message}`);
      case 'ok':
        break;
    }
    const checked = validate(EnrollResponse, outcome.body);
    if (!checked.ok) throw new AgentError(`the server's enrollment response is malformed (${checked.issues.map((i) => `${i.path} ${i.message}`).join('; ')})`);
    const response = checked.value;

    // Credential first: an agent.json without its credential would look enrolled and fail.
    writeCredential(options.paths, response.credential);
    writeServerConfig(options.paths, response.config);
    const file: Parameters<typeof writeAgentFile>[1] = { server, deviceId: response.deviceId, enrolledAt: isoString(), status: response.status };
    if (options.caFile) file.caFile = options.caFile;
    if (pin) file.pin = pin;
    if (previous?.limits) file.limits = previous.limits;
    writeAgentFile(options.paths, file);
    // A new device identity starts from nothing on the server: the first report must be full.
    new InventoryStore(options.paths.inventoryFile).reset();
    options.log.info('enrolled', { server, deviceId: response.deviceId, status: response.status });
    return { deviceId: response.deviceId, status: response.status, reenrolled: previous !== undefined };
  } finally {
    release();
  }
}

function readAgentFileQuietly(paths: AgentPaths) {
  try {
    return readAgentFile(paths);
  } catch {
    return undefined;
  }
}
