import { ApiError } from '../http/errors.js';

/**
 * Opaque cursors for keyset pagination: base64url of JSON `{ s, k }`, where `s` names the list and
 * its sort order and `k` holds the last row's sort key and id. A cursor only works with the list
 * (and sort) that produced it; anything else is a 400, never a database error.
 */
export const invalidCursor = (): ApiError =>
  new ApiError(400, 'invalid_cursor', 'cursor is not valid: pass the nextCursor of a previous page of the same list, with the same sort');

export type CursorKey = Array<string | number>;

export function encodeCursor(scope: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify({ s: scope, k: key })).toString('base64url');
}

export function decodeCursor(scope: string, cursor: string): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalidCursor();
  const { s, k } = parsed as { s?: unknown; k?: unknown };
  if (s !== scope || !Array.isArray(k) || k.length === 0 || k.length > 8) throw invalidCursor();
  if (!k.every((v) => (typeof v === 'string' && v.length <= 2048) || (typeof v === 'number' && Number.isSafeInteger(v)))) throw invalidCursor();
  return k as CursorKey;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A timestamptz as PostgreSQL prints it (`2024-06-01 12:00:00.123456+00`), or -infinity. */
const PG_TIMESTAMP = /^(-infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2})$/;

/** Type checks for the parts of a decoded key. */
export const cursorPart = {
  string(value: unknown): string {
    if (typeof value !== 'string') throw invalidCursor();
    return value;
  },
  uuid(value: unknown): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw invalidCursor();
    return value;
  },
  timestamp(value: unknown): string {
    if (typeof value !== 'string' || !PG_TIMESTAMP.test(value)) throw invalidCursor();
    return value;
  },
  integer(value: unknown): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalidCursor();
    return value;
  },
};
