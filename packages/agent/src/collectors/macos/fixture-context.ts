import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { validate } from '@muster/protocol';
import type { CollectContext, ExecResult } from '../context.js';

/**
 * Test support: a CollectContext that replays a Mac recorded under test/fixtures/macos/<machine>/,
 * so the collectors' wiring (which command, which file, which fallback) is exercised on Linux CI.
 *
 *   machine.json  { now, commands: { "<file> <args…>": "output.txt" | { file?, stderr?, code? } } }
 *   files/…       file contents at their absolute paths (binary plists hold only their magic)
 *   plutil/…      what `plutil -convert xml1 -o - <path>` prints for that path
 *   tree.txt      further paths that exist (directories end in "/"), for listDir and exists
 */
export const MACOS_FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/macos');
export type MachineName = 'sonoma-mbp' | 'ventura-imac';
export const MACHINES: readonly MachineName[] = ['sonoma-mbp', 'ventura-imac'];

type CommandFixture = string | { file?: string; stderr?: string; code?: number };
interface MachineFile {
  now: string;
  commands: Record<string, CommandFixture>;
}

/** Fails with the schema's own complaints when a parsed section would be refused by the server. */
export function assertSchema(schema: Parameters<typeof validate>[0], value: unknown): void {
  const result = validate(schema, value);
  assert.ok(result.ok, `schema ${String(schema.$id ?? '')}: ${JSON.stringify(result.ok ? [] : result.issues)}`);
}

/** A recorded output of a machine, as text. */
export function fixture(machine: MachineName, name: string): string {
  return fs.readFileSync(path.join(MACOS_FIXTURES, machine, name), 'utf8');
}

export interface FixtureContext extends CollectContext {
  /** Every command line run, in order. */
  calls: string[];
  /** Command lines that have no recording: a collector asking for something the fixture does not know. */
  unexpected: string[];
}

export function fixtureContext(machine: MachineName): FixtureContext {
  const dir = path.join(MACOS_FIXTURES, machine);
  const spec = JSON.parse(fs.readFileSync(path.join(dir, 'machine.json'), 'utf8')) as MachineFile;
  const programs = new Set(Object.keys(spec.commands).map((line) => line.split(' ')[0] ?? ''));
  programs.add('/usr/bin/plutil');
  const tree = fs
    .readFileSync(path.join(dir, 'tree.txt'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((p) => p.replace(/\/$/, ''));
  const onDisk = (p: string): string => path.join(dir, 'files', p);
  const calls: string[] = [];
  const unexpected: string[] = [];

  const treeChildren = (p: string): string[] => {
    const prefix = p.endsWith('/') ? p : `${p}/`;
    const names = new Set<string>();
    for (const entry of tree) if (entry.startsWith(prefix)) names.add(entry.slice(prefix.length).split('/')[0] ?? '');
    names.delete('');
    return [...names];
  };

  return {
    platform: 'darwin',
    calls,
    unexpected,
    async exec(file, args): Promise<ExecResult> {
      const line = [file, ...args].join(' ');
      calls.push(line);
      const recorded = spec.commands[line];
      if (recorded !== undefined) {
        const entry = typeof recorded === 'string' ? { file: recorded } : recorded;
        const stdout = entry.file ? fs.readFileSync(path.join(dir, entry.file), 'utf8') : '';
        return { stdout, stderr: entry.stderr ?? '', code: entry.code ?? 0 };
      }
      const target = args[4];
      if (file === '/usr/bin/plutil' && args.slice(0, 4).join(' ') === '-convert xml1 -o -' && target) {
        const converted = path.join(dir, 'plutil', target);
        if (fs.existsSync(converted)) return { stdout: fs.readFileSync(converted, 'utf8'), stderr: '', code: 0 };
        return { stdout: '', stderr: `${target}: Property List error: Cannot parse a NULL or zero-length data\n`, code: 1 };
      }
      unexpected.push(line);
      throw Object.assign(new Error(`spawn ${file} ENOENT`), { code: 'ENOENT' });
    },
    async readText(p) {
      try {
        return fs.readFileSync(onDisk(p), 'utf8');
      } catch {
        return undefined;
      }
    },
    async listDir(p) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(onDisk(p));
      } catch {
        // Not recorded as files: the tree may still know it.
      }
      return [...new Set([...names, ...treeChildren(p)])].sort();
    },
    async exists(p) {
      if (programs.has(p)) return true;
      if (fs.existsSync(onDisk(p))) return true;
      return tree.includes(p.replace(/\/$/, '')) || treeChildren(p).length > 0;
    },
    now: () => new Date(spec.now),
  };
}
