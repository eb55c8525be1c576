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

/**
 * Text goes to and from files in pieces of at most PIECE_BYTES. fs.writeFileSync and
 * fs.readFileSync convert the whole text in one C buffer (three bytes per character when
 * writing), and glibc serves such a buffer (inventory.json, ~1 MB with a few hundred packages)
 * with its own mapping; freeing that mapping raises glibc's threshold for giving the heap's free
 * top back to the system to twice its size, for the life of the process. The daemon then kept
 * ~2 MB of free heap after every inventory (npm run bench:agent). Pieces stay below glibc's
 * initial mapping threshold (128 KiB), in the heap, and are reused.
 */
export const PIECE_BYTES = 32 * 1024;

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) {
    const written = fs.writeSync(fd, bytes, at, bytes.length - at);
    if (written <= 0) throw new Error('short write');
    at += written;
  }
}

/** Writes text in pieces of at most PIECE_BYTES of UTF-8; a surrogate pair is never split. */
export function writeText(fd: number, text: string): void {
  const chars = Math.floor(PIECE_BYTES / 3);
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + chars);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    writeAll(fd, Buffer.from(text.slice(at, end), 'utf8'));
    at = end;
  }
}

/**
 * Where the whole UTF-8 characters in bytes[0, end) end: before a character whose last bytes are
 * not there yet (they come with the next piece).
 */
export function wholeCharactersEnd(bytes: Uint8Array, end: number): number {
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return back < length ? end - back : end;
  }
  return end;
}

/**
 * Text read in pieces into one buffer: read `room` bytes into `buffer` at `offset`, hand the
 * count to take() (0 at the end of the file) until it returns false, then take `text`.
 */
export class TextPieces {
  readonly buffer = Buffer.allocUnsafe(PIECE_BYTES);
  text = '';
  /** Bytes of a character cut short at the end of the last piece, moved to the buffer's start. */
  private carried = 0;

  get offset(): number {
    return this.carried;
  }

  get room(): number {
    return PIECE_BYTES - this.carried;
  }

  take(read: number): boolean {
    const end = this.carried + read;
    const cut = read === 0 ? end : wholeCharactersEnd(this.buffer, end);
    this.text += this.buffer.toString('utf8', 0, cut);
    this.buffer.copy(this.buffer, 0, cut, end);
    this.carried = end - cut;
    return read !== 0;
  }
}

/** A file's UTF-8 text, read in pieces of PIECE_BYTES (see writeText). */
export function readText(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const pieces = new TextPieces();
    let more = true;
    while (more) more = pieces.take(fs.readSync(fd, pieces.buffer, pieces.offset, pieces.room, null));
    return pieces.text;
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
    if (typeof data === 'string') writeText(fd, data);
    else writeAll(fd, data);
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
    text = readText(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
