import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserHomes, collectBrowser } from './browser.js';
import { fakeContext } from './fake-context.js';
import { parsePasswd } from './shared.js';
import { assertValidSection, fixture } from './test-support.js';

test('homes of people, not of system accounts', () => {
  assert.deepEqual(browserHomes(parsePasswd(fixture('passwd')), { UID_MIN: '1000' }), [
    { user: 'root', home: '/root' },
    { user: 'alice', home: '/home/alice' },
    { user: 'bob', home: '/home/bob' },
    { user: 'carol', home: '/home/carol' },
    { user: 'wheelie', home: '/home/wheelie' },
  ]);
});

test('collector: snap Firefox profile of a local user', async () => {
  const profile = '/home/alice/snap/firefox/common/.mozilla/firefox/x1y2z3.default';
  const ctx = fakeContext({
    files: {
      '/etc/passwd': fixture('passwd'),
      [`${profile}/extensions.json`]: JSON.stringify({ addons: [{ id: 'uBlock0@raymondhill.net', type: 'extension', version: '1.58.0', active: true, location: 'app-profile', defaultLocale: { name: 'uBlock Origin' } }] }),
    },
  });
  const browser = await collectBrowser(ctx);
  assertValidSection('browser', browser);
  assert.deepEqual(browser.extensions, [{ browser: 'firefox', user: 'alice', profile: 'x1y2z3.default', id: 'uBlock0@raymondhill.net', name: 'uBlock Origin', version: '1.58.0', enabled: true, permissions: [] }]);
});
