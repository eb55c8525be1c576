import fs from 'node:fs';
import path from 'node:path';

/**
 * Durable file writes. Everything the agent must not lose (credential, acknowledged state, spool
 * pointers) is written as temp file + fsync + rename + fsync of the directory, so after a power
 * loss a file holds either its old or its new content, never a mix.
 */

/** fsync a directory so a rename or a new file in it survives power loss; Windows cannot open directories, and does not need it. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function atomicWriteFile(file: string, data: string | Uint8Array, options: { mode?: number } = {}): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const mode = options.mode ?? 0o644;
  // Created with the final mode, so a secret is never readable by others, not even for a moment.
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeFileSync(fd, data);
    // The umask may have narrowed the mode; set exactly what was asked.
    if (process.platform !== 'win32') fs.fchmodSync(fd, mode);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  fsyncDir(dir);
}

export function atomicWriteJson(file: string, value: unknown, options: { mode?: number } = {}): void {
  atomicWriteFile(file, `${JSON.stringify(value, null, 2)}\n`, options);
}

/** Parsed JSON of a file, undefined when it is missing; a corrupt file is an error the caller decides about. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
