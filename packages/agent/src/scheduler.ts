import os from 'node:os';

/**
 * Timing helpers for the run loop: jittered intervals and random initial offsets so a fleet
 * started together (a mass reboot, an upgrade) never checks in in lock-step, the "is the machine
 * busy?" test that postpones inventory, and a sleep the loop can be woken from.
 */

export type Random = () => number;

/** `intervalMs` ± `fraction` (10% by default), uniformly. */
export function jittered(intervalMs: number, random: Random = Math.random, fraction = 0.1): number {
  return Math.max(1, Math.round(intervalMs * (1 + (random() * 2 - 1) * fraction)));
}

/** First run somewhere in [0, intervalMs): spreads a fleet over a whole interval. */
export function initialOffset(intervalMs: number, random: Random = Math.random): number {
  return Math.floor(random() * intervalMs);
}

export interface BusySignals {
  /** 1-minute load average divided by the number of logical CPUs (0 where the OS has none, i.e. Windows). */
  loadPerCore: number;
  /** The agent's own CPU use over the last minute, percent of one core. */
  agentCpuPercent: number;
}

export function systemLoadPerCore(): number {
  const [oneMinute] = os.loadavg();
  return (oneMinute ?? 0) / Math.max(1, os.availableParallelism());
}

export const POSTPONE = { maxTimes: 3, delayMs: 120_000, loadPerCore: 0.8 } as const;

/**
 * Whether to put an inventory collection off, and why: the device is busy (load per core above
 * 0.8) or the agent itself has been using more CPU than its budget. Never more than three times
 * in a row, so a permanently busy machine is still inventoried, just later.
 */
export function shouldPostpone(signals: BusySignals, postponedSoFar: number, agentCpuBudgetPercent: number): string | undefined {
  if (postponedSoFar >= POSTPONE.maxTimes) return undefined;
  if (signals.loadPerCore > POSTPONE.loadPerCore) return `load average per core ${signals.loadPerCore.toFixed(2)} > ${POSTPONE.loadPerCore}`;
  if (signals.agentCpuPercent > agentCpuBudgetPercent) return `agent CPU ${signals.agentCpuPercent.toFixed(1)}% > ${agentCpuBudgetPercent}%`;
  return undefined;
}

/**
 * A sleep that `wake()` cuts short (a push message, a signal). A wake that arrives while the loop
 * is busy is remembered, so the next sleep returns at once instead of missing it. The timer is
 * unref'd: it never keeps a process alive on its own.
 */
export class Wakeup {
  private pending = false;
  private release: (() => void) | undefined;

  wake(): void {
    this.pending = true;
    this.release?.();
  }

  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.release = undefined;
        this.pending = false;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      timer.unref();
      this.release = done;
    });
  }
}
