import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import {
  AgentError,
  acquireLock,
  agentPaths,
  defaultStateDir,
  normalizePin,
  normalizeServerUrl,
  readAgentFile,
  readCredential,
  readServerConfig,
  withFloors,
  writeAgentFile,
  writeCredential,
  writeServerConfig,
} from '../src/config.js';
import { tempDir } from './helpers/machine.js';

describe('agent configuration', () => {
  test('default state directories per platform', () => {
    assert.equal(defaultStateDir('linux', {}, true, '/root'), '/var/lib/muster-agent');
    assert.equal(defaultStateDir('linux', {}, false, '/home/ann'), '/home/ann/.muster-agent');
    assert.equal(defaultStateDir('darwin', {}, true, '/var/root'), '/Library/Application Support/Muster');
    assert.equal(defaultStateDir('darwin', {}, false, '/Users/ann'), '/Users/ann/.muster-agent');
    assert.equal(defaultStateDir('win32', { ProgramData: 'D:\\ProgramData' }, false, 'C:\\Users\\ann'), 'D:\\ProgramData\\Muster');
  });

  test('the credential file is written 0600 and refused when others can read it', { skip: process.platform === 'win32' }, () => {
    const paths = agentPaths(tempDir());
    writeCredential(paths, 'secret-credential');
    assert.equal(fs.statSync(paths.credentialFile).mode & 0o777, 0o600);
    assert.equal(readCredential(paths), 'secret-credential');
    fs.chmodSync(paths.credentialFile, 0o644);
    assert.throws(
      () => readCredential(paths),
      (error: unknown) => error instanceof AgentError && /readable by other users \(mode 644\).*chmod 600/.test(error.message) && !error.message.includes('secret-credential'),
    );
    fs.chmodSync(paths.credentialFile, 0o640);
    assert.throws(() => readCredential(paths), AgentError);
    // Rewriting fixes the mode even over a loose file.
    writeCredential(paths, 'rotated');
    assert.equal(fs.statSync(paths.credentialFile).mode & 0o777, 0o600);
    assert.equal(readCredential(paths), 'rotated');
  });

  test('a missing credential says to enroll', () => {
    assert.throws(() => readCredential(agentPaths(tempDir())), /enroll first/);
  });

  test('agent.json round-trips; a broken one says to re-enroll', () => {
    const paths = agentPaths(tempDir());
    assert.equal(readAgentFile(paths), undefined);
    const file = { server: 'https://m.example', deviceId: '7d8f0c4e-3c1f-4d55-9a51-2b8f3f1f6a10', enrolledAt: '2024-01-01T00:00:00.000Z', pin: 'ab'.repeat(32), status: 'active' as const };
    writeAgentFile(paths, file);
    assert.deepEqual(readAgentFile(paths), file);
    fs.writeFileSync(paths.agentFile, '[]');
    assert.throws(() => readAgentFile(paths), /re-enroll/);
  });

  test('server URL and pin are normalised or refused', () => {
    assert.equal(normalizeServerUrl('https://muster.example.com/'), 'https://muster.example.com');
    assert.equal(normalizeServerUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.throws(() => normalizeServerUrl('ftp://x'), /scheme/);
    assert.throws(() => normalizeServerUrl('not a url'), /not a URL/);
    assert.throws(() => normalizeServerUrl('https://user:pw@x'), /credentials/);
    const colons = Array.from({ length: 32 }, () => 'AB').join(':');
    assert.equal(normalizePin(colons), 'ab'.repeat(32));
    assert.throws(() => normalizePin('abc'), /64 hex/);
  });

  test('server config: floors hold, a malformed file falls back to the defaults', () => {
    const paths = agentPaths(tempDir());
    assert.deepEqual(readServerConfig(paths).config, { checkinIntervalSec: 60, inventoryIntervalSec: 900, metricsIntervalSec: 60 });
    writeServerConfig(paths, { checkinIntervalSec: 30, inventoryIntervalSec: 3600, metricsIntervalSec: 120, maxSpoolBytes: 8 * 1024 * 1024 });
    assert.deepEqual(readServerConfig(paths).config, { checkinIntervalSec: 30, inventoryIntervalSec: 3600, metricsIntervalSec: 120, maxSpoolBytes: 8 * 1024 * 1024 });
    fs.writeFileSync(paths.configFile, JSON.stringify({ checkinIntervalSec: 1, inventoryIntervalSec: 5, metricsIntervalSec: 1 }));
    const bad = readServerConfig(paths);
    assert.deepEqual(bad.config, { checkinIntervalSec: 60, inventoryIntervalSec: 900, metricsIntervalSec: 60 });
    assert.ok(bad.problem);
    assert.deepEqual(withFloors({ checkinIntervalSec: 1, inventoryIntervalSec: 1, metricsIntervalSec: 1, maxSpoolBytes: 5 }), {
      checkinIntervalSec: 10,
      inventoryIntervalSec: 60,
      metricsIntervalSec: 10,
      maxSpoolBytes: 1_048_576,
    });
  });

  test('one agent per state directory; a stale lock is taken over', async () => {
    const paths = agentPaths(tempDir());
    const release = acquireLock(paths);
    release();
    assert.equal(fs.existsSync(paths.lockFile), false);

    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(paths.lockFile, `${sleeper.pid}\n`);
      assert.throws(() => acquireLock(paths), new RegExp(`another muster-agent \\(pid ${sleeper.pid}\\)`));
    } finally {
      sleeper.kill('SIGKILL');
      await new Promise((resolve) => sleeper.once('exit', resolve));
    }
    const again = acquireLock(paths);
    assert.equal(fs.readFileSync(paths.lockFile, 'utf8').trim(), String(process.pid));
    again();
  });
});
