import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { agentPaths } from '../src/config.js';
import { startFakeApi, type FakeApi } from './helpers/fake-api.js';
import { tempDir } from './helpers/machine.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const bin = path.join(root, 'packages', 'agent', 'bin', 'muster-agent.js');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function agent(args: string[], options: { env?: Record<string, string>; onStderr?: (text: string, kill: (signal: NodeJS.Signals) => void) => void } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, MUSTER_LOG_LEVEL: 'info', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      options.onStderr?.(stderr, (signal) => child.kill(signal));
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('muster-agent command line', () => {
  let api: FakeApi;
  before(async () => {
    api = await startFakeApi();
  });
  after(() => api.close());

  test('bad arguments print the command usage and exit 2', async () => {
    const missing = await agent(['enroll', '--server', api.url]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--token is required/);
    assert.match(missing.stderr, /Usage: muster-agent enroll --server URL --token TOKEN/);
    const unknown = await agent(['run', '--bogus']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Usage: muster-agent run/);
    const help = await agent(['enroll', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--ca-file FILE/);
  });

  test('run --once without enrollment says so clearly and exits non-zero', async () => {
    const dir = path.join(tempDir(), 'never-enrolled');
    const ran = await agent(['run', '--once', '--state-dir', dir]);
    assert.equal(ran.code, 1);
    assert.match(ran.stderr, /^muster-agent: not enrolled: .*agent\.json does not exist\. Enroll first: muster-agent enroll --server URL --token TOKEN/);
    assert.doesNotMatch(ran.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(fs.existsSync(dir), false, 'nothing was created');
  });

  test('enroll, run --once, status; a world-readable credential is refused', async () => {
    const dir = tempDir();
    const enrolled = await agent(['enroll', '--server', api.url, '--token', 'enroll-token-1234', '--state-dir', dir]);
    assert.equal(enrolled.code, 0, enrolled.stderr);
    assert.equal(enrolled.stdout.trim(), api.deviceId);
    assert.ok(!enrolled.stderr.includes('enroll-token-1234'));

    const once = await agent(['run', '--once', '--state-dir', dir]);
    assert.equal(once.code, 0, once.stderr);
    assert.ok(api.reports.some((r) => r.kind === 'full'));
    for (const line of once.stderr.trim().split('\n')) {
      const parsed = JSON.parse(line) as { level: string; msg: string };
      assert.ok(parsed.level && parsed.msg, `one JSON object per log line: ${line}`);
    }
    assert.ok(!once.stderr.includes(api.credential));

    const status = await agent(['status', '--state-dir', dir]);
    assert.equal(status.code, 0);
    assert.match(status.stdout, /enrolled:\s+yes/);
    assert.match(status.stdout, new RegExp(`device id:\\s+${api.deviceId}`));
    assert.match(status.stdout, /spool:\s+0 reports/);
    assert.match(status.stdout, /last contact:\s+\d{4}-/);

    fs.chmodSync(agentPaths(dir).credentialFile, 0o644);
    const refused = await agent(['run', '--once', '--state-dir', dir]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /readable by other users.*chmod 600/);
  });

  test('the daemon stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    assert.equal((await agent(['enroll', '--server', api.url, '--token', 'enroll-token-1234', '--state-dir', dir])).code, 0);
    let signalled = false;
    const ran = await agent(['run', '--state-dir', dir, '--no-push'], {
      onStderr: (text, kill) => {
        if (!signalled && text.includes('"agent started"')) {
          signalled = true;
          setTimeout(() => kill('SIGTERM'), 300);
        }
      },
    });
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(ran.stderr, /"msg":"stopping","signal":"SIGTERM"/);
    assert.match(ran.stderr, /"msg":"agent stopped"/);
    assert.equal(fs.existsSync(agentPaths(dir).lockFile), false, 'the lock is released');
    assert.ok(fs.existsSync(agentPaths(dir).statusFile));
  });

  test('service install --dry-run prints the unit and changes nothing', async () => {
    const ran = await agent(['service', 'install', '--dry-run', '--state-dir', '/var/lib/muster-agent']);
    assert.equal(ran.code, 0);
    if (process.platform === 'linux') {
      assert.match(ran.stdout, new RegExp(`^ExecStart=${process.execPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --lite-mode --no-expose-wasm \\S+muster-agent\\.js run --state-dir /var/lib/muster-agent$`, 'm'));
    }
    const bad = await agent(['service', 'reinstall']);
    assert.equal(bad.code, 2);
  });
});
