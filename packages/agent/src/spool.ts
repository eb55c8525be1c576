import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from './crc32.js';
import { atomicWriteJson, fsyncDir, isRecord, readJsonFile } from './fsutil.js';
import { silentLogger, type Logger } from './log.js';

/**
 * The on-disk spool: every report goes here first and leaves only once the server acknowledged it.
 *
 * Format. Append-only segment files `seg-<n>.log` under <stateDir>/spool. Each record is
 *   [u32 LE payload length][u32 LE CRC-32 of the payload][payload: UTF-8 JSON {rid, kind, body}]
 * `rid` is the spool's own record number, increasing by one per append. Every append is written
 * with one write() and fdatasync'd before append() returns; a new segment also fsyncs the directory.
 *
 * Acknowledgement. `ack.json` (written atomically, fsync'd) holds `ackedThrough` (every rid up to
 * it is done) and `skipped` (done rids above it: superseded, dropped, or refused records that sat
 * behind an older unsent one). Records are identified by rid rather than by file offset, so a
 * segment can be rewritten (compacted) without touching ack.json, and a crash at any point leaves
 * a consistent pair. A segment with no live record left is deleted.
 *
 * Power loss. On open every record is checked; the first torn or corrupt one (length past EOF,
 * CRC mismatch, unparsable payload) and everything after it in that segment is truncated away and
 * logged. Only the last append can be torn, since each earlier one was fsync'd before the next.
 *
 * Bound. The segment files together stay under `maxBytes`. To make room: delete done segments,
 * compact segments holding dead records, then drop the oldest metrics, and only then the oldest
 * other records (a new metrics record is refused rather than evicting an inventory report).
 * Coalescing: a new full inventory report supersedes every unsent full and delta before it.
 */

export type SpoolKind = 'full' | 'delta' | 'metrics' | 'result';
const KINDS: readonly SpoolKind[] = ['full', 'delta', 'metrics', 'result'];

export interface SpooledRecord {
  rid: number;
  kind: SpoolKind;
  body: unknown;
}

export interface SpoolEntry {
  rid: number;
  kind: SpoolKind;
}

export interface AppendResult {
  /** The new record's rid, or null when it was refused (a metrics record that did not fit). */
  rid: number | null;
  /** Unsent inventory records made pointless by this (full) record. */
  superseded: SpoolEntry[];
  /** Records evicted to respect the byte bound. */
  dropped: SpoolEntry[];
}

export interface SpoolStats {
  records: number;
  bytes: number;
  byKind: Record<SpoolKind, number>;
}

export interface SpoolOptions {
  maxBytes?: number;
  /** A segment is closed for appends once it reaches this size. */
  segmentBytes?: number;
  log?: Logger;
}

export class SpoolError extends Error {}

interface RecordRef {
  rid: number;
  kind: SpoolKind;
  offset: number;
  /** Header and payload. */
  size: number;
}

interface Segment {
  id: number;
  file: string;
  size: number;
  /** Records not yet done, in file order. */
  live: RecordRef[];
}

const HEADER = 8;
/** No report comes near this; a larger length field is corruption, not a record. */
const MAX_RECORD = 256 * 1024 * 1024;
const ACK_FILE = 'ack.json';
const SEGMENT_NAME = /^seg-(\d{10})\.log$/;

export const DEFAULT_SPOOL_BYTES = 64 * 1024 * 1024;

function segmentName(id: number): string {
  return `seg-${String(id).padStart(10, '0')}.log`;
}

export function encodeRecord(payload: Buffer): Buffer {
  const record = Buffer.allocUnsafe(HEADER + payload.length);
  record.writeUInt32LE(payload.length, 0);
  record.writeUInt32LE(crc32(payload), 4);
  payload.copy(record, HEADER);
  return record;
}

type ScanResult = { records: RecordRef[]; validBytes: number; problem?: string };

/** Reads a segment's records up to the first bad one; `validBytes` is where the good data ends. */
function scanSegment(file: string): ScanResult {
  const records: ScanResult['records'] = [];
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    return { records, validBytes: 0, problem: `cannot open: ${(error as Error).message}` };
  }
  try {
    const fileSize = fs.fstatSync(fd).size;
    const header = Buffer.alloc(HEADER);
    let offset = 0;
    while (offset < fileSize) {
      if (offset + HEADER > fileSize) return { records, validBytes: offset, problem: `torn record header at ${offset}` };
      fs.readSync(fd, header, 0, HEADER, offset);
      const length = header.readUInt32LE(0);
      const crc = header.readUInt32LE(4);
      if (length === 0 || length > MAX_RECORD) return { records, validBytes: offset, problem: `bad record length ${length} at ${offset}` };
      if (offset + HEADER + length > fileSize) return { records, validBytes: offset, problem: `torn record at ${offset} (length past end of file)` };
      const payload = Buffer.allocUnsafe(length);
      fs.readSync(fd, payload, 0, length, offset + HEADER);
      if (crc32(payload) !== crc) return { records, validBytes: offset, problem: `CRC mismatch at ${offset}` };
      const envelope = parseEnvelope(payload);
      if (!envelope) return { records, validBytes: offset, problem: `unreadable payload at ${offset}` };
      records.push({ rid: envelope.rid, kind: envelope.kind, offset, size: HEADER + length });
      offset += HEADER + length;
    }
    return { records, validBytes: offset };
  } catch (error) {
    return { records, validBytes: records.reduce((end, r) => Math.max(end, r.offset + r.size), 0), problem: `read error: ${(error as Error).message}` };
  } finally {
    fs.closeSync(fd);
  }
}

/** write(2) may write less than asked (a full disk); keep going or fail, never leave it half done silently. */
function writeAll(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) {
    const written = fs.writeSync(fd, buffer, offset, buffer.length - offset);
    if (written <= 0) throw new SpoolError('short write to the spool');
    offset += written;
  }
}

function parseEnvelope(payload: Buffer): ({ rid: number; kind: SpoolKind; body: unknown }) | undefined {
  try {
    const value: unknown = JSON.parse(payload.toString('utf8'));
    if (!isRecord(value) || !Number.isSafeInteger(value.rid) || !KINDS.includes(value.kind as SpoolKind)) return undefined;
    return { rid: value.rid as number, kind: value.kind as SpoolKind, body: value.body };
  } catch {
    return undefined;
  }
}

export class Spool {
  private segments: Segment[] = [];
  private activeFd: number | undefined;
  private lastRid = 0;
  private ackedThrough = 0;
  private readonly skipped = new Set<number>();
  private maxBytes: number;
  private readonly segmentBytes: number;
  private readonly log: Logger;

  private constructor(
    readonly dir: string,
    options: SpoolOptions,
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_SPOOL_BYTES;
    this.segmentBytes = options.segmentBytes ?? Math.max(64 * 1024, Math.min(4 * 1024 * 1024, Math.floor(this.maxBytes / 4)));
    this.log = options.log ?? silentLogger;
  }

  static open(dir: string, options: SpoolOptions = {}): Spool {
    const spool = new Spool(dir, options);
    spool.load();
    return spool;
  }

  private load(): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.readAckFile();
    const names = fs.readdirSync(this.dir);
    for (const name of names) {
      // Leftovers of a compaction or an atomic write that a crash interrupted.
      if (name.endsWith('.tmp')) fs.rmSync(path.join(this.dir, name), { force: true });
    }
    const ids = names
      .map((n) => SEGMENT_NAME.exec(n)?.[1])
      .filter((id): id is string => id !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    this.lastRid = this.ackedThrough;
    for (const id of ids) {
      const file = path.join(this.dir, segmentName(id));
      const scan = scanSegment(file);
      let size = scan.validBytes;
      if (scan.problem) {
        this.log.warn('spool: truncating damaged segment', { segment: segmentName(id), problem: scan.problem, keptBytes: scan.validBytes, keptRecords: scan.records.length });
        try {
          const fd = fs.openSync(file, 'r+');
          fs.ftruncateSync(fd, scan.validBytes);
          fs.fsyncSync(fd);
          fs.closeSync(fd);
        } catch (error) {
          this.log.error('spool: cannot truncate damaged segment', { segment: segmentName(id), error });
          size = fs.existsSync(file) ? fs.statSync(file).size : 0;
        }
      }
      const live: RecordRef[] = [];
      for (const r of scan.records) {
        this.lastRid = Math.max(this.lastRid, r.rid);
        if (r.rid > this.ackedThrough && !this.skipped.has(r.rid)) live.push({ rid: r.rid, kind: r.kind, offset: r.offset, size: r.size });
      }
      this.segments.push({ id, file, size, live });
    }
    this.removeDoneSegments();
  }

  private readAckFile(): void {
    let raw: unknown;
    try {
      raw = readJsonFile(path.join(this.dir, ACK_FILE));
    } catch (error) {
      // Unreadable: resend everything rather than lose anything (the server drops duplicates by reportId).
      this.log.warn('spool: ack file unreadable, records may be sent again', { error });
      return;
    }
    if (!isRecord(raw)) return;
    if (Number.isSafeInteger(raw.ackedThrough) && (raw.ackedThrough as number) >= 0) this.ackedThrough = raw.ackedThrough as number;
    if (Array.isArray(raw.skipped)) for (const r of raw.skipped) if (Number.isSafeInteger(r) && r > this.ackedThrough) this.skipped.add(r as number);
  }

  private writeAckFile(): void {
    atomicWriteJson(path.join(this.dir, ACK_FILE), { ackedThrough: this.ackedThrough, skipped: [...this.skipped].sort((a, b) => a - b) });
  }

  // --- reading -------------------------------------------------------------------------------------

  private *liveRecords(): Generator<{ segment: Segment; record: RecordRef }> {
    for (const segment of this.segments) for (const record of segment.live) yield { segment, record };
  }

  /** The oldest record not yet done, or undefined when the spool is drained. */
  peek(): SpooledRecord | undefined {
    for (;;) {
      const first = this.liveRecords().next();
      if (first.done) return undefined;
      const { segment, record } = first.value;
      const read = this.readRecord(segment, record);
      if (read) return read;
      // Damaged after open (a disk error): it can never be sent, so it must not block the queue.
      this.log.error('spool: unreadable record dropped', { rid: record.rid, kind: record.kind, segment: segmentName(segment.id) });
      this.finish([record.rid]);
    }
  }

  private readRecord(segment: Segment, record: RecordRef): SpooledRecord | undefined {
    try {
      const fd = fs.openSync(segment.file, 'r');
      try {
        const buffer = Buffer.allocUnsafe(record.size);
        if (fs.readSync(fd, buffer, 0, record.size, record.offset) !== record.size) return undefined;
        const length = buffer.readUInt32LE(0);
        const payload = buffer.subarray(HEADER);
        if (length !== payload.length || crc32(payload) !== buffer.readUInt32LE(4)) return undefined;
        const envelope = parseEnvelope(payload);
        return envelope && envelope.rid === record.rid ? envelope : undefined;
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return undefined;
    }
  }

  stats(): SpoolStats {
    const byKind: Record<SpoolKind, number> = { full: 0, delta: 0, metrics: 0, result: 0 };
    let records = 0;
    for (const { record } of this.liveRecords()) {
      records++;
      byKind[record.kind]++;
    }
    return { records, bytes: this.diskBytes(), byKind };
  }

  // --- finishing records ---------------------------------------------------------------------------

  /** The server accepted the record: it leaves the spool. */
  ack(rid: number): void {
    this.finish([rid]);
  }

  /** The record can never be accepted (the server refused it as bad): it leaves the spool so it cannot block the queue. */
  drop(rid: number): void {
    this.finish([rid]);
  }

  private finish(rids: number[]): void {
    if (!this.markDone(rids)) return;
    this.writeAckFile();
    this.removeDoneSegments();
  }

  /** Marks records done in memory and moves the ack pointer; true when anything changed. */
  private markDone(rids: number[]): boolean {
    let changed = false;
    const set = new Set(rids);
    for (const segment of this.segments) {
      const before = segment.live.length;
      segment.live = segment.live.filter((r) => !set.has(r.rid));
      if (segment.live.length !== before) changed = true;
    }
    if (!changed) return false;
    for (const rid of set) if (rid > this.ackedThrough) this.skipped.add(rid);
    const first = this.liveRecords().next();
    this.ackedThrough = first.done ? this.lastRid : first.value.record.rid - 1;
    for (const rid of this.skipped) if (rid <= this.ackedThrough) this.skipped.delete(rid);
    return true;
  }

  private removeDoneSegments(): void {
    const keep: Segment[] = [];
    for (const segment of this.segments) {
      if (segment.live.length > 0) {
        keep.push(segment);
        continue;
      }
      if (segment === this.active()) this.closeActive();
      fs.rmSync(segment.file, { force: true });
    }
    if (keep.length !== this.segments.length) {
      this.segments = keep;
      fsyncDir(this.dir);
    }
  }

  // --- appending -----------------------------------------------------------------------------------

  private active(): Segment | undefined {
    return this.activeFd === undefined ? undefined : this.segments[this.segments.length - 1];
  }

  private closeActive(): void {
    if (this.activeFd !== undefined) fs.closeSync(this.activeFd);
    this.activeFd = undefined;
  }

  private diskBytes(): number {
    return this.segments.reduce((sum, s) => sum + s.size, 0);
  }

  setMaxBytes(maxBytes: number): void {
    this.maxBytes = maxBytes;
  }

  append(kind: SpoolKind, body: unknown): AppendResult {
    const rid = this.lastRid + 1;
    const record = encodeRecord(Buffer.from(JSON.stringify({ rid, kind, body }), 'utf8'));
    if (record.length > this.maxBytes) throw new SpoolError(`a ${kind} record of ${record.length} bytes does not fit in a spool of ${this.maxBytes} bytes`);

    const dropped = this.makeRoom(record.length, kind);
    if (dropped === null) return { rid: null, superseded: [], dropped: [] };

    let segment = this.segments[this.segments.length - 1];
    if (this.activeFd === undefined || !segment || segment.size >= this.segmentBytes) {
      this.closeActive();
      const id = (segment?.id ?? 0) + 1;
      const file = path.join(this.dir, segmentName(id));
      this.activeFd = fs.openSync(file, 'a', 0o600);
      fsyncDir(this.dir);
      segment = { id, file, size: 0, live: [] };
      this.segments.push(segment);
    }
    try {
      writeAll(this.activeFd, record);
      fs.fdatasyncSync(this.activeFd);
    } catch (error) {
      // Leave no partial record behind (ENOSPC, EIO): cut the file back to where this append began.
      try {
        fs.ftruncateSync(this.activeFd, segment.size);
      } catch {
        // The next open truncates it instead.
      }
      throw error;
    }
    segment.live.push({ rid, kind, offset: segment.size, size: record.length });
    segment.size += record.length;
    this.lastRid = rid;

    // Superseded only once the replacement is durable: a crash in between leaves both, never neither.
    const superseded: SpoolEntry[] = [];
    if (kind === 'full') {
      for (const { record: r } of this.liveRecords()) if (r.rid !== rid && (r.kind === 'full' || r.kind === 'delta')) superseded.push({ rid: r.rid, kind: r.kind });
    }
    if (superseded.length) {
      this.markDone(superseded.map((s) => s.rid));
      this.removeDoneSegments();
    }
    if (superseded.length || dropped.length) this.writeAckFile();
    return { rid, superseded, dropped };
  }

  /**
   * Frees space for a record of `size` bytes; returns the records evicted, or null when the new
   * record itself is the one to give up (metrics, when only more valuable records are left).
   */
  private makeRoom(size: number, kind: SpoolKind): SpoolEntry[] | null {
    if (this.diskBytes() + size <= this.maxBytes) return [];
    this.compact();
    if (this.diskBytes() + size <= this.maxBytes) return [];

    let live = 0;
    let metrics = 0;
    for (const { record } of this.liveRecords()) {
      live += record.size;
      if (record.kind === 'metrics') metrics += record.size;
    }
    if (kind === 'metrics' && live - metrics + size > this.maxBytes) {
      // Evicting every older sample would not make room: give up this one, keep the reports.
      this.log.warn('spool: full of reports more valuable than metrics; new metrics report dropped', { maxBytes: this.maxBytes });
      return null;
    }
    const victims: SpoolEntry[] = [];
    const chosen = new Set<number>();
    const evict = (match: (r: RecordRef) => boolean, limit: number): void => {
      for (const { record } of this.liveRecords()) {
        if (live + size <= limit) return;
        if (!match(record) || chosen.has(record.rid)) continue;
        chosen.add(record.rid);
        victims.push({ rid: record.rid, kind: record.kind });
        live -= record.size;
      }
    };
    // Oldest metrics first: a lost sample is a gap in a graph; a lost inventory report costs a full one.
    // Metrics are evicted with some slack, so that a spool that stays full (a long outage) rewrites
    // a segment now and then rather than on every new sample.
    const slack = Math.min(this.segmentBytes, Math.floor(this.maxBytes / 16));
    evict((r) => r.kind === 'metrics', this.maxBytes - slack);
    evict(() => true, this.maxBytes);
    if (victims.length) {
      this.log.warn('spool: over its byte bound, oldest records dropped', { maxBytes: this.maxBytes, dropped: victims.length, kinds: [...new Set(victims.map((v) => v.kind))] });
      this.finishAndCompact(victims);
    }
    return victims;
  }

  private finishAndCompact(victims: SpoolEntry[]): void {
    this.markDone(victims.map((v) => v.rid));
    this.writeAckFile();
    this.removeDoneSegments();
    this.compact();
  }

  /** Rewrites every segment that holds dead records so that it holds only live ones. */
  private compact(): void {
    this.removeDoneSegments();
    for (const segment of this.segments) {
      const liveBytes = segment.live.reduce((sum, r) => sum + r.size, 0);
      if (liveBytes === segment.size) continue;
      const wasActive = segment === this.active();
      if (wasActive) this.closeActive();
      const tmp = `${segment.file}.tmp`;
      const src = fs.openSync(segment.file, 'r');
      const dst = fs.openSync(tmp, 'w', 0o600);
      const moved: RecordRef[] = [];
      let offset = 0;
      try {
        for (const r of segment.live) {
          const buffer = Buffer.allocUnsafe(r.size);
          fs.readSync(src, buffer, 0, r.size, r.offset);
          writeAll(dst, buffer);
          moved.push({ ...r, offset });
          offset += r.size;
        }
        fs.fsyncSync(dst);
      } finally {
        fs.closeSync(src);
        fs.closeSync(dst);
      }
      // Records keep their rids, so ack.json stays right whether or not the rename happened.
      fs.renameSync(tmp, segment.file);
      fsyncDir(this.dir);
      segment.live = moved;
      segment.size = offset;
      if (wasActive) this.activeFd = fs.openSync(segment.file, 'a', 0o600);
    }
  }

  close(): void {
    this.closeActive();
  }
}
