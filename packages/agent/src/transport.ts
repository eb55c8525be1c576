import fs from 'node:fs';
import http from 'node:http';
import type https from 'node:https';
import type tls from 'node:tls';
import type zlib from 'node:zlib';
import { ErrorBody, validate } from '@muster/protocol';
import { AGENT_VERSION } from './version.js';

/**
 * JSON over HTTP(S) to the agent API, on node:http/node:https rather than fetch: fetch cannot
 * take a custom CA per request nor check a certificate pin.
 *
 * Every response is classified, so callers decide on five outcomes instead of status codes:
 *   ok                    2xx
 *   auth                  401/403: the credential is revoked or invalid; only re-enrolling helps
 *   full_report_required  409 with that error code: the server lost track of our state
 *   rejected              any other 4xx: this request is bad and will stay bad; do not retry it
 *   retry                 5xx, 408, 429, 404/405 (no agent API at that URL: a server or proxy
 *                         problem, not a bad report), 403 for a device still waiting for approval,
 *                         network errors, timeouts, TLS failures (pin included)
 */

export type HttpOutcome =
  | { kind: 'ok'; status: number; body: unknown }
  | { kind: 'auth'; status: number; message: string }
  | { kind: 'full_report_required'; status: number; message: string }
  | { kind: 'rejected'; status: number; code?: string; message: string }
  | { kind: 'retry'; status?: number; message: string; retryAfterMs?: number };

export interface TransportOptions {
  /** Base URL, e.g. https://muster.example.com (normalised: no trailing slash). */
  server: string;
  /** Read on every request, so a rotated credential applies at once. */
  credential?: () => string | undefined;
  caFile?: string;
  pin?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Bodies larger than this are sent gzip-compressed. */
  gzipAboveBytes?: number;
}

/**
 * node:https and node:tls (~0.4 MB of RSS just to load) are loaded for an https server only, and
 * node:zlib with the first body to compress or inflate, rather than with this module: a check-in
 * is smaller than gzipAboveBytes and its answer is not compressed.
 */
const lazy = {
  https: () => process.getBuiltinModule('node:https') as typeof https,
  tls: () => process.getBuiltinModule('node:tls') as typeof tls,
  zlib: () => process.getBuiltinModule('node:zlib') as typeof zlib,
};

function gzip(data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => lazy.zlib().gzip(data, (error, result) => (error ? reject(error) : resolve(result))));
}

export const AUTH_FAILURE_MESSAGE = 'credential revoked or invalid; re-enroll';

export class TlsSetupError extends Error {}

/** Strips colons and lower-cases a SHA-256 fingerprint, as Node prints it (AB:CD:…) or openssl does. */
export function normalizeFingerprint(value: string): string {
  return value.replace(/:/g, '').toLowerCase();
}

/** Request options plus a prebuilt secure context, which https.request hands on to tls.connect. */
export type TlsRequestOptions = https.RequestOptions & { secureContext?: tls.SecureContext };

export interface ConnectionSettings {
  url: URL;
  module: typeof http | typeof https;
  /** TLS options to spread into a request (empty for plain HTTP). */
  tlsOptions: TlsRequestOptions;
}

/**
 * The TLS side of every connection to the server: the default trust store (Node's, or the OS
 * store under `node --use-openssl-ca`) plus an optional extra CA file, and an optional pin on the
 * server certificate that fails closed.
 */
export function connectionSettings(options: Pick<TransportOptions, 'server' | 'caFile' | 'pin'>): ConnectionSettings {
  const url = new URL(options.server);
  if (url.protocol !== 'https:') return { url, module: http, tlsOptions: {} };
  const tls = lazy.tls();
  const tlsOptions: TlsRequestOptions = {};
  if (options.caFile) {
    let pem: string;
    try {
      pem = fs.readFileSync(options.caFile, 'utf8');
    } catch (error) {
      throw new TlsSetupError(`cannot read the CA file ${options.caFile}: ${(error as Error).message}`);
    }
    // `ca` replaces the default roots, so they are passed along with the extra CA. One secure
    // context for the process: parsing ~150 roots on every connection would cost CPU and memory.
    tlsOptions.secureContext = tls.createSecureContext({ ca: [...tls.rootCertificates, pem] });
  }
  const pin = options.pin ? normalizeFingerprint(options.pin) : undefined;
  if (pin) {
    tlsOptions.checkServerIdentity = (host, cert) => {
      const hostError = tls.checkServerIdentity(host, cert);
      if (hostError) return hostError;
      const actual = typeof cert.fingerprint256 === 'string' ? normalizeFingerprint(cert.fingerprint256) : '';
      if (actual !== pin) return new Error(`server certificate does not match the pinned SHA-256 fingerprint (got ${actual || 'none'})`);
      return undefined;
    };
  }
  return { url, module: lazy.https(), tlsOptions };
}

export class Transport {
  private readonly settings: ConnectionSettings;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly gzipAboveBytes: number;

  constructor(private readonly options: TransportOptions) {
    this.settings = connectionSettings(options);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 4 * 1024 * 1024;
    this.gzipAboveBytes = options.gzipAboveBytes ?? 1024;
    // Keep-alive lets a spool drain reuse one connection. No TLS session cache: a resumed session
    // would skip the certificate (and pin) check that a full handshake performs.
    const agentOptions = { keepAlive: true, maxSockets: 2, maxFreeSockets: 1 };
    this.agent = this.settings.module === http ? new http.Agent(agentOptions) : new (lazy.https().Agent)({ ...agentOptions, maxCachedSessions: 0 });
  }

  get server(): string {
    return this.options.server;
  }

  /** What the WebSocket client needs to connect the same way. */
  connection(): ConnectionSettings {
    return this.settings;
  }

  authHeader(): Record<string, string> {
    const credential = this.options.credential?.();
    return credential ? { authorization: `Bearer ${credential}` } : {};
  }

  async post(path: string, body: unknown, options: { auth?: boolean } = {}): Promise<HttpOutcome> {
    const json = Buffer.from(JSON.stringify(body), 'utf8');
    const compressed = json.length > this.gzipAboveBytes;
    const payload = compressed ? await gzip(json) : json;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(payload.length),
      accept: 'application/json',
      'accept-encoding': 'gzip',
      'user-agent': `muster-agent/${AGENT_VERSION}`,
      ...(compressed ? { 'content-encoding': 'gzip' } : {}),
      ...(options.auth === false ? {} : this.authHeader()),
    };
    try {
      return await this.request(path, headers, payload);
    } catch (error) {
      // A kept-alive socket the server closed meanwhile fails at once; one fresh attempt is not a retry storm.
      if (error instanceof ReusedSocketError) {
        try {
          return await this.request(path, headers, payload);
        } catch (again) {
          return networkOutcome(again);
        }
      }
      return networkOutcome(error);
    }
  }

  private request(path: string, headers: Record<string, string>, payload: Buffer): Promise<HttpOutcome> {
    const url = endpointUrl(this.settings.url, path);
    return new Promise<HttpOutcome>((resolve, reject) => {
      const req = this.settings.module.request(url, { method: 'POST', headers, agent: this.agent, ...this.settings.tlsOptions });
      const deadline = setTimeout(() => req.destroy(new Error(`no response within ${this.timeoutMs} ms`)), this.timeoutMs);
      deadline.unref();
      req.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(deadline);
        if (req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) reject(new ReusedSocketError(error.message));
        else reject(error);
      });
      req.on('response', (res) => {
        readBody(res, this.maxResponseBytes).then(
          (text) => {
            clearTimeout(deadline);
            resolve(classify(res.statusCode ?? 0, text, res.headers['retry-after']));
          },
          (error: unknown) => {
            clearTimeout(deadline);
            reject(error);
          },
        );
      });
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

class ReusedSocketError extends Error {}

/** `path` under the server URL, keeping a path prefix the server may sit behind (https://host/muster). */
export function endpointUrl(server: URL, path: string): URL {
  return new URL(path.replace(/^\/+/, ''), `${server.toString().replace(/\/+$/, '')}/`);
}

function readBody(res: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
    const stream: NodeJS.ReadableStream = encoding === 'gzip' ? res.pipe(lazy.zlib().createGunzip()) : res;
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy();
        reject(new Error(`response larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    stream.on('end', () => {
      ended = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    stream.on('error', reject);
    res.on('error', reject);
    // Settling twice is harmless; this catches a connection cut mid-body that reports no error.
    res.on('close', () => {
      if (!ended && !res.complete) reject(new Error('connection closed before the response was complete'));
    });
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 3600) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.min(Math.max(0, at - Date.now()), 3_600_000);
}

export function classify(status: number, text: string, retryAfter?: string | string[]): HttpOutcome {
  const body = parseJson(text);
  if (status >= 200 && status < 300) return { kind: 'ok', status, body };
  const parsed = validate(ErrorBody, body);
  const code = parsed.ok ? parsed.value.error.code : undefined;
  const message = parsed.ok ? parsed.value.error.message : `HTTP ${status}`;
  // A device enrolled as "pending" may be told to wait; that is not a refused credential.
  if (status === 403 && code && /pending/i.test(code)) return { kind: 'retry', status, message: `waiting for approval (HTTP 403 ${code}: ${message})` };
  if (status === 401 || status === 403) return { kind: 'auth', status, message: `${AUTH_FAILURE_MESSAGE} (HTTP ${status}: ${message})` };
  if (status === 409 && code === 'full_report_required') return { kind: 'full_report_required', status, message };
  // 408 and 429 say "not now", not "never": the request itself is fine. 404 and 405 mean the URL
  // does not lead to an agent API (a proxy, a wrong path): dropping reports over it would lose them all.
  if (status === 408 || status === 429 || status === 404 || status === 405 || status >= 500 || status < 200) {
    const outcome: HttpOutcome = { kind: 'retry', status, message: `HTTP ${status}: ${message}` };
    const after = retryAfterMs(retryAfter);
    if (after !== undefined) outcome.retryAfterMs = after;
    return outcome;
  }
  if (status >= 400) return code ? { kind: 'rejected', status, code, message } : { kind: 'rejected', status, message };
  return { kind: 'retry', status, message: `unexpected HTTP ${status}` };
}

function networkOutcome(error: unknown): HttpOutcome {
  const err = error as NodeJS.ErrnoException;
  const code = err?.code ? `${err.code}: ` : '';
  return { kind: 'retry', message: `${code}${err?.message ?? String(error)}` };
}

/**
 * Exponential backoff with full jitter (the delay is uniform in [0, min(cap, base·2^attempt)]),
 * so a fleet that lost its server comes back spread out instead of in one wave.
 */
export class Backoff {
  private attempt = 0;
  constructor(
    private readonly baseMs = 1_000,
    private readonly capMs = 300_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt; each call doubles the ceiling. */
  next(atLeastMs = 0): number {
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.max(atLeastMs, Math.floor(this.random() * ceiling));
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
