import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INVENTORY_SECTIONS, SectionSchemas, type SectionName } from '@muster/protocol';
import type { CollectContext, ExecResult } from '../context.js';
import { windowsCollectors } from './index.js';
import { encodeCommand, parseScriptOutput, powershellInvocation, sectionRaw } from './powershell.js';
import { INVENTORY_SCRIPT, METRICS_SCRIPT } from './scripts.js';
import { assertValid, fixtureText, inventory } from './testFixtures.js';

interface Call {
  file: string;
  args: string[];
  script: string;
  env: NodeJS.ProcessEnv;
}

/** The script a call carried, put back together from its environment variables. */
function scriptOf(env: NodeJS.ProcessEnv): string {
  const parts: string[] = [];
  for (let i = 0; env[`MUSTER_PS_SCRIPT_${i}`] !== undefined; i++) parts.push(env[`MUSTER_PS_SCRIPT_${i}`] ?? '');
  return parts.join('');
}

/** A Windows machine that answers the inventory and metrics scripts with recorded output. */
function fakeWindows(answer: { inventory?: () => ExecResult; metrics?: () => ExecResult; fail?: Error }, clock = { now: new Date('2023-11-20T08:30:00Z') }) {
  const calls: Call[] = [];
  const listed: string[] = [];
  const ctx: CollectContext = {
    platform: 'win32',
    async exec(file, args, options) {
      const env = options?.env ?? {};
      const script = scriptOf(env);
      calls.push({ file, args, script, env });
      if (answer.fail) throw answer.fail;
      const reply = script.includes("script = 'muster-metrics'") ? answer.metrics : answer.inventory;
      if (!reply) throw new Error('unexpected script');
      return reply();
    },
    readText: async () => undefined,
    listDir: async (dir) => {
      listed.push(dir);
      return [];
    },
    exists: async () => false,
    now: () => clock.now,
  };
  return { ctx, calls, clock, listed };
}

const ok = (stdout: string): (() => ExecResult) => () => ({ stdout, stderr: '', code: 0 });
const laptopInventory = ok(fixtureText('inventory-win11-laptop.json'));

async function collectSection(ctx: CollectContext, name: SectionName): Promise<unknown> {
  const collector = windowsCollectors[name] as ((c: CollectContext) => Promise<unknown>) | undefined;
  assert.ok(collector, `no Windows collector for ${name}`);
  return collector(ctx);
}

describe('windows powershell runner', () => {
  it('has a collector for every section', () => {
    assert.deepEqual(Object.keys(windowsCollectors).sort(), [...INVENTORY_SECTIONS, 'metrics'].sort());
  });

  it('starts one Windows PowerShell for all inventory sections of a run', async () => {
    const { ctx, calls } = fakeWindows({ inventory: laptopInventory });
    for (const name of INVENTORY_SECTIONS) assertValid(SectionSchemas[name], await collectSection(ctx, name));
    assert.equal(calls.length, 1);
    const [call] = calls;
    assert.equal(call?.file, 'powershell.exe');
    assert.deepEqual(call?.args.slice(0, 6), ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    const bootstrap = Buffer.from(call?.args[6] ?? '', 'base64').toString('utf16le');
    assert.match(bootstrap, /GetEnvironmentVariable\('MUSTER_PS_SCRIPT_'/);
    assert.equal(call?.script, INVENTORY_SCRIPT);
    // The rest of the environment (PATH, SystemRoot, ...) goes along.
    assert.equal(call?.env.PATH, process.env.PATH);
  });

  it('reads browser extensions in the profile folders of real users only', async () => {
    const { ctx, listed } = fakeWindows({ inventory: laptopInventory });
    assertValid(SectionSchemas.browser, await collectSection(ctx, 'browser'));
    const homes = new Set(listed.map((dir) => dir.split('\\').slice(0, 3).join('\\')));
    assert.deepEqual([...homes].sort(), ['C:\\Users\\AnnaMueller', 'C:\\Users\\anna', 'C:\\Users\\itadmin']);
    assert.ok(listed.includes('C:\\Users\\AnnaMueller\\AppData\\Local\\Microsoft\\Edge\\User Data'));
  });

  it('starts again for a new run, and for the same context once the result is old', async () => {
    const { ctx, calls, clock } = fakeWindows({ inventory: laptopInventory });
    await collectSection(ctx, 'system');
    await collectSection(ctx, 'os');
    assert.equal(calls.length, 1);
    clock.now = new Date('2023-11-20T08:33:00Z');
    await collectSection(ctx, 'system');
    assert.equal(calls.length, 2);
    const other = fakeWindows({ inventory: laptopInventory });
    await collectSection(other.ctx, 'system');
    assert.equal(other.calls.length, 1);
  });

  it("fails a section the script could not read, and that section only", async () => {
    const output = inventory('win11-laptop');
    output.security = { error: 'Access denied ' };
    const { ctx, calls } = fakeWindows({ inventory: ok(JSON.stringify(output)) });
    await assert.rejects(collectSection(ctx, 'security'), (error: NodeJS.ErrnoException) => {
      assert.equal(error.message, 'security: Access denied');
      // collect() reports it as a permission error.
      assert.equal(error.code, 'EACCES');
      return true;
    });
    for (const name of INVENTORY_SECTIONS.filter((s) => s !== 'security')) assertValid(SectionSchemas[name], await collectSection(ctx, name));
    assert.equal(calls.length, 1);

    assert.throws(() => sectionRaw(output, 'security'), /^Error: security: Access denied$/);
    assert.throws(() => sectionRaw({ ...output, hardware: { error: 'Invalid class ' } }, 'hardware'), (error: NodeJS.ErrnoException) => error.message === 'hardware: Invalid class' && error.code === undefined);
    assert.throws(() => sectionRaw({ script: 'muster-inventory' }, 'network'), /printed no network section/);
    assert.equal(sectionRaw(output, 'system'), output.system);
  });

  it('tries PowerShell once per run when it cannot start', async () => {
    const missing = Object.assign(new Error('spawn powershell.exe ENOENT'), { code: 'ENOENT' });
    const { ctx, calls } = fakeWindows({ fail: missing });
    for (const name of INVENTORY_SECTIONS) await assert.rejects(collectSection(ctx, name), /ENOENT/);
    assert.equal(calls.length, 1);
  });

  it('says what PowerShell printed when there is no JSON', async () => {
    const { ctx } = fakeWindows({
      inventory: () => ({ stdout: '', stderr: '#< CLIXML\r\nProgram "powershell.exe" failed to run: This program is blocked by group policy.', code: 1 }),
    });
    await assert.rejects(collectSection(ctx, 'os'), /PowerShell printed no JSON \(exit code 1; stderr: #< CLIXML.*blocked by group policy/s);
  });

  it('runs the metrics script on every sample', async () => {
    const { ctx, calls } = fakeWindows({ metrics: ok(fixtureText('metrics-win11-laptop.json')) });
    assertValid(SectionSchemas.metrics, await collectSection(ctx, 'metrics'));
    await collectSection(ctx, 'metrics');
    assert.equal(calls.length, 2);
    assert.equal(calls[0]?.script, METRICS_SCRIPT);
  });

  it('finds the JSON among other output and checks whose it is', () => {
    const output = parseScriptOutput('Preparing modules for first use.\r\n{"script":"muster-metrics","version":1,"os":{"Caption":"Caf\\u00e9 \\u0026 Co"}}\r\n', 'muster-metrics');
    assert.deepEqual(output.os, { Caption: 'Caf\u00e9 & Co' });
    assert.throws(() => parseScriptOutput('{"script":"muster-metrics"}', 'muster-inventory'), /expected output of the muster-inventory script/);
    assert.throws(() => parseScriptOutput('{"error":"The term Get-CimInstance is not recognized"}', 'muster-inventory'), /script failed: The term Get-CimInstance/);
    assert.throws(() => parseScriptOutput('{"script": "muster-inventory", ', 'muster-inventory'), /no JSON|malformed/);
  });

  it('encodes commands as PowerShell expects and splits long scripts', () => {
    // powershell.exe -EncodedCommand ZABpAHIA runs "dir".
    assert.equal(encodeCommand('dir'), 'ZABpAHIA');
    const long = `${'# padding\n'.repeat(7_000)}Write-Output 1`;
    const invocation = powershellInvocation(long);
    const chunks = Object.values(invocation.scriptEnv);
    assert.equal(chunks.length, 3);
    for (const chunk of chunks) assert.ok(chunk.length <= 32_767, 'an environment variable holds at most 32,767 characters');
    assert.equal(scriptOf(invocation.scriptEnv), long);
    const bootstrap = Buffer.from(invocation.args.at(-1) ?? '', 'base64').toString('utf16le');
    assert.match(bootstrap, /0\.\.2/);
    // Far below the 32,767-character command line.
    assert.ok(invocation.args.join(' ').length < 2_000);
    for (const script of [INVENTORY_SCRIPT, METRICS_SCRIPT]) {
      for (const chunk of Object.values(powershellInvocation(script).scriptEnv)) assert.ok(chunk.length <= 32_767);
    }
  });
});
