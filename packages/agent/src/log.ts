import { isoString } from './time.js';

/**
 * One JSON line per event on stderr: {"time","level","msg",...fields}. No dependency, so the
 * single-file agent stays small. Keys that could carry a secret are redacted as a second wall
 * behind never passing secrets to the logger in the first place.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const SECRET_KEY = /credential|token|authorization|secret|password/i;

function levelFromEnv(value: string | undefined): LogLevel | 'silent' {
  const v = (value ?? '').toLowerCase();
  if (v === 'trace') return 'debug';
  if (v === 'fatal') return 'error';
  return v in ORDER ? (v as LogLevel | 'silent') : 'info';
}

function redact(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, code: (value as NodeJS.ErrnoException).code };
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export function createLogger(options: { level?: LogLevel | 'silent'; write?: (line: string) => void } = {}): Logger {
  const threshold = ORDER[options.level ?? levelFromEnv(process.env.MUSTER_LOG_LEVEL)];
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (ORDER[level] < threshold) return;
    const safe = fields ? (redact(fields) as LogFields) : {};
    write(`${JSON.stringify({ time: isoString(), level, msg, ...safe })}\n`);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

/** A logger that keeps its lines in memory: for tests. */
export function memoryLogger(): Logger & { lines: Array<{ level: LogLevel; msg: string } & LogFields> } {
  const lines: Array<{ level: LogLevel; msg: string } & LogFields> = [];
  const logger = createLogger({ level: 'debug', write: (line) => void lines.push(JSON.parse(line) as { level: LogLevel; msg: string } & LogFields) });
  return Object.assign(logger, { lines });
}

export const silentLogger: Logger = createLogger({ level: 'silent' });
