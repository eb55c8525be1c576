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
 * Linux collectors. They read /proc, /sys, /etc and the package databases directly and spawn a
 * program only where no file holds the answer (rpm, snap, flatpak, systemctl, nft, iptables-save),
 * and only when that program is installed.
 */
export const linuxCollectors: CollectorSet = {
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
  metrics: (ctx) => collectMetrics(ctx),
};
