import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SECTION_NAMES, SectionSchemas } from '@muster/protocol';
import { CommandTimeoutError } from '../context.js';
import { collect } from '../index.js';
import { assertSchema, fixtureContext, MACHINES } from './fixture-context.js';
import { macosCollectors } from './index.js';

process.env.TZ = 'UTC';

const SHARED_PROFILER = /^\/usr\/sbin\/system_profiler -json -detailLevel mini SPHardwareDataType /;

test('every section has a macOS collector', () => {
  assert.deepEqual(Object.keys(macosCollectors).sort(), [...SECTION_NAMES].sort());
});

for (const machine of MACHINES) {
  test(`${machine}: a full collection gives schema-valid sections from recorded commands only`, async () => {
    const ctx = fixtureContext(machine);
    const result = await collect({ ctx, collectors: macosCollectors });
    for (const name of SECTION_NAMES) {
      const outcome = result[name];
      assert.ok(outcome, `${name} is reported`);
      assert.ok('data' in outcome, `${name}: ${'error' in outcome ? outcome.error.message : ''}`);
      assertSchema(SectionSchemas[name], outcome.data);
    }
    assert.deepEqual(ctx.unexpected, [], 'every command the collectors ran has a recording');
    // The slow system_profiler report is asked for once and shared by the sections that need it.
    assert.equal(ctx.calls.filter((c) => SHARED_PROFILER.test(c)).length, 1);
    assert.equal(ctx.calls.filter((c) => c.endsWith('SPApplicationsDataType')).length, 1);
    // Never a shell, never a PATH lookup, never the network-touching `softwareupdate -l`.
    assert.ok(ctx.calls.every((c) => c.startsWith('/')));
    assert.ok(!ctx.calls.some((c) => /^\/usr\/sbin\/softwareupdate\b|^\/bin\/(ba|z)?sh\b/.test(c)));
  });
}

test('the shared report is refreshed on the next collection, not reused forever', async () => {
  const ctx = fixtureContext('sonoma-mbp');
  let now = new Date('2024-06-05T14:30:00Z');
  const later = { ...ctx, now: () => now };
  await collect({ ctx: later, collectors: macosCollectors, sections: ['system', 'hardware'] });
  await collect({ ctx: later, collectors: macosCollectors, sections: ['hardware'] });
  assert.equal(ctx.calls.filter((c) => SHARED_PROFILER.test(c)).length, 1, 'within a minute: shared');
  now = new Date('2024-06-05T14:45:00Z');
  await collect({ ctx: later, collectors: macosCollectors, sections: ['hardware'] });
  assert.equal(ctx.calls.filter((c) => SHARED_PROFILER.test(c)).length, 2, 'a quarter of an hour later: asked again');
});

test('a hung system_profiler costs one timeout per collection: hardware fails, the others carry on', async () => {
  const ctx = fixtureContext('sonoma-mbp');
  const hung = {
    ...ctx,
    exec: async (file: string, args: string[], options?: { timeoutMs?: number }) => {
      if (SHARED_PROFILER.test([file, ...args].join(' '))) {
        ctx.calls.push([file, ...args].join(' '));
        throw new CommandTimeoutError(file, options?.timeoutMs ?? 0);
      }
      return ctx.exec(file, args, options);
    },
  };
  const result = await collect({ ctx: hung, collectors: macosCollectors, sections: ['system', 'hardware', 'network'] });
  assert.equal(result.hardware && 'error' in result.hardware ? result.hardware.error.code : undefined, 'timeout');
  assert.ok(result.system && 'data' in result.system && result.system.data.serialNumber === 'K7PXL3KM9J');
  assert.ok(result.network && 'data' in result.network && result.network.data.interfaces.length === 18);
  assert.equal(ctx.calls.filter((c) => SHARED_PROFILER.test(c)).length, 1);
});

test('Intel-only sysctl names are asked for on the Intel Mac only', async () => {
  const intel = fixtureContext('ventura-imac');
  const arm = fixtureContext('sonoma-mbp');
  await collect({ ctx: intel, collectors: macosCollectors, sections: ['hardware'] });
  await collect({ ctx: arm, collectors: macosCollectors, sections: ['hardware'] });
  assert.ok(intel.calls.some((c) => c.includes('machdep.cpu.features')));
  assert.ok(!arm.calls.some((c) => c.includes('machdep.cpu.features')));
});
