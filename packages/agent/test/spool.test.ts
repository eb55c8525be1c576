import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import zlib from 'node:zlib';
import { crc32 } from '../src/crc32.js';
import { memoryLogger } from '../src/log.js';
import { Spool, SpoolError, encodeRecord, type SpoolKind } from '../src/spool.js';
import { tempDir } from './helpers/machine.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

function segments(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((n) => n.startsWith('seg-'))
    .sort()
    .map((n) => path.join(dir, n));
}

/** Everything left in the spool, oldest first, acknowledging as it goes (as a drain would). */
function drainAll(spool: Spool): Array<{ kind: SpoolKind; body: unknown }> {
  const out: Array<{ kind: SpoolKind; body: unknown }> = [];
  for (let record = spool.peek(); record; record = spool.peek()) {
    out.push({ kind: record.kind, body: record.body });
    spool.ack(record.rid);
  }
  return out;
}

/** The records in order without acknowledging them. */
function contents(dir: string, options = {}): Array<{ kind: SpoolKind; body: unknown }> {
  const copy = tempDir();
  for (const name of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, name), path.join(copy, name));
  const spool = Spool.open(copy, options);
  try {
    return drainAll(spool);
  } finally {
    spool.close();
  }
}

describe('crc32', () => {
  test('matches the standard check value and zlib', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.alloc(0)), 0);
    const data = Buffer.from(JSON.stringify({ hello: 'world', n: [1, 2, 3] }).repeat(100));
    const zcrc = (zlib as unknown as { crc32?: (d: Buffer) => number }).crc32;
    if (zcrc) assert.equal(crc32(data), zcrc(data));
    assert.equal(crc32(data.subarray(100), crc32(data.subarray(0, 100))), crc32(data), 'chunks continue');
  });
});

describe('spool', () => {
  test('appends survive a reopen and drain in order; acknowledged records stay gone', () => {
    const dir = tempDir();
    const spool = Spool.open(dir);
    for (let i = 0; i < 5; i++) spool.append(i % 2 ? 'metrics' : 'delta', { i });
    const first = spool.peek();
    assert.deepEqual(first?.body, { i: 0 });
    spool.ack(first!.rid);
    spool.close();

    const reopened = Spool.open(dir);
    assert.equal(reopened.stats().records, 4);
    assert.deepEqual(
      drainAll(reopened).map((r) => r.body),
      [{ i: 1 }, { i: 2 }, { i: 3 }, { i: 4 }],
    );
    reopened.append('metrics', { i: 5 });
    reopened.close();
    assert.deepEqual(contents(dir).map((r) => r.body), [{ i: 5 }]);
  });

  test('rids keep increasing after everything was acknowledged and the segments deleted', () => {
    const dir = tempDir();
    const spool = Spool.open(dir);
    const a = spool.append('metrics', { a: 1 }).rid!;
    drainAll(spool);
    spool.close();
    assert.equal(segments(dir).length, 0, 'fully acknowledged segments are deleted');
    const again = Spool.open(dir);
    const b = again.append('metrics', { b: 1 }).rid!;
    assert.ok(b > a);
    again.close();
  });

  test('a torn last record (power loss mid-write) is truncated away on open', () => {
    const dir = tempDir();
    const spool = Spool.open(dir);
    for (let i = 0; i < 3; i++) spool.append('metrics', { i, pad: 'p'.repeat(100) });
    spool.close();
    const [segment] = segments(dir);
    const full = fs.statSync(segment!).size;
    fs.truncateSync(segment!, full - 20);

    const log = memoryLogger();
    const reopened = Spool.open(dir, { log });
    assert.equal(reopened.stats().records, 2);
    assert.ok(log.lines.some((l) => l.msg.includes('truncating damaged segment')));
    const recordSize = encodeRecord(Buffer.from(JSON.stringify({ rid: 1, kind: 'metrics', body: { i: 0, pad: 'p'.repeat(100) } }))).length;
    assert.equal(fs.statSync(segment!).size, 2 * recordSize, 'the file ends where the good records end');
    reopened.append('metrics', { i: 3 });
    reopened.close();
    assert.deepEqual(contents(dir).map((r) => (r.body as { i: number }).i), [0, 1, 3]);
  });

  test('a torn record header and zero-filled tails are truncated too', () => {
    for (const tail of [Buffer.from([5, 0, 0]), Buffer.alloc(64)]) {
      const dir = tempDir();
      const spool = Spool.open(dir);
      spool.append('metrics', { i: 0 });
      spool.close();
      fs.appendFileSync(segments(dir)[0]!, tail);
      const reopened = Spool.open(dir);
      assert.equal(reopened.stats().records, 1);
      reopened.close();
    }
  });

  test('a CRC mismatch is detected and the damaged record dropped, never a crash', () => {
    const dir = tempDir();
    const spool = Spool.open(dir);
    spool.append('metrics', { i: 0 });
    spool.append('metrics', { i: 1, word: 'hello' });
    spool.close();
    const [segment] = segments(dir);
    const bytes = fs.readFileSync(segment!);
    const at = bytes.lastIndexOf('hello');
    bytes[at] = 'j'.charCodeAt(0);
    fs.writeFileSync(segment!, bytes);
    const reopened = Spool.open(dir);
    assert.deepEqual(drainAll(reopened).map((r) => r.body), [{ i: 0 }]);
    reopened.close();
  });

  test('a record damaged after open is skipped at read time', () => {
    const dir = tempDir();
    const spool = Spool.open(dir);
    spool.append('metrics', { i: 0, word: 'hello' });
    spool.append('metrics', { i: 1 });
    const [segment] = segments(dir);
    const fd = fs.openSync(segment!, 'r+');
    const bytes = fs.readFileSync(segment!);
    fs.writeSync(fd, Buffer.from('j'), 0, 1, bytes.indexOf('hello'));
    fs.closeSync(fd);
    assert.deepEqual(drainAll(spool).map((r) => r.body), [{ i: 1 }]);
    spool.close();
  });

  test('acknowledging out of order keeps the older record and forgets the newer across a reopen', () => {
    const dir = tempDir();
    const spool = Spool.open(dir);
    spool.append('metrics', { i: 0 });
    const second = spool.append('metrics', { i: 1 }).rid!;
    spool.append('metrics', { i: 2 });
    spool.drop(second);
    spool.close();
    assert.deepEqual(contents(dir).map((r) => r.body), [{ i: 0 }, { i: 2 }]);
  });

  test('a new full report supersedes unsent full and delta reports, not metrics or results', () => {
    const dir = tempDir();
    const spool = Spool.open(dir);
    spool.append('full', { n: 'full-1' });
    spool.append('delta', { n: 'delta-1' });
    spool.append('metrics', { n: 'metrics-1' });
    spool.append('result', { n: 'result-1' });
    spool.append('delta', { n: 'delta-2' });
    const result = spool.append('full', { n: 'full-2' });
    assert.deepEqual(result.superseded.map((s) => s.kind), ['full', 'delta', 'delta']);
    spool.append('delta', { n: 'delta-3' });
    spool.close();
    assert.deepEqual(contents(dir).map((r) => (r.body as { n: string }).n), ['metrics-1', 'result-1', 'full-2', 'delta-3']);
  });

  test('over the byte bound the oldest metrics go first, then older reports; space is really reclaimed', () => {
    const dir = tempDir();
    const pad = 'm'.repeat(900);
    const maxBytes = 10 * 1024;
    const spool = Spool.open(dir, { maxBytes, segmentBytes: 2048 });
    spool.append('delta', { n: 'delta-0', pad });
    for (let i = 0; i < 6; i++) spool.append('metrics', { n: `metrics-${i}`, pad });
    spool.append('delta', { n: 'delta-1', pad });
    const dropped: string[] = [];
    for (let i = 0; i < 4; i++) {
      const result = spool.append('result', { n: `result-${i}`, pad });
      assert.notEqual(result.rid, null);
      dropped.push(...result.dropped.map((d) => d.kind));
    }
    assert.ok(dropped.length > 0 && dropped.every((k) => k === 'metrics'), `only metrics dropped: ${dropped.join(',')}`);
    const onDisk = segments(dir).reduce((sum, f) => sum + fs.statSync(f).size, 0);
    assert.ok(onDisk <= maxBytes, `segments hold ${onDisk} bytes, bound ${maxBytes}`);
    assert.equal(spool.stats().bytes, onDisk);
    const names = contents(dir).map((r) => (r.body as { n: string }).n);
    assert.ok(names.includes('delta-0') && names.includes('delta-1'), names.join(','));
    const kept = names.filter((n) => n.startsWith('metrics'));
    assert.ok(kept.length < 6);
    const all = ['metrics-0', 'metrics-1', 'metrics-2', 'metrics-3', 'metrics-4', 'metrics-5'];
    assert.deepEqual(kept, all.slice(all.length - kept.length), 'the newest metrics are the ones kept');

    // Once no metrics are left, the oldest report goes when a new report needs room...
    for (let i = 4; spool.stats().byKind.metrics > 0; i++) {
      const result = spool.append('result', { n: `result-${i}`, pad });
      assert.ok(result.dropped.every((d) => d.kind === 'metrics'));
    }
    assert.equal(spool.stats().byKind.delta, 2, 'no report was dropped while metrics were left');
    let evicted: string[] = [];
    for (let i = 100; evicted.length === 0; i++) evicted = spool.append('result', { n: `result-${i}`, pad }).dropped.map((d) => d.kind);
    assert.deepEqual(evicted, ['delta']);
    // ...while a new metrics record is refused rather than evicting a report.
    const refused = spool.append('metrics', { n: 'metrics-late', pad: pad + pad });
    assert.equal(refused.rid, null);
    assert.equal(spool.stats().byKind.delta, 1);
    spool.close();
    assert.ok(segments(dir).reduce((sum, f) => sum + fs.statSync(f).size, 0) <= maxBytes);
  });

  test('a record larger than the whole bound is refused with an error', () => {
    const spool = Spool.open(tempDir(), { maxBytes: 1024 });
    assert.throws(() => spool.append('full', { pad: 'x'.repeat(2000) }), SpoolError);
    spool.close();
  });

  test('segments rotate, and fully acknowledged ones are deleted', () => {
    const dir = tempDir();
    const spool = Spool.open(dir, { segmentBytes: 1024 });
    for (let i = 0; i < 20; i++) spool.append('metrics', { i, pad: 'x'.repeat(200) });
    const before = segments(dir).length;
    assert.ok(before >= 4, `${before} segments`);
    for (let i = 0; i < 10; i++) spool.ack(spool.peek()!.rid);
    assert.ok(segments(dir).length < before);
    drainAll(spool);
    assert.equal(segments(dir).length, 0);
    spool.close();
  });

  test('an unreadable ack file means re-sending, not losing', () => {
    const dir = tempDir();
    const spool = Spool.open(dir);
    spool.append('metrics', { i: 0 });
    spool.append('metrics', { i: 1 });
    spool.ack(spool.peek()!.rid);
    spool.close();
    fs.writeFileSync(path.join(dir, 'ack.json'), '{not json');
    assert.deepEqual(contents(dir).map((r) => r.body), [{ i: 0 }, { i: 1 }]);
  });

  test('SIGKILL in a tight append loop loses no record whose append returned', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'helpers', 'spool-writer.ts'), dir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const confirmed = new Map<number, number>();
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const [rid, i] = line.split(' ').map(Number);
          confirmed.set(rid!, i!);
        }
        if (confirmed.size >= 300 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => {
        if (signal === 'SIGKILL') resolve();
        else reject(new Error(`writer exited on its own: ${code}`));
      });
    });
    assert.ok(confirmed.size >= 300);
    const spool = Spool.open(dir, { segmentBytes: 16 * 1024 });
    const found = new Map<number, number>();
    for (let record = spool.peek(); record; record = spool.peek()) {
      found.set(record.rid, (record.body as { i: number }).i);
      spool.ack(record.rid);
    }
    spool.close();
    for (const [rid, i] of confirmed) assert.equal(found.get(rid), i, `record ${rid} lost or wrong`);
    const rids = [...found.keys()];
    assert.deepEqual(rids, [...rids].sort((a, b) => a - b), 'drained in order');
  });
});
