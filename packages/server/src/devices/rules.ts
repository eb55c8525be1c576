import { badRequest } from '../http/errors.js';
import type { ManualDevice } from './query-store.js';

/** Bounds of what a person may write on a device; the route schemas and the CSV import share them. */
export const DEVICE_LIMITS = {
  hostname: 256,
  displayName: 200,
  serialNumber: 256,
  model: 256,
  vendor: 256,
  platform: 64,
  osName: 256,
  osVersion: 128,
  notes: 4096,
  tags: 50,
  tag: 64,
} as const;

/** Commas and semicolons separate tags in CSV; control characters have no place in a label. */
const BAD_TAG = /[,;\u0000-\u001f\u007f]/;

export interface ManualDeviceInput {
  hostname: string;
  displayName?: string | null | undefined;
  serialNumber?: string | null | undefined;
  model?: string | null | undefined;
  vendor?: string | null | undefined;
  platform?: string | null | undefined;
  osName?: string | null | undefined;
  osVersion?: string | null | undefined;
  tags?: string[] | undefined;
  notes?: string | null | undefined;
  customFields?: Record<string, unknown> | undefined;
}

/** Trimmed text, null when empty; a 400 naming the field when too long. */
export function cleanText(field: keyof typeof DEVICE_LIMITS, value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  if (text.length > DEVICE_LIMITS[field]) throw badRequest(`${field} must be at most ${DEVICE_LIMITS[field]} characters`);
  return text || null;
}

/** Tags trimmed and de-duplicated (first spelling wins), each checked. */
export function checkTags(tags: string[]): string[] {
  const result: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    if (!tag) throw badRequest('a tag must not be empty');
    if (tag.length > DEVICE_LIMITS.tag) throw badRequest(`tag "${tag.slice(0, 20)}…" is longer than ${DEVICE_LIMITS.tag} characters`);
    if (BAD_TAG.test(tag)) throw badRequest(`tag "${tag}" must not contain a comma, a semicolon or control characters`);
    if (!result.includes(tag)) result.push(tag);
  }
  if (result.length > DEVICE_LIMITS.tags) throw badRequest(`at most ${DEVICE_LIMITS.tags} tags`);
  return result;
}

/**
 * A device without an agent, checked and normalised the same way whether it comes from
 * POST /devices or a CSV row. Custom field values are checked by the given function.
 */
export function checkManualDevice(input: ManualDeviceInput, customValues: (values: Record<string, unknown>) => Record<string, string | number>): ManualDevice {
  const hostname = cleanText('hostname', input.hostname);
  if (!hostname) throw badRequest('hostname is required');
  return {
    hostname,
    displayName: cleanText('displayName', input.displayName),
    serialNumber: cleanText('serialNumber', input.serialNumber),
    model: cleanText('model', input.model),
    vendor: cleanText('vendor', input.vendor),
    // Agents report platforms in lower case (linux, windows, macos): keep one spelling for the filter.
    platform: cleanText('platform', input.platform)?.toLowerCase() ?? null,
    osName: cleanText('osName', input.osName),
    osVersion: cleanText('osVersion', input.osVersion),
    tags: checkTags(input.tags ?? []),
    notes: input.notes ? (input.notes.length > DEVICE_LIMITS.notes ? tooLong('notes') : input.notes) : null,
    customFields: customValues(input.customFields ?? {}),
  };
}

function tooLong(field: keyof typeof DEVICE_LIMITS): never {
  throw badRequest(`${field} must be at most ${DEVICE_LIMITS[field]} characters`);
}
