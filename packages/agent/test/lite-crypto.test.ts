import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, test } from 'node:test';
import { createHash, randomBytes, randomUUID } from '../src/lite-crypto.js';

// The single-file bundle's node:crypto (scripts/build.mjs): it must agree with node:crypto.
describe('lite-crypto', () => {
  for (const algorithm of ['sha256', 'sha1'] as const) {
    test(`${algorithm} of every length around the block and padding boundaries, bytes and UTF-8 text`, () => {
      for (let n = 0; n < 300; n++) {
        const bytes = crypto.randomBytes(n);
        assert.equal(createHash(algorithm).update(bytes).digest('hex'), crypto.createHash(algorithm).update(bytes).digest('hex'), `${n} bytes`);
        const text = 'é€😀x'.repeat(n);
        assert.equal(createHash(algorithm).update(text).digest('base64'), crypto.createHash(algorithm).update(text).digest('base64'), `${n} characters`);
      }
    });

    test(`${algorithm} fed in pieces equals one update`, () => {
      const bytes = crypto.randomBytes(5000);
      for (const piece of [1, 3, 63, 64, 65, 1000]) {
        const hash = createHash(algorithm);
        for (let at = 0; at < bytes.length; at += piece) hash.update(bytes.subarray(at, at + piece));
        assert.deepEqual(hash.digest(), crypto.createHash(algorithm).update(bytes).digest(), `pieces of ${piece}`);
      }
    });
  }

  test('known answers', () => {
    assert.equal(createHash('sha256').update('').digest('hex'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(createHash('sha256').update('abc').digest('hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // RFC 6455's handshake example.
    assert.equal(createHash('sha1').update('dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64'), 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  test('a hash is used once; an unknown algorithm is an error', () => {
    const hash = createHash('sha256').update('x');
    hash.digest();
    assert.throws(() => hash.digest());
    assert.throws(() => hash.update('y'));
    assert.throws(() => createHash('md5'), /md5/);
  });

  test('random bytes and version 4 UUIDs', () => {
    assert.equal(randomBytes(0).length, 0);
    const a = randomBytes(32);
    assert.equal(a.length, 32);
    assert.notDeepEqual(a, randomBytes(32));
    const ids = new Set(Array.from({ length: 1000 }, () => randomUUID()));
    assert.equal(ids.size, 1000);
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
