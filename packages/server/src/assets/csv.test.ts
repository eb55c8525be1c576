import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csvCell, csvLine, CsvError, parseCsv } from './csv.js';

const fields = (text: string) => parseCsv(text, { maxRecords: 100 }).map((r) => r.fields);

describe('CSV', () => {
  test('writes cells quoted only when they need it', () => {
    assert.equal(csvLine(['a', 1, true, null, undefined]), 'a,1,true,,\r\n');
    assert.equal(csvCell('x,y'), '"x,y"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell(' padded '), '" padded "');
    assert.equal(csvCell(new Date('2024-06-01T12:00:00Z')), '2024-06-01T12:00:00.000Z');
  });

  test('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    assert.equal(csvCell('=HYPERLINK("http://evil")'), '"\'=HYPERLINK(""http://evil"")"');
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('-12.5'), '-12.5');
    assert.equal(csvCell(-3), '-3');
  });

  test('reads what it writes', () => {
    const rows = [['name', 'notes'], ['a,b', 'say "hi"\nbye'], ['', ' x ']];
    assert.deepEqual(fields(rows.map((r) => csvLine(r)).join('')), rows);
  });

  test('accepts LF, CRLF, a byte order mark, blank lines and a missing final newline', () => {
    assert.deepEqual(fields('\ufeffa,b\n1,2\r\n\r\n3,4'), [['a', 'b'], ['1', '2'], ['3', '4']]);
    assert.deepEqual(fields('a,,b\n'), [['a', '', 'b']]);
  });

  test('numbers records as spreadsheet rows, counting lines inside quotes and blank lines', () => {
    const records = parseCsv('h\n"multi\nline"\n\nlast\n', { maxRecords: 10 });
    assert.deepEqual(records.map((r) => r.row), [1, 2, 5]);
  });

  test('refuses malformed input with the row it is on', () => {
    assert.throws(() => fields('a\n"open'), (e: unknown) => e instanceof CsvError && e.row === 2 && /not closed/.test(e.message));
    assert.throws(() => fields('a\n"x"y'), (e: unknown) => e instanceof CsvError && /after a closing quote/.test(e.message));
    assert.throws(() => fields('a\nx"y'), (e: unknown) => e instanceof CsvError && /must itself be quoted/.test(e.message));
    assert.throws(() => parseCsv('a\nb\nc\n', { maxRecords: 2 }), (e: unknown) => e instanceof CsvError && /more than 2/.test(e.message));
  });
});
