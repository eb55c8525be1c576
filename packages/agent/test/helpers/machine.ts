import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MetricsSection, SoftwareItem } from '@muster/protocol';
import type { CollectedSections } from '../../src/collectors/index.js';
import type { AgentIdentity } from '../../src/state.js';

/** A small, schema-valid machine to build reports from; change a field to simulate a change on the device. */
export const identity: AgentIdentity = { version: '0.1.0-test', platform: 'linux', arch: 'x64' };

export function software(): SoftwareItem[] {
  return [
    { name: 'openssl', version: '3.0.11-1', source: 'deb', arch: 'amd64', publisher: 'Debian' },
    { name: 'bash', version: '5.2.15-2', source: 'deb', arch: 'amd64' },
    { name: 'curl', version: '7.88.1-10', source: 'deb', arch: 'amd64' },
  ];
}

export function machine(items: SoftwareItem[] = software()): CollectedSections {
  return {
    system: { data: { hostname: 'web-1', hardwareUuid: '4c4c4544-0042-4410-8036-b4c04f4e3132', uptimeSeconds: null } },
    os: { data: { platform: 'linux', name: 'Debian GNU/Linux', version: '12', arch: 'x86_64', kernelVersion: '6.1.0-18-amd64' } },
    hardware: { error: { code: 'permission', message: 'dmidecode needs root' } },
    software: { data: { items } },
    updates: { error: { code: 'unsupported', message: 'section updates is not collected on linux' } },
    security: { error: { code: 'unsupported', message: 'section security is not collected on linux' } },
    network: { error: { code: 'unsupported', message: 'section network is not collected on linux' } },
    users: { error: { code: 'unsupported', message: 'section users is not collected on linux' } },
    services: { error: { code: 'unsupported', message: 'section services is not collected on linux' } },
    browser: { error: { code: 'unsupported', message: 'section browser is not collected on linux' } },
  };
}

export function metricsSample(at = new Date()): MetricsSection {
  return {
    at: at.toISOString(),
    cpuPercent: 12.5,
    load: [0.1, 0.2, 0.3],
    memory: { totalBytes: 8_000_000_000, usedBytes: 2_000_000_000, percent: 25 },
    disks: [{ mountPoint: '/', sizeBytes: 100, usedBytes: 50, percent: 50 }],
    network: { rxBytes: 1, txBytes: 2 },
    processes: { count: 100, topCpu: [], topMemory: [] },
  };
}

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the system temp dir, removed when the test process exits. */
export function tempDir(prefix = 'muster-agent-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
