import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SoftwareSection, softwareKey, type SoftwareItem } from '@muster/protocol';
import { assertSchema, fixture, fixtureContext, type MachineName } from './fixture-context.js';
import { parsePlist, type PlistValue } from './plist.js';
import { parseProfilerJson } from './profiler.js';
import { compareVersions, listBrew, parseApplications, parseBrew, parseReceipts, parseSoftware, publisherOf } from './software.js';
import { parseInstallHistory } from './updates.js';

const find = (items: SoftwareItem[], source: string, name: string, user: string | null = null) =>
  items.find((i) => i.source === source && i.name === name && (i.user ?? null) === user);

/** Receipts as the collector reads them: the recorded plutil output for each /var/db/receipts entry. */
function receiptsOf(machine: MachineName): { ids: string[]; receipts: Map<string, PlistValue | undefined> } {
  const ids = fixture(machine, 'tree.txt')
    .split('\n')
    .filter((p) => p.startsWith('/var/db/receipts/') && p.endsWith('.plist'))
    .map((p) => p.slice('/var/db/receipts/'.length, -'.plist'.length));
  const receipts = new Map<string, PlistValue | undefined>();
  for (const id of ids) {
    try {
      receipts.set(id, parsePlist(fixture(machine, `plutil/var/db/receipts/${id}.plist`)));
    } catch {
      receipts.set(id, undefined);
    }
  }
  return { ids, receipts };
}

test('applications: version, publisher from the signature, arch from arch_kind, per-user installs', () => {
  const apps = parseApplications(parseProfilerJson(fixture('sonoma-mbp', 'system_profiler-apps.json')));
  // 39 bundles, of which two "Python Launcher"s share one identity.
  assert.equal(apps.length, 38);
  assert.ok(apps.every((a) => a.source === 'app'));
  assert.deepEqual(find(apps, 'app', 'Google Chrome'), {
    name: 'Google Chrome',
    version: '125.0.6422.142',
    publisher: 'Google LLC',
    arch: 'universal',
    source: 'app',
    installDate: null,
    installLocation: '/Applications/Google Chrome.app',
    sizeBytes: null,
    user: null,
    purl: null,
  });
  assert.equal(find(apps, 'app', 'Safari')?.publisher, 'Apple');
  assert.equal(find(apps, 'app', 'Finder')?.publisher, 'Apple');
  assert.equal(find(apps, 'app', 'Visual Studio Code')?.arch, 'arm64');
  assert.equal(find(apps, 'app', 'Garmin Express')?.arch, 'x86_64');
  // App Store apps are re-signed by Apple: the developer is not in the signature.
  assert.equal(find(apps, 'app', 'WhatsApp')?.publisher, null);
  assert.equal(find(apps, 'app', 'Google Meet', 'anna')?.installLocation, '/Users/anna/Applications/Chrome Apps.localized/Google Meet.app');
  // A bundle without a version: empty, not invented.
  assert.equal(find(apps, 'app', 'hid-tool', 'tom')?.version, '');
  assert.equal(find(apps, 'app', 'Python Launcher')?.version, '3.12.3');
});

test('publisher spellings', () => {
  assert.equal(publisherOf({ signed_by: ['Developer ID Application: Zoom Video Communications, Inc. (BJ4HAAB9B3)'] }), 'Zoom Video Communications, Inc.');
  assert.equal(publisherOf({ signed_by: ['macOS Software Signing', 'Apple Code Signing Certification Authority'] }), 'Apple');
  assert.equal(publisherOf({ obtained_from: 'apple' }), 'Apple');
  assert.equal(publisherOf({ obtained_from: 'identified_developer' }), null);
  assert.equal(publisherOf({ obtained_from: 'unknown' }), null);
});

test('receipts: identifier, version, date and prefix; an unreadable receipt falls back to the install history', () => {
  const { ids, receipts } = receiptsOf('sonoma-mbp');
  const history = parseInstallHistory(fixture('sonoma-mbp', 'files/Library/Receipts/InstallHistory.plist'));
  const pkgs = parseReceipts(ids, receipts, history);
  assert.equal(pkgs.length, 16);
  assert.ok(pkgs.every((p) => p.source === 'pkg'));
  const zoom = find(pkgs, 'pkg', 'us.zoom.pkg.videomeeting');
  assert.equal(zoom?.version, '6.0.11.35001');
  assert.equal(zoom?.installDate, '2024-05-20T09:37:41.000Z');
  assert.equal(zoom?.installLocation, '/Applications');
  assert.equal(find(pkgs, 'pkg', 'com.apple.pkg.CLTools_Executables')?.version, '15.3.0.0.1.1708646388');
  // PythonDocumentation's receipt could not be converted: still installed, dated by the history.
  const docs = find(pkgs, 'pkg', 'org.python.Python.PythonDocumentation-3.12');
  assert.equal(docs?.installDate, '2024-04-09T13:30:41.000Z');
  assert.equal(docs?.version, '');
});

test('Homebrew: formulae per prefix and arch, casks, newest of several kept versions', () => {
  const items = parseBrew([
    { prefix: '/opt/homebrew', kind: 'formula', name: 'python@3.12', versions: ['3.12.3', '3.12.10', '3.12.2_1'] },
    { prefix: '/opt/homebrew', kind: 'cask', name: 'docker', versions: ['.metadata', '4.30.0,149282'] },
    { prefix: '/usr/local', kind: 'formula', name: 'imagemagick', versions: ['7.1.1-9', '7.1.1-12'] },
    { prefix: '/usr/local', kind: 'formula', name: 'empty', versions: [] },
  ]);
  assert.deepEqual(
    items.map((i) => [i.name, i.version, i.arch, i.installLocation]),
    [
      ['python@3.12', '3.12.10', 'arm64', '/opt/homebrew/Cellar/python@3.12/3.12.10'],
      ['docker', '4.30.0,149282', null, '/opt/homebrew/Caskroom/docker/4.30.0,149282'],
      ['imagemagick', '7.1.1-12', 'x86_64', '/usr/local/Cellar/imagemagick/7.1.1-12'],
    ],
  );
  assert.ok(compareVersions('2.45.1', '2.9.0') > 0);
  assert.ok(compareVersions('1.0', '1.0.1') < 0);
});

test('Sonoma MacBook Pro: the whole section, reading Homebrew from /opt/homebrew', async () => {
  const { ids, receipts } = receiptsOf('sonoma-mbp');
  const software = parseSoftware({
    applications: parseProfilerJson(fixture('sonoma-mbp', 'system_profiler-apps.json')),
    receiptIds: ids,
    receipts,
    installHistory: fixture('sonoma-mbp', 'files/Library/Receipts/InstallHistory.plist'),
    brew: await listBrew(fixtureContext('sonoma-mbp')),
  });
  assertSchema(SoftwareSection, software);
  const count = (source: string) => software.items.filter((i) => i.source === source).length;
  assert.equal(count('app'), 38);
  assert.equal(count('pkg'), 16);
  assert.equal(count('brew'), 13);
  assert.equal(find(software.items, 'brew', 'python@3.12')?.version, '3.12.3');
  // The docker formula (arm64) and the Docker Desktop cask are different identities.
  const docker = software.items.filter((i) => i.source === 'brew' && i.name === 'docker');
  assert.deepEqual(
    docker.map((d) => [d.version, d.arch]),
    [
      ['26.1.3', 'arm64'],
      ['4.30.0,149282', null],
    ],
  );
  const keys = software.items.map(softwareKey);
  assert.equal(new Set(keys).size, keys.length, 'every item is a distinct identity');
});

test('Ventura iMac: Office receipts, Intel Homebrew in /usr/local, a domain user’s own Firefox', async () => {
  const { ids, receipts } = receiptsOf('ventura-imac');
  const software = parseSoftware({
    applications: parseProfilerJson(fixture('ventura-imac', 'system_profiler-apps.json')),
    receiptIds: ids,
    receipts,
    installHistory: fixture('ventura-imac', 'files/Library/Receipts/InstallHistory.plist'),
    brew: await listBrew(fixtureContext('ventura-imac')),
  });
  assertSchema(SoftwareSection, software);
  assert.equal(software.items.filter((i) => i.source === 'app').length, 31);
  assert.equal(software.items.filter((i) => i.source === 'pkg').length, 11);
  assert.equal(find(software.items, 'pkg', 'com.microsoft.package.Microsoft_Excel.app')?.version, '16.74.23061100');
  assert.equal(find(software.items, 'app', 'zoom.us')?.arch, 'x86_64');
  assert.equal(find(software.items, 'app', 'Firefox')?.version, '115.0.2');
  assert.equal(find(software.items, 'app', 'Firefox', 'jdoe')?.version, '102.12.0esr');
  const brew = software.items.filter((i) => i.source === 'brew');
  assert.equal(brew.length, 10);
  assert.ok(brew.filter((i) => i.installLocation?.includes('/Cellar/')).every((i) => i.arch === 'x86_64'));
  assert.equal(find(brew, 'brew', 'google-chrome')?.version, 'latest');
});
