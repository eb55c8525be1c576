import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { POSTPONE, Wakeup, initialOffset, jittered, shouldPostpone } from '../src/scheduler.js';
import { Watchdog, type ResourceSample } from '../src/watchdog.js';

describe('schedule', () => {
  test('intervals are jittered by ±10% and first runs spread over a whole interval', () => {
    assert.equal(jittered(60_000, () => 0), 54_000);
    assert.equal(jittered(60_000, () => 0.5), 60_000);
    assert.equal(jittered(60_000, () => 0.999999), 66_000);
    for (let i = 0; i < 1000; i++) {
      const d = jittered(900_000);
      assert.ok(d >= 810_000 && d <= 990_000);
      const o = initialOffset(60_000);
      assert.ok(o >= 0 && o < 60_000);
    }
  });

  test('inventory is postponed when the device or the agent is busy, at most three times', () => {
    const quiet = { loadPerCore: 0.2, agentCpuPercent: 1 };
    assert.equal(shouldPostpone(quiet, 0, 10), undefined);
    assert.match(shouldPostpone({ loadPerCore: 1.5, agentCpuPercent: 1 }, 0, 10) ?? '', /load average per core 1\.50/);
    assert.match(shouldPostpone({ loadPerCore: 0.1, agentCpuPercent: 25 }, 2, 10) ?? '', /agent CPU 25\.0%/);
    assert.equal(shouldPostpone({ loadPerCore: 5, agentCpuPercent: 90 }, POSTPONE.maxTimes, 10), undefined, 'after three postponements it runs anyway');
    assert.equal(POSTPONE.delayMs, 120_000);
  });

  test('a wake before the sleep is not lost; a wake during it ends it early', async () => {
    const wakeup = new Wakeup();
    wakeup.wake();
    const t0 = Date.now();
    await wakeup.sleep(10_000);
    assert.ok(Date.now() - t0 < 1_000);
    const sleeping = wakeup.sleep(10_000);
    setTimeout(() => wakeup.wake(), 10);
    await sleeping;
    assert.ok(Date.now() - t0 < 2_000);
  });
});

describe('watchdog', () => {
  function fakeProcess() {
    const state = { at: 0, rssBytes: 60 * 1024 * 1024, cpuMicros: 0 };
    return {
      state,
      sample: (): ResourceSample => ({ ...state }),
      /** Advances the clock by `ms`, using `cpuPercent` of a core meanwhile. */
      run(ms: number, cpuPercent: number) {
        state.at += ms;
        state.cpuMicros += ms * 1000 * (cpuPercent / 100);
      },
    };
  }

  test('memory over the ceiling is a breach at once', () => {
    const p = fakeProcess();
    const watchdog = new Watchdog({ sample: p.sample, maxRssBytes: 150 * 1024 * 1024, onBreach: () => undefined });
    p.run(10_000, 1);
    assert.equal(watchdog.check(), undefined);
    p.state.rssBytes = 200 * 1024 * 1024;
    p.run(10_000, 1);
    assert.match(watchdog.check() ?? '', /resident memory 200 MB over the 150 MB ceiling/);
  });

  test('CPU is judged on the 5-minute average: a burst passes, a sustained excess does not', () => {
    const p = fakeProcess();
    const watchdog = new Watchdog({ sample: p.sample, cpuBudgetPercent: 10, onBreach: () => undefined });
    // A 20-second burst at 100% inside five quiet minutes stays under 10% on average.
    p.run(10_000, 100);
    assert.equal(watchdog.check(), undefined, 'no verdict before a full window');
    p.run(10_000, 100);
    for (let i = 0; i < 28; i++) {
      p.run(10_000, 1);
      assert.equal(watchdog.check(), undefined);
    }
    // Then 5 minutes at 30%.
    let breach: string | undefined;
    for (let i = 0; i < 30 && !breach; i++) {
      p.run(10_000, 30);
      breach = watchdog.check();
    }
    assert.match(breach ?? '', /CPU .*% of a core over 5 min, over the 10% budget/);
  });

  test('recent CPU use feeds the busy test', () => {
    const p = fakeProcess();
    const watchdog = new Watchdog({ sample: p.sample, onBreach: () => undefined });
    for (let i = 0; i < 6; i++) {
      p.run(10_000, 40);
      watchdog.check();
    }
    assert.ok(Math.abs(watchdog.recentCpuPercent() - 40) < 0.01);
  });
});
