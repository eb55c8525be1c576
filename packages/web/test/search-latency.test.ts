/**
 * 10,000 devices: the devices page answers a search quickly, as the browser measures it (from the
 * keystroke to the table showing the match). The figure is printed; the assertion is only a
 * generous bound, since a shared 2-core machine is no place for a tight timing assertion.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedFleet } from './fleet-seed.ts';
import { ADMIN, logIn, screenshot, startConsole, type Console } from './console-harness.ts';

const DEVICES = 10_000;

describe('devices page with 10,000 devices', () => {
  let c: Console;
  let page: Page;

  before(async () => {
    c = await startConsole({
      seed: async (database) => {
        const { rows } = await database.pool.query<{ id: string }>('select id from organizations order by created_at limit 1');
        await seedFleet(database.pool, rows[0]!.id, DEVICES);
      },
    });
    page = c.page;
    await page.goto('/login');
    await logIn(page, ADMIN.email, ADMIN.password);
  });
  after(async () => c?.close());

  /** Types the last character of `query` and times until the table shows exactly `expect`. */
  async function timedSearch(query: string, expect: string): Promise<number> {
    const box = page.locator('[data-search="page"]');
    await box.fill(query.slice(0, -1));
    // Let the partial query settle so that only the last keystroke is measured.
    await page.waitForFunction((partial) => new URL(location.href).searchParams.get('q') === partial, query.slice(0, -1));
    await page.waitForFunction(() => !document.querySelector('table[aria-label="Devices"][aria-busy="true"]'));
    await box.focus();
    // The observer runs in the page: performance.now() at the keydown and when the row appears.
    // It is armed before the key is pressed; it gives up (NaN) after 10 s rather than hang.
    // (A source string: tsx would wrap named functions in a helper the page does not have.)
    await page.evaluate(`(window.__searchTimer = new Promise((resolve) => {
      const hostname = ${JSON.stringify(expect)};
      let started = 0;
      window.addEventListener('keydown', () => { started = performance.now(); }, { once: true, capture: true });
      const observer = new MutationObserver(() => {
        const rows = [...document.querySelectorAll('table[aria-label="Devices"] tbody tr')];
        const busy = document.querySelector('table[aria-label="Devices"][aria-busy="true"]');
        if (started && !busy && rows.length === 1 && rows[0].textContent.includes(hostname)) {
          observer.disconnect();
          resolve(performance.now() - started);
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      setTimeout(() => { observer.disconnect(); resolve(NaN); }, 10000);
    }), 0)`);
    await page.keyboard.press(query.at(-1)!);
    return page.evaluate<number>('window.__searchTimer');
  }

  test('a search answers in the browser well under a second (figure printed)', { timeout: 120_000 }, async () => {
    await page.goto('/devices');
    await page.getByRole('table', { name: 'Devices' }).locator('tbody tr').nth(49).waitFor();
    const timings: number[] = [];
    for (const [query, hostname] of [
      ['ws-004711', 'WS-004711'],
      ['mac-008012', 'mac-008012'],
      ['srv-002403', 'srv-002403'],
      ['10.0.37.33', 'WS-009505'], // by address: device 9505 is 10.0.(9505 >> 8).(9505 & 255)
    ] as const) {
      timings.push(await timedSearch(query, hostname));
    }
    await screenshot(page, 'devices-10k-search');
    const measured = timings.filter((t) => Number.isFinite(t));
    console.log(`[search latency] ${DEVICES} devices: ${timings.map((t) => `${t.toFixed(0)} ms`).join(', ')} (keystroke → table shows the one match)`);
    assert.ok(measured.length >= 3, `searches did not finish: ${timings.join(', ')}`);
    const median = [...measured].sort((a, b) => a - b)[Math.floor(measured.length / 2)]!;
    console.log(`[search latency] median ${median.toFixed(0)} ms`);
    assert.ok(median < 2_000, `median search took ${median.toFixed(0)} ms`);
  });
});
