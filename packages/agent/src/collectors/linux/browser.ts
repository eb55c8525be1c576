import type { BrowserSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { collectBrowserExtensions, type UserHome } from '../common/browser.js';
import { readAccounts, uidMin, type PasswdEntry } from './shared.js';

/** Accounts people use (root and UID_MIN onwards, not nobody) with a real home folder: only they have browser profiles. */
export function browserHomes(users: PasswdEntry[], loginDefs: Record<string, string>): UserHome[] {
  const min = uidMin(loginDefs);
  const seen = new Set<string>();
  const out: UserHome[] = [];
  for (const u of users) {
    if (!(u.uid === 0 || (u.uid >= min && u.uid !== 65534))) continue;
    if (!u.home.startsWith('/') || u.home === '/' || u.home === '/nonexistent' || seen.has(u.home)) continue;
    seen.add(u.home);
    out.push({ user: u.name, home: u.home });
  }
  return out;
}

export async function collectBrowser(ctx: CollectContext): Promise<BrowserSection> {
  const { users, loginDefs } = await readAccounts(ctx);
  return collectBrowserExtensions(ctx, browserHomes(users, loginDefs), 'linux');
}
