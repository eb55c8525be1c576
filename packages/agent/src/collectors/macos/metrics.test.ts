import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetricsSection } from '@muster/protocol';
import { assertSchema, fixture, type MachineName } from './fixture-context.js';
import { cpuFromIostat, parseDf, parseMetrics, parsePs, parseSwap, parseVmStat, usedMemoryBytes } from './metrics.js';

const NOW = new Date('2024-06-05T14:30:00Z');
const MiB = 1024 ** 2;

function metricsOf(machine: MachineName, withIostat = true) {
  return parseMetrics({
    now: NOW,
    sysctl: fixture(machine, 'sysctl-metrics.txt'),
    vmStat: fixture(machine, 'vm_stat.txt'),
    ps: fixture(machine, 'ps.txt'),
    df: fixture(machine, 'df.txt'),
    netstat: fixture(machine, 'netstat-ib.txt'),
    iostat: withIostat ? fixture(machine, 'iostat.txt') : undefined,
  });
}

test('vm_stat: the page size comes from the header (16 KiB on Apple silicon, 4 KiB on Intel)', () => {
  assert.equal(parseVmStat(fixture('sonoma-mbp', 'vm_stat.txt')).pageSize, 16384);
  assert.equal(parseVmStat(fixture('ventura-imac', 'vm_stat.txt')).pageSize, 4096);
  assert.equal(parseVmStat(fixture('sonoma-mbp', 'vm_stat.txt')).pages.get('Translation faults'), 612793034);
  // (anonymous − purgeable + wired + compressor) pages
  assert.equal(usedMemoryBytes(fixture('sonoma-mbp', 'vm_stat.txt')), (354497 - 14275 + 144912 + 187233) * 16384);
  assert.equal(usedMemoryBytes(fixture('ventura-imac', 'vm_stat.txt')), (3167330 - 88341 + 1045712 + 251861) * 4096);
  assert.equal(usedMemoryBytes('Pages free: 1.\n'), null, 'no page size, no answer');
});

test('Sonoma MacBook Pro sample', () => {
  const metrics = metricsOf('sonoma-mbp');
  assertSchema(MetricsSection, metrics);
  assert.equal(metrics.at, '2024-06-05T14:30:00.000Z');
  assert.equal(metrics.cpuPercent, 25);
  assert.deepEqual(metrics.load, [3.41, 2.87, 2.52]);
  assert.equal(metrics.memory.totalBytes, 17179869184);
  assert.equal(metrics.memory.percent, 64.1);
  assert.deepEqual(metrics.swap, { totalBytes: 3072 * MiB, usedBytes: Math.round(1858.25 * MiB) });
  assert.deepEqual(
    metrics.disks.map((d) => [d.mountPoint, d.percent]),
    [
      ['/', 3.5],
      ['/System/Volumes/Data', 39.3],
      ['/Volumes/Docker Desktop', 87.1],
    ],
  );
  assert.equal(metrics.disks[1]?.usedBytes, 181722868 * 1024);
  // Only the physical en* ports: the Tailscale tunnel's bytes also crossed en0.
  assert.deepEqual(metrics.network, { rxBytes: 21734981220, txBytes: 1843291577 });
  assert.equal(metrics.processes.count, 31);
  assert.equal(metrics.processes.topCpu.length, 10);
  assert.deepEqual(metrics.processes.topCpu[0], { pid: 4520, name: 'com.apple.Virtualization.VirtualMachine', cpuPercent: 38.2, rssBytes: 1953216 * 1024, user: 'anna' });
  assert.deepEqual(
    metrics.processes.topMemory.slice(0, 3).map((p) => p.name),
    ['com.apple.Virtualization.VirtualMachine', 'Google Chrome Helper (Renderer)', 'Slack Helper (Renderer)'],
  );
  assert.equal(metrics.uptimeSeconds, 197801);
});

test('Ventura iMac sample: no swap in use, Time Machine snapshots and helper volumes left out', () => {
  const metrics = metricsOf('ventura-imac');
  assertSchema(MetricsSection, metrics);
  assert.equal(metrics.cpuPercent, 6);
  assert.deepEqual(metrics.swap, { totalBytes: 0, usedBytes: 0 });
  assert.deepEqual(
    metrics.disks.map((d) => d.mountPoint),
    ['/', '/System/Volumes/Data', '/Volumes/Backup'],
  );
  assert.equal(metrics.memory.percent, 52.2);
  assert.deepEqual(metrics.network, { rxBytes: 118203477102, txBytes: 9127340055 });
  assert.equal(metrics.processes.count, 19);
});

test('without iostat, CPU comes from the processes over the logical CPUs', () => {
  const metrics = metricsOf('sonoma-mbp', false);
  const sum = parsePs(fixture('sonoma-mbp', 'ps.txt')).reduce((s, p) => s + (p.cpuPercent ?? 0), 0);
  assert.equal(metrics.cpuPercent, Math.round((sum / 10) * 10) / 10);
});

test('small parsers', () => {
  assert.equal(cpuFromIostat(undefined), null);
  assert.equal(parseSwap('total = 2.00G  used = 512.00M  free = 1.50G')?.totalBytes, 2 * 1024 ** 3);
  assert.equal(parseSwap(undefined), null);
  // POSIX df output (no inode columns) and a mount point with spaces.
  assert.deepEqual(parseDf('Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/disk9s1 1000 250 750 25% /Volumes/My Passport\n'), [
    { mountPoint: '/Volumes/My Passport', sizeBytes: 1024000, usedBytes: 256000, percent: 25 },
  ]);
  const empty = parseMetrics({ now: NOW });
  assertSchema(MetricsSection, empty);
  assert.equal(empty.load, null);
  assert.equal(empty.processes.count, null);
});
