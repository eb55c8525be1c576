import type childProcess from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
import { TextPieces, readText } from '../fsutil.js';

/**
 * Everything a collector may touch on the machine goes through this context, so that parsers stay
 * pure and collectors can be pointed at a recorded root (tests) or given a time budget.
 */
export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface CollectContext {
  platform: NodeJS.Platform;
  /** Runs a program (never through a shell); resolves even on a non-zero exit; rejects when it cannot start or times out. */
  exec(file: string, args: string[], options?: { timeoutMs?: number; maxBytes?: number; env?: NodeJS.ProcessEnv }): Promise<ExecResult>;
  /** File contents, or undefined when missing or unreadable. */
  readText(path: string, maxBytes?: number): Promise<string | undefined>;
  /** Directory entries, or [] when missing or unreadable. */
  listDir(path: string): Promise<string[]>;
  exists(path: string): Promise<boolean>;
  now(): Date;
}

export class CommandTimeoutError extends Error {
  constructor(readonly command: string, readonly timeoutMs: number) {
    super(`${command} did not finish within ${timeoutMs} ms`);
  }
}

// node:fs callbacks, promisified, rather than node:fs/promises: that module (with the FileHandle,
// readline and stream code it pulls in) costs ~0.5 MB of RSS, and node:fs is loaded anyway.
const open = promisify(fs.open);
const fstat = promisify(fs.fstat);
const read = promisify(fs.read);
const close = promisify(fs.close);
const readdir = promisify(fs.readdir);
const access = promisify(fs.access);

export function systemContext(): CollectContext {
  return {
    platform: os.platform(),
    exec(file, args, options = {}) {
      const timeoutMs = options.timeoutMs ?? 20_000;
      // node:child_process (with node:dgram and the IPC code it pulls in) loads with the first
      // program a collector runs, not with the collectors: a machine whose files hold every answer
      // (no systemd, no rpm) never loads it.
      const { execFile } = process.getBuiltinModule('node:child_process') as typeof childProcess;
      return new Promise((resolve, reject) => {
        execFile(
          file,
          args,
          { timeout: timeoutMs, maxBuffer: options.maxBytes ?? 32 * 1024 * 1024, encoding: 'utf8', windowsHide: true, env: options.env ?? { ...process.env, LC_ALL: 'C', LANG: 'C' } },
          (error, stdout, stderr) => {
            if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') return reject(error);
            if (error && error.killed) return reject(new CommandTimeoutError(file, timeoutMs));
            if (error && typeof error.code !== 'number' && error.code !== undefined) return reject(error);
            resolve({ stdout, stderr, code: error ? ((error.code as number | undefined) ?? null) : 0 });
          },
        );
      });
    },
    async readText(path, maxBytes = 64 * 1024 * 1024) {
      // /proc and /sys are made up by the kernel in memory and never block on I/O: read them
      // synchronously (no thread-pool round trips; −0.6 MB peak RSS for `collect`). Files on disks,
      // some perhaps on network mounts (home directories), are read asynchronously, so a hung mount
      // only hangs its section. Both in pieces of 32 KiB (fsutil.ts): /proc/net/tcp on a busy
      // server, or a log, is hundreds of KB, which fs.readFile* would read into one C buffer of its
      // size; glibc maps such a buffer on its own, and unmapping it makes glibc keep up to twice that
      // much free heap for the rest of the daemon's life.
      if (path.startsWith('/proc/') || path.startsWith('/sys/')) {
        try {
          return readText(path);
        } catch {
          return undefined;
        }
      }
      try {
        const fd = await open(path, 'r');
        try {
          const stat = await fstat(fd);
          if (stat.size > maxBytes) return undefined;
          const pieces = new TextPieces();
          let more = true;
          while (more) more = pieces.take((await read(fd, pieces.buffer, pieces.offset, pieces.room, null)).bytesRead);
          return pieces.text;
        } finally {
          await close(fd);
        }
      } catch {
        return undefined;
      }
    },
    async listDir(path) {
      try {
        return await readdir(path);
      } catch {
        return [];
      }
    },
    async exists(path) {
      try {
        await access(path);
        return true;
      } catch {
        return false;
      }
    },
    now: () => new Date(),
  };
}
