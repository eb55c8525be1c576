import type pino from 'pino';
import type { DevicesStore } from './store.js';

const FLUSH_MS = 2_000;

/**
 * Check-ins mark a device as seen. At fleet scale that is hundreds of writes a second, so they
 * are collected in memory and written every two seconds in one statement; a crash loses at most
 * two seconds of "last seen", never a report.
 */
export class LastSeenWriter {
  private pending = new Map<string, { orgId: string; deviceId: string; at: Date; agentVersion: string | null }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: DevicesStore,
    private readonly log: pino.Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  touch(orgId: string, deviceId: string, agentVersion: string | null): void {
    this.pending.set(deviceId, { orgId, deviceId, at: new Date(), agentVersion });
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = [...this.pending.values()];
      this.pending = new Map();
      try {
        await this.store.touchLastSeen(batch);
      } catch (error) {
        this.log.warn({ err: error, devices: batch.length }, 'could not record last-seen times; retrying');
        for (const entry of batch) if (!this.pending.has(entry.deviceId)) this.pending.set(entry.deviceId, entry);
      }
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
