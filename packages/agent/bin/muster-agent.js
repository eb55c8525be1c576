#!/usr/bin/env node
// In a checkout (src/ present and tsx installed) run the TypeScript directly; an installed agent
// runs the single-file bundle in dist/.
import { existsSync } from 'node:fs';

const src = new URL('../src/cli.ts', import.meta.url);
const dist = new URL('../dist/muster-agent.js', import.meta.url);
if (existsSync(src) && !process.env.MUSTER_USE_DIST) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(src.href);
} else {
  await import(dist.href);
}
