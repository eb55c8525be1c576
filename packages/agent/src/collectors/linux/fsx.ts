import fs from 'node:fs';
import type { CollectContext } from '../context.js';

/**
 * File-system primitives that CollectContext does not offer (yet): stat, statfs, readlink, binary
 * reads, and a cheap synchronous read for hot loops.
 *
 * Why synchronous calls: ctx.readText costs ~250 µs of CPU per file (open, fstat, two reads and
 * close, each a thread-pool round trip), a plain readFileSync ~15 µs. Per-process files
 * (/proc/<pid>/stat twice per process for metrics, /proc/<pid>/fd for socket owners), per-package
 * files (dpkg .list stats, pacman desc files) and per-device sysfs attributes (dozens of veth
 * interfaces, PCI functions) would eat most of the agent's 0.35 CPU-second budget through
 * ctx.readText on a busy host. These are kernel pseudo files and local metadata that never block
 * on I/O. The dpkg database is read as bytes to keep it a one-byte string (see software.ts).
 * Configuration files and logs go through the context.
 *
 * Tests (or a context pointed at a recorded root) provide their own implementation as `ctx.fsx`;
 * the real system context has none, so the node:fs one below is used.
 */
export interface FileInfo {
  size: number;
  mtimeMs: number;
  uid: number;
  isDirectory: boolean;
}

export interface FsSpace {
  totalBytes: number;
  /** Free blocks, including those reserved for root. */
  freeBytes: number;
  /** Space available to unprivileged users (what df reports as Avail). */
  availableBytes: number;
}

export interface FsExtras {
  /** Whole small file (pseudo files under /proc and /sys), or undefined when missing or unreadable. */
  readSmall(path: string): string | undefined;
  stat(path: string): FileInfo | undefined;
  readlink(path: string): string | undefined;
  /** Directory entries, or [] when missing or unreadable. */
  readdir(path: string): string[];
  /** Up to `length` bytes from `offset`; undefined when missing or unreadable. */
  readBytes(path: string, offset: number, length: number): Uint8Array | undefined;
  statfs(path: string): Promise<FsSpace | undefined>;
}

export const nodeFsx: FsExtras = {
  readSmall(path) {
    try {
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  stat(path) {
    try {
      const s = fs.statSync(path);
      return { size: s.size, mtimeMs: s.mtimeMs, uid: s.uid, isDirectory: s.isDirectory() };
    } catch {
      return undefined;
    }
  },
  readlink(path) {
    try {
      return fs.readlinkSync(path);
    } catch {
      return undefined;
    }
  },
  readdir(path) {
    try {
      return fs.readdirSync(path);
    } catch {
      return [];
    }
  },
  readBytes(path, offset, length) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, 'r');
      const buffer = Buffer.alloc(length);
      const read = fs.readSync(fd, buffer, 0, length, offset);
      return buffer.subarray(0, read);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  },
  // The callback form: fs.promises would load node:fs/promises (~0.5 MB of RSS) for this one call.
  statfs(path) {
    return new Promise((resolve) => {
      fs.statfs(path, (error, s) => resolve(error ? undefined : { totalBytes: s.blocks * s.bsize, freeBytes: s.bfree * s.bsize, availableBytes: s.bavail * s.bsize }));
    });
  },
};

export function fsx(ctx: CollectContext): FsExtras {
  return (ctx as CollectContext & { fsx?: FsExtras }).fsx ?? nodeFsx;
}

/** A sysfs/procfs attribute, trimmed; undefined when missing, unreadable or empty. */
export function readAttr(fx: FsExtras, path: string): string | undefined {
  const text = fx.readSmall(path);
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}
