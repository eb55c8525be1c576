import type { BrowserSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';
import { collectBrowserExtensions, type UserHome } from '../common/browser.js';
import { loadUsers, parseDsclRecords } from './users.js';

/**
 * The people whose browser profiles to read: accounts from uid 500 up (where macOS starts real
 * users) with a home under /Users. Service accounts, root and hidden admins homed elsewhere
 * have no browser profiles worth reading.
 */
export function browserHomes(dsclUsers: string | undefined): UserHome[] {
  const homes: UserHome[] = [];
  for (const record of parseDsclRecords(dsclUsers)) {
    const user = record.get('RecordName')?.[0];
    const uid = Number(record.get('UniqueID')?.[0]);
    const home = record.get('NFSHomeDirectory')?.[0];
    if (!user || user.startsWith('_') || !Number.isInteger(uid) || uid < 500 || !home?.startsWith('/Users/')) continue;
    homes.push({ user, home });
  }
  return homes;
}

export async function collectBrowser(ctx: CollectContext): Promise<BrowserSection> {
  return collectBrowserExtensions(ctx, browserHomes(await loadUsers(ctx)), 'macos');
}
