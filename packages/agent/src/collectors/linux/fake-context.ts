import type { CollectContext, ExecResult } from '../context.js';
import type { FileInfo, FsExtras, FsSpace } from './fsx.js';

/**
 * A machine made of recorded files, for tests: every read, listing, stat, link and program run
 * of the Linux collectors is answered from here, never from the machine running the tests.
 */
export interface FakeMachine {
  /** Path → contents. A function is called on each read (for counters that move between samples). */
  files?: Record<string, string | Uint8Array | (() => string)>;
  /** Symlink path → target. */
  links?: Record<string, string>;
  /** Extra directory entries (directories are otherwise implied by the paths above). */
  dirs?: Record<string, string[]>;
  /** Path → mtime in ms since the epoch. */
  mtimes?: Record<string, number>;
  /** Path → owner uid. */
  uids?: Record<string, number>;
  statfs?: Record<string, FsSpace>;
  /** Programs: "file arg arg" → stdout (exit code 0), or a full result. */
  programs?: Record<string, string | ExecResult>;
  now?: Date;
}

export type FakeContext = CollectContext & { fsx: FsExtras; execCalls: string[] };

export function fakeContext(machine: FakeMachine): FakeContext {
  const files = machine.files ?? {};
  const links = machine.links ?? {};
  const text = (path: string): string | undefined => {
    const v = files[path];
    if (v === undefined) return undefined;
    if (typeof v === 'function') return v();
    return typeof v === 'string' ? v : Buffer.from(v).toString('utf8');
  };
  const bytes = (path: string): Uint8Array | undefined => {
    const v = files[path];
    if (v === undefined) return undefined;
    if (typeof v === 'function') return Buffer.from(v());
    return typeof v === 'string' ? Buffer.from(v) : v;
  };
  const children = (dir: string): string[] => {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    const names = new Set<string>(machine.dirs?.[dir] ?? []);
    for (const p of [...Object.keys(files), ...Object.keys(links), ...Object.keys(machine.dirs ?? {})]) {
      if (p.startsWith(prefix)) {
        const name = p.slice(prefix.length).split('/')[0];
        if (name) names.add(name);
      }
    }
    return [...names].sort();
  };
  const isDir = (path: string) => machine.dirs?.[path] !== undefined || children(path).length > 0;
  const exists = (path: string) => files[path] !== undefined || links[path] !== undefined || isDir(path);
  const execCalls: string[] = [];

  const fsx: FsExtras = {
    readSmall: text,
    stat(path): FileInfo | undefined {
      if (!exists(path)) return undefined;
      return { size: bytes(path)?.length ?? 0, mtimeMs: machine.mtimes?.[path] ?? 0, uid: machine.uids?.[path] ?? 0, isDirectory: files[path] === undefined && isDir(path) };
    },
    readlink: (path) => links[path],
    readdir: (path) => children(path),
    readBytes(path, offset, length) {
      const b = bytes(path);
      return b ? b.subarray(offset, offset + length) : undefined;
    },
    statfs: async (path) => machine.statfs?.[path],
  };

  return {
    platform: 'linux',
    async exec(file, args) {
      const key = [file, ...args].join(' ');
      execCalls.push(key);
      const out = machine.programs?.[key];
      if (out === undefined) throw Object.assign(new Error(`spawn ${file} ENOENT`), { code: 'ENOENT' });
      return typeof out === 'string' ? { stdout: out, stderr: '', code: 0 } : out;
    },
    readText: async (path) => text(path),
    listDir: async (path) => children(path),
    exists: async (path) => exists(path),
    now: () => machine.now ?? new Date('2025-01-15T12:00:00Z'),
    fsx,
    execCalls,
  };
}
