import { silentLogger, type Logger } from './log.js';

/**
 * The agent's budget on itself, like osquery's watchdog: every 10 s it looks at its own resident
 * memory and CPU time. Over the memory ceiling, or over the CPU budget averaged over 5 minutes,
 * it logs why and exits with EXIT_WATCHDOG; the service manager starts a fresh process. Nothing is
 * lost: every report is in the fsync'd spool before anyone waits for the server.
 */

export const EXIT_WATCHDOG = 70;

export interface ResourceSample {
  at: number;
  rssBytes: number;
  /** User + system CPU time of this process, microseconds. */
  cpuMicros: number;
}

export function processSample(): ResourceSample {
  const cpu = process.cpuUsage();
  return { at: Date.now(), rssBytes: process.memoryUsage.rss(), cpuMicros: cpu.user + cpu.system };
}

export interface WatchdogOptions {
  maxRssBytes?: number;
  /** Percent of one core, averaged over `windowMs`. */
  cpuBudgetPercent?: number;
  windowMs?: number;
  intervalMs?: number;
  log?: Logger;
  sample?: () => ResourceSample;
  /** What to do on a breach; by default: log and exit with EXIT_WATCHDOG. */
  onBreach?: (reason: string) => void;
}

export const WATCHDOG_DEFAULTS = { maxRssBytes: 150 * 1024 * 1024, cpuBudgetPercent: 10, windowMs: 5 * 60_000, intervalMs: 10_000 } as const;

export class Watchdog {
  private samples: ResourceSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  readonly maxRssBytes: number;
  readonly cpuBudgetPercent: number;
  private readonly windowMs: number;
  private readonly intervalMs: number;
  private readonly log: Logger;
  private readonly sample: () => ResourceSample;
  private readonly onBreach: (reason: string) => void;

  constructor(options: WatchdogOptions = {}) {
    this.maxRssBytes = options.maxRssBytes ?? WATCHDOG_DEFAULTS.maxRssBytes;
    this.cpuBudgetPercent = options.cpuBudgetPercent ?? WATCHDOG_DEFAULTS.cpuBudgetPercent;
    this.windowMs = options.windowMs ?? WATCHDOG_DEFAULTS.windowMs;
    this.intervalMs = options.intervalMs ?? WATCHDOG_DEFAULTS.intervalMs;
    this.log = options.log ?? silentLogger;
    this.sample = options.sample ?? processSample;
    this.onBreach =
      options.onBreach ??
      ((reason) => {
        this.log.error('watchdog: limit exceeded, exiting for a restart', { reason, exitCode: EXIT_WATCHDOG });
        process.exit(EXIT_WATCHDOG);
      });
    this.samples = [this.sample()];
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const breach = this.check();
      if (breach) this.onBreach(breach);
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Takes a sample; returns why the agent is over budget, or undefined. */
  check(): string | undefined {
    const now = this.sample();
    this.samples.push(now);
    // Keep one sample at least a whole window old, so the average always spans the full window.
    while (this.samples.length > 2 && now.at - this.samples[1]!.at >= this.windowMs) this.samples.shift();
    if (now.rssBytes > this.maxRssBytes) return `resident memory ${mb(now.rssBytes)} MB over the ${mb(this.maxRssBytes)} MB ceiling`;
    const oldest = this.samples[0]!;
    if (now.at - oldest.at >= this.windowMs) {
      const percent = cpuPercent(oldest, now);
      if (percent > this.cpuBudgetPercent) {
        return `CPU ${percent.toFixed(1)}% of a core over ${Math.round((now.at - oldest.at) / 60_000)} min, over the ${this.cpuBudgetPercent}% budget`;
      }
    }
    return undefined;
  }

  /** CPU use over about the last `spanMs` (as far back as samples go), percent of one core. */
  recentCpuPercent(spanMs = 60_000): number {
    const now = this.sample();
    let from = this.samples[0];
    for (const s of this.samples) if (now.at - s.at >= spanMs) from = s;
    return from ? cpuPercent(from, now) : 0;
  }
}

function cpuPercent(from: ResourceSample, to: ResourceSample): number {
  const wallMicros = (to.at - from.at) * 1000;
  return wallMicros > 0 ? ((to.cpuMicros - from.cpuMicros) / wallMicros) * 100 : 0;
}

function mb(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}
