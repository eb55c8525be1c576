import { isoString } from '../../time.js';

/**
 * Readers for the JSON that Windows PowerShell 5.1's ConvertTo-Json prints. They forgive its
 * quirks so that the section parsers can stay short:
 * - a one-element array unrolled to a bare object, an empty one to null;
 * - an array wrapped as {"value": [...], "Count": n} (the System.Array type data on PSObject-wrapped arrays);
 * - dates as "/Date(1700000000000)/" (5.1), ISO strings (PowerShell 7), DMTF strings (WMI), or
 *   Get-Date's {"value": ..., "DisplayHint": 2, "DateTime": "..."};
 * - enums as integers, registry numbers as strings, CIM strings padded with spaces.
 * The inventory script reports a part it could not read as {"error": "..."}.
 */

export type RawObject = { [key: string]: unknown };

export function isRawObject(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message of an {"error": "..."} placeholder, or undefined when the value is real data. */
export function errorMessage(value: unknown): string | undefined {
  if (!isRawObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'error') return undefined;
  return String(value.error ?? 'unknown error').trim() || 'unknown error';
}

/** Any array however PowerShell spelled it; an error placeholder or null reads as empty. */
export function list(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (isRawObject(value)) {
    if (errorMessage(value) !== undefined) return [];
    if (Array.isArray(value.value) && 'Count' in value) return value.value;
  }
  return [value];
}

/** The objects of a list (CIM instances, registry entries), skipping anything else. */
export function objects(value: unknown): RawObject[] {
  return list(value).filter(isRawObject);
}

/** One object: the first of a list, undefined for null or an error placeholder. */
export function object(value: unknown): RawObject | undefined {
  if (errorMessage(value) !== undefined) return undefined;
  return list(value).find(isRawObject);
}

/** A trimmed string, null when empty; numbers and booleans are spelled out. Clipped to `max` characters. */
export function str(value: unknown, max?: number): string | null {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (typeof value === 'number' && Number.isFinite(value)) s = String(value);
  else if (typeof value === 'boolean') s = value ? 'True' : 'False';
  else return null;
  // Registry strings sometimes keep their terminating NUL; CIM pads fixed-width fields with spaces.
  s = s.replace(/\0+$/, '').trim();
  if (!s) return null;
  return max !== undefined && s.length > max ? s.slice(0, max) : s;
}

/** A finite number from a number or a numeric string (registry REG_SZ), else null. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/** A non-negative integer (the protocol's OptInt), else null. */
export function uint(value: unknown): number | null {
  const n = num(value);
  if (n === null || n < 0) return null;
  return Math.trunc(n);
}

/** A boolean from true/false, 1/0, "True"/"False", "1"/"0"; anything else (2 = NotConfigured, …) is null. */
export function bool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1') return true;
  if (value === 0 || value === '0') return false;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return null;
}

/** Windows "never" values: DateTime.MinValue, FILETIME 0 (1601) and the like. */
const EARLIEST = Date.UTC(1971, 0, 1);
const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;
const DMTF = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,6}))?([+-])(\d{3})$/;
const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function fromMs(ms: number): string | null {
  if (!Number.isFinite(ms) || ms < EARLIEST) return null;
  return isoString(ms);
}

/**
 * A PowerShell date as an ISO 8601 UTC timestamp. "/Date(ms)/" counts milliseconds since the epoch
 * in UTC (the optional offset suffix only says which zone it was displayed in). ISO strings without
 * a zone are the script's own UTC formatting of COM dates, and are read as UTC.
 */
export function psDate(value: unknown): string | null {
  if (isRawObject(value)) return psDate(value.value ?? value.DateTime);
  if (typeof value === 'number') return fromMs(value);
  if (typeof value !== 'string') return null;
  const s = value.trim();
  const ms = MS_DATE.exec(s);
  if (ms) return fromMs(Number(ms[1]));
  const d = DMTF.exec(s);
  if (d) {
    const [, y, mo, da, h, mi, se, frac, sign, off] = d;
    const local = Date.UTC(Number(y), Number(mo) - 1, Number(da), Number(h), Number(mi), Number(se), Math.floor(Number(`0.${frac ?? '0'}`) * 1000));
    return fromMs(local - (sign === '-' ? -1 : 1) * Number(off) * 60_000);
  }
  if (ISO.test(s)) {
    const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`;
    return fromMs(Date.parse(withZone.replace(' ', 'T')));
  }
  return null;
}

function validDay(y: number, m: number, d: number): string | null {
  if (y < 1980 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null; // 2023-02-30 and the like
  return isoString(date).slice(0, 10);
}

/**
 * A calendar date as "YYYY-MM-DD" from the spellings installers and WMI use: "yyyyMMdd" (the
 * Uninstall keys' InstallDate), "yyyy-MM-dd", "M/d/yyyy" (Win32_QuickFixEngineering.InstalledOn on
 * most systems; read day-first when the first number cannot be a month), "d.M.yyyy" (German and
 * other locales), a 16-digit hex FILETIME (old QFE entries), or any date psDate understands.
 */
export function calendarDate(value: unknown): string | null {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string') return psDate(value);
  const s = value.trim();
  if (!s) return null;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    return a > 12 ? validDay(Number(m[3]), b, a) : validDay(Number(m[3]), a, b);
  }
  m = /^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$/.exec(s);
  if (m) return validDay(Number(m[3]), Number(m[2]), Number(m[1]));
  if (/^[0-9a-f]{16}$/i.test(s)) {
    // FILETIME: 100 ns ticks since 1601-01-01.
    const ms = Number(BigInt(`0x${s}`) / 10_000n) - 11_644_473_600_000;
    const iso = fromMs(ms);
    return iso ? iso.slice(0, 10) : null;
  }
  const iso = psDate(s);
  return iso ? iso.slice(0, 10) : null;
}

/** The leaf of "DOMAIN\name" (also of "AzureAD\name"); the text itself when there is no backslash. */
export function accountLeaf(account: string): string {
  const i = account.lastIndexOf('\\');
  return i >= 0 ? account.slice(i + 1) : account;
}

/**
 * SMBIOS fields that firmware vendors fill with placeholders: these say "unknown", so they read as
 * null rather than as a serial number that a thousand machines share.
 */
const SMBIOS_PLACEHOLDERS = new Set([
  'to be filled by o.e.m.',
  'to be filled by oem',
  'default string',
  'system serial number',
  'system product name',
  'system manufacturer',
  'base board serial number',
  'chassis serial number',
  'not specified',
  'not applicable',
  'none',
  'n/a',
  'na',
  'oem',
  'o.e.m.',
  'invalid',
  'unknown',
  '0',
  '00000000',
  '0000000000',
  '123456789',
  '1234567890',
]);

export function smbios(value: unknown, max?: number): string | null {
  const s = str(value, max);
  if (s === null) return null;
  if (SMBIOS_PLACEHOLDERS.has(s.toLowerCase())) return null;
  if (/^[0.\s-]+$/.test(s) || /^f+$/i.test(s.replace(/-/g, ''))) return null;
  return s;
}
