import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SectionSchemas, validate } from '@muster/protocol';
import { systemContext, type CollectContext } from '../context.js';
import { browserRoots, chromiumEnabled, collectBrowserExtensions, compareVersions, resolveMessage } from './browser.js';

const UBLOCK = 'cjpalhdlnbpafiamejdnhcphjbkeiagm';
const DOCS = 'ghbmnnjooekpmoecnnnilnnbdlolhkhi';
const GRAMMARLY = 'kbfnbcaeplbcioakkpcpgfkobkghlhen';
const EDGE_TRANSLATE = 'jmjflgjpcpepeafmmgdpfkogkghcpiha';

function write(file: string, content: string | object): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
}

/** One user's home with Chrome (two profiles), Edge and Firefox, laid out the way `layout` keeps them. */
function buildHome(home: string, layout: 'linux' | 'windows' | 'macos'): void {
  const root = (browser: string) => path.join(home, ...(browserRoots(layout).find((r) => r.browser === browser)?.under ?? []));
  const chrome = root('chrome');
  // uBlock Origin: localized name (key case differs from the placeholder), an old version folder left behind.
  write(path.join(chrome, 'Default', 'Extensions', UBLOCK, '1.9.0_0', 'manifest.json'), { name: 'uBlock Origin (old)', version: '1.9.0', manifest_version: 2 });
  const ublock = path.join(chrome, 'Default', 'Extensions', UBLOCK, '1.58.0_0');
  write(path.join(ublock, 'manifest.json'), { name: '__MSG_extName__', version: '1.58.0', default_locale: 'en', manifest_version: 3, permissions: ['storage', 'tabs', { fileSystem: ['write'] }], host_permissions: ['<all_urls>'] });
  write(path.join(ublock, '_locales', 'en', 'messages.json'), { ExtName: { message: 'uBlock Origin', description: 'extension name' } });
  // Google Docs Offline, disabled by the user (disable_reasons, as current Chrome records it).
  write(path.join(chrome, 'Default', 'Extensions', DOCS, '1.81.1_0', 'manifest.json'), { name: 'Google Docs Offline', version: '1.81.1', manifest_version: 3 });
  write(path.join(chrome, 'Default', 'Extensions', 'Temp', 'scoped_dir_1', 'junk'), 'x');
  write(path.join(chrome, 'Default', 'Preferences'), { profile: { name: 'Person 1' }, extensions: { settings: { [UBLOCK]: { state: 1, location: 1 } } } });
  write(path.join(chrome, 'Default', 'Secure Preferences'), { extensions: { settings: { [DOCS]: { disable_reasons: [1], location: 1 } } } });
  write(path.join(chrome, 'Profile 1', 'Extensions', GRAMMARLY, '14.1150.0_0', 'manifest.json'), { name: 'Grammarly: AI Writing', version: '14.1150.0', manifest_version: 3, permissions: ['cookies'] });
  write(path.join(chrome, 'Profile 1', 'Preferences'), { extensions: { settings: { [GRAMMARLY]: { state: 0 } } } });
  // Not profiles: caches and system folders next to them.
  write(path.join(chrome, 'Crashpad', 'settings.dat'), 'x');
  write(path.join(chrome, 'System Profile', 'Extensions', UBLOCK, '1.0_0', 'manifest.json'), { name: 'system', version: '1.0' });

  const edge = root('edge');
  write(path.join(edge, 'Default', 'Extensions', EDGE_TRANSLATE, '2.0_0', 'manifest.json'), { name: 'Translator', version: '2.0', manifest_version: 3 });
  // Preferences unreadable (corrupt): enabled state unknown.
  write(path.join(edge, 'Default', 'Preferences'), '{not json');

  const firefox = root('firefox');
  write(path.join(firefox, 'profiles.ini'), '[Profile0]\nName=default-release\nPath=Profiles/abcd1234.default-release\n');
  write(path.join(firefox, 'abcd1234.default-release', 'extensions.json'), {
    schemaVersion: 36,
    addons: [
      { id: 'uBlock0@raymondhill.net', type: 'extension', version: '1.58.0', active: true, location: 'app-profile', defaultLocale: { name: 'uBlock Origin' }, userPermissions: { permissions: ['storage', 'tabs'], origins: ['<all_urls>'] } },
      { id: '{446900e4-71c2-419f-a6a7-df9c091e268b}', type: 'extension', version: '2024.1.0', active: false, userDisabled: true, location: 'app-profile', defaultLocale: { name: 'Bitwarden Password Manager' } },
      { id: 'firefox-compact-dark@mozilla.org', type: 'theme', version: '1.3', active: false, location: 'app-builtin', defaultLocale: { name: 'Dark' } },
      { id: 'formautofill@mozilla.org', type: 'extension', version: '1.0.1', active: true, location: 'app-builtin', defaultLocale: { name: 'Form Autofill' } },
      { id: 'screenshots@mozilla.org', type: 'extension', version: '39.0.1', active: true, location: 'app-system-defaults', defaultLocale: { name: 'Firefox Screenshots' } },
      { id: 'fr@dictionaries.addons.mozilla.org', type: 'dictionary', version: '7.0', active: true, location: 'app-profile', defaultLocale: { name: 'Dictionnaire français' } },
    ],
  });
  write(path.join(firefox, 'Crash Reports', 'InstallTime20240101'), '1');
}

/** Windows paths (C:\Users\…) mapped onto the temp folder, so the win32 layout runs on any OS. */
function windowsPathsOnPosix(ctx: CollectContext): CollectContext {
  const toPosix = (p: string) => p.replace(/\\/g, '/');
  return { ...ctx, readText: (p, max) => ctx.readText(toPosix(p), max), listDir: (p) => ctx.listDir(toPosix(p)), exists: (p) => ctx.exists(toPosix(p)) };
}

for (const layout of ['linux', 'windows', 'macos'] as const) {
  test(`browser extensions, ${layout} layout`, async (t) => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `muster-browser-${layout}-`));
    t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const home = path.join(tmp, 'alice');
    buildHome(home, layout);
    const ctx = layout === 'windows' ? windowsPathsOnPosix(systemContext()) : systemContext();
    const result = await collectBrowserExtensions(ctx, [{ user: 'alice', home }, { user: 'ghost', home: path.join(tmp, 'nobody-here') }], layout);
    const check = validate(SectionSchemas.browser, result);
    assert.ok(check.ok, JSON.stringify(check));

    const summary = result.extensions.map((e) => [e.browser, e.profile, e.name, e.version, e.enabled]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    assert.deepEqual(summary, [
      ['chrome', 'Default', 'Google Docs Offline', '1.81.1', false],
      ['chrome', 'Default', 'uBlock Origin', '1.58.0', true],
      ['chrome', 'Profile 1', 'Grammarly: AI Writing', '14.1150.0', false],
      ['edge', 'Default', 'Translator', '2.0', null],
      ['firefox', 'abcd1234.default-release', 'Bitwarden Password Manager', '2024.1.0', false],
      ['firefox', 'abcd1234.default-release', 'uBlock Origin', '1.58.0', true],
    ]);
    const ublock = result.extensions.find((e) => e.id === UBLOCK);
    assert.equal(ublock?.user, 'alice');
    assert.deepEqual(ublock?.permissions, ['storage', 'tabs', '<all_urls>']);
    assert.deepEqual(result.extensions.find((e) => e.id === 'uBlock0@raymondhill.net')?.permissions, ['storage', 'tabs', '<all_urls>']);
  });
}

test('helpers: version order, message lookup, enabled state', () => {
  assert.ok(compareVersions('1.10.2_0', '1.9.0_0') > 0);
  assert.deepEqual(['2.0_0', '10.0_0', '9.1_0'].sort(compareVersions), ['2.0_0', '9.1_0', '10.0_0']);
  assert.equal(resolveMessage('__MSG_appName__', { APPNAME: { message: 'Name' } }), 'Name');
  assert.equal(resolveMessage('Plain', undefined), 'Plain');
  assert.equal(resolveMessage('__MSG_missing__', {}), undefined);
  assert.equal(chromiumEnabled({ state: 1 }), true);
  assert.equal(chromiumEnabled({ state: 0 }), false);
  assert.equal(chromiumEnabled({ disable_reasons: 0, state: 0 }), true);
  assert.equal(chromiumEnabled({ disable_reasons: [] }), true);
  assert.equal(chromiumEnabled({ disable_reasons: 8192 }), false);
  assert.equal(chromiumEnabled({ location: 1 }), true);
  assert.equal(chromiumEnabled(undefined), null);
});
