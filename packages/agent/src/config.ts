import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AgentConfig, DEFAULT_AGENT_CONFIG, validate } from '@muster/protocol';
import { atomicWriteFile, atomicWriteJson, isRecord, readJsonFile } from './fsutil.js';

/**
 * Where the agent keeps its files, and what they hold:
 *
 *   agent.json      server URL, device id, optional CA file and certificate pin (not secret)
 *   credential      the device's secret, alone in a 0600 file (never in agent.json, never logged)
 *   config.json     the AgentConfig the server sent last
 *   inventory.json  the inventory state reports are built against (see state.ts)
 *   sequence        the next report sequence number
 *   status.json     what `muster-agent status` shows, written by the runner
 *   agent.lock      pid of the agent process that owns the directory
 *   spool/          reports waiting for the server (see spool.ts)
 */

export class AgentError extends Error {
  /** A problem the user can fix; the CLI prints the message alone, without a stack. */
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export function defaultStateDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  isRoot: boolean = typeof process.getuid === 'function' && process.getuid() === 0,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Muster');
  // The system locations need root; an agent tried out by a normal user keeps to its home.
  if (platform === 'darwin' && isRoot) return '/Library/Application Support/Muster';
  if (platform === 'linux' && isRoot) return '/var/lib/muster-agent';
  return path.join(home, '.muster-agent');
}

export interface AgentPaths {
  dir: string;
  agentFile: string;
  credentialFile: string;
  configFile: string;
  inventoryFile: string;
  sequenceFile: string;
  statusFile: string;
  lockFile: string;
  spoolDir: string;
}

export function agentPaths(stateDir: string = defaultStateDir()): AgentPaths {
  const dir = path.resolve(stateDir);
  return {
    dir,
    agentFile: path.join(dir, 'agent.json'),
    credentialFile: path.join(dir, 'credential'),
    configFile: path.join(dir, 'config.json'),
    inventoryFile: path.join(dir, 'inventory.json'),
    sequenceFile: path.join(dir, 'sequence'),
    statusFile: path.join(dir, 'status.json'),
    lockFile: path.join(dir, 'agent.lock'),
    spoolDir: path.join(dir, 'spool'),
  };
}

export function ensureStateDir(paths: AgentPaths): void {
  // 0700: the spool holds the device's inventory, which is nobody else's business on the machine.
  fs.mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
}

// --- agent.json ---------------------------------------------------------------------------------

export interface AgentFile {
  server: string;
  deviceId: string;
  /** PEM file with extra CA certificates to trust (a private CA or a self-signed server). */
  caFile?: string;
  /** SHA-256 of the server certificate (DER), 64 hex digits: the connection fails unless it matches. */
  pin?: string;
  enrolledAt: string;
  /** As the server said at enrollment: pending devices wait for an operator's approval. */
  status?: 'active' | 'pending';
  /** Local overrides of the self-limits (watchdog); absent means the defaults. */
  limits?: { maxRssBytes?: number; cpuBudgetPercent?: number };
}

/** Normalises a server URL (http or https, no trailing slash); throws AgentError when it is not one. */
export function normalizeServerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AgentError(`--server: "${value}" is not a URL (expected https://host[:port])`, 2);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AgentError(`--server: scheme must be https or http, not ${url.protocol}`, 2);
  if (url.username || url.password) throw new AgentError('--server: credentials in the URL are not allowed', 2);
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

/** Accepts a SHA-256 fingerprint as 64 hex digits, with or without colons (as openssl prints it); returns lower-case hex. */
export function normalizePin(value: string): string {
  const hex = value.replace(/:/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new AgentError('--pin: expected the SHA-256 fingerprint of the server certificate (64 hex digits, colons allowed)', 2);
  return hex;
}

export function readAgentFile(paths: AgentPaths): AgentFile | undefined {
  let raw: unknown;
  try {
    raw = readJsonFile(paths.agentFile);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new AgentError(`cannot read ${paths.agentFile}: permission denied (run as root, or as Administrator on Windows)`);
    throw new AgentError(`${paths.agentFile} is unreadable (${(error as Error).message}); re-enroll with muster-agent enroll`);
  }
  if (raw === undefined) return undefined;
  if (!isRecord(raw) || typeof raw.server !== 'string' || typeof raw.deviceId !== 'string') {
    throw new AgentError(`${paths.agentFile} is not a valid agent file; re-enroll with muster-agent enroll`);
  }
  const file: AgentFile = { server: raw.server, deviceId: raw.deviceId, enrolledAt: typeof raw.enrolledAt === 'string' ? raw.enrolledAt : '' };
  if (typeof raw.caFile === 'string') file.caFile = raw.caFile;
  if (typeof raw.pin === 'string') file.pin = raw.pin;
  if (raw.status === 'active' || raw.status === 'pending') file.status = raw.status;
  if (isRecord(raw.limits)) {
    const limits: NonNullable<AgentFile['limits']> = {};
    if (typeof raw.limits.maxRssBytes === 'number' && raw.limits.maxRssBytes > 0) limits.maxRssBytes = raw.limits.maxRssBytes;
    if (typeof raw.limits.cpuBudgetPercent === 'number' && raw.limits.cpuBudgetPercent > 0) limits.cpuBudgetPercent = raw.limits.cpuBudgetPercent;
    file.limits = limits;
  }
  return file;
}

export function writeAgentFile(paths: AgentPaths, file: AgentFile): void {
  atomicWriteJson(paths.agentFile, file, { mode: 0o644 });
}

// --- credential ---------------------------------------------------------------------------------

export function writeCredential(paths: AgentPaths, credential: string): void {
  atomicWriteFile(paths.credentialFile, credential, { mode: 0o600 });
  // Belt and braces: whatever the rename carried over, the file ends up 0600.
  if (process.platform !== 'win32') fs.chmodSync(paths.credentialFile, 0o600);
}

/**
 * The device credential. Refuses a file that others can read: a leaked credential lets anyone
 * impersonate the device, so the agent would rather stop and say how to fix it. (On Windows the
 * mode bits mean nothing; the install script restricts the directory's ACL instead.)
 */
export function readCredential(paths: AgentPaths, platform: NodeJS.Platform = process.platform): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(paths.credentialFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AgentError(`no credential at ${paths.credentialFile}: enroll first with muster-agent enroll --server URL --token TOKEN`);
    throw error;
  }
  if (platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
    throw new AgentError(
      `${paths.credentialFile} is readable by other users (mode ${mode}); refusing to use it. Fix with: chmod 600 '${paths.credentialFile}' ` +
        `(and consider rotating the credential by re-enrolling)`,
    );
  }
  const credential = fs.readFileSync(paths.credentialFile, 'utf8').trim();
  if (!credential) throw new AgentError(`${paths.credentialFile} is empty; re-enroll with muster-agent enroll`);
  return credential;
}

// --- config.json (from the server) ---------------------------------------------------------------

/** Floors that hold whatever the server (or a hand-edited file) says, so a bad value cannot make the agent hammer anything. */
export const CONFIG_FLOORS = { checkinIntervalSec: 10, inventoryIntervalSec: 60, metricsIntervalSec: 10, maxSpoolBytes: 1_048_576 } as const;
export const DEFAULT_MAX_SPOOL_BYTES = 64 * 1024 * 1024;

export function withFloors(config: AgentConfig): AgentConfig {
  const out: AgentConfig = {
    ...config,
    checkinIntervalSec: Math.max(CONFIG_FLOORS.checkinIntervalSec, config.checkinIntervalSec),
    inventoryIntervalSec: Math.max(CONFIG_FLOORS.inventoryIntervalSec, config.inventoryIntervalSec),
    metricsIntervalSec: Math.max(CONFIG_FLOORS.metricsIntervalSec, config.metricsIntervalSec),
  };
  if (config.maxSpoolBytes !== undefined) out.maxSpoolBytes = Math.max(CONFIG_FLOORS.maxSpoolBytes, config.maxSpoolBytes);
  return out;
}

/** The persisted server config; the defaults when there is none or it does not validate. */
export function readServerConfig(paths: AgentPaths): { config: AgentConfig; problem?: string } {
  let raw: unknown;
  try {
    raw = readJsonFile(paths.configFile);
  } catch (error) {
    return { config: { ...DEFAULT_AGENT_CONFIG }, problem: `${paths.configFile}: ${(error as Error).message}` };
  }
  if (raw === undefined) return { config: { ...DEFAULT_AGENT_CONFIG } };
  const checked = validate(AgentConfig, raw);
  if (!checked.ok) return { config: { ...DEFAULT_AGENT_CONFIG }, problem: `${paths.configFile}: ${checked.issues.map((i) => `${i.path} ${i.message}`).join('; ')}` };
  return { config: withFloors(checked.value) };
}

export function writeServerConfig(paths: AgentPaths, config: AgentConfig): void {
  atomicWriteJson(paths.configFile, withFloors(config));
}

// --- the lock ------------------------------------------------------------------------------------

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid holding the state directory, if a live process does. */
export function lockHolder(paths: AgentPaths): number | undefined {
  try {
    const pid = Number(fs.readFileSync(paths.lockFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && pidAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One agent process per state directory: two writers would interleave spool appends. A lock
 * left behind by a killed agent (its pid no longer runs) is taken over.
 */
export function acquireLock(paths: AgentPaths): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(paths.lockFile, 'wx', 0o644);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(paths.lockFile, 'utf8').trim() === String(process.pid)) fs.rmSync(paths.lockFile, { force: true });
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(paths);
      if (holder !== undefined && holder !== process.pid) throw new AgentError(`another muster-agent (pid ${holder}) is using ${paths.dir}`);
      fs.rmSync(paths.lockFile, { force: true });
    }
  }
  throw new AgentError(`cannot take the lock ${paths.lockFile}`);
}
