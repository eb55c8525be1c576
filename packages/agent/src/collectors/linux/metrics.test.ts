import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeContext } from './fake-context.js';
import { collectMetrics, pageSizeFromAuxv, parsePidStat, parseProcStatCpu, processCpu } from './metrics.js';
import { assertValidSection, fixture } from './test-support.js';

test('/proc/stat and /proc/<pid>/stat', () => {
  const cpu = parseProcStatCpu(fixture('proc-stat'));
  assert.equal(cpu?.cpus, 2);
  assert.ok((cpu?.total ?? 0) > (cpu?.idle ?? 0));
  const stat = parsePidStat('2934 (beam.smp) S 2889 2888 2888 0 -1 4194624 80000 0 12 0 1500 320 0 0 20 0 31 0 1540 1912549376 31124 18446744073709551615 1 1 0 0 0 0 0 4224 17991 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n');
  assert.deepEqual(stat, { pid: 2934, name: 'beam.smp', ticks: 1820, start: 1540, rssPages: 31124 });
  // Command names may hold spaces and parentheses.
  assert.equal(parsePidStat('77 (tmux: server (1)) S 1 77 77 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 900 0 100 0\n')?.name, 'tmux: server (1)');
});

test('per-process CPU over the window, reused pids not mixed up', () => {
  const before = new Map([
    [10, { pid: 10, name: 'busy', ticks: 1000, start: 5, rssPages: 1 }],
    [11, { pid: 11, name: 'idle', ticks: 50, start: 5, rssPages: 1 }],
    [12, { pid: 12, name: 'old', ticks: 900, start: 5, rssPages: 1 }],
  ]);
  const after = new Map([
    [10, { pid: 10, name: 'busy', ticks: 1025, start: 5, rssPages: 1 }],
    [11, { pid: 11, name: 'idle', ticks: 50, start: 5, rssPages: 1 }],
    [12, { pid: 12, name: 'new', ticks: 2, start: 90, rssPages: 1 }],
  ]);
  // 2 CPUs, 50 jiffies in all: 25 ticks of one CPU elapsed.
  const cpu = processCpu(before, after, { total: 1000, idle: 800, cpus: 2 }, { total: 1050, idle: 820, cpus: 2 });
  assert.equal(cpu.get(10), 100);
  assert.equal(cpu.get(11), 0);
  assert.equal(cpu.get(12), 8);
});

test('page size from the auxiliary vector', () => {
  const auxv = Buffer.alloc(64);
  auxv.writeBigUInt64LE(33n, 0);
  auxv.writeBigUInt64LE(0x7fffn, 8);
  auxv.writeBigUInt64LE(6n, 16);
  auxv.writeBigUInt64LE(65536n, 24);
  assert.equal(pageSizeFromAuxv(auxv, 8), 65536);
  assert.equal(pageSizeFromAuxv(Buffer.alloc(32), 8), null);
});

test('collector: two samples, top processes, memory, swap, disks, network', async () => {
  let sample = 0;
  const procStat = () => (sample++ === 0 ? 'cpu  1000 0 200 8000 100 0 0 0 0 0\ncpu0 500 0 100 4000 50 0 0 0 0 0\ncpu1 500 0 100 4000 50 0 0 0 0 0\n' : 'cpu  1030 0 210 8050 110 0 0 0 0 0\ncpu0 520 0 105 4020 55 0 0 0 0 0\ncpu1 510 0 105 4030 55 0 0 0 0 0\n');
  let beamSample = 0;
  const auxv = Buffer.alloc(32);
  auxv.writeBigUInt64LE(6n, 0);
  auxv.writeBigUInt64LE(4096n, 8);
  const ctx = fakeContext({
    files: {
      '/proc/stat': procStat,
      '/proc/2934/stat': () => `2934 (beam.smp) S 2889 2888 2888 0 -1 4194624 80000 0 12 0 ${1500 + 20 * beamSample++} 320 0 0 20 0 31 0 1540 1912549376 31124 0\n`,
      '/proc/2934/status': 'Name:\tbeam.smp\nUid:\t105\t105\t105\t105\n',
      '/proc/1/stat': '1 (init) S 0 1 1 0 -1 4194560 100 0 0 0 10 10 0 0 20 0 1 0 2 1000000 2000 0\n',
      '/proc/1/status': 'Name:\tinit\nUid:\t0\t0\t0\t0\n',
      '/proc/meminfo': 'MemTotal:       16000000 kB\nMemFree:         2000000 kB\nMemAvailable:    8000000 kB\nSwapTotal:       2000000 kB\nSwapFree:        1500000 kB\n',
      '/proc/loadavg': '0.54 0.43 0.27 2/180 14000\n',
      '/proc/uptime': '1555.20 3000.10\n',
      '/proc/net/dev': fixture('proc-net-dev'),
      '/proc/self/mounts': fixture('proc-mounts'),
      '/proc/self/auxv': auxv,
      '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nrabbitmq:x:105:110::/var/lib/rabbitmq:/usr/sbin/nologin\n',
    },
    statfs: { '/': { totalBytes: 100e9, freeBytes: 30e9, availableBytes: 25e9 } },
  });
  const metrics = await collectMetrics(ctx, 0);
  assertValidSection('metrics', metrics);
  // 60 busy jiffies out of 100 (idle + iowait grew by 60 of 100... 50 idle + 10 iowait): 40 % busy.
  assert.equal(metrics.cpuPercent, 40);
  assert.deepEqual(metrics.load, [0.54, 0.43, 0.27]);
  assert.deepEqual(metrics.memory, { totalBytes: 16384000000, usedBytes: 8192000000, percent: 50 });
  assert.deepEqual(metrics.swap, { totalBytes: 2048000000, usedBytes: 512000000 });
  assert.deepEqual(metrics.disks, [{ mountPoint: '/', sizeBytes: 100e9, usedBytes: 70e9, percent: 73.7 }]);
  assert.equal(metrics.processes.count, 2);
  // beam.smp used 20 ticks while one CPU saw 50.
  assert.deepEqual(metrics.processes.topCpu, [{ pid: 2934, name: 'beam.smp', cpuPercent: 40, rssBytes: 31124 * 4096, user: 'rabbitmq' }]);
  assert.deepEqual(metrics.processes.topMemory.map((p) => p.pid), [2934, 1]);
  assert.ok((metrics.network.rxBytes ?? 0) > 0);
  assert.equal(metrics.uptimeSeconds, 1555);
});
