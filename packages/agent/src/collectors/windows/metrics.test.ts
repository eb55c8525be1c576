import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MetricsSection } from '@muster/protocol';
import { parseMetrics } from './metrics.js';
import { assertValid, copy, metricsRaw } from './testFixtures.js';

const NOW = new Date('2023-11-20T08:31:01.000Z');
const MiB = 1024 * 1024;

describe('windows metrics', () => {
  it('reads the laptop sample', () => {
    const m = parseMetrics(metricsRaw('win11-laptop'), NOW);
    assertValid(MetricsSection, m);
    assert.equal(m.at, '2023-11-20T08:31:00.000Z');
    assert.equal(m.cpuPercent, 23);
    assert.equal(m.load, null);
    assert.deepEqual(m.memory, { totalBytes: 33294804 * 1024, usedBytes: (33294804 - 14325760) * 1024, percent: 57 });
    assert.deepEqual(m.swap, { totalBytes: 4864 * MiB, usedBytes: 212 * MiB });
    assert.deepEqual(m.disks, [{ mountPoint: 'C:', sizeBytes: 510770802688, usedBytes: 510770802688 - 201348706304, percent: 60.6 }]);
    // The Hyper-V vEthernet's traffic is not counted twice.
    assert.deepEqual(m.network, { rxBytes: 1893456721, txBytes: 245671234 });
    assert.equal(m.processes.count, 287);
    // 96 % of one logical processor out of 12.
    assert.deepEqual(m.processes.topCpu[0], { pid: 14232, name: 'msedge', cpuPercent: 8, rssBytes: 412745728, user: 'AzureAD\\AnnaMueller' });
    // A process gone between the two queries keeps its counter instance name, without "#37".
    assert.equal(m.processes.topCpu[5]?.name, 'svchost');
    assert.equal(m.processes.topMemory[0]?.name, 'Memory Compression');
    assert.equal(m.processes.topMemory.length, 10);
    assert.equal(m.uptimeSeconds, 5567);
  });

  it('reads the server sample with broken performance counters', () => {
    const m = parseMetrics(metricsRaw('server2022-vm'), NOW);
    assertValid(MetricsSection, m);
    // Win32_PerfFormattedData_* fail ("Invalid class"): Win32_Processor's LoadPercentage stands in.
    assert.equal(m.cpuPercent, 17);
    assert.deepEqual(m.processes.topCpu, []);
    assert.equal(m.processes.topMemory[0]?.name, 'sqlservr');
    assert.equal(m.disks.length, 2);
    assert.deepEqual(m.swap, { totalBytes: 2432 * MiB, usedBytes: 480 * MiB });
    assert.equal(m.uptimeSeconds, 6 * 86400 + 15 * 3600 + 24 * 60 + 50);
  });

  it('tells no page file from an unknown one', () => {
    const raw = copy(metricsRaw('server2022-vm'));
    raw.pageFiles = [];
    assert.deepEqual(parseMetrics(raw, NOW).swap, { totalBytes: 0, usedBytes: 0 });
    raw.pageFiles = { error: 'Access denied ' };
    raw.os = { error: 'Access denied ' };
    raw.network = null;
    raw.cpuLoad = { error: 'Invalid class ' };
    const m = parseMetrics(raw, NOW);
    assertValid(MetricsSection, m);
    assert.equal(m.swap, null);
    assert.equal(m.at, NOW.toISOString());
    assert.deepEqual(m.memory, { totalBytes: null, usedBytes: null, percent: null });
    assert.deepEqual(m.network, { rxBytes: null, txBytes: null });
    assert.equal(m.uptimeSeconds, null);
    assert.equal(m.cpuPercent, null);
  });
});
