import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { atomicWriteFile, atomicWriteJson, readJsonFile, readText } from '../src/fsutil.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-fsutil-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Text of `length` characters mixing one-, two-, three- and four-byte UTF-8 (a surrogate pair counts two). */
function mixedText(length: number, seed: number): string {
  const alphabet = ['a', 'é', '€', '😀', '\n', 'z'];
  let text = '';
  for (let i = 0; text.length < length; i++) text += alphabet[(i * 7 + seed * 13 + (i >> 3)) % alphabet.length];
  return text;
}

describe('text files in pieces', () => {
  test('written and read back unchanged across piece boundaries, multi-byte characters and surrogate pairs included', () => {
    const file = path.join(dir, 'text');
    for (const length of [0, 1, 10_921, 10_922, 10_923, 32_767, 32_768, 32_769, 100_000, 300_000]) {
      for (let seed = 0; seed < 3; seed++) {
        const text = mixedText(length, seed);
        atomicWriteFile(file, text);
        assert.equal(fs.readFileSync(file, 'utf8'), text, `written, ${length} characters`);
        assert.equal(readText(file), text, `read, ${length} characters`);
      }
    }
    for (const prefix of [0, 1, 2, 3]) {
      const text = `${'x'.repeat(prefix)}${'😀'.repeat(40_000)}`;
      atomicWriteFile(file, text);
      assert.equal(readText(file), text);
    }
  });

  test('bytes are written as given; JSON round-trips; a missing file reads as undefined', () => {
    const file = path.join(dir, 'bytes');
    const bytes = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));
    atomicWriteFile(file, bytes);
    assert.deepEqual(fs.readFileSync(file), bytes);
    atomicWriteJson(file, { list: [1, 2, '€'], nested: { ok: true } });
    assert.deepEqual(readJsonFile(file), { list: [1, 2, '€'], nested: { ok: true } });
    assert.equal(readJsonFile(path.join(dir, 'missing')), undefined);
  });
});
