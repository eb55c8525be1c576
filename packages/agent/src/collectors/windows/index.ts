import type { CollectorSet } from '../types.js';

export const windowsCollectors: CollectorSet = {};
