import type { BrowserSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { collectBrowserExtensions, type UserHome } from '../common/browser.js';
import { inventorySection } from './powershell.js';
import { accountLeaf, bool, object, objects, str } from './values.js';

/** Profile folders that belong to no person. */
const NOT_A_PERSON = /^(default|default user|public|all users|defaultapppool)$/i;

/**
 * The home folders whose browser profiles to read: the user profiles of real accounts (local
 * S-1-5-21, Entra ID S-1-12-1), not Windows' own (systemprofile, LocalService, …, marked Special).
 */
export function browserHomes(raw: unknown): UserHome[] {
  const r = object(raw) ?? {};
  const homes: UserHome[] = [];
  for (const p of objects(r.profiles)) {
    const home = str(p.LocalPath);
    const sid = str(p.SID) ?? '';
    if (!home || bool(p.Special) === true || !/^S-1-(5-21|12-1)-/i.test(sid)) continue;
    const folder = home.split('\\').pop() ?? '';
    if (NOT_A_PERSON.test(folder) || /^[a-z]:\\windows\\/i.test(home)) continue;
    const account = str(p.Account);
    homes.push({ user: account ? accountLeaf(account) : folder, home });
  }
  return homes;
}

export async function collectBrowser(ctx: CollectContext): Promise<BrowserSection> {
  return collectBrowserExtensions(ctx, browserHomes(await inventorySection(ctx, 'browser')), 'windows');
}
