import v8 from 'node:v8';
import { parseArgs } from 'node:util';
import vm from 'node:vm';
import type { SectionName } from '@muster/protocol';
import type { CollectFn, EXIT } from './runner.js';
import { AGENT_VERSION } from './version.js';
import { isoString } from './time.js';

/**
 * Footprint. A device runs this on a schedule and as a daemon, so memory counts more than speed
 * (npm run bench:agent measures it; MB are 10^6 bytes, peak RSS of `collect`, median of 7):
 *
 * - V8 flags are set here, before any other module of the agent is evaluated. Everything else is
 *   imported lazily (`await import()`), also in the single-file bundle, where esbuild turns each
 *   such import into a module initialised on first use; this file's only static imports are Node
 *   built-ins, version.ts (a constant), time.ts (one small function) and types. No optimising
 *   compilers (--no-opt, --no-sparkplug): −7.5 MB; no young-generation growth (--semi-space-growth-factor=1): −4.8 MB
 *   more; --optimize-for-size: −1 MB more; together the same as `node --lite-mode` on the command
 *   line (which the service units pass). CPU time is unchanged (~0.2 s). Set at run time,
 *   --max-semi-space-size does nothing (the heap is already configured), nor does --max-lazy.
 * - Only the modules a command needs are loaded (−0.8 MB for `collect`): it loads no runner,
 *   transport, spool, WebSocket or TypeBox compiler.
 * - The bundle is CommonJS (scripts/build.mjs): a built-in loads with the first module that needs
 *   it, not with the bundle, and Node's ESM loader never starts (−1.7 MB). So built-ins are
 *   imported statically, never with import(): esbuild leaves `import('node:…')` as it is, and
 *   that starts the ESM loader. Built-ins a module needs only sometimes are taken with
 *   process.getBuiltinModule() where they are used (node:https and node:tls in transport.ts, for
 *   an https server; node:zlib for a compressed body or log). node:crypto is never loaded (on
 *   Windows, for random bytes only): the bundle's node:crypto is lite-crypto.ts (scripts/build.mjs;
 *   −0.7 MB for the daemon).
 * - Dates are formatted by time.ts, not by V8, whose formatter maps ICU data into the process
 *   (−0.5 MB for the daemon).
 * - Text files are written and read in pieces (fsutil.ts): −0.8 MB for the daemon.
 * - Each platform has its own bundle, without the other platforms' collectors (−1.3 MB for
 *   `collect`).
 */
const V8_FLAGS = ['--no-opt', '--no-sparkplug', '--optimize-for-size', '--semi-space-growth-factor=1'];
for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);

/** Exit codes for errors the CLI reports itself (the runner's EXIT, which is not loaded for every command). */
const EXIT_CODES = { failure: 1, usage: 2 } as const satisfies Pick<typeof EXIT, 'failure' | 'usage'>;

async function usage(): Promise<string> {
  const [{ SECTION_NAMES }, { defaultStateDir }] = await Promise.all([import('@muster/protocol'), import('./config.js')]);
  return `muster-agent ${AGENT_VERSION}

Usage:
  muster-agent collect [--section NAME]... [--pretty]   print this machine's inventory as JSON
  muster-agent enroll --server URL --token TOKEN [--state-dir DIR] [--ca-file FILE] [--pin SHA256]
  muster-agent run [--once] [--state-dir DIR]            run the agent (--once: one cycle, then exit)
  muster-agent status [--state-dir DIR] [--json]
  muster-agent service install|uninstall [--state-dir DIR] [--dry-run]
  muster-agent version

Sections: ${SECTION_NAMES.join(', ')}
State directory (default here): ${defaultStateDir()}
`;
}

const COMMAND_USAGE: Record<string, (stateDir: string) => string> = {
  enroll: (stateDir) => `Usage: muster-agent enroll --server URL --token TOKEN [--state-dir DIR] [--ca-file FILE] [--pin SHA256]

Exchanges an enrollment token (from the console) for this device's credential and prints the device id.
  --server URL     the Muster server, e.g. https://muster.example.com
  --token TOKEN    the enrollment token
  --state-dir DIR  where the agent keeps its files (default ${stateDir})
  --ca-file FILE   PEM file with a CA certificate to trust besides the system's (private CA, self-signed server)
  --pin SHA256     SHA-256 fingerprint of the server certificate; connections fail unless it matches
`,
  run: () => `Usage: muster-agent run [--once] [--state-dir DIR] [--no-push]

Runs the agent: check-ins, inventory, metrics, the spool. --once does one cycle and exits:
0 everything was accepted, 3 the server was unreachable (reports stay spooled),
4 the credential was refused (re-enroll), 5 the server refused some reports as invalid.
The daemon exits 4 when the credential is refused and 70 when its watchdog trips.
  --no-push  do not open the WebSocket push channel; rely on periodic check-ins
`,
  status: () => `Usage: muster-agent status [--state-dir DIR] [--json]

Shows whether the agent is enrolled, its server and device id, the spool, the last contact and the last error.
`,
  service: () => `Usage: muster-agent service install|uninstall [--state-dir DIR] [--dry-run] [--agent PATH]

Linux: writes /etc/systemd/system/muster-agent.service and enables it (needs root).
macOS and Windows: prints the launchd plist / PowerShell commands to run.
  --dry-run     print what would be installed, change nothing
  --agent PATH  the agent script the service runs (default: this one, the single-file bundle when present)
`,
};

/** The usage of one command, or the general usage. */
async function usageOf(command?: string): Promise<string> {
  const text = command ? COMMAND_USAGE[command] : undefined;
  if (!text) return usage();
  const { defaultStateDir } = await import('./config.js');
  return text(defaultStateDir());
}

class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

/** Runs parseArgs, turning its complaints (unknown option, missing value) into a usage error for `command`. */
function parse<T>(command: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new UsageError((error as Error).message, command);
  }
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;
const STATE_DIR = { 'state-dir': { type: 'string' } } as const;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'collect': {
      const { values } = parseArgs({ args: rest, options: { section: { type: 'string', multiple: true }, pretty: { type: 'boolean' } }, strict: true });
      const [{ SECTION_NAMES }, { collect }] = await Promise.all([import('@muster/protocol'), import('./collectors/index.js')]);
      const sections = values.section ?? [...SECTION_NAMES];
      const unknown = sections.filter((s) => !(SECTION_NAMES as readonly string[]).includes(s));
      if (unknown.length) {
        process.stderr.write(`muster-agent: unknown section ${unknown.join(', ')} (expected ${SECTION_NAMES.join(', ')})\n`);
        return 2;
      }
      const result = await collect({ sections: sections as SectionName[] });
      // A reader that stops early (`| head`) ends the output, not with a stack trace.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        process.exit(0);
      });
      process.stdout.write(`${JSON.stringify({ agentVersion: AGENT_VERSION, collectedAt: isoString(), sections: result }, null, values.pretty ? 2 : undefined)}\n`);
      return 0;
    }
    case 'enroll':
      return enrollCommand(rest);
    case 'run':
      return runCommand(rest);
    case 'status':
      return statusCommand(rest);
    case 'service':
      return serviceCli(rest);
    case 'version':
    case '--version':
      process.stdout.write(`${AGENT_VERSION}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(await usage());
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`muster-agent: unknown command "${command}"\n\n${await usage()}`);
      return 2;
  }
}

async function enrollCommand(args: string[]): Promise<number> {
  const { values } = parse('enroll', () =>
    parseArgs({ args, strict: true, options: { ...HELP, ...STATE_DIR, server: { type: 'string' }, token: { type: 'string' }, 'ca-file': { type: 'string' }, pin: { type: 'string' } } }),
  );
  if (values.help) return help('enroll');
  if (!values.server || !values.token) throw new UsageError(`${!values.server ? '--server' : '--token'} is required`, 'enroll');
  const [{ agentPaths, defaultStateDir }, { enroll }, { createLogger }] = await Promise.all([import('./config.js'), import('./enroll.js'), import('./log.js')]);
  const paths = agentPaths(values['state-dir'] ?? defaultStateDir());
  const result = await enroll({
    paths,
    server: values.server,
    token: values.token,
    caFile: values['ca-file'],
    pin: values.pin,
    log: createLogger(),
  });
  process.stdout.write(`${result.deviceId}\n`);
  const notes = [
    result.reenrolled ? 'this device was enrolled before; its old identity was replaced' : '',
    result.status === 'pending' ? 'the device waits for an operator to approve it in the console' : '',
    `state directory: ${paths.dir}; start the agent with: muster-agent run${values['state-dir'] ? ` --state-dir ${paths.dir}` : ''} (or muster-agent service install)`,
  ].filter(Boolean);
  for (const note of notes) process.stderr.write(`muster-agent: ${note}\n`);
  return 0;
}

async function runCommand(args: string[]): Promise<number> {
  const { values } = parse('run', () => parseArgs({ args, strict: true, options: { ...HELP, ...STATE_DIR, once: { type: 'boolean' }, 'no-push': { type: 'boolean' } } }));
  if (values.help) return help('run');
  const { AgentError, acquireLock, agentPaths, defaultStateDir, readAgentFile, readCredential } = await import('./config.js');
  const paths = agentPaths(values['state-dir'] ?? defaultStateDir());
  const agent = readAgentFile(paths);
  if (!agent) {
    throw new AgentError(
      `not enrolled: ${paths.agentFile} does not exist. Enroll first: muster-agent enroll --server URL --token TOKEN${values['state-dir'] ? ` --state-dir ${paths.dir}` : ''}`,
    );
  }
  const credential = readCredential(paths);
  const release = acquireLock(paths);
  const [{ createLogger }, { EXIT, Runner }, { collect, wrongBuildFor }] = await Promise.all([import('./log.js'), import('./runner.js'), import('./collectors/index.js')]);
  const log = createLogger();
  try {
    // A bundle for another platform would check in and never send an inventory.
    const wrongBuild = wrongBuildFor(process.platform);
    if (wrongBuild) throw new AgentError(wrongBuild);
    // --once exits right after its cycle: nothing to give back.
    const collectFn = values.once ? undefined : releasingAfterInventory(collect, fullGc(vm.runInNewContext));
    const runner = new Runner({ paths, agent, credential, log, push: !values['no-push'], collect: collectFn });
    if (values.once) return await runner.once();
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals): void => {
      signals++;
      if (signals > 1) {
        log.warn('second signal, exiting now', { signal });
        process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
      }
      log.info('stopping', { signal });
      runner.stop();
      // A collector stuck past its own timeouts must not hold the service manager's stop forever.
      setTimeout(() => process.exit(EXIT.ok), 25_000).unref();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    return await runner.run();
  } finally {
    release();
  }
}

/**
 * An inventory leaves ~5 MB of garbage behind (the sections, the report's JSON, hashes and gzip
 * buffers). An idle daemon allocates so little that V8 may not run a full GC for a long time, and
 * its memory reducer, which gives pages back to the system, only starts after one. So, a little
 * after each inventory (once the report is built, spooled and usually sent), one full, compacting
 * GC. Measured on Linux two minutes after start, the first inventory done: 54.3 MB instead of 58.5 MB.
 *
 * Then the code: V8 drops a function's bytecode once it has gone unused through more than
 * --bytecode-old-age (5) full GCs, and an idle daemon sees few. The collectors', the report
 * builder's and the section validators' bytecode (~1 MB) is needed again only at the next
 * inventory, so the GC runs BYTECODE_FLUSH_ROUNDS times in a row (a few ms each on a heap this
 * small): two minutes after start, 49.8–51.4 MB over six runs (median 50.2) instead of 50.8–51.0.
 * What the check-ins use is compiled again, lazily, at the next one.
 */
const BYTECODE_FLUSH_ROUNDS = 6;

function releasingAfterInventory(collect: CollectFn, gc: () => void): CollectFn {
  let scheduled: NodeJS.Timeout | undefined;
  return async (options) => {
    const collected = await collect(options);
    if (!scheduled && options.sections.some((s) => s !== 'metrics')) {
      scheduled = setTimeout(() => {
        scheduled = undefined;
        for (let round = 0; round < BYTECODE_FLUSH_ROUNDS; round++) gc();
      }, 15_000);
      scheduled.unref();
    }
    return collected;
  };
}

/**
 * A full, compacting garbage collection, without starting node with --expose-gc: V8 gives `gc` to
 * the contexts created while the flag is on. Compacting moves the survivors together, which is
 * what lets whole pages go back to the system.
 */
function fullGc(runInNewContext: (code: string) => unknown): () => void {
  let gc: (() => void) | undefined;
  return () => {
    if (!gc) {
      v8.setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
      v8.setFlagsFromString('--no-expose-gc');
    }
    v8.setFlagsFromString('--compact-on-every-full-gc');
    gc();
    v8.setFlagsFromString('--no-compact-on-every-full-gc');
  };
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

async function statusCommand(args: string[]): Promise<number> {
  const { values } = parse('status', () => parseArgs({ args, strict: true, options: { ...HELP, ...STATE_DIR, json: { type: 'boolean' } } }));
  if (values.help) return help('status');
  const [{ agentPaths, defaultStateDir, lockHolder, readAgentFile }, { readStatus }] = await Promise.all([import('./config.js'), import('./status.js')]);
  const paths = agentPaths(values['state-dir'] ?? defaultStateDir());
  const agent = readAgentFile(paths);
  const status = readStatus(paths);
  const running = lockHolder(paths);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ enrolled: agent !== undefined, stateDir: paths.dir, agent: agent ?? null, runningPid: running ?? null, status: status ?? null }, null, 2)}\n`);
    return agent ? 0 : 1;
  }
  const lines: Array<[string, string]> = [
    ['state directory', paths.dir],
    ['enrolled', agent ? `yes (${agent.enrolledAt || 'unknown date'}${agent.status === 'pending' ? ', waiting for approval' : ''})` : 'no'],
  ];
  if (agent) {
    lines.push(['server', agent.server], ['device id', agent.deviceId]);
    if (agent.pin) lines.push(['certificate pin', agent.pin]);
  }
  lines.push(['agent running', running ? `yes (pid ${running})` : 'no']);
  if (status) {
    const s = status.spool;
    lines.push(['spool', `${s.records} report${s.records === 1 ? '' : 's'}, ${formatBytes(s.bytes)} (full ${s.byKind.full}, delta ${s.byKind.delta}, metrics ${s.byKind.metrics}, result ${s.byKind.result})`]);
    lines.push(['last contact', status.lastContactAt ?? 'never']);
    lines.push(['last error', status.lastError ? `${status.lastError.message} (at ${status.lastError.at})` : 'none']);
    if (status.credentialRefused) lines.push(['credential', 'REFUSED by the server: re-enroll']);
    if (status.rejectedReports) lines.push(['refused reports', String(status.rejectedReports)]);
    lines.push(['push channel', status.pushConnected ? 'connected' : 'not connected (polling)']);
    lines.push(['status written', status.updatedAt]);
  } else if (agent) {
    lines.push(['last contact', 'unknown (the agent has not run yet)']);
  }
  const width = Math.max(...lines.map(([k]) => k.length));
  process.stdout.write(lines.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${v}`).join('\n') + '\n');
  return agent ? 0 : 1;
}

async function serviceCli(args: string[]): Promise<number> {
  const { values, positionals } = parse('service', () =>
    parseArgs({ args, strict: true, allowPositionals: true, options: { ...HELP, ...STATE_DIR, 'dry-run': { type: 'boolean' }, agent: { type: 'string' } } }),
  );
  if (values.help) return help('service');
  const [action, ...extra] = positionals;
  if ((action !== 'install' && action !== 'uninstall') || extra.length) throw new UsageError('expected "install" or "uninstall"', 'service');
  const [{ agentPaths, defaultStateDir }, { resolveAgentScript, serviceCommand }] = await Promise.all([import('./config.js'), import('./service.js')]);
  return serviceCommand({
    action,
    target: { node: process.execPath, agent: values.agent ?? resolveAgentScript(process.argv[1]), stateDir: agentPaths(values['state-dir'] ?? defaultStateDir()).dir },
    platform: process.platform,
    dryRun: values['dry-run'] === true,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    out: (text) => void process.stdout.write(text),
  });
}

async function help(command: string): Promise<number> {
  process.stdout.write(await usageOf(command));
  return 0;
}

/** What the CLI prints for a failed command, and its exit code. */
async function failure(error: unknown): Promise<number> {
  if (error instanceof UsageError) {
    process.stderr.write(`muster-agent ${error.command}: ${error.message}\n\n${await usageOf(error.command)}`);
    return EXIT_CODES.usage;
  }
  // Loaded here, not up front: a command that never reaches the network should not load the transport.
  const [{ AgentError }, { TlsSetupError }] = await Promise.all([import('./config.js'), import('./transport.js')]);
  if (error instanceof AgentError) {
    process.stderr.write(`muster-agent: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof TlsSetupError) {
    process.stderr.write(`muster-agent: ${error.message}\n`);
    return EXIT_CODES.failure;
  }
  process.stderr.write(`muster-agent: ${(error as Error).message ?? error}\n`);
  return EXIT_CODES.failure;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    process.exitCode = await failure(error);
  },
);
