/**
 * What the browser tests share: a built console, a real `muster serve` on a database of its own,
 * and Chromium driven by playwright-core. Not a test file itself.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../../server/src/testing/database.ts';
import { spawnMuster, type ServerProcess } from '../../server/src/testing/server-process.ts';

const root = path.resolve(import.meta.dirname, '../../..');
export const SCREENSHOTS = path.join(root, 'artifacts', 'screenshots');
export const ADMIN = { email: 'admin@console.test', password: 'console test password 1' };
const CHROMIUM = process.env.MUSTER_CHROMIUM ?? '/usr/bin/chromium';

export interface Console {
  base: string;
  database: TestDatabase;
  server: ServerProcess;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Builds the console when its sources are newer than dist (CI built it already). */
export function buildConsole(): void {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale', 'web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the console failed');
}

export async function startConsole(options: { seed?: (database: TestDatabase) => Promise<void> } = {}): Promise<Console> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set MUSTER_CHROMIUM)`);
  buildConsole();
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-console-'));
  const server = spawnMuster(['serve'], {
    DATABASE_URL: database.url,
    MUSTER_PORT: '0',
    MUSTER_DATA_DIR: dataDir,
    MUSTER_ADMIN_EMAIL: ADMIN.email,
    MUSTER_ADMIN_PASSWORD: ADMIN.password,
    MUSTER_LOG_LEVEL: 'warn',
    // One browser and one simulator from one address: the per-address limits would only add noise.
    MUSTER_RATE_LIMIT_IP: '0',
    MUSTER_RATE_LIMIT_USER: '0',
    MUSTER_RATE_LIMIT_DEVICE: '0',
  });
  // Should the test runner kill this process (a timeout), the server must not outlive it.
  const killServer = (): void => server.kill('SIGKILL');
  process.once('exit', killServer);
  const base = (await server.ready()).replace('localhost', '127.0.0.1');
  await options.seed?.(database);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    viewport: { width: 1280, height: 720 },
    colorScheme: 'light',
    baseURL: base,
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  // A page error is a bug even when the test's assertions pass.
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    base,
    database,
    server,
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      process.off('exit', killServer);
      server.kill('SIGTERM');
      await server.exited();
      await database.drop();
      fs.rmSync(userDataDir, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Let charts and fonts settle; screenshots are for people, not assertions.
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** The REST API, for what a test prepares outside the browser. */
export async function apiCall<T>(base: string, token: string | undefined, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(base + url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function apiLogin(base: string, email = ADMIN.email, password = ADMIN.password): Promise<string> {
  return (await apiCall<{ accessToken: string }>(base, undefined, 'POST', '/api/v1/auth/login', { email, password })).accessToken;
}
