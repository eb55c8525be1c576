import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testNatsNamespace } from './database.js';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cli/main.ts');

export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the base URL once the server logs that it is serving. */
  ready(timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code. */
  exited(): Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

/** A real `muster` process from the sources, for tests of start-up, shutdown and failure. */
export function spawnMuster(args: string[], env: Record<string, string | undefined>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, MUSTER_LOG_LEVEL: 'info', MUSTER_HOST: '127.0.0.1', MUSTER_NATS_NAMESPACE: testNatsNamespace(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    async ready(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        // The console line is printed whatever the log level.
        const match = /(?:Console: +|Muster is ready: )(https?:\/\/\S+)/.exec(out);
        if (match) return match[1]!;
        if (child.exitCode !== null) throw new Error(`muster exited with ${child.exitCode}:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`muster did not start within ${timeoutMs} ms:\n${out}`);
    },
    exited: () => exit,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
  };
}
