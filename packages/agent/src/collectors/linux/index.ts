import type { CollectorSet } from '../types.js';

export const linuxCollectors: CollectorSet = {};
