import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';

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

export function systemContext(): CollectContext {
  return {
    platform: os.platform(),
    exec(file, args, options = {}) {
      const timeoutMs = options.timeoutMs ?? 20_000;
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
      try {
        const handle = await fs.open(path, 'r');
        try {
          const stat = await handle.stat();
          // /proc and /sys files report size 0: read them as a stream of unknown length.
          if (stat.size > maxBytes) return undefined;
          return await handle.readFile({ encoding: 'utf8' });
        } finally {
          await handle.close();
        }
      } catch {
        return undefined;
      }
    },
    async listDir(path) {
      try {
        return await fs.readdir(path);
      } catch {
        return [];
      }
    },
    async exists(path) {
      try {
        await fs.access(path);
        return true;
      } catch {
        return false;
      }
    },
    now: () => new Date(),
  };
}
