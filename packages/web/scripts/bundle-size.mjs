#!/usr/bin/env node
/**
 * Prints the gzipped size of the JavaScript the console's first load fetches: the module scripts
 * and modulepreload links in dist/index.html (lazy page chunks are listed apart, for reference).
 * Budget: 350 KB gzipped; exits 1 above it. Run after `npm run build`.
 *
 *   node packages/web/scripts/bundle-size.mjs [--json]
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 350 * 1024;
const dist = path.resolve(import.meta.dirname, '../dist');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');

const firstLoad = new Set();
for (const match of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) firstLoad.add(match[1]);
for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g)) firstLoad.add(match[1]);
const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);

const gz = (file) => gzipSync(fs.readFileSync(path.join(dist, file.replace(/^\//, '')))).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const initial = [...firstLoad].map((file) => ({ file, gzip: gz(file) }));
const initialTotal = initial.reduce((sum, f) => sum + f.gzip, 0);
const lazy = fs
  .readdirSync(path.join(dist, 'assets'))
  .filter((name) => name.endsWith('.js') && !firstLoad.has(`/assets/${name}`))
  .map((name) => ({ file: `/assets/${name}`, gzip: gz(`/assets/${name}`) }))
  .sort((a, b) => b.gzip - a.gzip);
const cssTotal = css.reduce((sum, f) => sum + gz(f), 0);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ firstLoadJsGzipBytes: initialTotal, budgetBytes: BUDGET_BYTES, cssGzipBytes: cssTotal, initial, lazy }));
} else {
  console.log('First load (what index.html loads):');
  for (const f of initial) console.log(`  ${f.file.padEnd(40)} ${kb(f.gzip).padStart(10)} gzip`);
  console.log(`  ${'JavaScript total'.padEnd(40)} ${kb(initialTotal).padStart(10)} gzip (budget ${kb(BUDGET_BYTES)})`);
  console.log(`  ${'CSS'.padEnd(40)} ${kb(cssTotal).padStart(10)} gzip`);
  console.log('Loaded on demand (pages, charts):');
  for (const f of lazy) console.log(`  ${f.file.padEnd(40)} ${kb(f.gzip).padStart(10)} gzip`);
}
if (initialTotal > BUDGET_BYTES) {
  console.error(`first-load JavaScript is ${kb(initialTotal)} gzipped, over the ${kb(BUDGET_BYTES)} budget`);
  process.exit(1);
}
