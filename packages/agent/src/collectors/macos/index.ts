import type { CollectorSet } from '../types.js';

export const macosCollectors: CollectorSet = {};
