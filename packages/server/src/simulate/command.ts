import { parseArgs } from 'node:util';
import { DEFAULT_SIMULATE_OPTIONS, simulate, type SimulateOptions, type SimulationResult } from './simulator.js';

export class SimulateUsageError extends Error {}

const USAGE = `muster simulate --server URL --token TOKEN --devices N [options]

  --rate R            enrollments per second (default ${DEFAULT_SIMULATE_OPTIONS.rate})
  --duration D        seconds of steady state after enrollment (default 0: stop after the storm)
  --churn P           fraction of devices whose software changes per inventory interval (default ${DEFAULT_SIMULATE_OPTIONS.churn})
  --checkin S         check-in interval in seconds (default ${DEFAULT_SIMULATE_OPTIONS.checkinIntervalSec})
  --inventory S       inventory interval in seconds (default ${DEFAULT_SIMULATE_OPTIONS.inventoryIntervalSec})
  --metrics           also send a metrics report every check-in
  --concurrency C     requests in flight at most (default ${DEFAULT_SIMULATE_OPTIONS.concurrency})
  --packages MIN-MAX  packages per device (default ${DEFAULT_SIMULATE_OPTIONS.packages.join('-')})
  --start I           index of the first device, to run several simulators side by side (default 0)
  --seed S            fleet seed: the same seed plays the same machines (default ${DEFAULT_SIMULATE_OPTIONS.seed})
  --no-gzip           send uncompressed bodies
  --json              print only the final JSON line
`;

function number(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new SimulateUsageError(`--${name} must be a number between ${min} and ${max}, got "${raw}"`);
  return value;
}

export function parseSimulateArgs(args: string[]): SimulateOptions & { json: boolean } {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      devices: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      churn: { type: 'string' },
      checkin: { type: 'string' },
      inventory: { type: 'string' },
      metrics: { type: 'boolean' },
      concurrency: { type: 'string' },
      packages: { type: 'string' },
      start: { type: 'string' },
      seed: { type: 'string' },
      'no-gzip': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) throw new SimulateUsageError(USAGE);
  if (!values.server || !values.token || !values.devices) throw new SimulateUsageError(`--server, --token and --devices are required\n\n${USAGE}`);
  try {
    new URL(values.server);
  } catch {
    throw new SimulateUsageError(`--server must be a URL, got "${values.server}"`);
  }
  const packages = (values.packages ?? DEFAULT_SIMULATE_OPTIONS.packages.join('-')).split('-').map(Number);
  if (packages.length !== 2 || packages.some((p) => !Number.isInteger(p) || p < 1 || p > 20_000) || packages[0]! > packages[1]!) {
    throw new SimulateUsageError(`--packages must be MIN-MAX between 1 and 20000, got "${values.packages}"`);
  }
  return {
    ...DEFAULT_SIMULATE_OPTIONS,
    server: values.server,
    token: values.token,
    devices: number('devices', values.devices, 0, 1, 1_000_000),
    rate: number('rate', values.rate, DEFAULT_SIMULATE_OPTIONS.rate, 1, 100_000),
    durationSec: number('duration', values.duration, 0, 0, 86_400),
    churn: number('churn', values.churn, DEFAULT_SIMULATE_OPTIONS.churn, 0, 1),
    checkinIntervalSec: number('checkin', values.checkin, DEFAULT_SIMULATE_OPTIONS.checkinIntervalSec, 1, 86_400),
    inventoryIntervalSec: number('inventory', values.inventory, DEFAULT_SIMULATE_OPTIONS.inventoryIntervalSec, 1, 604_800),
    metrics: values.metrics ?? false,
    concurrency: number('concurrency', values.concurrency, DEFAULT_SIMULATE_OPTIONS.concurrency, 1, 10_000),
    packages: [packages[0]!, packages[1]!],
    startIndex: number('start', values.start, 0, 0, 100_000_000),
    seed: values.seed ?? DEFAULT_SIMULATE_OPTIONS.seed,
    gzip: !values['no-gzip'],
    json: values.json ?? false,
  };
}

export function formatResult(result: SimulationResult): string {
  const rows = Object.entries(result.latency)
    .filter(([, l]) => l.count > 0)
    .map(([name, l]) => `  ${name.padEnd(8)} ${String(l.count).padStart(9)} ${String(l.errors).padStart(7)} ${String(l.p50).padStart(8)} ${String(l.p95).padStart(8)} ${String(l.p99).padStart(8)} ${String(l.max).padStart(8)}`);
  return [
    `devices enrolled   ${result.enrolled} of ${result.devices} in ${result.enrollmentSeconds} s`,
    `full reports       ${result.fullReports} (${result.softwareRows} package rows)`,
    `steady state       ${result.steadySeconds} s, ${result.checkins} check-ins, ${result.deltas} deltas, ${result.requestsPerSecond} req/s`,
    '',
    '  request      count  errors   p50 ms   p95 ms   p99 ms   max ms',
    ...rows,
    ...(Object.keys(result.errors).length ? ['', 'errors:', ...Object.entries(result.errors).map(([k, v]) => `  ${v} × ${k}`)] : []),
  ].join('\n');
}

export async function runSimulateCommand(args: string[]): Promise<number> {
  const options = parseSimulateArgs(args);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const result = await simulate({ ...options, progress: options.json ? undefined : (line) => process.stderr.write(`${line}\n`) }, controller.signal);
  if (!options.json) process.stdout.write(`${formatResult(result)}\n`);
  const { fleet: _fleet, ...printable } = result;
  process.stdout.write(`${JSON.stringify(printable)}\n`);
  return Object.keys(result.errors).length ? 1 : 0;
}
