import type { OrgSettingsStore } from '../orgs/settings.js';
import type { SoftwareService } from '../software/service.js';
import type { TitleRow } from '../software/store.js';
import type { Bucket, FleetCounts, FleetStore } from './store.js';

const DAY_MS = 86_400_000;
const NEW_DEVICE_DAYS = 30;
const TOP_KEYS = 50;
const TOP_MODELS = 20;
const TOP_SOFTWARE = 10;

export interface FleetSummary extends FleetCounts {
  byPlatform: Bucket[];
  byOs: Bucket[];
  byModel: Bucket[];
  byAgentVersion: Bucket[];
  newDevicesByDay: Array<{ day: string; count: number }>;
  topSoftware: TitleRow[];
}

/** The fleet at a glance: the console's dashboard in one request. */
export class FleetService {
  constructor(
    private readonly store: FleetStore,
    private readonly settings: OrgSettingsStore,
    private readonly software: SoftwareService,
  ) {}

  async summary(orgId: string, now = new Date()): Promise<FleetSummary> {
    const { offlineAfterSec } = await this.settings.get(orgId);
    // The last 30 UTC days, today included, every day present (zero when nothing was added).
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const days = Array.from({ length: NEW_DEVICE_DAYS }, (_, i) => new Date(today - (NEW_DEVICE_DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10));
    const [counts, breakdown, created, software] = await Promise.all([
      this.store.counts(orgId, new Date(now.getTime() - offlineAfterSec * 1000)),
      this.store.breakdown(orgId, TOP_KEYS),
      this.store.createdPerDay(orgId, new Date(today - (NEW_DEVICE_DAYS - 1) * DAY_MS)),
      this.software.titles(orgId, { sort: '-devices', limit: TOP_SOFTWARE }),
    ]);
    const createdByDay = new Map(created.map((c) => [c.day, c.count]));
    return {
      ...counts,
      byPlatform: breakdown.platform,
      byOs: breakdown.os,
      byModel: breakdown.model.slice(0, TOP_MODELS),
      byAgentVersion: breakdown.agentVersion,
      newDevicesByDay: days.map((day) => ({ day, count: createdByDay.get(day) ?? 0 })),
      topSoftware: software.items,
    };
  }
}
