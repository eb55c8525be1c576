import { parseArgs } from 'node:util';
import { SECTION_NAMES, type SectionName } from '@muster/protocol';
import { collect } from './collectors/index.js';
import { AgentError, acquireLock, agentPaths, defaultStateDir, lockHolder, readAgentFile, readCredential } from './config.js';
import { enroll } from './enroll.js';
import { createLogger } from './log.js';
import { EXIT, Runner } from './runner.js';
import { resolveAgentScript, serviceCommand } from './service.js';
import { readStatus } from './status.js';
import { TlsSetupError } from './transport.js';
import { AGENT_VERSION } from './version.js';

const USAGE = `muster-agent ${AGENT_VERSION}

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

const COMMAND_USAGE: Record<string, string> = {
  enroll: `Usage: muster-agent enroll --server URL --token TOKEN [--state-dir DIR] [--ca-file FILE] [--pin SHA256]

Exchanges an enrollment token (from the console) for this device's credential and prints the device id.
  --server URL     the Muster server, e.g. https://muster.example.com
  --token TOKEN    the enrollment token
  --state-dir DIR  where the agent keeps its files (default ${defaultStateDir()})
  --ca-file FILE   PEM file with a CA certificate to trust besides the system's (private CA, self-signed server)
  --pin SHA256     SHA-256 fingerprint of the server certificate; connections fail unless it matches
`,
  run: `Usage: muster-agent run [--once] [--state-dir DIR] [--no-push]

Runs the agent: check-ins, inventory, metrics, the spool. --once does one cycle and exits:
0 everything was accepted, 3 the server was unreachable (reports stay spooled),
4 the credential was refused (re-enroll), 5 the server refused some reports as invalid.
The daemon exits 4 when the credential is refused and 70 when its watchdog trips.
  --no-push  do not open the WebSocket push channel; rely on periodic check-ins
`,
  status: `Usage: muster-agent status [--state-dir DIR] [--json]

Shows whether the agent is enrolled, its server and device id, the spool, the last contact and the last error.
`,
  service: `Usage: muster-agent service install|uninstall [--state-dir DIR] [--dry-run] [--agent PATH]

Linux: writes /etc/systemd/system/muster-agent.service and enables it (needs root).
macOS and Windows: prints the launchd plist / PowerShell commands to run.
  --dry-run     print what would be installed, change nothing
  --agent PATH  the agent script the service runs (default: this one, the single-file bundle when present)
`,
};

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
      const sections = values.section ?? [...SECTION_NAMES];
      const unknown = sections.filter((s) => !(SECTION_NAMES as readonly string[]).includes(s));
      if (unknown.length) {
        process.stderr.write(`muster-agent: unknown section ${unknown.join(', ')} (expected ${SECTION_NAMES.join(', ')})\n`);
        return 2;
      }
      const result = await collect({ sections: sections as SectionName[] });
      process.stdout.write(`${JSON.stringify({ agentVersion: AGENT_VERSION, collectedAt: new Date().toISOString(), sections: result }, null, values.pretty ? 2 : undefined)}\n`);
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
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`muster-agent: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

async function enrollCommand(args: string[]): Promise<number> {
  const { values } = parse('enroll', () =>
    parseArgs({ args, strict: true, options: { ...HELP, ...STATE_DIR, server: { type: 'string' }, token: { type: 'string' }, 'ca-file': { type: 'string' }, pin: { type: 'string' } } }),
  );
  if (values.help) return help('enroll');
  if (!values.server || !values.token) throw new UsageError(`${!values.server ? '--server' : '--token'} is required`, 'enroll');
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
  const paths = agentPaths(values['state-dir'] ?? defaultStateDir());
  const agent = readAgentFile(paths);
  if (!agent) {
    throw new AgentError(
      `not enrolled: ${paths.agentFile} does not exist. Enroll first: muster-agent enroll --server URL --token TOKEN${values['state-dir'] ? ` --state-dir ${paths.dir}` : ''}`,
    );
  }
  const credential = readCredential(paths);
  const release = acquireLock(paths);
  const log = createLogger();
  try {
    const runner = new Runner({ paths, agent, credential, log, push: !values['no-push'] });
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

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function statusCommand(args: string[]): number {
  const { values } = parse('status', () => parseArgs({ args, strict: true, options: { ...HELP, ...STATE_DIR, json: { type: 'boolean' } } }));
  if (values.help) return help('status');
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

function serviceCli(args: string[]): number {
  const { values, positionals } = parse('service', () =>
    parseArgs({ args, strict: true, allowPositionals: true, options: { ...HELP, ...STATE_DIR, 'dry-run': { type: 'boolean' }, agent: { type: 'string' } } }),
  );
  if (values.help) return help('service');
  const [action, ...extra] = positionals;
  if ((action !== 'install' && action !== 'uninstall') || extra.length) throw new UsageError('expected "install" or "uninstall"', 'service');
  return serviceCommand({
    action,
    target: { node: process.execPath, agent: values.agent ?? resolveAgentScript(process.argv[1]), stateDir: agentPaths(values['state-dir'] ?? defaultStateDir()).dir },
    platform: process.platform,
    dryRun: values['dry-run'] === true,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    out: (text) => void process.stdout.write(text),
  });
}

function help(command: string): number {
  process.stdout.write(COMMAND_USAGE[command] ?? USAGE);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`muster-agent ${error.command}: ${error.message}\n\n${COMMAND_USAGE[error.command] ?? USAGE}`);
      process.exitCode = EXIT.usage;
      return;
    }
    if (error instanceof AgentError) {
      process.stderr.write(`muster-agent: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof TlsSetupError) {
      process.stderr.write(`muster-agent: ${error.message}\n`);
      process.exitCode = EXIT.failure;
      return;
    }
    process.stderr.write(`muster-agent: ${(error as Error).message ?? error}\n`);
    process.exitCode = EXIT.failure;
  },
);
