/**
 * CSV as spreadsheets write and read it (RFC 4180): comma-separated, fields quoted with `"` when
 * they hold a comma, a quote or a line break, quotes doubled inside quotes, CRLF or LF line ends.
 * Small enough to own rather than depend on a library for.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

/** A spreadsheet treats a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** One cell, quoted when it must be. Text that a spreadsheet would run as a formula gets a leading `'`. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 says. */
export function csvLine(values: CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export class CsvError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses a whole CSV document into records of fields. Records are numbered from 1 (the header)
 * the way a spreadsheet numbers its rows when no field spans lines. Blank lines are skipped but
 * still counted. Stops with a CsvError on an unterminated quote, stray text after a closing quote,
 * or more than maxRecords records.
 */
export function parseCsv(text: string, options: { maxRecords: number }): Array<{ row: number; fields: string[] }> {
  const records: Array<{ row: number; fields: string[] }> = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte order mark, as Excel writes it
  let row = 1;
  const n = text.length;
  while (i < n) {
    const startRow = row;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (text[i] === '"') {
        // Quoted field: runs to the next quote that is not doubled.
        i++;
        for (;;) {
          if (i >= n) throw new CsvError(startRow, 'a quoted field is not closed');
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') row++;
          field += ch;
          i++;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') throw new CsvError(startRow, 'unexpected text after a closing quote');
      } else {
        const start = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        field = text.slice(start, i);
        if (field.includes('"')) throw new CsvError(startRow, 'a field with a quote (") must itself be quoted, with the quote doubled');
      }
      fields.push(field);
      field = '';
      if (i >= n) {
        endOfRecord = true;
      } else if (text[i] === ',') {
        i++;
      } else {
        // \r\n, \n or a lone \r ends the record.
        if (text[i] === '\r' && text[i + 1] === '\n') i++;
        i++;
        row++;
        endOfRecord = true;
      }
    }
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    if (records.length >= options.maxRecords) throw new CsvError(startRow, `more than ${options.maxRecords} records`);
    records.push({ row: startRow, fields });
  }
  return records;
}
