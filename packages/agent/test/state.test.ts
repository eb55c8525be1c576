import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { DeltaReport, diffSoftware, FullReport, INVENTORY_SECTIONS, MetricsReport, sectionHash, stateHash, validate, type SoftwareItem } from '@muster/protocol';
import {
  InventoryStore,
  SequenceStore,
  ackedAfter,
  buildFullReport,
  buildInventoryReport,
  buildMetricsReport,
  errorHash,
  type HeadState,
} from '../src/state.js';
import { identity, machine, metricsSample, software, tempDir } from './helpers/machine.js';

function counter(start = 0): () => number {
  let n = start;
  return () => n++;
}

function fullHead(): HeadState {
  return buildFullReport(machine(), identity, 0).head;
}

describe('full reports', () => {
  test('carry every inventory section as {hash, data} or {hash, error} and validate', () => {
    const { report, head } = buildFullReport(machine(), identity, 7, new Date('2024-05-01T10:00:00Z'));
    const checked = validate(FullReport, report);
    assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.issues));
    assert.equal(report.protocol, 1);
    assert.equal(report.sequence, 7);
    assert.equal(report.collectedAt, '2024-05-01T10:00:00.000Z');
    assert.deepEqual(report.agent, identity);
    assert.match(report.reportId, /^[0-9a-f-]{36}$/);
    for (const name of INVENTORY_SECTIONS) assert.ok(report.sections[name], `section ${name} missing`);
    const hardware = report.sections.hardware;
    assert.ok(hardware && 'error' in hardware);
    assert.equal(hardware.hash, errorHash({ code: 'permission', message: 'dmidecode needs root' }));
    assert.equal(report.sections.software?.hash, sectionHash('software', { items: software() }));
    assert.equal(head.hashes.software, report.sections.software?.hash);
    assert.equal(head.software?.length, 3);
  });

  test('each report gets a fresh reportId', () => {
    assert.notEqual(buildFullReport(machine(), identity, 1).report.reportId, buildFullReport(machine(), identity, 2).report.reportId);
  });

  test('data that breaks its schema becomes an error entry instead of spoiling the report', () => {
    const collected = machine();
    collected.os = { data: { platform: 'linux', name: 'x'.repeat(5000), version: '12', arch: 'x86_64' } };
    const { report } = buildFullReport(collected, identity, 1);
    assert.ok(validate(FullReport, report).ok);
    const os = report.sections.os;
    assert.ok(os && 'error' in os);
    assert.equal(os.error.code, 'invalid');
  });
});

describe('deltas', () => {
  test('an unchanged machine produces no report (a check-in is enough)', () => {
    const built = buildInventoryReport(machine(), { head: fullHead(), fullRequired: false }, identity, counter());
    assert.equal(built, null);
  });

  test('the software order does not matter', () => {
    const built = buildInventoryReport(machine(software().reverse()), { head: fullHead(), fullRequired: false }, identity, counter());
    assert.equal(built, null);
  });

  test('a section error that persists is unchanged; a different error is a change', () => {
    const head = fullHead();
    assert.equal(buildInventoryReport(machine(), { head, fullRequired: false }, identity, counter()), null);
    const other = machine();
    other.hardware = { error: { code: 'timeout', message: 'section hardware did not finish within 60000 ms' } };
    const built = buildInventoryReport(other, { head, fullRequired: false }, identity, counter());
    assert.ok(built && built.report.kind === 'delta');
    assert.deepEqual(Object.keys(built.report.sections), ['hardware']);
  });

  test('one package upgraded gives a delta with one `updated` item and nothing else', () => {
    const head = fullHead();
    const items = software();
    items[0] = { ...items[0]!, version: '3.0.13-1' };
    const built = buildInventoryReport(machine(items), { head, fullRequired: false }, identity, counter(41));
    assert.ok(built && built.report.kind === 'delta');
    const report = built.report;
    const checked = validate(DeltaReport, report);
    assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.issues));
    assert.equal(report.sequence, 41);
    assert.equal(report.baseStateHash, stateHash(head.hashes));
    assert.deepEqual(report.sections, {}, 'software travels only as softwareDelta');
    assert.ok(report.softwareDelta);
    assert.deepEqual(report.softwareDelta.added, []);
    assert.deepEqual(report.softwareDelta.removed, []);
    assert.deepEqual(report.softwareDelta.updated, [items[0]]);
    assert.equal(report.softwareDelta.baseHash, head.hashes.software);
    assert.equal(report.softwareDelta.hash, sectionHash('software', { items }));
    assert.equal(built.head.hashes.software, report.softwareDelta.hash);
    assert.equal(built.head.hashes.os, head.hashes.os, 'untouched sections keep their hash');
  });

  test('installs and removals', () => {
    const head = fullHead();
    const items = software().filter((i) => i.name !== 'curl');
    const git: SoftwareItem = { name: 'git', version: '1:2.39.2-1.1', source: 'deb', arch: 'amd64' };
    items.push(git);
    const built = buildInventoryReport(machine(items), { head, fullRequired: false }, identity, counter());
    assert.ok(built && built.report.kind === 'delta' && built.report.softwareDelta);
    assert.deepEqual(built.report.softwareDelta.added, [git]);
    assert.deepEqual(built.report.softwareDelta.removed, [{ name: 'curl', source: 'deb', arch: 'amd64', version: '7.88.1-10' }]);
    assert.deepEqual(built.report.softwareDelta.updated, []);
  });

  test('a changed section is carried in full, with its new hash', () => {
    const head = fullHead();
    const collected = machine();
    collected.system = { data: { hostname: 'web-2' } };
    const built = buildInventoryReport(collected, { head, fullRequired: false }, identity, counter());
    assert.ok(built && built.report.kind === 'delta');
    assert.deepEqual(built.report.sections.system, { hash: sectionHash('system', { hostname: 'web-2' }), data: { hostname: 'web-2' } });
    assert.equal(built.report.softwareDelta, undefined);
  });

  test('a partial collection only compares the sections it holds', () => {
    const head = fullHead();
    const built = buildInventoryReport({ system: { data: { hostname: 'web-2' } } }, { head, fullRequired: false }, identity, counter());
    assert.ok(built && built.report.kind === 'delta');
    assert.deepEqual(Object.keys(built.report.sections), ['system']);
    assert.equal(built.head.hashes.software, head.hashes.software);
    assert.deepEqual(built.head.software, head.software);
  });

  test('no head, or a full report required: the report is full', () => {
    assert.equal(buildInventoryReport(machine(), { head: null, fullRequired: false }, identity, counter())?.report.kind, 'full');
    assert.equal(buildInventoryReport(machine(), { head: fullHead(), fullRequired: true }, identity, counter())?.report.kind, 'full');
  });

  test('software coming back after an error is diffed against an empty list', () => {
    const withError = machine();
    withError.software = { error: { code: 'timeout', message: 'dpkg-query timed out' } };
    const head = buildFullReport(withError, identity, 0).head;
    assert.equal(head.software, undefined);
    const built = buildInventoryReport(machine(), { head, fullRequired: false }, identity, counter());
    assert.ok(built && built.report.kind === 'delta' && built.report.softwareDelta);
    assert.equal(built.report.softwareDelta.added.length, 3);
    assert.equal(built.report.softwareDelta.baseHash, head.hashes.software);
  });

  test('several installs under one identity are diffed by exact version', () => {
    const k1: SoftwareItem = { name: 'kernel', version: '5.14.0-1', source: 'rpm', arch: 'x86_64' };
    const k2: SoftwareItem = { name: 'kernel', version: '5.14.0-2', source: 'rpm', arch: 'x86_64' };
    const k3: SoftwareItem = { name: 'kernel', version: '5.14.0-3', source: 'rpm', arch: 'x86_64' };
    const diff = diffSoftware([k1, k2], [k2, k3]);
    assert.deepEqual(diff.added, [k3]);
    assert.deepEqual(diff.removed, [{ name: 'kernel', source: 'rpm', arch: 'x86_64', version: '5.14.0-1' }]);
    assert.deepEqual(diff.updated, []);
  });

  test('the acknowledged state follows the report the server accepted', () => {
    const full = buildFullReport(machine(), identity, 0);
    const acked = ackedAfter(null, full.report);
    assert.deepEqual(acked, full.head.hashes);
    const items = software();
    items[1] = { ...items[1]!, version: '5.2.21-2' };
    const delta = buildInventoryReport(machine(items), { head: full.head, fullRequired: false }, identity, counter());
    assert.ok(delta && delta.report.kind === 'delta');
    assert.deepEqual(ackedAfter(acked, delta.report), delta.head.hashes);
    assert.equal(stateHash(ackedAfter(acked, delta.report)), stateHash(delta.head.hashes));
  });

  test('metrics reports batch samples and validate', () => {
    const report = buildMetricsReport([metricsSample(), metricsSample()], identity, 3);
    assert.ok(validate(MetricsReport, report).ok);
    assert.equal(report.samples.length, 2);
  });
});

describe('persistence', () => {
  test('the inventory state survives a restart; a corrupt file costs one full report', () => {
    const dir = tempDir();
    const file = path.join(dir, 'inventory.json');
    const store = new InventoryStore(file);
    assert.deepEqual(store.load(), { head: null, acked: null, fullRequired: true });
    const head = fullHead();
    store.save({ head, acked: head.hashes, fullRequired: false });
    const again = new InventoryStore(file).load();
    assert.deepEqual(again.head, head);
    assert.equal(again.fullRequired, false);
    assert.equal(new InventoryStore(file).ackedStateHash(), stateHash(head.hashes));
    fs.writeFileSync(file, '{"head": ');
    assert.deepEqual(new InventoryStore(file).load(), { head: null, acked: null, fullRequired: true });
  });

  test('the sequence increases across restarts and never repeats', () => {
    const dir = tempDir();
    const file = path.join(dir, 'sequence');
    const a = new SequenceStore(file);
    assert.deepEqual([a.take(), a.take(), a.take()], [0, 1, 2]);
    const b = new SequenceStore(file);
    assert.equal(b.take(), 3);
  });
});
