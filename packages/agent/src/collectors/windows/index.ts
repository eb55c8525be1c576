import type { CollectorSet } from '../types.js';
import { collectBrowser } from './browser.js';
import { parseHardware } from './hardware.js';
import { parseMetrics } from './metrics.js';
import { parseNetwork } from './network.js';
import { parseOs } from './os.js';
import { inventorySection, metricsOutput } from './powershell.js';
import { parseSecurity } from './security.js';
import { parseServices } from './services.js';
import { parseSoftware } from './software.js';
import { parseSystem } from './system.js';
import { parseUpdates } from './updates.js';
import { parseUsers } from './users.js';

/**
 * Windows: one PowerShell run (see powershell.ts) gathers all inventory sections; each collector
 * takes its part of that run's output and maps it with a pure parser. Metrics, sampled every
 * minute, have a smaller script of their own.
 */
export const windowsCollectors: CollectorSet = {
  system: async (ctx) => parseSystem(await inventorySection(ctx, 'system')),
  os: async (ctx) => parseOs(await inventorySection(ctx, 'os')),
  hardware: async (ctx) => parseHardware(await inventorySection(ctx, 'hardware')),
  software: async (ctx) => parseSoftware(await inventorySection(ctx, 'software')),
  updates: async (ctx) => parseUpdates(await inventorySection(ctx, 'updates')),
  security: async (ctx) => parseSecurity(await inventorySection(ctx, 'security')),
  network: async (ctx) => parseNetwork(await inventorySection(ctx, 'network')),
  users: async (ctx) => parseUsers(await inventorySection(ctx, 'users')),
  services: async (ctx) => parseServices(await inventorySection(ctx, 'services')),
  browser: collectBrowser,
  metrics: async (ctx) => parseMetrics(await metricsOutput(ctx), ctx.now()),
};
