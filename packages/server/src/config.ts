import path from 'node:path';

/**
 * Every setting Muster reads from the environment, in one place. The README's configuration table
 * mirrors `SETTINGS` below; a test keeps the two in step.
 */
export interface Config {
  databaseUrl: string | undefined;
  natsUrl: string | undefined;
  host: string;
  port: number;
  dataDir: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  dbPoolSize: number;
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
  jwtSecret: string | undefined;
  trustProxy: boolean;
  workers: boolean;
  ingestBatchSize: number;
  ingestAckWaitMs: number;
  natsNamespace: string;
  /** Requests per minute per client address; 0 turns the limit off. */
  rateLimitIp: number;
  /** Requests per minute per user or API key on /api/v1; 0 turns the limit off. */
  rateLimitUser: number;
  /** Requests per minute per device credential on /agent/v1; 0 turns the limit off. */
  rateLimitDevice: number;
  /** Browser origins allowed to call the API cross-origin (CORS); empty: none. */
  corsOrigins: string[];
}

/** A setting with a bad value: reported as one line naming the setting, never a stack trace. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

export interface SettingDoc {
  name: string;
  default: string;
  description: string;
}

export const SETTINGS: SettingDoc[] = [
  { name: 'DATABASE_URL', default: '(unset: embedded PostgreSQL)', description: 'PostgreSQL ≥ 15 connection string. Unset, Muster starts its own PostgreSQL under `MUSTER_DATA_DIR/postgres`.' },
  { name: 'NATS_URL', default: '(unset: PostgreSQL queue)', description: 'NATS server(s) with JetStream, comma-separated (`nats://host:4222`). Unset, the durable queue lives in PostgreSQL.' },
  { name: 'MUSTER_NATS_NAMESPACE', default: 'muster', description: 'Prefix of Muster\'s JetStream streams and subjects, so that several installations can share one NATS.' },
  { name: 'MUSTER_HOST', default: '0.0.0.0', description: 'Address the HTTP server listens on.' },
  { name: 'MUSTER_PORT', default: '8080', description: 'Port the HTTP server listens on.' },
  { name: 'MUSTER_DATA_DIR', default: './data', description: 'Where embedded PostgreSQL keeps its files.' },
  { name: 'MUSTER_ADMIN_EMAIL', default: 'admin@muster.local', description: 'E-mail of the administrator created on first start.' },
  { name: 'MUSTER_ADMIN_PASSWORD', default: '(generated, printed once)', description: 'Password of the administrator created on first start (at least 12 characters).' },
  { name: 'MUSTER_TLS_CERT', default: '(unset: plain HTTP)', description: 'PEM certificate file; with `MUSTER_TLS_KEY`, serves HTTPS.' },
  { name: 'MUSTER_TLS_KEY', default: '(unset)', description: 'PEM private key file for `MUSTER_TLS_CERT`.' },
  { name: 'MUSTER_LOG_LEVEL', default: 'info', description: 'fatal, error, warn, info, debug, trace or silent.' },
  { name: 'MUSTER_DB_POOL_SIZE', default: '10', description: 'PostgreSQL connections per server process.' },
  { name: 'MUSTER_BODY_LIMIT', default: '16777216', description: 'Largest accepted request body, in bytes (after decompression for agent reports).' },
  { name: 'MUSTER_SHUTDOWN_TIMEOUT', default: '15000', description: 'Milliseconds a graceful shutdown waits for in-flight requests and consumers.' },
  { name: 'MUSTER_JWT_SECRET', default: '(generated, kept in the database)', description: 'Secret that signs access tokens; at least 32 characters. Shared by every server process.' },
  { name: 'MUSTER_WORKERS', default: 'true', description: '`false` runs `muster serve` as API only; run `muster worker` processes for ingest then.' },
  { name: 'MUSTER_INGEST_BATCH', default: '200', description: 'Reports an ingest worker applies per database transaction.' },
  { name: 'MUSTER_INGEST_ACK_WAIT', default: '120', description: 'Seconds before reports held by a worker that died are delivered to another.' },
  { name: 'MUSTER_TRUST_PROXY', default: 'false', description: 'Trust `X-Forwarded-*` headers from a reverse proxy (for client addresses in logs and the audit log).' },
  { name: 'MUSTER_RATE_LIMIT_IP', default: '1200', description: 'Requests per minute from one client address on the REST API and console; on the agent API only failed requests (bad tokens or credentials, malformed bodies) count against it, so a site behind one NAT can enrol and report at once; `0` turns it off.' },
  { name: 'MUSTER_RATE_LIMIT_USER', default: '600', description: 'Requests per minute per user or API key on the REST API; `0` turns it off.' },
  { name: 'MUSTER_RATE_LIMIT_DEVICE', default: '60', description: 'Requests per minute per device credential on the agent API; `0` turns it off.' },
  { name: 'MUSTER_CORS_ORIGINS', default: '(unset: no cross-origin access)', description: 'Comma-separated browser origins (`https://portal.example.com`) allowed to call the REST API from another site.' },
];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = optional(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

export function validateDatabaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', `not a URL: "${raw}" (expected postgres://user:password@host:5432/database)`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `scheme must be postgres:// or postgresql://, got "${url.protocol}//"`);
  }
  return raw;
}

export function validateNatsUrl(raw: string): string {
  for (const part of raw.split(',')) {
    const server = part.trim();
    let url: URL;
    try {
      url = new URL(server.includes('://') ? server : `nats://${server}`);
    } catch {
      throw new ConfigError('NATS_URL', `not a server address: "${server}" (expected nats://host:4222)`);
    }
    if (!['nats:', 'tls:', 'ws:', 'wss:'].includes(url.protocol)) {
      throw new ConfigError('NATS_URL', `scheme must be nats:// or tls://, got "${url.protocol}//"`);
    }
    if (!url.hostname) throw new ConfigError('NATS_URL', `missing host in "${server}"`);
  }
  return raw;
}

export function validateCorsOrigins(raw: string): string[] {
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((origin) => {
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        throw new ConfigError('MUSTER_CORS_ORIGINS', `not an origin: "${origin}" (expected https://host[:port])`);
      }
      // An origin is scheme://host[:port] exactly as browsers send it: no path, no wildcard.
      if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin.replace(/\/$/, '')) {
        throw new ConfigError('MUSTER_CORS_ORIGINS', `not an origin: "${origin}" (expected https://host[:port], without a path)`);
      }
      return url.origin;
    });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = optional(env, 'DATABASE_URL');
  const natsUrl = optional(env, 'NATS_URL');
  const tlsCert = optional(env, 'MUSTER_TLS_CERT');
  const tlsKey = optional(env, 'MUSTER_TLS_KEY');
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new ConfigError(tlsCert ? 'MUSTER_TLS_KEY' : 'MUSTER_TLS_CERT', 'MUSTER_TLS_CERT and MUSTER_TLS_KEY must be set together');
  }
  const logLevel = (optional(env, 'MUSTER_LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('MUSTER_LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const jwtSecret = optional(env, 'MUSTER_JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('MUSTER_JWT_SECRET', 'must be at least 32 characters');
  }
  const adminPassword = optional(env, 'MUSTER_ADMIN_PASSWORD');
  if (adminPassword !== undefined && adminPassword.length < 12) {
    throw new ConfigError('MUSTER_ADMIN_PASSWORD', 'must be at least 12 characters');
  }
  const trustProxy = boolean(env, 'MUSTER_TRUST_PROXY', false);
  const workers = boolean(env, 'MUSTER_WORKERS', true);
  return {
    databaseUrl: databaseUrl === undefined ? undefined : validateDatabaseUrl(databaseUrl),
    natsUrl: natsUrl === undefined ? undefined : validateNatsUrl(natsUrl),
    host: optional(env, 'MUSTER_HOST') ?? '0.0.0.0',
    port: integer(env, 'MUSTER_PORT', 8080, 0, 65535),
    dataDir: path.resolve(optional(env, 'MUSTER_DATA_DIR') ?? 'data'),
    adminEmail: optional(env, 'MUSTER_ADMIN_EMAIL'),
    adminPassword,
    tlsCert,
    tlsKey,
    logLevel: logLevel as Config['logLevel'],
    dbPoolSize: integer(env, 'MUSTER_DB_POOL_SIZE', 10, 1, 500),
    bodyLimitBytes: integer(env, 'MUSTER_BODY_LIMIT', 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    shutdownTimeoutMs: integer(env, 'MUSTER_SHUTDOWN_TIMEOUT', 15_000, 0, 600_000),
    jwtSecret,
    trustProxy,
    workers,
    ingestBatchSize: integer(env, 'MUSTER_INGEST_BATCH', 200, 1, 5_000),
    ingestAckWaitMs: integer(env, 'MUSTER_INGEST_ACK_WAIT', 120, 5, 3_600) * 1000,
    natsNamespace: optional(env, 'MUSTER_NATS_NAMESPACE') ?? 'muster',
    rateLimitIp: integer(env, 'MUSTER_RATE_LIMIT_IP', 1200, 0, 1_000_000),
    rateLimitUser: integer(env, 'MUSTER_RATE_LIMIT_USER', 600, 0, 1_000_000),
    rateLimitDevice: integer(env, 'MUSTER_RATE_LIMIT_DEVICE', 60, 0, 1_000_000),
    corsOrigins: validateCorsOrigins(optional(env, 'MUSTER_CORS_ORIGINS') ?? ''),
  };
}
