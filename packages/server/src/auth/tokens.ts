import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { Role } from '../db/schema.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
const ISSUER = 'muster';
const AUDIENCE = 'muster-api';

export interface AccessClaims {
  userId: string;
  orgId: string;
  /** The role at issue time: informative only, every request uses the current role (auth/principals.ts). */
  role: Role;
  /** The refresh-token family (the login session): revoking it ends this access token too. */
  familyId: string;
}

export class TokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'access token expired' : 'access token invalid');
  }
}

export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: AccessClaims, now = Date.now()): Promise<string> {
    const iat = Math.floor(now / 1000);
    return new SignJWT({ org: claims.orgId, role: claims.role, sid: claims.familyId, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ACCESS_TOKEN_TTL_SECONDS)
      .sign(this.key);
  }

  /** `now` is injectable so that tests can move the clock instead of waiting 15 minutes. */
  async verify(token: string, now = Date.now()): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: new Date(now) });
      if (
        payload.typ !== 'access' ||
        typeof payload.sub !== 'string' ||
        typeof payload.org !== 'string' ||
        typeof payload.role !== 'string' ||
        typeof payload.sid !== 'string'
      ) {
        throw new TokenError('invalid');
      }
      return { userId: payload.sub, orgId: payload.org, role: payload.role as Role, familyId: payload.sid };
    } catch (error) {
      if (error instanceof TokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new TokenError('expired');
      throw new TokenError('invalid');
    }
  }
}

/** An opaque secret with a readable prefix (so a leaked one is recognisable in a scan). */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** High-entropy secrets need no slow hash: SHA-256 is enough to make the stored value useless. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
