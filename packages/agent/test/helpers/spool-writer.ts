/**
 * Child process for the spool's crash test: appends records in a tight loop and prints each rid
 * once append() has returned. The parent kills it with SIGKILL mid-loop and checks that every
 * printed rid survived.
 */
import fs from 'node:fs';
import { Spool } from '../../src/spool.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: spool-writer DIR');
const spool = Spool.open(dir, { segmentBytes: 16 * 1024 });
const pad = 'x'.repeat(300);
for (let i = 0; ; i++) {
  const { rid } = spool.append(i % 10 === 0 ? 'delta' : 'metrics', { i, pad });
  // Synchronous write: the parent must never see a rid before its append has returned.
  fs.writeSync(1, `${rid} ${i}\n`);
}
