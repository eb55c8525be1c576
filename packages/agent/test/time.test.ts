import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { isoString } from '../src/time.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('isoString', () => {
  test('is Date.prototype.toISOString, also for years outside 0-9999 and the ends of the range', () => {
    const edges = [0, 1, -1, 951_782_400_000, 1_000_000_000_123, 253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_000, -62_167_219_200_001, 8.64e15, -8.64e15];
    const random = Array.from({ length: 10_000 }, () => Math.floor((Math.random() * 2 - 1) * 8.64e15));
    for (const ms of [...edges, ...random, Date.now()]) {
      assert.equal(isoString(ms), new Date(ms).toISOString(), String(ms));
      assert.equal(isoString(new Date(ms)), new Date(ms).toISOString(), String(ms));
    }
    assert.match(isoString(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  test('an invalid date is a RangeError, as with toISOString', () => {
    assert.throws(() => isoString(Number.NaN), RangeError);
    assert.throws(() => isoString(8.64e15 + 1), RangeError);
    assert.throws(() => isoString(new Date('not a date')), RangeError);
  });

  test('the agent formats no date through V8 (its formatter reads ICU data that stays resident)', () => {
    const offenders = [...sources(path.join(root, 'packages/agent/src')), ...sources(path.join(root, 'packages/protocol/src'))]
      .filter((file) => !file.endsWith(`${path.sep}time.ts`))
      .filter((file) => /\.(toISOString|toUTCString|toJSON)\(/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    assert.deepEqual(offenders, [], 'use isoString() from packages/agent/src/time.ts');
  });
});
