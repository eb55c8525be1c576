import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { EmbeddedPostgresError } from '../db/embedded.js';
import { createLogger } from '../logger.js';
import { openStorage, startServer, startWorkerProcess } from '../runtime.js';
import { runSimulateCommand, SimulateUsageError } from '../simulate/command.js';
import type { UsersService } from '../users/service.js';
import { createBus } from '../bus/index.js';
import { sharedSecret } from '../orgs/bootstrap.js';
import { buildServices } from '../services.js';
import type { Role } from '../db/schema.js';
import { ROLES } from '../auth/permissions.js';

const USAGE = `muster — device inventory and fleet management server

Usage:
  muster serve                                   run the server (API, console, workers)
  muster worker                                  run only the background workers (ingest, maintenance)
  muster migrate                                 apply database migrations and exit
  muster simulate --server URL --token T --devices N [--rate R] [--duration D] [--churn P]
                                                 play a fleet of N devices against a server
  muster admin create-user --email E --role R [--org ORG_ID] [--password P]
  muster admin reset-password --email E [--password P]

Without --password, the password is read from the MUSTER_PASSWORD environment variable.
Configuration comes from environment variables; see the README.
`;

/** A message for the operator: one line naming what to fix, no stack trace. */
class UsageError extends Error {}

async function serve(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  const server = await startServer(config, log);
  const wildcard = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host);
  const url = wildcard ? server.address.replace(/\/\/[^/]+:(\d+)$/, '//localhost:$1') : server.address;
  log.info({ address: server.address, bus: server.bus.kind, database: server.storage.embedded ? 'embedded' : 'external' }, 'muster is serving');
  if (server.bootstrap.created) {
    // Printed, never logged: the one time this password is shown.
    const lines = [
      '',
      '  Muster is ready.',
      `  Console:  ${url}`,
      `  E-mail:   ${server.bootstrap.email}`,
      server.bootstrap.generatedPassword ? `  Password: ${server.bootstrap.generatedPassword}   (shown once: change it after logging in)` : '  Password: the one in MUSTER_ADMIN_PASSWORD',
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } else {
    process.stdout.write(`\n  Muster is ready: ${url}\n\n`);
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: draining requests and consumers');
    const force = setTimeout(() => {
      log.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 25_000);
    force.unref();
    server.shutdown().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Admin commands use the same services as the server, bus included, so e.g. a password reset ends the user's sessions everywhere. */
async function withUsers(config: Config, work: (users: UsersService, db: Awaited<ReturnType<typeof openStorage>>) => Promise<void>): Promise<void> {
  const log = createLogger('warn');
  const storage = await openStorage(config, log);
  try {
    const bus = await createBus({ pool: storage.database.pool, natsUrl: config.natsUrl, natsNamespace: config.natsNamespace });
    try {
      const jwtSecret = config.jwtSecret ?? (await sharedSecret(storage.database.db, 'jwt_secret'));
      const services = buildServices({ db: storage.database.db, systemDb: storage.database.systemDb, bus, jwtSecret, log });
      await work(services.users, storage);
    } finally {
      await bus.close();
    }
  } finally {
    await storage.close();
  }
}

function passwordFrom(value: string | undefined): string {
  const password = value ?? process.env.MUSTER_PASSWORD;
  if (!password) throw new UsageError('give --password or set MUSTER_PASSWORD');
  return password;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'simulate') return runSimulateCommand(rest);
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1;
    case 'worker': {
      const log = createLogger(config.logLevel);
      const worker = await startWorkerProcess(config, log);
      log.info({ bus: config.natsUrl ? 'nats' : 'postgres' }, 'muster worker is running');
      const stop = (signal: string): void => {
        log.info({ signal }, 'worker shutting down: finishing the batch in hand');
        worker.shutdown().then(
          () => process.exit(0),
          (error: unknown) => {
            log.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      return -1;
    }
    case 'migrate': {
      const log = createLogger(config.logLevel);
      const storage = await openStorage(config, log);
      await storage.close();
      process.stdout.write('database is up to date\n');
      return 0;
    }
    case 'admin': {
      const [sub, ...args] = rest;
      const { values } = parseArgs({
        args,
        options: { email: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' }, password: { type: 'string' } },
        strict: true,
      });
      if (!values.email) throw new UsageError('--email is required');
      if (sub === 'create-user') {
        const role = (values.role ?? '') as Role;
        if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        await withUsers(config, async (users, storage) => {
          const org =
            values.org ??
            (await storage.database.db.selectFrom('organizations').select('id').orderBy('created_at').limit(1).executeTakeFirst())?.id;
          if (!org) throw new UsageError('no organisation exists yet: start the server once first');
          const user = await users.create(org, { email: values.email!, password: passwordFrom(values.password), role });
          process.stdout.write(`created ${user.email} (${user.role}) with id ${user.id}\n`);
        });
        return 0;
      }
      if (sub === 'reset-password') {
        await withUsers(config, async (users) => {
          await users.resetPassword(values.email!, passwordFrom(values.password));
          process.stdout.write(`password of ${values.email} reset\n`);
        });
        return 0;
      }
      throw new UsageError(`unknown admin command "${sub ?? ''}" (expected create-user or reset-password)`);
    }
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

function isOperatorError(error: unknown): boolean {
  return (
    error instanceof ConfigError ||
    error instanceof UsageError ||
    error instanceof SimulateUsageError ||
    error instanceof EmbeddedPostgresError ||
    (error as { statusCode?: number }).statusCode !== undefined ||
    (error instanceof TypeError && (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
  );
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (isOperatorError(error)) {
      process.stderr.write(`muster: ${(error as Error).message}\n`);
    } else {
      process.stderr.write(`muster: ${(error as Error)?.stack ?? String(error)}\n`);
    }
    process.exit(1);
  },
);
