import path from 'node:path';
import { LIMITS, type BrowserSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';

/** A local account whose browser profiles to read. */
export interface UserHome {
  user: string;
  home: string;
}

type Extension = BrowserSection['extensions'][number];
type Layout = 'linux' | 'windows' | 'macos';

interface BrowserRoot {
  browser: 'chrome' | 'chromium' | 'edge' | 'brave' | 'firefox';
  /** Path segments under the home folder. */
  under: string[];
}

/** Where each browser keeps its profiles, per OS. */
export function browserRoots(layout: Layout): BrowserRoot[] {
  if (layout === 'windows') {
    const local = ['AppData', 'Local'];
    return [
      { browser: 'chrome', under: [...local, 'Google', 'Chrome', 'User Data'] },
      { browser: 'edge', under: [...local, 'Microsoft', 'Edge', 'User Data'] },
      { browser: 'brave', under: [...local, 'BraveSoftware', 'Brave-Browser', 'User Data'] },
      { browser: 'chromium', under: [...local, 'Chromium', 'User Data'] },
      { browser: 'firefox', under: ['AppData', 'Roaming', 'Mozilla', 'Firefox', 'Profiles'] },
    ];
  }
  if (layout === 'macos') {
    const support = ['Library', 'Application Support'];
    return [
      { browser: 'chrome', under: [...support, 'Google', 'Chrome'] },
      { browser: 'edge', under: [...support, 'Microsoft Edge'] },
      { browser: 'brave', under: [...support, 'BraveSoftware', 'Brave-Browser'] },
      { browser: 'chromium', under: [...support, 'Chromium'] },
      { browser: 'firefox', under: [...support, 'Firefox', 'Profiles'] },
    ];
  }
  return [
    { browser: 'chrome', under: ['.config', 'google-chrome'] },
    { browser: 'chromium', under: ['.config', 'chromium'] },
    { browser: 'edge', under: ['.config', 'microsoft-edge'] },
    { browser: 'brave', under: ['.config', 'BraveSoftware', 'Brave-Browser'] },
    { browser: 'firefox', under: ['.mozilla', 'firefox'] },
    // Snap and Flatpak packages keep their profiles inside their sandboxes.
    { browser: 'chromium', under: ['snap', 'chromium', 'common', 'chromium'] },
    { browser: 'firefox', under: ['snap', 'firefox', 'common', '.mozilla', 'firefox'] },
    { browser: 'firefox', under: ['.var', 'app', 'org.mozilla.firefox', '.mozilla', 'firefox'] },
    { browser: 'chrome', under: ['.var', 'app', 'com.google.Chrome', 'config', 'google-chrome'] },
  ];
}

// ---------------------------------------------------------------------------------------------
// JSON without `any`

type Json = Record<string, unknown>;
const asObject = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function parseJson(text: string | undefined): Json | undefined {
  if (!text) return undefined;
  try {
    // Some files start with a UTF-8 byte-order mark.
    return asObject(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
  } catch {
    return undefined;
  }
}

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);
const clipList = (list: string[]) => [...new Set(list)].slice(0, 256).map((p) => clip(p, LIMITS.name));

// ---------------------------------------------------------------------------------------------
// Chromium family

/** "1.10.2_0" > "1.9.0_0": version folders compared number by number. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[._-]/).map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split(/[._-]/).map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** A `__MSG_key__` placeholder resolved from _locales/<locale>/messages.json (keys are case-insensitive). */
export function resolveMessage(value: string, messages: Json | undefined): string | undefined {
  const m = /^__MSG_(.+)__$/.exec(value);
  if (!m?.[1]) return value;
  if (!messages) return undefined;
  const key = m[1].toLowerCase();
  for (const [k, v] of Object.entries(messages)) {
    if (k.toLowerCase() === key) return asString(asObject(v)?.message);
  }
  return undefined;
}

/**
 * Enabled state from the profile's extension settings. Chrome used `state` (1 on, 0 off) and
 * now records only `disable_reasons` (a bit field, or a list in recent versions): no reasons,
 * enabled. Without a settings entry the state is unknown.
 */
export function chromiumEnabled(settings: Json | undefined): boolean | null {
  if (!settings) return null;
  const reasons = settings.disable_reasons;
  if (Array.isArray(reasons)) return reasons.length === 0;
  if (typeof reasons === 'number') return reasons === 0;
  if (typeof settings.state === 'number') return settings.state === 1;
  return true;
}

/** Chromium profile folders: Default, Profile 1…n, and the guest profile. */
const CHROMIUM_PROFILE = /^(Default|Profile \d+|Guest Profile)$/;

async function chromiumProfile(ctx: CollectContext, join: (...p: string[]) => string, root: BrowserRoot, user: string, profileDir: string, profile: string): Promise<Extension[]> {
  const extDir = join(profileDir, 'Extensions');
  const ids = (await ctx.listDir(extDir)).filter((id) => /^[a-p]{32}$/.test(id));
  if (!ids.length) return [];
  // Secure Preferences holds the MAC-protected extension settings on Windows and macOS (and
  // newer Linux builds); Preferences holds them otherwise. Read both, the protected one last.
  const settings: Json = {};
  for (const file of ['Preferences', 'Secure Preferences']) {
    const prefs = parseJson(await ctx.readText(join(profileDir, file)));
    const entries = asObject(asObject(asObject(prefs?.extensions)?.settings));
    if (entries) for (const [id, s] of Object.entries(entries)) settings[id] = { ...asObject(settings[id]), ...asObject(s) };
  }
  const out: Extension[] = [];
  for (const id of ids) {
    const versions = (await ctx.listDir(join(extDir, id))).filter((v) => /^\d/.test(v)).sort(compareVersions);
    const versionDir = versions.at(-1);
    if (!versionDir) continue;
    const dir = join(extDir, id, versionDir);
    const manifest = parseJson(await ctx.readText(join(dir, 'manifest.json')));
    if (!manifest) continue;
    let name = asString(manifest.name) ?? id;
    if (name.startsWith('__MSG_')) {
      const locale = asString(manifest.default_locale) ?? 'en';
      const messages = parseJson(await ctx.readText(join(dir, '_locales', locale, 'messages.json')));
      name = resolveMessage(name, messages) ?? asString(asObject(asObject(settings[id])?.manifest)?.name) ?? id;
    }
    out.push({
      browser: root.browser,
      user: clip(user, LIMITS.name),
      profile: clip(profile, LIMITS.name),
      id: clip(id, LIMITS.name),
      name: clip(name, LIMITS.name),
      version: clip(asString(manifest.version) ?? versionDir.replace(/_\d+$/, ''), LIMITS.version),
      enabled: chromiumEnabled(asObject(settings[id])),
      permissions: clipList([...asStrings(manifest.permissions), ...asStrings(manifest.host_permissions)]),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Firefox

/** Add-ons that ship with Firefox itself (built-in themes, system add-ons): part of the browser, not installed by anyone. */
const FIREFOX_BUILT_IN = new Set(['app-builtin', 'app-system-defaults', 'app-system-addons']);

/** A Firefox profile's extensions.json → its extensions. */
export function parseFirefoxExtensions(text: string | undefined, user: string, profile: string): Extension[] {
  const addons = parseJson(text)?.addons;
  if (!Array.isArray(addons)) return [];
  const out: Extension[] = [];
  for (const raw of addons) {
    const a = asObject(raw);
    const id = asString(a?.id);
    if (!a || !id || a.type !== 'extension' || FIREFOX_BUILT_IN.has(asString(a.location) ?? '')) continue;
    const perms = asObject(a.userPermissions);
    out.push({
      browser: 'firefox',
      user: clip(user, LIMITS.name),
      profile: clip(profile, LIMITS.name),
      id: clip(id, LIMITS.name),
      name: clip(asString(asObject(a.defaultLocale)?.name) ?? id, LIMITS.name),
      version: typeof a.version === 'string' ? clip(a.version, LIMITS.version) : null,
      enabled: typeof a.active === 'boolean' ? a.active : null,
      permissions: clipList([...asStrings(perms?.permissions), ...asStrings(perms?.origins)]),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/**
 * Browser extensions of every profile of every given user, for Chrome, Chromium, Edge, Brave and
 * Firefox, with the profile folder layout of the given OS. Shared by the three platforms: only
 * where the profiles live differs.
 */
export async function collectBrowserExtensions(ctx: CollectContext, homes: UserHome[], layout: 'linux' | 'windows' | 'macos'): Promise<BrowserSection> {
  const join = layout === 'windows' ? path.win32.join : path.posix.join;
  const roots = browserRoots(layout);
  const extensions: Extension[] = [];
  for (const { user, home } of homes) {
    for (const root of roots) {
      const rootDir = join(home, ...root.under);
      const entries = await ctx.listDir(rootDir);
      if (!entries.length) continue;
      if (root.browser === 'firefox') {
        for (const entry of entries) {
          if (entry.endsWith('.ini') || entry === 'Crash Reports' || entry === 'Pending Pings') continue;
          extensions.push(...parseFirefoxExtensions(await ctx.readText(join(rootDir, entry, 'extensions.json')), user, entry));
        }
      } else {
        for (const entry of entries.filter((e) => CHROMIUM_PROFILE.test(e))) {
          extensions.push(...(await chromiumProfile(ctx, join, root, user, join(rootDir, entry), entry)));
        }
      }
      if (extensions.length >= LIMITS.extensions) break;
    }
  }
  return { extensions: extensions.slice(0, LIMITS.extensions) };
}
