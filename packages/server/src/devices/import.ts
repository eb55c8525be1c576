import { CsvError, parseCsv } from '../assets/csv.js';
import type { CustomFieldValue } from '../assets/service.js';
import type { CustomFieldRow } from '../assets/store.js';
import { ApiError } from '../http/errors.js';
import type { ManualDevice } from './query-store.js';
import { checkManualDevice, type ManualDeviceInput } from './rules.js';

export const IMPORT_MAX_ROWS = 10_000;
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const MAX_PROBLEMS = 100;

/** One problem in an import file. Rows are numbered as a spreadsheet does: the header is row 1. */
export interface ImportProblem {
  row: number;
  message: string;
}

/** The standard columns of an import file (matched without regard to case), besides cf.<key>. */
const COLUMNS = ['hostname', 'displayName', 'serialNumber', 'model', 'vendor', 'platform', 'osName', 'osVersion', 'tags', 'notes'] as const;
export type ImportColumn = (typeof COLUMNS)[number];
type Column = ImportColumn;

/** One good row of an import file. */
export interface ImportRow {
  row: number;
  device: ManualDevice;
}

/** What a file's header names: only these are written when a row updates an existing device. */
export interface ImportColumns {
  standard: ImportColumn[];
  customFields: string[];
}

const invalidCsv = (message: string, details?: unknown): ApiError => new ApiError(400, 'invalid_csv', message, details);

/**
 * Reads an import file into devices without an agent. A file-level problem (not CSV, unknown
 * column, too many rows) is thrown at once; row problems are collected, so one answer lists every
 * bad row (up to 100) rather than the first.
 */
export function parseDeviceCsv(
  text: string,
  definitions: Map<string, CustomFieldRow>,
  check: {
    parseCustom: (def: CustomFieldRow, cell: string) => CustomFieldValue;
    customValues: (values: Record<string, unknown>) => Record<string, string | number>;
  },
): { rows: ImportRow[]; columns: ImportColumns; problems: ImportProblem[]; problemCount: number } {
  let records;
  try {
    records = parseCsv(text, { maxRecords: IMPORT_MAX_ROWS + 1 });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    if (error.message.startsWith('more than')) throw new ApiError(400, 'too_many_rows', `an import holds at most ${IMPORT_MAX_ROWS} devices`);
    throw invalidCsv(`row ${error.row}: ${error.message}`, [{ row: error.row, message: error.message }]);
  }
  const [header, ...rows] = records;
  if (!header) throw invalidCsv('the file is empty; it needs a header row (hostname,serialNumber,model,…) and one row per device');

  // Column index → what it holds.
  const byName = new Map(COLUMNS.map((c) => [c.toLowerCase(), c]));
  const columns: Array<{ column: Column } | { field: CustomFieldRow }> = [];
  const seen = new Set<string>();
  for (const raw of header.fields) {
    const name = raw.trim();
    const id = name.toLowerCase();
    if (seen.has(id)) throw invalidCsv(`column "${name}" appears twice in the header`);
    seen.add(id);
    if (id.startsWith('cf.')) {
      const def = definitions.get(name.slice(3));
      if (!def) throw new ApiError(400, 'unknown_custom_field', `column "${name}": there is no custom field "${name.slice(3)}"`);
      columns.push({ field: def });
      continue;
    }
    const column = byName.get(id);
    if (!column) throw new ApiError(400, 'unknown_column', `column "${name}" is not known; use ${COLUMNS.join(', ')} and cf.<key>`);
    columns.push({ column });
  }
  if (!seen.has('hostname')) throw invalidCsv('the header has no hostname column');
  if (rows.length === 0) throw invalidCsv('the file has a header but no devices');

  const good: ImportRow[] = [];
  const { problems, problem, count } = problemList();
  for (const { row, fields } of rows) {
    if (fields.length !== columns.length) {
      problem(row, `has ${fields.length} fields, the header has ${columns.length}`);
      continue;
    }
    const input: ManualDeviceInput = { hostname: '' };
    const custom: Record<string, unknown> = {};
    try {
      columns.forEach((col, i) => {
        const cell = fields[i]!;
        if ('field' in col) {
          if (cell.trim() !== '') custom[col.field.key] = check.parseCustom(col.field, cell);
        } else if (col.column === 'tags') {
          input.tags = cell.split(/[;,]/).map((t) => t.trim()).filter((t) => t !== '');
        } else {
          input[col.column] = cell;
        }
      });
      input.customFields = custom;
      good.push({ row, device: checkManualDevice(input, check.customValues) });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem(row, error.message);
    }
  }
  const present: ImportColumns = { standard: [], customFields: [] };
  for (const col of columns) {
    if ('field' in col) present.customFields.push(col.field.key);
    else present.standard.push(col.column);
  }
  return { rows: good, columns: present, problems, problemCount: count() };
}

/** Problems of a file, numbered by row, at most MAX_PROBLEMS kept (all counted). */
function problemList(): { problems: ImportProblem[]; problem(row: number, message: string): void; count(): number } {
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  return {
    problems,
    problem(row, message) {
      problemCount++;
      if (problems.length < MAX_PROBLEMS) problems.push({ row, message });
    },
    count: () => problemCount,
  };
}

/** An existing device without an agent that an import row may update. */
export interface ImportCandidate {
  id: string;
  hostname: string;
  serialNumber: string | null;
}

/**
 * Which existing device each row updates: the one with its serial number, or, for a row without
 * one, with its hostname (both without regard to case). A row matching several devices, or two
 * rows matching the same key, is a problem: re-importing a file must never merge two devices.
 */
export function matchImportRows(rows: ImportRow[], candidates: ImportCandidate[]): { creates: ImportRow[]; updates: Array<ImportRow & { id: string }>; problems: ImportProblem[]; problemCount: number } {
  const bySerial = groupBy(candidates.filter((c) => c.serialNumber), (c) => c.serialNumber!.toLowerCase());
  const byHostname = groupBy(candidates, (c) => c.hostname.toLowerCase());
  const { problems, problem, count } = problemList();
  const firstRowOf = new Map<string, number>();
  const creates: ImportRow[] = [];
  const updates: Array<ImportRow & { id: string }> = [];
  for (const r of rows) {
    const serial = r.device.serialNumber?.toLowerCase();
    const key = serial ? `serial:${serial}` : `hostname:${r.device.hostname.toLowerCase()}`;
    const what = serial ? `serial number ${r.device.serialNumber}` : `hostname ${r.device.hostname}`;
    const earlier = firstRowOf.get(key);
    if (earlier !== undefined) {
      problem(r.row, `has the same ${what} as row ${earlier}`);
      continue;
    }
    firstRowOf.set(key, r.row);
    const matches = serial ? (bySerial.get(serial) ?? []) : (byHostname.get(r.device.hostname.toLowerCase()) ?? []);
    if (matches.length > 1) problem(r.row, `${what} matches ${matches.length} existing devices; tell them apart (serial numbers) before importing`);
    else if (matches.length === 1) updates.push({ ...r, id: matches[0]!.id });
    else creates.push(r);
  }
  return { creates, updates, problems, problemCount: count() };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
