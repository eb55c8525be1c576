import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from './errors.js';

/**
 * HTTP hardening without dependencies: rate limits (in-process token buckets), security headers
 * on every response, and CORS for the origins an operator lists (none by default).
 */

export interface SecurityOptions {
  /** Requests per minute; 0 turns a limit off. */
  rateLimitIp: number;
  rateLimitUser: number;
  rateLimitDevice: number;
  corsOrigins: string[];
  /** HTTPS is served here (MUSTER_TLS_CERT): send Strict-Transport-Security on every response. */
  tls: boolean;
  /** For tests: the clock the buckets use. */
  now?: () => number;
}

/**
 * A token bucket per key: `perMinute` tokens at most, refilled continuously. Per process: with N
 * processes behind a load balancer a client gets up to N times the rate, which is fine for what
 * this is for (stopping floods and runaway scripts), and needs no shared state.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 200_000,
  ) {}

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  private refill(key: string): { tokens: number; at: number } {
    const now = this.now();
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.perMinute, at: now };
    return { tokens: Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000), at: now };
  }

  /** Takes a token: 0 when the request may go ahead, else the seconds until one is available. */
  take(key: string): number {
    if (!this.enabled) return 0;
    const bucket = this.refill(key);
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return this.secondsUntilToken(bucket.tokens);
    }
    bucket.tokens -= 1;
    if (this.buckets.size >= this.maxKeys && !this.buckets.has(key)) this.sweep();
    this.buckets.set(key, bucket);
    return 0;
  }

  /** Like take, but only looks: 0 when a token is there, else the seconds until one is. */
  peek(key: string): number {
    if (!this.enabled || !this.buckets.has(key)) return 0;
    const bucket = this.refill(key);
    return bucket.tokens >= 1 ? 0 : this.secondsUntilToken(bucket.tokens);
  }

  private secondsUntilToken(tokens: number): number {
    return Math.max(1, Math.ceil(((1 - tokens) * 60) / this.perMinute));
  }

  /** Forgets buckets that have refilled completely: they behave exactly like absent ones. */
  sweep(): void {
    for (const key of this.buckets.keys()) if (this.refill(key).tokens >= this.perMinute) this.buckets.delete(key);
    // Still full of active keys (a flood from many addresses): start over rather than grow.
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "img-src 'self' data:",
  // Component libraries and Swagger UI set style attributes; scripts stay strictly 'self'.
  "style-src 'self' 'unsafe-inline'",
].join('; ');

const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const CORS_HEADERS = 'authorization, content-type, x-request-id';
const CORS_EXPOSED = 'retry-after, x-request-id, x-next-cursor, content-disposition';

function rateLimited(reply: FastifyReply, seconds: number, what: string): ApiError {
  reply.header('retry-after', String(seconds));
  return new ApiError(429, 'rate_limited', `too many requests ${what}; retry in ${seconds} seconds`, { retryAfterSeconds: seconds });
}

function isAgentPath(url: string): boolean {
  return url.startsWith('/agent/v1/');
}

/**
 * Refusals that spend an agent address's budget: bad tokens, bad credentials, malformed requests.
 * Not 403 (a device waiting for approval asks again and again, legitimately) nor 429 itself.
 */
function isAgentFailure(status: number): boolean {
  return status >= 400 && status < 500 && status !== 403 && status !== 429;
}

export const securityPlugin = fp<SecurityOptions>(
  async (app: FastifyInstance, options) => {
    const now = options.now ?? Date.now;
    const perIp = new RateLimiter(options.rateLimitIp, now);
    const perPrincipal = new RateLimiter(options.rateLimitUser, now);
    const perDevice = new RateLimiter(options.rateLimitDevice, now);
    const origins = new Set(options.corsOrigins);
    const sweeper = setInterval(() => {
      perIp.sweep();
      perPrincipal.sweep();
      perDevice.sweep();
    }, 60_000);
    sweeper.unref();
    app.addHook('onClose', async () => clearInterval(sweeper));

    app.addHook('onRequest', async (request, reply) => {
      // Headers first, so that every answer carries them, errors and 429s included.
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('cross-origin-opener-policy', 'same-origin');
      reply.header('cross-origin-resource-policy', 'same-origin');
      reply.header('x-frame-options', 'DENY');
      if (options.tls || request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');

      const origin = request.headers.origin;
      if (origin && origins.has(origin) && !isAgentPath(request.url)) {
        reply.header('access-control-allow-origin', origin);
        reply.header('access-control-expose-headers', CORS_EXPOSED);
        reply.header('vary', 'Origin');
        if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
          reply.header('access-control-allow-methods', CORS_METHODS);
          reply.header('access-control-allow-headers', CORS_HEADERS);
          reply.header('access-control-max-age', '600');
          return reply.status(204).send();
        }
      }

      // Many devices share one address behind NAT, and a whole site may enrol at once: agent
      // requests count per device (below), not per address. An address is still refused here once
      // its bucket is empty, which only failed agent requests (onResponse) drain: a token- or
      // credential-guessing flood stops before it reaches the database.
      const ipKey = request.ip;
      if (isAgentPath(request.url)) {
        const wait = perIp.peek(ipKey);
        if (wait) throw rateLimited(reply, wait, 'from this address');
        return;
      }
      const wait = perIp.take(ipKey);
      if (wait) throw rateLimited(reply, wait, 'from this address');
    });

    // After authentication (onRequest), before the body is read.
    app.addHook('preParsing', async (request, reply, payload) => {
      if (request.auth) {
        const key = request.auth.kind === 'api_key' ? `key:${request.auth.keyId}` : `user:${request.auth.userId}`;
        const wait = perPrincipal.take(key);
        if (wait) throw rateLimited(reply, wait, request.auth.kind === 'api_key' ? 'with this API key' : 'for this user');
      } else if (request.device) {
        const wait = perDevice.take(request.device.deviceId);
        if (wait) throw rateLimited(reply, wait, 'from this device');
      }
      return payload;
    });

    app.addHook('onResponse', async (request, reply) => {
      if (isAgentPath(request.url) && isAgentFailure(reply.statusCode)) perIp.take(request.ip);
    });
  },
  { name: 'muster-security' },
);
