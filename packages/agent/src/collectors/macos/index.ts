import type { CollectorSet } from '../types.js';
import { collectBrowser } from './browser.js';
import { collectHardware } from './hardware.js';
import { collectMetrics } from './metrics.js';
import { collectNetwork } from './network.js';
import { collectOs } from './os.js';
import { collectSecurity } from './security.js';
import { collectServices } from './services.js';
import { collectSoftware } from './software.js';
import { collectSystem } from './system.js';
import { collectUpdates } from './updates.js';
import { collectUsers } from './users.js';

/**
 * macOS: system_profiler (one shared call per collection) for hardware, small tools for the
 * rest, plist files read directly. Each section file holds its pure parsers and its collector.
 */
export const macosCollectors: CollectorSet = {
  system: collectSystem,
  os: collectOs,
  hardware: collectHardware,
  software: collectSoftware,
  updates: collectUpdates,
  security: collectSecurity,
  network: collectNetwork,
  users: collectUsers,
  services: collectServices,
  browser: collectBrowser,
  metrics: collectMetrics,
};
