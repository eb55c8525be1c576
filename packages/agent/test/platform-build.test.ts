import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUILT_FOR, collect, wrongBuildFor } from '../src/collectors/index.js';

describe('single files per platform', () => {
  test('from the sources every platform collects', () => {
    assert.equal(BUILT_FOR, undefined);
    for (const platform of ['linux', 'win32', 'darwin', 'freebsd'] as const) assert.equal(wrongBuildFor(platform), undefined);
  });

  test('a bundle built for one platform refuses another that has collectors, naming the file to use', () => {
    assert.equal(wrongBuildFor('linux', 'linux'), undefined);
    assert.equal(wrongBuildFor('freebsd', 'linux'), undefined, 'no platform has its collectors: nothing is collected either way');
    assert.match(wrongBuildFor('win32', 'linux')!, /muster-agent-linux\.js, the agent built for linux; on win32 run muster-agent-windows\.js/);
    assert.match(wrongBuildFor('darwin', 'win32')!, /muster-agent-windows\.js.*run muster-agent-macos\.js/);
    assert.match(wrongBuildFor('linux', 'darwin')!, /muster-agent-macos\.js.*run muster-agent-linux\.js/);
  });

  test('an unsupported platform gets "unsupported" sections', async () => {
    const result = await collect({ sections: ['os'], ctx: { platform: 'aix' } as never });
    assert.ok(result.os && 'error' in result.os && result.os.error.code === 'unsupported');
  });
});
