import type { CollectContext } from '../context.js';
import { memo, readTrimmed } from './shared.js';

/** SMBIOS strings the kernel exposes under /sys/class/dmi/id (absent in most containers and on many ARM boards). */
const FIELDS = [
  'sys_vendor',
  'product_name',
  'product_family',
  'product_version',
  'product_serial',
  'product_uuid',
  'chassis_type',
  'bios_vendor',
  'bios_version',
  'bios_date',
  'board_vendor',
  'board_name',
  'board_version',
  'board_serial',
] as const;
export type DmiField = (typeof FIELDS)[number];
export type Dmi = Partial<Record<DmiField, string>>;

/** Filler that firmware vendors leave in SMBIOS strings: the value is unknown, not "Default string". */
const PLACEHOLDERS = new Set(
  [
    'to be filled by o.e.m.',
    'to be filled by oem',
    'default string',
    'system serial number',
    'system product name',
    'system manufacturer',
    'system version',
    'base board serial number',
    'not specified',
    'not applicable',
    'not available',
    'none',
    'n/a',
    'na',
    'o.e.m.',
    'oem',
    'x.x',
    '0',
    '00000000',
    '0123456789',
    '123456789',
    'chassis serial number',
    'invalid',
    'unknown',
    'type1productconfigid',
    'type2 - board serial number',
  ].map((s) => s.toLowerCase()),
);

export function cleanDmiValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!trimmed || PLACEHOLDERS.has(trimmed.toLowerCase())) return undefined;
  // All zeros / all F uuids and serials are "not set".
  if (/^[0-]+$/.test(trimmed) || /^[fF-]+$/.test(trimmed)) return undefined;
  return trimmed;
}

/** The DMI strings, or null without DMI. Serial and UUID files are root-only: those stay undefined for other users. */
export async function readDmi(ctx: CollectContext): Promise<Dmi | null> {
  return memo(ctx, 'dmi', async () => {
    if (!(await ctx.exists('/sys/class/dmi/id'))) return null;
    const values = await Promise.all(FIELDS.map((f) => readTrimmed(ctx, `/sys/class/dmi/id/${f}`)));
    const dmi: Dmi = {};
    FIELDS.forEach((f, i) => {
      const v = cleanDmiValue(values[i]);
      if (v !== undefined) dmi[f] = v;
    });
    return dmi;
  });
}

/** SMBIOS chassis type (System Enclosure, type 3) → a coarse class. */
export function chassisClass(code: string | undefined): string | null {
  const n = code === undefined ? NaN : Number(code);
  if (!Number.isInteger(n)) return null;
  if ([3, 4, 5, 6, 7, 13, 15, 16, 24, 35, 36].includes(n)) return 'desktop';
  if ([8, 9, 10, 14, 31, 32].includes(n)) return 'laptop';
  if ([11].includes(n)) return 'handheld';
  if ([30].includes(n)) return 'tablet';
  if ([17, 23, 25, 28, 29].includes(n)) return 'server';
  if ([33, 34].includes(n)) return 'embedded';
  if ([1].includes(n)) return 'other';
  return null;
}

/** bios_date is MM/DD/YYYY; the wire wants ISO. */
export function dmiDate(value: string | undefined): string | null {
  const match = value ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value) : null;
  if (!match) return null;
  return `${match[3]}-${match[1]!.padStart(2, '0')}-${match[2]!.padStart(2, '0')}`;
}
