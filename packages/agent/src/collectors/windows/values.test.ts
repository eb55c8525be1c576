import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bool, calendarDate, errorMessage, list, object, psDate, smbios, str, uint } from './values.js';

describe('windows PowerShell JSON readers', () => {
  it('read lists however PowerShell 5.1 printed them', () => {
    assert.deepEqual(list([1, 2]), [1, 2]);
    assert.deepEqual(list({ Name: 'only' }), [{ Name: 'only' }]); // one element, unrolled
    assert.deepEqual(list(null), []); // zero elements
    assert.deepEqual(list({ value: [1, 2], Count: 2 }), [1, 2]); // System.Array type data
    assert.deepEqual(list({ error: 'Invalid class ' }), []);
    assert.deepEqual(list('a'), ['a']);
    assert.deepEqual(object([{ a: 1 }, { a: 2 }]), { a: 1 });
    assert.equal(object({ error: 'x' }), undefined);
  });

  it('tell error placeholders from data', () => {
    assert.equal(errorMessage({ error: 'Invalid namespace ' }), 'Invalid namespace');
    assert.equal(errorMessage({ error: 'x', other: 1 }), undefined);
    assert.equal(errorMessage([{ error: 'x' }]), undefined);
  });

  it('read dates in every spelling', () => {
    assert.equal(psDate('/Date(1700469000000)/'), '2023-11-20T08:30:00.000Z');
    assert.equal(psDate('/Date(1700469000000+0100)/'), '2023-11-20T08:30:00.000Z');
    assert.equal(psDate('2023-11-20T09:30:00.1234567+01:00'), '2023-11-20T08:30:00.123Z'); // PowerShell 7
    assert.equal(psDate('2023-11-20T08:30:00Z'), '2023-11-20T08:30:00.000Z');
    assert.equal(psDate('2023-11-20 08:30:00'), '2023-11-20T08:30:00.000Z'); // zone-less: UTC by the script's rule
    assert.equal(psDate('20231120093000.500000+060'), '2023-11-20T08:30:00.500Z'); // DMTF
    assert.equal(psDate({ value: '/Date(1700469000000)/', DisplayHint: 2, DateTime: 'Monday, November 20, 2023 9:30:00 AM' }), '2023-11-20T08:30:00.000Z');
    assert.equal(psDate('/Date(-62135596800000)/'), null); // DateTime.MinValue: never
    assert.equal(psDate(''), null);
    assert.equal(psDate('Monday'), null);
    assert.equal(psDate(null), null);
  });

  it('read calendar dates', () => {
    assert.equal(calendarDate('20231120'), '2023-11-20');
    assert.equal(calendarDate(20231120), '2023-11-20');
    assert.equal(calendarDate('2023-11-20'), '2023-11-20');
    assert.equal(calendarDate('11/20/2023'), '2023-11-20');
    assert.equal(calendarDate('3/4/2024'), '2024-03-04');
    assert.equal(calendarDate('20/11/2023'), '2023-11-20');
    assert.equal(calendarDate('20.11.2023'), '2023-11-20');
    assert.equal(calendarDate('20230230'), null);
    assert.equal(calendarDate('0'), null);
    assert.equal(calendarDate(''), null);
    assert.equal(calendarDate('/Date(1700469000000)/'), '2023-11-20');
  });

  it('read scalars', () => {
    assert.equal(str('  Dell Inc.  '), 'Dell Inc.');
    assert.equal(str('C:\\Program Files\\App\0'), 'C:\\Program Files\\App');
    assert.equal(str(''), null);
    assert.equal(str('abcdef', 3), 'abc');
    assert.equal(str(42), '42');
    assert.equal(uint('1356'), 1356);
    assert.equal(uint(-1), null);
    assert.equal(uint('12 KB'), null);
    assert.equal(bool('True'), true);
    assert.equal(bool(0), false);
    assert.equal(bool('1'), true);
    assert.equal(bool(2), null);
    assert.equal(smbios('To Be Filled By O.E.M.'), null);
    assert.equal(smbios('Default string'), null);
    assert.equal(smbios('00000000-0000-0000-0000-000000000000'), null);
    assert.equal(smbios('7Q2KMD3'), '7Q2KMD3');
  });
});
