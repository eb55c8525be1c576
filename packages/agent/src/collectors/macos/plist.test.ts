import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, fixtureContext } from './fixture-context.js';
import { parsePlist, plistArray, plistDict, readPlist, tryParsePlist } from './plist.js';

test('parses every XML plist type, entities and empty elements', () => {
  const value = parsePlist(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<!-- a comment -->
<dict>
	<key>Label</key>
	<string>com.example.a &amp; b &lt;c&gt; &#233;</string>
	<key>Count</key>
	<integer>-42</integer>
	<key>Ratio</key>
	<real>1712046971.2089181</real>
	<key>On</key>
	<true/>
	<key>Off</key>
	<false/>
	<key>When</key>
	<date>2024-05-14T06:58:12Z</date>
	<key>Blob</key>
	<data>
	AAEC
	AwQ=
	</data>
	<key>Empty</key>
	<string/>
	<key>NoItems</key>
	<array/>
	<key>Nested</key>
	<array>
		<dict>
			<key>x</key>
			<string></string>
		</dict>
		<array><integer>1</integer><integer>2</integer></array>
	</array>
</dict>
</plist>`);
  assert.deepEqual(value, {
    Label: 'com.example.a & b <c> é',
    Count: -42,
    Ratio: 1712046971.2089181,
    On: true,
    Off: false,
    When: '2024-05-14T06:58:12Z',
    Blob: 'AAECAwQ=',
    Empty: '',
    NoItems: [],
    Nested: [{ x: '' }, [1, 2]],
  });
});

test('malformed input throws; tryParsePlist turns it into undefined', () => {
  assert.throws(() => parsePlist('<plist><dict><key>a</key></dict></plist>'));
  assert.throws(() => parsePlist('<plist><dict><key>a</key><string>x</dict></plist>'));
  assert.equal(tryParsePlist('<plist><array><string>x</array></plist>'), undefined);
  assert.equal(tryParsePlist('bplist00\u0000\u0001'), undefined);
  assert.equal(tryParsePlist(undefined), undefined);
});

test('InstallHistory.plist parses into its install events', () => {
  const events = plistArray(parsePlist(fixture('sonoma-mbp', 'files/Library/Receipts/InstallHistory.plist')));
  assert.equal(events.length, 16);
  const word = plistDict(events[11]);
  assert.equal(word?.displayName, 'Microsoft Word');
  assert.deepEqual(word?.packageIdentifiers, ['com.microsoft.package.Microsoft_Word.app']);
});

test('readPlist reads XML directly and binary plists through plutil', async () => {
  const ctx = fixtureContext('sonoma-mbp');
  const xml = plistDict(await readPlist(ctx, '/Library/LaunchDaemons/com.docker.vmnetd.plist'));
  assert.equal(xml?.Label, 'com.docker.vmnetd');
  assert.equal(ctx.calls.length, 0, 'an XML plist needs no process');

  const binary = plistDict(await readPlist(ctx, '/Library/LaunchDaemons/com.microsoft.autoupdate.helper.plist'));
  assert.equal(binary?.Label, 'com.microsoft.autoupdate.helper');
  assert.deepEqual(ctx.calls, ['/usr/bin/plutil -convert xml1 -o - /Library/LaunchDaemons/com.microsoft.autoupdate.helper.plist']);

  // A receipt plutil cannot convert, and a file that does not exist.
  assert.equal(await readPlist(ctx, '/var/db/receipts/org.python.Python.PythonDocumentation-3.12.plist'), undefined);
  assert.equal(await readPlist(ctx, '/nonexistent.plist'), undefined);
});
