import fs from 'node:fs';

/**
 * What the agent takes from node:crypto, without node:crypto. The single-file bundle resolves
 * every `import … from 'node:crypto'` (the agent's and @muster/protocol's) to this module
 * (scripts/build.mjs): loading node:crypto initialises its native binding and evaluates fourteen
 * internal modules (ciphers, keys, X.509, …), ~0.7 MB of resident memory for a daemon that hashes
 * a few hundred KB every 15 minutes and draws a few random bytes (npm run bench:agent). The price
 * is CPU: without an optimising compiler (the agent runs in V8's lite mode), SHA-256 here hashes
 * ~3 MB/s, ~0.1 s for an inventory's sections instead of ~1 ms. Run from its sources (tests, tsx)
 * the agent uses node:crypto itself; the tests hold this module to it.
 *
 * - createHash: SHA-256 (report hashes) and SHA-1 (the WebSocket handshake), incremental, in
 *   plain JavaScript; digest() as a Buffer, or as 'hex' or 'base64'.
 * - randomBytes, randomUUID: from the kernel's CSPRNG, /dev/urandom; where there is none (Windows)
 *   from node:crypto, loaded then.
 */

export interface LiteHash {
  update(data: string | Uint8Array): LiteHash;
  digest(): Buffer;
  digest(encoding: 'hex' | 'base64'): string;
}

const SHA256_K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
  0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
  0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** One 64-byte block of SHA-256 into the state `h`; `w` is scratch space of 64 words. */
function sha256Block(h: Int32Array, w: Int32Array, data: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++, at += 4) w[i] = (data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!;
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = h[0]!;
  let b = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  let f = h[5]!;
  let g = h[6]!;
  let hh = h[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (hh + s1 + ((e & f) ^ (~e & g)) + SHA256_K[i]! + w[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + hh) | 0;
}

/** One 64-byte block of SHA-1 into the state `h`; `w` is scratch space of 80 words. */
function sha1Block(h: Int32Array, w: Int32Array, data: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++, at += 4) w[i] = (data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!;
  for (let i = 16; i < 80; i++) {
    const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
    w[i] = (x << 1) | (x >>> 31);
  }
  let a = h[0]!;
  let b = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  for (let i = 0; i < 80; i++) {
    const f = i < 20 ? ((b & c) | (~b & d)) + 0x5a827999 : i < 40 ? (b ^ c ^ d) + 0x6ed9eba1 : i < 60 ? ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc : (b ^ c ^ d) + 0xca62c1d6;
    const t = (((a << 5) | (a >>> 27)) + f + e + w[i]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
}

const ALGORITHMS = {
  sha256: { init: [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19], words: 64, block: sha256Block },
  sha1: { init: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0], words: 80, block: sha1Block },
} as const;

class BlockHash implements LiteHash {
  private readonly h: Int32Array;
  private readonly w: Int32Array;
  /** Bytes short of a whole block, carried to the next update. */
  private readonly pending = new Uint8Array(64);
  private pendingLength = 0;
  private length = 0;
  private done = false;

  constructor(private readonly algorithm: (typeof ALGORITHMS)[keyof typeof ALGORITHMS]) {
    this.h = Int32Array.from(algorithm.init);
    this.w = new Int32Array(algorithm.words);
  }

  update(data: string | Uint8Array): this {
    if (this.done) throw new Error('Digest already called');
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.length += bytes.length;
    let at = 0;
    if (this.pendingLength) {
      const take = Math.min(64 - this.pendingLength, bytes.length);
      this.pending.set(bytes.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      at = take;
      if (this.pendingLength < 64) return this;
      this.algorithm.block(this.h, this.w, this.pending, 0);
      this.pendingLength = 0;
    }
    for (; at + 64 <= bytes.length; at += 64) this.algorithm.block(this.h, this.w, bytes, at);
    if (at < bytes.length) {
      this.pending.set(bytes.subarray(at), 0);
      this.pendingLength = bytes.length - at;
    }
    return this;
  }

  digest(): Buffer;
  digest(encoding: 'hex' | 'base64'): string;
  digest(encoding?: 'hex' | 'base64'): Buffer | string {
    if (this.done) throw new Error('Digest already called');
    const bits = this.length * 8;
    // 0x80, zeros up to 56 mod 64, the message length in bits as a 64-bit big-endian number.
    const tail = new Uint8Array(this.pendingLength < 56 ? 64 : 128);
    tail.set(this.pending.subarray(0, this.pendingLength));
    tail[this.pendingLength] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bits / 2 ** 32));
    view.setUint32(tail.length - 4, bits >>> 0);
    for (let at = 0; at < tail.length; at += 64) this.algorithm.block(this.h, this.w, tail, at);
    this.done = true;
    const out = Buffer.alloc(this.h.length * 4);
    for (let i = 0; i < this.h.length; i++) out.writeInt32BE(this.h[i]!, i * 4);
    return encoding ? out.toString(encoding) : out;
  }
}

export function createHash(algorithm: string): LiteHash {
  const spec = ALGORITHMS[algorithm as keyof typeof ALGORITHMS];
  if (!spec) throw new Error(`muster-agent: hash ${algorithm} is not built in (packages/agent/src/lite-crypto.ts)`);
  return new BlockHash(spec);
}

function fromNodeCrypto(size: number): Buffer {
  return (process.getBuiltinModule('node:crypto') as typeof import('node:crypto')).randomBytes(size);
}

export function randomBytes(size: number): Buffer {
  if (process.platform === 'win32') return fromNodeCrypto(size);
  const out = Buffer.alloc(size);
  let fd: number | undefined;
  try {
    fd = fs.openSync('/dev/urandom', 'r');
    for (let got = 0; got < size; ) {
      const n = fs.readSync(fd, out, got, size - got, null);
      if (n <= 0) throw new Error('short read from /dev/urandom');
      got += n;
    }
    return out;
  } catch {
    return fromNodeCrypto(size);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A version 4 UUID (RFC 9562), lower-case, as crypto.randomUUID() gives. */
export function randomUUID(): string {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
