import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INVENTORY_SECTIONS } from '@muster/protocol';
import { INVENTORY_SCRIPT, METRICS_SCRIPT } from './scripts.js';
import { inventory, metricsRaw } from './testFixtures.js';
import { isRawObject } from './values.js';

/** The code of a script without its comments and string literals, where operators live. */
function code(script: string): string {
  return script
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/"[^"\n]*"/g, '""')
    .replace(/'[^'\n]*'/g, "''");
}

const PS7_ONLY: [RegExp, string][] = [
  [/\?\?/, 'null-coalescing ?? / ??='],
  [/\?\.|\?\[/, 'null-conditional ?. / ?['],
  [/\s\?\s[^\n]*\s:\s/, 'ternary a ? b : c'],
  [/&&|\|\|/, 'pipeline chain && / ||'],
  [/-Parallel\b/i, 'ForEach-Object -Parallel'],
  [/-AsHashtable\b/i, 'ConvertFrom-Json -AsHashtable'],
  [/-EnumsAsStrings\b/i, 'ConvertTo-Json -EnumsAsStrings'],
  [/-AsArray\b/i, 'ConvertTo-Json -AsArray'],
  [/\bJoin-String\b|\bGet-Error\b|\bTest-Json\b|\$PSStyle\b/i, 'a PowerShell 7 cmdlet or variable'],
  [/\bGet-WmiObject\b|\bgwmi\b/i, 'the deprecated Get-WmiObject (CIM instead)'],
];

/** What in a script Windows PowerShell 5.1 would not run (or should not: Get-WmiObject). */
function ps7Only(script: string): string[] {
  const text = code(script);
  return PS7_ONLY.filter(([pattern]) => pattern.test(text)).map(([, what]) => what);
}

const SCRIPTS = { inventory: INVENTORY_SCRIPT, metrics: METRICS_SCRIPT };

describe('windows powershell scripts', () => {
  for (const [name, script] of Object.entries(SCRIPTS)) {
    it(`${name}: uses nothing Windows PowerShell 5.1 lacks`, () => {
      assert.deepEqual(ps7Only(script), []);
      // Nothing that would break the TypeScript template literal the script lives in.
      assert.doesNotMatch(script, /`|\$\{/);
    });

    it(`${name}: has balanced brackets`, () => {
      const stack: string[] = [];
      const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
      const lines = code(script).split('\n');
      lines.forEach((line, index) => {
        for (const ch of line) {
          if ('({['.includes(ch)) stack.push(ch);
          else if (ch in pairs) assert.equal(stack.pop(), pairs[ch], `unbalanced ${ch} on line ${index + 1}: ${line.trim()}`);
        }
      });
      assert.deepEqual(stack, []);
    });

    it(`${name}: queries CIM only with a time limit, and prints ASCII JSON once`, () => {
      const calls = script.match(/Get-CimInstance[^\n]*/g) ?? [];
      assert.ok(calls.length > 0);
      for (const call of calls) assert.match(call, /-OperationTimeoutSec \d+/);
      assert.equal((script.match(/^Write-Result /gm) ?? []).length, 1);
      assert.match(script, /ConvertTo-Json -InputObject \$Result -Depth 8 -Compress/);
    });
  }

  it('the PowerShell 7 check finds what it looks for, outside strings and comments', () => {
    assert.deepEqual(ps7Only('$a = $b ?? 1'), ['null-coalescing ?? / ??=']);
    assert.deepEqual(ps7Only('$n = $x?.Name'), ['null-conditional ?. / ?[']);
    assert.deepEqual(ps7Only('$s = $ok ? 1 : 2'), ['ternary a ? b : c']);
    assert.deepEqual(ps7Only('Get-Thing && Get-Other'), ['pipeline chain && / ||']);
    assert.deepEqual(ps7Only('1..4 | ForEach-Object -Parallel { $_ }'), ['ForEach-Object -Parallel']);
    assert.deepEqual(ps7Only('Get-WmiObject Win32_BIOS'), ['the deprecated Get-WmiObject (CIM instead)']);
    assert.deepEqual(ps7Only("# is it ?? no\n$q = 'a ?? b'"), []);
  });

  it('inventory: reads every inventory section in a try/catch of its own', () => {
    for (const name of INVENTORY_SECTIONS) assert.match(INVENTORY_SCRIPT, new RegExp(`^\\$result\\.${name} = Safe \\{`, 'm'), `section ${name}`);
  });

  it('the recorded outputs have the shape the scripts print', () => {
    // Every key of a recorded section is one the script writes ("key = ..."), and the reverse.
    for (const machine of ['win11-laptop', 'server2022-vm'] as const) {
      const output = inventory(machine);
      for (const name of INVENTORY_SECTIONS) {
        const recorded = output[name];
        assert.ok(isRawObject(recorded), `${machine} ${name}`);
        for (const key of Object.keys(recorded)) assert.match(INVENTORY_SCRIPT, new RegExp(`\\b${key} = `), `${machine} ${name}.${key} is not printed by the script`);
      }
      for (const key of Object.keys(metricsRaw(machine)).filter((k) => k !== 'script' && k !== 'version')) {
        assert.match(METRICS_SCRIPT, new RegExp(`\\$result\\.${key} = `), `${machine} metrics.${key} is not printed by the script`);
      }
    }
  });
});
