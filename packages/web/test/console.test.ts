/**
 * The console in a real browser against a real server: Chromium (playwright-core) drives the
 * built console served by `muster serve`, with devices from the fleet simulator. Each step saves a
 * screenshot to artifacts/screenshots/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { simulate, DEFAULT_SIMULATE_OPTIONS } from '../../server/src/simulate/simulator.ts';
import { ADMIN, apiCall, apiLogin, logIn, screenshot, startConsole, type Console } from './console-harness.ts';

const FLEET = 30;
const VIEWER = { email: 'viewer@console.test', password: 'quiet harbour lantern 2026' };

/** Follows a link of the main navigation. */
const nav = (page: Page, name: string): Promise<void> => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

describe('web console in Chromium', () => {
  let c: Console;
  let page: Page;
  const stopSimulator = new AbortController();
  let simulation: Promise<unknown> | undefined;

  before(async () => {
    c = await startConsole();
    page = c.page;
  });
  after(async () => {
    stopSimulator.abort();
    await simulation?.catch(() => undefined);
    await c?.close();
  });

  test('first run: the admin logs in and lands where they were going', async () => {
    await page.goto('/devices');
    await page.waitForURL(/\/login\?next=%2Fdevices/);
    await screenshot(page, 'login');
    await logIn(page, ADMIN.email, ADMIN.password);
    assert.equal(new URL(page.url()).pathname, '/devices');
    await nav(page, 'Dashboard');
    await page.getByText('Fleet overview').waitFor();
  });

  test('the dashboard fills up live as the simulator enrolls devices, without a reload', async () => {
    const admin = await apiLogin(c.base);
    const { token } = await apiCall<{ token: string }>(c.base, admin, 'POST', '/api/v1/enrollment-tokens', { name: 'simulator' });
    await page.getByTestId('live-state').and(page.locator('[data-state="live"]')).waitFor();
    // Enroll slowly enough that the dashboard is open while devices arrive; churn and short
    // intervals give the devices change history and metrics for the later steps.
    simulation = simulate(
      {
        ...DEFAULT_SIMULATE_OPTIONS,
        server: c.base,
        token,
        devices: FLEET,
        rate: 6,
        durationSec: 600,
        churn: 0.5,
        checkinIntervalSec: 2,
        inventoryIntervalSec: 3,
        metrics: true,
        packages: [40, 80],
        concurrency: 8,
        progressIntervalMs: 60_000,
      },
      stopSimulator.signal,
    );
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    await page.waitForFunction((n) => document.querySelector('[data-testid="stat-devices"]')?.textContent === String(n), FLEET, { timeout: 30_000 });
    // Online follows the first check-ins, a moment after enrollment.
    await page.waitForFunction((n) => document.querySelector('[data-testid="stat-online"]')?.textContent === String(n), FLEET, { timeout: 30_000 });
    assert.deepEqual(navigations, [], 'the page must not have reloaded');
    await page.getByText('Top software').waitFor();
    await screenshot(page, 'dashboard');
    // Dark theme from the toggle, then back to following the system.
    await page.getByRole('radio', { name: 'Dark theme' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), true);
    await screenshot(page, 'dashboard-dark');
    await page.getByRole('radio', { name: 'Follow the system' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), false);
  });

  test('devices: "/" focuses the search, which finds one device; filters and sorting narrow the list', async () => {
    await nav(page, 'Devices');
    const table = page.getByRole('table', { name: 'Devices' });
    await table.getByRole('row').nth(FLEET).waitFor();
    await screenshot(page, 'devices');

    const { items } = await apiCall<{ items: Array<{ hostname: string }> }>(c.base, await apiLogin(c.base), 'GET', '/api/v1/devices?limit=5&sort=-hostname');
    const wanted = items[2]!.hostname;
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-search')), 'page');
    await page.keyboard.type(wanted);
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Devices"] tbody tr').length === 1);
    assert.match((await table.locator('tbody tr').first().textContent()) ?? '', new RegExp(wanted));
    assert.match(page.url(), new RegExp(`q=${wanted}`));

    await page.getByLabel('Search devices', { exact: true }).and(page.locator('[data-search="page"]')).fill('');
    await page.getByLabel('Platform').selectOption('windows');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('table[aria-label="Devices"] tbody tr')];
      return rows.length > 0 && rows.every((r) => r.textContent?.includes('Windows'));
    });
    // A saved view brings the filters back later; the CSV export carries the same filters.
    await page.getByRole('button', { name: 'Save this view' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Windows fleet');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await download;
    assert.match(csv.suggestedFilename(), /^devices-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = fs.readFileSync((await csv.path())!, 'utf8').trim().split('\n');
    assert.ok(rows.length > 1 && rows.slice(1).every((r) => /windows/i.test(r)), 'the export has the filtered devices');
    await nav(page, 'Devices');
    await page.waitForURL((url) => url.search === '');
    await page.getByLabel('Saved views').selectOption('Windows fleet');
    await page.waitForURL(/platform=windows/);

    await page.getByLabel('Status').selectOption('offline');
    await page.getByText('No devices match these filters.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('button', { name: /Operating system/ }).click();
    await page.waitForURL(/sort=os/);
    await screenshot(page, 'devices-filtered');
  });

  test('device detail: overview, software with search, history, metrics', async () => {
    const admin = await apiLogin(c.base);
    // A device whose software changed already (the simulator churns every few seconds).
    const deadline = Date.now() + 30_000;
    let target: { id: string; hostname: string } | undefined;
    while (!target && Date.now() < deadline) {
      const { items } = await apiCall<{ items: Array<{ id: string; hostname: string }> }>(c.base, admin, 'GET', '/api/v1/devices?limit=100');
      for (const d of items) {
        const history = await apiCall<{ items: unknown[] }>(c.base, admin, 'GET', `/api/v1/devices/${d.id}/history?limit=1`);
        if (history.items.length) {
          target = d;
          break;
        }
      }
      if (!target) await new Promise((r) => setTimeout(r, 1000));
    }
    assert.ok(target, 'no device has change history yet');

    await page.goto(`/devices?q=${target.hostname}`);
    await page.getByRole('link', { name: target.hostname }).click();
    await page.getByRole('heading', { name: target.hostname }).waitFor();
    await page.getByText('Identity').waitFor();
    await screenshot(page, 'device-overview');

    const tabs = page.getByRole('tablist', { name: 'Device sections' });
    await tabs.getByRole('tab', { name: 'Software' }).click();
    const software = page.getByRole('table', { name: 'Installed software' });
    await software.locator('tbody tr').nth(5).waitFor();
    const first = (await software.locator('tbody tr').first().locator('td').first().textContent()) ?? '';
    await page.getByLabel("Search this device's software").fill(first);
    await page.waitForFunction((name) => [...document.querySelectorAll('table[aria-label="Installed software"] tbody tr')].every((r) => r.textContent?.includes(name)), first);
    await screenshot(page, 'device-software');

    // Arrow keys move between tabs (WAI-ARIA tabs).
    await tabs.getByRole('tab', { name: 'Software' }).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await tabs.getByRole('tab', { name: 'Updates' }).getAttribute('aria-selected'), 'true');

    for (const [tab, check] of [
      ['Hardware', 'Processor and memory'],
      ['Security', 'Local administrators'],
      ['Network', 'Interfaces'],
    ] as const) {
      await tabs.getByRole('tab', { name: tab }).click();
      await page.getByText(check, { exact: false }).first().waitFor();
      await screenshot(page, `device-${tab.toLowerCase()}`);
    }

    await tabs.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('list', { name: 'Change history' }).locator('li').first().waitFor();
    await screenshot(page, 'device-history');

    await tabs.getByRole('tab', { name: 'Metrics' }).click();
    await page.getByText('CPU, memory and disk').waitFor();
    await page.getByRole('radio', { name: '24 hours' }).click();
    await page.getByRole('img', { name: 'CPU, memory and disk use in percent' }).waitFor();
    await screenshot(page, 'device-metrics');
  });

  test('software: titles, versions and the devices having one', async () => {
    await nav(page, 'Software');
    const titles = page.getByRole('table', { name: 'Software titles' });
    await titles.locator('tbody tr').first().waitFor();
    await titles.locator('tbody tr').first().getByRole('button').click();
    await page.getByRole('table', { name: 'Devices with this version' }).locator('tbody tr').first().waitFor();
    await screenshot(page, 'software');
  });

  test('enrollment: a new token shows its install command for each platform; Esc closes the dialog', async () => {
    await page.goto('/settings/enrollment');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByLabel('Name').fill('Office laptops');
    await page.getByRole('dialog').getByRole('button', { name: 'Create token' }).click();
    const command = page.getByTestId('install-command');
    await command.waitFor();
    const linux = (await command.textContent()) ?? '';
    assert.match(linux, new RegExp(`npx muster-agent enroll --server ${c.base.replace(/[.]/g, '\\.')} --token met_\\S+`));
    assert.match(linux, /npx muster-agent service install/);
    await screenshot(page, 'enrollment-token');
    await page.getByRole('dialog').getByRole('tab', { name: 'Windows' }).click();
    assert.match((await command.textContent()) ?? '', /PowerShell/);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: 'Enrollment tokens' }).getByText('Office laptops').waitFor();
  });

  test('settings: create a viewer; API keys, organisations and the audit log', async () => {
    await page.goto('/settings/users');
    await page.getByRole('button', { name: 'Create user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-mail').fill(VIEWER.email);
    await dialog.getByLabel('Password').fill(VIEWER.password);
    await dialog.getByLabel('Role').selectOption('viewer');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('table', { name: 'Users' }).getByText(VIEWER.email).waitFor();
    await screenshot(page, 'settings-users');

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'Create API key' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('CMDB sync');
    await page.getByRole('dialog').getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('dialog').getByText(/^mak_/).waitFor();
    await screenshot(page, 'settings-api-key-once');
    await page.getByRole('button', { name: 'I have copied it' }).click();

    await page.getByRole('link', { name: 'Organisations' }).click();
    await page.getByText('Your organisations').waitFor();
    await screenshot(page, 'settings-organisations');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('table', { name: 'Audit log' }).getByText('users.create').first().waitFor();
    await screenshot(page, 'settings-audit');
    await page.getByLabel('Action').fill('users.create');
    await page.waitForFunction(() => [...document.querySelectorAll('table[aria-label="Audit log"] tbody tr')].every((r) => r.textContent?.includes('users.create')));
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = fs.readFileSync((await (await download).path())!, 'utf8').trim().split('\n');
    assert.ok(csv.length === 2 && csv[1]!.includes('users.create'), `audit export: ${csv.join(' | ')}`);
  });

  test('custom fields: defined in Settings, set on a device in its Edit dialog, and cleared', async () => {
    await page.goto('/settings/custom-fields');
    const table = page.getByRole('table', { name: 'Custom fields' });
    await page.getByText('No custom fields yet').waitFor();
    const define = async (label: string, type: string, choices?: string[]): Promise<void> => {
      await page.getByRole('button', { name: 'Add field' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Label', { exact: true }).fill(label);
      await dialog.getByLabel('Type', { exact: true }).selectOption(type);
      if (choices) await dialog.getByLabel('Choices').fill(choices.join('\n'));
      await dialog.getByRole('button', { name: 'Add field' }).click();
      await dialog.waitFor({ state: 'hidden' });
    };
    await define('Location', 'choice', ['Berlin', 'Paris']);
    await define('Purchased on', 'date');
    await page.getByRole('button', { name: 'Add field' }).click();
    // The key follows the label until edited.
    await page.getByRole('dialog').getByLabel('Label', { exact: true }).fill('Purchase price');
    assert.equal(await page.getByRole('dialog').getByLabel('Key').inputValue(), 'purchase_price');
    await page.getByRole('dialog').getByLabel('Type', { exact: true }).selectOption('number');
    await screenshot(page, 'settings-custom-field-new');
    await page.getByRole('dialog').getByRole('button', { name: 'Add field' }).click();
    await table.getByText('purchase_price').waitFor();

    // Choices can grow (the type cannot change).
    await table.getByRole('button', { name: 'Edit Location' }).click();
    await page.getByRole('dialog').getByLabel('Choices').fill('Berlin\nParis\nMadrid');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await table.getByText('Madrid').waitFor();
    await screenshot(page, 'settings-custom-fields');

    const admin = await apiLogin(c.base);
    const { items } = await apiCall<{ items: Array<{ id: string; hostname: string }> }>(c.base, admin, 'GET', '/api/v1/devices?limit=1&kind=agent');
    const device = items[0]!;
    await page.goto(`/devices/${device.id}`);
    const values = page.getByRole('definition').and(page.locator('[data-field]'));
    await page.locator('[data-field="location"]').waitFor();
    assert.deepEqual(await values.allTextContents(), ['—', '—', '—']);
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Location').selectOption('Berlin');
    await dialog.getByLabel('Purchased on').fill('2024-03-15');
    await dialog.getByLabel('Purchase price').fill('1250.5');
    await screenshot(page, 'device-edit-custom-fields');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('[data-field="location"]', { hasText: 'Berlin' }).waitFor();
    assert.match((await page.locator('[data-field="purchased_on"]').textContent()) ?? '', /2024/);
    assert.notEqual(await page.locator('[data-field="purchase_price"]').textContent(), '—');
    await page.locator('[data-field="location"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'device-custom-fields');
    const stored = async () => (await apiCall<{ customFields: Record<string, unknown> }>(c.base, admin, 'GET', `/api/v1/devices/${device.id}`)).customFields;
    assert.deepEqual(await stored(), { location: 'Berlin', purchased_on: '2024-03-15', purchase_price: 1250.5 });

    // Emptying a field clears its value; the others are kept.
    await page.getByRole('button', { name: 'Edit' }).click();
    await dialog.getByLabel('Purchased on').fill('');
    await dialog.getByLabel('Location').selectOption('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('[data-field="location"]', { hasText: '—' }).waitFor();
    assert.deepEqual(await stored(), { purchase_price: 1250.5 });
  });

  test('devices: CSV import lists the bad rows, imports a good file, and a second import updates rather than duplicates', async () => {
    await nav(page, 'Devices');
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog');
    // The columns include the organisation's custom fields, and so does the template.
    await dialog.getByRole('table', { name: 'Import columns' }).getByText('cf.purchase_price').waitFor();
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download template' }).click();
    const template = fs.readFileSync((await (await download).path())!, 'utf8');
    assert.equal(template, 'hostname,displayName,serialNumber,model,vendor,platform,osName,osVersion,tags,notes,cf.location,cf.purchase_price,cf.purchased_on\r\n');

    const header = 'hostname,serialNumber,model,tags,cf.location,cf.purchase_price';
    await dialog.getByRole('tab', { name: 'Paste text' }).click();
    await dialog.getByLabel('CSV text').fill([header, 'printer-01,PRN001,LaserJet 4000,office;printers,Berlin,250', ',PRN002,LaserJet 4000,,Paris,100', 'printer-03,PRN003,LaserJet,,Rome,1', 'printer-04,PRN004,LaserJet,,Berlin,abc'].join('\n'));
    await dialog.getByRole('button', { name: 'Import' }).click();
    const problems = dialog.getByRole('table', { name: 'Problems in the file' });
    await problems.waitFor();
    assert.deepEqual(await problems.locator('tbody tr td:first-child').allTextContents(), ['3', '4', '5']);
    assert.match((await problems.locator('tbody tr').first().textContent()) ?? '', /hostname/);
    assert.match((await problems.locator('tbody tr').nth(1).textContent()) ?? '', /location/);
    assert.match((await problems.locator('tbody tr').nth(2).textContent()) ?? '', /not a number/);
    await dialog.getByText('3 problem(s) in the file; nothing was imported').waitFor();
    // Shown in the dialog, not also as a toast.
    assert.equal(await page.getByTestId('toast').filter({ hasText: 'That did not work' }).count(), 0);
    await screenshot(page, 'devices-import-problems');

    const upload = async (rows: string[]): Promise<void> => {
      await dialog.getByRole('tab', { name: 'Choose a file' }).click();
      await dialog.getByLabel('CSV file').setInputFiles({ name: 'devices.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\r\n')) });
      await dialog.getByRole('button', { name: 'Import' }).click();
    };
    await upload(['printer-01,PRN001,LaserJet 4000,office;printers,Berlin,250', 'printer-02,PRN002,LaserJet 4000,office,Paris,100', 'nas-01,,DS920+,storage,,']);
    const result = dialog.getByTestId('import-result');
    await result.getByText('Imported 3 devices: 3 added, 0 updated.').waitFor();
    await screenshot(page, 'devices-import-done');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByLabel('Search devices', { exact: true }).and(page.locator('[data-search="page"]')).fill('printer-0');
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Devices"] tbody tr').length === 2);

    // The same devices again, changed: matched by serial number (printers) and hostname (the NAS).
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await upload(['printer-01,PRN001,LaserJet 4000 rev B,office;printers,Madrid,275', 'printer-02,PRN002,LaserJet 4000,office,Paris,100', 'nas-01,,DS923+,storage,Berlin,']);
    await result.getByText('Imported 3 devices: 0 added, 3 updated.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    const admin = await apiLogin(c.base);
    const manual = (await apiCall<{ items: Array<{ hostname: string; model: string | null; customFields: Record<string, unknown> }> }>(c.base, admin, 'GET', '/api/v1/devices?kind=manual&limit=100')).items;
    assert.deepEqual(manual.map((d) => d.hostname).sort(), ['nas-01', 'printer-01', 'printer-02']);
    const printer = manual.find((d) => d.hostname === 'printer-01')!;
    assert.equal(printer.model, 'LaserJet 4000 rev B');
    assert.deepEqual(printer.customFields, { location: 'Madrid', purchase_price: 275 });
    assert.deepEqual(manual.find((d) => d.hostname === 'nas-01')!.customFields, { location: 'Berlin' });
  });

  test('API keys: rotating shows the new key once; the old one keeps working for the grace period', async () => {
    const admin = await apiLogin(c.base);
    const created = await apiCall<{ key: string; keyPrefix: string }>(c.base, admin, 'POST', '/api/v1/api-keys', { name: 'Nightly export', role: 'viewer' });
    await page.goto('/settings/api-keys');
    const table = page.getByRole('table', { name: 'API keys' });
    await table.getByRole('button', { name: 'Rotate Nightly export' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Grace period').selectOption({ label: '1 hour' });
    await dialog.getByRole('button', { name: 'Rotate key' }).click();
    const secret = dialog.locator('code').filter({ hasText: /^mak_/ });
    await secret.waitFor();
    const rotated = (await secret.textContent())!;
    assert.notEqual(rotated, created.key);
    assert.match((await dialog.getByTestId('rotate-grace').textContent()) ?? '', new RegExp(`old key \\(${created.keyPrefix}…\\) keeps working until`));
    await screenshot(page, 'settings-api-key-rotated');
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await table.getByText('old key works until').waitFor();
    await screenshot(page, 'settings-api-keys-after-rotation');
    for (const key of [rotated, created.key]) await apiCall(c.base, key, 'GET', '/api/v1/devices?limit=1');
  });

  test('users: pending invitations are listed and can be revoked', async () => {
    const admin = await apiLogin(c.base);
    await apiCall(c.base, admin, 'POST', '/api/v1/users/invitations', { email: 'pending@console.test', role: 'operator' });
    await page.goto('/settings/users');
    const invitations = page.getByRole('table', { name: 'Invitations' });
    await invitations.getByText('pending@console.test').waitFor();
    await screenshot(page, 'settings-invitations');
    await invitations.getByRole('button', { name: 'Revoke the invitation of pending@console.test' }).click();
    await page.getByText('No pending invitations.').waitFor();
    await page.getByLabel('Show accepted, revoked and expired').check();
    await invitations.getByRole('row', { name: /pending@console\.test/ }).getByText('revoked').waitFor();
  });

  test('a viewer sees no way to change anything, and a 403 from the API is shown as its message', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    await logIn(page, VIEWER.email, VIEWER.password);
    assert.equal(await page.getByTestId('role').textContent(), 'viewer');

    await page.goto('/devices');
    await page.getByRole('table', { name: 'Devices' }).locator('tbody tr').first().waitFor();
    for (const name of ['Add device', 'Import CSV']) assert.equal(await page.getByRole('button', { name }).count(), 0, name);
    await page.getByRole('table', { name: 'Devices' }).locator('tbody tr a').first().click();
    await page.getByText('Identity').waitFor();
    // Custom field values are shown; setting them (the Edit dialog) is not offered.
    await page.locator('[data-field="purchase_price"]').waitFor();
    for (const name of ['Edit', 'Retire', 'Delete device']) assert.equal(await page.getByRole('button', { name }).count(), 0, name);
    await screenshot(page, 'viewer-device');

    await page.goto('/settings/custom-fields');
    await page.getByRole('table', { name: 'Custom fields' }).getByText('purchase_price').waitFor();
    for (const name of ['Add field', 'Edit', 'Delete']) assert.equal(await page.getByRole('button', { name }).count(), 0, name);
    // API keys (and their Rotate) are not the viewer's to see.
    assert.equal(await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' }).count(), 0);

    await page.goto('/settings/enrollment');
    await page.getByRole('table', { name: 'Enrollment tokens' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Create token' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Revoke' }).count(), 0);
    // Sections the role cannot read are not offered; forced by URL, the API's refusal is shown.
    assert.equal(await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Users and roles' }).count(), 0);
    await page.goto('/settings/users');
    await page.getByTestId('error-message').filter({ hasText: 'lacks the permission users:read' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Create user' }).count(), 0);
    await screenshot(page, 'viewer-forbidden');
  });

  test('a write the role lost meanwhile shows the API\'s 403 message', async () => {
    // The viewer is promoted: after a reload the device actions appear.
    const admin = await apiLogin(c.base);
    const { items } = await apiCall<{ items: Array<{ id: string; email: string }> }>(c.base, admin, 'GET', '/api/v1/users');
    const viewer = items.find((u) => u.email === VIEWER.email)!;
    await apiCall(c.base, admin, 'PATCH', `/api/v1/users/${viewer.id}`, { role: 'operator' });
    await page.goto('/devices');
    await page.getByRole('table', { name: 'Devices' }).locator('tbody tr a').first().click();
    await page.getByRole('button', { name: 'Retire' }).waitFor();
    // Demoted again while the page is open: the button is still there, the API refuses.
    await apiCall(c.base, admin, 'PATCH', `/api/v1/users/${viewer.id}`, { role: 'viewer' });
    await new Promise((r) => setTimeout(r, 5_500)); // the server's role cache lives ≤ 5 s
    await page.getByRole('button', { name: 'Retire' }).click();
    const toast = page.getByTestId('toast').filter({ hasText: 'lacks the permission devices:write' });
    await toast.waitFor();
    await screenshot(page, 'forbidden-toast');
  });

  test('an expired session refreshes by itself; a dead one returns to login, then to the page', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    await logIn(page, ADMIN.email, ADMIN.password);

    // Access token refused, refresh token good: the page loads, with a new access token.
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('muster.session')!) as { accessToken: string };
      localStorage.setItem('muster.session', JSON.stringify({ ...s, accessToken: 'expired.access.token', expiresAt: Date.now() + 600_000 }));
    });
    await page.goto('/software');
    await page.getByRole('table', { name: 'Software titles' }).locator('tbody tr').first().waitFor();
    assert.equal(new URL(page.url()).pathname, '/software');
    assert.notEqual(await page.evaluate(() => (JSON.parse(localStorage.getItem('muster.session')!) as { accessToken: string }).accessToken), 'expired.access.token');

    // Both refused: back to login with the way back in the URL, and back after logging in.
    await page.evaluate(() => localStorage.setItem('muster.session', JSON.stringify({ accessToken: 'expired.access.token', refreshToken: 'revoked-refresh-token-0000', expiresAt: Date.now() + 600_000 })));
    await page.goto('/devices?status=online&sort=os');
    await page.waitForURL(/\/login\?next=/);
    assert.equal(new URL(page.url()).searchParams.get('next'), '/devices?status=online&sort=os');
    await page.getByText('Your session ended').waitFor();
    await screenshot(page, 'session-expired');
    await logIn(page, ADMIN.email, ADMIN.password);
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/devices?status=online&sort=os');
    await page.getByRole('table', { name: 'Devices' }).locator('tbody tr').first().waitFor();

    // `next` only ever leads within the console, never to another site.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto('/login?next=%2F%2Fexample.org%2F');
    await logIn(page, ADMIN.email, ADMIN.password);
    assert.equal(page.url(), `${c.base}/`);
  });

  test('an invitation link lets a new person choose a password and land in the console', async () => {
    const admin = await apiLogin(c.base);
    const invited = await apiCall<{ acceptPath: string }>(c.base, admin, 'POST', '/api/v1/users/invitations', { email: 'auditor@console.test', role: 'auditor' });
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(invited.acceptPath);
    await page.getByLabel('Your name (optional)').fill('Avery Auditor');
    await page.getByLabel('Password', { exact: true }).fill('plain sailing river 77');
    await page.getByLabel('Repeat the password').fill('plain sailing river 77');
    await screenshot(page, 'accept-invite');
    await page.getByRole('button', { name: 'Accept and log in' }).click();
    await page.getByText('Fleet overview').waitFor();
    assert.equal(await page.getByTestId('role').textContent(), 'auditor');
  });
});
