import type { CollectContext } from '../context.js';
import { asArray, asObject, BIN, run, shared, type JsonObject } from './util.js';

/**
 * system_profiler is the backbone of the macOS inventory and also its slowest tool (it starts a
 * helper per data type). The data types several sections need are asked for in one call per
 * collection and the parsed report is shared; the applications list, slower still, is asked for
 * only by the software section.
 */
export const SHARED_DATA_TYPES = [
  'SPHardwareDataType',
  'SPSoftwareDataType',
  'SPMemoryDataType',
  'SPStorageDataType',
  'SPNVMeDataType',
  'SPSerialATADataType',
  'SPDisplaysDataType',
  'SPPowerDataType',
  'SPNetworkDataType',
] as const;

/** `system_profiler -json` output: one array of items per data type. */
export type ProfilerReport = Record<string, unknown[]>;

export function parseProfilerJson(text: string | undefined): ProfilerReport {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  const report: ProfilerReport = {};
  for (const [type, items] of Object.entries(asObject(parsed) ?? {})) report[type] = asArray(items);
  return report;
}

/** The items of one data type, keeping only objects. */
export function profilerItems(report: ProfilerReport | undefined, type: string): JsonObject[] {
  return (report?.[type] ?? []).map(asObject).filter((item): item is JsonObject => item !== undefined);
}

/** The nested `_items` of an item (controllers hold their drives, memory holds its slots). */
export function childItems(item: JsonObject): JsonObject[] {
  return asArray(item._items)
    .map(asObject)
    .filter((child): child is JsonObject => child !== undefined);
}

/** "yes"/"no", "TRUE"/"FALSE", "spdisplays_yes" → boolean. */
export function profilerBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const v = value.toLowerCase().replace(/^sp\w+?_/, '');
  if (v === 'yes' || v === 'true') return true;
  if (v === 'no' || v === 'false') return false;
  return undefined;
}

/**
 * The shared report for this collection. `-detailLevel mini` leaves out personal data (serial
 * numbers, UUIDs, user names) and is markedly faster; identifiers come from ioreg instead.
 */
export function loadSharedProfiler(ctx: CollectContext): Promise<ProfilerReport> {
  return shared(ctx, 'system_profiler', async () =>
    parseProfilerJson(await run(ctx, BIN.systemProfiler, ['-json', '-detailLevel', 'mini', ...SHARED_DATA_TYPES], { timeoutMs: 45_000 })),
  );
}

/** Installed applications: seconds of Spotlight and bundle reading, so only the software section asks. */
export async function loadApplications(ctx: CollectContext): Promise<ProfilerReport> {
  return parseProfilerJson(await run(ctx, BIN.systemProfiler, ['-json', '-detailLevel', 'mini', 'SPApplicationsDataType'], { timeoutMs: 50_000 }));
}
